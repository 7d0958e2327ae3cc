// VSIC 2018 level-1 sections (Decision 27/2018/QĐ-TTg), for rankings by industry.
import data from './lists/industries/1.0.0.json' with { type: 'json' };
import type { DataDecision, Instrument } from './provinces.js';
import type { Text } from './text.js';

export interface IndustrySection {
  /** A..U */
  code: string;
  name: Text;
  /** The two-digit VSIC divisions in this section. */
  divisions: string[];
}

export interface IndustryList {
  id: 'industries';
  version: string;
  title: Text;
  instrument: Instrument;
  decisions: DataDecision[];
  sections: IndustrySection[];
}

/** The industry data as shipped (version 1.0.0). */
export const industryData = data as IndustryList;

const byDivision = new Map(industryData.sections.flatMap((s) => s.divisions.map((d) => [d, s] as const)));

/** The 21 sections A..U in order. */
export function industrySections(): readonly IndustrySection[] {
  return industryData.sections;
}

/** A section by its letter (A..U), or undefined. */
export function industrySection(code: string): IndustrySection | undefined {
  return industryData.sections.find((s) => s.code === code);
}

/** The section of a VSIC activity code of 2 to 5 digits (e.g. "6201" → J), or undefined when its division does not exist. */
export function sectionOfActivity(activityCode: string): IndustrySection | undefined {
  if (!/^\d{2,5}$/.test(activityCode)) return undefined;
  return byDivision.get(activityCode.slice(0, 2));
}
