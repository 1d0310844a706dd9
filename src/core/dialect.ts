import type { IndexHints } from './index-hints.js';
import type { CompiledQuery, Session } from './session.js';
import type { SQL } from './sql.js';

/** Transaction options; each dialect renders those it supports and rejects the rest. */
export interface TransactionConfig {
  isolationLevel?: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable' | 'snapshot';
  accessMode?: 'read only' | 'read write';
  deferrable?: boolean;
  /** SQLite: `deferred`, `immediate` or `exclusive`. */
  behavior?: 'deferred' | 'immediate' | 'exclusive';
  /** MySQL: `START TRANSACTION WITH CONSISTENT SNAPSHOT`. */
  withConsistentSnapshot?: boolean;
  /**
   * Runs the whole callback again, in a new transaction, when the transaction fails with a
   * serialization failure or deadlock (SQLSTATE 40001, 40P01): `true` for the defaults or
   * `{ maxAttempts, initialDelayMs, maxDelayMs, onRetry }`. CockroachDB needs it under contention;
   * PostgreSQL at `serializable` too. Only the outermost transaction retries.
   */
  retry?: boolean | import('./retry.js').TransactionRetryOptions;
  /**
   * The most milliseconds the callback may take. When it expires the running statement is
   * cancelled on the server, the transaction is rolled back, later calls on `tx` reject, and the
   * transaction rejects with a `SluiceTimeoutError` (`limit: 'transaction'`). A sluice option: the
   * dialect never sees it. Needs a driver that can cancel a statement.
   */
  timeout?: number;
}

/**
 * Everything that differs between SQL dialects, as data and small functions. The shared renderer
 * and builders in `core/` call these hooks; a dialect never reimplements a builder.
 */
export interface Dialect {
  readonly name: 'pg' | 'mysql' | 'sqlite' | 'mssql' | 'cockroach';
  /** Quotes an identifier. */
  quote(identifier: string): string;
  /** The placeholder for the n-th parameter (1-based). */
  param(index: number): string;
  /** Renders a value as a literal (defaults in DDL, `inlineParams()`). */
  inline(value: unknown): string;
  /** The most parameters one statement may carry (chunking of bulk inserts). */
  readonly maxParams: number;
  /** Whether text parameters cannot hold NUL (PostgreSQL): such a string is refused before sending. */
  readonly textRefusesNul?: boolean;
  readonly supportsReturning: boolean;
  readonly supportsFullJoin: boolean;
  /** Whether joins may be `lateral` (PostgreSQL; MariaDB has no lateral joins). */
  readonly supportsLateral?: boolean;
  /** Whether array columns and the array operators `@>`, `<@`, `&&` exist (PostgreSQL, CockroachDB). */
  readonly supportsArrays?: boolean;
  /** Whether `refresh materialized view` exists (PostgreSQL). */
  readonly supportsMaterializedViews?: boolean;
  readonly supportsDistinctOn: boolean;
  readonly supportsILike: boolean;
  /** Whether `intersect all` and `except all` exist (SQLite has only `union all`). */
  readonly supportsIntersectExceptAll: boolean;
  /** Whether updates and deletes take `order by` and `limit` (MySQL, SQLite). */
  readonly supportsWriteLimit: boolean;
  /** Whether `update ... from` exists (PostgreSQL, SQLite). */
  readonly supportsUpdateFrom: boolean;
  /** Whether compound selects may parenthesise their members (SQLite may not). */
  readonly parenthesizeSetOperations: boolean;
  /** The keyword that asks for a column's default inside `VALUES` (undefined: not supported). */
  readonly defaultKeyword: string | undefined;
  /** How an insert of only defaults ends: ` default values`. */
  readonly defaultValues: string;
  /** Refers to the value proposed for insertion in an upsert (`excluded."name"`). */
  excluded(quotedColumn: string): string;
  /** `limit ... offset ...`; receives the rendered limit and offset expressions. */
  limitOffset(limit: string | undefined, offset: string | undefined, hasOrderBy: boolean): string;
  /**
   * Whether a limit without an offset is written as `select top (n) ...` (SQL Server); the limit
   * then never reaches `limitOffset`. Compound selects, which have no `select` of their own to put
   * it in, still use `limitOffset`.
   */
  readonly limitAsTop?: boolean;
  /** Whether the offset is written before the limit (T-SQL's `offset n rows fetch next m rows only`), so it is bound first. */
  readonly offsetFirst?: boolean;
  /** The most rows one `insert ... values` may list (SQL Server: 1000); bulk inserts are chunked by it too. */
  readonly maxInsertRows?: number;
  /** A condition that always holds / never does: `true`/`false`, or `1 = 1`/`1 = 0` where there are no boolean literals. */
  readonly alwaysTrue?: string;
  readonly alwaysFalse?: string;
  /**
   * Whether `returning()` is T-SQL's `output`: written before `values`/`select` of an insert, after
   * `set` of an update and before `where` of a delete, each column read from the `inserted` or
   * `deleted` row.
   */
  readonly outputClause?: boolean;
  /**
   * Whether an update or delete of an aliased table names the alias as its target and lists the
   * table in `from` (T-SQL: `update [u] set ... from [users] [u]`, `delete [u] from [users] [u]`).
   */
  readonly writeTargetByAlias?: boolean;
  /**
   * Renders an upsert as a statement of its own (SQL Server's `merge`) instead of a clause after
   * `values`. Receives the table, the written columns, the rendered rows and the clause; the
   * `output` clause of `returning()` is added before the statement's final `;`.
   */
  mergeUpsert?(parts: MergeParts, clause: UpsertClause, r: UpsertRenderer): string;
  /** A statement run just before `begin` (MySQL's `set transaction isolation level ...`). */
  beforeBegin?(config: TransactionConfig | undefined): string | undefined;
  /** The statements that run a transaction. */
  begin(config: TransactionConfig | undefined): string;
  /** Extra statements run right after `begin` (e.g. `set transaction ...` on PGlite). */
  setTransaction(config: TransactionConfig | undefined): string | undefined;
  commit(): string;
  rollback(): string;
  savepoint(name: string): string;
  releaseSavepoint(name: string): string | undefined;
  rollbackToSavepoint(name: string): string;
  /** Renders a table's index hints (` use index (...)`); undefined: the dialect has none. */
  indexHints?(hints: IndexHints): string;
  /**
   * Renders a select's historical read (CockroachDB's ` as of system time <time>`, written after
   * the FROM clause's tables) from the rendered time expression. Undefined: not supported.
   */
  asOfSystemTime?(time: string): string;
  /** Renders a `for update`-style locking clause. */
  lockingClause?(strength: string, config: LockingConfig, renderTables: (tables: unknown[]) => string): string;
  /** How an insert that skips rows violating unique keys begins (`insert ignore into`). */
  readonly insertIgnore?: string;
  /** Renders an upsert clause after `values (...)`. */
  upsert?(clause: UpsertClause, r: UpsertRenderer): string;
  /** Whether an insert may carry several conflict clauses (SQLite); elsewhere the last one set wins. */
  readonly multipleUpserts?: boolean;
  /** Whether `returning` of an `update ... from` may name the other tables' columns (PostgreSQL; not SQLite). */
  readonly returningSeesFrom?: boolean;
  /** Whether an insert, update or delete may be the body of a CTE (PostgreSQL). */
  readonly supportsWriteCtes?: boolean;
  /**
   * Whether an insert, update or delete may follow a `with` clause. Not MySQL: MariaDB has no
   * WITH before UPDATE or DELETE, and MySQL's insert takes CTEs inside its select.
   */
  readonly supportsWriteWith?: boolean;
  /** Whether inserts take `overriding system value` (PostgreSQL identity columns). */
  readonly supportsOverridingSystemValue?: boolean;
  /** JSON building blocks of relational queries (undefined: relational queries unsupported). */
  json?: JsonHooks;
  /**
   * Runs raw SQL for `db.run/all/get/values` (SQLite): the answer itself on a synchronous driver,
   * a batchable raw statement otherwise. Undefined: the dialect has only `db.execute()`.
   */
  raw?(session: Session, q: CompiledQuery, shape: RawShape): unknown;
  /**
   * Reads `$returningId()`'s rows from the driver's result of an insert (MySQL's insert id and
   * affected rows). Undefined: the dialect has `returning` instead.
   */
  returnedIds?(result: unknown, insert: ReturnedIdsInsert): Record<string, unknown>[];
  /**
   * Wraps a column selected into a result (select lists, `returning`), for columns the driver
   * would read back wrongly as they are (SQLite's 64-bit numerics as text). Undefined: as is.
   */
  selectColumn?(column: import('./column.js').Column, expr: string): string;
}

/** What `db.run/all/get/values` return: the driver's result, object rows, the first row, array rows. */
export type RawShape = 'run' | 'all' | 'get' | 'values';

/** The insert whose keys `Dialect.returnedIds` reads back. */
export interface ReturnedIdsInsert {
  /** The rows as sent, with keys made by `$defaultFn` already filled in. */
  rows: Record<string, unknown>[];
  /** The primary-key properties, in the table's order. */
  keys: string[];
  /** Whether the server may have skipped rows (`ignore()`, an upsert). */
  partial: boolean;
}

export interface JsonHooks {
  /** Opens and closes a JSON array of values: `json_build_array(` ... `)`. */
  arrayOpen: string;
  arrayClose: string;
  /** An empty JSON array literal. */
  emptyArray: string;
  /** Aggregates JSON rows into a JSON array (empty array for no rows), in `orderBy` order if given. */
  agg(row: string, orderBy: string): string;
  /**
   * Aggregates a page of rows inside the aggregate itself (MariaDB's `json_arrayagg(... limit n)`),
   * for dialects whose derived tables cannot see the outer row. Undefined: a derived table pages.
   */
  pagedAgg?(row: string, orderBy: string, limit: string | undefined, offset: string | undefined): string;
  /** Re-reads a JSON value selected from a derived table (SQLite loses the value's JSON type there). */
  fromDerived?(expr: string): string;
  /**
   * Builds one row's JSON from its items (default: `arrayOpen` items `arrayClose`). SQL Server
   * builds it with `for json path`, one key per position.
   */
  row?(items: string[]): string;
  /** Marks a relation's JSON text as JSON where it is embedded in a row (SQL Server's `json_query`). */
  nested?(expr: string): string;
  /**
   * Whether an aggregate may not contain the row expression (SQL Server allows no subquery inside
   * an aggregate): rows are then built in a derived table and aggregated outside it, and the root
   * does not aggregate its relations in grouped joins.
   */
  aggregateFromDerived?: boolean;
  /** Wraps a column so its JSON form decodes like its plain form (e.g. casts to text). */
  safe(column: import('./column.js').Column, expr: string): string;
}

export interface LockingConfig {
  of?: unknown | unknown[];
  noWait?: boolean;
  skipLocked?: boolean;
}

export interface UpsertClause {
  kind: 'nothing' | 'update' | 'duplicateKey';
  target: unknown[] | undefined;
  targetWhere: SQL | undefined;
  set: [columnSql: string, value: unknown][] | undefined;
  setWhere: SQL | undefined;
}

/** What a statement-form upsert (`merge`) needs of its insert. */
export interface MergeParts {
  /** The table's full name. */
  table: string;
  /** The written columns, quoted. */
  columns: string[];
  /** Each row's values, rendered: `(@p1, @p2)`. */
  rows: string[];
}

export interface UpsertRenderer {
  /** Renders an expression or value into the statement, binding parameters. */
  expr(value: unknown): string;
  /** Renders a column as a bare (unqualified) name. */
  bare(value: unknown): string;
  /** The insert table's primary-key columns, as bare names. */
  primaryKey(): string[];
}
