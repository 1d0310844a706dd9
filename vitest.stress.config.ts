import { testConfig } from './vitest.config.js';

/**
 * `npm run test:stress`: load, faults, hostile input and large values against the servers on
 * 127.0.0.1 and the embedded engines. One file at a time, so the figures each prints are not
 * skewed by another suite competing for the two cores; the global setup prints them all at the end.
 */
const base = testConfig(['test/stress/**/*.test.ts'], []);
export default {
  ...base,
  test: { ...base.test, maxWorkers: 1, testTimeout: 300_000, hookTimeout: 120_000, globalSetup: ['test/stress/figures-report.ts'] },
};
