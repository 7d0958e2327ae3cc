import type { Definition } from '@dbi/schema';

/** Every national definition of Decision 1970/QĐ-BTTTT: sme, large, group, size (each at 1.0.0). */
export declare const nationalIndices: Definition[];

/** Examples of the definition language (marked `example: true`; not legal texts): readiness-example@1.0.0. */
export declare const exampleIndices: Definition[];

/** The national indices, then the examples. */
export declare const bundledIndices: Definition[];

/** `large@1.0.0` → that definition, or undefined when there is no such national index. */
export declare function loadNational(ref: string): Definition | undefined;

/** A shipped definition (national or example) by `id@version`, or undefined. */
export declare function loadBundled(ref: string): Definition | undefined;
