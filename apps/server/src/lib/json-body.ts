// JSON bodies, parsed with their cost bounded before anything recurses: the nesting depth is counted in one linear
// pass over the text (no recursion, no allocation), and only then is the text parsed. The parsed value is walked once
// (its depth is now bounded) to refuse what JSON.parse lets through but no route can store or score: numbers that
// overflow to ±Infinity (`1e999`) and prototype-poisoning keys.
import type { ProblemError } from '@dbi/schema';
import { HttpProblem } from './problems.js';

/** Deepest nesting of arrays and objects accepted in a body. The national indices nest at most 14 levels deep. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

const refuse = (pointer: string, detail: string, code: string): HttpProblem => {
  const error: ProblemError = { pointer, detail, code, in: 'body' };
  return new HttpProblem('invalid-input', `body ${pointer || '(root)'}: ${detail}`, [error]);
};

/** The 0-based offset at which `text` first nests deeper than `max`, or -1. Strings are skipped, escapes honoured. */
export function depthExceededAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return i;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return -1;
}

/** Whether `text` has at most `max` opening brackets in all (then it cannot nest deeper than `max`). Counted with
 *  the native indexOf, which is several times cheaper per request than the character loop above for a score body. */
function opensAtMost(text: string, max: number): boolean {
  let n = 0;
  for (const c of ['{', '['])
    for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) if (++n > max) return false;
  return true;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first value JSON cannot carry faithfully (non-finite number, prototype key), as a refusal; or undefined. */
function firstUnsafe(value: unknown, pointer: string): HttpProblem | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? undefined
      : refuse(pointer, 'number is too large to be represented (it overflows to infinity)', 'non-finite-number');
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstUnsafe(value[i], `${pointer}/${i}`);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key === '__proto__') return refuse(here, 'the key "__proto__" is not allowed', 'prototype-key');
    if (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child)
      return refuse(here, 'the key "constructor.prototype" is not allowed', 'prototype-key');
    const bad = firstUnsafe(child, here);
    if (bad) return bad;
  }
  return undefined;
}

/** Parses a JSON body or throws a 400 HttpProblem naming where and why (never the parser's stack). */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const at = opensAtMost(text, maxDepth) ? -1 : depthExceededAt(text, maxDepth);
  if (at >= 0)
    throw refuse(
      '',
      `JSON nests deeper than ${maxDepth} levels (at character ${at}); the limit is ${maxDepth}`,
      'too-deep',
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refuse('', `not valid JSON: ${(err as Error).message}`, 'invalid-json');
  }
  // The walk is only needed when the text could hold what it looks for: an overflowing number needs an exponent or
  // 309+ digits, a prototype key its name spelled out or escaped. Most bodies (answers, batches) hold none, and
  // skipping the walk there keeps a 10,000-input batch from spending seconds building pointers it never reports.
  if (!MAYBE_UNSAFE.test(text)) return value;
  const bad = firstUnsafe(value, '');
  if (bad) throw bad;
  return value;
}

/** Text that may parse to a non-finite number or a prototype key (false positives only cost the walk). */
const MAYBE_UNSAFE = /\d[eE]|\d{309}|__proto__|constructor|\\u/;
