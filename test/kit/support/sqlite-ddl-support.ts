/**
 * Small builders for SQLite kit models, and the two ways to apply a migration's statements:
 * the way the kit's runner does (foreign-key pragmas outside the transaction, a
 * `foreign_key_check` before commit) and the way drizzle-kit does (everything inside).
 */
import type { Client } from '@libsql/client';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { sqliteRender } from '../../../src/dialects/sqlite/kit/ddl.js';
import type { Change, Statement, TableRef } from '../../../src/kit/changes.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, Snapshot, TableModel, ViewModel } from '../../../src/kit/model.js';
import { column as sharedColumn, foreignKey, index as sharedIndex, indexColumn, snapshot as sharedSnapshot, table as sharedTable, view as sharedView } from './model-builders.js';

/** SQLite's builders: the shared ones with no schema, and index columns quoted with backticks. */
export const column = sharedColumn;

export function table(name: string, columns: ColumnModel[], over: Partial<TableModel> = {}): TableModel {
  return sharedTable(name, columns, { schema: undefined, ...over });
}

export function pk(tableName: string, ...columns: string[]): TableModel['primaryKey'] {
  return { name: `${tableName}_pk`, columns };
}

export function fk(name: string, columns: string[], tableTo: string, columnsTo: string[], onDelete: ForeignKeyModel['onDelete'] = 'no action'): ForeignKeyModel {
  return foreignKey(name, columns, tableTo, columnsTo, { schemaTo: undefined, onDelete });
}

export function index(name: string, columns: string[], over: Partial<IndexModel> = {}): IndexModel {
  return sharedIndex(
    name,
    columns.map((c) => indexColumn('', { expression: `\`${c}\`` })),
    over,
  );
}

export function view(name: string, definition: string | undefined): ViewModel {
  return sharedView(name, definition, { schema: undefined });
}

export function snapshot(tables: TableModel[], views: ViewModel[] = []): Snapshot {
  return sharedSnapshot('sqlite', { tables, views });
}

const off = 'PRAGMA foreign_keys=OFF';
const on = 'PRAGMA foreign_keys=ON';

/** Splits off the leading OFF and trailing ON pragmas the runner runs outside its transaction. */
function hoist(statements: readonly Statement[]): { before: string[]; body: string[]; after: string[] } {
  const body = statements.map((s) => s.sql);
  const before = body[0] === off ? [body.shift()!] : [];
  const after = body.at(-1) === on ? [body.pop()!] : [];
  return { before, body, after };
}

/** Applies statements as the kit's runner does; throws if `foreign_key_check` finds a broken reference. */
export function applyLikeRunner(db: BetterSqlite3.Database, statements: readonly Statement[]): void {
  const { before, body, after } = hoist(statements);
  for (const s of before) db.exec(s);
  db.exec('BEGIN');
  try {
    for (const s of body) db.exec(s);
    const broken = db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length > 0) throw new Error(`foreign_key_check: ${JSON.stringify(broken)}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  for (const s of after) db.exec(s);
}

/** Applies statements as drizzle-kit does: all in one transaction, where the pragmas do nothing. */
export function applyInsideTransaction(db: BetterSqlite3.Database, statements: readonly Statement[]): void {
  db.exec('BEGIN');
  for (const s of statements) db.exec(s.sql);
  db.exec('COMMIT');
}

/**
 * `applyLikeRunner` on a libsql client. The client must hold one connection (`concurrency: 1`):
 * a connection pool would run the pragma and the transaction on different connections.
 */
export async function applyLikeRunnerLibsql(client: Client, statements: readonly Statement[]): Promise<void> {
  const { before, body, after } = hoist(statements);
  for (const s of before) await client.execute(s);
  const tx = await client.transaction('write');
  try {
    for (const s of body) await tx.execute(s);
    const broken = await tx.execute('PRAGMA foreign_key_check');
    if (broken.rows.length > 0) throw new Error(`foreign_key_check: ${JSON.stringify(broken.rows)}`);
    await tx.commit();
  } finally {
    tx.close();
  }
  for (const s of after) await client.execute(s);
}

/** `applyInsideTransaction` on a libsql client. */
export async function applyInsideTransactionLibsql(client: Client, statements: readonly Statement[]): Promise<void> {
  const tx = await client.transaction('write');
  try {
    for (const s of statements) await tx.execute(s.sql);
    await tx.commit();
  } finally {
    tx.close();
  }
}

/**
 * A fresh in-memory better-sqlite3 database per test (foreign keys on), and the catalog reads the
 * tests check. Call once at the top of a test file.
 */
export function sqliteTestDb() {
  let db: BetterSqlite3.Database | undefined;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
  });
  afterEach(() => db?.close());
  const h = {
    get db(): BetterSqlite3.Database {
      if (db === undefined) throw new Error('the database opens in beforeEach');
      return db;
    },
    all: (sql: string): Record<string, unknown>[] => h.db.prepare(sql).all() as Record<string, unknown>[],
    catalogSql: (name: string): string | undefined => (h.db.prepare('select sql from sqlite_master where name = ?').get(name) as { sql: string } | undefined)?.sql,
    columnsOf: (t: string) => h.all(`select name, type, "notnull", dflt_value, pk, hidden from pragma_table_xinfo('${t}') order by cid`),
    /** Creates `tables` through the renderer itself (create_table, add_foreign_key and create_index changes). */
    createAll(tables: TableModel[]): Snapshot {
      const to = snapshot(tables);
      const changes: Change[] = [
        ...tables.map((t): Change => ({ kind: 'create_table', table: { ...t, foreignKeys: [], indexes: [] } })),
        ...tables.flatMap((t) => t.foreignKeys.map((f): Change => ({ kind: 'add_foreign_key', table: ref(t.name), foreignKey: f }))),
        ...tables.flatMap((t) => t.indexes.map((i): Change => ({ kind: 'create_index', table: ref(t.name), index: i }))),
      ];
      applyLikeRunner(h.db, sqliteRender(changes, { from: snapshot([]), to }));
      return to;
    },
  };
  return h;
}

export const ref = (name: string): TableRef => ({ schema: undefined, name });
export const sqls = (statements: Statement[]): string[] => statements.map((s) => s.sql);
