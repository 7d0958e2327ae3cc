// The app shell: header, index browser, and the screen the address names (welcome, one version, a diff).
import type { IndexSummary } from '@dbi/schema';
import { useCallback, useEffect, useState } from 'react';
import { routeHref, useRoute } from './route.ts';
import { readStorage, SessionProvider, useSession, writeStorage } from './session.tsx';
import { IndexBrowser } from './shell/browser.tsx';
import { Header } from './shell/header.tsx';
import { ProblemView } from './shell/problem.tsx';
import { DiffScreen } from './screens/diff-screen.tsx';
import { VersionScreen } from './screens/version-screen.tsx';

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const session = useSession();
  const { api, t, error, clearError, notice, clearNotice, principal } = session;
  const route = useRoute();
  const [indices, setIndices] = useState<IndexSummary[] | null>(null);
  // The browser folds away to give the canvas the width of the screen.
  const [browserOpen, setBrowserOpen] = useState(() => readStorage('dbi.browser') !== 'closed');
  const toggleBrowser = () => {
    writeStorage('dbi.browser', browserOpen ? 'closed' : 'open');
    setBrowserOpen(!browserOpen);
  };

  const reload = useCallback(() => {
    api.listIndices().then((r) => setIndices(r.indices), session.showError);
    // Drafts are listed only to editors: reload when the signed-in key changes.
  }, [api, session.showError, principal]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(reload, [reload]);
  // A notice or error belongs to the screen it was raised on.
  const href = routeHref(route);
  useEffect(() => {
    clearNotice();
    clearError();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [href]);

  return (
    <div className="app">
      <Header />
      <div className={browserOpen ? 'body' : 'body browser-closed'}>
        {browserOpen ? (
          <IndexBrowser indices={indices} current={route} onReload={reload} onClose={toggleBrowser} />
        ) : (
          <button
            type="button"
            className="browser-open"
            onClick={toggleBrowser}
            aria-label={t('indices')}
            title={t('indices')}
            data-testid="browser-open"
          >
            »
          </button>
        )}
        <main className="workspace" data-testid="workspace">
          {error !== null && <ProblemView error={error} onClose={clearError} />}
          {notice ? (
            <div className={`banner ${notice.kind}`} role="status" data-testid="notice">
              <div>
                <strong>{notice.text}</strong>
                {notice.detail && (
                  <div>
                    <code data-testid="notice-detail">{notice.detail}</code>
                  </div>
                )}
              </div>
              <button type="button" className="link" onClick={clearNotice} aria-label={t('close')}>
                ×
              </button>
            </div>
          ) : null}
          {route.name === 'version' && (
            <VersionScreen
              key={`${route.id}@${route.version}`}
              id={route.id}
              version={route.version}
              indices={indices}
              onChanged={reload}
            />
          )}
          {route.name === 'diff' && <DiffScreen from={route.from} to={route.to} indices={indices} />}
          {route.name === 'home' && (
            <section className="welcome" data-testid="welcome">
              <h1>{t('welcomeTitle')}</h1>
              <p>{t('welcomeBody')}</p>
              {!session.principal && <p className="hint">{t('editingNeedsKey')}</p>}
            </section>
          )}
        </main>
      </div>
    </div>
  );
}
