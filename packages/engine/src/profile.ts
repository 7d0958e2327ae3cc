// Profile facts (sector, employees, …): checked against the definition's declarations and laid into the slots the
// `applies` rules and level rules read as `profile.<name>`. Messages name the fact: "profile.sector is required".
import type { Issue, ProfileFact } from '@dbi/schema';
import { esc, isPlainObject, show } from './errors.js';
import type { Slot } from './rule.js';

/** Slots for `profile.<name>`, starting at `base`: required integers are numbers with their bounds, others any. */
export function profileSlots(facts: readonly ProfileFact[], base: number): [string, Slot][] {
  return facts.map((f, i) => {
    const numeric = f.type === 'integer' && f.required;
    return [
      `profile.${f.name}`,
      numeric
        ? {
            slot: base + i,
            numeric: true,
            lo: f.minimum ?? -Number.MAX_SAFE_INTEGER,
            hi: f.maximum ?? Number.MAX_SAFE_INTEGER,
          }
        : { slot: base + i, numeric: false, lo: NaN, hi: NaN },
    ];
  });
}

/**
 * Checks `input.profile` and writes each fact's value (null when absent) into `out[base + i]`. Issues point at
 * `/profile/<name>`.
 */
export function readProfile(
  facts: readonly ProfileFact[],
  ref: string,
  profile: unknown,
  out: unknown[],
  base: number,
  issues: Issue[],
): void {
  if (profile !== undefined && profile !== null && !isPlainObject(profile)) {
    issues.push({ path: '/profile', code: 'profile-not-object', message: 'must be an object of profile facts' });
    return;
  }
  const given = (profile ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!facts.some((f) => f.name === k))
      issues.push({
        path: `/profile/${esc(k)}`,
        code: 'unknown-profile-fact',
        message: facts.length
          ? `profile.${k} is not a profile fact of ${ref} (facts: ${facts.map((f) => f.name).join(', ')})`
          : `profile.${k} is not a profile fact of ${ref}, which declares none`,
      });
  }
  facts.forEach((f, i) => {
    const at = `/profile/${esc(f.name)}`;
    const v = Object.hasOwn(given, f.name) ? given[f.name] : undefined;
    out[base + i] = null;
    if (v === undefined || v === null) {
      if (f.required) issues.push({ path: at, code: 'required', message: `profile.${f.name} is required` });
      return;
    }
    const bad = (message: string) => issues.push({ path: at, code: 'invalid-profile-fact', message });
    switch (f.type) {
      case 'integer':
        if (typeof v !== 'number' || !Number.isSafeInteger(v))
          return bad(`profile.${f.name} must be a whole number, found ${show(v)}`);
        if (f.minimum !== undefined && v < f.minimum)
          return bad(`profile.${f.name}: ${v} is below the minimum ${f.minimum}`);
        if (f.maximum !== undefined && v > f.maximum)
          return bad(`profile.${f.name}: ${v} is above the maximum ${f.maximum}`);
        break;
      case 'boolean':
        if (typeof v !== 'boolean') return bad(`profile.${f.name} must be true or false, found ${show(v)}`);
        break;
      case 'string':
        if (typeof v !== 'string') return bad(`profile.${f.name} must be text, found ${show(v)}`);
        if (f.values && !f.values.some((x) => x.value === v))
          return bad(`profile.${f.name}: '${v}' is not one of ${f.values.map((x) => x.value).join(', ')}`);
        break;
    }
    out[base + i] = v;
  });
}
