// The first sign-in with a one-time password (an account the Ministry created or reset): the password is changed
// before anything else, as the sessions contract requires (until then the session acts for nobody outside /auth/*).
import { useState } from 'react';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';

const MIN = 12;

export function PasswordScreen() {
  const { api, t, account, signIn, showError } = useSession();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = {
    old: oldPassword ? null : t('required'),
    new: [...newPassword].length < MIN ? t('passwordShort') : newPassword === oldPassword ? t('passwordSame') : null,
    again: again === newPassword ? null : t('passwordMismatch'),
  };
  const bad = Object.values(problems).some(Boolean);
  const field = (k: keyof typeof problems, label: string, value: string, set: (v: string) => void, auto: string) => (
    <div className="field">
      <label htmlFor={`pw-${k}`}>{label}</label>
      <input
        id={`pw-${k}`}
        type="password"
        autoComplete={auto}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={tried && !!problems[k]}
        aria-describedby={tried && problems[k] ? `pw-${k}-err` : undefined}
        data-testid={`password-${k}`}
      />
      {tried && problems[k] && (
        <p id={`pw-${k}-err`} className="field-error" role="alert">
          {problems[k]}
        </p>
      )}
    </div>
  );
  return (
    <div className="page narrow" data-testid="password-screen">
      <h1>{t('passwordTitle')}</h1>
      <p>{t('passwordIntro')}</p>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (bad || !account?.email) return;
          setBusy(true);
          api
            .changePassword(oldPassword, newPassword)
            // The session is kept; signing in again gives the account as it now is (no password to change).
            .then(() => signIn(account.email!, newPassword))
            .then(
              () => navigate({ name: 'assessments' }),
              (err: unknown) => {
                setBusy(false);
                showError(err);
              },
            );
        }}
      >
        {field('old', t('passwordOld'), oldPassword, setOld, 'current-password')}
        {field('new', t('passwordNew'), newPassword, setNew, 'new-password')}
        {field('again', t('passwordAgain'), again, setAgain, 'new-password')}
        <button type="submit" className="primary" disabled={busy} data-testid="password-submit">
          {t('passwordChange')}
        </button>
      </form>
    </div>
  );
}
