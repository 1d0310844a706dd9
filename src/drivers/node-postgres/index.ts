import pg, { type Client, type CustomTypesConfig, type Pool, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import { runInTransaction, type Database } from '../../core/database.js';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError } from '../../core/errors.js';
import type { Driver, DriverConnection } from '../../core/session.js';
import { pgDialect } from '../../dialects/pg/dialect.js';
import { PG_EXECUTE_TEXT_OIDS, PG_RAW_TEXT_OIDS } from '../pg-shared.js';

/** What `drizzle()` accepts as a node-postgres client. */
export type NodePgClient = Pool | PoolClient | Client;

/** The result of `db.execute(...)` and of writes without `returning()`: node-postgres's own. */
export type NodePgQueryResult = QueryResult<Record<string, unknown>>;

type GetTypeParser = CustomTypesConfig['getTypeParser'];

const rawText = (value: string) => value;
const mappedOids = new Set<number>(PG_RAW_TEXT_OIDS);
const executeOids = new Set<number>(PG_EXECUTE_TEXT_OIDS);

/**
 * The parsers of a connection's queries. Mapped queries leave `PG_RAW_TEXT_OIDS` as text for the
 * columns to decode; `db.execute()` leaves only `PG_EXECUTE_TEXT_OIDS` as text, as Drizzle does.
 * Every other type keeps the parser the client would use, including any `types` the user configured.
 */
interface QueryTypes {
  mapped: CustomTypesConfig;
  execute: CustomTypesConfig;
}

function textTypes(fallback: { getTypeParser: GetTypeParser }, oids: Set<number>): CustomTypesConfig {
  const getTypeParser = (oid: number, format?: 'text' | 'binary') => (oids.has(oid) ? rawText : fallback.getTypeParser(oid, format));
  return { getTypeParser: getTypeParser as GetTypeParser };
}

function queryTypes(fallback: { getTypeParser: GetTypeParser }): QueryTypes {
  return { mapped: textTypes(fallback, mappedOids), execute: textTypes(fallback, executeOids) };
}

type Queryable = Pick<Client, 'query'>;

/** Rows fetched from a cursor per round trip. */
const FETCH_SIZE = 1000;
let cursors = 0;

/**
 * Streams a select through a cursor of the current transaction, `FETCH_SIZE` rows per round trip.
 * A cursor needs no package and works on any `pg` client; it lives until the transaction ends,
 * so inside a transaction an early exit closes it at once.
 */
async function* cursorRows(client: Queryable, types: QueryTypes, sql: string, params: unknown[], closeEarly: boolean): AsyncGenerator<unknown[], void, undefined> {
  const name = `sluice_cursor_${++cursors}`;
  await client.query({ text: `declare ${name} no scroll cursor for ${sql}`, values: params });
  let open = true;
  try {
    while (open) {
      const { rows } = await client.query<unknown[]>({ text: `fetch forward ${FETCH_SIZE} from ${name}`, rowMode: 'array', types: types.mapped });
      if (rows.length < FETCH_SIZE) open = false;
      for (const row of rows) yield row;
    }
  } catch (e) {
    // The transaction is aborted: nothing more can run in it, not even `close`.
    open = false;
    throw e;
  } finally {
    if (open && closeEarly) await client.query(`close ${name}`);
  }
}

class NodePgConnection implements DriverConnection {
  constructor(
    readonly client: Queryable,
    protected readonly types: QueryTypes,
  ) {}
  async arrays(sql: string, params: unknown[], name?: string): Promise<unknown[][]> {
    // A named query is parsed once per connection; node-postgres keeps the name-to-text map.
    const res = await this.client.query<unknown[]>({ name, text: sql, values: params, rowMode: 'array', types: this.types.mapped });
    return res.rows;
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.client.query({ text: sql, values: params, types: this.types.execute });
  }
  /** Inside a transaction: a cursor of that transaction, closed when the iteration ends. */
  iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    return cursorRows(this.client, this.types, sql, params, true);
  }
}

function isPool(client: NodePgClient): client is Pool {
  // A second copy of `pg` in node_modules would fail `instanceof`, so fall back to the pool's shape.
  return client instanceof pg.Pool || ('totalCount' in client && 'idleCount' in client && typeof client.connect === 'function');
}

class NodePgDriver extends NodePgConnection implements Driver {
  readonly driverName = 'node-postgres';
  private readonly pool: Pool | undefined;

  constructor(client: NodePgClient) {
    const pool = isPool(client) ? client : undefined;
    super(client, queryTypes(pool ? (pool.options.types ?? pg.types) : (client as Client)));
    this.pool = pool;
  }

  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: (statement: string) => void): Promise<T> {
    // A bare client is one connection already; a pool must pin one for the whole transaction.
    if (!this.pool) return runInTransaction(new NodePgConnection(this.client, this.types), pgDialect, config, fn, log);
    const client = await this.pool.connect();
    try {
      return await runInTransaction(new NodePgConnection(client, this.types), pgDialect, config, fn, log);
    } finally {
      client.release();
    }
  }

  /**
   * Outside a transaction: a cursor needs one, so the iteration takes a connection (from the pool)
   * and runs in a transaction of its own, which ends, and frees the connection, when the loop does.
   */
  override async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    const client = this.pool ? await this.pool.connect() : this.client;
    let failed = false;
    try {
      await client.query('begin');
      // The commit closes the cursor, whether the loop ran to its end or left early.
      yield* cursorRows(client, this.types, sql, params, false);
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      let broken: Error | undefined;
      try {
        await client.query(failed ? 'rollback' : 'commit');
      } catch (e) {
        broken = e as Error;
      }
      // A connection that cannot end its transaction is broken: the pool discards it.
      if (this.pool) (client as PoolClient).release(broken);
      // biome-ignore lint/correctness/noUnsafeFinally: thrown only when the body succeeded, so no error of the body is replaced
      if (broken && !failed) throw broken;
    }
  }
}

/** Options of `drizzle()` shared by every call form. */
export type NodePgOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations>;

/** `drizzle({ ... })`: a client to use, or connection settings for a pool sluice creates. */
export interface NodePgConfig<TSchema extends Record<string, unknown>, TClient extends NodePgClient = NodePgClient, TRelations = undefined> extends NodePgOptions<TSchema, TRelations> {
  client?: TClient;
  /** A connection string or `pg.Pool` settings. */
  connection?: string | PoolConfig;
}

/** A database over node-postgres, with the client at `db.$client`. */
export type NodePgDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = NodePgClient, TRelations = undefined> = Database<'pg', NodePgQueryResult, TSchema, TRelations> & {
  $client: TClient;
};

/**
 * Opens a database on node-postgres (`pg`). A connection string or settings create a `pg.Pool`;
 * a given `Pool`, `PoolClient` or connected `Client` is used as is.
 *
 * @example
 * const db = drizzle(process.env.DATABASE_URL!);
 * const db2 = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }), { logger: true });
 * const db3 = drizzle({ connection: { connectionString: process.env.DATABASE_URL, max: 4 }, schema });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = Pool, TRelations = undefined>(
  client: TClient,
  options?: NodePgOptions<TSchema, TRelations>,
): NodePgDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: NodePgOptions<TSchema, TRelations>): NodePgDatabase<TSchema, Pool, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = Pool, TRelations = undefined>(
  config: NodePgConfig<TSchema, TClient, TRelations> & ({ client: TClient } | { connection: string | PoolConfig }),
): NodePgDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(
  config: string | NodePgClient | NodePgConfig<TSchema, NodePgClient, TRelations>,
  more?: NodePgOptions<TSchema, TRelations>,
): NodePgDatabase<TSchema, NodePgClient, TRelations> {
  let client: NodePgClient;
  let options: NodePgOptions<TSchema, TRelations> = more ?? {};
  if (typeof config === 'string') client = new pg.Pool({ connectionString: config });
  else if (isClient(config)) client = config;
  else {
    options = config;
    if (config.client) client = config.client;
    else if (config.connection !== undefined) {
      client = new pg.Pool(typeof config.connection === 'string' ? { connectionString: config.connection } : config.connection);
    } else throw new DriverConfigError('sluice/node-postgres: drizzle() needs a client, a connection string or { client } / { connection }');
  }
  return createDatabase<'pg', NodePgQueryResult, TSchema, TRelations, NodePgClient>(pgDialect, new NodePgDriver(client), client, options);
}

function isClient(value: NodePgClient | NodePgConfig<Record<string, unknown>, NodePgClient, unknown>): value is NodePgClient {
  return typeof (value as { query?: unknown }).query === 'function';
}
