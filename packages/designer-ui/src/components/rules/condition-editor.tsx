// A rule's condition as a sentence with its numbers, levels and operators editable (the shapes of rule-shapes.ts).
import { useEffect, useState } from 'react';
import { useT } from '../../context.js';
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
} from '../../rule-shapes.js';
import { AT_LEAST, RULE_VARIABLES, type RuleContext } from '../../rule-templates.js';
import type { MessageKey } from '../../i18n.js';
import { parseNumber } from '../fields.js';

export function Condition({
  when,
  ctx,
  levels,
  readOnly,
  onChange,
}: {
  when: unknown;
  ctx: RuleContext;
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

function useVarLabel() {
  const t = useT();
  return (name: string) => {
    const m = AT_LEAST.exec(name);
    if (m) return t('var.atLeast', { k: m[1]! });
    const key = `var.${name}` as MessageKey;
    return RULE_VARIABLES.has(name) ? t(key) : name;
  };
}
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
  ctx: RuleContext;
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
