import { describe, expect, it } from 'vitest';
import { escapePointer } from './pointer.js';

describe('escapePointer', () => {
  it('escapes ~ before / (RFC 6901 §4: ~1 must not become /)', () => {
    expect(escapePointer('1.1.1')).toBe('1.1.1');
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(escapePointer('~1')).toBe('~01');
    expect(escapePointer('')).toBe('');
  });
});
