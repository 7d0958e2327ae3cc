import { describe, expect, it } from 'vitest';
import { scopeCoversIndex } from './policy.js';

describe('sector ministry scopes', () => {
  it('covers exact ids and prefixes only', () => {
    expect(scopeCoversIndex('large-agriculture,agri-*', 'large-agriculture')).toBe(true);
    expect(scopeCoversIndex('large-agriculture,agri-*', 'agri-sme')).toBe(true);
    expect(scopeCoversIndex('large-agriculture,agri-*', 'large')).toBe(false);
    expect(scopeCoversIndex('large-agriculture', 'large-agriculture-2')).toBe(false);
    expect(scopeCoversIndex(null, 'large')).toBe(false);
  });
});
