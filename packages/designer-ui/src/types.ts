// Shared vocabulary of the designer: languages, node kinds and positions, diff marks.
import type { Definition, DefinitionDiff } from '@dbi/schema';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export type NodeKind = 'index' | 'pillar' | 'component' | 'criterion';

/**
 * Where a node sits in a definition, by array position (ids may be duplicated while a draft is being edited,
 * positions never are). `p`, `c`, `k` index `pillars`, `components`, `criteria`.
 */
export type NodePath =
  | { kind: 'index' }
  | { kind: 'pillar'; p: number }
  | { kind: 'component'; p: number; c: number }
  /** `c` is -1 (DIRECT) for a criterion held directly by its pillar. */
  | { kind: 'criterion'; p: number; c: number; k: number };

export type DiffStatus = 'added' | 'removed' | 'moved' | 'changed';
export const DIFF_STATUSES: readonly DiffStatus[] = ['added', 'removed', 'moved', 'changed'];

/**
 * One semantic change between two versions, as the designer needs it. `key` is the canvas node key
 * (`criterion:3.2.5`) when the change concerns a node, else undefined (rules, levels, metadata).
 */
export interface DiffMark {
  status: DiffStatus;
  /** `pillar` | `component` | `criterion` | `rules` | `levels` | `index` … */
  kind: string;
  /** Node id or a short name of what changed (e.g. `rules.overall`). */
  id: string;
  key?: string;
  /** Fields that changed (`text`, `weight`, …) for `changed`. */
  fields?: string[];
  /** Old and new parent id for `moved`. */
  from?: string;
  to?: string;
  /** JSON pointer into the newer definition (or the older one for removals). */
  path?: string;
}

/**
 * A diff as the designer shows it: the older definition (ghosts of removed nodes come from it), the schema's
 * semantic diff (for the list) and one mark per node (for the canvas).
 */
export interface DiffView {
  base: Definition;
  diff?: DefinitionDiff;
  marks: DiffMark[];
}
