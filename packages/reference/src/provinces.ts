// Vietnam's provincial-level units: the 34 of Resolution 202/2025/QH15, the 63 before them, and the mapping.
import data from './lists/provinces/1.0.0.json' with { type: 'json' };
import { foldName, type Text } from './text.js';

/** A legal instrument a list is taken from. */
export interface Instrument {
  number: string;
  title: Text;
  issuer: Text;
  signed: string;
  effective: string;
  gives?: string;
  section?: string;
}

/** An interpretation made while turning the legal texts into data, and why. */
export interface DataDecision {
  id: string;
  text: string;
}

export interface Province {
  /** Two-digit administrative unit code, e.g. "79". Unique within its list only. */
  code: string;
  name: Text;
  /** "city": a centrally-run city (thành phố trực thuộc trung ương). */
  type: 'city' | 'province';
  /** Other names that resolve to this unit (e.g. Thừa Thiên Huế for Huế). */
  aliases?: string[];
}

export interface FormerProvince extends Province {
  /** Code of the current unit this province became part of on 1 July 2025. */
  becomes: string;
}

export interface ProvinceList {
  id: 'provinces';
  version: string;
  title: Text;
  sources: { current: Instrument[]; former: Instrument[] };
  decisions: DataDecision[];
  current: Province[];
  former: FormerProvince[];
}

/** The province data as shipped (version 1.0.0): sources, decisions and both lists. */
export const provinceData = data as ProvinceList;

const currentByCode = new Map(provinceData.current.map((p) => [p.code, p]));
const formerByCode = new Map(provinceData.former.map((p) => [p.code, p]));

/** The 34 provincial-level units in force since 1 July 2025, in code order. */
export function currentProvinces(): readonly Province[] {
  return provinceData.current;
}

/** The 63 provincial-level units before 1 July 2025, in code order. */
export function formerProvinces(): readonly FormerProvince[] {
  return provinceData.former;
}

/** A current unit by its code, or undefined. */
export function currentProvince(code: string): Province | undefined {
  return currentByCode.get(code);
}

/** A former province by its code, or undefined. */
export function formerProvince(code: string): FormerProvince | undefined {
  return formerByCode.get(code);
}

/** The current unit a former province (by code) became part of, or undefined for an unknown code. */
export function successorOf(formerCode: string): Province | undefined {
  const f = formerByCode.get(formerCode);
  return f && currentByCode.get(f.becomes);
}

/** The former provinces a current unit (by code) was formed from, in code order; empty for an unknown code. */
export function formedFrom(currentCode: string): FormerProvince[] {
  return provinceData.former.filter((f) => f.becomes === currentCode);
}

const names = (p: Province) => [p.name.vi, p.name.en, ...(p.aliases ?? [])].map(foldName);

/**
 * Resolves what a user typed — a current unit's name, a former province's name (or alias), with or without
 * diacritics or the Tỉnh/Thành phố prefix — to the current unit, and the former province when it was one.
 * Codes are not accepted here: a bare code is ambiguous between the lists (see the data's decisions).
 */
export function findProvince(text: string): { current: Province; former?: FormerProvince } | undefined {
  const key = foldName(text);
  if (!key) return undefined;
  const current = provinceData.current.find((p) => names(p).includes(key));
  if (current) return { current };
  const former = provinceData.former.find((p) => names(p).includes(key));
  const successor = former && currentByCode.get(former.becomes);
  return former && successor ? { current: successor, former } : undefined;
}
