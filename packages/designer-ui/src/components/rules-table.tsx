// Level rules as a table: one row per rule, tried top-down. Recognised shapes (rule-shapes.ts) are shown as
// sentences with numbers to edit; the raw json-logic sits beside each row and can be edited too. Both write the same
// rule through the store, so the schema validates either way and issues show on the row.
import { useEffect, useState } from 'react';
import type { Definition, Issue, LevelRule } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';
import { getRules, rulePlacePointer, type RulePlace } from '../edit.js';
import {
  OPS,
  atomsOf,
  formatFraction,
  parseRule,
  printRule,
  ratioValue,
  setRatioValue,
  withAtoms,
  type Atom,
  type Op,
  type RatioAtom,
  type RuleShape,
} from '../rule-shapes.js';
import type { MessageKey } from '../i18n.js';
import { parseNumber } from './fields.js';

type Context = 'pillar' | 'overall' | 'group';

function contextOf(def: Definition, place: RulePlace): Context {
  if (def.kind === 'aggregate') return 'group';
  return place.scope === 'overall' ? 'overall' : 'pillar';
}

/** Starting rule for a new row, in the place's standard shape. */
export function templateRule(ctx: Context, level: number): LevelRule {
  switch (ctx) {
    case 'pillar':
      return { level, when: { '>=': [{ '*': [{ var: 'points' }, 100] }, { '*': [{ var: 'max' }, 0] }] } };
    case 'overall':
      return { level, when: { and: [{ '>': [{ var: 'total' }, 0] }, { '>=': [{ var: `atLeast.${level}` }, 0] }] } };
    case 'group':
      return { level, when: { '>=': [{ var: 'sum' }, { '*': [{ var: 'weight' }, level] }] } };
  }
}

function issuesUnder(issues: readonly Issue[], pointer: string): Issue[] {
  return issues.filter((i) => i.path === pointer || i.path.startsWith(`${pointer}/`));
}

export interface RulesTableProps {
  place: RulePlace;
  /** Show the raw json-logic column (default true). */
  showRaw?: boolean;
  caption?: string;
}

export function RulesTable({ place, showRaw: rawDefault = true, caption }: RulesTableProps) {
  const t = useT();
  const definition = useDesignerState((s) => s.definition);
  const issues = useDesignerState((s) => s.issues);
  const readOnly = useDesignerState((s) => s.readOnly);
  const actions = useDesignerActions();
  const [showRaw, setShowRaw] = useState(rawDefault);
  const rules = getRules(definition, place);
  if (!rules || definition.kind === 'classifier') return null;
  const ctx = contextOf(definition, place);
  const base = rulePlacePointer(place);
  const levels = definition.levels;
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
          {i.message}
        </div>
      ))}
      <table className="dbi-table dbi-rules__table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('rules.level')}</th>
            <th>{t('rules.condition')}</th>
            {showRaw && <th>{t('rules.raw')}</th>}
            <th>{t('rules.text')}</th>
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
                      <code>{issue.path.slice(base.length)}</code> {issue.message}
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
                <td className="dbi-rules__text">
                  <RuleText rule={rule} readOnly={readOnly} onChange={set} />
                </td>
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
}: {
  rule: LevelRule;
  readOnly: boolean;
  onChange: (r: LevelRule) => void;
}) {
  const lang = useLang();
  const value = rule.text?.[lang] ?? '';
  return (
    <textarea
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

/** The raw `when`: edits apply as soon as the text is valid JSON; the validator then checks it as a rule. */
export function RawJson({
  value,
  onChange,
  readOnly,
  label,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  readOnly: boolean;
  label: string;
}) {
  const t = useT();
  const [text, setText] = useState(() => JSON.stringify(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((cur) => {
      try {
        if (JSON.stringify(JSON.parse(cur)) === JSON.stringify(value)) return cur;
      } catch {
        // the field holds unfinished text; the outside value wins
      }
      setError(null);
      return JSON.stringify(value);
    });
  }, [value]);
  return (
    <>
      <textarea
        className={`dbi-input dbi-input--code${error ? ' is-invalid' : ''}`}
        aria-label={label}
        spellCheck={false}
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 34)))}
        value={text}
        readOnly={readOnly}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setError(null);
            onChange(parsed);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error && <div className="dbi-rule-issue">{t('rules.invalidJson', { message: error })}</div>}
    </>
  );
}

function Condition({
  when,
  ctx,
  levels,
  readOnly,
  onChange,
}: {
  when: unknown;
  ctx: Context;
  levels: number;
  readOnly: boolean;
  onChange: (w: unknown) => void;
}) {
  const t = useT();
  const shape = parseRule(when);
  if (!shape) return <span className="dbi-rules__custom">{t('rules.custom')}</span>;
  if (shape.t === 'always') return <span className="dbi-rules__always">{t('rules.always')}</span>;
  const atoms = atomsOf(shape);
  const setAtom = (i: number, atom: Atom) =>
    onChange(
      printRule(
        withAtoms(
          shape as RuleShape,
          atoms.map((a, j) => (j === i ? atom : a)),
        ),
      ),
    );
  return (
    <span className="dbi-cond">
      {atoms.map((atom, i) => (
        <span key={i} className="dbi-cond__atom">
          {i > 0 && <span className="dbi-cond__and">{t('rules.and')}</span>}
          <AtomEditor atom={atom} ctx={ctx} levels={levels} readOnly={readOnly} onChange={(a) => setAtom(i, a)} />
        </span>
      ))}
    </span>
  );
}

const AT_LEAST = /^atLeast\.(\d+)$/;

function useVarLabel() {
  const t = useT();
  return (name: string) => {
    const m = AT_LEAST.exec(name);
    if (m) return t('var.atLeast', { k: m[1]! });
    const key = `var.${name}` as MessageKey;
    return key in VAR_KEYS ? t(key) : name;
  };
}
const VAR_KEYS: Record<string, true> = Object.fromEntries(
  ['points', 'max', 'criteria', 'answered', 'total', 'pillars', 'sum', 'weight', 'parent', 'units', 'mean'].map((k) => [
    `var.${k}`,
    true,
  ]),
);

function OpSelect({ op, onChange, readOnly }: { op: Op; onChange: (op: Op) => void; readOnly: boolean }) {
  return (
    <select
      className="dbi-input dbi-input--op"
      aria-label="operator"
      value={op}
      disabled={readOnly}
      onChange={(e) => onChange(e.target.value as Op)}
    >
      {OPS.map((o) => (
        <option key={o} value={o}>
          {o === '>='
            ? '≥'
            : o === '<='
              ? '≤'
              : o === '!=' || o === '!=='
                ? '≠'
                : o === '==='
                  ? '='
                  : o === '=='
                    ? '='
                    : o}
        </option>
      ))}
    </select>
  );
}

/** A number typed as text; `onValue` gets the text once it parses (decimals allowed). */
function Num({
  value,
  onValue,
  readOnly,
  label,
}: {
  value: string;
  onValue: (text: string) => boolean;
  readOnly: boolean;
  label: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const bad = parseNumber(text) === undefined;
  return (
    <input
      className={`dbi-input dbi-input--num${bad ? ' is-invalid' : ''}`}
      aria-label={label}
      inputMode="decimal"
      value={text}
      readOnly={readOnly}
      size={Math.max(2, text.length)}
      onChange={(e) => {
        setText(e.target.value);
        if (parseNumber(e.target.value) !== undefined) onValue(e.target.value);
      }}
    />
  );
}

function LevelPick({
  k,
  levels,
  onChange,
  readOnly,
}: {
  k: number;
  levels: number;
  onChange: (k: number) => void;
  readOnly: boolean;
}) {
  const t = useT();
  return (
    <select
      className="dbi-input dbi-input--narrow"
      aria-label={t('rules.level')}
      value={k}
      disabled={readOnly}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {Array.from({ length: Math.max(levels, k + 1) }, (_, i) => (
        <option key={i} value={i}>
          {i}
        </option>
      ))}
    </select>
  );
}

function AtomEditor({
  atom,
  ctx,
  levels,
  readOnly,
  onChange,
}: {
  atom: Atom;
  ctx: Context;
  levels: number;
  readOnly: boolean;
  onChange: (a: Atom) => void;
}) {
  const t = useT();
  const label = useVarLabel();
  const op = <OpSelect op={atom.op} readOnly={readOnly} onChange={(o) => onChange({ ...atom, op: o })} />;

  if (atom.t === 'ratio') {
    const percent = atom.left === 'points' && atom.right === 'max';
    const mean = atom.left === 'sum' && atom.right === 'weight';
    if (percent || mean) {
      const scale = percent ? 100 : 1;
      const f = ratioValue(atom, scale);
      const set = (text: string) => {
        const next = setRatioValue(atom, text, scale);
        if (next) onChange(next);
        return next !== undefined;
      };
      return (
        <span className="dbi-atom">
          {label(percent ? 'points' : 'mean')} {op}{' '}
          <Num
            value={formatFraction(f.num, f.den)}
            onValue={set}
            readOnly={readOnly}
            label={percent ? '%' : t('var.mean')}
          />
          {percent && ` ${t('rules.percentOf')} ${label('max')}`}
        </span>
      );
    }
    const setMul = (side: 'lmul' | 'rmul') => (text: string) => {
      onChange({ ...atom, [side]: parseNumber(text)! } as RatioAtom);
      return true;
    };
    return (
      <span className="dbi-atom">
        {label(atom.left)} ×{' '}
        <Num value={String(atom.lmul ?? 1)} onValue={setMul('lmul')} readOnly={readOnly} label="×" /> {op}{' '}
        {label(atom.right)} ×{' '}
        <Num value={String(atom.rmul ?? 1)} onValue={setMul('rmul')} readOnly={readOnly} label="×" />
      </span>
    );
  }

  const atLeast = AT_LEAST.exec(atom.left);
  const leftLabel = atLeast ? (
    <>
      {t('var.atLeast', { k: '' }).replace(/\s*$/, '')}{' '}
      <LevelPick
        k={Number(atLeast[1])}
        levels={levels}
        readOnly={readOnly}
        onChange={(k) => onChange({ ...atom, left: `atLeast.${k}` })}
      />
    </>
  ) : (
    label(atom.left)
  );

  if (atom.t === 'const') {
    return (
      <span className="dbi-atom">
        {leftLabel} {op}{' '}
        <Num
          value={String(atom.value)}
          onValue={(text) => {
            onChange({ ...atom, value: parseNumber(text)! });
            return true;
          }}
          readOnly={readOnly}
          label={label(atom.left)}
        />
      </span>
    );
  }
  return (
    <span className="dbi-atom">
      {leftLabel} {op} {label(atom.right)}
      {ctx === 'overall' && atLeast && atom.right === 'pillars' && atom.op === '>=' && (
        <span className="dbi-node__muted"> ({t('var.allPillarsAtLeast', { k: atLeast[1]! })})</span>
      )}
    </span>
  );
}

/** Every rule list of the definition: scorecard pillar and overall levels; a group's overall and pillar levels. */
export function RulesEditor({ showRaw }: { showRaw?: boolean }) {
  const t = useT();
  const definition = useDesignerState((s) => s.definition);
  const readOnly = useDesignerState((s) => s.readOnly);
  const actions = useDesignerActions();
  const raw = showRaw === undefined ? {} : { showRaw };
  if (definition.kind === 'scorecard') {
    return (
      <div className="dbi-panel dbi-rules-editor">
        <RulesTable place={{ scope: 'pillar' }} caption={t('rules.pillar')} {...raw} />
        <RulesTable place={{ scope: 'overall' }} caption={t('rules.overall')} {...raw} />
      </div>
    );
  }
  if (definition.kind === 'aggregate') {
    return (
      <div className="dbi-panel dbi-rules-editor">
        <RulesTable place={{ scope: 'overall' }} caption={t('rules.group.overall')} {...raw} />
        {definition.rules.pillar ? (
          <>
            <RulesTable place={{ scope: 'pillar' }} caption={t('rules.group.pillar')} {...raw} />
            {!readOnly && (
              <button
                type="button"
                className="dbi-btn dbi-btn--small"
                onClick={() => actions.setRules({ scope: 'pillar' }, undefined)}
              >
                {t('rules.dropOverride')}
              </button>
            )}
          </>
        ) : (
          <div className="dbi-rules">
            <h4 className="dbi-rules__caption">{t('rules.group.pillar')}</h4>
            <p className="dbi-node__muted">{t('rules.group.pillarSame')}</p>
            {!readOnly && (
              <button
                type="button"
                className="dbi-btn dbi-btn--small"
                onClick={() => actions.setRules({ scope: 'pillar' }, structuredClone(definition.rules.overall))}
              >
                {t('rules.useOwnPillar')}
              </button>
            )}
          </div>
        )}
      </div>
    );
  }
  return null;
}
