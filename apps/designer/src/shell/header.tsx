// Top bar: product name, language switch, who is signed in, sign in (e-mail and password, or an API key held in
// memory) / out, and the password change an administrator's reset asks for.
import { useState } from 'react';
import { BASE, navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import type { AppLang } from '../strings.ts';
import { PromptDialog } from './dialog.tsx';

export function Header() {
  const { t, lang, setLang, principal, account, checking, signIn, signInWithKey, changePassword, signOut } =
    useSession();
  const [signingIn, setSigningIn] = useState<'password' | 'key' | null>(null);
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
            <span className="muted">{checking ? t('loading') : t('anonymous')}</span>
            <button type="button" className="primary" onClick={() => setSigningIn('password')} data-testid="sign-in">
              {t('signIn')}
            </button>
          </div>
        )}
      </div>
      {signingIn === 'password' && (
        <PromptDialog
          key="password"
          title={t('signInTitle')}
          testId="sign-in-dialog"
          intro={
            <>
              <p>{t('signInIntro')}</p>
              <p className="hint">{t('signInWhere')}</p>
              <p>
                <button type="button" className="link" onClick={() => setSigningIn('key')} data-testid="use-key">
                  {t('useKey')}
                </button>
              </p>
            </>
          }
          fields={[
            { name: 'email', label: t('email'), autoComplete: 'username' },
            { name: 'password', label: t('password'), secret: true, autoComplete: 'current-password' },
          ]}
          submitLabel={t('signIn')}
          onClose={() => setSigningIn(null)}
          onSubmit={async ({ email, password }) => {
            await signIn(email!, password!);
            setSigningIn(null);
          }}
        />
      )}
      {signingIn === 'key' && (
        <PromptDialog
          key="key"
          title={t('keyTitle')}
          testId="key-dialog"
          intro={
            <>
              <p>{t('keyIntro')}</p>
              <p>
                <button type="button" className="link" onClick={() => setSigningIn('password')}>
                  {t('usePassword')}
                </button>
              </p>
            </>
          }
          fields={[{ name: 'key', label: t('apiKey'), secret: true }]}
          submitLabel={t('signIn')}
          onClose={() => setSigningIn(null)}
          onSubmit={async ({ key: k }) => {
            await signInWithKey(k!);
            setSigningIn(null);
          }}
        />
      )}
      {account?.mustChangePassword && (
        <PromptDialog
          title={t('changePasswordTitle')}
          testId="password-dialog"
          intro={<p>{t('changePasswordIntro')}</p>}
          fields={[
            { name: 'old', label: t('oldPassword'), secret: true, autoComplete: 'current-password' },
            { name: 'new', label: t('newPassword'), secret: true, autoComplete: 'new-password' },
          ]}
          submitLabel={t('changePassword')}
          onClose={signOut}
          onSubmit={async (v) => changePassword(v.old!, v.new!)}
        />
      )}
    </header>
  );
}
