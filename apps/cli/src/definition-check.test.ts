// One validity check: a definition the schema accepts but the engine cannot run exactly is refused by
// `dbi validate` and by the registry every other command builds from --definition files.
import { describe, expect, it } from 'vitest';
import { validateDefinition, type ScorecardDefinition } from '@dbi/schema';
import { dbi, national, tempDir, writeJson } from '../test/run.js';

const dir = tempDir();
const unsafe = structuredClone(national('sme')) as ScorecardDefinition;
unsafe.id = 'sme-unsafe';
// points × (2^53 − 1) leaves the integers a double holds exactly: well-formed and meaningful, but not exact.
unsafe.rules.pillar[0]!.when = { '>': [{ '*': [{ var: 'points' }, 9007199254740991] }, 0] };
const problem = '/rules/pillar/0/when/>/0/*:';

describe.concurrent('a definition that passes the schema but does not compile', () => {
  it('passes the schema check alone', () => {
    expect(validateDefinition(unsafe).ok).toBe(true);
  });

  it('dbi validate refuses it (exit 1) with the pointer and code', async () => {
    const r = await dbi(['validate', writeJson(dir, 'unsafe-validate.json', unsafe)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(problem);
    expect(r.stdout).toContain('[rule-unsafe-integer]');
    expect(r.stderr).toContain('1 problem');
  });

  it('--definition refuses it before any command runs (exit 1), naming the file', async () => {
    const file = writeJson(dir, 'unsafe-definition.json', unsafe);
    const r = await dbi(['list', '--definition', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`dbi: ${file}: not a valid definition\n  ${problem}`);
    expect(r.stderr).toContain('[rule-unsafe-integer]');
  });
});
