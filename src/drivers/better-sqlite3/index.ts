import Database, { type Database as BetterSqliteClient, type Options, type RunResult, type Statement } from 'better-sqlite3';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { Database as SluiceDatabase } from '../../core/database.js';
import { SluiceError } from '../../core/errors.js';
import type { Driver, SyncConnection, SyncStatement } from '../../core/session.js';
import { sqliteDialect } from '../../dialects/sqlite/dialect.js';
import { sqliteParams } from '../sqlite-shared.js';

/** Prepared statements kept per connection, keyed by SQL text (least recently used go first). */
const STATEMENT_CACHE_SIZE = 500;

/** A statement with its reader flag and raw mode remembered, so neither is asked of the driver again. */
class CachedStatement implements SyncStatement {
  private raw = false;
  readonly reader: boolean;
  used = 0;
  constructor(
    readonly sql: string,
    readonly stmt: Statement,
  ) {
    this.reader = stmt.reader;
  }
  arrays(params: unknown[]): unknown[][] {
    const stmt = this.stmt;
    if (!this.reader) {
      stmt.run(sqliteParams(params));
      return [];
    }
    if (!this.raw) {
      stmt.raw(true);
      this.raw = true;
    }
    return stmt.all(sqliteParams(params)) as unknown[][];
  }
  first(params: unknown[]): unknown[] | undefined {
    const stmt = this.stmt;
    if (!this.reader) {
      stmt.run(sqliteParams(params));
      return undefined;
    }
    if (!this.raw) {
      stmt.raw(true);
      this.raw = true;
    }
    return stmt.get(sqliteParams(params)) as unknown[] | undefined;
  }
  execute(params: unknown[]): unknown {
    const stmt = this.stmt;
    if (!this.reader) return stmt.run(sqliteParams(params));
    if (this.raw) {
      stmt.raw(false);
      this.raw = false;
    }
    return stmt.all(sqliteParams(params));
  }
}

/**
 * The statement cache is keyed by the SQL's length, then compared by text. Each query renders a
 * new string, and hashing it for a Map lookup costs several times more than comparing it with
 * the few cached statements of the same length.
 */
class BetterSqliteSync implements SyncConnection {
  private readonly byLength = new Map<number, CachedStatement[]>();
  private size = 0;
  private clock = 0;
  constructor(private readonly client: BetterSqliteClient) {}

  prepare(sql: string): CachedStatement {
    const bucket = this.byLength.get(sql.length);
    let entry: CachedStatement | undefined;
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i++) {
        if (bucket[i]!.sql === sql) {
          entry = bucket[i];
          break;
        }
      }
    }
    if (entry === undefined) {
      if (this.size >= STATEMENT_CACHE_SIZE) this.evict();
      entry = new CachedStatement(sql, this.client.prepare(sql));
      if (bucket === undefined) this.byLength.set(sql.length, [entry]);
      else bucket.push(entry);
      this.size++;
    }
    // A use stamp instead of reordering on every hit: the hit stays a lookup, and the least
    // recently used statement is found when one has to go.
    entry.used = ++this.clock;
    return entry;
  }

  private evict(): void {
    let oldest: CachedStatement | undefined;
    for (const bucket of this.byLength.values()) for (const e of bucket) if (oldest === undefined || e.used < oldest.used) oldest = e;
    if (oldest === undefined) return;
    const bucket = this.byLength.get(oldest.sql.length)!;
    bucket.splice(bucket.indexOf(oldest), 1);
    if (bucket.length === 0) this.byLength.delete(oldest.sql.length);
    this.size--;
  }

  arrays(sql: string, params: unknown[]): unknown[][] {
    return this.prepare(sql).arrays(params);
  }

  execute(sql: string, params: unknown[]): unknown {
    return this.prepare(sql).execute(params);
  }
}

class BetterSqliteDriver implements Driver {
  readonly driverName = 'better-sqlite3';
  readonly singleConnection = true;
  readonly sync: BetterSqliteSync;
  constructor(client: BetterSqliteClient) {
    this.sync = new BetterSqliteSync(client);
  }
  arrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    try {
      return Promise.resolve(this.sync.arrays(sql, params));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  execute(sql: string, params: unknown[]): Promise<unknown> {
    try {
      return Promise.resolve(this.sync.execute(sql, params));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  combineRuns(results: unknown[]): unknown {
    const parts = results as RunResult[];
    return { changes: parts.reduce((n, r) => n + r.changes, 0), lastInsertRowid: parts[parts.length - 1]!.lastInsertRowid };
  }
  rowCount(result: unknown): number | undefined {
    // `run()` reports the changes of a write; a row-returning statement run through `execute` gives its rows.
    return Array.isArray(result) ? result.length : (result as RunResult).changes;
  }
  transaction<T>(): Promise<T> {
    // Database.transaction takes the synchronous path for drivers with `sync`.
    return Promise.reject(new SluiceError('better-sqlite3 transactions run synchronously'));
  }
}

export type BetterSQLite3Options<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations>;

export interface BetterSQLite3Config<TSchema extends Record<string, unknown>, TRelations = undefined> extends BetterSQLite3Options<TSchema, TRelations> {
  client?: BetterSqliteClient;
  /** A file name (`:memory:` for a private in-memory database) or better-sqlite3 options with `source`. */
  connection?: string | ({ source?: string } & Options);
}

/** A database over better-sqlite3: awaitable queries, plus synchronous `.all()`, `.get()`, `.values()`, `.run()`. */
export type BetterSQLite3Database<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined> = SluiceDatabase<'sqlite-sync', RunResult, TSchema, TRelations> & { $client: BetterSqliteClient };

/**
 * Opens a database on better-sqlite3.
 *
 * @example
 * const db = drizzle();                       // in memory
 * const db2 = drizzle('app.db');
 * const rows = db2.select().from(users).all(); // synchronous
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(
  config?: string | BetterSqliteClient | BetterSQLite3Config<TSchema, TRelations>,
  more?: BetterSQLite3Options<TSchema, TRelations>,
): BetterSQLite3Database<TSchema, TRelations> {
  let client: BetterSqliteClient;
  let options: BetterSQLite3Options<TSchema, TRelations> = more ?? {};
  if (config === undefined) client = new Database(':memory:');
  else if (typeof config === 'string') client = new Database(config);
  else if (config instanceof Database) client = config;
  else {
    options = config as BetterSQLite3Config<TSchema, TRelations>;
    const c = config as BetterSQLite3Config<TSchema, TRelations>;
    if (c.client) client = c.client;
    else if (typeof c.connection === 'string') client = new Database(c.connection);
    else {
      const { source, ...rest } = c.connection ?? {};
      client = new Database(source ?? ':memory:', rest);
    }
  }
  return createDatabase<'sqlite-sync', RunResult, TSchema, TRelations, BetterSqliteClient>(sqliteDialect, new BetterSqliteDriver(client), client, options);
}
