// The national indices as typed definitions, for stories and tests (not part of the package's build).
import { loadNational } from '@dbi/indices';
import type {
  AggregateDefinition,
  ClassifierDefinition,
  Component,
  Definition,
  LevelCriterion,
  Pillar,
  ScorecardDefinition,
} from '@dbi/schema';

/** A 1970-shaped scorecard as the national files are: pillars → components → level criteria. */
export type NationalScorecard = Omit<ScorecardDefinition, 'pillars'> & {
  pillars: (Omit<Pillar, 'components' | 'criteria'> & {
    components: (Omit<Component, 'criteria'> & { criteria: LevelCriterion[] })[];
    criteria?: undefined;
  })[];
};

function load<T extends Definition>(ref: string, kind: T['kind']): T {
  const def = loadNational(ref);
  if (!def || def.kind !== kind) throw new Error(`national index ${ref} (${kind}) is missing`);
  // A deep copy: edits in one story or test never leak into another.
  return structuredClone(def) as T;
}

export const sme = (): NationalScorecard => load<ScorecardDefinition>('sme@1.0.0', 'scorecard') as NationalScorecard;
export const large = (): NationalScorecard =>
  load<ScorecardDefinition>('large@1.0.0', 'scorecard') as NationalScorecard;
export const group = (): AggregateDefinition => load<AggregateDefinition>('group@1.0.0', 'aggregate');
export const size = (): ClassifierDefinition => load<ClassifierDefinition>('size@1.0.0', 'classifier');
