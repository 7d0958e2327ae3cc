// One Ajv instance, each schema compiled once. Shape errors come out as Issue[] with JSON pointers; meaning is
// checked by checkDefinition (check.ts) once the shape is right.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { AggregateDefinition, ClassifierDefinition, ScorecardDefinition, type Definition } from './definition.js';
import { ClassifyInput, GroupInput, ScoreInput, type Issue } from './io.js';
import { checkDefinition } from './check.js';

// ajv-formats ships CommonJS; its default export arrives wrapped under Node's ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => Ajv2020;

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

export function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
    addFormats(ajv);
  }
  return ajv;
}

function compile(schema: object): ValidateFunction {
  const id = (schema as { $id?: string }).$id ?? JSON.stringify(schema);
  let fn = compiled.get(id);
  if (!fn) {
    fn = getAjv().getSchema(id) ?? getAjv().compile(schema);
    compiled.set(id, fn);
  }
  return fn;
}

/**
 * A union told apart by its `type` field (the criterion's answer type): keep only the errors of the branch the
 * value names, or one clear error when it names none. Other unions keep Ajv's errors as they are.
 */
function pickBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  let out = [...errors];
  for (const u of errors) {
    if (u.keyword !== 'anyOf') continue;
    const prefix = `${u.schemaPath}/`;
    const inBranch = (e: ErrorObject) =>
      e !== u &&
      e.schemaPath.startsWith(prefix) &&
      (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`));
    const branchOf = (e: ErrorObject) => Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    const own = out.filter(inBranch);
    // A branch is ruled out by a different `type`, or by lacking one (only the level branch may omit it).
    const typeFails = own.filter(
      (e) =>
        (e.instancePath === `${u.instancePath}/type` && e.keyword === 'const') ||
        (e.instancePath === u.instancePath &&
          e.keyword === 'required' &&
          (e.params as { missingProperty?: string }).missingProperty === 'type'),
    );
    if (typeFails.length === 0) continue; // not a union on `type`
    const branches = new Set(own.map(branchOf));
    const failedType = new Set(typeFails.map(branchOf));
    const chosen = [...branches].filter((b) => !failedType.has(b));
    if (chosen.length === 1) {
      out = out.filter((e) => e !== u && (!inBranch(e) || branchOf(e) === chosen[0]));
    } else {
      const allowed = typeFails.flatMap((e) =>
        e.keyword === 'const' ? [(e.params as { allowedValue: unknown }).allowedValue] : [],
      );
      out = out.filter((e) => e !== u && !inBranch(e));
      out.push({
        ...u,
        instancePath: `${u.instancePath}/type`,
        keyword: 'enum',
        params: { allowedValues: allowed },
        message: undefined,
      } as ErrorObject);
    }
  }
  return out;
}

/** Ajv errors → issues: the pointer names the field, the message says why. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined, prefix = ''): Issue[] {
  if (!errors) return [];
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const e of pickBranches(errors)) {
    let path = prefix + e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = `${path}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      message = 'is not an allowed property';
    } else if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      path = `${path}/${missing}`;
      message = 'is required';
    } else if (e.keyword === 'enum' || e.keyword === 'const') {
      const values = (e.params as { allowedValues?: unknown[]; allowedValue?: unknown }).allowedValues ?? [
        (e.params as { allowedValue?: unknown }).allowedValue,
      ];
      message = `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'propertyNames') {
      continue; // reported through the more specific error that follows
    }
    const key = `${path}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path: path || '/', code: `schema-${e.keyword}`, message });
    }
  }
  // anyOf over literals produces one error per branch; keep the summary only.
  return collapseUnions(out);
}

function collapseUnions(issues: Issue[]): Issue[] {
  const byPath = new Map<string, Issue[]>();
  for (const i of issues) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i]);
  const out: Issue[] = [];
  for (const [path, list] of byPath) {
    const consts = list.filter((i) => i.code === 'schema-const');
    const anyOf = list.find((i) => i.code === 'schema-anyOf');
    if (anyOf && consts.length > 0) {
      const values = consts.map((c) => c.message.replace(/^must be one of /, '')).join(', ');
      out.push({ path, code: 'schema-enum', message: `must be one of ${values}` });
      out.push(...list.filter((i) => i !== anyOf && !consts.includes(i) && i.code !== 'schema-type'));
    } else out.push(...list);
  }
  return out;
}

export type Checked<T> = { ok: true; value: T; issues: [] } | { ok: false; issues: Issue[] };

const KINDS = {
  scorecard: ScorecardDefinition,
  aggregate: AggregateDefinition,
  classifier: ClassifierDefinition,
} as const;

/** Shape then meaning. The first failing stage's issues are returned, each with its JSON pointer. */
export function validateDefinition(input: unknown): Checked<Definition> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '/', code: 'schema-type', message: 'a definition is a JSON object' }] };
  }
  const kind = (input as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(kind in KINDS)) {
    return {
      ok: false,
      issues: [
        {
          path: '/kind',
          code: 'schema-enum',
          message: `must be one of ${Object.keys(KINDS)
            .map((k) => JSON.stringify(k))
            .join(', ')}`,
        },
      ],
    };
  }
  const fn = compile(KINDS[kind as keyof typeof KINDS]);
  if (!fn(input)) return { ok: false, issues: toIssues(fn.errors) };
  const issues = checkDefinition(input as Definition);
  return issues.length ? { ok: false, issues } : { ok: true, value: input as Definition, issues: [] };
}

function validator<T>(schema: object) {
  return (input: unknown): Checked<T> => {
    const fn = compile(schema);
    return fn(input) ? { ok: true, value: input as T, issues: [] } : { ok: false, issues: toIssues(fn.errors) };
  };
}

export const validateScoreInput = validator<import('./io.js').ScoreInput>(ScoreInput);
export const validateGroupInput = validator<import('./io.js').GroupInput>(GroupInput);
export const validateClassifyInput = validator<import('./io.js').ClassifyInput>(ClassifyInput);
