// Who may do what with an index — pure functions over the caller and the index, so every route asks the same
// question the same way and each boundary is tested once.
//
//   read published/deprecated versions   everyone, no key needed
//   read drafts, score drafts            the index's editors
//   edit drafts (create, replace)        ministry-editor, ministry-publisher: any index;
//                                        sector-ministry: only variants whose id its scope covers (never national)
//   publish, deprecate                   ministry-publisher: any index; sector-ministry: its own variants
//   fork into a new variant id           ministry roles: any id; sector-ministry: ids its scope covers
//   score published versions             any valid key (integrators and every other role)
//   read the audit log                   ministry-editor, ministry-publisher
import type { ApiKeyInfo } from '@dbi/schema';

export type Principal = Pick<ApiKeyInfo, 'id' | 'name' | 'role' | 'scope'>;
export interface IndexFacts {
  id: string;
  national: boolean;
}

/** Does a sector ministry's scope (comma-separated ids, `prefix*` allowed) cover this index id? */
export function scopeCoversIndex(scope: string | null, indexId: string): boolean {
  if (!scope) return false;
  return scope
    .split(',')
    .some((entry) => (entry.endsWith('*') ? indexId.startsWith(entry.slice(0, -1)) : indexId === entry));
}

const ministry = (p: Principal | null) => p?.role === 'ministry-editor' || p?.role === 'ministry-publisher';
const ownVariant = (p: Principal | null, index: IndexFacts) =>
  p?.role === 'sector-ministry' && !index.national && scopeCoversIndex(p.scope, index.id);

export const canEdit = (p: Principal | null, index: IndexFacts): boolean => ministry(p) || ownVariant(p, index);

export const canPublish = (p: Principal | null, index: IndexFacts): boolean =>
  p?.role === 'ministry-publisher' || ownVariant(p, index);

export const canFork = (p: Principal | null, newId: string): boolean =>
  ministry(p) || (p?.role === 'sector-ministry' && scopeCoversIndex(p.scope, newId));

export const canReadVersion = (p: Principal | null, index: IndexFacts, status: string): boolean =>
  status !== 'draft' || canEdit(p, index);

export const canScore = (p: Principal | null): boolean => p !== null;

export const canReadAudit = (p: Principal | null): boolean => ministry(p);
