/**
 * Hostile input on PGlite (hostile-suite.ts). PGlite runs a statement in milliseconds, so the
 * one-statement paths take every sixteenth value and one 1 MiB string; every value still goes
 * through the bulk insert, JSON and inArray. Hostile names run on node-postgres
 * (hostile-input.test.ts): PGlite renders with the same dialect, and creating tables on it took
 * seconds each.
 */
import { hostileTargets, valueSuite } from './hostile-suite.js';

for (const target of hostileTargets(['pglite'])) valueSuite(target, { pathEvery: 16, longCount: 1 });
