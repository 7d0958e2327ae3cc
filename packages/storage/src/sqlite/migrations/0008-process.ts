// The province an enterprise says it is in when it registers (Decision 1970 §III: enterprises register on the portal,
// the department of their province checks them). Kept on its tax-code binding, so that department sees and decides a
// registration before the enterprise is on record; never changed afterwards (the enterprise record, once made, is
// where the province lives).
// Frozen once shipped: later changes go in a new migration.
import type { Migration } from './types.js';

export const migration0008: Migration = {
  version: 8,
  name: 'process',
  sql: `
ALTER TABLE enterprise_bindings ADD COLUMN province TEXT CHECK (province IS NULL OR province GLOB '[0-9][0-9]');
CREATE INDEX enterprise_bindings_province ON enterprise_bindings (province);
CREATE TRIGGER enterprise_bindings_province_frozen BEFORE UPDATE OF province ON enterprise_bindings
WHEN NEW.province IS NOT OLD.province
BEGIN SELECT RAISE(ABORT, 'a binding keeps the province it was registered with'); END;
`,
};
