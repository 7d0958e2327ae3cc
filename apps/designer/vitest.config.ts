// The browser tests drive the built app (dist/) served by the real API server in a child process.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      environment: 'node',
      include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
      // One Chromium and one server at a time: the machine has two cores.
      fileParallelism: false,
      testTimeout: 180_000,
      hookTimeout: 360_000,
    },
  }),
);
