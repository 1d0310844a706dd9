import mssql, { type ConnectionPool, type config as MssqlConfig, type IResult, type Request, type Transaction as MssqlTransaction } from 'mssql';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { Database } from '../../core/database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError, UnsupportedError } from '../../core/errors.js';
import { transactionStatement, type Driver, type DriverConnection, type TransactionLog } from '../../core/session.js';
import { mssqlDialect } from '../../dialects/mssql/dialect.js';
import { bindParams } from './params.js';
import { createPool, isPool, PoolGate } from './pool.js';

export { PoolClosedError } from './pool.js';

/** What `drizzle()` accepts as a client: an `mssql` ConnectionPool, connected or not. */
export type NodeMssqlClient = ConnectionPool;

/** The result of `db.execute(...)` and of writes without `returning()`: mssql's own (`recordset`, `rowsAffected`). */
export type NodeMssqlQueryResult = IResult<Record<string, unknown>>;

/** Where requests come from: the pool, or the transaction that holds one of its connections. */
type RequestSource = Pick<ConnectionPool, 'request'> | Pick<MssqlTransaction, 'request'>;

/** Rows the stream holds before it pauses reading from the server. */
const STREAM_HIGH_WATER = 1000;

/** SQL Server's default level, which a pooled connection gets back after a transaction at another one. */
const RESET_ISOLATION = 'set transaction isolation level read committed';

const ISOLATION_LEVELS: Record<NonNullable<TransactionConfig['isolationLevel']>, number> = {
  'read uncommitted': mssql.ISOLATION_LEVEL.READ_UNCOMMITTED,
  'read committed': mssql.ISOLATION_LEVEL.READ_COMMITTED,
  'repeatable read': mssql.ISOLATION_LEVEL.REPEATABLE_READ,
  serializable: mssql.ISOLATION_LEVEL.SERIALIZABLE,
  snapshot: mssql.ISOLATION_LEVEL.SNAPSHOT,
};

function request(source: RequestSource, params: unknown[]): Request {
  // Said here rather than by the server, whose message counts sp_executesql's own two parameters.
  if (params.length > mssqlDialect.maxParams) {
    throw new UnsupportedError(`node-mssql: the statement has ${params.length} parameters; SQL Server takes at most ${mssqlDialect.maxParams} in one statement (2,100 less the two sp_executesql uses)`);
  }
  const req = source.request();
  bindParams(req, params);
  return req;
}

/** Runs a statement and returns its rows as arrays in select-list order (`arrayRowMode`). */
async function arrayRows(source: RequestSource, sql: string, params: unknown[]): Promise<unknown[][]> {
  const req = request(source, params);
  req.arrayRowMode = true;
  const res = await req.query(sql);
  return (res.recordset ?? []) as unknown as unknown[][];
}

/**
 * Streams a select's rows as arrays. The request pauses the connection's reader when the stream
 * holds enough rows, so the server waits too. Leaving early cancels the request and waits until the
 * server has acknowledged it, so the connection is idle again before anything else uses it.
 */
async function* streamRows(source: RequestSource, sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
  const req = request(source, params);
  req.arrayRowMode = true;
  req.stream = true;
  const rows = req.toReadableStream({ highWaterMark: STREAM_HIGH_WATER });
  // mssql forwards the request's errors to the stream with emit('error'), including the
  // "Canceled." of an early exit after the loop has stopped listening: without a listener of its
  // own that would be an uncaught exception.
  rows.on('error', () => undefined);
  let settled = false;
  // In stream mode the promise resolves when the request is done, errors or not (they reach the stream).
  const finished = req.query(sql).then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  try {
    for await (const row of rows) yield row as unknown[];
  } finally {
    if (!settled) {
      req.cancel();
      req.resume();
      rows.destroy();
    }
    await finished;
  }
}

/** A statement run in parts: node-mssql lists each statement's affected rows, so the parts' lists are joined. */
function combineRuns(results: unknown[]): unknown {
  const parts = results as { rowsAffected: number[] }[];
  return { ...parts[parts.length - 1]!, rowsAffected: parts.flatMap((r) => r.rowsAffected) };
}

/** Statements on the pool: each request borrows a connection for itself. */
class MssqlConnection implements DriverConnection {
  readonly combineRuns = combineRuns;
  constructor(
    protected readonly source: RequestSource,
    protected readonly gate: PoolGate,
  ) {}
  async arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    await this.gate.ready();
    return arrayRows(this.source, sql, params);
  }
  async execute(sql: string, params: unknown[]): Promise<unknown> {
    await this.gate.ready();
    return request(this.source, params).query(sql);
  }
  async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    await this.gate.ready();
    yield* streamRows(this.source, sql, params);
  }
}

/**
 * Statements inside a transaction. The transaction holds one connection, which takes one request
 * at a time (`mssql` refuses a second with EREQINPROG), so statements issued together, such as a
 * `Promise.all` in the callback, run one after another.
 */
class MssqlTransactionConnection implements DriverConnection {
  readonly combineRuns = combineRuns;
  private tail: Promise<unknown> = Promise.resolve();
  private streaming = false;

  constructor(private readonly tx: MssqlTransaction) {}

  /** Resolves when every statement queued so far has finished. */
  settled(): Promise<unknown> {
    return this.tail;
  }
  private queue<T>(run: () => Promise<T>): Promise<T> {
    if (this.streaming) {
      return Promise.reject(new UnsupportedError('node-mssql: a transaction runs one statement at a time, and an .iterator() loop is reading from it; finish the loop before running other statements in the same transaction'));
    }
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }
  arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.queue(() => arrayRows(this.tx, sql, params));
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.queue(() => request(this.tx, params).query(sql));
  }
  async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    await this.queue(async () => undefined);
    this.streaming = true;
    try {
      yield* streamRows(this.tx, sql, params);
    } finally {
      this.streaming = false;
    }
  }
}

/** The `mssql` isolation level constant for a config, or an error for what SQL Server has not. */
function isolationOf(config: TransactionConfig | undefined): number | undefined {
  if (config === undefined) return undefined;
  if (config.accessMode !== undefined) throw new UnsupportedError('node-mssql: SQL Server transactions have no access mode (read only / read write)');
  if (config.deferrable !== undefined) throw new UnsupportedError('node-mssql: SQL Server transactions cannot be deferrable');
  if (config.behavior !== undefined) throw new UnsupportedError('node-mssql: `behavior` (deferred / immediate / exclusive) is a SQLite option');
  if (config.withConsistentSnapshot !== undefined) throw new UnsupportedError("node-mssql: `withConsistentSnapshot` is a MySQL option; use isolationLevel: 'snapshot'");
  if (config.isolationLevel === undefined) return undefined;
  const level = ISOLATION_LEVELS[config.isolationLevel];
  if (level === undefined) throw new UnsupportedError(`node-mssql: unknown isolation level ${JSON.stringify(config.isolationLevel)}; use one of ${Object.keys(ISOLATION_LEVELS).join(', ')}`);
  return level;
}

class MssqlDriver extends MssqlConnection implements Driver {
  readonly driverName = 'node-mssql';

  constructor(private readonly pool: ConnectionPool) {
    super(pool, new PoolGate(pool));
  }

  rowCount(result: unknown): number | undefined {
    const r = result as IResult<unknown>;
    return r.recordset ? r.recordset.length : r.rowsAffected.reduce((n, k) => n + k, 0);
  }

  describe(): { namespace?: string; host?: string; port?: number } {
    // The pool keeps the configuration it was made with; its typings do not declare it.
    const c = (this.pool as unknown as { config: MssqlConfig }).config;
    return { namespace: c.database, host: c.server, port: c.port };
  }

  /**
   * Runs `fn` on an `mssql` Transaction, which holds one of the pool's connections and begins and
   * ends through tedious's transaction requests, not SQL text. The logger sees the statements they
   * stand for, as the dialect spells them, and a failed begin or commit names its statement; nested
   * transactions are the dialect's savepoints, sent as statements on the same connection.
   */
  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    const level = isolationOf(config);
    const before = mssqlDialect.beforeBegin?.(config);
    const begin = mssqlDialect.begin(config);
    await this.gate.ready();
    const tx = this.pool.transaction();
    // tedious sets the level as part of its begin request; the log shows it as the statement it stands for.
    // Nothing is sent for it, so it ends as it is logged.
    if (before) log?.(before)?.({ rowCount: undefined });
    await transactionStatement(begin, log, () => (level === undefined ? tx.begin() : tx.begin(level)));
    const conn = new MssqlTransactionConnection(tx);
    // The level stays on the connection after the transaction, for whatever the pool runs on it
    // next; it goes back to the default before the transaction ends. Not from snapshot, which a
    // transaction keeps from its start (and which only a database that allows it could run anyway).
    const reset = level !== undefined && level !== mssql.ISOLATION_LEVEL.READ_COMMITTED && level !== mssql.ISOLATION_LEVEL.SNAPSHOT ? () => transactionStatement(RESET_ISOLATION, log, () => conn.execute(RESET_ISOLATION, [])) : undefined;
    const undo = async () => {
      await conn.settled();
      // A server error may have ended the transaction already: mssql then refuses both (EABORT).
      await reset?.().catch(() => undefined);
      await transactionStatement(mssqlDialect.rollback(), log, () => tx.rollback()).catch(() => undefined);
    };
    let result: T;
    try {
      result = await fn(conn);
      // A statement the callback started without awaiting would still hold the connection.
      await conn.settled();
      await reset?.();
    } catch (e) {
      await undo();
      throw e;
    }
    await transactionStatement(mssqlDialect.commit(), log, () => tx.commit());
    return result;
  }
}

/** Options of `drizzle()` shared by every call form. */
export type NodeMssqlOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations>;

/** `drizzle({ ... })`: a pool to use, or connection settings for a pool sluice creates. */
export interface NodeMssqlConfig<TSchema extends Record<string, unknown>, TRelations = undefined> extends NodeMssqlOptions<TSchema, TRelations> {
  client?: NodeMssqlClient;
  /** A URL (`mssql://user:password@host:1433/db?encrypt=true`), an ADO connection string or `mssql` pool settings. */
  connection?: string | MssqlConfig;
}

/** A database over `mssql`, with the pool at `db.$client`. */
export type NodeMssqlDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> = Database<'mssql', NodeMssqlQueryResult, TSchema, TRelations> & {
  $client: NodeMssqlClient;
};

/**
 * Opens a database on SQL Server through `mssql` (tedious). A URL, connection string or settings
 * create a pool; a given `ConnectionPool` is used as is. Either way the pool connects on the first
 * query, so `drizzle()` itself never waits.
 *
 * @example
 * const db = drizzle(process.env.DATABASE_URL!);
 * const db2 = drizzle({ connection: { server: 'localhost', user: 'sa', password, database: 'app', options: { trustServerCertificate: true } }, schema });
 * const db3 = drizzle(new mssql.ConnectionPool(process.env.DATABASE_URL!), { logger: true });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(client: NodeMssqlClient, options?: NodeMssqlOptions<TSchema, TRelations>): NodeMssqlDatabase<TSchema, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: NodeMssqlOptions<TSchema, TRelations>): NodeMssqlDatabase<TSchema, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(
  config: NodeMssqlConfig<TSchema, TRelations> & ({ client: NodeMssqlClient } | { connection: string | MssqlConfig }),
): NodeMssqlDatabase<TSchema, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(config: string | NodeMssqlClient | NodeMssqlConfig<TSchema, TRelations>, more?: NodeMssqlOptions<TSchema, TRelations>): NodeMssqlDatabase<TSchema, TRelations> {
  let client: NodeMssqlClient;
  let options: NodeMssqlOptions<TSchema, TRelations> = more ?? {};
  if (typeof config === 'string') client = createPool(config);
  else if (config === null || typeof config !== 'object') throw new DriverConfigError(`sluice/node-mssql: drizzle() needs a ConnectionPool, a URL or { client } / { connection }, got ${config === null ? 'null' : typeof config}`);
  else if (isPool(config)) client = config;
  else {
    options = config;
    if (config.client !== undefined) {
      if (!isPool(config.client)) throw new DriverConfigError('sluice/node-mssql: `client` must be an mssql ConnectionPool (new mssql.ConnectionPool(config))');
      client = config.client;
    } else if (config.connection !== undefined) client = createPool(config.connection);
    else throw new DriverConfigError('sluice/node-mssql: drizzle() needs a ConnectionPool, a URL or { client } / { connection }');
  }
  return createDatabase<'mssql', NodeMssqlQueryResult, TSchema, TRelations, NodeMssqlClient>(mssqlDialect, new MssqlDriver(client), client, options);
}
