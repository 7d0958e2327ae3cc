// Public: the published indices, each with its versions; every one can be read (criteria) before registering, and a
// questionnaire can be tried without saving anything.
import type { IndexSummary } from '@dbi/schema';
import { useEffect, useState } from 'react';
import { navigate, routeHref, type Route } from '../route.ts';
import { useSession } from '../session.tsx';
import type { StringKey } from '../strings.ts';

export function Link({ to, children, className }: { to: Route; children: React.ReactNode; className?: string }) {
  return (
    <a
      href={routeHref(to)}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function HomeScreen() {
  const { api, t, tx, showError } = useSession();
  const [indices, setIndices] = useState<IndexSummary[] | null>(null);
  useEffect(() => {
    api.listIndices().then((r) => setIndices(r.indices), showError);
  }, [api, showError]);
  const published = (indices ?? [])
    .map((i) => ({ ...i, versions: i.versions.filter((v) => v.status === 'published') }))
    .filter((i) => i.versions.length > 0);
  return (
    <div className="page">
      <section className="hero">
        <h1>{t('homeTitle')}</h1>
        <p>{t('homeIntro')}</p>
      </section>
      <h2>{t('publishedIndices')}</h2>
      {indices === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <ul className="card-list" data-testid="index-list">
          {published.map((i) => {
            const newest = i.versions[i.versions.length - 1]!;
            return (
              <li key={i.id} className="card" data-testid={`index-${i.id}`}>
                <h3>{tx(i.title)}</h3>
                <p className="muted">
                  <code>{i.id}</code> · {t(`kind_${i.kind}` as StringKey)} · {i.national ? t('national') : t('variant')}
                </p>
                <ul className="versions">
                  {i.versions.map((v) => (
                    <li key={v.version}>
                      <Link to={{ name: 'index', id: i.id, version: v.version }}>
                        {t('versionLabel', { version: v.version })}
                      </Link>{' '}
                      {v.publishedAt && (
                        <span className="muted">{t('publishedOn', { date: v.publishedAt.slice(0, 10) })}</span>
                      )}
                    </li>
                  ))}
                </ul>
                {i.kind === 'scorecard' && (
                  <Link className="button" to={{ name: 'try', id: i.id, version: newest.version }}>
                    {t('tryForm')}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
