// `dbi score readiness-example@1.0.0` as a real process: the bundled example is there without --definition, scores
// as issue 8 specifies (the case's arithmetic below), and refuses bad answers with exit code 1, naming each.
import { describe, expect, it } from 'vitest';
import { dbi } from '../test/run.js';

// retail, 12 employees (6.3 applies); everything at its best except pillar 7 = 7.1 a,b,c + 7.2 c = 4 + 2 = 6/13.
// Maxima: P1 13, P2 14, P3 3 + 2 + 6 + 2 = 13, P4 17, P5 11, P6 11, P7 13 → max 92, total 92 − 13 + 6 = 85.
// S = (20 + 15 + 15 + 15 + 15 + 10)·100/100 + 10·(600/13)/100 = 90 + 60/13 = 94.615… → "94.62";
// pillar 7 at 46.15… is level 2, so the gate keeps the overall level at 3.
const input = {
  profile: { sector: 'retail', employees: 12 },
  answers: {
    '1.1': 'd', '1.2': 'd', '1.3': true,
    '2.1': ['a', 'b', 'c', 'd', 'e'], '2.2': 100, '2.3': 'c',
    '3.1': 'c', '3.2': true, '3.5': 'c', '3.6': true,
    '4.1': 5, '4.2': ['a', 'b', 'c', 'd', 'e'], '4.3': true,
    '5.1': 'd', '5.2': 'c', '5.3': 52,
    '6.1': 'c', '6.2': 100, '6.3': true,
    '7.1': ['a', 'b', 'c'], '7.2': 'c',
  },
}; // prettier-ignore

describe.concurrent('dbi score readiness-example@1.0.0', () => {
  it('scores the gate case from stdin: S = 94.62, level 3', async () => {
    const r = await dbi(['score', 'readiness-example@1.0.0'], JSON.stringify(input));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      total: 85,
      max: 92,
      score: '94.62',
      level: 3,
      missing: [],
      notApplicable: ['3.3', '3.4'],
    });
    expect(out.pillars.map((p: { id: string; level: number }) => p.level)).toEqual([4, 4, 4, 4, 4, 4, 2]);
  });

  it('bad input: exit 1, each problem with its pointer, in the criterion’s terms', async () => {
    const r = await dbi(
      ['score', 'readiness-example@1.0.0'],
      JSON.stringify({ profile: { sector: 'retail' }, answers: { '1.1': 'z', '2.2': 100.5 } }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('/profile/employees: profile.employees is required');
    expect(r.stderr).toContain("/answers/1.1: 1.1: 'z' is not one of a, b, c, d");
    expect(r.stderr).toContain('/answers/2.2: 2.2: 100.5 is above the maximum 100');
  });
});
