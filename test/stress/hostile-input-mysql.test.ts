/** Hostile input on MariaDB through mysql2: the corpus through every builder, as values and as names (hostile-suite.ts). */
import { hostileTargets, nameSuite, valueSuite } from './hostile-suite.js';

for (const target of hostileTargets(['mysql2'])) {
  valueSuite(target, { pathEvery: 2 });
  nameSuite(target, 20);
}
