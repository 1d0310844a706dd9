import { invalidateWrites } from '../../core/cache-run.js';
import { createClient, type Client, type Config, type InStatement, type ResultSet, type Transaction as LibsqlTransaction } from '@libsql/client';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { Database as SluiceDatabase } from '../../core/database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError, SluiceError } from '../../core/errors.js';
import type { QueryBase } from '../../core/query-base.js';
import { fillPlaceholders, type Renderer } from '../../core/render.js';
import { Session, transactionStatement, type Driver, type DriverConnection, type TransactionLog } from '../../core/session.js';
import { sqliteDialect } from '../../dialects/sqlite/dialect.js';
import { libsqlArgs } from './args.js';

type Executor = Pick<Client, 'execute'> | Pick<LibsqlTransaction, 'execute'>;

const toArrays = (rs: ResultSet): unknown[][] => rs.rows.map((row) => Array.from(row as ArrayLike<unknown>));

class LibsqlConnection implements DriverConnection {
  constructor(readonly client: Executor) {}
  async arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return toArrays(await this.client.execute({ sql, args: libsqlArgs(params) }));
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.client.execute({ sql, args: libsqlArgs(params) });
  }
  readonly combineRuns = combineRuns;
}

/** A statement run in parts: the last part's result with every part's affected rows. */
function combineRuns(results: unknown[]): unknown {
  const parts = results as ResultSet[];
  const last = parts[parts.length - 1]!;
  const rowsAffected = parts.reduce((n, r) => n + r.rowsAffected, 0);
  return { columns: last.columns, columnTypes: last.columnTypes, rows: last.rows, rowsAffected, lastInsertRowid: last.lastInsertRowid, toJSON: () => ({ ...last.toJSON(), rowsAffected }) };
}

class LibsqlDriver extends LibsqlConnection implements Driver {
  readonly driverName = 'libsql';
  /**
   * A local database (`file:`, `:memory:`) is one SQLite engine in this thread: an in-memory one
   * has a single connection, and a file's write lock, held by one transaction while the others
   * wait in a busy loop on the same thread, cannot be released. Its transactions queue instead.
   */
  readonly singleConnection: boolean;
  constructor(readonly libsql: Client) {
    super(libsql);
    this.singleConnection = libsql.protocol === 'file';
  }
  rowCount(result: unknown): number | undefined {
    const r = result as ResultSet;
    return r.columns.length > 0 ? r.rows.length : r.rowsAffected;
  }
  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    // Validates the options the way every SQLite driver does (only `behavior` exists here).
    sqliteDialect.begin(config);
    const mode = config?.behavior === 'deferred' ? 'deferred' : 'write';
    // libsql sends these statements itself; they are logged and fail as the ones libsql sends.
    const tx = await transactionStatement(mode === 'write' ? 'begin immediate' : 'begin deferred', log, () => this.libsql.transaction(mode));
    try {
      const result = await fn(new LibsqlConnection(tx));
      await transactionStatement('commit', log, () => tx.commit());
      return result;
    } catch (e) {
      // The error that ended the transaction matters more than a failed rollback.
      await transactionStatement('rollback', log, () => tx.rollback()).catch(() => undefined);
      throw e;
    } finally {
      tx.close();
    }
  }
}

/** Replays results fetched by one `client.batch()` to the builders that asked for them. */
class ReplayConnection implements DriverConnection {
  constructor(private readonly result: ResultSet) {}
  async arrays(): Promise<unknown[][]> {
    return toArrays(this.result);
  }
  async execute(): Promise<unknown> {
    return this.result;
  }
}

type BatchItem = Pick<QueryBase<unknown>, '_compile' | '_executeOn' | '_result'>;
/** An insert too large for one statement, which gives its chunks to the batch. */
interface ChunkedItem extends BatchItem {
  _chunkQueries?(r: Renderer): BatchItem[] | undefined;
  _mergeChunks(results: unknown[], combineRuns: (results: unknown[]) => unknown): unknown;
}
type BatchResults<T extends readonly BatchItem[]> = { -readonly [K in keyof T]: T[K] extends { readonly _result: infer R } ? R : never };

export type LibSQLOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations>;

export interface LibSQLConfig<TSchema extends Record<string, unknown>, TRelations = undefined> extends LibSQLOptions<TSchema, TRelations> {
  client?: Client;
  /** A URL (`file:app.db`, `:memory:`) or libsql client settings. */
  connection?: string | Config;
}

/** A database over libsql, with `db.batch([...])` for several statements in one round trip and transaction. */
export type LibSQLDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> = SluiceDatabase<'sqlite', ResultSet, TSchema, TRelations> & {
  $client: Client;
  batch<const T extends readonly [BatchItem, ...BatchItem[]]>(queries: T): Promise<BatchResults<T>>;
};

/**
 * Opens a database on libsql (`@libsql/client`): local files and `:memory:`.
 *
 * @example
 * const db = drizzle('file:app.db');
 * const [users, count] = await db.batch([db.select().from(usersTable), db.$count(usersTable)]);
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(
  config: string | Client | LibSQLConfig<TSchema, TRelations>,
  more?: LibSQLOptions<TSchema, TRelations>,
): LibSQLDatabase<TSchema, TRelations> {
  let client: Client;
  let options: LibSQLOptions<TSchema, TRelations> = more ?? {};
  if (typeof config === 'string') client = createClient({ url: config });
  else if (isClient(config)) client = config;
  else {
    options = config;
    if (config.client) client = config.client;
    else if (config.connection !== undefined) client = createClient(typeof config.connection === 'string' ? { url: config.connection } : config.connection);
    else throw new DriverConfigError('sluice/libsql: drizzle() needs a client, a URL or { client } / { connection }');
  }
  const db = createDatabase<'sqlite', ResultSet, TSchema, TRelations, Client>(sqliteDialect, new LibsqlDriver(client), client, options);
  Object.defineProperty(db, 'batch', {
    enumerable: false,
    value: async (queries: BatchItem[]) => {
      if (queries.length === 0) throw new SluiceError('batch() needs at least one query');
      const session = db.session;
      // An insert too large for one statement sends its chunks, which the batch's transaction holds together.
      const items = queries.map((q) => {
        const parts = (q as ChunkedItem)._chunkQueries?.(session.renderer);
        return { q, parts, compiled: (parts ?? [q]).map((p) => p._compile(session.renderer)) };
      });
      const compiled = items.flatMap((item) => item.compiled);
      const statements: InStatement[] = compiled.map((q) => ({ sql: q.sql, args: libsqlArgs(q.hasPlaceholders ? fillPlaceholders(q.params, undefined) : q.params) }));
      const observed = session.observeBatch(compiled);
      let results: ResultSet[];
      try {
        // A batch is a transaction of its own: on a local database it waits for the one open.
        results = session.gate ? await session.gate.exclusive(() => client.batch(statements, 'write')) : await client.batch(statements, 'write');
      } catch (e) {
        const error = session.queryError(
          compiled.map((q) => q.sql).join(';\n'),
          compiled.flatMap((q) => q.params),
          e,
        );
        observed?.(undefined, error);
        throw error;
      }
      observed?.(results);
      // The batch's writes invalidate their tables in `drizzle({ cache })`; its reads are not cached.
      if (session.cache !== undefined) await invalidateWrites(session.cache, queries);
      const replay = (result: ResultSet) => new Session(session.renderer, new ReplayConnection(result), undefined);
      let at = 0;
      return Promise.all(
        items.map(async ({ q, parts, compiled: own }) => {
          const mine = results.slice(at, (at += own.length));
          if (parts === undefined) return q._executeOn(replay(mine[0]!), own[0]!);
          const outs = await Promise.all(parts.map((p, i) => p._executeOn(replay(mine[i]!), own[i]!)));
          return (q as ChunkedItem)._mergeChunks(outs, combineRuns);
        }),
      );
    },
  });
  return db as LibSQLDatabase<TSchema, TRelations>;
}

function isClient(value: unknown): value is Client {
  return typeof (value as Client).execute === 'function' && typeof (value as Client).batch === 'function';
}
