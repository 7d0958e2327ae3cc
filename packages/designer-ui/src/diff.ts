// The schema's semantic diff (@dbi/schema diffDefinitions) turned into one mark per canvas node: added, removed,
// moved (to another parent or among its siblings) or changed (re-worded, re-weighted, other fields, own rules).
// Changes that concern no node (overall rules, levels, metadata) mark the index node as changed.
import { diffDefinitions, type DefinitionDiff, type DiffChange, type Definition } from '@dbi/schema';
import { INDEX_KEY, nodeKey } from './tree.js';
import type { DiffMark, DiffStatus, DiffView, NodeKind } from './types.js';

const RANK: Record<DiffStatus, number> = { added: 3, removed: 3, moved: 2, changed: 1 };

function statusOf(c: DiffChange): DiffStatus {
  switch (c.change) {
    case 'added':
    case 'removed':
    case 'moved':
      return c.change;
    case 'reordered':
      return 'moved';
    default:
      return 'changed';
  }
}

const OWN_RULES = /^pillars\/(.+)\/rules$/;

/** The canvas node a change concerns: its node, a pillar for its own rules, else the index. */
export function changeKey(c: DiffChange): { kind: string; id: string; key: string | undefined } {
  if (c.node && c.id !== undefined) {
    const canvas = c.node === 'pillar' || c.node === 'component' || c.node === 'criterion';
    return { kind: c.node, id: c.id, key: canvas ? nodeKey(c.node as NodeKind, c.id) : undefined };
  }
  const own = c.field ? OWN_RULES.exec(c.field) : null;
  if (own) return { kind: 'pillar', id: own[1]!, key: nodeKey('pillar', own[1]!) };
  return { kind: 'index', id: c.field ?? c.change, key: INDEX_KEY };
}

export function diffMarks(diff: DefinitionDiff): DiffMark[] {
  const byKey = new Map<string, DiffMark>();
  const loose: DiffMark[] = [];
  for (const c of diff.changes) {
    const status = statusOf(c);
    const { kind, id, key } = changeKey(c);
    const field = c.field ?? (c.change === 'reordered' ? 'position' : undefined);
    if (!key) {
      loose.push({ status, kind, id, ...(field ? { fields: [field] } : {}) });
      continue;
    }
    const mark = byKey.get(key);
    if (!mark) {
      byKey.set(key, {
        status,
        kind,
        id,
        key,
        ...(field ? { fields: [field] } : {}),
        ...(c.fromParent !== undefined ? { from: c.fromParent } : {}),
        ...(c.toParent !== undefined ? { to: c.toParent } : {}),
      });
      continue;
    }
    if (RANK[status] > RANK[mark.status]) mark.status = status;
    if (field && !mark.fields?.includes(field)) mark.fields = [...(mark.fields ?? []), field];
    if (c.change === 'moved') {
      if (c.fromParent !== undefined) mark.from = c.fromParent;
      if (c.toParent !== undefined) mark.to = c.toParent;
    }
  }
  return [...byKey.values(), ...loose];
}

/** Counts of marked nodes per status. */
export function diffCounts(marks: readonly DiffMark[]): Record<DiffStatus, number> {
  const out: Record<DiffStatus, number> = { added: 0, removed: 0, moved: 0, changed: 0 };
  for (const m of marks) out[m.status]++;
  return out;
}

/** The view of `head` compared with the older `base`. */
export function diffView(base: Definition, head: Definition): DiffView {
  const diff = diffDefinitions(base, head);
  return { base, diff, marks: diffMarks(diff) };
}
