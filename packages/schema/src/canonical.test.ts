import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256Hex } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('is independent of key insertion order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });
  it('keeps array order (order is meaning)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
  it('escapes strings as JSON does and keeps Vietnamese text as is', () => {
    expect(canonicalJson({ t: 'Hạ tầng "số"' })).toBe('{"t":"Hạ tầng \\"số\\""}');
  });
  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/non-finite/);
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
  });
});

describe('hashes', () => {
  it('sha256 matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('contentHash ignores $schema and key order but nothing else', () => {
    const a = { id: 'x', version: '1.0.0', body: [1] };
    const b = { $schema: '../somewhere.json', body: [1], version: '1.0.0', id: 'x' };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toBe(sha256Hex('{"body":[1],"id":"x","version":"1.0.0"}'));
    expect(contentHash({ ...a, body: [2] })).not.toBe(contentHash(a));
  });
});
