// The fast path for rules: a json-logic expression is compiled once into a tree of closures that follow
// json-logic-js 2.0.5 exactly for the allow-listed operations, without generating code (the designer runs this in
// the browser under a strict content security policy). Variables are read as own properties only, so no rule
// reaches a prototype or a global.
//
// Two ways to bind variables:
// - generic (compileRule): `var` walks a dotted path through the data object, own properties only;
// - slots (the engine's own contexts): each declared variable name is a fixed index into a flat array the engine
//   refills for every evaluation. The engine documents each context as an object holding exactly those names,
//   so reading `env[slot]` returns what json-logic-js would read from that object, without a lookup.
// With slots the engine also knows each variable's integer range, so it proves at compile time that every sum and
// product a rule makes stays a safe integer: levels are then decided without any floating-point rounding.
import { checkRule, type Issue } from '@dbi/schema';
import { EngineError, esc } from './errors.js';

/** Evaluates a compiled expression against its data (generic) or its slot array (engine contexts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Evaluate = (env: any) => unknown;
export type Condition = (env: unknown) => boolean;

/** A variable bound to a slot, with the range of values the engine puts there. */
export interface Slot {
  slot: number;
  /** Numbers only (scorecard and aggregate contexts); classifier inputs may be strings, booleans or null. */
  numeric: boolean;
  lo: number;
  hi: number;
  /** An exact fraction (a score): the slot holds a Ratio, which rules may only compare. */
  rational?: boolean;
}

export interface Scope {
  /** undefined: generic own-property lookups on a data object. */
  slots?: ReadonlyMap<string, Slot>;
  /** Require exact integer arithmetic: operands of + - * min max must be numbers and stay safe integers. */
  exact?: boolean;
  /** Filled with every slot a rule reads, so the engine fills only those. */
  used?: Set<number>;
}

/** An exact fraction n/d (d > 0) in a slot: how scores reach the rules. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

// 'rat': an exact fraction (a Ratio object); only comparisons may take it, and they compare it exactly.
type Kind = 'num' | 'bool' | 'any' | 'rat';
interface Node {
  fn: Evaluate;
  kind: Kind;
  /** Range of a numeric node when known (NaN otherwise). */
  lo: number;
  hi: number;
  constant: boolean;
}

/** json-logic truthiness: like JavaScript's, except that an empty array is falsy. */
export const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length !== 0 : !!v);
// json-logic-js runs every operand of + and * through parseFloat; for numbers that is the identity except that
// parseFloat(-0) is 0, which `v + 0` reproduces.
const pf = (v: unknown): number => (typeof v === 'number' ? v : parseFloat(v as string));
const pfz = (v: unknown): number => (typeof v === 'number' ? v + 0 : parseFloat(v as string));

/** Path segments a variable may never name, whatever the lookup: they lead to prototypes and constructors. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

const hasOwn = Object.hasOwn as (o: unknown, k: string) => boolean;

function constant(value: unknown): Node {
  const kind: Kind = typeof value === 'number' ? 'num' : typeof value === 'boolean' ? 'bool' : 'any';
  const n = typeof value === 'number' ? value : NaN;
  return { fn: () => value, kind, lo: n, hi: n, constant: true };
}

const node = (fn: Evaluate, kind: Kind, lo = NaN, hi = NaN): Node => ({ fn, kind, lo, hi, constant: false });

const bothBounds = (a: Node, b: Node): boolean => a.kind === 'num' && b.kind === 'num';

class Compiler {
  constructor(
    private readonly scope: Scope,
    private readonly issues: Issue[],
  ) {}

  private issue(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** In exact mode every operand of arithmetic must be a number whose range is known and safe. */
  private requireNumbers(op: string, args: Node[], paths: string[]): void {
    if (!this.scope.exact) return;
    args.forEach((a, i) => {
      if (a.kind !== 'num') {
        this.issue(
          paths[i]!,
          'rule-not-a-number',
          `"${op}" is given a value that is not a number; level rules compute with integers only`,
        );
      }
    });
  }

  private checkRange(n: Node, path: string): Node {
    if (this.scope.exact && n.kind === 'num' && !(Number.isSafeInteger(n.lo) && Number.isSafeInteger(n.hi))) {
      this.issue(
        path,
        'rule-unsafe-integer',
        `this can reach ${Number.isFinite(n.hi) ? n.hi : 'an unknown value'}, beyond the integers a number holds exactly (±${Number.MAX_SAFE_INTEGER})`,
      );
    }
    return n;
  }

  /** Builds an arithmetic node; its range is checked unless an operand was already refused. */
  private arithmetic(build: () => Node, at: string): Node {
    const before = this.issues.length;
    const n = build();
    return this.issues.length > before ? n : this.checkRange(n, at);
  }

  compile(rule: unknown, at: string): Node {
    if (Array.isArray(rule)) {
      // json-logic-js maps an array through apply: a fresh array of evaluated items every time.
      const items = rule.map((r, i) => this.compile(r, `${at}/${i}`).fn);
      const n = items.length;
      return node((e) => {
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = items[i]!(e);
        return out;
      }, 'any');
    }
    if (rule === null || typeof rule !== 'object') return constant(rule);
    const keys = Object.keys(rule);
    if (keys.length !== 1) {
      this.issue(at, 'rule-invalid', `an operation is an object with exactly one key, found ${keys.length}`);
      return constant(null);
    }
    const op = keys[0]!;
    const raw = (rule as Record<string, unknown>)[op];
    const opAt = `${at}/${esc(op)}`;
    // Unary sugar: {"!": x} means {"!": [x]}.
    const values: unknown[] = Array.isArray(raw) ? raw : [raw];
    const paths = values.map((_, i) => (Array.isArray(raw) ? `${opAt}/${i}` : opAt));
    if (op === 'var') return this.variable(values, opAt, paths);
    const args = values.map((v, i) => this.compile(v, paths[i]!));
    const arg = (i: number): Node => args[i] ?? constant(undefined);
    const rat = args.findIndex((a) => a.kind === 'rat');
    if (rat >= 0) return this.exactComparison(op, args, paths, rat);
    switch (op) {
      case '==': {
        const a = arg(0).fn,
          b = arg(1).fn;
        // eslint-disable-next-line eqeqeq
        return node((e) => a(e) == b(e), 'bool');
      }
      case '===': {
        const a = arg(0).fn,
          b = arg(1).fn;
        return node((e) => a(e) === b(e), 'bool');
      }
      case '!=': {
        const a = arg(0).fn,
          b = arg(1).fn;
        // eslint-disable-next-line eqeqeq
        return node((e) => a(e) != b(e), 'bool');
      }
      case '!==': {
        const a = arg(0).fn,
          b = arg(1).fn;
        return node((e) => a(e) !== b(e), 'bool');
      }
      case '>': {
        const a = arg(0).fn as (e: unknown) => number,
          b = arg(1).fn as (e: unknown) => number;
        return node((e) => a(e) > b(e), 'bool');
      }
      case '>=': {
        const a = arg(0).fn as (e: unknown) => number,
          b = arg(1).fn as (e: unknown) => number;
        return node((e) => a(e) >= b(e), 'bool');
      }
      case '<':
      case '<=':
        return this.lessThan(op, args, arg);
      case '!': {
        const a = arg(0);
        const f = a.fn;
        return node(a.kind === 'bool' ? (e) => !f(e) : (e) => !truthy(f(e)), 'bool');
      }
      case '!!': {
        const a = arg(0);
        const f = a.fn;
        return node(a.kind === 'bool' ? f : (e) => truthy(f(e)), 'bool');
      }
      case 'and':
      case 'or':
        return this.logical(op, args);
      case 'if':
      case '?:':
        return this.conditional(args);
      case '+':
        return this.arithmetic(() => this.plus(args, paths), opAt);
      case '*':
        return this.arithmetic(() => this.times(args, paths, opAt), opAt);
      case '-':
        return this.arithmetic(() => this.minus(args, paths), opAt);
      case 'min':
      case 'max':
        return this.arithmetic(() => this.minMax(op, args, paths), opAt);
      case 'in': {
        const a = arg(0).fn,
          b = arg(1).fn;
        return node((e) => {
          const x = a(e),
            y = b(e);
          if (!y) return false;
          // json-logic-js calls y.indexOf; only strings and arrays have one in JSON data.
          if (typeof y === 'string') return y.indexOf(x as string) !== -1;
          if (Array.isArray(y)) return y.indexOf(x) !== -1;
          return false;
        }, 'bool');
      }
      default:
        this.issue(opAt, 'rule-operation-not-allowed', `operation "${op}" is not allowed`);
        return constant(null);
    }
  }

  /**
   * A comparison with a score (an exact fraction) on one side and an integer (or another score) on the other:
   * compared by cross-multiplying in bigint, so 2/3 < 0.67 can never round either way. Scores may not go into
   * arithmetic or be tested for truth: a rule that wants "score ≥ 80" says so, and nothing else reads a fraction.
   */
  private exactComparison(op: string, args: Node[], paths: string[], rat: number): Node {
    if (!COMPARISONS.has(op) || args.length < 2 || args.length > (op === '<' || op === '<=' ? 3 : 2)) {
      this.issue(
        paths[rat]!,
        'rule-score-compare-only',
        `a score is an exact fraction: compare it with a number, e.g. {">=": [{"var": "score"}, 80]}; "${op}" cannot take it`,
      );
      return constant(null);
    }
    let ok = true;
    args.forEach((a, i) => {
      if (a.kind !== 'num' && a.kind !== 'rat') {
        this.issue(paths[i]!, 'rule-not-a-number', `"${op}" compares a score with a value that is not a number`);
        ok = false;
      }
    });
    if (!ok) return constant(null);
    const fns = args.map(ratioOf);
    const test = ORDER_TESTS[op]!;
    if (fns.length === 2) {
      const [a, b] = fns as [(e: unknown) => Ratio, (e: unknown) => Ratio];
      return node((e) => test(compareRatio(a(e), b(e))), 'bool');
    }
    const [a, b, c] = fns as [(e: unknown) => Ratio, (e: unknown) => Ratio, (e: unknown) => Ratio];
    return node((e) => {
      const y = b(e);
      return test(compareRatio(a(e), y)) && test(compareRatio(y, c(e)));
    }, 'bool');
  }

  private variable(values: unknown[], opAt: string, paths: string[]): Node {
    const name = values[0];
    if (typeof name !== 'string') {
      this.issue(opAt, 'rule-var-not-literal', 'var takes a literal variable name');
      return constant(null);
    }
    const slots = this.scope.slots;
    if (slots) {
      const s = slots.get(name);
      if (!s) {
        this.issue(
          opAt,
          'rule-unknown-var',
          `variable "${name}" is not available here (available: ${[...slots.keys()].join(', ')})`,
        );
        return constant(null);
      }
      // The engine fills every slot with a defined value, so json-logic-js would never fall back to the default.
      const slot = s.slot;
      this.scope.used?.add(slot);
      if (s.rational) return node((e) => e[slot], 'rat');
      return s.numeric ? node((e) => e[slot], 'num', s.lo, s.hi) : node((e) => e[slot], 'any');
    }
    const dflt = values.length > 1 ? this.compile(values[1], paths[1]!).fn : undefined;
    const notFound: Evaluate = dflt
      ? (d) => {
          const v = dflt(d);
          return v === undefined ? null : v;
        }
      : () => null;
    // json-logic-js: an empty name is the data itself.
    if (name === '') return node((d) => d, 'any');
    const segs = name.split('.');
    const unsafe = segs.find((s) => UNSAFE_SEGMENTS.has(s));
    if (unsafe !== undefined) {
      this.issue(opAt, 'rule-unsafe-var', `variable "${name}" names "${unsafe}", which can never be read`);
      return constant(null);
    }
    if (segs.length === 1) {
      const key = segs[0]!;
      return node((d) => {
        if (d === null || d === undefined || !hasOwn(d, key)) return notFound(d);
        const v = d[key];
        return v === undefined ? notFound(d) : v;
      }, 'any');
    }
    return node((d) => {
      let cur: unknown = d;
      for (let i = 0; i < segs.length; i++) {
        const key = segs[i]!;
        if (cur === null || cur === undefined || !hasOwn(cur, key)) return notFound(d);
        cur = (cur as Record<string, unknown>)[key];
        if (cur === undefined) return notFound(d);
      }
      return cur;
    }, 'any');
  }

  private lessThan(op: '<' | '<=', args: Node[], arg: (i: number) => Node): Node {
    const a = arg(0).fn as (e: unknown) => number,
      b = arg(1).fn as (e: unknown) => number;
    if (args.length < 3) {
      return node(op === '<' ? (e) => a(e) < b(e) : (e) => a(e) <= b(e), 'bool');
    }
    // Three operands: "between". json-logic-js only checks the third for undefined (an empty and/or yields it).
    const c = arg(2).fn as (e: unknown) => number;
    return node(
      op === '<'
        ? (e) => {
            const x = a(e),
              y = b(e),
              z = c(e);
            return z === undefined ? x < y : x < y && y < z;
          }
        : (e) => {
            const x = a(e),
              y = b(e),
              z = c(e);
            return z === undefined ? x <= y : x <= y && y <= z;
          },
      'bool',
    );
  }

  /** and/or return an operand's value (first falsy/truthy, else the last); no operands yield undefined. */
  private logical(op: 'and' | 'or', args: Node[]): Node {
    if (args.length === 0) return constant(undefined);
    if (args.length === 1) return args[0]!;
    const kind: Kind = args.every((a) => a.kind === args[0]!.kind) ? args[0]!.kind : 'any';
    const lo = Math.min(...args.map((a) => a.lo)),
      hi = Math.max(...args.map((a) => a.hi));
    const fns = args.map((a) => a.fn);
    const n = fns.length;
    if (n === 2) {
      const [a, b] = fns as [Evaluate, Evaluate];
      // JavaScript's && and || agree with json-logic truthiness except on arrays.
      const native = args[0]!.kind !== 'any';
      if (op === 'and') {
        return node(
          native
            ? (e) => a(e) && b(e)
            : (e) => {
                const x = a(e);
                return truthy(x) ? b(e) : x;
              },
          kind,
          lo,
          hi,
        );
      }
      return node(
        native
          ? (e) => a(e) || b(e)
          : (e) => {
              const x = a(e);
              return truthy(x) ? x : b(e);
            },
        kind,
        lo,
        hi,
      );
    }
    const want = op === 'or';
    return node(
      (e) => {
        let cur: unknown;
        for (let i = 0; i < n; i++) {
          cur = fns[i]!(e);
          if (truthy(cur) === want) return cur;
        }
        return cur;
      },
      kind,
      lo,
      hi,
    );
  }

  /** if / ?: — condition, value pairs, then an optional else; nothing matched and no else yields null. */
  private conditional(args: Node[]): Node {
    const n = args.length;
    if (n === 0) return constant(null);
    if (n === 1) return args[0]!;
    const results = args.filter((_, i) => i % 2 === 1 || i === n - 1);
    const kinds = n % 2 === 0 ? [...results.map((r) => r.kind), 'any'] : results.map((r) => r.kind);
    const kind: Kind = kinds.every((k) => k === kinds[0]) ? (kinds[0] as Kind) : 'any';
    const lo = Math.min(...results.map((r) => r.lo)),
      hi = Math.max(...results.map((r) => r.hi));
    const fns = args.map((a) => a.fn);
    if (n === 2) {
      const [c, t] = fns as [Evaluate, Evaluate];
      return node((e) => (truthy(c(e)) ? t(e) : null), kind, lo, hi);
    }
    if (n === 3) {
      const [c, t, f] = fns as [Evaluate, Evaluate, Evaluate];
      return node(
        args[0]!.kind === 'bool' ? (e) => (c(e) ? t(e) : f(e)) : (e) => (truthy(c(e)) ? t(e) : f(e)),
        kind,
        lo,
        hi,
      );
    }
    return node(
      (e) => {
        let i = 0;
        for (; i < n - 1; i += 2) if (truthy(fns[i]!(e))) return fns[i + 1]!(e);
        return i === n - 1 ? fns[i]!(e) : null;
      },
      kind,
      lo,
      hi,
    );
  }

  private plus(args: Node[], paths: string[]): Node {
    this.requireNumbers('+', args, paths);
    const n = args.length;
    if (n === 0) return constant(0);
    const lo = args.reduce((s, a) => s + a.lo, 0),
      hi = args.reduce((s, a) => s + a.hi, 0);
    const fns = args.map((a) => a.fn);
    const numeric = args.every((a) => a.kind === 'num');
    // json-logic-js: reduce from 0, parseFloat on both sides.
    if (numeric && n === 1) {
      const a = fns[0] as (e: unknown) => number;
      return node((e) => 0 + a(e), 'num', lo, hi);
    }
    if (numeric && n === 2) {
      const a = fns[0] as (e: unknown) => number,
        b = fns[1] as (e: unknown) => number;
      return node((e) => 0 + a(e) + b(e), 'num', lo, hi);
    }
    return node(
      (e) => {
        let acc = 0;
        for (let i = 0; i < n; i++) acc += pf(fns[i]!(e));
        return acc;
      },
      'num',
      lo,
      hi,
    );
  }

  private times(args: Node[], paths: string[], opAt: string): Node {
    this.requireNumbers('*', args, paths);
    const n = args.length;
    if (n === 0) {
      // json-logic-js reduces with no initial value and throws; refuse it up front.
      this.issue(opAt, 'rule-invalid', '"*" needs at least one operand');
      return constant(null);
    }
    // One operand: reduce returns it untouched (no parseFloat).
    if (n === 1) return args[0]!;
    let lo = args[0]!.lo,
      hi = args[0]!.hi;
    for (let i = 1; i < n; i++) {
      const a = args[i]!;
      const c = [lo * a.lo, lo * a.hi, hi * a.lo, hi * a.hi];
      lo = Math.min(...c);
      hi = Math.max(...c);
    }
    const fns = args.map((a) => a.fn);
    if (n === 2 && bothBounds(args[0]!, args[1]!)) {
      const a = fns[0] as (e: unknown) => number,
        b = fns[1] as (e: unknown) => number;
      return node((e) => (a(e) + 0) * (b(e) + 0), 'num', lo, hi);
    }
    return node(
      (e) => {
        let acc: unknown = fns[0]!(e);
        for (let i = 1; i < n; i++) acc = pfz(acc) * pfz(fns[i]!(e));
        return acc;
      },
      'num',
      lo,
      hi,
    );
  }

  private minus(args: Node[], paths: string[]): Node {
    this.requireNumbers('-', args, paths);
    const n = args.length;
    if (n === 0) return constant(NaN);
    const a = args[0]!.fn as (e: unknown) => number;
    if (n === 1) return node((e) => -a(e), 'num', -args[0]!.hi, -args[0]!.lo);
    const b = args[1]!.fn as (e: unknown) => number;
    const lo = args[0]!.lo - args[1]!.hi,
      hi = args[0]!.hi - args[1]!.lo;
    if (args[1]!.kind === 'num') return node((e) => a(e) - b(e), 'num', lo, hi);
    // A second operand that evaluates to undefined (an empty and/or) makes json-logic-js negate the first.
    return node(
      (e) => {
        const y = b(e);
        return y === undefined ? -a(e) : a(e) - y;
      },
      'num',
      lo,
      hi,
    );
  }

  private minMax(op: 'min' | 'max', args: Node[], paths: string[]): Node {
    this.requireNumbers(op, args, paths);
    const f = op === 'min' ? Math.min : Math.max;
    const n = args.length;
    if (n === 0) return constant(f());
    const lo = f(...args.map((a) => a.lo)),
      hi = f(...args.map((a) => a.hi));
    const fns = args.map((a) => a.fn);
    if (n === 1) {
      const a = fns[0] as (e: unknown) => number;
      return node((e) => f(a(e)), 'num', lo, hi);
    }
    if (n === 2) {
      const a = fns[0] as (e: unknown) => number,
        b = fns[1] as (e: unknown) => number;
      return node((e) => f(a(e), b(e)), 'num', lo, hi);
    }
    return node((e) => f(...(fns.map((g) => g(e)) as number[])), 'num', lo, hi);
  }
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);
/** What each comparison asks of compareRatio's -1 / 0 / 1. */
const ORDER_TESTS: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '==': (c) => c === 0,
  '===': (c) => c === 0,
  '!=': (c) => c !== 0,
  '!==': (c) => c !== 0,
};

/** -1, 0, 1 as a <, =, > b, exactly (denominators are positive). */
export function compareRatio(a: Ratio, b: Ratio): number {
  const l = a.n * b.d,
    r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A node as a fraction: scores as they are, integers (all numbers are, in exact rules) over 1. */
function ratioOf(a: Node): (e: unknown) => Ratio {
  if (a.kind === 'rat') return a.fn as (e: unknown) => Ratio;
  if (a.constant) {
    const r: Ratio = { n: BigInt(a.fn(undefined) as number), d: 1n };
    return () => r;
  }
  const f = a.fn as (e: unknown) => number;
  return (e) => ({ n: BigInt(f(e)), d: 1n });
}

/** Compiles a rule already checked by checkRule; problems the checker cannot see are appended to `issues`. */
export function compileExpression(rule: unknown, scope: Scope, at: string, issues: Issue[]): Evaluate {
  return new Compiler(scope, issues).compile(rule, at).fn;
}

/** Compiles a rule's `when` into a function that answers json-logic truthiness. */
export function compileCondition(rule: unknown, scope: Scope, at: string, issues: Issue[]): Condition {
  const n = new Compiler(scope, issues).compile(rule, at);
  const f = n.fn;
  if (n.kind === 'rat') {
    issues.push({
      path: at,
      code: 'rule-score-compare-only',
      message: 'a score is an exact fraction: compare it with a number, e.g. {">=": [{"var": "score"}, 80]}',
    });
    return () => false;
  }
  if (n.constant) {
    const v = truthy(f(undefined));
    return () => v;
  }
  return n.kind === 'bool' ? (f as Condition) : (e) => truthy(f(e));
}

/** checkRule wants the declared names; the generic path declares none and accepts any name it can read safely. */
class AnyName extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const ANY_NAME = new AnyName();

/**
 * Compiles a json-logic rule into a function of its data, with json-logic-js 2.0.5 semantics for the allow-listed
 * operations (see ALLOWED_OPERATIONS in @dbi/schema). Variables are own properties of the data, so
 * `{"var": "toString"}` is null and names such as `__proto__` or `constructor` are refused outright.
 * Throws EngineError listing every problem with its JSON pointer inside the rule.
 */
export function compileRule(rule: unknown): (data: Record<string, unknown>) => unknown {
  const issues = checkRule(rule, ANY_NAME, '');
  if (issues.length) throw new EngineError(issues, 'rule');
  const fn = compileExpression(rule, {}, '', issues);
  if (issues.length) throw new EngineError(issues, 'rule');
  return fn as (data: Record<string, unknown>) => unknown;
}
