import { cacheIsSync, runCached, runCachedSync, type Cacheable, type CacheTables } from './cache-run.js';
import { entityKind } from './entity.js';
import { SluiceError } from './errors.js';
import { fillPlaceholders, PlaceholderSlot, RenderContext, type Query, type RenderableQuery, type Renderer } from './render.js';
import type { CompiledQuery, Session } from './session.js';
import { Placeholder } from './sql.js';
import { timeoutMs } from './timeout.js';

/**
 * The base of every statement builder: awaiting it runs it; `toSQL()` shows it; `prepare()`
 * renders it once for repeated execution with placeholders.
 */
/** SQLite's type tags: `sqlite-sync` for drivers that run statements synchronously. */
export type SQLiteTag = 'sqlite' | 'sqlite-sync';
/** A value now on a synchronous SQLite driver, a promise of it elsewhere. */
export type MaybeSync<TDialect extends string, T> = TDialect extends 'sqlite-sync' ? T : Promise<T>;
/** The receiver of the SQLite-only methods: a statement of SQLite's, whichever methods its type omits. */
type OnSQLite = { readonly _dialect: SQLiteTag };
/**
 * Raw SQL that runs when awaited and can be handed to `db.batch([...])` with other statements
 * (`db.all(...)` on an asynchronous SQLite driver).
 */
export interface BatchableRaw<TResult> extends PromiseLike<TResult> {
  readonly _result: TResult;
  /** @internal */
  _compile(): CompiledQuery;
  /** @internal */
  _executeOn(session: Session, q: CompiledQuery): Promise<TResult>;
  /** The SQL text and parameters. */
  toSQL(): { sql: string; params: unknown[] };
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<TResult | R>;
  finally(onfinally?: (() => void) | null): Promise<TResult>;
}
/** Raw SQL's value now on a synchronous SQLite driver, a batchable raw statement elsewhere. */
export type MaybeSyncRaw<TDialect extends string, T> = TDialect extends 'sqlite-sync' ? T : BatchableRaw<T>;
type RowsOf<T> = T extends readonly unknown[] ? T : never[];
type RowOf<T> = T extends readonly (infer R)[] ? R : never;

export abstract class QueryBase<TResult, TDialect extends string = string, TRunResult = unknown> implements PromiseLike<TResult>, RenderableQuery {
  static readonly [entityKind]: string = 'QueryBase';
  declare readonly _result: TResult;
  declare readonly _dialect: TDialect;
  /** @internal `.timeout(ms)`: the limit on this statement, replacing the database's `queryTimeout`. */
  protected _timeoutMs: number | undefined;

  constructor(protected readonly session: Session | undefined) {}

  /**
   * The most milliseconds this statement may run (a sluice extension), replacing
   * `drizzle({ queryTimeout })` for it. When it expires the statement is cancelled on the server
   * and the query rejects with a `SluiceTimeoutError` carrying its SQL; the connection stays
   * usable. Needs a driver that can cancel a statement (node-postgres, postgres-js, mysql2);
   * others reject the query with an `UnsupportedError` naming the driver.
   *
   * @example
   * const rows = await db.select().from(reports).where(eq(reports.year, 2024)).timeout(2_000);
   */
  timeout(ms: number): this {
    this._timeoutMs = timeoutMs(ms, '.timeout()');
    return this;
  }

  /** The session the statement runs on: with its own time limit when `.timeout()` gave one. */
  protected timedSession(): Session {
    const session = this.requireSession();
    return this._timeoutMs === undefined ? session : session.withLimits(this._timeoutMs, undefined);
  }

  /** @internal Renders the statement into a context. */
  abstract _render(r: Renderer, ctx: RenderContext, named: boolean): void;

  /** @internal Runs a compiled statement and shapes its result. */
  protected abstract _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined): Promise<TResult>;

  /**
   * @internal The same as `_run` on a synchronous driver, returning the value itself. Awaiting a
   * query on such a driver then settles without the extra promises and ticks of `_run`.
   */
  protected _runSync?(session: Session, q: CompiledQuery, values?: Record<string, unknown>): TResult;

  /**
   * @internal The tables the statement reads and writes, for `drizzle({ cache })`; absent on
   * statements the cache ignores.
   */
  _cacheTables?(acc: CacheTables): void;

  /** @internal Whether `.iterator()` may stream this statement (selects do). */
  protected _streams(): boolean {
    return false;
  }

  /** @internal Extra compile output (the row mapper) for row-returning statements. */
  protected _mapper(_r: Renderer): CompiledQuery['mapper'] {
    return undefined;
  }

  protected requireSession(): Session {
    if (!this.session) throw new SluiceError('This query is not attached to a database; build it from `db`');
    return this.session;
  }

  /** @internal */
  _compile(r: Renderer): CompiledQuery {
    const ctx = new RenderContext();
    this._render(r, ctx, false);
    return { sql: ctx.s, params: ctx.params, hasPlaceholders: ctx.hasPlaceholders, mapper: this._mapper(r) };
  }

  /** @internal Runs an already compiled statement on a given session (batches, replays). */
  _executeOn(session: Session, q: CompiledQuery): Promise<TResult> {
    return this._run(session, q, undefined);
  }

  /** The SQL text and parameters this builder produces. */
  toSQL(): Query {
    const q = this._compile(this.requireSession().renderer);
    return { sql: q.sql, params: q.params.map((p) => (p instanceof PlaceholderSlot ? new Placeholder(p.name) : p)) };
  }

  /** Runs the statement; `values` fill `sql.placeholder()` slots. */
  execute(values?: Record<string, unknown>): Promise<TResult> {
    let session: Session;
    let q: CompiledQuery;
    try {
      session = this.timedSession();
    } catch (e) {
      return Promise.reject(e);
    }
    try {
      q = this._compile(session.renderer);
    } catch (e) {
      return Promise.reject(e);
    }
    // `drizzle({ cache })`: without one, this is the only thing a query pays for the feature.
    const cache = this.session!.cache;
    if (cache !== undefined) return runCached(this as Cacheable, cache, session, q, values, () => this._run(session, q, values));
    return this._run(session, q, values);
  }

  /** Renders once; the returned statement runs with new placeholder values each time. */
  prepare(name?: string): PreparedQuery<TResult, TDialect, TRunResult> {
    const session = this.timedSession();
    const q = this._compile(session.renderer);
    if (name !== undefined) q.name = name;
    const cache = this.session!.cache;
    if (cache !== undefined) {
      // The cache is looked up per run, with that run's placeholder values.
      const self = this as Cacheable;
      const runSync = this._runSync === undefined ? undefined : (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => runCachedSync(self, cache, s, q, v, () => this._runSync!(s, q, v));
      const prepared = new PreparedQuery<TResult, TDialect, TRunResult>(name, q, (s, q, v) => runCached(self, cache, s, q, v, () => this._run(s, q, v)), session, this._streams(), runSync);
      prepared.source = self;
      return prepared;
    }
    const runSync = this._runSync === undefined ? undefined : (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => this._runSync!(s, q, v);
    return new PreparedQuery<TResult, TDialect, TRunResult>(name, q, (s, q, v) => this._run(s, q, v), session, this._streams(), runSync);
  }

  /** SQLite: every row (synchronously on better-sqlite3). */
  all(this: OnSQLite, values?: Record<string, unknown>): MaybeSync<TDialect, RowsOf<TResult>>;
  all(values?: Record<string, unknown>): unknown {
    const session = this.requireSession();
    return sqliteAll(session, this._compile(session.renderer), values, session.cache && this);
  }

  /** SQLite: the first row, or `undefined` (synchronously on better-sqlite3). */
  get(this: OnSQLite, values?: Record<string, unknown>): MaybeSync<TDialect, RowOf<TResult> | undefined>;
  get(values?: Record<string, unknown>): unknown {
    const session = this.requireSession();
    return sqliteGet(session, this._compile(session.renderer), values, session.cache && this);
  }

  /** SQLite: rows as arrays of undecoded values, in select-list order. */
  values(this: OnSQLite, values?: Record<string, unknown>): MaybeSync<TDialect, unknown[][]>;
  values(values?: Record<string, unknown>): unknown {
    const session = this.requireSession();
    return sqliteValues(session, this._compile(session.renderer), values);
  }

  /** SQLite: runs the statement and returns the driver's result (changes, last insert id). */
  run(this: OnSQLite, values?: Record<string, unknown>): MaybeSync<TDialect, TRunResult>;
  run(values?: Record<string, unknown>): unknown {
    const session = this.requireSession();
    return sqliteRun(session, this._compile(session.renderer), values, session.cache && this);
  }

  // biome-ignore lint/suspicious/noThenProperty: queries are thenables on purpose: `await db.select()...` runs them, as in Drizzle
  then<R1 = TResult, R2 = never>(onfulfilled?: ((value: TResult) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    const session = this.session;
    // While a transaction holds a synchronous driver's connection, execute() waits for it to end.
    if (session !== undefined && session.conn.sync !== undefined && this._runSync !== undefined && !session.gate?.held && this._timeoutMs === undefined) {
      // A synchronous driver has the result now: hand it on directly.
      const cache = session.cache;
      if (cache !== undefined && !cacheIsSync(cache)) return this.execute().then(onfulfilled, onrejected);
      let value: TResult;
      try {
        const q = this._compile(session.renderer);
        value = cache === undefined ? this._runSync(session, q) : runCachedSync(this as Cacheable, cache, session, q, undefined, () => this._runSync!(session, q));
      } catch (e) {
        return Promise.reject(e).then(onfulfilled, onrejected);
      }
      if (!onfulfilled) return Promise.resolve(value as unknown as R1);
      try {
        return Promise.resolve(onfulfilled(value));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.execute().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<TResult | R> {
    return this.execute().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.execute().finally(onfinally);
  }
}

/**
 * The same builder object under the type that records its new state. Builders keep some state only
 * in type parameters (that `overridingSystemValue()` or `returning()` was called, which methods the
 * dialect offers), so a method that changes that state returns itself re-typed: this is the one
 * place that conversion is written.
 */
export function withBuilderState<TNext extends object>(builder: object): TNext {
  return builder as TNext;
}

/** A statement rendered once, run many times. */
export class PreparedQuery<TResult, TDialect extends string = string, TRunResult = unknown> {
  static readonly [entityKind] = 'PreparedQuery';
  constructor(
    readonly name: string | undefined,
    readonly query: CompiledQuery,
    private readonly runner: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => Promise<TResult>,
    private readonly session: Session,
    /** Whether the statement is a select, which `.iterator()` may stream. */
    private readonly streams = false,
    /** The synchronous run, for drivers that have one (better-sqlite3). */
    protected readonly runSync?: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => TResult,
  ) {}

  /** @internal The builder, when the database has a cache: `.all()`, `.get()` and `.run()` go through it. */
  source: Cacheable | undefined;

  /**
   * Runs with values for the placeholders. On better-sqlite3 the statement runs now and the
   * promise also offers `sync()`, which returns the same result (Drizzle's
   * `prepared.execute(values).sync()`).
   */
  execute(values?: Record<string, unknown>): TDialect extends 'sqlite-sync' ? Promise<TResult> & { sync(): TResult } : Promise<TResult>;
  execute(values?: Record<string, unknown>): Promise<TResult> | (Promise<TResult> & { sync(): TResult }) {
    if (this.runSync === undefined || !this.session.conn.sync) return this.runner(this.session, this.bound(), values);
    if (this.session.gate?.held) {
      // A transaction holds the connection: the promise waits for it, sync() cannot.
      const waiting = this.runner(this.session, this.bound(), values);
      return Object.assign(waiting, { sync: () => this.runSync!(this.session, this.bound(), values) });
    }
    let value: TResult;
    try {
      value = this.runSync(this.session, this.bound(), values);
    } catch (e) {
      const failed = Promise.reject(e);
      // Marked handled: a caller may only ever call sync(), which rethrows.
      failed.catch(() => undefined);
      const rethrow = (): TResult => {
        throw e;
      };
      return Object.assign(failed, { sync: rethrow });
    }
    return Object.assign(Promise.resolve(value), { sync: () => value });
  }

  /** The query with the driver's own prepared statement kept on it (synchronous drivers offer one). */
  protected bound(): CompiledQuery {
    const sync = this.session.conn.sync;
    if (sync?.prepare && this.query.stmt === undefined) this.query.stmt = sync.prepare(this.query.sql);
    return this.query;
  }

  /**
   * Streams the rows of a prepared select, mapped as `execute()` maps them, without loading them
   * all (node-postgres through a cursor, mysql2 through the protocol's row stream).
   *
   * @example
   * const byAge = db.select().from(users).where(gt(users.age, sql.placeholder('age'))).prepare();
   * for await (const user of byAge.iterator({ age: 18 })) console.log(user.name);
   */
  iterator(this: PreparedQuery<TResult, 'pg' | 'cockroach' | 'mysql' | 'mssql', TRunResult>, values?: Record<string, unknown>): AsyncGenerator<RowOf<TResult>, void, undefined> {
    if (!this.streams) throw new SluiceError('.iterator() streams the rows of selects only');
    return this.session.iterate(this.query, values) as AsyncGenerator<RowOf<TResult>, void, undefined>;
  }

  getQuery(): Query {
    return { sql: this.query.sql, params: this.query.params };
  }

  /** SQLite: every row (synchronously on better-sqlite3). */
  all(this: PreparedQuery<TResult, SQLiteTag, TRunResult>, values?: Record<string, unknown>): MaybeSync<TDialect, RowsOf<TResult>>;
  all(values?: Record<string, unknown>): unknown {
    return sqliteAll(this.session, this.bound(), values, this.source);
  }
  /** SQLite: the first row, or `undefined`. */
  get(this: PreparedQuery<TResult, SQLiteTag, TRunResult>, values?: Record<string, unknown>): MaybeSync<TDialect, RowOf<TResult> | undefined>;
  get(values?: Record<string, unknown>): unknown {
    return sqliteGet(this.session, this.bound(), values, this.source);
  }
  /** SQLite: rows as arrays of undecoded values. */
  values(this: PreparedQuery<TResult, SQLiteTag, TRunResult>, values?: Record<string, unknown>): MaybeSync<TDialect, unknown[][]>;
  values(values?: Record<string, unknown>): unknown {
    return sqliteValues(this.session, this.bound(), values);
  }
  /** SQLite: runs the statement and returns the driver's result. */
  run(this: PreparedQuery<TResult, SQLiteTag, TRunResult>, values?: Record<string, unknown>): MaybeSync<TDialect, TRunResult>;
  run(values?: Record<string, unknown>): unknown {
    return sqliteRun(this.session, this.bound(), values, this.source);
  }
}

// The SQLite execution helpers: synchronous where the driver is, promises elsewhere. `cached`
// is the builder when the database has a cache, which reads and writes then go through.
function sqliteAll(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, cached?: Cacheable): unknown {
  if (!q.mapper) return session.conn.sync ? [] : Promise.resolve([]);
  const state = cached && session.cache;
  if (state) {
    if (session.conn.sync) return runCachedSync(cached, state, session, q, values, () => session.allSync(q, values), '', false);
    return runCached(cached, state, session, q, values, () => session.all(q, values), '', false);
  }
  return session.conn.sync ? session.allSync(q, values) : session.all(q, values);
}
function sqliteGet(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, cached?: Cacheable): unknown {
  if (!q.mapper) throw new SluiceError('get() needs a query that returns rows');
  const state = cached && session.cache;
  if (state) {
    if (session.conn.sync) return runCachedSync(cached, state, session, q, values, () => session.firstSync(q, values), 'get', true);
    return runCached(cached, state, session, q, values, () => session.all(q, values).then((rows) => rows[0]), 'get', true);
  }
  if (session.conn.sync) return session.firstSync(q, values);
  return session.all(q, values).then((rows) => rows[0]);
}
function sqliteValues(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined): unknown {
  if (session.conn.sync) return session.valuesSync(q, values);
  return session.rawArrays(q.sql, q.hasPlaceholders ? fillPlaceholders(q.params, values) : q.params);
}
function sqliteRun(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, cached?: Cacheable): unknown {
  const state = cached && session.cache;
  if (state) {
    // A write invalidates its tables; a select run for its side effects is not cached.
    if (session.conn.sync) return runCachedSync({ _cacheTables: cached._cacheTables?.bind(cached) }, { ...state, all: false }, session, q, values, () => session.runSync(q, values));
    return runCached({ _cacheTables: cached._cacheTables?.bind(cached) }, { ...state, all: false }, session, q, values, () => session.run(q, values));
  }
  return session.conn.sync ? session.runSync(q, values) : session.run(q, values);
}
