import type { Issue } from '@dbi/schema';

/**
 * A bad definition or a bad input. `issues` lists every problem found, each with a JSON pointer into the checked
 * document (the definition, or the input), a stable code and a message that says why.
 */
export class EngineError extends Error {
  readonly issues: Issue[];

  constructor(issues: Issue[], subject = 'input') {
    const first = issues[0];
    const head = first ? `${first.path || '/'}: ${first.message}` : 'invalid';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`invalid ${subject}: ${head}${more}`);
    this.name = 'EngineError';
    this.issues = issues;
  }
}

/** One JSON-pointer segment (RFC 6901). */
export const esc = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Prefixes every issue's pointer, e.g. a unit's answers inside a group input. */
export function prefixIssues(issues: readonly Issue[], prefix: string): Issue[] {
  return issues.map((i) => ({ ...i, path: prefix + (i.path === '/' ? '' : i.path) }));
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as it appears in JSON, shortened for messages. */
export const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};
