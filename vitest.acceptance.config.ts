import { acceptanceSuites, testConfig } from './vitest.config.js';

/** `npm run test:acceptance`: only the end-to-end suites `npm test` leaves out. */
export default testConfig(acceptanceSuites, []);
