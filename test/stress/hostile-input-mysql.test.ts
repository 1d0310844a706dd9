/** Hostile input on MariaDB through mysql2: the corpus through every builder, as values and as names (hostile-suite.ts). */
import { it } from 'vitest';
import { hostileTargets, nameSuite, valueSuite } from './hostile-suite.js';

const targets = hostileTargets(['mysql2']);
for (const target of targets) {
  valueSuite(target, { pathEvery: 2 });
  nameSuite(target, 20);
}
if (targets.length === 0) it.skip('hostile input on MariaDB (not run: SLUICE_MYSQL_URL is not set)', () => {});
