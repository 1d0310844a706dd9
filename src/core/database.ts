import { cachedTransaction, runCached, type Cacheable } from './cache-run.js';
import { noCache, type CacheWithInvalidate } from './cache.js';
import { CountQuery } from './count.js';
import { DeleteQuery, type AnyDelete } from './delete.js';
import type { Dialect, RawShape, TransactionConfig } from './dialect.js';
import { entityKind, is } from './entity.js';
import type { MaybeSyncRaw, SQLiteTag } from './query-base.js';
import { isAsyncFunction, transactionOpenError } from './connection-gate.js';
import { SchemaError, TransactionRollbackError, UnsupportedError } from './errors.js';
import { retryPolicy, withRetry } from './retry.js';
import { cannotCancel, Deadline, type LimitedConnection, raceDeadline, timeoutMs } from './timeout.js';
import { InsertBuilder, type InsertOwner, type InsertQuery } from './insert.js';
import { makeCte } from './cte.js';
import { isRenderableQuery, RenderContext, type RenderableQuery } from './render.js';
import { QueryBuilder } from './view.js';
import type { AnySelect, OrderArg, SelectionObject } from './select-types.js';
import { SelectBuilder } from './select-builder.js';
import { type Session, transactionStatement, type CompiledQuery, type Driver, type DriverConnection, type TransactionLog } from './session.js';
import type { SQL, SQLWrapper } from './sql.js';
import type { Subquery, SubqueryWithSelection } from './subquery.js';
import { Table, type AnyTable } from './table.js';
import { UpdateBuilder, type AnyUpdate } from './update.js';
import { RelationalQuery, type RelationalQueryConfig } from './relational-query.js';
import type { RelationalQueries } from './relational-types.js';
import { DefinedRelations, normalizeV1, normalizeV2, type NormalizedSchema } from './relations.js';
import { RefreshMaterializedView } from './refresh-view.js';
import type { View } from './view.js';

type SelectionOf<Q> = Q extends { readonly _: { fields: infer F } } ? F : Q extends { readonly _result: readonly (infer R)[] } ? { [K in keyof R]: SQL.Aliased<R[K], K & string> } : {};

/** What `$with(...).as()` takes: a select, or an insert/update/delete (with `returning()` to select from it). */
type CteSource = AnySelect | InsertQuery<AnyTable, unknown, unknown, string> | AnyUpdate | AnyDelete;

/** Relations resolved per schema (or `defineRelations()`) object. */
const normalizedBySource = new WeakMap<object, { schema: NormalizedSchema; version: 1 | 2 }>();

/**
 * A database handle: the builders, raw execution and transactions. Drivers create it with
 * `drizzle(...)`; its type parameters carry the dialect and the driver's raw result type.
 */
export class Database<TDialect extends string, TRunResult, TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> {
  static readonly [entityKind]: string = 'Database';
  declare readonly _: { dialect: TDialect; runResult: TRunResult; schema: TSchema; relations: TRelations };
  /** @internal the relations, resolved once per database. */
  private normalized: { schema: NormalizedSchema; version: 1 | 2 } | undefined;
  /** @internal `db.query`, built on first use. */
  private queries: Record<string, unknown> | undefined;

  constructor(
    /** @internal */ readonly session: Session,
    /** @internal */ readonly driver: Driver,
    /** The schema object given to `drizzle({ schema })`. */
    readonly schema: TSchema | undefined,
    /** @internal CTEs for `db.with(...)`. */
    protected readonly withList: Subquery[] = [],
    /** The result of `defineRelations()` given to `drizzle({ relations })`. */
    readonly relations: TRelations | undefined = undefined,
  ) {}

  /**
   * Relational queries: `db.query.users.findMany({ with: { posts: true } })`. Needs
   * `drizzle({ schema })` (tables and `relations()`) or `drizzle({ relations })` (`defineRelations()`).
   */
  get query(): RelationalQueries<TSchema, TRelations, TDialect> {
    if (this.queries !== undefined) return this.queries as RelationalQueries<TSchema, TRelations, TDialect>;
    if (!this.normalized) {
      // Resolved once per schema object: transactions and `db.with()` handles share it.
      const source: object | undefined = this.relations instanceof DefinedRelations ? this.relations : this.schema;
      if (source === undefined) throw new SchemaError('db.query needs drizzle({ schema }) or drizzle({ relations })');
      let found = normalizedBySource.get(source);
      if (found === undefined) {
        found = source instanceof DefinedRelations ? { schema: normalizeV2(source), version: 2 } : { schema: normalizeV1(source as Record<string, unknown>), version: 1 };
        normalizedBySource.set(source, found);
      }
      this.normalized = found;
    }
    const { schema, version } = this.normalized;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(schema)) {
      out[key] = {
        findMany: (config: RelationalQueryConfig = {}) => new RelationalQuery(this.session, schema, key, config, 'many', version),
        findFirst: (config: RelationalQueryConfig = {}) => new RelationalQuery(this.session, schema, key, config, 'first', version),
      };
    }
    this.queries = out;
    return out as RelationalQueries<TSchema, TRelations, TDialect>;
  }

  /**
   * The cache given to `drizzle({ cache })`, as in Drizzle: the same object on every access (so
   * its methods can be spied on), with `invalidate({ tables, tags })` added, which drops the
   * entries of those tables (objects or names) and tags, for writes sluice does not see (raw SQL,
   * other programs). Without a cache, an object whose `invalidate` does nothing.
   *
   * @example
   * await db.$cache.invalidate({ tables: [users], tags: 'active-users' });
   */
  get $cache(): CacheWithInvalidate {
    return (this.session.cache?.cache as CacheWithInvalidate | undefined) ?? noCache;
  }

  get dialect(): Dialect {
    return this.session.renderer.dialect;
  }

  /** Selects whole rows of the table given to `from()`, or the fields given here. */
  select(): SelectBuilder<undefined, TDialect>;
  select<TSelection extends SelectionObject>(fields: TSelection): SelectBuilder<TSelection, TDialect>;
  select(fields?: SelectionObject): SelectBuilder<SelectionObject | undefined, TDialect> {
    return new SelectBuilder(this.session, fields, false, this.withList);
  }

  /** `select distinct`. */
  selectDistinct(): SelectBuilder<undefined, TDialect>;
  selectDistinct<TSelection extends SelectionObject>(fields: TSelection): SelectBuilder<TSelection, TDialect>;
  selectDistinct(fields?: SelectionObject): SelectBuilder<SelectionObject | undefined, TDialect> {
    return new SelectBuilder(this.session, fields, true, this.withList);
  }

  /** `select distinct on (...)` (PostgreSQL). */
  selectDistinctOn(on: OrderArg[]): SelectBuilder<undefined, TDialect>;
  selectDistinctOn<TSelection extends SelectionObject>(on: OrderArg[], fields: TSelection): SelectBuilder<TSelection, TDialect>;
  selectDistinctOn(on: OrderArg[], fields?: SelectionObject): SelectBuilder<SelectionObject | undefined, TDialect> {
    return new SelectBuilder(this.session, fields, { on }, this.withList);
  }

  /** Inserts rows into a table. */
  insert<TTable extends AnyTable>(table: TTable): InsertBuilder<TTable, TRunResult, TDialect> {
    assertTable(table, 'insert');
    return new InsertBuilder(this.session, table, this as unknown as InsertOwner, this.withList);
  }

  /** Updates rows of a table. */
  update<TTable extends AnyTable>(table: TTable): UpdateBuilder<TTable, TRunResult, TDialect> {
    assertTable(table, 'update');
    return new UpdateBuilder(this.session, table, this.withList);
  }

  /** Deletes rows of a table. */
  delete<TTable extends AnyTable>(table: TTable): DeleteQuery<TTable, TRunResult, undefined, TDialect> {
    assertTable(table, 'delete');
    return new DeleteQuery(this.session, table, this.withList);
  }

  /** Counts rows: awaited alone, a number; inside a selection, a subquery. */
  $count(source: AnyTable | SQL, filter?: SQLWrapper): CountQuery<TDialect> {
    return new CountQuery(this.session, source, filter);
  }

  /** PostgreSQL and CockroachDB: `refresh materialized view`, with `.concurrently()` or `.withNoData()`. */
  refreshMaterializedView(this: Database<'pg' | 'cockroach', TRunResult, TSchema, TRelations>, view: View): RefreshMaterializedView<TRunResult> {
    return new RefreshMaterializedView<TRunResult>(this.session, view);
  }

  /**
   * Runs raw SQL (an `sql` fragment, a string, or a query builder's statement) and returns the
   * driver's result, unmapped, as Drizzle does.
   */
  execute<TRow = Record<string, unknown>>(query: SQLWrapper | RenderableQuery | string): Promise<TRunResult & { rows?: TRow[] }> {
    let q: CompiledQuery;
    try {
      q = this.rawQuery(query);
    } catch (e) {
      return Promise.reject(e);
    }
    const cache = this.session.cache;
    if (cache !== undefined && isRenderableQuery(query)) {
      // A builder's write invalidates its tables; its read is not cached (the result is the driver's).
      const write: Cacheable = { _cacheTables: (query as Cacheable)._cacheTables?.bind(query) };
      return runCached(write, { ...cache, all: false }, this.session, q, undefined, () => this.session.run(q)) as Promise<TRunResult & { rows?: TRow[] }>;
    }
    return this.session.run(q) as Promise<TRunResult & { rows?: TRow[] }>;
  }

  /** SQLite: runs raw SQL and returns the driver's result (synchronously on better-sqlite3). */
  run(this: Database<SQLiteTag, TRunResult, TSchema, TRelations>, query: SQLWrapper | RenderableQuery | string): MaybeSyncRaw<TDialect, TRunResult> {
    return this.raw(query, 'run') as MaybeSyncRaw<TDialect, TRunResult>;
  }

  /** SQLite: runs raw SQL and returns its rows as objects. */
  all<TRow = Record<string, unknown>>(this: Database<SQLiteTag, TRunResult, TSchema, TRelations>, query: SQLWrapper | RenderableQuery | string): MaybeSyncRaw<TDialect, TRow[]> {
    return this.raw(query, 'all') as MaybeSyncRaw<TDialect, TRow[]>;
  }

  /** SQLite: runs raw SQL and returns its first row as an object, or `undefined`. */
  get<TRow = Record<string, unknown>>(this: Database<SQLiteTag, TRunResult, TSchema, TRelations>, query: SQLWrapper | RenderableQuery | string): MaybeSyncRaw<TDialect, TRow | undefined> {
    return this.raw(query, 'get') as MaybeSyncRaw<TDialect, TRow | undefined>;
  }

  /** SQLite: runs raw SQL and returns its rows as arrays. */
  values(this: Database<SQLiteTag, TRunResult, TSchema, TRelations>, query: SQLWrapper | RenderableQuery | string): MaybeSyncRaw<TDialect, unknown[][]> {
    return this.raw(query, 'values') as MaybeSyncRaw<TDialect, unknown[][]>;
  }

  /** Raw SQL through the dialect's `raw` hook, which knows its drivers' results and sync kind. */
  private raw(query: SQLWrapper | RenderableQuery | string, shape: RawShape): unknown {
    const d = this.dialect;
    if (!d.raw) throw new UnsupportedError(`${d.name}: db.${shape}() is SQLite only; use db.execute()`);
    return d.raw(this.session, this.rawQuery(query), shape);
  }

  /** Raw SQL, or a builder's own statement (rendered whole, not as a parenthesised subquery). */
  private rawQuery(query: SQLWrapper | RenderableQuery | string): CompiledQuery {
    if (typeof query === 'string') return { sql: query, params: [], hasPlaceholders: false, mapper: undefined };
    if (isRenderableQuery(query)) {
      const ctx = new RenderContext();
      query._render(this.session.renderer, ctx, false);
      if (ctx.hasPlaceholders) throw new SchemaError('db.execute(query): the query has sql.placeholder() values; use query.prepare().execute({ ... })');
      return { sql: ctx.s, params: ctx.params, hasPlaceholders: false, mapper: undefined };
    }
    if (query === null || typeof query !== 'object' || typeof query.getSQL !== 'function') throw new SchemaError('db.execute() takes sql`...`, a string or a query builder');
    const q = this.session.renderer.sqlToQuery(query.getSQL());
    return { ...q, hasPlaceholders: false, mapper: undefined };
  }

  /**
   * Names a query for `db.with(...)`: `const sq = db.$with('sq').as(db.select()...)`. PostgreSQL
   * also takes an insert, update or delete with `returning()`. Raw SQL needs its fields:
   * `db.$with('sq', { id: users.id }).as(sql\`select ...\`)`.
   */
  $with<TAlias extends string>(
    alias: TAlias,
  ): {
    as<Q extends CteSource>(query: Q | ((qb: QueryBuilder) => Q)): SubqueryWithSelection<SelectionOf<Q>, TAlias>;
  };
  $with<TAlias extends string, TSelection extends Record<string, unknown>>(
    alias: TAlias,
    selection: TSelection,
  ): {
    as(query: SQL | ((qb: QueryBuilder) => SQL)): SubqueryWithSelection<TSelection, TAlias>;
  };
  $with(alias: string, selection?: Record<string, unknown>): { as(query: unknown): unknown } {
    return {
      as: (query: unknown) => makeCte(alias, typeof query === 'function' ? (query as (qb: QueryBuilder) => unknown)(new QueryBuilder()) : query, selection),
    };
  }

  /** Runs the following statement with these CTEs: `db.with(sq).select().from(sq)`, `db.with(sq).update(t)...`. */
  with(...ctes: Omit<Subquery, '_'>[]): Pick<Database<TDialect, TRunResult, TSchema, TRelations>, 'select' | 'selectDistinct' | 'selectDistinctOn' | 'insert' | 'update' | 'delete'> {
    return new Database<TDialect, TRunResult, TSchema, TRelations>(this.session, this.driver, this.schema, ctes as Subquery[], this.relations);
  }

  /**
   * Runs `fn` in a transaction and returns its value. Any throw rolls back and rethrows;
   * `tx.rollback()` rolls back and rejects with `TransactionRollbackError`. With `retry`, a
   * serialization failure or deadlock (SQLSTATE 40001, 40P01) runs the whole of `fn` again in a new
   * transaction, after a pause that doubles each time (with jitter); when the attempts run out the
   * last error is rethrown. `fn` must then be safe to run more than once (no side effects outside
   * the database, or ones that may repeat).
   *
   * @example
   * await db.transaction(async (tx) => {
   *   const [a] = await tx.select().from(accounts).where(eq(accounts.id, 1));
   *   await tx.update(accounts).set({ balance: a!.balance - 10 }).where(eq(accounts.id, 1));
   * }, { isolationLevel: 'serializable', retry: { maxAttempts: 8, initialDelayMs: 10, maxDelayMs: 1000 } });
   */
  transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => Promise<T>, config?: TransactionConfig): Promise<T>;
  transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T, config?: TransactionConfig): TDialect extends 'sqlite-sync' ? T : Promise<T>;
  transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T | Promise<T>, config?: TransactionConfig): T | Promise<T> {
    // Tracing wraps the whole transaction, retries included, so its statements nest under one span.
    const observation = this.session.observation;
    if (observation !== undefined) return observation.transaction(() => this.invalidatingTransaction(fn, config));
    return this.invalidatingTransaction(fn, config);
  }

  /** With `drizzle({ cache })`, the transaction's writes invalidate their tables once it commits. */
  private invalidatingTransaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T | Promise<T>, config: TransactionConfig | undefined): T | Promise<T> {
    const cache = this.session.cache;
    if (cache === undefined) return this.runTransaction(fn, config);
    type Tx = Transaction<TDialect, TRunResult, TSchema, TRelations>;
    return cachedTransaction<T>(cache, this.session, (body) => this.runTransaction(body as (tx: Tx) => T | Promise<T>, config), fn as (tx: { session: Session }) => T | Promise<T>);
  }

  private runTransaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T | Promise<T>, config: TransactionConfig | undefined): T | Promise<T> {
    // `retry` and `timeout` are sluice's, not the database's: the driver sees the rest.
    const { retry, timeout, ...begin } = config ?? {};
    const txConfig = config === undefined ? undefined : begin;
    let limitMs: number | undefined;
    if (timeout !== undefined) {
      try {
        limitMs = timeoutMs(timeout, 'transaction({ timeout })');
        if (!this.driver.cancellable) throw cannotCancel(this.session.driverName, 'transaction({ timeout })');
      } catch (e) {
        if (this.session.conn.sync) throw e;
        return Promise.reject(e);
      }
    }
    if (this.session.conn.sync) {
      // Synchronous drivers run on one connection: begin, run the callback (awaiting it if it is
      // async), then commit or roll back. They report no SQLSTATE, so nothing would be retried.
      if (retry) throw new UnsupportedError(`${this.dialect.name}: transaction({ retry }) needs a driver that reports SQLSTATEs; ${this.session.driverName ?? 'this driver'} is synchronous and reports none`);
      const body = (session: Session) => fn(new Transaction<TDialect, TRunResult, TSchema, TRelations>(session, this.driver, this.schema, 0, this.relations));
      return syncTransaction(this.session, txConfig, body, isAsyncFunction(fn));
    }
    const observation = this.session.observation;
    const gate = this.session.gate;
    const run = () =>
      this.driver.transaction(
        async (conn: DriverConnection) => {
          const session = this.session.withConnection(conn);
          if (limitMs === undefined) return fn(new Transaction<TDialect, TRunResult, TSchema, TRelations>(session, this.driver, this.schema, 0, this.relations));
          // Every statement of the transaction runs against one deadline; when it passes, the body
          // is abandoned and the driver rolls back.
          const deadline = new Deadline(limitMs);
          const limited = session.withLimits(undefined, deadline);
          try {
            return await raceDeadline(deadline, limited.conn as LimitedConnection, Promise.resolve(fn(new Transaction<TDialect, TRunResult, TSchema, TRelations>(limited, this.driver, this.schema, 0, this.relations))));
          } finally {
            deadline.clear();
          }
        },
        txConfig,
        observation && ((statement) => observation.start(statement, [])),
      );
    // On a single connection each attempt waits for the transactions before it.
    const once = gate === undefined ? run : () => gate.exclusive(run);
    if (!retry) return once();
    let policy: ReturnType<typeof retryPolicy>;
    try {
      policy = retryPolicy(retry);
    } catch (e) {
      // Bad options reject like any other failure of an awaited transaction.
      return Promise.reject(e);
    }
    return withRetry(once, policy);
  }
}

function assertTable(table: unknown, what: string): void {
  if (table instanceof Table) return;
  // `is()` also recognises a table of another copy of sluice: the CommonJS build next to the ES
  // module build (`require('sluice/pg-core')` in one file, `import` in another) gives two sets of
  // classes, and the query builders check their own.
  if (is(table, Table))
    throw new SchemaError(`db.${what}() takes a table of the same copy of sluice as the database; this one comes from another copy (sluice loaded both with require() and with import, or installed twice): load sluice one way`);
  throw new SchemaError(`db.${what}() takes a table`);
}

/** A transaction: the same API as the database, plus `rollback()` and nested transactions. */
export class Transaction<TDialect extends string, TRunResult, TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> extends Database<TDialect, TRunResult, TSchema, TRelations> {
  static override readonly [entityKind]: string = 'Transaction';

  constructor(
    session: Session,
    driver: Driver,
    schema: TSchema | undefined,
    /** How deep this transaction is nested (0 for the outermost). */
    readonly depth: number,
    relations?: TRelations,
  ) {
    super(session, driver, schema, [], relations);
  }

  /** Rolls the transaction back by throwing `TransactionRollbackError`. */
  rollback(): never {
    throw new TransactionRollbackError();
  }

  /** A nested transaction, run inside a savepoint. */
  override transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => Promise<T>): Promise<T>;
  override transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T): TDialect extends 'sqlite-sync' ? T : Promise<T>;
  override transaction<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T | Promise<T>): T | Promise<T> {
    const observation = this.session.observation;
    if (observation !== undefined) return observation.transaction(() => this.savepoint(fn));
    return this.savepoint(fn);
  }

  private savepoint<T>(fn: (tx: Transaction<TDialect, TRunResult, TSchema, TRelations>) => T | Promise<T>): T | Promise<T> {
    const d = this.dialect;
    const name = `sp${this.depth + 1}`;
    const inner = () => new Transaction<TDialect, TRunResult, TSchema, TRelations>(this.session, this.driver, this.schema, this.depth + 1, this.relations);
    if (this.session.conn.sync) {
      const release = d.releaseSavepoint(name);
      return settle(
        () => this.session.runSync(plain(d.savepoint(name))),
        () => fn(inner()),
        () => release && this.session.runSync(plain(release)),
        () => this.session.runSync(plain(d.rollbackToSavepoint(name))),
      );
    }
    return this.savepointAsync(name, () => fn(inner()) as Promise<T>);
  }

  private async savepointAsync<T>(name: string, body: () => Promise<T>): Promise<T> {
    const d = this.dialect;
    await this.session.run({ sql: d.savepoint(name), params: [] });
    let result: T;
    try {
      result = await body();
    } catch (e) {
      try {
        await this.session.run({ sql: d.rollbackToSavepoint(name), params: [] });
      } catch (failed) {
        // A deadlock or serialization failure can end the whole transaction, savepoint and all
        // (MySQL rolls it back): the error that ended it says why, and whether a retry may
        // succeed, where "savepoint does not exist" would not. Only a rollback asked for by
        // tx.rollback() reports the failure, as nothing else went wrong.
        if (e instanceof TransactionRollbackError) throw failed;
      }
      throw e;
    }
    const release = d.releaseSavepoint(name);
    if (release) await this.session.run({ sql: release, params: [] });
    return result;
  }
}

const plain = (sql: string): CompiledQuery => ({ sql, params: [], hasPlaceholders: false, mapper: undefined });

/**
 * A transaction on a synchronous driver (better-sqlite3), on the session without the gate. When
 * the connection is free it begins at once, and holds the gate only if the body turns out to be
 * asynchronous (a synchronous body ends before anything else can run). While another transaction
 * holds the connection an `async` body waits its turn; a synchronous one cannot wait and throws.
 */
function syncTransaction<T>(root: Session, config: TransactionConfig | undefined, fn: (session: Session) => T | Promise<T>, async: boolean): T | Promise<T> {
  const session = root.ungated();
  const d = root.renderer.dialect;
  const run = (statement: string) => () => session.runSync(plain(statement));
  const gate = root.gate;
  if (gate === undefined) return settle(run(d.begin(config)), () => fn(session), run(d.commit()), run(d.rollback()));
  if (!gate.idle()) {
    if (gate.held && !async) throw transactionOpenError(`${root.driverName ?? d.name}: db.transaction() with a synchronous callback`);
    if (async) return gate.exclusive(() => settle(run(d.begin(config)), () => fn(session), run(d.commit()), run(d.rollback())));
  }
  let taken = false;
  const body = () => {
    const result = fn(session);
    if (result && typeof (result as Promise<T>).then === 'function') {
      gate.take();
      taken = true;
    }
    return result;
  };
  const result = settle(run(d.begin(config)), body, run(d.commit()), run(d.rollback()));
  if (!taken) return result;
  return (result as Promise<T>).finally(() => gate.release());
}

/**
 * Runs a synchronous transaction body: `begin`, then `body` (awaited when it returns a promise),
 * then `commit`, or `rollback` and rethrow on any error.
 */
function settle<T>(begin: () => unknown, body: () => T | Promise<T>, commit: () => unknown, rollback: () => unknown): T | Promise<T> {
  begin();
  let result: T | Promise<T>;
  try {
    result = body();
  } catch (e) {
    rollback();
    throw e;
  }
  if (result && typeof (result as Promise<T>).then === 'function') {
    return (result as Promise<T>).then(
      (v) => {
        commit();
        return v;
      },
      (e: unknown) => {
        rollback();
        throw e;
      },
    );
  }
  commit();
  return result;
}

/**
 * Runs `fn` between the dialect's begin and commit on one connection, rolling back on any throw.
 * Drivers without a transaction primitive of their own use this.
 */
export async function runInTransaction<T>(conn: DriverConnection, dialect: Dialect, config: TransactionConfig | undefined, fn: (conn: DriverConnection) => Promise<T>, log?: TransactionLog): Promise<T> {
  // The statements that begin and end the transaction go to the logger, and fail, like any other.
  const send = (statement: string) => transactionStatement(statement, log, () => conn.execute(statement, []));
  const begin = dialect.begin(config);
  const before = dialect.beforeBegin?.(config);
  if (before) await send(before);
  await send(begin);
  let result: T;
  try {
    result = await fn(conn);
  } catch (e) {
    try {
      await send(dialect.rollback());
    } catch {
      // The statement that failed matters more than a rollback on a broken connection; the
      // server rolls back an open transaction when that connection ends anyway.
    }
    throw e;
  }
  await send(dialect.commit());
  return result;
}
