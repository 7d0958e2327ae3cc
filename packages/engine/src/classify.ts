// classify(): a classifier definition's declared inputs, checked, then its output tables in order — each output
// sees the inputs and the outputs before it. Absent optional inputs are null in the rules' context.
import type { ClassifyResult, Issue, TraceStep } from '@dbi/schema';
import { decide, type CompiledClassifier } from './compile.js';
import { EngineError, esc, isPlainObject } from './errors.js';
import { show, type RunOptions } from './score.js';
import { ENGINE_VERSION } from './version.js';

/** ClassifyResult with its outputs typed: the classifier's output names → the values chosen (strings). */
export type Classification = ClassifyResult & { [output: string]: unknown };

/** Classifies one input, e.g. `{"sector": "trade-services", "employees": 45, "revenueVnd": 1.2e11}` → size, index. */
export function classify(c: CompiledClassifier, input: unknown, o?: RunOptions): Classification {
  const p = c.plan;
  if (!isPlainObject(input)) {
    throw new EngineError([
      {
        path: '/',
        code: 'input-not-object',
        message: `the input must be a JSON object with the inputs ${p.inputs.map((i) => i.name).join(', ')}`,
      },
    ]);
  }
  const issues: Issue[] = [];
  for (const k of Object.keys(input)) {
    if (!p.inputIndex.has(k)) {
      issues.push({
        path: `/${esc(k)}`,
        code: 'unknown-input',
        message: `is not an input of ${c.ref} (inputs: ${p.inputs.map((i) => i.name).join(', ')})`,
      });
    }
  }
  const env = p.env;
  p.inputs.forEach((inp, i) => {
    const at = `/${inp.name}`;
    const v = Object.hasOwn(input, inp.name) ? input[inp.name] : undefined;
    env[i] = null;
    if (v === undefined || v === null) {
      if (inp.required) issues.push({ path: at, code: 'required', message: 'is required' });
      return;
    }
    switch (inp.type) {
      case 'integer':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || (inp.minimum !== undefined && v < inp.minimum)) {
          issues.push({
            path: at,
            code: 'invalid-input',
            message: `must be an integer${inp.minimum !== undefined ? ` ≥ ${inp.minimum}` : ''}, found ${show(v)}`,
          });
          return;
        }
        break;
      case 'boolean':
        if (typeof v !== 'boolean') {
          issues.push({ path: at, code: 'invalid-input', message: `must be true or false, found ${show(v)}` });
          return;
        }
        break;
      case 'string':
        if (typeof v !== 'string' || (inp.enum && !inp.enum.includes(v))) {
          const want = inp.enum ? `one of ${inp.enum.map((e) => JSON.stringify(e)).join(', ')}` : 'a string';
          issues.push({ path: at, code: 'invalid-input', message: `must be ${want}, found ${show(v)}` });
          return;
        }
        break;
    }
    env[i] = v;
  });
  for (const group of c.definition.atLeastOneOf ?? []) {
    const given = group.some((name) => {
      const v = Object.hasOwn(input, name) ? input[name] : undefined;
      return v !== undefined && v !== null;
    });
    if (!given)
      issues.push({
        path: `/${group[0]}`,
        code: 'at-least-one-of',
        message: `give at least one of ${group.join(', ')}`,
      });
  }
  if (issues.length) throw new EngineError(issues);

  const trace: TraceStep[] | undefined = o?.explain ? [] : undefined;
  const result: Classification = { classifier: c.stamp, engine: ENGINE_VERSION };
  for (const out of p.outputs) {
    const r = decide(out.rules, env);
    const rule = out.rules[r];
    const value = rule ? rule.value : out.default;
    if (trace) {
      const values: Record<string, unknown> = {};
      for (let i = 0; i < out.slot; i++) values[p.names[i]!] = env[i];
      trace.push({
        scope: `output:${out.name}`,
        level: value,
        rule: r,
        ...(rule?.text ? { text: rule.text } : {}),
        values,
      });
    }
    env[out.slot] = value;
    result[out.name] = value;
  }
  if (trace) result.trace = trace;
  return result;
}
