// The registry's refusals, shared by both backends: each checks the record read inside the write's transaction and
// throws the StorageError the API maps to a status. One message per rule, whichever database holds the record.
import { StorageError } from '../common.js';
import type { NewIndex, NewVersion, StoredVersion } from './types.js';

export function mustExist(v: StoredVersion | undefined, id: string, version: string): StoredVersion {
  if (!v) throw new StorageError('not-found', `${id}@${version} does not exist`);
  return v;
}

export function checkFirstVersion(index: NewIndex, first: NewVersion): void {
  if (first.id !== index.id)
    throw new StorageError('invalid', `the first version belongs to ${first.id}, not ${index.id}`);
}

export function checkNewIndex(exists: boolean, id: string): void {
  if (exists) throw new StorageError('conflict', `index ${id} already exists`);
}

export function checkNewDraft(indexExists: boolean, versionExists: boolean, draft: NewVersion): void {
  if (!indexExists) throw new StorageError('not-found', `index ${draft.id} does not exist`);
  if (versionExists) throw new StorageError('conflict', `${draft.id}@${draft.version} already exists`);
}

/**
 * A draft may be replaced; when the caller names the hash it read (`If-Match`), only while that is still the stored
 * hash — checked inside the write's transaction, so two concurrent saves cannot both pass on any backend.
 */
export function checkReplace(before: StoredVersion, expectedHash?: string): void {
  if (before.status !== 'draft')
    throw new StorageError(
      'immutable',
      `${before.id}@${before.version} is ${before.status}; published versions never change`,
    );
  if (expectedHash !== undefined && before.hash !== expectedHash)
    throw new StorageError(
      'stale',
      `${before.id}@${before.version} was saved by someone else since you read it (now ${before.hash}); nothing was stored`,
    );
}

export function checkPublish(before: StoredVersion, expectedHash: string): void {
  if (before.status !== 'draft')
    throw new StorageError('immutable', `${before.id}@${before.version} is already ${before.status}`);
  if (before.hash !== expectedHash)
    throw new StorageError(
      'conflict',
      `${before.id}@${before.version} changed while it was being published; validate it again`,
    );
}

export function checkDeprecate(before: StoredVersion): void {
  if (before.status !== 'published') {
    throw new StorageError(
      before.status === 'draft' ? 'conflict' : 'immutable',
      `${before.id}@${before.version} is ${before.status}; only a published version can be deprecated`,
    );
  }
}
