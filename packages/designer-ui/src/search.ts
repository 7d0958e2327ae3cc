// Finding a node by id or by words of its text, in either language, ignoring Vietnamese diacritics
// ("chien luoc" finds "Chiến lược").
import type { Definition } from '@dbi/schema';
import { buildTree } from './tree.js';
import type { Lang, NodeKind } from './types.js';
import { nodeAt } from './tree.js';

export interface SearchHit {
  key: string;
  kind: NodeKind;
  id: string;
  label: string;
}

/** Lower case, no diacritics, đ → d. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * Hits in this order: exact id, ids starting with the query, then nodes whose text (either language) contains
 * every word of the query. Criteria rank before components and pillars within each group.
 */
export function searchNodes(def: Definition, query: string, lang: Lang, limit = 20): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const words = fold(q).split(/\s+/).filter(Boolean);
  const tree = buildTree(def);
  const rank: { hit: SearchHit; score: number; order: number }[] = [];
  let order = 0;
  for (const key of tree.order) {
    const node = tree.byKey.get(key)!;
    if (node.kind === 'index') continue;
    const at = nodeAt(def, node.path);
    if (!at) continue;
    const value = at.value as { text?: { vi: string; en: string }; name?: { vi: string; en: string } };
    const text = value.text ?? value.name ?? { vi: '', en: '' };
    const kindRank = node.kind === 'criterion' ? 0 : node.kind === 'component' ? 1 : 2;
    let score: number | undefined;
    if (node.id === q) score = 0;
    else if (node.id.startsWith(q)) score = 10;
    else {
      const hay = fold(`${text.vi} ${text.en}`);
      if (words.every((w) => hay.includes(w))) score = 20;
    }
    if (score !== undefined)
      rank.push({
        hit: { key, kind: node.kind, id: node.id, label: text[lang] },
        score: score + kindRank,
        order: order++,
      });
  }
  rank.sort((a, b) => a.score - b.score || a.order - b.order);
  return rank.slice(0, limit).map((r) => r.hit);
}
