import { testConfig } from './vitest.config.js';

/**
 * `npm run test:services`: the suites that need servers beyond the databases CI always has
 * (Redis, a PostgreSQL streaming replica, PgBouncer). The global setup starts each of them with
 * its `test/services/start-*.sh` script, which installs Debian's package when it is missing and
 * is harmless when the server is already up.
 */
const base = testConfig(['test/services/**/*.test.ts'], []);
export default {
  ...base,
  test: { ...base.test, maxWorkers: 1, testTimeout: 60_000, hookTimeout: 180_000, globalSetup: ['test/services/start.ts'] },
};
