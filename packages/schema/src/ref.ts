// `<index>@<version>` references and version ordering.
export interface ParsedRef {
  id: string;
  version: string;
}

const REF = /^([a-z][a-z0-9-]{0,62})@((?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5})\.(?:0|[1-9][0-9]{0,5}))$/;

/** Parses `large@1.0.0`; returns undefined when the text is not a reference. */
export function parseIndexRef(text: string): ParsedRef | undefined {
  const m = REF.exec(text);
  return m ? { id: m[1]!, version: m[2]! } : undefined;
}

export function formatIndexRef(ref: ParsedRef): string {
  return `${ref.id}@${ref.version}`;
}

/** Numeric semver order: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
