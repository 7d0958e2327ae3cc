// The province an enterprise says it is in when it registers, kept on its tax-code binding so that the department of
// that province sees and decides the registration before the enterprise is on record (SQLite's 0008-process).
import type { PgMigration } from './types.js';

export const pgMigration0008: PgMigration = {
  version: 8,
  name: 'process',
  sql: `
ALTER TABLE enterprise_bindings ADD COLUMN province text CHECK (province IS NULL OR province ~ '^[0-9]{2}$');
CREATE INDEX enterprise_bindings_province ON enterprise_bindings (province);
CREATE TRIGGER enterprise_bindings_province_frozen BEFORE UPDATE ON enterprise_bindings FOR EACH ROW
WHEN (NEW.province IS DISTINCT FROM OLD.province)
EXECUTE FUNCTION dbi_refuse('a binding keeps the province it was registered with');
`,
};
