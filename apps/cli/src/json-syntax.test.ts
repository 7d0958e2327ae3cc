// The syntax-error locator agrees with JSON.parse on what is valid, and points at the right place.
import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-syntax.js';

describe('locateJsonError', () => {
  it('points at the first bad character with line and column', () => {
    expect(locateJsonError('{\n  "a": 1,\n}')).toMatchObject({
      line: 3,
      column: 1,
      reason: "unexpected '}': expected a property name in double quotes",
    });
    expect(locateJsonError('[1 2]')).toMatchObject({ offset: 3, reason: "unexpected '2': expected ',' or ']'" });
    expect(locateJsonError('{"a" 1}')).toMatchObject({
      offset: 5,
      reason: "unexpected '1': expected ':' after the property name",
    });
    expect(locateJsonError('"a\tb"')).toMatchObject({
      offset: 2,
      reason: 'control character in a string (escape it, e.g. \\n)',
    });
    expect(locateJsonError('"\\x"')).toMatchObject({ offset: 1, reason: "invalid escape '\\x'" });
    expect(locateJsonError('01')).toMatchObject({ offset: 1, reason: "unexpected '1' after the JSON value" });
    expect(locateJsonError('-')).toMatchObject({ offset: 1, reason: 'invalid number: expected a digit' });
    expect(locateJsonError('1.e5')).toMatchObject({
      offset: 2,
      reason: 'invalid number: expected a digit after the decimal point',
    });
    expect(locateJsonError('"abc')).toMatchObject({ offset: 0, reason: 'unterminated string' });
    expect(locateJsonError('tru')).toMatchObject({ offset: 0, reason: "unexpected 't': expected a value" });
    expect(locateJsonError('')).toMatchObject({
      line: 1,
      column: 1,
      reason: 'unexpected end of input: expected a value',
    });
  });

  it('survives nesting far deeper than any call stack', () => {
    expect(locateJsonError('['.repeat(1_000_000))).toMatchObject({ offset: 1_000_000 });
  });

  it('agrees with JSON.parse on 50,000 mutated documents', () => {
    // A seeded generator (mulberry32), so a failure is reproducible.
    let seed = 1970;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const samples = [
      '{"a": [1, 2.5e-3, -0, true, false, null, "x\\n\\u00e9"], "b": {"c": {}}, "d": []}',
      '[]',
      '{}',
      '"s"',
      '0',
      '-1.2E+5',
      ' [ [ [ ] ] , { } ] ',
      'null',
    ];
    const alphabet = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '1',
      '0',
      '-',
      '.',
      'e',
      'E',
      '+',
      't',
      'n',
      'u',
      ' ',
      '\n',
      'a',
      '\t',
      '\u0001',
    ];
    let disagreements = 0;
    for (let n = 0; n < 50_000; n++) {
      let s = pick(samples);
      for (let m = Math.floor(rand() * 3); m > 0; m--) {
        const p = Math.floor(rand() * (s.length + 1));
        const op = Math.floor(rand() * 3);
        const ch = pick(alphabet);
        s =
          op === 0
            ? s.slice(0, p) + ch + s.slice(p)
            : op === 1
              ? s.slice(0, p) + s.slice(p + 1)
              : s.slice(0, p) + ch + s.slice(p + 1);
      }
      let valid = true;
      try {
        JSON.parse(s);
      } catch {
        valid = false;
      }
      if (valid !== (locateJsonError(s) === undefined)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
