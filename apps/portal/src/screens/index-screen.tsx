// Public, read-only: one published index with its legal source, levels, answer scale, pillars, components and every
// criterion with its answer type, options, bands and maximum — the questionnaire as an enterprise will meet it.
import type { Criterion, Definition, ScorecardDefinition } from '@dbi/schema';

import { useEffect, useState } from 'react';
import { loadIndex, type LoadedIndex } from '../definitions.ts';
import { maxPoints } from '../form/model.ts';
import { useSession } from '../session.tsx';
import { Link } from './home.tsx';

export function useIndex(id: string, version: string): LoadedIndex | null {
  const { api, showError } = useSession();
  const [loaded, setLoaded] = useState<LoadedIndex | null>(null);
  useEffect(() => {
    setLoaded(null);
    loadIndex(api, id, version).then(setLoaded, showError);
  }, [api, id, version, showError]);
  return loaded;
}

export function IndexScreen({ id, version }: { id: string; version: string }) {
  const { t, tx } = useSession();
  const loaded = useIndex(id, version);
  if (!loaded) return <p aria-busy="true">{t('loading')}</p>;
  const def = loaded.definition;
  return (
    <div className="page" data-testid="index-screen">
      <h1>{tx(def.title)}</h1>
      <p className="muted">
        <code>
          {def.id}@{def.version}
        </code>{' '}
        · {t('hash')} <code className="hash">{loaded.record.hash.slice(0, 12)}</code>
      </p>
      {def.description && <p>{tx(def.description)}</p>}
      <p>
        {t('instrument')}: {def.instrument.number} — {tx(def.instrument.title)}
      </p>
      {def.kind === 'scorecard' && (
        <Link className="button primary" to={{ name: 'try', id, version }}>
          {t('tryForm')}
        </Link>
      )}
      <Levels def={def} />
      {def.kind === 'scorecard' && <Criteria def={def} />}
    </div>
  );
}

function Levels({ def }: { def: Definition }) {
  const { t, tx } = useSession();
  if (def.kind === 'classifier') return null;
  return (
    <section>
      <h2>{t('levels')}</h2>
      <ol className="levels" start={def.levels[0]?.level ?? 0}>
        {def.levels.map((l) => (
          <li key={l.level} value={l.level}>
            <strong>{tx(l.name)}</strong>
            {l.description && <span className="muted"> — {tx(l.description)}</span>}
          </li>
        ))}
      </ol>
      {def.kind === 'scorecard' && def.scale && (
        <>
          <h3>{t('answerScale')}</h3>
          <ol className="levels">
            {def.scale.map((l) => (
              <li key={l.level} value={l.level}>
                {tx(l.name)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Criteria({ def }: { def: ScorecardDefinition }) {
  const { t, tx } = useSession();
  const total = def.pillars.reduce(
    (n, p) => n + (p.criteria?.length ?? 0) + (p.components ?? []).reduce((m, c) => m + c.criteria.length, 0),
    0,
  );
  return (
    <section>
      <h2>
        {t('pillarsCount', { n: def.pillars.length })} · {t('criteriaCount', { n: total })}
      </h2>
      {def.pillars.map((p) => (
        <details key={p.id} className="pillar-read" open={def.pillars.length <= 3}>
          <summary>
            <strong>
              {p.id}. {tx(p.name)}
            </strong>
            {p.max !== undefined && <span className="muted"> · {t('maxPoints', { n: p.max })}</span>}
            {p.applies !== undefined && <span className="muted"> · {t('appliesWhen')}</span>}
          </summary>
          {p.criteria && <CriterionList def={def} list={p.criteria} />}
          {(p.components ?? []).map((c) => (
            <div key={c.id}>
              <h3>
                {c.id}. {tx(c.name)}
              </h3>
              {c.statement && <p className="muted">{tx(c.statement)}</p>}
              <CriterionList def={def} list={c.criteria} />
            </div>
          ))}
        </details>
      ))}
    </section>
  );
}

function CriterionList({ def, list }: { def: ScorecardDefinition; list: Criterion[] }) {
  const { t, tx } = useSession();
  return (
    <ul className="criterion-read">
      {list.map((c) => (
        <li key={c.id} data-testid={`read-${c.id}`}>
          <span className="criterion-id">{c.id}</span> {tx(c.text)}{' '}
          <span className="muted">({t('maxPoints', { n: maxPoints(def, c) })})</span>
          {c.help && <p className="muted">{tx(c.help)}</p>}
          {(c.type === 'choice' || c.type === 'multi') && (
            <ul>
              {c.options.map((o) => (
                <li key={o.id}>
                  {tx(o.text)}{' '}
                  <span className="muted">
                    {o.notApplicable ? t('notApplicableOption') : t('pointsN', { n: o.points ?? 0 })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {c.type === 'number' && (
            <p className="muted">
              {t('range', { min: c.min, max: c.max })} ·{' '}
              {c.bands.map((b) => t('bandUpTo', { upTo: b.upTo, points: b.points })).join('; ')}
            </p>
          )}
          {(c.type === undefined || c.type === 'level') && c.weight !== 1 && (
            <span className="muted"> · {t('weight', { n: c.weight })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
