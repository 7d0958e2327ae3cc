// The index/version browser: every index with its versions, status badges and lineage ("derived from").
import type { IndexSummary, VersionStatus } from '@dbi/schema';
import { compareVersions } from '@dbi/schema';
import { navigate, routeHref, type Route } from '../route.ts';
import { useSession } from '../session.tsx';

export function StatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useSession();
  return (
    <span className={`status-badge status-${status}`} data-testid={`status-${status}`}>
      {t(`status_${status}`)}
    </span>
  );
}

export function IndexBrowser(props: {
  indices: IndexSummary[] | null;
  current: Route;
  onReload(): void;
  onClose(): void;
}) {
  const { t, lang } = useSession();
  const { indices, current } = props;
  return (
    <nav className="browser" aria-label={t('indices')} data-testid="index-browser">
      <div className="browser-head">
        <h2>{t('indices')}</h2>
        <span>
          <button type="button" className="link" onClick={props.onReload}>
            {t('reload')}
          </button>
          <button
            type="button"
            className="link"
            onClick={props.onClose}
            aria-label={t('hideBrowser')}
            title={t('hideBrowser')}
            data-testid="browser-close"
          >
            «
          </button>
        </span>
      </div>
      {indices === null && <p className="muted">{t('loading')}</p>}
      {indices?.length === 0 && <p className="muted">{t('noIndices')}</p>}
      <ul className="index-list">
        {indices?.map((ix) => (
          <li key={ix.id} className="index-item" data-testid={`index-${ix.id}`}>
            <div className="index-title">
              <code>{ix.id}</code>
              <span className={`kind-badge ${ix.national ? 'national' : 'variant'}`}>
                {ix.national ? t('national') : t('variant')}
              </span>
            </div>
            <div className="index-name">{ix.title[lang]}</div>
            {ix.derivedFrom && (
              <div className="lineage" data-testid={`lineage-${ix.id}`}>
                ↳ {t('derivedFrom')} <code>{ix.derivedFrom}</code>
              </div>
            )}
            <ul className="version-list">
              {[...ix.versions]
                .sort((a, b) => compareVersions(b.version, a.version))
                .map((v) => {
                  const route: Route = { name: 'version', id: ix.id, version: v.version };
                  const active = current.name === 'version' && current.id === ix.id && current.version === v.version;
                  return (
                    <li key={v.version}>
                      <a
                        href={routeHref(route)}
                        className={active ? 'active' : undefined}
                        aria-current={active ? 'page' : undefined}
                        data-testid={`open-${ix.id}@${v.version}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(route);
                        }}
                      >
                        <span className="version">{v.version}</span>
                        <StatusBadge status={v.status} />
                      </a>
                      {v.derivedFrom && v.derivedFrom !== `${ix.id}@${v.version}` && (
                        <small className="lineage">
                          {t('derivedFrom')} {v.derivedFrom}
                        </small>
                      )}
                    </li>
                  );
                })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
