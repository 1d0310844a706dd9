import { PGlite, type PGliteOptions, type Results } from '@electric-sql/pglite';
import type { Database } from '../../core/database.js';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { TransactionConfig } from '../../core/dialect.js';
import { driverManagedTransaction, transactionStatement, type Driver, type DriverConnection, type TransactionLog } from '../../core/session.js';
import { pgDialect } from '../../dialects/pg/dialect.js';
import { PG_RAW_TEXT_OIDS } from '../pg-shared.js';

type Queryable = Pick<PGlite, 'query'>;

const identity = (v: string) => v;
/**
 * PGlite reads 64-bit integers as numbers (bigints beyond 2^53), and Drizzle users get those from
 * raw `sql` expressions and `db.execute()`; the columns decode either form, so int8 is left to it.
 */
const pgliteParsed = new Set<number>([20]);
const parsers = Object.fromEntries(PG_RAW_TEXT_OIDS.filter((oid) => !pgliteParsed.has(oid)).map((oid) => [oid, identity]));
/**
 * The options sluice passes with every query. PGlite copies a query's options into a new object
 * for each protocol message it sends (`{ ...options, syncToFs: false }`); options that already
 * carry `syncToFs` keep their shape through that copy, and a select by primary key then runs about
 * as fast as with no options at all, where `{ rowMode: 'array' }` alone costs about 10% more
 * (PGlite 0.5.16, a loop of selects by primary key in one process: about 470 us a query against
 * 430 us). `true` is PGlite's own default, and it overrides the field for each message anyway.
 */
const arrayOptions = { rowMode: 'array' as const, syncToFs: true };

class PgliteConnection implements DriverConnection {
  constructor(readonly client: Queryable) {}
  async arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    const res = await this.client.query<unknown[]>(sql, params, arrayOptions);
    return res.rows;
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.client.query(sql, params);
  }
  combineRuns(results: unknown[]): unknown {
    const parts = results as { affectedRows?: number }[];
    return { ...parts[parts.length - 1]!, affectedRows: parts.reduce((n, r) => n + (r.affectedRows ?? 0), 0) };
  }
}

class PgliteDriver extends PgliteConnection implements Driver {
  readonly driverName = 'pglite';
  rowCount(result: unknown): number | undefined {
    const r = result as { affectedRows?: number; rows: unknown[]; fields: unknown[] };
    return r.fields.length > 0 ? r.rows.length : r.affectedRows;
  }
  constructor(readonly pglite: PGlite) {
    super(pglite);
    // PGlite merges per-query parsers into its whole parser table on every query (measured at
    // about 150 us a query), so the raw-text parsers are installed on the client once instead.
    // The client's own queries, and `db.execute()`, then also see these types as PostgreSQL's
    // text (a superset of `PG_EXECUTE_TEXT_OIDS`, whose other types PGlite returns as text too).
    // PGlite sets the parsers of array types while it starts, so they are installed again once it
    // is ready.
    const client = pglite as unknown as { parsers?: Record<number, unknown> };
    const install = () => {
      if (client.parsers) client.parsers = { ...client.parsers, ...parsers };
    };
    install();
    // A failed start surfaces on the first query; nothing to install then.
    if (!pglite.ready) pglite.waitReady.then(install, () => undefined);
  }
  transaction<T>(fn: (conn: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: TransactionLog): Promise<T> {
    const set = pgDialect.setTransaction(config);
    // PGlite begins and ends the transaction itself; the options are a statement of ours.
    let conn: PgliteConnection | undefined;
    return driverManagedTransaction(
      'begin',
      log,
      (body) =>
        this.pglite.transaction(async (tx) => {
          conn = new PgliteConnection(tx);
          if (set) await transactionStatement(set, log, () => tx.query(set));
          return body();
        }),
      () => fn(conn!),
    );
  }
}

export interface PgliteConfig<TSchema extends Record<string, unknown>, TRelations = undefined> extends DatabaseOptions<TSchema, TRelations> {
  client?: PGlite;
  connection?: string | PGliteOptions;
}

/** A database over PGlite, with the PGlite client at `db.$client`. */
export type PgliteDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> = Database<'pg', Results, TSchema, TRelations> & {
  $client: PGlite;
};

/**
 * Opens a database on PGlite, embedded PostgreSQL.
 *
 * @example
 * const db = drizzle();                         // in memory
 * const db2 = drizzle('./data');                // a data directory
 * const db3 = drizzle({ client: new PGlite(), logger: true });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(
  config?: string | PGlite | PgliteConfig<TSchema, TRelations>,
  more?: Omit<PgliteConfig<TSchema, TRelations>, 'client' | 'connection'>,
): PgliteDatabase<TSchema, TRelations> {
  let client: PGlite;
  let options: PgliteConfig<TSchema, TRelations> = more ?? {};
  if (config === undefined) client = new PGlite();
  else if (typeof config === 'string') client = new PGlite(config);
  else if (config instanceof PGlite) client = config;
  else {
    options = config;
    client = config.client ?? (typeof config.connection === 'string' ? new PGlite(config.connection) : new PGlite(config.connection));
  }
  return createDatabase<'pg', Results, TSchema, TRelations, PGlite>(pgDialect, new PgliteDriver(client), client, options);
}
