import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// @fastify/autoload imports route and plugin files with import(); inlined, those imports go through Vitest's own
// loader and can read .ts (Node 20 cannot).
//
// The API tests run once per backend (test/helpers.ts opens SQLite or PostgreSQL by DBI_TEST_BACKEND): the sqlite
// project runs everything but the several-instances tests; the postgres project, when DBI_TEST_PG names a server
// (`.ci/run` starts one with scripts/pg-cluster.sh), runs the API tests again on PostgreSQL plus the several-instances
// tests. Pure unit tests under src/ touch no database and run once; test/process.test.ts is about the SQLite file
// (WAL, the key file beside it) — its PostgreSQL counterpart is test/instances.test.ts.
const instances = 'test/instances.test.ts';
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      server: { deps: { inline: ['@fastify/autoload'] } },
      projects: [
        {
          extends: true as const,
          test: {
            name: 'sqlite',
            env: { DBI_TEST_BACKEND: 'sqlite' },
            include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
            exclude: [instances],
          },
        },
        ...(process.env.DBI_TEST_PG
          ? [
              {
                extends: true as const,
                test: {
                  name: 'postgres',
                  env: { DBI_TEST_BACKEND: 'postgres' },
                  include: ['test/**/*.test.ts'],
                  exclude: ['test/process.test.ts'],
                },
              },
            ]
          : []),
      ],
    },
  }),
);
