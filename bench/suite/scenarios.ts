/**
 * Thrown by a comparator for a scenario that does not apply to it (the raw drivers have no query
 * builder to time): reported as n/a, unlike any other error, which is reported as skipped.
 */
export class NotApplicable extends Error {}

/** What every comparator implements, the way its users would write it. */
export interface Scenarios {
  /** Build-only: render a select by id without running it. */
  buildSelectById(id: number): unknown;
  /** Build-only: a three-table join with where, order by and limit. */
  buildJoin(country: string): unknown;
  /** Build-only: an insert of one row. */
  buildInsert(name: string): unknown;
  /** Select a customer by primary key, building the query on every call. */
  selectById(id: number): Promise<unknown> | unknown;
  /**
   * better-sqlite3 only: the same, read with the synchronous API (`.get()`), as SQLite users of
   * sluice and drizzle-orm can; elsewhere, and for Kysely (which has none), NotApplicable.
   */
  selectByIdSync(id: number): unknown;
  /** The same, prepared once. */
  selectByIdPrepared(id: number): Promise<unknown> | unknown;
  /** A page of 50 customers ordered by id. */
  page(offset: number): Promise<unknown> | unknown;
  /** Orders per country with sums: a join with group by and aggregates. */
  joinAggregate(): Promise<unknown> | unknown;
  /**
   * Insert one row and return it. MySQL/MariaDB have no `returning`: there each tool inserts and
   * selects the row by the insert id, the way its users do.
   */
  insertReturning(name: string): Promise<unknown> | unknown;
  /** Insert 10,000 rows in as few statements as the tool allows. */
  bulkInsert(rows: { name: string; city: string; country: string }[]): Promise<unknown> | unknown;
  /** Update one row by key. */
  updateById(id: number, city: string): Promise<unknown> | unknown;
  /** Insert, update and delete one row in a transaction. */
  transaction(name: string): Promise<unknown> | unknown;
  /** Ten customers with their orders and each order's details (two levels of nesting). */
  relational(): Promise<unknown> | unknown;
}

/**
 * A scenario of the table: one of the comparator's methods, or one the child composes from them
 * (`inflight8`, `inflight32`: that many `selectById` calls started at once and awaited together,
 * one batch timed; only on the server backends, whose pools can run them in parallel).
 */
export type ScenarioKey = keyof Scenarios | 'inflight8' | 'inflight32';

export const SCENARIOS: { key: ScenarioKey; title: string; checked: boolean; serverOnly?: true }[] = [
  { key: 'buildSelectById', title: 'build: select by id (toSQL)', checked: false },
  { key: 'buildJoin', title: 'build: 3-table join, where/order/limit', checked: false },
  { key: 'buildInsert', title: 'build: insert one row', checked: false },
  { key: 'selectById', title: 'select by primary key, built per call', checked: true },
  { key: 'selectByIdSync', title: 'select by primary key, built per call, synchronous .get()', checked: true },
  { key: 'selectByIdPrepared', title: 'select by primary key, prepared', checked: true },
  // Before the writes, like every checked scenario: updateById changes the rows they read.
  { key: 'inflight8', title: '8 queries in flight', checked: true, serverOnly: true },
  { key: 'inflight32', title: '32 queries in flight', checked: true, serverOnly: true },
  { key: 'page', title: 'page of 50 rows', checked: true },
  { key: 'joinAggregate', title: 'join + group by + aggregates', checked: true },
  { key: 'relational', title: 'nested relational query, 2 levels', checked: true },
  { key: 'insertReturning', title: 'insert one row with returning', checked: false },
  { key: 'bulkInsert', title: 'bulk insert 10,000 rows', checked: false },
  { key: 'updateById', title: 'update by key', checked: false },
  { key: 'transaction', title: '3-statement transaction', checked: false },
];
