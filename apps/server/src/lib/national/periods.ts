// Which period a request means: the one named (400 naming the field when it does not exist), else the current one —
// the period whose dates contain today in Vietnam (UTC+7), else the calendar year (the database's own default for
// an assessment created without a period, migration 0003).
import type { PeriodRecord, Storage } from '@dbi/storage';
import { invalidInput } from '../problems.js';

/** Today in Vietnam (UTC+7), YYYY-MM-DD. */
export const todayInVietnam = (now = new Date()) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export async function currentPeriodId(storage: Storage, now = new Date()): Promise<string> {
  const day = todayInVietnam(now);
  return (await storage.periods.containing(day))?.id ?? day.slice(0, 4);
}

/** The period named in `field` (must exist), or the current one. */
export async function periodOf(
  storage: Storage,
  given: string | undefined,
  field: { pointer: string; in: 'body' | 'query' },
): Promise<string> {
  if (given === undefined) return currentPeriodId(storage);
  if (await storage.periods.get(given)) return given;
  throw invalidInput([
    {
      pointer: field.pointer,
      detail: `period ${given} does not exist (GET /api/v1/periods lists them) / kỳ đánh giá ${given} không tồn tại`,
      code: 'unknown-period',
      in: field.in,
    },
  ]);
}

export const periodOut = (p: PeriodRecord, today: string) => ({
  ...p,
  current: p.startsOn <= today && today <= p.endsOn,
});
