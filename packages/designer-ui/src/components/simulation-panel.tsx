// Simulation: answers by hand or by preset, and at once the engine's points and level per pillar and overall,
// with the explanation trace and a radar chart. The numbers are @dbi/engine's `score` (see simulate.ts).
import { useMemo, useState, type ReactNode } from 'react';
import type { Criterion, ScoreAnswerValue, ScorecardDefinition, ScoreResult, TraceStep } from '@dbi/schema';
import { answerScale } from '@dbi/schema';
import { pillarCriteria } from '../tree.js';
import { parseNumber } from './fields.js';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';
import { LevelBadge } from '../nodes/badges.js';
import { RadarChart } from './radar-chart.js';

export function SimulationPanel() {
  const t = useT();
  const definition = useDesignerState((s) => s.definition);
  const simulation = useDesignerState((s) => s.simulation);
  if (definition.kind !== 'scorecard') return <div className="dbi-panel dbi-panel--empty">{t('sim.notScorecard')}</div>;
  return (
    <div className="dbi-panel dbi-sim">
      <Presets definition={definition} />
      {simulation.ok ? (
        <SimResult definition={definition} result={simulation.result} />
      ) : (
        <div className="dbi-status is-error" role="status">
          {simulation.reason === 'invalid-definition'
            ? t('sim.invalid', { n: simulation.issues.length })
            : simulation.message}
        </div>
      )}
      <AnswersForm definition={definition} />
    </div>
  );
}

function Presets({ definition }: { definition: ScorecardDefinition }) {
  const t = useT();
  const actions = useDesignerActions();
  return (
    <div className="dbi-sim__presets">
      <span className="dbi-field__label">{t('sim.presets')}</span>
      <div className="dbi-btn-group">
        {answerScale(definition).map((l) => (
          <button
            key={l.level}
            type="button"
            className="dbi-btn dbi-btn--small"
            onClick={() => actions.preset({ kind: 'level', level: l.level })}
          >
            {t('sim.allLevel', { n: l.level })}
          </button>
        ))}
        <button type="button" className="dbi-btn dbi-btn--small" onClick={() => actions.preset({ kind: 'random' })}>
          {t('sim.random')}
        </button>
        <button type="button" className="dbi-btn dbi-btn--small" onClick={() => actions.preset({ kind: 'clear' })}>
          {t('sim.clear')}
        </button>
      </div>
    </div>
  );
}

export function SimResult({ definition, result }: { definition: ScorecardDefinition; result: ScoreResult }) {
  const t = useT();
  const lang = useLang();
  const names = new Map(definition.pillars.map((p) => [p.id, p.name[lang]]));
  const top = definition.levels.length - 1;
  return (
    <>
      <section className="dbi-sim__overall" aria-label={t('sim.overall')}>
        <h4>{t('sim.overall')}</h4>
        <div className="dbi-sim__big">
          <LevelBadge level={result.level} />
          <span className="dbi-sim__levelname">{definition.levels[result.level]?.name[lang]}</span>
        </div>
        <div>
          {t('sim.total')}: <strong data-testid="sim-total">{result.total}</strong> / {result.max}
        </div>
        {result.score !== undefined && (
          <div>
            {t('sim.score')}: <strong data-testid="sim-score">{result.score}</strong>
          </div>
        )}
        {result.missing.length > 0 && (
          <div className="dbi-node__muted">{t('sim.missing', { n: result.missing.length })}</div>
        )}
      </section>
      <section className="dbi-sim__pillars">
        <h4>{t('sim.pillars')}</h4>
        <div className="dbi-sim__split">
          <table className="dbi-table">
            <tbody>
              {result.pillars.map((p) => (
                <tr key={p.id} data-pillar={p.id}>
                  <td className="dbi-node__id">{p.id}</td>
                  <td>{names.get(p.id)}</td>
                  <td className="dbi-num">
                    {p.points}/{p.max}
                    {p.score !== undefined && <div className="dbi-node__muted">{p.score}</div>}
                  </td>
                  <td>
                    <LevelBadge level={p.level} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <RadarChart
            title={t('sim.radar')}
            max={top}
            size={260}
            axes={result.pillars.map((p) => ({ id: p.id, label: p.id, value: p.level }))}
          />
        </div>
      </section>
      {result.trace && <Trace steps={result.trace} />}
    </>
  );
}

function formatValues(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function Trace({ steps }: { steps: readonly TraceStep[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="dbi-sim__trace">
      <h4>{t('sim.trace')}</h4>
      <table className="dbi-table dbi-table--compact">
        <thead>
          <tr>
            <th>{t('sim.trace.scope')}</th>
            <th>{t('sim.level')}</th>
            <th>{t('sim.trace.rule')}</th>
            <th>{t('sim.trace.values')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <td className="dbi-node__id">{s.scope}</td>
              <td>{String(s.level)}</td>
              <td>
                {s.rule < 0 ? t('sim.trace.default') : `#${s.rule + 1}`}
                {s.text && <div className="dbi-node__muted">{s.text[lang]}</div>}
              </td>
              <td className="dbi-trace__values">{formatValues(s.values)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AnswersForm({ definition }: { definition: ScorecardDefinition }) {
  const t = useT();
  const lang = useLang();
  const answers = useDesignerState((s) => s.answers);
  const simulation = useDesignerState((s) => s.simulation);
  const notApplicable = useMemo(
    () => new Set(simulation.ok ? (simulation.result.notApplicable ?? []) : []),
    [simulation],
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(definition.pillars[0] ? [definition.pillars[0].id] : []),
  );
  const total = useMemo(() => definition.pillars.reduce((s, p) => s + pillarCriteria(p).length, 0), [definition]);
  const answered = Object.values(answers).filter((v) => v !== null && v !== undefined).length;
  const toggle = (id: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const rows = (list: readonly Criterion[]) =>
    list.map((k) => <AnswerRow key={k.id} definition={definition} criterion={k} na={notApplicable.has(k.id)} />);
  return (
    <section className="dbi-sim__answers">
      {definition.profile && <ProfileForm definition={definition} />}
      <h4>{t('sim.answers', { answered, total })}</h4>
      {definition.pillars.map((p) => (
        <div key={p.id} className={`dbi-sim__pillar${notApplicable.has(p.id) ? ' is-na' : ''}`} data-sim-pillar={p.id}>
          <button
            type="button"
            className="dbi-sim__pillar-head"
            aria-expanded={open.has(p.id)}
            onClick={() => toggle(p.id)}
          >
            {open.has(p.id) ? '▾' : '▸'} {p.id}. {p.name[lang]}
            {notApplicable.has(p.id) && <span className="dbi-node__muted"> · {t('sim.na')}</span>}
          </button>
          {open.has(p.id) && p.criteria && rows(p.criteria)}
          {open.has(p.id) &&
            (p.components ?? []).map((c) => (
              <div key={c.id} className={`dbi-sim__component${notApplicable.has(c.id) ? ' is-na' : ''}`}>
                <div className="dbi-sim__component-name">
                  {c.id} {c.name[lang]}
                </div>
                {rows(c.criteria)}
              </div>
            ))}
        </div>
      ))}
    </section>
  );
}

/** The profile facts the simulation scores with: a select, a number or yes/no per fact. */
function ProfileForm({ definition }: { definition: ScorecardDefinition }) {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const profile = useDesignerState((s) => s.profile);
  return (
    <fieldset className="dbi-sim__profile">
      <legend className="dbi-field__label">{t('sim.profile')}</legend>
      {(definition.profile ?? []).map((f) => {
        const v = profile[f.name];
        return (
          <label key={f.name} className="dbi-sim__row">
            <span className="dbi-sim__text">{f.text[lang]}</span>
            {f.type === 'string' ? (
              <select
                className="dbi-input"
                name={`profile-${f.name}`}
                value={typeof v === 'string' ? v : ''}
                onChange={(e) => actions.setProfileValue(f.name, e.target.value === '' ? undefined : e.target.value)}
              >
                <option value="">{t('sim.blank')}</option>
                {(f.values ?? []).map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.text[lang]}
                  </option>
                ))}
              </select>
            ) : f.type === 'integer' ? (
              <input
                className="dbi-input dbi-input--narrow"
                name={`profile-${f.name}`}
                inputMode="numeric"
                value={typeof v === 'number' ? String(v) : ''}
                onChange={(e) => {
                  const n = e.target.value.trim() === '' ? undefined : Number(e.target.value);
                  if (n === undefined || Number.isInteger(n)) actions.setProfileValue(f.name, n);
                }}
              />
            ) : (
              <select
                className="dbi-input dbi-input--narrow"
                name={`profile-${f.name}`}
                value={typeof v === 'boolean' ? String(v) : ''}
                onChange={(e) =>
                  actions.setProfileValue(f.name, e.target.value === '' ? undefined : e.target.value === 'true')
                }
              >
                <option value="">{t('sim.blank')}</option>
                <option value="true">{t('yes')}</option>
                <option value="false">{t('no')}</option>
              </select>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}

/** One question as its type asks it: a level, radio buttons, checkboxes, a number or yes/no; greyed when N/A. */
function AnswerRow({
  definition,
  criterion: k,
  na,
}: {
  definition: ScorecardDefinition;
  criterion: Criterion;
  na: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const v = useDesignerState((s) => s.answers[k.id]);
  const set = (value: ScoreAnswerValue | undefined) => actions.setAnswer(k.id, value);
  let input: ReactNode;
  switch (k.type) {
    case undefined:
    case 'level':
      input = (
        <select
          className="dbi-input dbi-input--narrow"
          name={`answer-${k.id}`}
          value={v === undefined || v === null ? '' : String(v)}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        >
          <option value="">{t('sim.blank')}</option>
          {answerScale(definition).map((l) => (
            <option key={l.level} value={l.level}>
              {l.level}
            </option>
          ))}
        </select>
      );
      break;
    case 'choice':
      input = (
        <span className="dbi-sim__options" role="radiogroup" aria-label={k.id}>
          {k.options.map((o) => (
            <label key={o.id} className="dbi-check">
              <input
                type="radio"
                name={`answer-${k.id}`}
                value={o.id}
                checked={v === o.id}
                onChange={() => set(o.id)}
              />{' '}
              {o.text[lang]}
            </label>
          ))}
        </span>
      );
      break;
    case 'multi': {
      const chosen = Array.isArray(v) ? v : [];
      input = (
        <span className="dbi-sim__options" role="group" aria-label={k.id}>
          {k.options.map((o) => (
            <label key={o.id} className="dbi-check">
              <input
                type="checkbox"
                name={`answer-${k.id}`}
                value={o.id}
                checked={chosen.includes(o.id)}
                onChange={(e) =>
                  set(
                    e.target.checked
                      ? k.options.map((x) => x.id).filter((id) => id === o.id || chosen.includes(id))
                      : chosen.filter((id) => id !== o.id),
                  )
                }
              />{' '}
              {o.text[lang]}
            </label>
          ))}
        </span>
      );
      break;
    }
    case 'number':
      input = (
        <span>
          <input
            className="dbi-input dbi-input--narrow"
            name={`answer-${k.id}`}
            inputMode="decimal"
            defaultValue={typeof v === 'number' ? String(v) : ''}
            onChange={(e) => {
              const n = parseNumber(e.target.value);
              if (e.target.value.trim() === '') set(undefined);
              else if (n !== undefined) set(n);
            }}
          />{' '}
          {k.unit?.[lang]}
        </span>
      );
      break;
    case 'boolean':
      input = (
        <select
          className="dbi-input dbi-input--narrow"
          name={`answer-${k.id}`}
          value={typeof v === 'boolean' ? String(v) : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value === 'true')}
        >
          <option value="">{t('sim.blank')}</option>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      );
      break;
  }
  return (
    <div className={`dbi-sim__row${na ? ' is-na' : ''}`} data-answer={k.id}>
      <span className="dbi-node__id">{k.id}</span>
      <span className="dbi-sim__text" title={k.text[lang]}>
        {k.text[lang]}
        {na && <span className="dbi-node__muted"> · {t('sim.na')}</span>}
      </span>
      {input}
    </div>
  );
}
