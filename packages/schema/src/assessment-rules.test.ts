// The step table row by row, and every refusal. Expected values are read off Decision 1970 §III (who takes which
// step, in which state, after which column), not off the table itself.
import { describe, expect, it } from 'vitest';
import {
  actingParty,
  adjustmentsWithoutReason,
  ASSESSMENT_STATUSES,
  check,
  checkAssignment,
  COLUMN_STATUS,
  COLUMNS,
  consultantTies,
  dependentEmployer,
  effectiveColumn,
  partiesOf,
  returnStep,
  sameLegalEntity,
  STEPS,
  type AssessmentStatus,
  type Caller,
  type ColumnName,
  type Step,
  type StepRecord,
  unansweredByPillar,
} from './assessment-rules.js';

const TAX = '0101234567';
const keys = {
  enterprise: { role: 'enterprise', scope: TAX },
  branch: { role: 'enterprise', scope: `${TAX}-001` },
  otherEnterprise: { role: 'enterprise', scope: '0109999999' },
  consultant: { role: 'consultant', scope: 'c1' },
  otherConsultant: { role: 'consultant', scope: 'c2' },
  department: { role: 'provincial-department', scope: '01' },
  otherDepartment: { role: 'provincial-department', scope: '79' },
  editor: { role: 'ministry-editor', scope: null },
  publisher: { role: 'ministry-publisher', scope: null },
  sector: { role: 'sector-ministry', scope: 'large-*' },
  integrator: { role: 'integrator', scope: null },
} satisfies Record<string, Caller>;
type KeyName = keyof typeof keys;
const ALL_KEYS = Object.keys(keys) as KeyName[];

const ALL_COLUMNS = { self: 1, consultant: 1, department: 1, ministry: 1 };
const rec = (status: AssessmentStatus, over: Partial<StepRecord> = {}): StepRecord => ({
  id: 'asm_1',
  taxCode: TAX,
  province: '01',
  status,
  consultantId: 'c1',
  columns: ALL_COLUMNS,
  consultantEmployers: ['0311111111'],
  ...over,
});

// Worked out from §III: [step, state it needs, state it reaches, keys that may take it with the columns of which
// one must be written first ([]: none), and what else the record holds for the step to be open to them].
type Row = [
  Step,
  AssessmentStatus,
  AssessmentStatus | null,
  Partial<Record<KeyName, readonly ColumnName[]>>,
  Partial<StepRecord>?,
];
const TABLE: Row[] = [
  ['write:self', 'draft', null, { enterprise: [] }],
  ['write:consultant', 'submitted', null, { consultant: [] }],
  ['write:department', 'submitted', null, { department: [] }],
  ['write:ministry', 'reviewed', null, { editor: [], publisher: [] }],
  ['submit', 'draft', 'submitted', { enterprise: ['self'] }],
  ['review', 'submitted', 'reviewed', { consultant: ['consultant'], department: ['department'] }],
  ['appraise', 'reviewed', 'appraised', { editor: ['ministry'], publisher: ['ministry'] }],
  ['certify', 'appraised', 'certified', { publisher: ['ministry'] }],
  // §III.2–3: on the enterprise's request, a consultant or the department assesses without a self-assessment.
  ['request', 'draft', 'submitted', { enterprise: [] }, { requested: 'department' }],
  // §III.4: the Ministry may assess directly.
  ['direct', 'draft', 'reviewed', { editor: [], publisher: [] }],
  // Returned for correction to the party who acted before.
  ['return:submitted', 'submitted', 'draft', { consultant: [], department: [] }],
  ['return:reviewed', 'reviewed', 'submitted', { editor: [], publisher: [] }],
  ['return:appraised', 'appraised', 'reviewed', { publisher: [] }],
  // Withdrawn by the enterprise before a reviewer has written; cancelled by its owner or the Ministry.
  ['withdraw', 'submitted', 'draft', { enterprise: [] }, { columns: { self: 1 } }],
  ['cancel', 'draft', 'cancelled', { enterprise: [], editor: [], publisher: [] }],
];

describe('the step table', () => {
  it('has exactly the rows of §III', () => {
    expect(Object.keys(STEPS).sort()).toEqual(TABLE.map(([s]) => s).sort());
    for (const [step, from, to] of TABLE) expect([STEPS[step].from, STEPS[step].to]).toEqual([from, to]);
    expect(COLUMN_STATUS).toEqual({
      self: 'draft',
      consultant: 'submitted',
      department: 'submitted',
      ministry: 'reviewed',
    });
  });

  for (const [step, from, , allowed, over = {}] of TABLE) {
    describe(step, () => {
      for (const k of ALL_KEYS) {
        if (k in allowed) {
          it(`${k} may take it when ${from} with everything written`, () => {
            expect(check(step, rec(from, over), keys[k])).toBeUndefined();
          });
        } else {
          it(`${k} is refused (forbidden), in any state`, () => {
            for (const s of ASSESSMENT_STATUSES)
              expect(check(step, rec(s), keys[k])).toMatchObject({ kind: 'forbidden', code: 'not-allowed' });
          });
        }
      }
      it('no key is refused', () => {
        expect(check(step, rec(from, over), null)).toMatchObject({ kind: 'forbidden', code: 'not-allowed' });
      });

      const [key] = Object.keys(allowed) as KeyName[];
      for (const s of ASSESSMENT_STATUSES.filter((x) => x !== from)) {
        it(`is a conflict while ${s}`, () => {
          const p = check(step, rec(s, over), keys[key!]);
          expect(p).toMatchObject({ kind: 'conflict', code: 'wrong-state' });
          expect(p!.message).toBe(`assessment asm_1 is ${s}; ${STEPS[step].doing} needs it ${from}`);
          expect(check(step, rec(s, over))).toMatchObject({ code: 'wrong-state' });
        });
      }

      for (const [k, needs] of Object.entries(allowed) as [KeyName, readonly ColumnName[]][]) {
        if (needs.length === 0) {
          it(`${k} needs no column`, () => {
            expect(check(step, rec(from, { ...over, columns: {} }), keys[k])).toBeUndefined();
          });
        } else {
          it(`${k} needs the ${needs.join(' or ')} column, and no other`, () => {
            const without = Object.fromEntries(COLUMNS.filter((c) => !needs.includes(c)).map((c) => [c, 1]));
            expect(check(step, rec(from, { columns: without }), keys[k])).toMatchObject({
              kind: 'conflict',
              code: 'missing-column',
            });
            for (const column of needs)
              expect(check(step, rec(from, { columns: { [column]: 1 } }), keys[k])).toBeUndefined();
          });
        }
      }
    });
  }

  it('names the missing column in the refusal', () => {
    expect(check('submit', rec('draft', { columns: {} }), keys.enterprise)!.message).toBe(
      'assessment asm_1 has no self-assessment yet; write the self column first',
    );
    expect(check('review', rec('submitted', { columns: { self: 1 } }), keys.department)!.message).toBe(
      'assessment asm_1 has no department column yet; write it before reviewing',
    );
    expect(check('appraise', rec('reviewed', { columns: { self: 1 } }), keys.editor)!.message).toMatch(
      /no ministry column/,
    );
    expect(check('certify', rec('appraised', { columns: { self: 1 } }), keys.publisher)!.message).toMatch(
      /no ministry column yet; write it before certifying/,
    );
  });

  it('a department reviews on its own column, not on the consultant’s', () => {
    const onlyConsultant = rec('submitted', { columns: { self: 1, consultant: 1 } });
    expect(check('review', onlyConsultant, keys.department)).toMatchObject({ code: 'missing-column' });
    expect(check('review', onlyConsultant, keys.consultant)).toBeUndefined();
  });

  it('the forbidden refusal says who may act and who the key is', () => {
    expect(check('submit', rec('draft'), keys.consultant)!.message).toBe(
      'submitting assessment asm_1 is for the enterprise itself (an enterprise key scoped to its tax code); your key is consultant c1',
    );
    expect(check('certify', rec('appraised'), keys.editor)!.message).toMatch(
      /ministry-publisher key; your key is ministry-editor$/,
    );
  });
});

describe('the consultant acting as consultant', () => {
  it('only the assigned one', () => {
    expect(check('write:consultant', rec('submitted', { consultantId: 'c2' }), keys.consultant)).toMatchObject({
      kind: 'forbidden',
    });
    expect(check('write:consultant', rec('submitted', { consultantId: null }), keys.consultant)).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('never one employed by the enterprise or a branch (checked again at every step it takes)', () => {
    const dependent = rec('submitted', { consultantEmployers: ['0311111111', `${TAX}-002`] });
    for (const step of ['write:consultant', 'review'] as const) {
      const p = check(step, dependent, keys.consultant);
      expect(p).toMatchObject({ kind: 'conflict', code: 'not-independent' });
      expect(p!.message).toMatch(
        /^independence: consultant c1 is employed by 0101234567-002, which is \(part of\) enterprise 0101234567/,
      );
      expect(check(step, dependent, 'consultant')).toMatchObject({ code: 'not-independent' });
    }
    expect(check('write:consultant', dependent)).toMatchObject({ code: 'not-independent' });
    // The department reviewing is not concerned with the consultant's employers.
    expect(check('review', dependent, keys.department)).toBeUndefined();
  });

  it('without a key (storage): the consultant column needs an assigned consultant', () => {
    expect(check('write:consultant', rec('submitted', { consultantId: null }))).toMatchObject({
      kind: 'conflict',
      code: 'no-consultant',
      message: 'assessment asm_1 has no consultant assigned',
    });
    expect(check('write:consultant', rec('submitted'))).toBeUndefined();
  });
});

describe('check with a party (storage, which records who reviewed)', () => {
  it('holds that party to its own column', () => {
    const onlyDepartment = rec('submitted', { columns: { self: 1, department: 1 } });
    expect(check('review', onlyDepartment, 'department')).toBeUndefined();
    expect(check('review', onlyDepartment, 'consultant')).toMatchObject({ code: 'missing-column' });
    expect(check('review', onlyDepartment)).toBeUndefined();
    expect(check('review', rec('submitted', { columns: { self: 1 } }))).toMatchObject({ code: 'missing-column' });
  });

  it('refuses a party the step does not list', () => {
    expect(check('appraise', rec('reviewed'), 'department')).toMatchObject({ kind: 'forbidden' });
  });
});

describe('parties and acting party', () => {
  it('knows who each key is to the assessment', () => {
    const r = rec('draft');
    expect(partiesOf(keys.enterprise, r)).toEqual(['enterprise']);
    expect(partiesOf(keys.branch, r)).toEqual([]);
    expect(partiesOf(keys.consultant, r)).toEqual(['consultant']);
    expect(partiesOf(keys.consultant, rec('draft', { consultantId: null }))).toEqual([]);
    expect(partiesOf(keys.department, r)).toEqual(['department']);
    expect(partiesOf(keys.otherDepartment, r)).toEqual([]);
    expect(partiesOf(keys.editor, r)).toEqual(['ministry']);
    expect(partiesOf(keys.publisher, r)).toEqual(['ministry', 'publisher']);
    expect(partiesOf(keys.sector, r)).toEqual([]);
    expect(partiesOf(null, r)).toEqual([]);
  });

  it('a review is taken as consultant or as department', () => {
    expect(actingParty('review', keys.consultant, rec('submitted'))).toBe('consultant');
    expect(actingParty('review', keys.department, rec('submitted'))).toBe('department');
    expect(actingParty('review', keys.editor, rec('submitted'))).toBeUndefined();
  });
});

describe('assigning the consultant', () => {
  it('only while draft or submitted', () => {
    for (const s of ASSESSMENT_STATUSES) {
      const p = checkAssignment(rec(s, { columns: {} }), 'c2', []);
      if (s === 'draft' || s === 'submitted') expect(p).toBeUndefined();
      else
        expect(p).toEqual({
          kind: 'conflict',
          code: 'wrong-state',
          message: `assessment asm_1 is ${s}; the consultant is assigned only while it is draft or submitted`,
        });
    }
  });

  it('not changed once the consultant column is written (the same consultant may be set again)', () => {
    const written = rec('submitted', { columns: { self: 1, consultant: 1 } });
    expect(checkAssignment(written, 'c2', [])).toMatchObject({ code: 'assignment-locked' });
    expect(checkAssignment(written, null, undefined)).toMatchObject({ code: 'assignment-locked' });
    expect(checkAssignment(written, 'c1', [])).toBeUndefined();
  });

  it('never a dependent consultant; unassigning is always independent', () => {
    const r = rec('draft', { columns: {} });
    expect(checkAssignment(r, 'c2', [TAX])).toMatchObject({ code: 'not-independent' });
    expect(checkAssignment(r, 'c2', [`${TAX}-001`])!.message).toMatch(/employed by 0101234567-001/);
    expect(checkAssignment(r, 'c2', ['0101234568'])).toBeUndefined();
    expect(checkAssignment(r, null, undefined)).toBeUndefined();
  });
});

describe('independence and the current column', () => {
  it('same legal entity: equal 10-digit codes', () => {
    expect(sameLegalEntity(TAX, TAX)).toBe(true);
    expect(sameLegalEntity(TAX, `${TAX}-001`)).toBe(true);
    expect(sameLegalEntity(`${TAX}-002`, `${TAX}-001`)).toBe(true);
    expect(sameLegalEntity(TAX, '0101234568')).toBe(false);
    expect(dependentEmployer({ employers: ['0311111111', `${TAX}-003`] }, TAX)).toBe(`${TAX}-003`);
    expect(dependentEmployer({ employers: ['0311111111'] }, TAX)).toBeUndefined();
  });

  it('ministry, else department, else consultant, else self', () => {
    expect(effectiveColumn({})).toBeNull();
    expect(effectiveColumn({ self: 1 })).toBe('self');
    expect(effectiveColumn({ self: 1, consultant: 1 })).toBe('consultant');
    expect(effectiveColumn({ self: 1, consultant: 1, department: 1 })).toBe('department');
    expect(effectiveColumn({ self: 1, department: 1, ministry: 1 })).toBe('ministry');
    expect(effectiveColumn({ consultant: 1, ministry: 1 })).toBe('ministry');
  });
});

describe('returns, withdrawal, cancellation and requests', () => {
  it('every return, withdrawal and cancellation must give a reason; forward steps need none', () => {
    const withReason = (Object.keys(STEPS) as Step[]).filter((s) => (STEPS[s] as { reason?: true }).reason).sort();
    expect(withReason).toEqual(['cancel', 'return:appraised', 'return:reviewed', 'return:submitted', 'withdraw']);
  });

  it('each reviewing state has exactly one return, to the state before it', () => {
    expect(returnStep('submitted')).toBe('return:submitted');
    expect(returnStep('reviewed')).toBe('return:reviewed');
    expect(returnStep('appraised')).toBe('return:appraised');
    for (const s of ['draft', 'certified', 'cancelled'] as const) expect(returnStep(s)).toBeUndefined();
  });

  it('withdrawal only before any reviewer column is written', () => {
    for (const col of ['consultant', 'department'] as const) {
      const p = check('withdraw', rec('submitted', { columns: { self: 1, [col]: 1 } }), keys.enterprise);
      expect(p).toMatchObject({ kind: 'conflict', code: 'review-started' });
      expect(p!.message).toContain(`the ${col} column is written`);
    }
  });

  it('a request names whom; a consultant request needs the consultant assigned', () => {
    expect(check('request', rec('draft', { columns: {} }), keys.enterprise)).toMatchObject({ code: 'no-request' });
    expect(
      check('request', rec('draft', { columns: {}, requested: 'consultant', consultantId: null }), keys.enterprise),
    ).toMatchObject({ code: 'no-consultant' });
    expect(check('request', rec('draft', { columns: {}, requested: 'consultant' }), keys.enterprise)).toBeUndefined();
  });

  it('only the requested party writes, reviews and returns', () => {
    const asked = rec('submitted', { requested: 'department' });
    for (const step of ['review', 'return:submitted'] as const) {
      expect(check(step, asked, keys.consultant)).toMatchObject({ kind: 'conflict', code: 'not-requested' });
      expect(check(step, asked, keys.department)).toBeUndefined();
    }
    expect(check('write:consultant', asked, keys.consultant)).toMatchObject({ code: 'not-requested' });
    expect(check('write:department', asked, keys.department)).toBeUndefined();
    expect(check('write:department', rec('submitted', { requested: 'consultant' }), keys.department)).toMatchObject({
      code: 'not-requested',
    });
  });

  it('a direct Ministry assessment has no reviewer to return to', () => {
    expect(check('return:reviewed', rec('reviewed', { reviewedAs: 'ministry' }), keys.editor)).toMatchObject({
      code: 'direct-assessment',
    });
    expect(check('return:reviewed', rec('reviewed', { reviewedAs: 'consultant' }), keys.editor)).toBeUndefined();
  });

  it('a cancelled assessment takes no step at all', () => {
    for (const step of Object.keys(STEPS) as Step[])
      expect(check(step, rec('cancelled'))).toMatchObject({ code: 'wrong-state' });
  });
});

describe('independence of a group and of the consultant organisation', () => {
  it('a consultant employed by any unit of the group is not independent', () => {
    const r = rec('submitted', { consultantEmployers: ['0312222222'], relatedUnits: [TAX, '0312222222'] });
    const p = check('review', r, keys.consultant);
    expect(p).toMatchObject({ code: 'not-independent', employer: '0312222222' });
    expect(p!.message).toMatch(/a unit of a group enterprise 0101234567 belongs to/);
    expect(
      checkAssignment(rec('draft', { columns: {}, relatedUnits: ['0312222222-001'] }), 'c2', ['0312222222']),
    ).toMatchObject({
      code: 'not-independent',
    });
  });

  it('the consultant organisation’s own tax code counts as an employer', () => {
    expect(dependentEmployer({ employers: [], organisationTaxCode: TAX }, TAX)).toBe(TAX);
    expect(dependentEmployer({ employers: [], organisationTaxCode: '0311111111' }, TAX)).toBeUndefined();
    expect(consultantTies({ employers: ['0311111111'], organisationTaxCode: TAX })).toEqual(['0311111111', TAX]);
    expect(consultantTies({ employers: ['0311111111'], organisationTaxCode: null })).toEqual(['0311111111']);
  });
});

describe('per-criterion checks', () => {
  it('every adjusted criterion needs a reason; unchanged ones and absent-vs-null need none', () => {
    const base = { a: 1, b: 2, c: null };
    expect(adjustmentsWithoutReason({ a: 1, b: 3, c: null, d: 0 }, base, {})).toEqual(['b', 'd']);
    expect(adjustmentsWithoutReason({ a: 1, b: 3, d: 0 }, base, { b: 'seen on site', d: ' ' })).toEqual(['d']);
    expect(adjustmentsWithoutReason({ a: 1, b: 2 }, base, {})).toEqual([]);
    expect(adjustmentsWithoutReason({ b: 2, c: null }, base, {})).toEqual(['a']);
  });

  it('lists unanswered criteria per pillar, in order, leaving complete pillars out', () => {
    const pillars = [
      { id: '1', criteria: ['1.1', '1.2', '1.3'] },
      { id: '2', criteria: ['2.1'] },
      { id: '3', criteria: ['3.1', '3.2'] },
    ];
    expect(unansweredByPillar(pillars, { '1.2': 0, '2.1': 4, '3.1': null })).toEqual([
      { pillar: '1', criteria: ['1.1', '1.3'] },
      { pillar: '3', criteria: ['3.1', '3.2'] },
    ]);
    expect(unansweredByPillar(pillars, { '1.1': 1, '1.2': 1, '1.3': 1, '2.1': 1, '3.1': 1, '3.2': 1 })).toEqual([]);
  });
});
