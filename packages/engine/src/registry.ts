// run() dispatches on a definition's kind; createRegistry() compiles a set of definitions once and resolves
// `id@version` references (the group index uses it to find its members' indices).
import type { ClassifyResult, Definition, GroupResult, Issue, ScoreResult } from '@dbi/schema';
import { classify } from './classify.js';
import { compile, type Compiled } from './compile.js';
import { EngineError, prefixIssues } from './errors.js';
import { scoreGroup } from './group.js';
import { score, type Resolver, type RunOptions } from './score.js';

/** Scores, rolls up or classifies, according to the compiled definition's kind. */
export function run(c: Compiled, input: unknown, o?: RunOptions): ScoreResult | GroupResult | ClassifyResult {
  switch (c.kind) {
    case 'scorecard':
      return score(c, input, o);
    case 'classifier':
      return classify(c, input, o);
    case 'aggregate':
      // scoreGroup refuses a missing resolver with an EngineError.
      return scoreGroup(c, input, o as RunOptions & { resolve: Resolver });
  }
}

export interface Registry {
  /** The compiled definition for `id@version`, if registered. */
  get(ref: string): Compiled | undefined;
  /** Same as get; hand it to scoreGroup/run as `resolve`. */
  resolve: Resolver;
  /** Every registered definition, in the order given. */
  list(): Compiled[];
}

/** Compiles every definition. Throws one EngineError listing all problems, pointers prefixed with the list position. */
export function createRegistry(defs: readonly Definition[]): Registry {
  const byRef = new Map<string, Compiled>();
  const issues: Issue[] = [];
  defs.forEach((def, i) => {
    let c: Compiled;
    try {
      c = compile(def);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      issues.push(...prefixIssues(e.issues, `/${i}`));
      return;
    }
    const seen = byRef.get(c.ref);
    if (seen && seen.stamp.hash !== c.stamp.hash) {
      issues.push({
        path: `/${i}/version`,
        code: 'duplicate-version',
        message: `${c.ref} is given twice with different content; publish a new version instead`,
      });
    } else if (!seen) byRef.set(c.ref, c);
  });
  if (issues.length) throw new EngineError(issues, 'definitions');
  const get = (ref: string) => byRef.get(ref);
  return { get, resolve: get, list: () => [...byRef.values()] };
}
