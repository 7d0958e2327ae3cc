// @dbi/engine — the pure, isomorphic evaluator: definition + input → result (+ trace). No node:*, no I/O, no eval.
export { ENGINE_VERSION } from './version.js';
export { EngineError } from './errors.js';
export { compile, definitionIssues } from './compile.js';
export type { Compiled, CompiledScorecard, CompiledAggregate, CompiledClassifier, CompileOptions } from './compile.js';
export { score } from './score.js';
export type { Resolver, RunOptions } from './score.js';
export { scoreGroup } from './group.js';
export { classify } from './classify.js';
export type { Classification } from './classify.js';
export { run, createRegistry } from './registry.js';
export type { Registry } from './registry.js';
export { compileRule } from './rule.js';
export { impact } from './impact.js';
export type { ImpactReport, ImpactSubject, ImpactGroup, Movement, Distribution, Crossing } from './impact.js';
export { improvements } from './improve.js';
export type { ImprovementStep, PillarImprovement } from './improve.js';
