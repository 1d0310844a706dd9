import postgres, { type Options, type PostgresType, type RowList, type Sql } from 'postgres';
import { runInTransaction, type Database } from '../../core/database.js';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError } from '../../core/errors.js';
import { driverManagedTransaction, type Driver, type DriverConnection, type TransactionLog } from '../../core/session.js';
import { cancelWhenExpired } from '../../core/timeout.js';
import { pgDialect } from '../../dialects/pg/dialect.js';
import { PG_RAW_TEXT_OIDS } from '../pg-shared.js';

/** What `drizzle()` accepts as a postgres.js client: the `sql` function that `postgres()` returns. */
export type PostgresJsClient = Sql<Record<string, unknown>>;

/** The result of `db.execute(...)` and of writes without `returning()`: postgres.js's own row list. */
export type PostgresJsQueryResult = RowList<Record<string, unknown>[]>;

type Queryable = Pick<PostgresJsClient, 'unsafe'>;
type Serializer = (value: unknown) => string;

const text: Serializer = (v) => (v instanceof Date ? v.toISOString() : String(v));
// The columns hand JSON over as text already; objects come from raw `sql` parameters.
const jsonText: Serializer = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

function arrayLiteral(value: unknown, element: Serializer): string {
  if (!Array.isArray(value)) return String(value);
  let out = '{';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ',';
    const v: unknown = value[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (Array.isArray(v)) out += arrayLiteral(v, element);
    else out += `"${element(v).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

const jsonOids = [114, 3802];
/**
 * Array types whose parser postgres.js builds on connect from the element's parser (so their
 * elements arrive as text, in an array) and that Drizzle's raw queries get as arrays too.
 */
const builtArrays = new Set<number>([1187]);
/** The element type of each array type in `PG_RAW_TEXT_OIDS` that sluice keeps as text. */
const arrayElement: Record<number, number> = { 1231: 1700, 1182: 1082, 1115: 1114, 1185: 1184 };
const rawParser = (value: string) => value;

/**
 * Parsers and serializers for `PG_RAW_TEXT_OIDS`. Parsing returns PostgreSQL's text, which the
 * columns decode. postgres.js's own date serializer would reparse strings with `new Date` (in the
 * process's time zone), so strings pass through. Array types kept as text get both a parser and a
 * serializer, because postgres.js replaces an array type's parser on connect unless both are
 * present. JSON keeps postgres.js's parser (Drizzle users get parsed JSON from raw `sql`), but its
 * serializer would stringify the columns' JSON text a second time, so strings pass through.
 */
const rawTypes: [oid: number, parse: ((value: string) => string) | undefined, serialize: Serializer][] = [
  ...PG_RAW_TEXT_OIDS.filter((oid) => !builtArrays.has(oid)).map((oid): [number, (value: string) => string, Serializer] => {
    const el = arrayElement[oid];
    return [oid, rawParser, el === undefined ? text : (v) => arrayLiteral(v, text)];
  }),
  ...jsonOids.map((oid): [number, undefined, Serializer] => [oid, undefined, jsonText]),
];

/**
 * Makes a postgres.js instance return `PG_RAW_TEXT_OIDS` as text. The parser tables are per
 * instance and shared by its connections, so this changes them for the user's own queries on a
 * client given to `drizzle()` as well.
 */
function adoptClient(client: PostgresJsClient): void {
  const { parsers, serializers } = client.options;
  for (const [oid, parse, serialize] of rawTypes) {
    if (parse) parsers[oid] = parse;
    serializers[oid] = serialize;
  }
}

/**
 * postgres.js declares a parameter's type from its JavaScript value, and for an array that is the
 * type of its first element (`[true]` is sent as `boolean`, not `boolean[]`), which the server
 * rejects. Arrays are sent untyped instead, so the server infers the array type from the statement
 * and postgres.js serializes them with that type's serializer. `undefined` becomes `null`, as with
 * node-postgres and PGlite.
 */
function prepareParams(client: Queryable & Pick<PostgresJsClient, 'typed'>, params: unknown[]): unknown[] {
  let out = params;
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    if (v === undefined || Array.isArray(v)) {
      if (out === params) out = params.slice();
      out[i] = v === undefined ? null : client.typed(v, 0);
    }
  }
  return out;
}

/** The statement options: named and cached per connection, or unnamed (`prepare: false`). */
const preparedOptions = { prepare: true };
const unnamedOptions = { prepare: false };

/** Rows read per round trip by `.iterator()`. */
const FETCH_SIZE = 1000;

/**
 * Whether postgres.js's error means the connection is gone: its own connection errors, or a
 * server error of severity FATAL (a terminated backend, 57P01), after which the server closes it.
 */
const socketErrors = new Set(['EPIPE', 'ECONNRESET', 'ETIMEDOUT']);

function endsConnection(e: unknown): boolean {
  const err = e as { code?: unknown; severity?: unknown } | null;
  return err !== null && typeof err === 'object' && ((typeof err.code === 'string' && (err.code.startsWith('CONNECTION_') || socketErrors.has(err.code))) || err.severity === 'FATAL');
}

/**
 * postgres.js keeps the FATAL error of a statement whose backend was terminated and, when it
 * reconnects that connection, rejects the first statement (or `reserve()`) waiting for it with that
 * same old error, whose `query` names the old statement. The waiting statement was never sent,
 * so it is safe to send again, once.
 */
function staleError(e: unknown, sql: string | undefined): boolean {
  const err = e as { query?: unknown; severity?: unknown } | null;
  return err !== null && typeof err === 'object' && err.severity === 'FATAL' && typeof err.query === 'string' && err.query !== sql;
}

function retryStale<T>(sql: string | undefined, run: () => Promise<T>): Promise<T> {
  return run().catch((e: unknown) => {
    if (staleError(e, sql)) return run();
    throw e;
  });
}

/** How long a timed-out call waits for its cancel request to reach the server, at most. */
const CANCEL_DELIVERY_MS = 10_000;

class PostgresJsConnection implements DriverConnection {
  /** The statement this connection sent last, which `cancellable` cancels. */
  protected sent: { cancel(): unknown } | undefined;
  constructor(
    readonly client: Queryable & Pick<PostgresJsClient, 'typed'>,
    protected readonly prepared: { prepare: boolean },
  ) {}
  /** Sends a statement and keeps it, so it can be cancelled. */
  protected send(sql: string, params: unknown[], options: object): ReturnType<Queryable['unsafe']> {
    const q = this.client.unsafe(sql, prepareParams(this.client, params), options);
    this.sent = q;
    return q;
  }
  arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return retryStale(sql, () => this.send(sql, params, this.prepared).values() as Promise<unknown[][]>);
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return retryStale(sql, () => this.send(sql, params, this.prepared));
  }
  /**
   * postgres.js cancels a query itself (a cancel request for a running one, unqueued otherwise).
   * The call ends only after the server has taken the request (bounded, should it never be sent),
   * so a late one cannot stop the connection's next statement.
   */
  cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    const conn = this.forOneCall();
    return cancelWhenExpired(
      () => run(conn),
      expired,
      () => {
        const sent = conn.sent;
        if (!sent) return undefined;
        const delivered = Promise.resolve(sent.cancel()).catch(() => undefined);
        // The cancel request travels on a new connection, which a busy server may take seconds to
        // accept; giving up on it early lets it land on the connection's next statement instead.
        return Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, CANCEL_DELIVERY_MS).unref())]);
      },
    );
  }
  /**
   * postgres.js's cursor: a portal read `FETCH_SIZE` rows a round trip, which needs no transaction;
   * leaving the loop early closes it and frees the connection.
   */
  async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    const batches = this.client.unsafe(sql, prepareParams(this.client, params), this.prepared).values().cursor(FETCH_SIZE) as AsyncIterable<unknown[][]>;
    for await (const rows of batches) yield* rows;
  }
  combineRuns(results: unknown[]): unknown {
    // The last part's result (an array with the statement's details), counting every part's rows.
    const parts = results as { count: number }[];
    return Object.assign(parts[parts.length - 1]!, { count: parts.reduce((n, r) => n + (r.count ?? 0), 0) });
  }
  /** The connection one cancellable call sends on: a view of its own, so it knows its statement. */
  protected forOneCall(): PostgresJsConnection {
    return new PostgresJsConnection(this.client, this.prepared);
  }
}

/** The part of postgres.js's connection object a reserved connection watches (not public API). */
interface PostgresJsSocket {
  onclose?: ((error: Error) => void) | null;
}

/**
 * A connection reserved for a transaction. postgres.js does not guard a reserved connection whose
 * socket has closed (a killed backend, a server restart): a statement sent on it afterwards
 * throws from a timer (an uncaught exception), and `release()` puts the dead connection back
 * among the open ones, where the next query crashes the same way. So this watches the connection
 * as postgres.js's own `begin()` does (its `onclose`, reached through the first statement's
 * `onexecute`) and its errors, rejects every later statement with the reason, and is not
 * released once lost: postgres.js has moved it to its closed connections, to reconnect later.
 */
class ReservedConnection extends PostgresJsConnection {
  /** Why the connection closed, once it has. */
  lost: Error | undefined;
  private watching = false;
  /**
   * Rejects when the connection closes: postgres.js drops the statements pending on a socket that
   * closes with an error (they would never settle), so each statement also waits on this.
   */
  private readonly closed: Promise<never>;
  private close!: (error: Error) => void;
  private readonly options = {
    ...this.prepared,
    onexecute: (c: PostgresJsSocket) => {
      if (!this.watching) {
        this.watching = true;
        c.onclose = (error) => {
          this.lost ??= error ?? new Error('the connection closed');
          this.close(this.lost);
        };
      }
      // postgres.js reads a true result as "the connection may take more statements".
      return true;
    },
  };
  constructor(
    readonly reserved: postgres.ReservedSql<Record<string, unknown>>,
    prepared: { prepare: boolean },
  ) {
    super(reserved, prepared);
    this.closed = new Promise<never>((_, reject) => {
      this.close = reject;
    });
    this.closed.catch(() => undefined);
  }
  /** Notes an error that ends the connection, so nothing more is sent on it, not even `rollback`. */
  private watch<T>(run: () => Promise<T>): Promise<T> {
    if (this.lost) return Promise.reject(new Error(`postgres-js: the connection was lost (${this.lost.message}); the server rolled back its open transaction`));
    const statement = run();
    return Promise.race([statement, this.closed]).catch((e: unknown) => {
      // A statement left behind by a closed connection may still reject later; nobody waits for it.
      statement.then(undefined, () => undefined);
      if (endsConnection(e)) this.lost ??= e as Error;
      throw e;
    });
  }
  override arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.watch(() => this.send(sql, params, this.watching ? this.prepared : this.options).values() as Promise<unknown[][]>);
  }
  override execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.watch(() => this.send(sql, params, this.watching ? this.prepared : this.options));
  }
  /** One statement at a time runs on a transaction's connection: the last one sent is the one to cancel. */
  protected override forOneCall(): PostgresJsConnection {
    return this;
  }
  release(): void {
    if (!this.lost) this.reserved.release();
  }
}

class PostgresJsDriver extends PostgresJsConnection implements Driver {
  readonly driverName = 'postgres-js';
  constructor(
    readonly sql: PostgresJsClient,
    prepared: { prepare: boolean },
  ) {
    super(sql, prepared);
  }

  rowCount(result: unknown): number | undefined {
    return (result as { count?: number }).count ?? undefined;
  }

  describe(): { namespace?: string; host?: string; port?: number } {
    const o = (this.sql as { options?: { database?: string; host?: string[]; port?: number[] } }).options;
    return { namespace: o?.database, host: o?.host?.[0], port: o?.port?.[0] };
  }

  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    // postgres.js refuses `begin` on a pooled connection; a reserved one is ours until released.
    if (typeof this.sql.reserve !== 'function') {
      const begin = pgDialect.begin(config);
      const modes = begin.replace(/^begin\s*/, '');
      let conn: PostgresJsConnection | undefined;
      const open = (body: () => Promise<T>) =>
        this.sql.begin(modes, (tx) => {
          conn = new PostgresJsConnection(tx, this.prepared);
          return body();
        }) as Promise<T>;
      return driverManagedTransaction(begin, log, open, () => fn(conn!));
    }
    const reserved = new ReservedConnection(await retryStale(undefined, () => this.sql.reserve()), this.prepared);
    try {
      return await runInTransaction(reserved, pgDialect, config, fn, log);
    } finally {
      reserved.release();
    }
  }
}

/** Options of `drizzle()` shared by every call form. */
export type PostgresJsOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations> & {
  /**
   * `false` sends every statement unnamed (postgres.js's `prepare: false`): for PgBouncer (before
   * 1.21, or without `max_prepared_statements`) and other poolers in transaction mode, where a
   * statement prepared on one server connection is missing from (or already on) the next.
   * Defaults to the client's own `prepare` setting (postgres.js's default is `true`), so a client
   * made with `postgres(url, { prepare: false })` is honoured as it is (and `true` cannot turn
   * naming back on for it: postgres.js's client setting wins).
   *
   * @example
   * const db = drizzle({ connection: { url: process.env.PGBOUNCER_URL, prepare: false } });
   * const db2 = drizzle(postgres(process.env.PGBOUNCER_URL!, { prepare: false }));
   */
  prepare?: boolean;
};

/** postgres.js connection settings: its options, with the connection string as `url`. */
export type PostgresJsConnectionOptions = { url?: string } & Options<Record<string, PostgresType>>;

/** `drizzle({ ... })`: a client to use, or connection settings for a client sluice creates. */
export interface PostgresJsConfig<TSchema extends Record<string, unknown>, TClient extends PostgresJsClient = PostgresJsClient, TRelations = undefined> extends PostgresJsOptions<TSchema, TRelations> {
  client?: TClient;
  connection?: string | PostgresJsConnectionOptions;
}

/** A database over postgres.js, with the `sql` client at `db.$client`. */
export type PostgresJsDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends PostgresJsClient = PostgresJsClient, TRelations = undefined> = Database<'pg', PostgresJsQueryResult, TSchema, TRelations> & {
  $client: TClient;
};

/**
 * Opens a database on postgres.js. A connection string or options create a client; a given
 * client is used as is, except that sluice makes it return dates, JSON, 64-bit and exact numbers
 * as PostgreSQL's text (the columns decode them), which also applies to other queries on it.
 *
 * @example
 * const db = drizzle(process.env.DATABASE_URL!);
 * const db2 = drizzle(postgres(process.env.DATABASE_URL!), { logger: true });
 * const db3 = drizzle({ connection: { url: process.env.DATABASE_URL, max: 4 }, schema });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends PostgresJsClient = PostgresJsClient, TRelations = undefined>(
  client: TClient,
  options?: PostgresJsOptions<TSchema, TRelations>,
): PostgresJsDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: PostgresJsOptions<TSchema, TRelations>): PostgresJsDatabase<TSchema, PostgresJsClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends PostgresJsClient = PostgresJsClient, TRelations = undefined>(
  config: PostgresJsConfig<TSchema, TClient, TRelations> & ({ client: TClient } | { connection: string | PostgresJsConnectionOptions }),
): PostgresJsDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(
  config: string | PostgresJsClient | PostgresJsConfig<TSchema, PostgresJsClient, TRelations>,
  more?: PostgresJsOptions<TSchema, TRelations>,
): PostgresJsDatabase<TSchema, PostgresJsClient, TRelations> {
  let client: PostgresJsClient;
  let options: PostgresJsOptions<TSchema, TRelations> = more ?? {};
  if (typeof config === 'string') client = postgres(config) as PostgresJsClient;
  else if (typeof config === 'function') client = config;
  else {
    options = config;
    if (config.client) client = config.client;
    else if (typeof config.connection === 'string') client = postgres(config.connection) as PostgresJsClient;
    else if (config.connection) {
      const { url, ...rest } = config.connection;
      client = (url === undefined ? postgres(rest) : postgres(url, rest)) as PostgresJsClient;
    } else throw new DriverConfigError('sluice/postgres-js: drizzle() needs a client, a connection string or { client } / { connection }');
  }
  adoptClient(client);
  return createDatabase<'pg', PostgresJsQueryResult, TSchema, TRelations, PostgresJsClient>(pgDialect, new PostgresJsDriver(client, (options.prepare ?? client.options.prepare !== false) ? preparedOptions : unnamedOptions), client, options);
}
