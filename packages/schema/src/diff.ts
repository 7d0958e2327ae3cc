// Semantic diff between two definitions (any kinds, any indices): what a policy reader means by "what changed" —
// nodes added, removed, moved to another parent, re-ordered among siblings, re-worded, re-weighted; maxima, rules,
// levels and metadata changed. Pure (no I/O): the API's /diff route and the designer's diff view share it.
import { Type, type Static } from 'typebox';
import { canonicalJson, contentHash } from './canonical.js';
import { crosswalkEntryText } from './crosswalk.js';
import type { Crosswalk, Definition } from './definition.js';

export const DiffNodeKind = Type.Union([
  Type.Literal('pillar'),
  Type.Literal('component'),
  Type.Literal('criterion'),
  Type.Literal('input'),
  Type.Literal('output'),
  /** An option of a choice or checkbox criterion; its id is `<criterion>/<option>`, e.g. `2.3/n`. */
  Type.Literal('option'),
  /** A declared profile fact (scorecards), by name. */
  Type.Literal('profile'),
]);
export type DiffNodeKind = Static<typeof DiffNodeKind>;

export const DiffChangeKind = Type.Union([
  Type.Literal('added'),
  Type.Literal('removed'),
  Type.Literal('moved'),
  Type.Literal('reordered'),
  Type.Literal('reworded'),
  Type.Literal('reweighted'),
  Type.Literal('max-changed'),
  Type.Literal('changed'),
  Type.Literal('rules-changed'),
  Type.Literal('levels-changed'),
  Type.Literal('metadata-changed'),
]);
export type DiffChangeKind = Static<typeof DiffChangeKind>;

export const DiffChange = Type.Object(
  {
    change: DiffChangeKind,
    /** For node changes: which kind of node and its id (`criterion` `3.2.5`). */
    node: Type.Optional(DiffNodeKind),
    id: Type.Optional(Type.String()),
    /** For moves: the parent before and after (`''` = the definition itself). */
    fromParent: Type.Optional(Type.String()),
    toParent: Type.Optional(Type.String()),
    /** For re-orders: 0-based position among its siblings before and after. */
    fromPosition: Type.Optional(Type.Integer()),
    toPosition: Type.Optional(Type.Integer()),
    /** The field that changed (`text`, `weight`, `max`, `title`, …) or the rule list (`rules.overall`,
     *  `pillars/3/rules`, `outputs/size/rules`). */
    field: Type.Optional(Type.String()),
    /** For re-wordings: which languages changed. */
    languages: Type.Optional(Type.Array(Type.Union([Type.Literal('vi'), Type.Literal('en')]))),
    before: Type.Optional(Type.Unknown()),
    after: Type.Optional(Type.Unknown()),
    /** For rule lists: each changed rule in words, e.g. "overall level 3: total > 278 → > 300". */
    details: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type DiffChange = Static<typeof DiffChange>;

const Stamp = Type.Object(
  { id: Type.String(), version: Type.String(), hash: Type.String() },
  { additionalProperties: false },
);

export const DefinitionDiff = Type.Object(
  {
    from: Stamp,
    to: Stamp,
    /** True when both have the same content hash (nothing at all changed). */
    identical: Type.Boolean(),
    changes: Type.Array(DiffChange),
    /** Number of changes per change kind. */
    summary: Type.Record(Type.String(), Type.Integer()),
  },
  { additionalProperties: false, $id: 'https://dbi.example/schema/definition-diff.json' },
);
export type DefinitionDiff = Static<typeof DefinitionDiff>;

interface Node {
  kind: DiffNodeKind;
  id: string;
  parent: string;
  /** Texts (vi/en objects) compared for re-wording. */
  texts: Record<string, unknown>;
  /** Other compared fields. */
  fields: Record<string, unknown>;
}

const TEXT_FIELDS: Record<DiffNodeKind, readonly string[]> = {
  pillar: ['name'],
  component: ['name', 'statement'],
  criterion: ['text', 'group'],
  input: ['text'],
  output: [],
  option: ['text'],
  profile: ['text'],
};

const pick = (obj: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, obj[k]]));
const omit = (obj: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
const same = (a: unknown, b: unknown) =>
  a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b);

// Drafts may not validate yet: walk whatever is there and skip what is not a list of objects with ids.
type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] =>
  Array.isArray(v) ? v.filter((x): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
const idOf = (n: Raw, field = 'id') => (typeof n[field] === 'string' ? (n[field] as string) : undefined);

/** The nodes of a definition in document order, each with its parent. */
function nodesOf(def: Definition): Node[] {
  const out: Node[] = [];
  const node = (kind: DiffNodeKind, raw: Raw, parent: string, nested: readonly string[], idField = 'id') => {
    const id = idOf(raw, idField);
    if (id === undefined) return undefined;
    const texts = pick(raw, TEXT_FIELDS[kind]);
    // Child lists and rule lists are compared on their own; ids are the identity.
    const fields = omit(raw, [idField, ...TEXT_FIELDS[kind], ...nested]);
    out.push({ kind, id, parent, texts, fields });
    return id;
  };
  const d = def as unknown as Raw;
  const criterion = (k: Raw, parent: string) => {
    const kid = node('criterion', k, parent, ['options']);
    if (kid === undefined) return;
    for (const o of list(k.options)) {
      const oid = idOf(o);
      if (oid !== undefined) node('option', { ...o, id: `${kid}/${oid}` }, kid, []);
    }
  };
  if (def.kind === 'scorecard') {
    for (const f of list(d.profile)) node('profile', f, '', [], 'name');
    for (const p of list(d.pillars)) {
      const pid = node('pillar', p, '', ['components', 'criteria', 'rules']);
      if (pid === undefined) continue;
      for (const k of list(p.criteria)) criterion(k, pid);
      for (const c of list(p.components)) {
        const cid = node('component', c, pid, ['criteria']);
        if (cid === undefined) continue;
        for (const k of list(c.criteria)) criterion(k, cid);
      }
    }
  } else if (def.kind === 'aggregate') {
    for (const p of list(d.pillars)) node('pillar', p, '', []);
  } else if (def.kind === 'classifier') {
    for (const i of list(d.inputs)) node('input', i, '', [], 'name');
    for (const o of list(d.outputs)) node('output', o, '', ['rules'], 'name');
  }
  return out;
}

/** Rule lists by a stable name, so a list is compared with the list of the same meaning. */
function ruleListsOf(def: Definition): Map<string, unknown> {
  const lists = new Map<string, unknown>();
  const d = def as unknown as Raw;
  const rules = (typeof d.rules === 'object' && d.rules !== null ? d.rules : {}) as Raw;
  if (def.kind === 'scorecard' || def.kind === 'aggregate') {
    if (rules.pillar !== undefined) lists.set('rules.pillar', rules.pillar);
    if (rules.overall !== undefined) lists.set('rules.overall', rules.overall);
    for (const p of list(d.pillars))
      if (p.rules !== undefined && idOf(p)) lists.set(`pillars/${idOf(p)}/rules`, p.rules);
  } else {
    for (const o of list(d.outputs)) if (idOf(o, 'name')) lists.set(`outputs/${idOf(o, 'name')}/rules`, o.rules);
  }
  return lists;
}

/** Longest common subsequence of two id lists: the ids that kept their relative order. */
function keptOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** Fields of the definition itself compared as metadata (node lists, rules and levels are compared apart). */
const STRUCTURAL = new Set([
  '$schema',
  'profile',
  'scale',
  'id',
  'version',
  'pillars',
  'rules',
  'levels',
  'inputs',
  'outputs',
  'layout',
  'max',
  'crosswalk',
]);

/**
 * What changed from `a` to `b`. Nodes are matched by kind and id (the Decision's own numbers), so a criterion
 * that keeps its id but changes component is `moved`, not removed and added. Changes are listed in `b`'s document
 * order (removals in `a`'s), nodes first, then rules, levels and metadata.
 */
export function diffDefinitions(a: Definition, b: Definition): DefinitionDiff {
  const changes: DiffChange[] = [];
  const key = (n: { kind: string; id: string }) => `${n.kind}:${n.id}`;
  const nodesA = nodesOf(a);
  const nodesB = nodesOf(b);
  const byA = new Map(nodesA.map((n) => [key(n), n]));
  const byB = new Map(nodesB.map((n) => [key(n), n]));

  // Siblings per parent, for positions and re-orders.
  const siblings = (nodes: Node[]) => {
    const m = new Map<string, string[]>();
    for (const n of nodes) {
      const k = `${n.kind}|${n.parent}`;
      m.set(k, [...(m.get(k) ?? []), n.id]);
    }
    return m;
  };
  const sibA = siblings(nodesA);
  const sibB = siblings(nodesB);
  const reordered = new Set<string>();
  for (const [group, idsB] of sibB) {
    const idsA = sibA.get(group);
    if (!idsA) continue;
    const inBoth = new Set(idsA.filter((id) => idsB.includes(id)));
    const ca = idsA.filter((id) => inBoth.has(id));
    const cb = idsB.filter((id) => inBoth.has(id));
    const kept = keptOrder(ca, cb);
    const kind = group.slice(0, group.indexOf('|'));
    for (const id of cb) if (!kept.has(id)) reordered.add(`${kind}:${id}`);
  }

  for (const n of nodesA) {
    if (!byB.has(key(n))) changes.push({ change: 'removed', node: n.kind, id: n.id, fromParent: n.parent });
  }
  for (const nb of nodesB) {
    const na = byA.get(key(nb));
    if (!na) {
      changes.push({ change: 'added', node: nb.kind, id: nb.id, toParent: nb.parent });
      continue;
    }
    if (na.parent !== nb.parent)
      changes.push({ change: 'moved', node: nb.kind, id: nb.id, fromParent: na.parent, toParent: nb.parent });
    else if (reordered.has(key(nb))) {
      const group = `${nb.kind}|${nb.parent}`;
      changes.push({
        change: 'reordered',
        node: nb.kind,
        id: nb.id,
        fromParent: na.parent,
        toParent: nb.parent,
        fromPosition: sibA.get(group)!.indexOf(nb.id),
        toPosition: sibB.get(group)!.indexOf(nb.id),
      });
    }
    for (const field of TEXT_FIELDS[nb.kind]) {
      const ta = na.texts[field] as Record<string, string> | undefined;
      const tb = nb.texts[field] as Record<string, string> | undefined;
      if (same(ta, tb)) continue;
      const languages = (['vi', 'en'] as const).filter((l) => ta?.[l] !== tb?.[l]);
      changes.push({
        change: 'reworded',
        node: nb.kind,
        id: nb.id,
        field,
        languages,
        before: ta ?? null,
        after: tb ?? null,
      });
    }
    const fields = new Set([...Object.keys(na.fields), ...Object.keys(nb.fields)]);
    for (const field of fields) {
      const fa = na.fields[field];
      const fb = nb.fields[field];
      if (same(fa, fb)) continue;
      const change: DiffChangeKind = field === 'weight' ? 'reweighted' : field === 'max' ? 'max-changed' : 'changed';
      changes.push({ change, node: nb.kind, id: nb.id, field, before: fa ?? null, after: fb ?? null });
    }
  }

  const maxA = (a as { max?: number }).max;
  const maxB = (b as { max?: number }).max;
  if (maxA !== maxB) changes.push({ change: 'max-changed', field: 'max', before: maxA ?? null, after: maxB ?? null });

  const rulesA = ruleListsOf(a);
  const rulesB = ruleListsOf(b);
  for (const name of new Set([...rulesA.keys(), ...rulesB.keys()])) {
    const ra = rulesA.get(name);
    const rb = rulesB.get(name);
    if (!same(ra, rb)) {
      const details = ruleDetails(name, ra, rb);
      changes.push({
        change: 'rules-changed',
        field: name,
        before: ra ?? null,
        after: rb ?? null,
        ...(details.length ? { details } : {}),
      });
    }
  }

  for (const field of ['levels', 'scale'] as const) {
    const la = (a as Record<string, unknown>)[field];
    const lb = (b as Record<string, unknown>)[field];
    if (!same(la, lb)) changes.push({ change: 'levels-changed', field, before: la ?? null, after: lb ?? null });
  }

  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  // The crosswalk is shown entry by entry in words: what was added to it and what left it.
  if (!same(ra.crosswalk, rb.crosswalk)) {
    const words = (d: Record<string, unknown>) =>
      ((d.crosswalk as Crosswalk | undefined)?.criteria ?? []).map(crosswalkEntryText);
    const wa = words(ra);
    const wb = words(rb);
    const details = [
      ...wb.filter((w) => !wa.includes(w)).map((w) => `+ ${w}`),
      ...wa.filter((w) => !wb.includes(w)).map((w) => `− ${w}`),
    ];
    changes.push({
      change: 'metadata-changed',
      field: 'crosswalk',
      before: ra.crosswalk ?? null,
      after: rb.crosswalk ?? null,
      ...(details.length ? { details } : {}),
    });
  }
  const meta = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !STRUCTURAL.has(k));
  for (const field of meta) {
    if (!same(ra[field], rb[field]))
      changes.push({ change: 'metadata-changed', field, before: ra[field] ?? null, after: rb[field] ?? null });
  }

  const summary: Record<string, number> = {};
  for (const c of changes) summary[c.change] = (summary[c.change] ?? 0) + 1;
  const from = { id: a.id, version: a.version, hash: contentHash(a) };
  const to = { id: b.id, version: b.version, hash: contentHash(b) };
  return { from, to, identical: from.hash === to.hash, changes, summary };
}

// ---------------------------------------------------------------------------------------------------------------
// Rules in words, for the diff: "overall level 3: total > 278 → > 300".

const INFIX = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '+', '-', '*', 'in']);

/** A json-logic expression as a short infix text: {">": [{"var": "total"}, 278]} → "total > 278". */
export function ruleText(rule: unknown): string {
  if (rule === null || typeof rule !== 'object') return JSON.stringify(rule) ?? String(rule);
  if (Array.isArray(rule)) return `[${rule.map(ruleText).join(', ')}]`;
  const [op] = Object.keys(rule);
  if (op === undefined) return '{}';
  const raw = (rule as Raw)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === 'var') return typeof args[0] === 'string' ? args[0] : ruleText(args[0]);
  const inner = (x: unknown) => {
    const t = ruleText(x);
    return typeof x === 'object' && x !== null && !Array.isArray(x) && !('var' in x) ? `(${t})` : t;
  };
  if ((op === 'and' || op === 'or') && args.length > 0) return args.map(inner).join(` ${op} `);
  if (op === '!' && args.length === 1) return `not ${inner(args[0])}`;
  if ((op === '<' || op === '<=') && args.length === 3)
    return `${inner(args[0])} ${op} ${inner(args[1])} ${op} ${inner(args[2])}`;
  if (INFIX.has(op) && args.length === 2) return `${inner(args[0])} ${op} ${inner(args[1])}`;
  return `${op}(${args.map(ruleText).join(', ')})`;
}

/** The smallest differing parts of two rules: a comparison whose right side changed reads "total > 278 → > 300". */
function ruleChanges(a: unknown, b: unknown): string[] {
  if (same(a, b)) return [];
  const opOf = (x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 ? Object.keys(x)[0]! : '';
  const argsOf = (x: unknown, op: string) => {
    const raw = (x as Raw)[op];
    return Array.isArray(raw) ? raw : [raw];
  };
  const op = opOf(a);
  if (op !== '' && op !== 'var' && op === opOf(b)) {
    const xa = argsOf(a, op);
    const xb = argsOf(b, op);
    if (xa.length === xb.length) {
      const differ = xa.map((x, i) => !same(x, xb[i]));
      const n = differ.filter(Boolean).length;
      if (INFIX.has(op) && xa.length === 2 && n === 1 && differ[1])
        return [`${ruleText(xa[0])} ${op} ${ruleText(xa[1])} → ${op} ${ruleText(xb[1])}`];
      if (op === 'and' || op === 'or' || op === 'if' || op === '!') return xa.flatMap((x, i) => ruleChanges(x, xb[i]));
    }
  }
  return [`${ruleText(a)} → ${ruleText(b)}`];
}

/** Each changed rule of a list, matched by the level it decides: "overall level 3: total > 278 → > 300". */
function ruleDetails(name: string, a: unknown, b: unknown): string[] {
  const scope =
    name === 'rules.overall'
      ? 'overall'
      : name === 'rules.pillar'
        ? 'pillars'
        : name.startsWith('pillars/')
          ? `pillar ${name.slice(8, -6)}`
          : name.replace(/\/rules$/, '');
  const byLevel = (x: unknown) => {
    const m = new Map<string, unknown>();
    for (const r of list(x)) {
      const key = String(r.level ?? r.value);
      if (!m.has(key)) m.set(key, r.when);
    }
    return m;
  };
  const ma = byLevel(a);
  const mb = byLevel(b);
  const word = name.startsWith('outputs/') ? 'value' : 'level';
  const out: string[] = [];
  for (const [k, wb] of mb) {
    if (!ma.has(k)) out.push(`${scope} ${word} ${k}: added (${ruleText(wb)})`);
    else for (const c of ruleChanges(ma.get(k), wb)) out.push(`${scope} ${word} ${k}: ${c}`);
  }
  for (const [k, wa] of ma) if (!mb.has(k)) out.push(`${scope} ${word} ${k}: removed (${ruleText(wa)})`);
  return out;
}
