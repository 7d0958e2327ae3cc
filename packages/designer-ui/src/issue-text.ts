// A validation issue in the editor's words: which node, which field, and what is wrong, in Vietnamese or English
// (the schema's own messages are English and name JSON paths). Only the wording is ours: which issues exist is
// still decided by @dbi/schema and @dbi/engine; an issue we have no words for keeps its English text.
import type { Issue } from '@dbi/schema';
import { t, type MessageKey } from './i18n.js';
import { INDEX_KEY, keyForPointer, parsePointer, pointerOf, type DefinitionTree } from './tree.js';
import type { Lang } from './types.js';

export interface IssueText {
  /** The node's canvas key. */
  key: string;
  /** "Tiêu chí 3.2.5" */
  node: string;
  /** "Nội dung (Tiếng Việt)", or undefined when the issue concerns the node as a whole. */
  field?: string;
  /** The field's pointer below the node (`text/vi`, `weight`), to highlight it. */
  fieldPath: string;
  /** "đang để trống" */
  message: string;
}

const FIELDS: Record<string, MessageKey> = {
  id: 'field.id',
  title: 'field.title',
  description: 'field.description',
  name: 'field.name',
  statement: 'field.statement',
  text: 'field.text',
  group: 'field.group',
  weight: 'field.weight',
  max: 'field.max',
  version: 'field.version',
  rules: 'field.rules',
  levels: 'field.levels',
};

function fieldLabel(lang: Lang, tail: readonly string[]): string | undefined {
  const [head, second] = tail;
  if (head === undefined) return undefined;
  const key = FIELDS[head];
  if (!key) return head;
  const label = t(lang, key);
  if ((second === 'vi' || second === 'en') && tail.length === 2)
    return t(lang, 'field.in', { field: label, lang: t(lang, `lang.${second}`) });
  if (head === 'rules') {
    const i = tail.find((s) => /^\d+$/.test(s));
    return i === undefined ? label : `${label} · ${t(lang, 'field.rule', { n: Number(i) + 1 })}`;
  }
  return label;
}

/** What is wrong, in the editor's words (no place). */
export function issueMessage(lang: Lang, issue: Issue): string {
  const m = issue.message;
  switch (issue.code) {
    case 'schema-minLength':
      return t(lang, 'issue.empty');
    case 'schema-maxLength':
      return t(lang, 'issue.tooLong');
    case 'schema-required':
      return t(lang, 'issue.missing');
    case 'schema-additionalProperties':
      return t(lang, 'issue.notAllowed');
    case 'schema-pattern':
      return t(lang, 'issue.idForm');
    case 'schema-type':
      return /integer/.test(m)
        ? t(lang, 'issue.wholeNumber')
        : /number/.test(m)
          ? t(lang, 'issue.number')
          : t(lang, 'issue.other', { detail: m });
    case 'schema-minimum':
    case 'schema-maximum':
    case 'schema-exclusiveMinimum':
    case 'schema-exclusiveMaximum': {
      const b = /(>=|<=|>|<)\s*(-?[\d.]+)/.exec(m);
      if (!b) break;
      const key = ({ '>=': 'issue.atLeast', '<=': 'issue.atMost', '>': 'issue.above', '<': 'issue.below' } as const)[
        b[1] as '>=' | '<=' | '>' | '<'
      ];
      return t(lang, key, { n: b[2]! });
    }
    case 'schema-enum':
    case 'schema-const': {
      const v = /must be one of (.*)$/.exec(m);
      if (v) return t(lang, 'issue.oneOf', { values: v[1]! });
      break;
    }
    case 'max-mismatch': {
      const n = /declared maximum (\d+) but .* add up to (\d+)/.exec(m);
      if (n) return t(lang, 'issue.maxMismatch', { declared: n[1]!, sum: n[2]! });
      break;
    }
    case 'duplicate-id': {
      const id = /"([^"]*)"/.exec(m);
      if (id) return t(lang, 'issue.duplicateId', { id: id[1]! });
      break;
    }
    case 'rule-unknown-level': {
      const l = /level (\d+)/.exec(m);
      if (l) return t(lang, 'issue.unknownLevel', { n: l[1]! });
      break;
    }
    case 'levels-not-contiguous':
      return t(lang, 'issue.levels');
  }
  if (issue.code.startsWith('rule-')) return t(lang, 'issue.rule', { detail: m });
  return t(lang, 'issue.other', { detail: m });
}

/** The node a pointer falls in and the rest of the pointer below that node. */
function split(tree: DefinitionTree, pointer: string): { key: string; tail: string[] } {
  const key = keyForPointer(tree, pointer);
  const node = tree.byKey.get(key);
  const base = node ? parsePointer(pointerOf(node.path)) : [];
  return { key, tail: parsePointer(pointer).slice(base.length) };
}

export function describeIssue(issue: Issue, tree: DefinitionTree, defId: string, lang: Lang): IssueText {
  const { key, tail } = split(tree, issue.path);
  const node = tree.byKey.get(key);
  const field = fieldLabel(lang, tail);
  return {
    key,
    node: node ? `${t(lang, `kind.${node.kind}`)} ${key === INDEX_KEY ? defId : node.id}` : key,
    ...(field ? { field } : {}),
    fieldPath: tail.join('/'),
    message: issueMessage(lang, issue),
  };
}

/** "Tiêu chí 3.2.5 · Nội dung (Tiếng Việt): đang để trống" — for tooltips and one-line lists. */
export function issueLine(text: IssueText, withNode = true): string {
  const where = [withNode ? text.node : undefined, text.field].filter(Boolean).join(' · ');
  return where ? `${where}: ${text.message}` : text.message;
}

/** This node's issues by the field they name (`text/vi`, `weight`, `id`; '' = the node as a whole). */
export function fieldIssues(
  issues: readonly Issue[] | undefined,
  tree: DefinitionTree,
  defId: string,
  lang: Lang,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const d = describeIssue(issue, tree, defId, lang);
    out[d.fieldPath] = out[d.fieldPath] ? `${out[d.fieldPath]}; ${d.message}` : d.message;
  }
  return out;
}
