// Level rules as a table: one row per rule, tried top-down. Recognised shapes (rule-shapes.ts) are shown as
// sentences with numbers to edit; the raw json-logic can be shown beside each row and edited too. Both write the
// same rule through the store, so the schema validates either way and issues show on the row.
import { useState } from 'react';
import type { Issue, LevelRule } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang, useT } from '../../context.js';
import { getRules, rulePlacePointer, sumMax, type RulePlace } from '../../edit.js';
import { issueMessage } from '../../issue-text.js';
import { ruleWarnings, type RuleWarning } from '../../rule-warnings.js';
import type { MessageKey } from '../../i18n.js';
import { ruleContextOf, templateRule } from '../../rule-templates.js';
import { Condition } from './condition-editor.js';
import { RawJson } from './raw-json.js';

function issuesUnder(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.path === pointer || i.path.startsWith(`${pointer}/`));
}

export interface RulesTableProps {
  place: RulePlace;
  /** Show the raw json-logic column at first (default true; the rules editor opens with it hidden). */
  showRaw?: boolean;
  caption?: string;
}

export function RulesTable({ place, showRaw: rawDefault = true, caption }: RulesTableProps) {
  const t = useT();
  const lang = useLang();
  const definition = useDesignerState((s) => s.definition);
  const issues = useDesignerState((s) => s.issues);
  const readOnly = useDesignerState((s) => s.readOnly);
  const actions = useDesignerActions();
  const [showRaw, setShowRaw] = useState(rawDefault);
  const rules = getRules(definition, place);
  if (!rules || definition.kind === 'classifier') return null;
  const ctx = ruleContextOf(definition, place);
  const base = rulePlacePointer(place);
  const levels = definition.levels;
  const warnings = ruleWarnings(rules, {
    ...(ctx === 'overall' && definition.kind === 'scorecard' ? { max: sumMax(definition, { kind: 'index' })! } : {}),
  });
  const warningText = (w: RuleWarning) => {
    const [key, params]: [MessageKey, Record<string, string | number>] =
      w.code === 'stale-text'
        ? ['warn.staleText', { values: w.values.join(', ') }]
        : w.code === 'order'
          ? ['warn.order', { a: w.before + 1, la: rules[w.before]!.level, b: w.after + 1, lb: rules[w.after]!.level }]
          : ['warn.absolute', { value: w.value, max: w.max }];
    return t(key, params);
  };
  const listIssues = issues.filter((i) => i.path === base);

  const move = (i: number, delta: number) => {
    const j = i + delta;
    if (j < 0 || j >= rules.length) return;
    const next = rules.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    actions.setRules(place, next);
  };

  return (
    <div className="dbi-rules" data-place={base}>
      <div className="dbi-rules__bar">
        {caption && <h4 className="dbi-rules__caption">{caption}</h4>}
        <label className="dbi-check">
          <input type="checkbox" checked={showRaw} onChange={(e) => setShowRaw(e.target.checked)} />{' '}
          {t('rules.showRaw')}
        </label>
      </div>
      <p className="dbi-node__muted">
        {t('rules.order')}
        {ctx === 'group' && ` ${t('rules.meanNote')}`}
      </p>
      {listIssues.map((i, n) => (
        <div key={n} className="dbi-rule-issue">
          {issueMessage(lang, i)}
        </div>
      ))}
      <table className="dbi-table dbi-rules__table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('rules.level')}</th>
            <th>
              {t('rules.condition')} · {t('rules.text')}
            </th>
            {showRaw && <th>{t('rules.raw')}</th>}
            {!readOnly && <th aria-label="actions" />}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => {
            const rowIssues = issuesUnder(issues, `${base}/${i}`);
            const set = (r: LevelRule) => actions.setRule(place, i, r);
            return (
              <tr key={i} className={rowIssues.length ? 'has-issues' : ''} data-rule={i}>
                <td className="dbi-rules__n">{i + 1}</td>
                <td>
                  <select
                    className="dbi-input dbi-input--narrow"
                    aria-label={`${t('rules.level')} ${i + 1}`}
                    value={rule.level}
                    disabled={readOnly}
                    onChange={(e) => set({ ...rule, level: Number(e.target.value) })}
                  >
                    {levels.map((l) => (
                      <option key={l.level} value={l.level}>
                        {l.level}
                      </option>
                    ))}
                    {rule.level >= levels.length && <option value={rule.level}>{rule.level}</option>}
                  </select>
                </td>
                <td className="dbi-rules__cond">
                  <Condition
                    when={rule.when}
                    ctx={ctx}
                    levels={levels.length}
                    readOnly={readOnly}
                    onChange={(when) => set({ ...rule, when })}
                  />
                  {rowIssues.map((issue, n) => (
                    <div key={n} className="dbi-rule-issue">
                      <span title={issue.path}>{issueMessage(lang, issue)}</span>
                    </div>
                  ))}
                  {/* The explanation sits under its condition, full width, so it is never cut off. */}
                  <div className="dbi-rules__text">
                    <RuleText rule={rule} readOnly={readOnly} onChange={set} label={`${t('rules.text')} ${i + 1}`} />
                  </div>
                  {(warnings.get(i) ?? []).map((w, n) => (
                    <div key={n} className="dbi-rule-warning" role="note">
                      ⚠ {warningText(w)}
                    </div>
                  ))}
                </td>
                {showRaw && (
                  <td className="dbi-rules__raw">
                    <RawJson
                      value={rule.when}
                      readOnly={readOnly}
                      onChange={(when) => set({ ...rule, when })}
                      label={`${t('rules.raw')} ${i + 1}`}
                    />
                  </td>
                )}
                {!readOnly && (
                  <td className="dbi-rules__actions">
                    <button
                      type="button"
                      className="dbi-btn dbi-btn--icon"
                      aria-label={t('position.up')}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="dbi-btn dbi-btn--icon"
                      aria-label={t('position.down')}
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="dbi-btn dbi-btn--icon dbi-btn--danger"
                      aria-label={t('remove')}
                      onClick={() =>
                        actions.setRules(
                          place,
                          rules.filter((_, j) => j !== i),
                        )
                      }
                    >
                      ✕
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button
          type="button"
          className="dbi-btn dbi-btn--small"
          onClick={() => actions.setRules(place, [...rules, templateRule(ctx, 0)])}
        >
          + {t('rules.add')}
        </button>
      )}
    </div>
  );
}

function RuleText({
  rule,
  readOnly,
  onChange,
  label,
}: {
  rule: LevelRule;
  readOnly: boolean;
  onChange: (r: LevelRule) => void;
  label: string;
}) {
  const lang = useLang();
  const value = rule.text?.[lang] ?? '';
  return (
    <textarea
      aria-label={label}
      className="dbi-input dbi-input--small"
      rows={2}
      value={value}
      readOnly={readOnly}
      onChange={(e) => {
        const text = { vi: rule.text?.vi ?? '', en: rule.text?.en ?? '', [lang]: e.target.value };
        const { text: _old, ...rest } = rule;
        onChange(text.vi === '' && text.en === '' ? rest : { ...rest, text });
      }}
    />
  );
}
