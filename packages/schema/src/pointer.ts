// JSON pointers (RFC 6901): the one escaping of a path segment, for every pointer an issue or a problem carries.

/** One path segment of a JSON pointer: `~` → `~0`, `/` → `~1` (`a/b~c` → `a~1b~0c`). */
export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
