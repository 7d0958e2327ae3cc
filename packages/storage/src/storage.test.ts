// Which backend DBI_DB selects (pure: no database is opened).
import { describe, expect, it } from 'vitest';
import { StorageError } from './common.js';
import { databaseTarget, describeTarget, openStorage } from './storage.js';

describe('databaseTarget', () => {
  it('takes postgres:// and postgresql:// URLs as PostgreSQL, as given', () => {
    expect(databaseTarget('postgres://user@host:5432/dbi')).toEqual({
      kind: 'postgres',
      url: 'postgres://user@host:5432/dbi',
    });
    expect(databaseTarget('POSTGRESQL://h/dbi')).toEqual({ kind: 'postgres', url: 'POSTGRESQL://h/dbi' });
  });

  it('takes a path as a SQLite file, made absolute against the working directory', () => {
    expect(databaseTarget('./data/dbi.sqlite', '/srv/dbi')).toEqual({
      kind: 'sqlite',
      file: '/srv/dbi/data/dbi.sqlite',
    });
    expect(databaseTarget('/var/lib/dbi/dbi.sqlite', '/srv')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/dbi/dbi.sqlite',
    });
  });

  it.each(['mysql://user@host:3306/dbi', 'sqlite:./dbi.sqlite', 'http://example.org/db', 'postgres:/dbi', 'file:///x'])(
    'refuses %s instead of making a file under a folder named after its scheme',
    async (value) => {
      expect(() => databaseTarget(value)).toThrow(StorageError);
      expect(() => databaseTarget(value)).toThrow(/is not supported: give a file path for SQLite .* postgres:\/\//);
      await expect(openStorage(value)).rejects.toThrow(/is not supported/);
    },
  );

  it('prints a URL without its password', () => {
    expect(describeTarget({ kind: 'postgres', url: 'postgres://dbi:s3cret@db.example:5432/dbi' })).toBe(
      'postgres://dbi:***@db.example:5432/dbi',
    );
  });
});
