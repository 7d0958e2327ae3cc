// Top bar: product name, language switch, who is signed in, sign in / out.
import { useState } from 'react';
import { BASE, navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import type { AppLang } from '../strings.ts';
import { PromptDialog } from './dialog.tsx';

export function Header() {
  const { t, lang, setLang, principal, key, signIn, signOut } = useSession();
  const [signingIn, setSigningIn] = useState(false);
  return (
    <header className="app-header">
      <a
        className="brand"
        href={`${BASE}/`}
        onClick={(e) => {
          e.preventDefault();
          navigate({ name: 'home' });
        }}
      >
        <span className="brand-mark" aria-hidden="true">
          DBI
        </span>
        <span>
          <strong>{t('appName')}</strong>
          <small>{t('appTagline')}</small>
        </span>
      </a>
      <div className="header-tools">
        <div className="lang-switch" role="group" aria-label={t('language')}>
          {(['vi', 'en'] as AppLang[]).map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={lang === l}
              data-testid={`lang-${l}`}
              onClick={() => setLang(l)}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        {principal ? (
          <div className="who" data-testid="signed-in">
            <span className="muted">{t('signedInAs')}</span>{' '}
            <span className="role-badge" data-testid="signed-in-role">
              {principal.role}
            </span>
            {principal.name && <span className="muted"> · {principal.name}</span>}
            <button type="button" className="link" onClick={signOut} data-testid="sign-out">
              {t('signOut')}
            </button>
          </div>
        ) : (
          <div className="who">
            <span className="muted">{key ? t('loading') : t('anonymous')}</span>
            <button type="button" className="primary" onClick={() => setSigningIn(true)} data-testid="sign-in">
              {t('signIn')}
            </button>
          </div>
        )}
      </div>
      {signingIn && (
        <PromptDialog
          title={t('signInTitle')}
          testId="sign-in-dialog"
          intro={
            <>
              <p>{t('signInIntro')}</p>
              <p className="hint">{t('signInWhere')}</p>
            </>
          }
          fields={[{ name: 'key', label: t('apiKey'), secret: true }]}
          submitLabel={t('signIn')}
          onClose={() => setSigningIn(false)}
          onSubmit={async ({ key: k }) => {
            await signIn(k!);
            setSigningIn(false);
          }}
        />
      )}
    </header>
  );
}
