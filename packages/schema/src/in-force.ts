// Which version of an index was in force on a date. A version is in force from the day it entered force (its
// instrument's effective date, recorded by the registry at publication) up to but not including the day it left
// force (the day a successor entered force); `leftOn: null` means it is still in force. Pure: the registry supplies
// the records, the API, the CLI and assessment creation ask this one function.
import { Type, type Static } from 'typebox';
import { IsoDate } from './definition.js';

export const ForcePeriod = Type.Object(
  {
    index: Type.String(),
    version: Type.String(),
    hash: Type.String(),
    /** The instrument that put the version in force, e.g. 1970/QĐ-BTTTT. */
    instrument: Type.String(),
    enteredOn: IsoDate,
    /** The day a successor entered force (no longer in force from that day); null while in force. */
    leftOn: Type.Union([IsoDate, Type.Null()]),
  },
  { additionalProperties: false, $id: 'https://dbi.example/schema/force-period.json' },
);
export type ForcePeriod = Static<typeof ForcePeriod>;

/** Is `date` (YYYY-MM-DD) a real calendar day? */
export function isIsoDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** The version in force on `date` (ISO dates compare as text); undefined when none was. When periods overlap (they
 * do not, as the registry records them) the one that entered force last wins. */
export function inForceOn<T extends Pick<ForcePeriod, 'enteredOn' | 'leftOn'>>(
  periods: readonly T[],
  date: string,
): T | undefined {
  let found: T | undefined;
  for (const p of periods)
    if (p.enteredOn <= date && (p.leftOn === null || date < p.leftOn) && (!found || p.enteredOn >= found.enteredOn))
      found = p;
  return found;
}
