// Query filters of rankings, the provincial index and coverage, checked before any query runs: each bad value is a
// 400 naming its field (size=sme used to return nothing).
import type { FastifyInstance } from 'fastify';
import type { ProblemError } from '@dbi/schema';
import type { StandingFilter } from '@dbi/storage';
import { invalidInput } from '../problems.js';
import { periodOf } from './periods.js';
import { currentProvinceError, industryError } from './reference.js';

export async function standingFilter(
  fastify: FastifyInstance,
  q: { period?: string; basis?: 'certified' | 'appraised'; province?: string; industry?: string; size?: string },
): Promise<StandingFilter> {
  const errors: ProblemError[] = [];
  if (q.province !== undefined) {
    const e = currentProvinceError(q.province, '/province', 'query');
    if (e) errors.push(e);
  }
  if (q.industry !== undefined) {
    const e = industryError(q.industry, '/industry', 'query');
    if (e) errors.push(e);
  }
  if (q.size !== undefined) {
    const sizes = await fastify.assessments.sizeChoices();
    if (!sizes.includes(q.size))
      errors.push({
        pointer: '/size',
        detail: `"${q.size}" is not a size class: one of ${sizes.join(', ')} / không phải quy mô doanh nghiệp`,
        code: 'unknown-size',
        in: 'query',
      });
  }
  if (errors.length) throw invalidInput(errors);
  const period = await periodOf(fastify.storage, q.period, { pointer: '/period', in: 'query' });
  return {
    basis: q.basis ?? 'certified',
    period,
    ...(q.province !== undefined ? { province: q.province } : {}),
    ...(q.industry !== undefined ? { industry: q.industry } : {}),
    ...(q.size !== undefined ? { size: q.size } : {}),
  };
}
