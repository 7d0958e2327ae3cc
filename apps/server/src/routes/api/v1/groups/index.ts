// Group assessments (Appendix III): a parent enterprise with its member units, each linked through its own
// assessment, rolled up by the group index (scoreGroup) on the members' current results. The stored result is
// recomputed in the same transaction as any change of a member's result, or of the member list.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateGroupBody,
  effectiveColumn,
  Group,
  GroupList,
  GroupMemberStages,
  GroupMembersBody,
  PageQuery,
  type ProblemError,
} from '@dbi/schema';
import type { EnterpriseRecord, GroupMember, GroupRecord, Stamp } from '@dbi/storage';
import { decodeCursor, DEFAULT_LIMIT, pageOf } from '../../../../lib/national/cursor.js';
import { allow, caller } from '../../../../lib/assessments/http.js';
import { canReadGroup, canWriteGroup, isMinistry } from '../../../../lib/assessments/policy.js';
import { forbidden, HttpProblem, invalidInput, notFound } from '../../../../lib/problems.js';
import { badIndex, GroupScoringError, memberErrors } from '../../../../services/assessments.js';
import { inline, problems, SECURITY_KEY } from '../../../../lib/schemas.js';

const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) },
  { additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { storage, assessments: service } = fastify;

  /** Checks the member list against what is stored; returns each member's enterprise. Pointers into the body. */
  const checkMembers = async (parentTaxCode: string, members: readonly GroupMember[]): Promise<EnterpriseRecord[]> => {
    const errors: ProblemError[] = [];
    const found: EnterpriseRecord[] = [];
    const seen = new Map<string, number>();
    for (const [i, m] of members.entries()) {
      const at = `/members/${i}`;
      if (seen.has(m.taxCode))
        errors.push({
          pointer: `${at}/taxCode`,
          detail: `unit ${m.taxCode} is already /members/${seen.get(m.taxCode)}`,
          code: 'duplicate-unit',
          in: 'body',
        });
      seen.set(m.taxCode, i);
      const e = await storage.enterprises.get(m.taxCode);
      if (!e)
        errors.push({
          pointer: `${at}/taxCode`,
          detail: `enterprise ${m.taxCode} is not registered`,
          code: 'unknown-enterprise',
          in: 'body',
        });
      else found.push(e);
      const a = await storage.assessments.get(m.assessmentId);
      if (!a)
        errors.push({
          pointer: `${at}/assessmentId`,
          detail: `assessment ${m.assessmentId} does not exist`,
          code: 'unknown-assessment',
          in: 'body',
        });
      else if (a.taxCode !== m.taxCode)
        errors.push({
          pointer: `${at}/assessmentId`,
          detail: `assessment ${m.assessmentId} belongs to ${a.taxCode}, not ${m.taxCode}`,
          code: 'wrong-unit',
          in: 'body',
        });
      if (m.relation === 'parent' && m.taxCode !== parentTaxCode) {
        errors.push({
          pointer: `${at}/relation`,
          detail: `the parent unit is the group's parent enterprise ${parentTaxCode}`,
          code: 'wrong-parent',
          in: 'body',
        });
      }
    }
    if (!members.some((m) => m.relation === 'parent' && m.taxCode === parentTaxCode)) {
      errors.push({
        pointer: '/members',
        detail: `the parent enterprise ${parentTaxCode} must be a member with relation "parent"`,
        code: 'no-parent',
        in: 'body',
      });
    }
    if (errors.length) throw invalidInput(errors);
    return found;
  };

  const groupIndex = async (requested: string | undefined): Promise<Stamp> => {
    if (requested === undefined) {
      const id = service.settings.groupIndex;
      const v = await service.newestPublished(id);
      if (!v) throw badIndex(`no published group index (${id}) is registered`, 'unknown-index');
      return { id, version: v.version, hash: v.hash };
    }
    const { stamp, index } = await service.requestedVersion(requested, 'groups');
    if (index.kind !== 'aggregate')
      throw badIndex(`${requested} is a ${index.kind}, not a group index`, 'not-aggregate');
    return stamp;
  };

  const scored = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (err instanceof GroupScoringError) {
        const errors = memberErrors(err.issues);
        throw new HttpProblem(
          'invalid-input',
          `the group cannot be scored: ${errors[0]?.pointer ?? ''} ${errors[0]?.detail ?? ''}`.trim(),
          errors,
        );
      }
      throw err;
    }
  };

  fastify.post(
    '/',
    {
      schema: {
        tags: ['groups'],
        summary: 'Create a group assessment: a parent enterprise and its member units, scored at once',
        description:
          'Each member names its relation, its headcount and an assessment of that same unit. The group is scored with ' +
          'the group index (default: newest published `group`) on each member’s current column (ministry, else department, ' +
          'else consultant, else self). Ministry roles; the provincial department when the parent and every member are in ' +
          'its province; the parent enterprise when every member is itself or one of its branches.',
        security: SECURITY_KEY,
        body: CreateGroupBody,
        response: { 201: inline(Group), ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = caller(request);
      const { parentTaxCode, members } = request.body;
      const parent = await storage.enterprises.get(parentTaxCode);
      if (!parent)
        throw invalidInput([
          {
            pointer: '/parentTaxCode',
            detail: `enterprise ${parentTaxCode} is not registered`,
            code: 'unknown-enterprise',
            in: 'body',
          },
        ]);
      allow(canWriteGroup(p, parent, []), p, `create a group of ${parentTaxCode}`);
      const memberEnterprises = await checkMembers(parentTaxCode, members);
      allow(canWriteGroup(p, parent, memberEnterprises), p, `create a group of ${parentTaxCode} with these members`);
      const index = await groupIndex(request.body.index);
      const rescore = await service.rescorer();
      const created = await scored(() => storage.groups.create({ parentTaxCode, index, members }, p, rescore));
      reply.code(201).header('location', `/api/v1/groups/${created.id}`);
      return created;
    },
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['groups'],
        summary: 'List the groups the key may see, a page at a time (by id)',
        description:
          'Ministry roles: all; provincial department: the groups whose parent is in its province; enterprise: its own. ' +
          'Paged: ?limit= (default 50, at most 500), ?after=<next>.',
        security: SECURITY_KEY,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: inline(GroupList), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = caller(request);
      // Access decides the filter before anything is read; the page is read in the database.
      let filter: { parentTaxCode?: string; province?: string };
      if (isMinistry(p)) filter = {};
      else if (p.role === 'enterprise' && p.scope) filter = { parentTaxCode: p.scope };
      else if (p.role === 'provincial-department' && p.scope) filter = { province: p.scope };
      else throw forbidden(`your key (${p.role}) cannot list groups`);
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const ids = await storage.pages.groupIds(filter, limit + 1, decodeCursor('groups', request.query.after));
      const rows: GroupRecord[] = [];
      for (const id of ids) {
        const g = await storage.groups.get(id);
        if (g) rows.push(g);
      }
      return pageOf('groups', rows, limit, (g) => g.id);
    },
  );

  const readable = async (request: Parameters<typeof caller>[0], id: string) => {
    const p = caller(request);
    const g = await storage.groups.get(id);
    if (!g) throw notFound(`group ${id} does not exist`);
    const parent = (await storage.enterprises.get(g.parentTaxCode))!;
    return { p, g, parent };
  };

  fastify.get(
    '/:id',
    {
      schema: {
        tags: ['groups'],
        summary: 'One group with its stored result (always current: rescored with every member change)',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: inline(Group), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { p, g, parent } = await readable(request, request.params.id);
      allow(canReadGroup(p, parent), p, `read group ${g.id} of ${g.parentTaxCode}`);
      return g;
    },
  );

  fastify.get(
    '/:id/stages',
    {
      schema: {
        tags: ['groups'],
        summary:
          'Each member’s stage: its assessment’s state and the column the roll-up uses, and which are unreviewed',
        description:
          'A parent is certified by its group’s roll-up (Appendix III) only when `unreviewed` is empty: every unit the ' +
          'roll-up counts has a consultant, department or Ministry column.',
        security: SECURITY_KEY,
        params: IdParams,
        response: { 200: inline(GroupMemberStages), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { p, g, parent } = await readable(request, request.params.id);
      allow(canReadGroup(p, parent), p, `read group ${g.id} of ${g.parentTaxCode}`);
      const members = [];
      for (const m of g.members) {
        const a = await storage.assessments.get(m.assessmentId);
        const column = a ? effectiveColumn(a.columns) : null;
        members.push({
          taxCode: m.taxCode,
          assessmentId: m.assessmentId,
          status: a?.status ?? ('draft' as const),
          column,
          reviewed: column !== null && column !== 'self',
          included: g.result.units.find((u) => u.id === m.taxCode)?.included ?? true,
        });
      }
      // As storage's certification asks (unreviewedUnits): only units the roll-up counts.
      const unreviewed = members.filter((m) => m.included && !m.reviewed).map((m) => m.taxCode);
      return { group: g.id, members, unreviewed };
    },
  );

  fastify.put(
    '/:id/members',
    {
      schema: {
        tags: ['groups'],
        summary: 'Replace the member list (rescored at once)',
        description:
          'Ministry roles; the department of the parent’s province (every member in it); the parent enterprise itself, ' +
          'for units that are itself or its branches or that the group already lists (headcounts, relations, the ' +
          'assessment that stands for each, who leaves) — a new subsidiary is listed by the Ministry or the department.',
        security: SECURITY_KEY,
        params: IdParams,
        body: GroupMembersBody,
        response: { 200: inline(Group), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { p, g, parent } = await readable(request, request.params.id);
      allow(canWriteGroup(p, parent, []), p, `change group ${g.id}`);
      const { members } = request.body;
      const memberEnterprises = await checkMembers(g.parentTaxCode, members);
      const listed = g.members.map((m) => m.taxCode);
      allow(canWriteGroup(p, parent, memberEnterprises, listed), p, `link these members to group ${g.id}`);
      const rescore = await service.rescorer();
      return scored(() => storage.groups.setMembers(g.id, members, p, rescore));
    },
  );
};

export default routes;
