// The form's shape, derived from a scorecard definition: one field per criterion (named f0, f1, … because criterion
// ids such as "1.2.3" would be read as nested paths by the form library), one per profile fact, grouped by pillar.
// Converting between form values and the engine's answers lives here, so the form and the tests agree on it.
import {
  answerScale,
  maxOfCriterion,
  type Component,
  type Criterion,
  type Pillar,
  type ProfileFact,
  type ScorecardDefinition,
  type ScoreAnswerValue,
} from '@dbi/schema';

export interface CriterionField {
  name: string;
  criterion: Criterion;
  pillar: Pillar;
  component: Component | null;
}

export interface PillarSection {
  pillar: Pillar;
  fields: CriterionField[];
}

export interface FormModel {
  sections: PillarSection[];
  fields: CriterionField[];
  byId: Map<string, CriterionField>;
  profile: { name: string; fact: ProfileFact }[];
}

/** What the form holds per field: text for inputs, radios and selects; a list for checkboxes. */
export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

export function formModel(def: ScorecardDefinition): FormModel {
  const fields: CriterionField[] = [];
  const sections = def.pillars.map((pillar) => {
    const own: CriterionField[] = [];
    const add = (criterion: Criterion, component: Component | null) => {
      const f = { name: `f${fields.length}`, criterion, pillar, component };
      fields.push(f);
      own.push(f);
    };
    for (const c of pillar.criteria ?? []) add(c, null);
    for (const comp of pillar.components ?? []) for (const c of comp.criteria) add(c, comp);
    return { pillar, fields: own };
  });
  return {
    sections,
    fields,
    byId: new Map(fields.map((f) => [f.criterion.id, f])),
    profile: (def.profile ?? []).map((fact) => ({ name: `p_${fact.name}`, fact })),
  };
}

/** A number as typed ("1,5" is read as 1.5, the Vietnamese decimal comma); null when it is not one. */
export function readNumber(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/** One field's value as the engine's answer (null: no data). Numbers that do not parse are no data. */
export function answerOf(criterion: Criterion, value: FormValue | undefined): ScoreAnswerValue {
  if (value === undefined) return null;
  switch (criterion.type) {
    case undefined:
    case 'level':
      return typeof value === 'string' && value !== '' ? Number(value) : null;
    case 'choice':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'multi': {
      const list = Array.isArray(value) ? value : value ? [value] : [];
      // Options in the definition's order, whatever order they were ticked in.
      const order = criterion.options.map((o) => o.id);
      return list.length ? order.filter((id) => list.includes(id)) : null;
    }
    case 'boolean':
      return value === 'yes' ? true : value === 'no' ? false : null;
    case 'number':
      return typeof value === 'string' ? readNumber(value) : null;
  }
}

export function toAnswers(model: FormModel, values: FormValues): Record<string, ScoreAnswerValue> {
  const out: Record<string, ScoreAnswerValue> = {};
  for (const f of model.fields) out[f.criterion.id] = answerOf(f.criterion, values[f.name]);
  return out;
}

export function toProfile(model: FormModel, values: FormValues): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const { name, fact } of model.profile) {
    const v = values[name];
    if (typeof v !== 'string' || v === '') continue;
    if (fact.type === 'integer') {
      const n = readNumber(v);
      if (n !== null) out[fact.name] = n;
    } else if (fact.type === 'boolean') out[fact.name] = v === 'yes';
    else out[fact.name] = v;
  }
  return out;
}

/** The form's starting values from stored answers (and profile facts). */
export function toValues(
  model: FormModel,
  answers: Record<string, unknown> = {},
  profile: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {};
  for (const f of model.fields) {
    const a = answers[f.criterion.id];
    if (f.criterion.type === 'multi') values[f.name] = Array.isArray(a) ? a.map(String) : [];
    else if (f.criterion.type === 'boolean') values[f.name] = a === true ? 'yes' : a === false ? 'no' : '';
    else values[f.name] = a === null || a === undefined ? '' : String(a);
  }
  for (const { name, fact } of model.profile) {
    const v = profile[fact.name];
    values[name] = v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  }
  return values;
}

/** Points a criterion can score at most — the schema's own rule, never restated here. */
export function maxPoints(def: ScorecardDefinition, c: Criterion): number {
  return maxOfCriterion(c, answerScale(def));
}
