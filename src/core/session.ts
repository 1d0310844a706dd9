import { type ConnectionGate, transactionOpenError } from './connection-gate.js';
import type { TransactionConfig } from './dialect.js';
import { SluiceError, SluiceQueryError, SluiceTimeoutError, UnsupportedError } from './errors.js';
import type { Observation, QueryEnd } from './observe.js';
import { fillPlaceholders, type Query, type Renderer } from './render.js';
import type { PreparedMapper } from './selection.js';
import { cannotCancel, type Deadline, LimitedConnection } from './timeout.js';

export { DefaultLogger, type Logger, type QueryLogEvent } from './observe.js';

/**
 * Told each statement a driver sends to begin or end a transaction; what it returns is called
 * once that statement has ended (the database's observer, see `Observation`).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a plain `(statement) => void` callback (nothing to end) is a log too.
export type TransactionLog = (statement: string) => QueryEnd | undefined | void;

/**
 * What a driver provides: statements on one connection (or a pool). Rows for mapped queries come
 * back as arrays in select-list order, so duplicate column names across joins never collide.
 */
export interface DriverConnection {
  /**
   * Runs a statement and returns its rows as arrays. `name` is given for prepared queries: a
   * driver with server-side prepared statements may prepare it once per connection under it.
   */
  arrays(sql: string, params: unknown[], name?: string): Promise<unknown[][]>;
  /** Runs a statement and returns the driver's own result (for `db.execute` and writes without returning). */
  execute(sql: string, params: unknown[]): Promise<unknown>;
  /** Drivers that run statements synchronously (better-sqlite3) expose the same calls here. */
  readonly sync?: SyncConnection;
  /**
   * Streams a row-returning statement's rows as arrays without holding the whole result; ending
   * the iteration early frees whatever the statement holds. Absent on drivers that cannot stream.
   */
  iterate?(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined>;
  /**
   * The run result of a statement sluice ran in parts (an insert split under the parameter limit),
   * in the driver's own shape with the affected rows summed. Absent: the last part's result.
   */
  combineRuns?(results: unknown[]): unknown;
  /**
   * Runs `run` (one statement, through the connection it is given) so that it can be cancelled:
   * once `expired` settles, the driver cancels that statement on the server, on whichever
   * connection it runs (a pool takes one for the call), and leaves the connection usable or
   * discards it. Query and transaction timeouts need it; absent on drivers that cannot cancel.
   */
  cancellable?<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T>;
}

export interface SyncConnection {
  arrays(sql: string, params: unknown[]): unknown[][];
  execute(sql: string, params: unknown[]): unknown;
  /** A statement prepared once, which a prepared query keeps so repeated runs skip every lookup. */
  prepare?(sql: string): SyncStatement;
}

export interface SyncStatement {
  arrays(params: unknown[]): unknown[][];
  /** The first row as an array, or undefined; lets `.get()` stop at one row. */
  first?(params: unknown[]): unknown[] | undefined;
  execute(params: unknown[]): unknown;
}

export interface Driver extends DriverConnection {
  /** The driver's entry point (`pglite`, `node-postgres`, ...), for errors that name it. */
  readonly driverName?: string;
  /**
   * True when the driver has one connection rather than a pool: the database then queues its
   * transactions, and statements sent outside them wait while one is open (see `ConnectionGate`).
   */
  readonly singleConnection?: boolean;
  /**
   * Runs `fn` on one dedicated connection inside a transaction. The driver may use its client's own
   * transaction primitive; `begin` and the statements to end it come from the dialect. `log`
   * receives each statement the driver sends to begin or end it (the database's logger and
   * tracing); `transactionStatement` and `driverManagedTransaction` report their ends.
   */
  transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T>;
  /**
   * The rows the driver's own run result reports (affected by a write, or returned by a
   * statement run through `db.execute`), for loggers and tracing; undefined when it has none.
   */
  rowCount?(result: unknown): number | undefined;
  /** The database name, host and port from the client's configuration, for tracing; read once. */
  describe?(): { namespace?: string; host?: string; port?: number };
}

/** A statement ready to run: its SQL, parameters and (for row-returning ones) its mapper. */
export interface CompiledQuery extends Query {
  hasPlaceholders: boolean;
  mapper: PreparedMapper | undefined;
  /** The driver's prepared statement, kept here when the compiled query is reused. */
  stmt?: SyncStatement;
  /** The prepared query's name, for drivers that prepare statements on the server by name. */
  name?: string;
}

const ARRAYS = 0;
const FIRST = 1;
const EXECUTE = 2;
type SyncCall = typeof ARRAYS | typeof FIRST | typeof EXECUTE;

/** A failed statement as sluice reports it: a timeout as itself, anything else with its SQL. */
/** Runs compiled statements on a connection, with logging and error wrapping. */
export class Session {
  /** The time limits on this session's statements (`queryTimeout`, `.timeout()`, a transaction's `timeout`). */
  limits: { statementMs: number | undefined; deadline: Deadline | undefined } | undefined;
  /** The connection under the limits, which `withLimits()` wraps afresh. */
  private unlimited: DriverConnection | undefined;

  constructor(
    readonly renderer: Renderer,
    readonly conn: DriverConnection,
    /** The database's logger and tracing as one observer; undefined when it has neither. */
    readonly observation: Observation | undefined,
    /** The driver's name, for errors about what it cannot do. */
    readonly driverName?: string,
    /** Whether a failed statement's error message shows its parameter values (a logger prints them anyway). */
    readonly showParams: boolean = false,
    /** Set on the root session of a single-connection driver; a transaction's session has none. */
    readonly gate?: ConnectionGate,
  ) {}

  private inner: Session | undefined;

  /** The same connection without the gate: what a synchronous driver's transaction runs on. */
  ungated(): Session {
    if (this.gate === undefined) return this;
    this.inner ??= new Session(this.renderer, this.conn, this.observation, this.driverName, this.showParams);
    return this.inner;
  }

  /**
   * The error for a failed statement, its parameter values shown only if this session shows them.
   * An expired time limit passes through as the `SluiceTimeoutError` it is.
   */
  queryError(sql: string, params: unknown[], cause: unknown): SluiceError {
    if (cause instanceof SluiceTimeoutError) return cause;
    return new SluiceQueryError(sql, params, cause, { showParams: this.showParams });
  }

  private params(q: CompiledQuery, values: Record<string, unknown> | undefined): unknown[] {
    return q.hasPlaceholders ? fillPlaceholders(q.params, values) : q.params;
  }

  /** Runs a row-returning statement and maps each row. */
  all(q: CompiledQuery, values?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const gate = this.gate;
    // A synchronous driver answers at once: one resolved promise instead of a chain of them.
    if (this.conn.sync) {
      if (gate?.held) return gate.shared(() => this.allSync(q, values));
      try {
        return Promise.resolve(this.allSync(q, values));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (gate !== undefined) return gate.shared(() => this.allAsync(q, values));
    return this.allAsync(q, values);
  }

  private async allAsync(q: CompiledQuery, values?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const params = this.params(q, values);
    let rows: unknown[][];
    if (this.observation !== undefined) rows = await this.observed(this.observation, q.sql, params, () => this.conn.arrays(q.sql, params, q.name), rowsIn);
    else {
      try {
        rows = await this.conn.arrays(q.sql, params, q.name);
      } catch (e) {
        throw this.queryError(q.sql, params, e);
      }
    }
    const m = q.mapper!;
    const fn = m.fn;
    const d = m.decoders;
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = fn(rows[i]!, d);
    return out;
  }

  /**
   * Runs `run` between the observer's start and end: the end gets the row count, or the error as
   * sluice throws it (which is what this rejects with).
   */
  private async observed<T>(observation: Observation, sql: string, params: unknown[], run: () => Promise<T>, count: (result: T) => number | undefined, affected?: boolean): Promise<T> {
    const end = observation.start(sql, params);
    let result: T;
    try {
      result = await run();
    } catch (e) {
      const error = this.queryError(sql, params, e);
      end?.({ rowCount: undefined, error });
      throw error;
    }
    if (end !== undefined) end(affected ? { rowCount: count(result), affected } : { rowCount: count(result) });
    return result;
  }

  /**
   * Streams a row-returning statement and maps each row as it arrives. Drivers that cannot stream
   * reject it by name.
   */
  iterate(q: CompiledQuery, values?: Record<string, unknown>): AsyncGenerator<Record<string, unknown>, void, undefined> {
    return this.gate === undefined ? this.stream(q, values) : this.gatedStream(this.gate, q, values);
  }

  /** A stream on a single connection keeps it from transactions until the iteration ends. */
  private async *gatedStream(gate: ConnectionGate, q: CompiledQuery, values?: Record<string, unknown>): AsyncGenerator<Record<string, unknown>, void, undefined> {
    let release!: () => void;
    const ended = new Promise<void>((resolve) => {
      release = resolve;
    });
    await new Promise<void>((entered) => {
      void gate.shared(() => {
        entered();
        return ended;
      });
    });
    try {
      yield* this.stream(q, values);
    } finally {
      release();
    }
  }

  private async *stream(q: CompiledQuery, values?: Record<string, unknown>): AsyncGenerator<Record<string, unknown>, void, undefined> {
    const conn = this.conn;
    if (!conn.iterate) {
      throw new UnsupportedError(`${this.driverName ?? this.renderer.dialect.name}: .iterator() is not supported by this driver; it streams rows on node-postgres, postgres-js and mysql2`);
    }
    if (!q.mapper) throw new SluiceError('.iterator() needs a query that returns rows');
    const params = this.params(q, values);
    // A stream is observed from its start to its end, however it ends, with the rows it yielded.
    const end = this.observation?.start(q.sql, params);
    let streamed = 0;
    let failure: SluiceError | undefined;
    const { fn, decoders } = q.mapper;
    try {
      let rows: AsyncGenerator<unknown[], void, undefined>;
      try {
        rows = conn.iterate(q.sql, params);
      } catch (e) {
        throw (failure = this.queryError(q.sql, params, e));
      }
      // Driver failures carry the statement; an error thrown by the loop's body is not one of them.
      while (true) {
        let next: IteratorResult<unknown[], void>;
        try {
          next = await rows.next();
        } catch (e) {
          throw (failure = this.queryError(q.sql, params, e));
        }
        if (next.done) return;
        streamed++;
        let done = true;
        try {
          yield fn(next.value, decoders);
          done = false;
        } finally {
          // The consumer stopped early (break, return or throw): let the driver free the statement.
          if (done) await rows.return(undefined);
        }
      }
    } finally {
      if (end !== undefined) end(failure === undefined ? { rowCount: streamed } : { rowCount: undefined, error: failure });
    }
  }

  /** Runs a statement and returns the driver's result. */
  run(q: CompiledQuery | Query, values?: Record<string, unknown>): Promise<unknown> {
    const gate = this.gate;
    if (gate !== undefined && (gate.held || !this.conn.sync)) return gate.shared(() => this.runNow(q, values));
    return this.runNow(q, values);
  }

  private async runNow(q: CompiledQuery | Query, values?: Record<string, unknown>): Promise<unknown> {
    const params = 'hasPlaceholders' in q && q.hasPlaceholders ? fillPlaceholders(q.params, values) : q.params;
    const observation = this.observation;
    if (observation !== undefined)
      return this.observed(
        observation,
        q.sql,
        params,
        () => this.conn.execute(q.sql, params),
        (r) => observation.runRows(r),
        true,
      );
    try {
      return await this.conn.execute(q.sql, params);
    } catch (e) {
      throw this.queryError(q.sql, params, e);
    }
  }

  /** The synchronous connection, or an error naming the dialect when the driver has none. */
  private syncConn(): SyncConnection {
    const sync = this.conn.sync;
    if (!sync) throw new SluiceError(`${this.renderer.dialect.name}: this driver runs statements asynchronously; await the query instead`);
    if (this.gate?.held) throw transactionOpenError(this.driverName ?? this.renderer.dialect.name);
    return sync;
  }

  /** Runs a row-returning statement synchronously and maps each row. */
  allSync(q: CompiledQuery, values?: Record<string, unknown>): Record<string, unknown>[] {
    const rows = this.syncCall(q, values, ARRAYS) as unknown[][];
    const { fn, decoders } = q.mapper!;
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = fn(rows[i]!, decoders);
    return out;
  }

  /** Runs a row-returning statement synchronously and maps its first row only. */
  firstSync(q: CompiledQuery, values?: Record<string, unknown>): Record<string, unknown> | undefined {
    const row = this.syncCall(q, values, FIRST) as unknown[] | undefined;
    return row === undefined ? undefined : q.mapper!.fn(row, q.mapper!.decoders);
  }

  /** Runs a statement synchronously and returns the driver's result. */
  runSync(q: CompiledQuery, values?: Record<string, unknown>): unknown {
    return this.syncCall(q, values, EXECUTE);
  }

  /** Runs a statement synchronously and returns its rows as arrays, undecoded. */
  valuesSync(q: CompiledQuery, values?: Record<string, unknown>): unknown[][] {
    return this.syncCall(q, values, ARRAYS) as unknown[][];
  }

  /** Logs, runs on the synchronous connection, and wraps a driver failure with its SQL. */
  private syncCall(q: CompiledQuery, values: Record<string, unknown> | undefined, what: SyncCall): unknown {
    const conn = this.syncConn();
    const params = this.params(q, values);
    if (this.observation !== undefined) return this.syncObserved(this.observation, conn, q, params, what);
    try {
      const stmt: SyncStatement = q.stmt ?? (conn.prepare ? conn.prepare(q.sql) : { arrays: (p: unknown[]) => conn.arrays(q.sql, p), execute: (p: unknown[]) => conn.execute(q.sql, p) });
      // A switch rather than a callback per kind keeps this call site monomorphic.
      switch (what) {
        case ARRAYS:
          return stmt.arrays(params);
        case FIRST:
          return stmt.first ? stmt.first(params) : stmt.arrays(params)[0];
        default:
          return stmt.execute(params);
      }
    } catch (e) {
      throw this.queryError(q.sql, params, e);
    }
  }

  /** `syncCall` between the observer's start and end. */
  private syncObserved(observation: Observation, conn: SyncConnection, q: CompiledQuery, params: unknown[], what: SyncCall): unknown {
    const end = observation.start(q.sql, params);
    let result: unknown;
    try {
      const stmt: SyncStatement = q.stmt ?? (conn.prepare ? conn.prepare(q.sql) : { arrays: (p: unknown[]) => conn.arrays(q.sql, p), execute: (p: unknown[]) => conn.execute(q.sql, p) });
      result = what === ARRAYS ? stmt.arrays(params) : what === FIRST ? (stmt.first ? stmt.first(params) : stmt.arrays(params)[0]) : stmt.execute(params);
    } catch (e) {
      const error = this.queryError(q.sql, params, e);
      end?.({ rowCount: undefined, error });
      throw error;
    }
    if (end !== undefined) {
      if (what === EXECUTE) end({ rowCount: observation.runRows(result), affected: true });
      else end({ rowCount: what === ARRAYS ? (result as unknown[][]).length : result === undefined ? 0 : 1 });
    }
    return result;
  }

  /**
   * Starts observing the statements of a batch sent as one (libsql's `batch()`); the function it
   * returns ends each with its result, or all with the batch's error. Undefined when unobserved.
   */
  observeBatch(queries: readonly Query[]): ((results: readonly unknown[] | undefined, error?: unknown) => void) | undefined {
    const observation = this.observation;
    if (observation === undefined) return undefined;
    const ends = queries.map((q) => observation.start(q.sql, q.params));
    return (results, error) => {
      for (let i = 0; i < ends.length; i++) ends[i]?.(results === undefined ? { rowCount: undefined, error } : { rowCount: observation.runRows(results[i]) });
    };
  }

  /** Runs a statement and returns raw array rows (no mapping). */
  rawArrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    const gate = this.gate;
    if (gate !== undefined && (gate.held || !this.conn.sync)) return gate.shared(() => this.rawArraysNow(sql, params));
    return this.rawArraysNow(sql, params);
  }

  private async rawArraysNow(sql: string, params: unknown[]): Promise<unknown[][]> {
    if (this.observation !== undefined) return this.observed(this.observation, sql, params, () => this.conn.arrays(sql, params), rowsIn);
    try {
      return await this.conn.arrays(sql, params);
    } catch (e) {
      throw this.queryError(sql, params, e);
    }
  }

  withConnection(conn: DriverConnection): Session {
    const session = new Session(this.renderer, conn, this.observation, this.driverName, this.showParams);
    // A transaction's statements keep the database's query timeout.
    const statementMs = this.limits?.statementMs;
    return statementMs === undefined ? session : session.withLimits(statementMs, undefined);
  }

  /**
   * The same session with its statements limited: each to `statementMs` (replacing the limit it
   * had), and all of them to `deadline` (a transaction's), keeping the limits not given. A root
   * session keeps its gate.
   */
  withLimits(statementMs: number | undefined, deadline: Deadline | undefined): Session {
    const conn = this.unlimited ?? this.conn;
    if (!conn.cancellable) throw cannotCancel(this.driverName, statementMs !== undefined ? '.timeout()' : 'transaction({ timeout })');
    const limits = { statementMs: statementMs ?? this.limits?.statementMs, deadline: deadline ?? this.limits?.deadline };
    const session = new Session(this.renderer, new LimitedConnection(conn, limits.statementMs, limits.deadline, this.driverName), this.observation, this.driverName, this.showParams, this.gate);
    session.unlimited = conn;
    session.limits = limits;
    return session;
  }
}

/**
 * Runs a statement that begins or ends a transaction (`begin`, `commit`, `rollback`, ...): logged
 * like any other statement, and its failure a {@link SluiceQueryError} that names it.
 */
export async function transactionStatement<T>(statement: string, log: TransactionLog | undefined, run: () => Promise<T>): Promise<T> {
  const end = log?.(statement);
  let result: T;
  try {
    result = await run();
  } catch (e) {
    const error = new SluiceQueryError(statement, [], e);
    if (end) end({ rowCount: undefined, error });
    throw error;
  }
  if (end) end({ rowCount: undefined });
  return result;
}

/**
 * A transaction the driver begins and ends inside its own API (PGlite's `transaction()`,
 * postgres.js's `begin()` without `reserve`): its `begin` and `commit` or `rollback` are logged
 * like statements sluice sends, and a failure that did not come from the body (the driver's own
 * begin or commit) becomes a {@link SluiceQueryError} naming that statement. What the body throws
 * passes through unchanged.
 */
export async function driverManagedTransaction<T>(begin: string, log: TransactionLog | undefined, open: (body: () => Promise<T>) => Promise<T>, body: () => Promise<T>): Promise<T> {
  // The driver's begin has ended when the body is entered; its commit or rollback when `open` settles.
  let end = log?.(begin);
  let entered = false;
  let bodyFailed = false;
  let result: T;
  try {
    result = await open(async () => {
      entered = true;
      if (end) end({ rowCount: undefined });
      let result: T;
      try {
        result = await body();
      } catch (e) {
        bodyFailed = true;
        end = log?.('rollback');
        throw e;
      }
      // The driver commits when this resolves.
      end = log?.('commit');
      return result;
    });
  } catch (e) {
    if (bodyFailed) {
      if (end) end({ rowCount: undefined });
      throw e;
    }
    const error = new SluiceQueryError(entered ? 'commit' : begin, [], e);
    if (end) end({ rowCount: undefined, error });
    throw error;
  }
  if (end) end({ rowCount: undefined });
  return result;
}

/** The rows a driver returned, for observers. */
const rowsIn = (rows: unknown[][]): number => rows.length;
