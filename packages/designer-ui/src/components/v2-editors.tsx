// Editors for the index language v2, each a form over one part of the definition: a criterion's answer type and
// its options, bands or points; an applicability rule; a pillar's weight; the result level scale; the profile
// facts; the legal instrument. Each change is a pure edit from edit.ts through the store (validated, undoable;
// typing in one field is one undo step). What is valid is the schema's call: these forms never refuse a value.
import { useEffect, useState, type ReactNode } from 'react';
import type {
  AnswerType,
  Band,
  Component,
  Criterion,
  Definition,
  Instrument,
  Level,
  Option,
  Pillar,
  ProfileFact,
  ScorecardDefinition,
  Text,
} from '@dbi/schema';
import { ANSWER_TYPES } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';
import * as edit from '../edit.js';
import type { NodePath } from '../types.js';
import { Field, parseNumber } from './fields.js';
import { RawJson } from './rules/raw-json.js';

type Apply = (fn: (def: Definition) => Definition, coalesce?: string) => void;

function useApply(): Apply {
  const actions = useDesignerActions();
  return (fn, coalesce) => actions.apply(fn, coalesce);
}

/** A number typed as text: the definition gets it once it parses; `empty` is what an emptied field means. */
function NumInput({
  value,
  onValue,
  name,
  label,
  readOnly,
  empty,
}: {
  value: number | undefined;
  onValue: (n: number | undefined) => void;
  name: string;
  label: string;
  readOnly: boolean;
  empty?: 'undefined';
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((cur) => (parseNumber(cur) === value || (cur === '' && value === undefined) ? cur : String(value ?? '')));
  }, [value]);
  const bad = text !== '' && parseNumber(text) === undefined;
  return (
    <input
      className={`dbi-input dbi-input--num${bad ? ' is-invalid' : ''}`}
      name={name}
      aria-label={label}
      inputMode="decimal"
      value={text}
      readOnly={readOnly}
      size={Math.max(3, text.length + 1)}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '' && empty) onValue(undefined);
        const n = parseNumber(e.target.value);
        if (n !== undefined) onValue(n);
      }}
    />
  );
}

/** vi and en side by side, for short texts inside a row. */
function TextRow({
  value,
  onChange,
  name,
  label,
  readOnly,
}: {
  value: Text | undefined;
  onChange: (text: Text) => void;
  name: string;
  label: string;
  readOnly: boolean;
}) {
  const set = (lang: 'vi' | 'en', s: string) =>
    onChange({ vi: value?.vi ?? '', en: value?.en ?? '', [lang]: s } as Text);
  return (
    <span className="dbi-textrow">
      {(['vi', 'en'] as const).map((lang) => (
        <input
          key={lang}
          className="dbi-input"
          name={`${name}-${lang}`}
          aria-label={`${label} (${lang.toUpperCase()})`}
          placeholder={lang.toUpperCase()}
          value={value?.[lang] ?? ''}
          readOnly={readOnly}
          onChange={(e) => set(lang, e.target.value)}
          onBlur={(e) => e.target.value !== e.target.value.trim() && set(lang, e.target.value.trim())}
        />
      ))}
    </span>
  );
}

function RowButtons({
  i,
  count,
  onMove,
  onRemove,
  readOnly,
  what,
}: {
  i: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: (i: number) => void;
  readOnly: boolean;
  what: string;
}) {
  const t = useT();
  if (readOnly) return null;
  return (
    <span className="dbi-rowbtns">
      <button
        type="button"
        className="dbi-btn dbi-btn--icon"
        aria-label={`${t('position.up')} ${what}`}
        disabled={i === 0}
        onClick={() => onMove(i, i - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="dbi-btn dbi-btn--icon"
        aria-label={`${t('position.down')} ${what}`}
        disabled={i === count - 1}
        onClick={() => onMove(i, i + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="dbi-btn dbi-btn--icon dbi-btn--danger"
        aria-label={`${t('remove')} ${what}`}
        onClick={() => onRemove(i)}
      >
        ✕
      </button>
    </span>
  );
}

const moved = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const out = list.slice();
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x!);
  return out;
};

/** The next unused option id: a, b, c, … */
function nextOptionId(options: readonly Option[]): string {
  const used = new Set(options.map((o) => o.id));
  for (let i = 0; ; i++) {
    const id = i < 26 ? String.fromCharCode(97 + i) : `o${i}`;
    if (!used.has(id)) return id;
  }
}

/** A criterion's answer type and what that type needs: options (points, not applicable), cap, bounds and bands, points for yes. */
export function AnswerEditor({ criterion: k, path }: { criterion: Criterion; path: NodePath }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const apply = useApply();
  const key = `${k.id}`;
  const set = (fn: (x: Criterion) => Criterion, coalesce?: string) =>
    apply((def) => edit.replaceNode<Criterion>(def, path, fn), coalesce && `${key}:${coalesce}`);
  const type = k.type ?? 'level';
  return (
    <div className="dbi-field dbi-answer" data-answer-type={type}>
      <Field label={t('field.answerType')}>
        <select
          className="dbi-input"
          name="answer-type"
          aria-label={t('field.answerType')}
          value={type}
          disabled={readOnly}
          onChange={(e) => set((x) => edit.withAnswerType(x, e.target.value as AnswerType))}
        >
          {ANSWER_TYPES.map((a) => (
            <option key={a} value={a}>
              {t(`type.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      {(k.type === 'choice' || k.type === 'multi') && <OptionsEditor criterion={k} readOnly={readOnly} set={set} />}
      {k.type === 'multi' && (
        <Field label={t('options.cap')}>
          <NumInput
            name="cap"
            label={t('options.cap')}
            value={k.cap}
            empty="undefined"
            readOnly={readOnly}
            onValue={(n) =>
              set((x) => {
                const { cap: _old, ...rest } = x as Extract<Criterion, { type: 'multi' }>;
                return n === undefined ? rest : { ...rest, cap: n };
              }, 'cap')
            }
          />
        </Field>
      )}
      {k.type === 'number' && <NumberEditor criterion={k} readOnly={readOnly} set={set} />}
      {k.type === 'boolean' && (
        <Field label={t('boolean.points')}>
          <NumInput
            name="boolean-points"
            label={t('boolean.points')}
            value={k.points}
            readOnly={readOnly}
            onValue={(n) => n !== undefined && set((x) => ({ ...x, points: n }) as Criterion, 'points')}
          />
        </Field>
      )}
    </div>
  );
}

type Setter = (fn: (x: Criterion) => Criterion, coalesce?: string) => void;

function OptionsEditor({
  criterion: k,
  readOnly,
  set,
}: {
  criterion: Extract<Criterion, { type: 'choice' | 'multi' }>;
  readOnly: boolean;
  set: Setter;
}) {
  const t = useT();
  const setOptions = (fn: (o: Option[]) => Option[], coalesce?: string) =>
    set((x) => ({ ...x, options: fn((x as typeof k).options.slice()) }) as Criterion, coalesce);
  const setOption = (i: number, fn: (o: Option) => Option, field: string) =>
    setOptions((list) => list.map((o, j) => (j === i ? fn(o) : o)), `option:${i}:${field}`);
  return (
    <div className="dbi-field">
      <div className="dbi-field__label">{t('options.title')}</div>
      <table className="dbi-table dbi-table--compact dbi-options">
        <thead>
          <tr>
            <th>{t('options.id')}</th>
            <th>{t('field.text')}</th>
            <th>{t('options.points')}</th>
            {k.type === 'choice' && <th>{t('options.na')}</th>}
            <th aria-label="actions" />
          </tr>
        </thead>
        <tbody>
          {k.options.map((o, i) => (
            <tr key={i} data-option={i}>
              <td>
                <input
                  className="dbi-input dbi-input--narrow"
                  name="option-id"
                  aria-label={`${t('options.id')} ${i + 1}`}
                  value={o.id}
                  readOnly={readOnly}
                  onChange={(e) => setOption(i, (x) => ({ ...x, id: e.target.value }), 'id')}
                />
              </td>
              <td>
                <TextRow
                  name="option"
                  label={`${t('field.text')} ${o.id}`}
                  value={o.text}
                  readOnly={readOnly}
                  onChange={(text) => setOption(i, (x) => ({ ...x, text }), 'text')}
                />
              </td>
              <td>
                {o.notApplicable ? (
                  '—'
                ) : (
                  <NumInput
                    name="option-points"
                    label={`${t('options.points')} ${o.id}`}
                    value={o.points ?? 0}
                    readOnly={readOnly}
                    onValue={(n) => n !== undefined && setOption(i, (x) => ({ ...x, points: n }), 'points')}
                  />
                )}
              </td>
              {k.type === 'choice' && (
                <td>
                  <input
                    type="checkbox"
                    name="option-na"
                    aria-label={`${t('options.na')} ${o.id}`}
                    checked={o.notApplicable === true}
                    disabled={readOnly}
                    onChange={(e) =>
                      setOption(
                        i,
                        (x) => {
                          const { points: _p, notApplicable: _n, ...rest } = x;
                          return e.target.checked ? { ...rest, notApplicable: true } : { ...rest, points: 0 };
                        },
                        'na',
                      )
                    }
                  />
                </td>
              )}
              <td>
                <RowButtons
                  i={i}
                  count={k.options.length}
                  what={o.id}
                  readOnly={readOnly}
                  onMove={(from, to) => setOptions((list) => moved(list, from, to))}
                  onRemove={(j) => setOptions((list) => list.filter((_, n) => n !== j))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <button
          type="button"
          className="dbi-btn dbi-btn--small"
          onClick={() =>
            setOptions((list) => [
              ...list,
              { id: nextOptionId(list), text: { vi: 'Phương án mới', en: 'New option' }, points: 0 },
            ])
          }
        >
          + {t('options.add')}
        </button>
      )}
    </div>
  );
}

function NumberEditor({
  criterion: k,
  readOnly,
  set,
}: {
  criterion: Extract<Criterion, { type: 'number' }>;
  readOnly: boolean;
  set: Setter;
}) {
  const t = useT();
  const setNum = (fn: (x: typeof k) => typeof k, coalesce?: string) => set((x) => fn(x as typeof k), coalesce);
  const setBands = (fn: (b: Band[]) => Band[], coalesce?: string) =>
    setNum((x) => ({ ...x, bands: fn(x.bands.slice()) }), coalesce);
  return (
    <>
      <label className="dbi-check">
        <input
          type="checkbox"
          name="number-integer"
          checked={k.integer === true}
          disabled={readOnly}
          onChange={(e) =>
            setNum((x) => {
              const { integer: _i, ...rest } = x;
              return e.target.checked ? { ...rest, integer: true } : rest;
            })
          }
        />{' '}
        {t('number.integer')}
      </label>
      <div className="dbi-row">
        <Field label={t('number.min')}>
          <NumInput
            name="number-min"
            label={t('number.min')}
            value={k.min}
            readOnly={readOnly}
            onValue={(n) => n !== undefined && setNum((x) => ({ ...x, min: n }), 'min')}
          />
        </Field>
        <Field label={t('number.max')}>
          <NumInput
            name="number-max"
            label={t('number.max')}
            value={k.max}
            readOnly={readOnly}
            onValue={(n) => n !== undefined && setNum((x) => ({ ...x, max: n }), 'max')}
          />
        </Field>
      </div>
      <Field label={t('number.unit')}>
        <TextRow
          name="unit"
          label={t('number.unit')}
          value={k.unit}
          readOnly={readOnly}
          onChange={(unit) =>
            setNum((x) => {
              const { unit: _u, ...rest } = x;
              return unit.vi === '' && unit.en === '' ? rest : { ...rest, unit };
            }, 'unit')
          }
        />
      </Field>
      <div className="dbi-field">
        <div className="dbi-field__label">{t('number.bands')}</div>
        <table className="dbi-table dbi-table--compact">
          <thead>
            <tr>
              <th>{t('number.upTo')}</th>
              <th>{t('options.points')}</th>
              <th aria-label="actions" />
            </tr>
          </thead>
          <tbody>
            {k.bands.map((b, i) => (
              <tr key={i} data-band={i}>
                <td>
                  <NumInput
                    name="band-upTo"
                    label={`${t('number.upTo')} ${i + 1}`}
                    value={b.upTo}
                    readOnly={readOnly}
                    onValue={(n) =>
                      n !== undefined &&
                      setBands((list) => list.map((x, j) => (j === i ? { ...x, upTo: n } : x)), `band:${i}:upTo`)
                    }
                  />
                </td>
                <td>
                  <NumInput
                    name="band-points"
                    label={`${t('options.points')} ${i + 1}`}
                    value={b.points}
                    readOnly={readOnly}
                    onValue={(n) =>
                      n !== undefined &&
                      setBands((list) => list.map((x, j) => (j === i ? { ...x, points: n } : x)), `band:${i}:points`)
                    }
                  />
                </td>
                <td>
                  <RowButtons
                    i={i}
                    count={k.bands.length}
                    what={String(i + 1)}
                    readOnly={readOnly}
                    onMove={(from, to) => setBands((list) => moved(list, from, to))}
                    onRemove={(j) => setBands((list) => list.filter((_, n) => n !== j))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!readOnly && (
          <button
            type="button"
            className="dbi-btn dbi-btn--small"
            onClick={() => setBands((list) => [...list, { upTo: k.max, points: 0 }])}
          >
            + {t('number.addBand')}
          </button>
        )}
      </div>
    </>
  );
}

const FACT_OPS = ['==', '!=', '>=', '>', '<=', '<'] as const;
type FactOp = (typeof FACT_OPS)[number];
const OP_LABEL: Record<FactOp, string> = { '==': '=', '!=': '≠', '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

/** `{op: [{var: "profile.x"}, value]}` → its parts, or undefined for any other rule. */
function parseApplies(rule: unknown): { fact: string; op: FactOp; value: string | number | boolean } | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const entries = Object.entries(rule);
  if (entries.length !== 1) return undefined;
  const [op, args] = entries[0]!;
  if (!(FACT_OPS as readonly string[]).includes(op) || !Array.isArray(args) || args.length !== 2) return undefined;
  const [v, value] = args as [unknown, unknown];
  const name = typeof v === 'object' && v !== null && 'var' in v ? (v as { var: unknown }).var : undefined;
  if (typeof name !== 'string' || !name.startsWith('profile.')) return undefined;
  if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  return { fact: name.slice('profile.'.length), op: op as FactOp, value: value as string | number | boolean };
}

const printApplies = (fact: string, op: FactOp, value: string | number | boolean) => ({
  [op]: [{ var: `profile.${fact}` }, value],
});

/** An applicability rule on a pillar, component or criterion: "applies only when <fact> <op> <value>". */
export function AppliesEditor({ node, path }: { node: Pillar | Component | Criterion; path: NodePath }) {
  const t = useT();
  const lang = useLang();
  const readOnly = useDesignerState((s) => s.readOnly);
  const definition = useDesignerState((s) => s.definition);
  const apply = useApply();
  const facts = definition.kind === 'scorecard' ? (definition.profile ?? []) : [];
  const rule = node.applies;
  const parsed = rule === undefined ? undefined : parseApplies(rule);
  const setRule = (value: unknown, coalesce?: string) =>
    apply((def) => edit.setNodeField(def, path, 'applies', value), coalesce && `${node.id}:applies:${coalesce}`);
  const first = facts[0];
  const defaultValue = (f: ProfileFact): string | number | boolean =>
    f.type === 'string' ? (f.values?.[0]?.value ?? '') : f.type === 'integer' ? (f.minimum ?? 0) : true;
  const fact = parsed && facts.find((f) => f.name === parsed.fact);
  return (
    <div className="dbi-field dbi-applies">
      <div className="dbi-field__label">{t('applies.title')}</div>
      {facts.length === 0 && rule === undefined ? (
        <div className="dbi-node__muted">
          {t('applies.always')} · {t('applies.noFacts')}
        </div>
      ) : (
        <label className="dbi-check">
          <input
            type="checkbox"
            name="applies-on"
            checked={rule !== undefined}
            disabled={readOnly || (rule === undefined && !first)}
            onChange={(e) =>
              setRule(e.target.checked && first ? printApplies(first.name, '==', defaultValue(first)) : undefined)
            }
          />{' '}
          {rule === undefined ? t('applies.always') : t('applies.when')}
        </label>
      )}
      {rule !== undefined && parsed && (
        <div className="dbi-row dbi-applies__row">
          <select
            className="dbi-input"
            name="applies-fact"
            aria-label={t('applies.fact')}
            value={parsed.fact}
            disabled={readOnly}
            onChange={(e) => {
              const f = facts.find((x) => x.name === e.target.value);
              if (f) setRule(printApplies(f.name, '==', defaultValue(f)));
            }}
          >
            {facts.map((f) => (
              <option key={f.name} value={f.name}>
                {f.text[lang]} ({f.name})
              </option>
            ))}
            {!fact && <option value={parsed.fact}>{parsed.fact}</option>}
          </select>
          <select
            className="dbi-input dbi-input--op"
            name="applies-op"
            aria-label="operator"
            value={parsed.op}
            disabled={readOnly}
            onChange={(e) => setRule(printApplies(parsed.fact, e.target.value as FactOp, parsed.value))}
          >
            {(fact?.type === 'integer' ? FACT_OPS : (['==', '!='] as const)).map((o) => (
              <option key={o} value={o}>
                {OP_LABEL[o]}
              </option>
            ))}
          </select>
          {fact?.type === 'string' && fact.values ? (
            <select
              className="dbi-input"
              name="applies-value"
              aria-label={t('applies.value')}
              value={String(parsed.value)}
              disabled={readOnly}
              onChange={(e) => setRule(printApplies(parsed.fact, parsed.op, e.target.value))}
            >
              {fact.values.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.text[lang]}
                </option>
              ))}
            </select>
          ) : fact?.type === 'boolean' ? (
            <select
              className="dbi-input"
              name="applies-value"
              aria-label={t('applies.value')}
              value={String(parsed.value)}
              disabled={readOnly}
              onChange={(e) => setRule(printApplies(parsed.fact, parsed.op, e.target.value === 'true'))}
            >
              <option value="true">{t('yes')}</option>
              <option value="false">{t('no')}</option>
            </select>
          ) : (
            <NumInput
              name="applies-value"
              label={t('applies.value')}
              value={typeof parsed.value === 'number' ? parsed.value : undefined}
              readOnly={readOnly}
              onValue={(n) => n !== undefined && setRule(printApplies(parsed.fact, parsed.op, n), 'value')}
            />
          )}
        </div>
      )}
      {rule !== undefined && !parsed && (
        <Field label={t('applies.custom')}>
          <RawJson value={rule} readOnly={readOnly} onChange={(v) => setRule(v, 'raw')} label={t('applies.custom')} />
        </Field>
      )}
    </div>
  );
}

/** A pillar's weight in the overall score; weights are on every pillar or on none. */
export function PillarWeight({ definition, p }: { definition: ScorecardDefinition; p: number }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const apply = useApply();
  const weighted = definition.pillars.some((x) => x.weight !== undefined);
  const pillar = definition.pillars[p]!;
  return (
    <div className="dbi-field">
      <div className="dbi-field__label">{t('field.pillarWeight')}</div>
      {weighted ? (
        <div className="dbi-row">
          <NumInput
            name="pillar-weight"
            label={t('field.pillarWeight')}
            value={pillar.weight}
            readOnly={readOnly}
            onValue={(n) =>
              n !== undefined &&
              apply((def) => edit.setNodeField(def, { kind: 'pillar', p }, 'weight', n), `${pillar.id}:weight`)
            }
          />
          {!readOnly && (
            <button
              type="button"
              className="dbi-btn dbi-btn--small"
              onClick={() => apply((def) => edit.setPillarWeights(def, undefined))}
            >
              {t('weights.drop')}
            </button>
          )}
        </div>
      ) : (
        !readOnly && (
          <button
            type="button"
            className="dbi-btn dbi-btn--small"
            onClick={() =>
              apply((def) =>
                edit.setPillarWeights(
                  def,
                  definition.pillars.map(() => 1),
                ),
              )
            }
          >
            {t('weights.use')}
          </button>
        )
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="dbi-section">
      <h4>{title}</h4>
      {children}
    </section>
  );
}

/** The result level scale: add or remove levels, names and descriptions in both languages. */
export function LevelsEditor({ definition }: { definition: ScorecardDefinition }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const apply = useApply();
  const setLevel = (i: number, fn: (l: Level) => Level, field: string) =>
    apply(
      (def) =>
        edit.setLevels(
          def,
          (def as ScorecardDefinition).levels.map((l, j) => (j === i ? fn(l) : l)),
        ),
      `level:${i}:${field}`,
    );
  const levels = definition.levels;
  return (
    <Section title={t('levels.title')}>
      <table className="dbi-table dbi-table--compact dbi-levels">
        <tbody>
          {levels.map((l, i) => (
            <tr key={i} data-level={i}>
              <td className="dbi-rules__n">{l.level}</td>
              <td>
                <TextRow
                  name="level"
                  label={t('levels.name', { n: l.level })}
                  value={l.name}
                  readOnly={readOnly}
                  onChange={(name) => setLevel(i, (x) => ({ ...x, name }), 'name')}
                />
                <TextRow
                  name="level-desc"
                  label={t('levels.description', { n: l.level })}
                  value={l.description}
                  readOnly={readOnly}
                  onChange={(description) =>
                    setLevel(
                      i,
                      (x) => {
                        const { description: _d, ...rest } = x;
                        return description.vi === '' && description.en === '' ? rest : { ...rest, description };
                      },
                      'description',
                    )
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <div className="dbi-row">
          <button
            type="button"
            className="dbi-btn dbi-btn--small"
            onClick={() =>
              apply((def) =>
                edit.setLevels(def, [
                  ...(def as ScorecardDefinition).levels,
                  { level: levels.length, name: { vi: `Mức ${levels.length}`, en: `Level ${levels.length}` } },
                ]),
              )
            }
          >
            + {t('levels.add')}
          </button>
          <button
            type="button"
            className="dbi-btn dbi-btn--small"
            disabled={levels.length <= 2}
            onClick={() => apply((def) => edit.setLevels(def, (def as ScorecardDefinition).levels.slice(0, -1)))}
          >
            {t('levels.remove')}
          </button>
        </div>
      )}
    </Section>
  );
}

/** The profile facts a definition declares: name, type, required, text, allowed values or bounds. */
export function ProfileEditor({ definition }: { definition: ScorecardDefinition }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const apply = useApply();
  const facts = definition.profile ?? [];
  const setFacts = (fn: (f: ProfileFact[]) => ProfileFact[], coalesce?: string) =>
    apply((def) => edit.setProfile(def, fn(((def as ScorecardDefinition).profile ?? []).slice())), coalesce);
  const setFact = (i: number, fn: (f: ProfileFact) => ProfileFact, field: string) =>
    setFacts((list) => list.map((f, j) => (j === i ? fn(f) : f)), `fact:${i}:${field}`);
  return (
    <Section title={t('profile.title')}>
      {facts.map((f, i) => (
        <div key={i} className="dbi-fact" data-fact={i}>
          <div className="dbi-row">
            <input
              className="dbi-input"
              name="fact-name"
              aria-label={`${t('profile.name')} ${i + 1}`}
              placeholder={t('profile.name')}
              value={f.name}
              readOnly={readOnly}
              onChange={(e) => setFact(i, (x) => ({ ...x, name: e.target.value }), 'name')}
            />
            <select
              className="dbi-input"
              name="fact-type"
              aria-label={`${t('profile.type')} ${i + 1}`}
              value={f.type}
              disabled={readOnly}
              onChange={(e) =>
                setFact(
                  i,
                  (x) => {
                    const { values: _v, minimum: _min, maximum: _max, ...rest } = x;
                    const type = e.target.value as ProfileFact['type'];
                    return type === 'string'
                      ? { ...rest, type, values: [{ value: 'a', text: { vi: 'a', en: 'a' } }] }
                      : type === 'integer'
                        ? { ...rest, type, minimum: 0 }
                        : { ...rest, type };
                  },
                  'type',
                )
              }
            >
              {(['string', 'integer', 'boolean'] as const).map((ty) => (
                <option key={ty} value={ty}>
                  {t(`profile.type.${ty}`)}
                </option>
              ))}
            </select>
            <label className="dbi-check">
              <input
                type="checkbox"
                name="fact-required"
                checked={f.required}
                disabled={readOnly}
                onChange={(e) => setFact(i, (x) => ({ ...x, required: e.target.checked }), 'required')}
              />{' '}
              {t('profile.required')}
            </label>
            <RowButtons
              i={i}
              count={facts.length}
              what={f.name}
              readOnly={readOnly}
              onMove={(from, to) => setFacts((list) => moved(list, from, to))}
              onRemove={(j) => setFacts((list) => list.filter((_, n) => n !== j))}
            />
          </div>
          <TextRow
            name="fact"
            label={`${t('field.text')} ${f.name}`}
            value={f.text}
            readOnly={readOnly}
            onChange={(text) => setFact(i, (x) => ({ ...x, text }), 'text')}
          />
          {f.type === 'integer' && (
            <div className="dbi-row">
              <NumInput
                name="fact-min"
                label={t('profile.min')}
                value={f.minimum}
                empty="undefined"
                readOnly={readOnly}
                onValue={(n) =>
                  setFact(
                    i,
                    (x) => {
                      const { minimum: _m, ...rest } = x;
                      return n === undefined ? rest : { ...rest, minimum: n };
                    },
                    'min',
                  )
                }
              />
              <NumInput
                name="fact-max"
                label={t('profile.max')}
                value={f.maximum}
                empty="undefined"
                readOnly={readOnly}
                onValue={(n) =>
                  setFact(
                    i,
                    (x) => {
                      const { maximum: _m, ...rest } = x;
                      return n === undefined ? rest : { ...rest, maximum: n };
                    },
                    'max',
                  )
                }
              />
            </div>
          )}
          {f.type === 'string' && (
            <div className="dbi-fact__values">
              {(f.values ?? []).map((v, j) => (
                <div key={j} className="dbi-row" data-value={j}>
                  <input
                    className="dbi-input dbi-input--narrow"
                    name="value"
                    aria-label={`${t('profile.values')} ${j + 1}`}
                    value={v.value}
                    readOnly={readOnly}
                    onChange={(e) =>
                      setFact(
                        i,
                        (x) => ({
                          ...x,
                          values: (x.values ?? []).map((y, n) => (n === j ? { ...y, value: e.target.value } : y)),
                        }),
                        `value:${j}`,
                      )
                    }
                  />
                  <TextRow
                    name="value"
                    label={`${t('field.text')} ${v.value}`}
                    value={v.text}
                    readOnly={readOnly}
                    onChange={(text) =>
                      setFact(
                        i,
                        (x) => ({ ...x, values: (x.values ?? []).map((y, n) => (n === j ? { ...y, text } : y)) }),
                        `value-text:${j}`,
                      )
                    }
                  />
                  <RowButtons
                    i={j}
                    count={f.values?.length ?? 0}
                    what={v.value}
                    readOnly={readOnly}
                    onMove={(from, to) => setFact(i, (x) => ({ ...x, values: moved(x.values ?? [], from, to) }), 'mv')}
                    onRemove={(n) =>
                      setFact(i, (x) => ({ ...x, values: (x.values ?? []).filter((_, m) => m !== n) }), 'rm')
                    }
                  />
                </div>
              ))}
              {!readOnly && (
                <button
                  type="button"
                  className="dbi-btn dbi-btn--small"
                  onClick={() =>
                    setFact(
                      i,
                      (x) => {
                        const n = (x.values?.length ?? 0) + 1;
                        return {
                          ...x,
                          values: [...(x.values ?? []), { value: `v${n}`, text: { vi: `v${n}`, en: `v${n}` } }],
                        };
                      },
                      'add',
                    )
                  }
                >
                  + {t('profile.addValue')}
                </button>
              )}
            </div>
          )}
        </div>
      ))}
      {!readOnly && (
        <button
          type="button"
          className="dbi-btn dbi-btn--small"
          onClick={() =>
            setFacts((list) => {
              const used = new Set(list.map((f) => f.name));
              let n = list.length + 1;
              while (used.has(`fact${n}`)) n++;
              return [
                ...list,
                {
                  name: `fact${n}`,
                  type: 'string',
                  required: true,
                  text: { vi: 'Thông tin mới', en: 'New fact' },
                  values: [{ value: 'a', text: { vi: 'a', en: 'a' } }],
                },
              ];
            })
          }
        >
          + {t('profile.add')}
        </button>
      )}
    </Section>
  );
}

/** The legal instrument the definition implements: number, title, issuer, signed and effective dates. */
export function InstrumentEditor({ definition }: { definition: Definition }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const apply = useApply();
  const ins = definition.instrument;
  const set = (fn: (i: Instrument) => Instrument, field: string) =>
    apply((def) => edit.setInstrument(def, fn(def.instrument)), `instrument:${field}`);
  return (
    <Section title={t('instrument.title')}>
      <div className="dbi-row">
        <Field label={t('instrument.number')}>
          <input
            className="dbi-input"
            name="instrument-number"
            value={ins.number}
            readOnly={readOnly}
            onChange={(e) => set((x) => ({ ...x, number: e.target.value }), 'number')}
          />
        </Field>
        <Field label={t('instrument.signed')}>
          <input
            type="date"
            className="dbi-input"
            name="instrument-signed"
            value={ins.signed}
            readOnly={readOnly}
            onChange={(e) => set((x) => ({ ...x, signed: e.target.value }), 'signed')}
          />
        </Field>
        <Field label={t('instrument.effective')}>
          <input
            type="date"
            className="dbi-input"
            name="instrument-effective"
            value={ins.effective}
            readOnly={readOnly}
            onChange={(e) => set((x) => ({ ...x, effective: e.target.value }), 'effective')}
          />
        </Field>
      </div>
      <Field label={t('instrument.name')}>
        <TextRow
          name="instrument-title"
          label={t('instrument.name')}
          value={ins.title}
          readOnly={readOnly}
          onChange={(title) => set((x) => ({ ...x, title }), 'title')}
        />
      </Field>
      <Field label={t('instrument.issuer')}>
        <TextRow
          name="instrument-issuer"
          label={t('instrument.issuer')}
          value={ins.issuer}
          readOnly={readOnly}
          onChange={(issuer) => set((x) => ({ ...x, issuer }), 'issuer')}
        />
      </Field>
    </Section>
  );
}
