import { describe, expect, it } from 'vitest';
import { compareVersions, formatIndexRef, parseIndexRef } from './ref.js';

describe('index references', () => {
  it('parses id@version', () => {
    expect(parseIndexRef('large-agriculture@1.10.0')).toEqual({ id: 'large-agriculture', version: '1.10.0' });
    expect(formatIndexRef({ id: 'sme', version: '1.0.0' })).toBe('sme@1.0.0');
  });
  it.each(['large', 'large@1.0', 'Large@1.0.0', 'large@01.0.0', '@1.0.0', 'large@1.0.0-beta', 'a b@1.0.0'])(
    'rejects %s',
    (text) => {
      expect(parseIndexRef(text)).toBeUndefined();
    },
  );
  it('orders versions numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
});
