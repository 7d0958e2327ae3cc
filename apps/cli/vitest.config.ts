import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// `dbi admin` runs on either backend: its tests run once per backend (the postgres project when DBI_TEST_PG names a
// server); the rest of the CLI touches no database and runs once.
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      projects: [
        { extends: true as const, test: { name: 'sqlite', include: ['src/**/*.test.ts'] } },
        ...(process.env.DBI_TEST_PG
          ? [
              {
                extends: true as const,
                test: { name: 'postgres', env: { DBI_TEST_BACKEND: 'postgres' }, include: ['src/admin.test.ts'] },
              },
            ]
          : []),
      ],
    },
  }),
);
