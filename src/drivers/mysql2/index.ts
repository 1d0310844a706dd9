import mysql, { type Connection, type FieldPacket, type Pool, type PoolConnection, type PoolOptions, type ResultSetHeader } from 'mysql2/promise';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import { runInTransaction, type Database } from '../../core/database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError, UnsupportedError } from '../../core/errors.js';
import type { Driver, DriverConnection, TransactionLog } from '../../core/session.js';
import { cancelWhenExpired } from '../../core/timeout.js';
import { mysqlDialect } from '../../dialects/mysql/dialect.js';

/** What `drizzle()` accepts as a mysql2 client (from `mysql2/promise`). */
export type MySql2Client = Pool | Connection;

/** The result of `db.execute(...)` and of writes: mysql2's own `[result, fields]`. */
export type MySqlRawQueryResult = [ResultSetHeader, FieldPacket[]];

/**
 * Options for mapped queries: rows as arrays in select-list order; bigints beyond 2^53, decimals and
 * dates as the server's text, which the columns decode. Results then do not depend on how the pool
 * was configured (time zone, big-number settings).
 */
const arrayQuery = { rowsAsArray: true, supportBigNumbers: true, dateStrings: true } as const;

/**
 * Options for `db.execute()`: dates, datetimes and timestamps as the server's text, as Drizzle's
 * mysql2 driver returns them from raw queries; every other type as the pool is configured.
 */
const executeQuery = { dateStrings: true } as const;

type QueryCallback = (err: Error | null, rows: unknown, fields: unknown) => void;

/** The callback-style client under a `mysql2/promise` pool or connection. */
interface CoreClient {
  query(options: object, values: unknown[], cb?: QueryCallback): unknown;
}
/** The callback-style pool under a `mysql2/promise` pool. */
interface CorePool extends CoreClient {
  getConnection(cb: (err: Error | null, conn: CoreClient & { release(): void; destroy(): void }) => void): void;
}

/**
 * Runs one query on the callback client. On a pool it takes a connection, queries and releases it
 * before answering: `pool.query()` does the same with an extra command object and an `end` event
 * listener per query, which in a micro-benchmark was about 10% slower with 8 queries in flight.
 */
function coreQuery(core: CoreClient, options: object, values: unknown[], cb: QueryCallback): void {
  if (typeof (core as CorePool).getConnection !== 'function') {
    core.query(options, values, (err, rows, fields) => cb(err && tooLarge(err, (options as { sql: string }).sql, values), rows, fields));
    return;
  }
  (core as CorePool).getConnection((err, conn) => {
    if (err) return cb(err, undefined, undefined);
    try {
      conn.query(options, values, (qerr, rows, fields) => {
        const e = qerr && tooLarge(qerr, (options as { sql: string }).sql, values);
        // A fatal error (the server closed the connection, as it does after a statement too large) leaves it unusable: the pool must not hand it out again.
        if ((e as { fatal?: boolean } | null)?.fatal) conn.destroy();
        else conn.release();
        cb(e, rows, fields);
      });
    } catch (e) {
      // mysql2 throws at once for some bad input (values it cannot format): the connection goes
      // back to the pool and the error to the caller, as pool.query() does.
      conn.release();
      cb(e as Error, undefined, undefined);
    }
  });
}

/**
 * The server closes the connection on a statement larger than its `max_allowed_packet` (the error
 * or a reset socket, whichever mysql2 sees first): say so, with the size that needs, instead of
 * a bare ECONNRESET. mysql2 writes values into the statement text, binary ones as hexadecimal
 * digits, twice their size.
 */
function tooLarge(err: Error, sql: string, values: unknown[]): Error {
  const code = (err as { code?: string }).code;
  if (code !== 'ER_NET_PACKET_TOO_LARGE' && code !== 'ECONNRESET' && code !== 'EPIPE') return err;
  let bytes = Buffer.byteLength(sql);
  for (const v of values) bytes += Buffer.isBuffer(v) || v instanceof Uint8Array ? 2 * v.byteLength + 3 : typeof v === 'string' ? Buffer.byteLength(v) + 2 : 8;
  if (code !== 'ER_NET_PACKET_TOO_LARGE' && bytes < 1024 * 1024) return err;
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  const out = new Error(`${err.message}: the statement is about ${mib} MiB as mysql2 sends it (binary values as hexadecimal, twice their size); the server's max_allowed_packet must be larger than that`, { cause: err });
  Object.assign(out, { code, errno: (err as { errno?: number }).errno, fatal: true });
  return out;
}

/**
 * Queries go to the callback-style client beneath the promise wrapper: the wrapper captures a stack
 * trace for every query (mysql2's `trace` option, on by default), which costs more than the rest of
 * a simple query's client-side work; sluice's own error names the statement instead.
 */
function coreOf(client: Pick<Connection, 'query'>): CoreClient | undefined {
  const c = client as unknown as { pool?: CoreClient; connection?: CoreClient };
  const core = c.pool ?? c.connection;
  return core && typeof core.query === 'function' ? core : undefined;
}

/** The running query mysql2 returns when no callback is given: an event emitter with a row stream. */
interface CoreQuery {
  on(event: 'end' | 'error', listener: (err?: Error) => void): void;
  stream(options: { highWaterMark: number }): AsyncIterable<unknown[]> & { destroy(error?: Error): void };
}

/** Rows the row stream holds before it pauses the socket (and so the server). */
const STREAM_HIGH_WATER = 1000;

/**
 * Streams one query's rows on one connection. The stream pauses the socket when it holds enough
 * rows, so the server waits instead of the whole result landing in memory. MySQL cannot stop a
 * result midway on the same connection: leaving early drops the rest of the rows unread by the
 * caller and waits until the server has sent them, so the connection is idle when it goes back.
 */
async function* streamRows(conn: CoreClient, sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
  const query = conn.query({ sql, ...arrayQuery }, params) as CoreQuery;
  let settled = false;
  let settle!: () => void;
  // Listening for errors for the query's whole life: after the stream is gone, an error while
  // draining would otherwise be an unhandled 'error' event.
  const finished = new Promise<void>((resolve) => {
    settle = () => {
      settled = true;
      resolve();
    };
    query.on('end', settle);
    query.on('error', settle);
  });
  const stream = query.stream({ highWaterMark: STREAM_HIGH_WATER });
  // A query without a callback never hears that its connection died (mysql2 tells only the
  // connection), so its stream would wait for rows forever: the connection's error ends it.
  const events = conn as unknown as NodeJS.EventEmitter;
  const lost = (err?: Error) => {
    settle();
    stream.destroy(err ?? new Error('mysql2: the connection closed while rows were streaming'));
  };
  const closed = () => lost();
  events.on('error', lost);
  events.on('end', closed);
  try {
    for await (const row of stream) yield row;
  } finally {
    events.off('error', lost);
    events.off('end', closed);
    if (!settled) {
      stream.destroy();
      await finished;
    }
  }
}

/** Streams a query on a connection taken from the pool for as long as the iteration lasts. */
async function* pooledRows(pool: CorePool, sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
  const conn = await new Promise<CoreClient & { release(): void }>((resolve, reject) => pool.getConnection((err, c) => (err ? reject(err) : resolve(c))));
  try {
    yield* streamRows(conn, sql, params);
  } finally {
    conn.release();
  }
}

/** What a mysql2 connection (beneath the promise wrapper) tells about itself: its id and settings. */
interface CoreConnection {
  threadId: number | null;
  config: { host?: string; port?: number; user?: string; password?: string; database?: string; socketPath?: string; ssl?: unknown };
}

/**
 * Stops the statement a connection is running with `KILL QUERY <thread id>`, sent on a connection
 * opened for it with the same settings: a pool whose connections are all busy can still cancel
 * one. The connection itself stays open and usable. A cancellation that fails leaves the statement
 * to run to its end, and the caller gets its result.
 */
async function killQuery(target: CoreConnection): Promise<void> {
  const { host, port, user, password, database, socketPath, ssl } = target.config;
  let killer: Connection | undefined;
  try {
    killer = await mysql.createConnection({ host, port, user, password, database, socketPath, ssl: ssl as PoolOptions['ssl'] });
    killer.on('error', () => {});
    await killer.query(`KILL QUERY ${Number(target.threadId)}`);
  } catch {
    // See above: the statement is not stopped, and nothing is lost.
  } finally {
    await killer?.end().catch(() => {});
  }
}

/** The connection beneath a `mysql2/promise` connection (or a callback one given as is). */
function coreConnection(client: object): CoreConnection | undefined {
  const core = (client as { connection?: CoreConnection }).connection ?? (client as CoreConnection);
  return typeof core.threadId === 'number' && core.config ? core : undefined;
}

class MySql2Connection implements DriverConnection {
  private readonly core: CoreClient | undefined;
  constructor(readonly client: Pick<Connection, 'query'>) {
    this.core = coreOf(client);
  }
  arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    const core = this.core;
    if (!core) return this.client.query({ sql, values: params, ...arrayQuery }).then(([rows]) => rows as unknown[][]);
    return new Promise((resolve, reject) => {
      coreQuery(core, { sql, ...arrayQuery }, params, (err, rows) => (err ? reject(err) : resolve(rows as unknown[][])));
    });
  }
  /** A statement on this one connection (a single one, or a transaction's), killed by its thread id. */
  cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    const target = coreConnection(this.client);
    if (!target) return Promise.reject(new UnsupportedError('mysql2: cancelling a statement needs a connection from mysql2/promise'));
    return cancelWhenExpired(
      () => run(this),
      expired,
      () => killQuery(target),
    );
  }
  iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    const core = this.core;
    if (!core) throw new UnsupportedError('mysql2: .iterator() needs a pool or connection from mysql2/promise');
    return typeof (core as CorePool).getConnection === 'function' ? pooledRows(core as CorePool, sql, params) : streamRows(core, sql, params);
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    const core = this.core;
    if (!core) return this.client.query({ sql, values: params, ...executeQuery });
    // The same [result, fields] pair the promise API gives.
    return new Promise((resolve, reject) => {
      coreQuery(core, { sql, ...executeQuery }, params, (err, rows, fields) => (err ? reject(err) : resolve([rows, fields])));
    });
  }
  combineRuns(results: unknown[]): unknown {
    // The parts ran in order in one transaction, so the first part's insertId is the whole insert's first id.
    const parts = results as [ResultSetHeader, unknown][];
    const sum = (key: 'affectedRows' | 'changedRows') => parts.reduce((n, [h]) => n + (h[key] ?? 0), 0);
    return [{ ...parts[parts.length - 1]![0], insertId: parts[0]![0].insertId, affectedRows: sum('affectedRows'), changedRows: sum('changedRows') }, parts[parts.length - 1]![1]];
  }
}

function isPool(client: MySql2Client): client is Pool {
  return typeof (client as Pool).getConnection === 'function' && typeof (client as Connection).beginTransaction !== 'function';
}

class MySql2Driver extends MySql2Connection implements Driver {
  readonly driverName = 'mysql2';
  private readonly pool: Pool | undefined;
  /** A single `Connection` given as is: transactions queue on it. */
  readonly singleConnection: boolean;
  constructor(client: MySql2Client) {
    super(client);
    this.pool = isPool(client) ? client : undefined;
    this.singleConnection = this.pool === undefined;
  }
  rowCount(result: unknown): number | undefined {
    // mysql2 answers `[rows, fields]` for a row-returning statement and `[header, undefined]` for a write.
    const [first] = result as [unknown, unknown];
    return Array.isArray(first) ? first.length : (first as ResultSetHeader).affectedRows;
  }

  describe(): { namespace?: string; host?: string; port?: number } {
    // The promise wrapper holds the callback client: a pool's settings are under
    // `config.connectionConfig`, a connection's under `config`.
    type Configured = { config?: { connectionConfig?: object } };
    const w = this.client as unknown as { pool?: Configured; connection?: Configured };
    const config = (w.pool ?? w.connection)?.config;
    const c = (config?.connectionConfig ?? config ?? {}) as { database?: string; host?: string; port?: number };
    return { namespace: c.database, host: c.host, port: c.port };
  }

  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    // A single connection is used as is; a pool pins one connection for the whole transaction.
    if (!this.pool) return runInTransaction(this, mysqlDialect, config, fn, log);
    const conn: PoolConnection = await this.pool.getConnection();
    try {
      return await runInTransaction(new MySql2Connection(conn), mysqlDialect, config, fn, log);
    } finally {
      conn.release();
    }
  }
  /** On a pool, the statement runs on a connection taken for it, so its thread is known and can be killed. */
  override async cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    if (!this.pool) return super.cancellable(run, expired);
    const conn: PoolConnection = await this.pool.getConnection();
    try {
      return await new MySql2Connection(conn).cancellable(run, expired);
    } finally {
      conn.release();
    }
  }
}

/** Options of `drizzle()` shared by every call form. */
export interface MySql2Options<TSchema extends Record<string, unknown>, TRelations = undefined> extends DatabaseOptions<TSchema, TRelations> {
  /**
   * `default`, or `planetscale` for servers without foreign keys. Relational queries build their
   * JSON in one statement either way, so the mode only documents intent.
   */
  mode?: 'default' | 'planetscale';
}

/** `drizzle({ ... })`: a client to use, or connection settings for a pool sluice creates. */
export interface MySql2Config<TSchema extends Record<string, unknown>, TClient extends MySql2Client = MySql2Client, TRelations = undefined> extends MySql2Options<TSchema, TRelations> {
  client?: TClient;
  /** A connection URL or mysql2 pool settings. */
  connection?: string | PoolOptions;
}

/** A database over mysql2, with the client at `db.$client`. */
export type MySql2Database<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends MySql2Client = MySql2Client, TRelations = undefined> = Database<'mysql', MySqlRawQueryResult, TSchema, TRelations> & {
  $client: TClient;
};

/**
 * Opens a database on mysql2 (`mysql2/promise`). A URL or settings create a pool; a given pool or
 * connection is used as is.
 *
 * @example
 * const db = drizzle(process.env.DATABASE_URL!);
 * const db2 = drizzle({ connection: { uri: process.env.DATABASE_URL }, schema, mode: 'default' });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends MySql2Client = Pool, TRelations = undefined>(
  client: TClient,
  options?: MySql2Options<TSchema, TRelations>,
): MySql2Database<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: MySql2Options<TSchema, TRelations>): MySql2Database<TSchema, Pool, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends MySql2Client = Pool, TRelations = undefined>(
  config: MySql2Config<TSchema, TClient, TRelations> & ({ client: TClient } | { connection: string | PoolOptions }),
): MySql2Database<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(
  config: string | MySql2Client | MySql2Config<TSchema, MySql2Client, TRelations>,
  more?: MySql2Options<TSchema, TRelations>,
): MySql2Database<TSchema, MySql2Client, TRelations> {
  let client: MySql2Client;
  let options: MySql2Options<TSchema, TRelations> = more ?? {};
  if (typeof config === 'string') client = mysql.createPool(config);
  else if (isClient(config)) client = config;
  else {
    options = config;
    if (config.client) client = config.client;
    else if (config.connection !== undefined) client = typeof config.connection === 'string' ? mysql.createPool(config.connection) : mysql.createPool(config.connection);
    else throw new DriverConfigError('sluice/mysql2: drizzle() needs a client, a URL or { client } / { connection }');
  }
  if (options.mode !== undefined && options.mode !== 'default' && options.mode !== 'planetscale') {
    throw new DriverConfigError(`sluice/mysql2: mode must be 'default' or 'planetscale', got ${JSON.stringify(options.mode)}`);
  }
  return createDatabase<'mysql', MySqlRawQueryResult, TSchema, TRelations, MySql2Client>(mysqlDialect, new MySql2Driver(client), client, options);
}

function isClient(value: MySql2Client | MySql2Config<Record<string, unknown>, MySql2Client, unknown>): value is MySql2Client {
  return typeof (value as { query?: unknown }).query === 'function';
}
