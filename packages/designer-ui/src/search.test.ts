import { describe, expect, it } from 'vitest';
import { fold, searchNodes } from './search.js';
import { large } from './testing/fixtures.js';

describe('searchNodes', () => {
  it('finds a criterion by its exact id first', () => {
    const hits = searchNodes(large(), '3.2.5', 'vi');
    expect(hits[0]).toMatchObject({ key: 'criterion:3.2.5', kind: 'criterion', id: '3.2.5' });
  });

  it('puts the exact id first, then ids that start with the query', () => {
    const hits = searchNodes(large(), '3.2', 'en');
    expect(hits.slice(0, 3).map((h) => h.key)).toEqual(['component:3.2', 'criterion:3.2.1', 'criterion:3.2.2']);
    expect(searchNodes(large(), '3.', 'en')[0]!.key).toBe('criterion:3.1.1'); // criteria before components
  });

  it('matches words of the text in either language, without Vietnamese diacritics', () => {
    expect(searchNodes(large(), 'cloud computing', 'en').map((h) => h.id)).toContain('3.2.5');
    expect(searchNodes(large(), 'dien toan dam may', 'vi').map((h) => h.id)).toContain('3.2.5');
    expect(searchNodes(large(), 'điện toán', 'vi').map((h) => h.id)).toContain('3.2.5');
    expect(searchNodes(large(), 'zzzz no such thing', 'vi')).toEqual([]);
    expect(searchNodes(large(), '   ', 'vi')).toEqual([]);
  });

  it('folds case and diacritics', () => {
    expect(fold('Chiến lược SỐ Đổi mới')).toBe('chien luoc so doi moi');
  });
});
