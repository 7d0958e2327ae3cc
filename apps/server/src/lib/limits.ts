// What one scoring request may cost. Scoring time grows with the number of units scored (each group unit, each batch
// input) and an explanation trace multiplies the answer's size, so both are bounded per request; a request over a
// limit is refused before any scoring with 413 naming the limit. The load benchmark (bench/hardening-load.ts) runs
// the largest allowed requests against /health.
import type { ProblemError } from '@dbi/schema';
import { HttpProblem } from './problems.js';

/** Units in one group input (`units`). */
export const MAX_GROUP_UNITS = 1000;
/** Units of work in one request: each input counts 1, a group input counts its units. */
export const MAX_REQUEST_UNITS = 10_000;
/** Units of work in one request that asks for the explanation trace (`?explain=true`). */
export const MAX_EXPLAIN_UNITS = 1000;

const unitsOf = (input: unknown): number => {
  const units = (input as { units?: unknown } | null)?.units;
  return Array.isArray(units) ? units.length : 1;
};

const tooLarge = (pointer: string, code: string, detail: string) => {
  const error: ProblemError = { pointer, detail, code, in: 'body' };
  return new HttpProblem('too-large', detail, [error]);
};

/** Refuses (413) inputs whose scoring would cost more than the limits above; `at(i)` is input i's pointer. */
export function assertScoringCost(inputs: readonly unknown[], explain: boolean, at: (i: number) => string): void {
  let total = 0;
  for (let i = 0; i < inputs.length; i++) {
    const n = unitsOf(inputs[i]);
    if (n > MAX_GROUP_UNITS)
      throw tooLarge(
        `${at(i)}/units`,
        'limit-group-units',
        `a group may have at most ${MAX_GROUP_UNITS} units per request (limit MAX_GROUP_UNITS), this one has ${n}`,
      );
    total += n;
  }
  const max = explain ? MAX_EXPLAIN_UNITS : MAX_REQUEST_UNITS;
  if (total > max)
    throw tooLarge(
      '',
      explain ? 'limit-explain-units' : 'limit-request-units',
      explain
        ? `an explained request may score at most ${MAX_EXPLAIN_UNITS} units (limit MAX_EXPLAIN_UNITS), this one has ${total}; ask without explain=true or split it`
        : `one request may score at most ${MAX_REQUEST_UNITS} units (limit MAX_REQUEST_UNITS), this one has ${total}; split it`,
    );
}
