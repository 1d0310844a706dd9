import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['sluice-src'] },
  ssr: { resolve: { conditions: ['sluice-src'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Suites mostly wait on servers and child processes, so three files at a time keep two cores
    // busy; the default (cores - 1) would run one file at a time here. Each file opens databases
    // of its own (random names), so files never share state.
    maxWorkers: 3,
  },
});
