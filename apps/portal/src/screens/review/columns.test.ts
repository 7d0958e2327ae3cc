// Which column a reviewer writes, what it builds on, and which steps the screen offers: asked of the workflow rules
// (@dbi/schema), so these cases follow Decision 1970 §III as its step table says it, worked out by hand per case.
import { describe, expect, it } from 'vitest';
import type { Account, Assessment, AssessmentColumn } from '../../api.ts';
import { allowedSteps, baseColumn, mayWrite, ownColumn, sameAnswer } from './columns.ts';

const col = (answers: Record<string, number | null>): AssessmentColumn => ({
  answers,
  evidence: {},
  from: null,
  result: {} as AssessmentColumn['result'],
  by: 'x',
  at: '2026-01-01T00:00:00Z',
});
const file = (over: Partial<Assessment>): Assessment => ({
  id: 'a1',
  taxCode: '0105557775',
  index: { id: 'sme', version: '1.0.0', hash: 'h' },
  status: 'submitted',
  consultantId: 'c-an',
  columns: { self: col({ '1.1.1': 3 }) },
  reviewedAs: null,
  requested: null,
  ...over,
});
const who = (role: Account['role'], scope: string | null): Account => ({ id: 'acc', name: 'n', role, scope });

describe('the reviewer’s column', () => {
  it('each reviewing role writes its own column; an enterprise none', () => {
    expect(ownColumn(who('consultant', 'c-an'))).toBe('consultant');
    expect(ownColumn(who('provincial-department', '01'))).toBe('department');
    expect(ownColumn(who('ministry-editor', null))).toBe('ministry');
    expect(ownColumn(who('enterprise', '0105557775'))).toBeNull();
  });

  it('builds on the enterprise’s column, or for the Ministry on the column of whoever reviewed', () => {
    expect(baseColumn(file({}), 'consultant')).toBe('self');
    const reviewed = file({
      status: 'reviewed',
      reviewedAs: 'department',
      columns: { self: col({}), consultant: col({}), department: col({}) },
    });
    expect(baseColumn(reviewed, 'ministry')).toBe('department');
    // Requested without a self-assessment: nothing to build on.
    expect(baseColumn(file({ columns: {}, requested: 'department' }), 'department')).toBeNull();
  });

  it('no data and absent are the same answer; a level differs from no data', () => {
    expect(sameAnswer(null, undefined)).toBe(true);
    expect(sameAnswer(3, 3)).toBe(true);
    expect(sameAnswer(3, null)).toBe(false);
  });
});

describe('the steps offered', () => {
  it('a submitted file: its consultant may write and return it, and review only once its column is written', () => {
    const c = who('consultant', 'c-an');
    expect(mayWrite(file({}), '01', c, 'consultant')).toBe(true);
    expect(allowedSteps(file({}), '01', c)).toEqual(['return:submitted']);
    const written = file({ columns: { self: col({}), consultant: col({}) } });
    expect(allowedSteps(written, '01', c)).toEqual(['review', 'return:submitted']);
    // Another consultant, or the department of another province, is offered nothing.
    expect(allowedSteps(written, '01', who('consultant', 'c-other'))).toEqual([]);
    expect(allowedSteps(written, '01', who('provincial-department', '79'))).toEqual([]);
  });

  it('a file requested of the department is not the consultant’s to review', () => {
    const requested = file({ columns: {}, requested: 'department' });
    expect(mayWrite(requested, '01', who('consultant', 'c-an'), 'consultant')).toBe(false);
    expect(mayWrite(requested, '01', who('provincial-department', '01'), 'department')).toBe(true);
  });

  it('the Ministry: a draft may be assessed directly; a reviewed file returned, appraised once its column is written', () => {
    const m = who('ministry-editor', null);
    expect(allowedSteps(file({ status: 'draft' }), '01', m)).toEqual(['direct']);
    const reviewed = file({ status: 'reviewed', reviewedAs: 'department', columns: { department: col({}) } });
    expect(allowedSteps(reviewed, '01', m)).toEqual(['return:reviewed']);
    const appraisable = { ...reviewed, columns: { ...reviewed.columns, ministry: col({}) } };
    expect(allowedSteps(appraisable, '01', m)).toEqual(['appraise', 'return:reviewed']);
    // Certifying is the publisher's alone.
    const appraised = { ...appraisable, status: 'appraised' };
    expect(allowedSteps(appraised, '01', m)).toEqual([]);
    expect(allowedSteps(appraised, '01', who('ministry-publisher', null))).toEqual(['certify', 'return:appraised']);
  });
});
