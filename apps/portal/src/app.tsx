// The portal's shell: a header with role-aware navigation (enterprise, consultant, provincial department, Ministry),
// the language switch and the session, then the screen the address names.
import { useEffect, useState } from 'react';
import { ProblemView } from './problem.tsx';
import { routeHref, useRoute, type Route } from './route.ts';
import { AssessmentScreen } from './screens/assessment-screen.tsx';
import { AssessmentsScreen } from './screens/assessments-screen.tsx';
import { RegisterScreen, SignInScreen } from './screens/auth-screens.tsx';
import { HistoryScreen } from './screens/history-screen.tsx';
import { HomeScreen, Link } from './screens/home.tsx';
import { IndexScreen } from './screens/index-screen.tsx';
import { TryScreen } from './screens/try-screen.tsx';
import { VerifyScreen } from './screens/verify-screen.tsx';
import { DashboardScreen } from './screens/dashboard/dashboard-screen.tsx';
import { AccountsScreen } from './screens/review/accounts-screen.tsx';
import { PasswordScreen } from './screens/password-screen.tsx';
import { SessionProvider, useSession } from './session.tsx';
import type { StringKey } from './strings.ts';
import type { Account } from './api.ts';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

/** The entries each role needs; everyone has the public ones. */
export function navFor(account: Account | null | undefined): { key: StringKey; to: Route | string }[] {
  const pub: { key: StringKey; to: Route | string }[] = [
    { key: 'navIndices', to: { name: 'home' } },
    { key: 'navVerify', to: { name: 'verify', number: '' } },
  ];
  if (!account) return pub;
  switch (account.role) {
    case 'enterprise':
      return [
        { key: 'navAssessments', to: { name: 'assessments' } },
        { key: 'navHistory', to: { name: 'history' } },
        ...pub,
      ];
    case 'consultant':
      return [{ key: 'navQueue', to: { name: 'assessments' } }, ...pub];
    case 'provincial-department':
      return [
        { key: 'navProvince', to: { name: 'assessments' } },
        { key: 'navDashboard', to: { name: 'dashboard', tab: 'coverage' } },
        { key: 'navAccounts', to: { name: 'accounts' } },
        ...pub,
      ];
    case 'ministry-editor':
    case 'ministry-publisher':
      return [
        { key: 'navAppraisal', to: { name: 'assessments' } },
        { key: 'navDashboard', to: { name: 'dashboard', tab: 'coverage' } },
        { key: 'navAccounts', to: { name: 'accounts' } },
        ...pub,
        { key: 'navDesigner', to: '/designer/' },
      ];
    default:
      return pub;
  }
}

function Shell() {
  const { t, lang, setLang, account, signOut, error, clearError, showError } = useSession();
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const href = routeHref(route);
  useEffect(() => {
    clearError();
    setMenuOpen(false);
  }, [href, clearError]);
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="app-header">
        <Link className="brand" to={{ name: 'home' }}>
          <span className="brand-mark" aria-hidden="true">
            DBI
          </span>
          <span className="brand-text">
            <strong>{t('appName')}</strong>
            <small>{t('appTagline')}</small>
          </span>
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('menu')}
        </button>
        <nav id="main-nav" className={menuOpen ? 'main-nav open' : 'main-nav'} aria-label={t('menu')}>
          <ul>
            {navFor(account).map((n) => (
              <li key={n.key}>
                {typeof n.to === 'string' ? (
                  <a href={n.to}>{t(n.key)}</a>
                ) : (
                  <Link to={n.to} className={routeHref(n.to) === href ? 'current' : undefined}>
                    {t(n.key)}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          <div className="session-box">
            <div className="lang" role="group" aria-label={t('language')}>
              {(['vi', 'en'] as const).map((l) => (
                <button
                  key={l}
                  type="button"
                  aria-pressed={lang === l}
                  onClick={() => setLang(l)}
                  data-testid={`lang-${l}`}
                >
                  {l === 'vi' ? 'Tiếng Việt' : 'English'}
                </button>
              ))}
            </div>
            {account ? (
              <>
                <span className="who" data-testid="signed-in">
                  {account.name} · {t(`role_${account.role}` as StringKey)}
                  {account.binding?.status === 'pending' && (
                    <small> · {t('bindingPending', { taxCode: account.binding.taxCode })}</small>
                  )}
                </span>
                <button type="button" onClick={() => signOut().catch(showError)} data-testid="sign-out">
                  {t('signOut')}
                </button>
              </>
            ) : account === null ? (
              <>
                <Link className="button" to={{ name: 'sign-in' }}>
                  {t('signIn')}
                </Link>
                <Link className="button primary" to={{ name: 'register' }}>
                  {t('register')}
                </Link>
              </>
            ) : null}
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {error !== null && <ProblemView error={error} onClose={clearError} />}
        <Screen route={route} />
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const { t, account } = useSession();
  // A one-time password is changed before anything else (public pages stay readable).
  if (account?.mustChangePassword && !['home', 'index', 'try', 'verify'].includes(route.name))
    return <PasswordScreen />;
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'index':
      return <IndexScreen id={route.id} version={route.version} />;
    case 'try':
      return <TryScreen id={route.id} version={route.version} />;
    case 'verify':
      return <VerifyScreen number={route.number} />;
    case 'sign-in':
      return <SignInScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'assessments':
      return <AssessmentsScreen />;
    case 'assessment':
      return <AssessmentScreen id={route.id} />;
    case 'history':
      return <HistoryScreen />;
    case 'dashboard':
      return <DashboardScreen tab={route.tab} />;
    case 'accounts':
      return <AccountsScreen />;
    case 'not-found':
      return (
        <div className="page narrow">
          <h1>{t('notFoundTitle')}</h1>
          <Link to={{ name: 'home' }}>{t('backHome')}</Link>
        </div>
      );
  }
}
