/**
 * Hostile input on PostgreSQL through node-postgres: the corpus through every builder, as values
 * and as names. The suite is in hostile-suite.ts; PGlite, MySQL and SQLite have files of their
 * own, so each file stays well under a minute.
 */
import { corpusSuite, hostileTargets, nameSuite, valueSuite } from './hostile-suite.js';

corpusSuite();
for (const target of hostileTargets(['node-postgres'])) {
  valueSuite(target, { pathEvery: 2 });
  nameSuite(target, 20);
}
