// Canonical JSON (keys sorted by code unit, no insignificant white space, numbers as JSON.stringify prints them)
// and its sha256: the content hash that names a definition version forever. Pure: runs in Node and browsers.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    if (value === undefined) throw new TypeError('canonicalJson: undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The content hash of a definition: sha256 of its canonical JSON without the editor-only `$schema` pointer. */
export function contentHash(definition: object): string {
  const { $schema: _ignored, ...rest } = definition as Record<string, unknown>;
  return sha256Hex(canonicalJson(rest));
}
