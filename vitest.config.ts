import { defineConfig } from 'vitest/config';

/**
 * Suites that run the packed `sluice` binary or the whole kit end to end on every database: a few
 * minutes between them, so they run as `npm run test:acceptance` (CI runs both scripts) and keep
 * `npm test` quick.
 */
export const acceptanceSuites = [
  'test/kit/push-pull-acceptance.test.ts',
  'test/kit/cli-acceptance.test.ts',
  'test/kit/rollback-acceptance.test.ts',
  'test/kit/check-drift.test.ts',
  'test/kit/check-drift-adoption.test.ts',
  'test/kit/migrate-concurrency.test.ts',
  'test/seed/kit-seed.test.ts',
  'test/pack/pack.test.ts',
];

/** The settings of both test configs; `include` and `exclude` pick the suites. */
export function testConfig(include: string[], exclude: string[]) {
  return defineConfig({
    resolve: { conditions: ['sluice-src'] },
    ssr: { resolve: { conditions: ['sluice-src'] } },
    test: {
      include,
      exclude: ['**/node_modules/**', ...exclude],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: 'forks',
      // Suites mostly wait on servers and child processes, so two files at a time keep two cores
      // busy; the default (cores - 1) would run one file at a time here. Each file opens databases
      // of its own (random names), so files never share state.
      maxWorkers: 2,
    },
  });
}

/** `npm run test:stress` (vitest.stress.config.ts) runs these; `npm test` leaves them out. */
export const stressSuites = ['test/stress/**'];

/** `npm run test:services` (vitest.services.config.ts) runs these; they need Redis, a replica and PgBouncer. */
export const serviceSuites = ['test/services/**'];

export default testConfig(['test/**/*.test.ts'], [...acceptanceSuites, ...stressSuites, ...serviceSuites]);
