import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The storage contract runs once per backend: every test of the repositories goes through test/backend.ts, which
// opens SQLite or PostgreSQL by DBI_TEST_BACKEND. The PostgreSQL project runs when DBI_TEST_PG names a server
// (`.ci/run` starts one with scripts/pg-cluster.sh); tests of one backend's own layer run in its project only.
const include = ['src/**/*.test.ts'];
// Pure tests (no database) run once, in the sqlite project.
const sqliteOnly = ['src/sqlite/**/*.test.ts', 'src/storage.test.ts'];
const postgresOnly = ['src/postgres/**/*.test.ts'];

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      projects: [
        {
          extends: true as const,
          test: { name: 'sqlite', env: { DBI_TEST_BACKEND: 'sqlite' }, include, exclude: postgresOnly },
        },
        ...(process.env.DBI_TEST_PG
          ? [
              {
                extends: true as const,
                test: { name: 'postgres', env: { DBI_TEST_BACKEND: 'postgres' }, include, exclude: sqliteOnly },
              },
            ]
          : []),
      ],
    },
  }),
);
