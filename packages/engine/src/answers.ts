// One answer of any type → its points, or why it is refused, in the criterion's own terms ("2.2: 100.5 is above the
// maximum 100", "1.1: 'z' is not one of a, b, c, d"). Points are integers; number answers are read as the exact
// decimals they spell and compared with the band edges by cross-multiplying, never as floating point.
import {
  answerScale,
  decimalOf,
  maxOfCriterion,
  type Criterion,
  type Ratio,
  type ScorecardDefinition,
} from '@dbi/schema';
import { show } from './errors.js';

export type AnswerSpec =
  | { type: 'level'; id: string; weight: number; top: number }
  | { type: 'choice'; id: string; points: Map<string, number>; ids: string[] }
  | { type: 'multi'; id: string; points: Map<string, number>; ids: string[]; cap: number }
  | {
      type: 'number';
      id: string;
      integer: boolean;
      min: number;
      max: number;
      minR: Ratio;
      maxR: Ratio;
      bands: { upTo: Ratio; points: number }[];
    }
  | { type: 'boolean'; id: string; points: number };

/** Points of a choice option that makes the criterion not applicable. */
export const NOT_APPLICABLE = -1;

export function answerSpec(k: Criterion, def: ScorecardDefinition): AnswerSpec {
  switch (k.type) {
    case undefined:
    case 'level':
      return { type: 'level', id: k.id, weight: k.weight, top: answerScale(def).length - 1 };
    case 'choice':
    case 'multi': {
      const points = new Map(k.options.map((o) => [o.id, o.notApplicable ? NOT_APPLICABLE : o.points!]));
      const ids = k.options.map((o) => o.id);
      return k.type === 'choice'
        ? { type: 'choice', id: k.id, points, ids }
        : { type: 'multi', id: k.id, points, ids, cap: maxOfCriterion(k, []) };
    }
    case 'number':
      return {
        type: 'number',
        id: k.id,
        integer: k.integer === true,
        min: k.min,
        max: k.max,
        minR: decimalOf(k.min),
        maxR: decimalOf(k.max),
        bands: k.bands.map((b) => ({ upTo: decimalOf(b.upTo), points: b.points })),
      };
    case 'boolean':
      return { type: 'boolean', id: k.id, points: k.points };
  }
}

/** A refused answer: the issue's code and message (the caller adds the JSON pointer). */
export interface Refusal {
  code: string;
  message: string;
}

const lessOrEqual = (a: Ratio, b: Ratio) => a.n * b.d <= b.n * a.d;
const quote = (v: unknown) => (typeof v === 'string' ? `'${v.length > 40 ? `${v.slice(0, 37)}...` : v}'` : show(v));

/**
 * The points an answer scores (an integer ≥ 0), NOT_APPLICABLE for a not-applicable option, or a Refusal.
 * `v` is neither null nor undefined (no data is the caller's case).
 */
export function answerPoints(s: AnswerSpec, v: unknown): number | Refusal {
  switch (s.type) {
    case 'level':
      if (typeof v !== 'number' || !Number.isInteger(v))
        return { code: 'level-not-integer', message: `must be a level 0..${s.top} or null, found ${show(v)}` };
      if (v > s.top) return { code: 'level-out-of-range', message: `level ${v} is above the highest level ${s.top}` };
      if (v < 0) return { code: 'level-out-of-range', message: `level ${v} is below the lowest level 0` };
      return v * s.weight;
    case 'choice': {
      if (typeof v !== 'string')
        return {
          code: 'choice-not-an-option',
          message: `${s.id}: must be one option id (${s.ids.join(', ')}) or null, found ${show(v)}`,
        };
      const p = s.points.get(v);
      if (p === undefined)
        return { code: 'choice-not-an-option', message: `${s.id}: ${quote(v)} is not one of ${s.ids.join(', ')}` };
      return p;
    }
    case 'multi': {
      if (!Array.isArray(v))
        return {
          code: 'multi-not-a-list',
          message: `${s.id}: must be a list of option ids such as ["${s.ids[0]}"] (${s.ids.join(', ')}) or null, found ${show(v)}`,
        };
      const chosen = new Set<string>();
      let sum = 0;
      for (const o of v) {
        const p = typeof o === 'string' ? s.points.get(o) : undefined;
        if (p === undefined)
          return { code: 'multi-not-an-option', message: `${s.id}: ${quote(o)} is not one of ${s.ids.join(', ')}` };
        if (chosen.has(o as string))
          return { code: 'multi-duplicate', message: `${s.id}: ${quote(o)} is chosen twice` };
        chosen.add(o as string);
        sum += p;
      }
      return Math.min(sum, s.cap);
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v))
        return { code: 'number-not-a-number', message: `${s.id}: must be a number or null, found ${show(v)}` };
      if (s.integer && !Number.isSafeInteger(v))
        return { code: 'number-not-integer', message: `${s.id}: ${v} is not a whole number` };
      const x = decimalOf(v);
      if (!lessOrEqual(s.minR, x))
        return { code: 'number-below-minimum', message: `${s.id}: ${v} is below the minimum ${s.min}` };
      if (!lessOrEqual(x, s.maxR))
        return { code: 'number-above-maximum', message: `${s.id}: ${v} is above the maximum ${s.max}` };
      // The first band whose upper bound is ≥ the value (the definition's check makes the last one reach max).
      for (const b of s.bands) if (lessOrEqual(x, b.upTo)) return b.points;
      return { code: 'number-above-maximum', message: `${s.id}: ${v} is above the last band` };
    }
    case 'boolean':
      if (typeof v !== 'boolean')
        return { code: 'boolean-not-boolean', message: `${s.id}: must be true or false (or null), found ${show(v)}` };
      return v ? s.points : 0;
  }
}
