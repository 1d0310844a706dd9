import { connect } from 'node:net';
import pg, { type Client, type ClientBase, type CustomTypesConfig, type Pool, type PoolClient, type PoolConfig } from 'pg';
import { runInTransaction } from '../core/database.js';
import type { Dialect, TransactionConfig } from '../core/dialect.js';
import { DriverConfigError } from '../core/errors.js';
import type { Driver, DriverConnection, TransactionLog } from '../core/session.js';
import { cancelWhenExpired } from '../core/timeout.js';
import { PG_EXECUTE_TEXT_OIDS, PG_RAW_TEXT_OIDS } from './pg-shared.js';

/** What `drizzle()` accepts as a node-postgres client. */
export type NodePgClient = Pool | PoolClient | Client;

/** The option both node-postgres entry points (`sluice/node-postgres`, `sluice/cockroach`) add. */
export interface NodePgPrepareOption {
  /**
   * `false` sends every statement unnamed, `.prepare(name)` queries included: for PgBouncer (before
   * 1.21, or without `max_prepared_statements`) and other poolers in transaction mode, where a
   * statement prepared on one server connection is missing from (or already on) the next.
   * Default `true`: a prepared query is parsed once per connection under its name.
   *
   * @example
   * const db = drizzle({ connection: process.env.PGBOUNCER_URL!, prepare: false });
   */
  prepare?: boolean;
}

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

/** How long a cancel request may take to reach the server, at most. */
const CANCEL_DELIVERY_MS = 10_000;

/**
 * Cancels the statement a client is running with the protocol's CancelRequest (the backend key
 * the server gave the client), sent on a connection opened for it: a pool whose connections are
 * all busy (the usual reason for a slow statement) can still cancel one. The protocol message,
 * not `pg_cancel_backend(pid)`, because behind PgBouncer the client's key is PgBouncer's: only
 * PgBouncer knows which server connection runs the statement, and it forwards the request there.
 * A cancellation that fails leaves the
 * statement to run to its end, and the caller gets its result.
 */
function cancelBackend(client: ClientBase): Promise<void> {
  const c = client as unknown as { processID?: number; secretKey?: number; connectionParameters?: { host?: string; port?: number } };
  const { host = 'localhost', port = 5432 } = c.connectionParameters ?? {};
  if (c.processID === undefined || c.secretKey === undefined) return Promise.resolve();
  const request = Buffer.alloc(16);
  request.writeInt32BE(16, 0);
  request.writeInt32BE(80877102, 4);
  request.writeInt32BE(c.processID, 8);
  request.writeInt32BE(c.secretKey, 12);
  return new Promise((resolve) => {
    // A directory as host is a Unix socket, as node-postgres reads it.
    const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, CANCEL_DELIVERY_MS).unref();
    // Written, not ended: the server closes the connection once it has acted on the request, and
    // PgBouncer 1.18 crashes when the requesting client closes first.
    socket.once('connect', () => socket.write(request));
    socket.once('close', done);
    socket.once('error', done);
  });
}

class NodePgConnection implements DriverConnection {
  constructor(
    readonly client: Queryable,
    protected readonly types: QueryTypes,
    /** `drizzle({ prepare: false })`: no named statements (PgBouncer in transaction mode). */
    protected readonly named: boolean,
  ) {}
  async arrays(sql: string, params: unknown[], name?: string): Promise<unknown[][]> {
    // A named query is parsed once per connection; node-postgres keeps the name-to-text map, which
    // is wrong behind a pooler that hands each transaction another server connection.
    const res = await this.client.query<unknown[]>({ name: this.named ? name : undefined, text: sql, values: params, rowMode: 'array', types: this.types.mapped });
    return res.rows;
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.client.query({ text: sql, values: params, types: this.types.execute });
  }
  combineRuns(results: unknown[]): unknown {
    const parts = results as pg.QueryResult[];
    return { ...parts[parts.length - 1]!, rowCount: parts.reduce((n, r) => n + (r.rowCount ?? 0), 0) };
  }

  /** A statement on this one connection (a bare client, or a transaction's), cancelled by its backend's pid. */
  cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    return cancelWhenExpired(
      () => run(this),
      expired,
      () => cancelBackend(this.client as ClientBase),
    );
  }
  /** Inside a transaction: a cursor of that transaction, closed when the iteration ends. */
  iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    return cursorRows(this.client, this.types, sql, params, true);
  }
}

/**
 * Takes a client from the pool for a transaction or a stream. The pool removes its own 'error'
 * listener from a client it hands out, so a backend that dies meanwhile (killed, server restart)
 * would emit an 'error' nobody listens to, which ends the process. This listener keeps the error
 * instead: the pending query rejects with it anyway, and `done()` passes it to `release()`, which
 * destroys the client rather than pooling it.
 */
async function checkout(pool: Pool): Promise<{ client: PoolClient; done(error?: unknown): void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (e: Error) => {
    lost ??= e;
  };
  client.on('error', onError);
  return {
    client,
    done: (error) => {
      client.off('error', onError);
      client.release(lost ?? (error instanceof Error ? error : undefined));
    },
  };
}

const ignore = () => {};

/**
 * node-postgres emits 'error' on a pool when an idle client's connection ends (a killed backend, a
 * server restart, a proxy's idle timeout), and on a bare client whenever its connection fails;
 * with no listener that ends the process. The pool has already discarded the client and a bare
 * client's pending queries reject with the error, so there is nothing left to do but not crash.
 * A pool or client the user passes gets this listener only when it has none: a user who listens
 * decides for themselves, and sluice adds nothing beside their handler.
 */
function survivesErrors(client: NodePgClient): void {
  const emitter = client as unknown as NodeJS.EventEmitter;
  if (emitter.listenerCount('error') === 0) emitter.on('error', ignore);
}

/**
 * Cancellation is only known to work on PostgreSQL (and PgBouncer in front of it): on any other dialect
 * the connection offers none, so time limits are refused there instead of silently not working.
 */
function cancelsOn<T extends DriverConnection>(conn: T, dialect: Dialect): T {
  if (dialect.name !== 'pg') (conn as { cancellable?: unknown }).cancellable = undefined;
  return conn;
}

function isPool(client: NodePgClient): client is Pool {
  // A second copy of `pg` in node_modules would fail `instanceof`, so fall back to the pool's shape.
  return client instanceof pg.Pool || ('totalCount' in client && 'idleCount' in client && typeof client.connect === 'function');
}

/**
 * A driver over a node-postgres client for a PostgreSQL-protocol dialect: sluice/node-postgres
 * runs it with PostgreSQL's hooks, sluice/cockroach with CockroachDB's.
 */
export class NodePgDriver extends NodePgConnection implements Driver {
  private readonly pool: Pool | undefined;
  /** A `Client` or `PoolClient` given as is: transactions queue on it. */
  readonly singleConnection: boolean;

  constructor(
    client: NodePgClient,
    private readonly dialect: Dialect,
    readonly driverName: string,
    prepare = true,
  ) {
    const pool = isPool(client) ? client : undefined;
    super(client, queryTypes(pool ? (pool.options.types ?? pg.types) : (client as Client)), prepare);
    this.pool = pool;
    this.singleConnection = pool === undefined;
    survivesErrors(client);
    cancelsOn(this, dialect);
  }

  rowCount(result: unknown): number | undefined {
    return (result as { rowCount: number | null }).rowCount ?? undefined;
  }

  describe(): { namespace?: string; host?: string; port?: number } {
    // A pool keeps its settings in `options` (perhaps as a connection string); a client has them
    // resolved as its own fields.
    const c = (this.pool ? this.pool.options : this.client) as { connectionString?: string; database?: string; host?: string; port?: number | string };
    let { database, host, port } = c;
    if (c.connectionString && URL.canParse(c.connectionString)) {
      const url = new URL(c.connectionString);
      database ??= decodeURIComponent(url.pathname.slice(1)) || undefined;
      host ??= url.hostname || undefined;
      port ??= url.port || 5432;
    }
    return { namespace: database, host, port: port === undefined ? undefined : Number(port) };
  }

  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    // A bare client is one connection already; a pool must pin one for the whole transaction.
    if (!this.pool) return runInTransaction(cancelsOn(new NodePgConnection(this.client, this.types, this.named), this.dialect), this.dialect, config, fn, log);
    const { client, done } = await checkout(this.pool);
    try {
      return await runInTransaction(cancelsOn(new NodePgConnection(client, this.types, this.named), this.dialect), this.dialect, config, fn, log);
    } finally {
      done(leftInTransaction(client));
    }
  }

  /** On a pool, the statement runs on a client taken for it, so its backend is known and can be cancelled. */
  override async cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    if (!this.pool) return super.cancellable(run, expired);
    const { client, done } = await checkout(this.pool);
    try {
      const conn = new NodePgConnection(client, this.types, this.named);
      return await cancelWhenExpired(
        () => run(conn),
        expired,
        () => cancelBackend(client),
      );
    } finally {
      done(leftInTransaction(client));
    }
  }

  /**
   * Outside a transaction: a cursor needs one, so the iteration takes a connection (from the pool)
   * and runs in a transaction of its own, which ends, and frees the connection, when the loop does.
   */
  override async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    const taken = this.pool ? await checkout(this.pool) : undefined;
    const client = taken ? taken.client : this.client;
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
      taken?.done(broken);
      // biome-ignore lint/correctness/noUnsafeFinally: thrown only when the body succeeded, so no error of the body is replaced
      if (broken && !failed) throw broken;
    }
  }
}

/**
 * An error when the client is still inside a transaction after sluice ended one (its rollback
 * failed or never ran): such a client must not go back to the pool, where the next caller's
 * statements would run in that transaction. node-postgres reports the server's last status
 * (`I` idle, `T` in a transaction, `E` in a failed one) from `getTransactionStatus()` (pg 8.16+).
 */
function leftInTransaction(client: PoolClient): Error | undefined {
  const status = (client as { getTransactionStatus?(): string | null }).getTransactionStatus?.();
  return status === 'T' || status === 'E' ? new Error(`the connection was left in a transaction (status ${status})`) : undefined;
}

/**
 * Reads the call forms `drizzle()` takes on node-postgres (a connection string, a client, or
 * `{ client }` / `{ connection }` with options) into the client and the options; `entry` names the
 * import path in errors.
 */
export function nodePgClientAndOptions<TOptions extends object>(
  config: string | NodePgClient | (TOptions & { client?: NodePgClient; connection?: string | PoolConfig }),
  more: TOptions | undefined,
  entry: string,
): { client: NodePgClient; options: TOptions } {
  if (typeof config === 'string') return { client: new pg.Pool({ connectionString: config }), options: more ?? ({} as TOptions) };
  if (typeof (config as { query?: unknown }).query === 'function') return { client: config as NodePgClient, options: more ?? ({} as TOptions) };
  const c = config as TOptions & { client?: NodePgClient; connection?: string | PoolConfig };
  if (c.client) return { client: c.client, options: c };
  if (c.connection !== undefined) return { client: new pg.Pool(typeof c.connection === 'string' ? { connectionString: c.connection } : c.connection), options: c };
  throw new DriverConfigError(`${entry}: drizzle() needs a client, a connection string or { client } / { connection }`);
}
