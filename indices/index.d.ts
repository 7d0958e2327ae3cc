import type { Definition } from '@dbi/schema';

/** Every national definition of Decision 1970/QĐ-BTTTT: sme, large, group, size (each at 1.0.0). */
export declare const nationalIndices: Definition[];

/** `large@1.0.0` → that definition, or undefined when there is no such national index. */
export declare function loadNational(ref: string): Definition | undefined;
