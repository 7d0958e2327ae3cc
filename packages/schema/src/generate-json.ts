// Writes json/*.schema.json from the TypeBox schemas, so editors autocomplete indices/**.json and other
// languages can validate too. CI fails when the committed files are stale (git diff --exit-code after build).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AggregateDefinition, ClassifierDefinition, ScorecardDefinition } from './definition.js';
import { ClassifyInput, ClassifyResult, GroupInput, GroupResult, ScoreInput, ScoreResult } from './io.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'json');
mkdirSync(out, { recursive: true });
const write = (name: string, schema: object) =>
  writeFileSync(
    join(out, `${name}.schema.json`),
    `${JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema }, null, 2)}\n`,
  );

write('definition', {
  $id: 'https://dbi.example/schema/definition.json',
  title: 'DBI index definition',
  oneOf: [ScorecardDefinition, AggregateDefinition, ClassifierDefinition].map((s) => ({
    $ref: (s as unknown as { $id: string }).$id,
  })),
  $defs: { scorecard: ScorecardDefinition, aggregate: AggregateDefinition, classifier: ClassifierDefinition },
});
write('score-input', ScoreInput);
write('group-input', GroupInput);
write('classify-input', ClassifyInput);
write('score-result', ScoreResult);
write('group-result', GroupResult);
write('classify-result', ClassifyResult);
