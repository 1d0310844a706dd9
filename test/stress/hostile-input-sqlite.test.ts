/** Hostile input on SQLite through better-sqlite3 and libsql: the corpus through every builder, as values and as names (hostile-suite.ts). */
import { hostileTargets, nameSuite, valueSuite } from './hostile-suite.js';

for (const target of hostileTargets(['better-sqlite3', 'libsql'])) {
  valueSuite(target, { pathEvery: 2 });
  nameSuite(target, 30);
}
