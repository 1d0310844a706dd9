import postgres, { type Options, type PostgresType, type RowList, type Sql } from 'postgres';
import { runInTransaction, type Database } from '../../core/database.js';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { DriverConfigError } from '../../core/errors.js';
import { driverManagedTransaction, type Driver, type DriverConnection } from '../../core/session.js';
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

const prepared = { prepare: true };

/** Rows read per round trip by `.iterator()`. */
const FETCH_SIZE = 1000;

class PostgresJsConnection implements DriverConnection {
  constructor(readonly client: Queryable & Pick<PostgresJsClient, 'typed'>) {}
  arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.client.unsafe(sql, prepareParams(this.client, params), prepared).values() as Promise<unknown[][]>;
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.client.unsafe(sql, prepareParams(this.client, params), prepared);
  }
  /**
   * postgres.js's cursor: a portal read `FETCH_SIZE` rows a round trip, which needs no transaction;
   * leaving the loop early closes it and frees the connection.
   */
  async *iterate(sql: string, params: unknown[]): AsyncGenerator<unknown[], void, undefined> {
    const batches = this.client.unsafe(sql, prepareParams(this.client, params), prepared).values().cursor(FETCH_SIZE) as AsyncIterable<unknown[][]>;
    for await (const rows of batches) yield* rows;
  }
  combineRuns(results: unknown[]): unknown {
    // The last part's result (an array with the statement's details), counting every part's rows.
    const parts = results as { count: number }[];
    return Object.assign(parts[parts.length - 1]!, { count: parts.reduce((n, r) => n + (r.count ?? 0), 0) });
  }
}

class PostgresJsDriver extends PostgresJsConnection implements Driver {
  readonly driverName = 'postgres-js';
  constructor(readonly sql: PostgresJsClient) {
    super(sql);
  }

  async transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: (statement: string) => void): Promise<T> {
    // postgres.js refuses `begin` on a pooled connection; a reserved one is ours until released.
    if (typeof this.sql.reserve !== 'function') {
      const begin = pgDialect.begin(config);
      const modes = begin.replace(/^begin\s*/, '');
      let conn: PostgresJsConnection | undefined;
      const open = (body: () => Promise<T>) =>
        this.sql.begin(modes, (tx) => {
          conn = new PostgresJsConnection(tx);
          return body();
        }) as Promise<T>;
      return driverManagedTransaction(begin, log, open, () => fn(conn!));
    }
    const reserved = await this.sql.reserve();
    try {
      return await runInTransaction(new PostgresJsConnection(reserved), pgDialect, config, fn, log);
    } finally {
      reserved.release();
    }
  }
}

/** Options of `drizzle()` shared by every call form. */
export type PostgresJsOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations>;

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
  return createDatabase<'pg', PostgresJsQueryResult, TSchema, TRelations, PostgresJsClient>(pgDialect, new PostgresJsDriver(client), client, options);
}
