// Paths that must resolve the same from src/ (dev, tests) and dist/ (pnpm start): both sit one level below
// apps/server, so paths relative to this file's folder's parent work from either.
import { fileURLToPath } from 'node:url';

/** apps/server */
export const serverRoot = fileURLToPath(new URL('../../', import.meta.url));
/** apps/designer/dist — the designer's build, served at /designer/ when present. */
export const designerDist = fileURLToPath(new URL('../../../designer/dist/', import.meta.url));
/** apps/portal/dist — the portal's build, served at / when present. */
export const portalDist = fileURLToPath(new URL('../../../portal/dist/', import.meta.url));
