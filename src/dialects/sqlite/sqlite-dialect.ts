import { SQLDialect } from '../../core/dialect-class.js';
import { entityKind } from '../../core/entity.js';
import type { Casing } from '../../core/render.js';
import { sqliteDialect } from './dialect.js';

/**
 * SQLite's SQL rendering without a database. `SQLiteSyncDialect` and `SQLiteAsyncDialect` name
 * the same rendering for synchronous (better-sqlite3) and asynchronous (libsql) drivers.
 *
 * @example
 * new SQLiteSyncDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select ?', params: [1] }
 */
export class SQLiteDialect extends SQLDialect {
  static override readonly [entityKind]: string = 'SQLiteDialect';
  constructor(config?: { casing?: Casing }) {
    super(sqliteDialect, config);
  }
}

/** SQLite's rendering, as synchronous drivers use it. */
export class SQLiteSyncDialect extends SQLiteDialect {
  static override readonly [entityKind]: string = 'SQLiteSyncDialect';
}

/** SQLite's rendering, as asynchronous drivers use it. */
export class SQLiteAsyncDialect extends SQLiteDialect {
  static override readonly [entityKind]: string = 'SQLiteAsyncDialect';
}
