// Simulation: answers by hand or by preset, and at once the engine's points and level per pillar and overall,
// with the explanation trace and a radar chart. The numbers are @dbi/engine's `score` (see simulate.ts).
import { useMemo, useState } from 'react';
import type { ScorecardDefinition, ScoreResult, TraceStep } from '@dbi/schema';
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
        {definition.levels.map((l) => (
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
  const actions = useDesignerActions();
  const answers = useDesignerState((s) => s.answers);
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(definition.pillars[0] ? [definition.pillars[0].id] : []),
  );
  const total = useMemo(
    () => definition.pillars.reduce((s, p) => s + p.components!.reduce((u, c) => u + c.criteria.length, 0), 0),
    [definition],
  );
  const answered = Object.values(answers).filter((v) => v !== null && v !== undefined).length;
  const toggle = (id: string) =>
    setOpen((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <section className="dbi-sim__answers">
      <h4>{t('sim.answers', { answered, total })}</h4>
      {definition.pillars.map((p) => (
        <div key={p.id} className="dbi-sim__pillar">
          <button
            type="button"
            className="dbi-sim__pillar-head"
            aria-expanded={open.has(p.id)}
            onClick={() => toggle(p.id)}
          >
            {open.has(p.id) ? '▾' : '▸'} {p.id}. {p.name[lang]}
          </button>
          {open.has(p.id) &&
            p.components!.map((c) => (
              <div key={c.id} className="dbi-sim__component">
                <div className="dbi-sim__component-name">
                  {c.id} {c.name[lang]}
                </div>
                {c.criteria.map((k) => {
                  const v = answers[k.id];
                  return (
                    <label key={k.id} className="dbi-sim__row">
                      <span className="dbi-node__id">{k.id}</span>
                      <span className="dbi-sim__text" title={k.text[lang]}>
                        {k.text[lang]}
                      </span>
                      <select
                        className="dbi-input dbi-input--narrow"
                        name={`answer-${k.id}`}
                        value={v === undefined || v === null ? '' : String(v)}
                        onChange={(e) =>
                          actions.setAnswer(k.id, e.target.value === '' ? undefined : Number(e.target.value))
                        }
                      >
                        <option value="">{t('sim.blank')}</option>
                        {definition.levels.map((l) => (
                          <option key={l.level} value={l.level}>
                            {l.level}
                          </option>
                        ))}
                      </select>
                    </label>
                  );
                })}
              </div>
            ))}
        </div>
      ))}
    </section>
  );
}
