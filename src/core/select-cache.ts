import { type CacheTables, collectTables } from './cache-run.js';
import type { SelectConfig } from './select.js';

/**
 * The tables a select reads, for `drizzle({ cache })`: its CTEs, FROM item, joins, the
 * subqueries in its selection and conditions, and the members of its set operations. A locking
 * read is never served from a cache: a cached answer would take no locks.
 */
export function selectCacheTables(c: SelectConfig, acc: CacheTables): void {
  collectTables(c.withList, acc);
  if (c.from !== undefined) collectTables(c.from, acc);
  for (const j of c.joins) collectTables(j.table, acc);
  if (c.selection !== undefined) collectTables(Object.values(c.selection), acc);
  collectTables(c.where, acc);
  collectTables(c.having, acc);
  for (const op of c.setOps) op.query._cacheTables(acc);
  if (c.locking !== undefined) acc.uncacheable = true;
}
