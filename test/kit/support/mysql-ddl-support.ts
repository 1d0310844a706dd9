/**
 * Small models for the MySQL DDL tests, and a throwaway database on the server at
 * SLUICE_MYSQL_URL to run their statements on and read the catalog back.
 */
import mysql from 'mysql2/promise';
import type { Statement } from '../../../src/kit/changes.js';
import type { ColumnModel, IndexColumnModel, IndexModel, Snapshot, TableModel, ViewModel } from '../../../src/kit/model.js';
import { createMysqlDatabase, mysqlServerUrl } from '../../support/behaviour.js';
import { column, index, indexColumn, snapshot, table as sharedTable, view as sharedView } from './model-builders.js';

export const mysqlUrl: string | undefined = mysqlServerUrl;

/** MySQL's builders: the shared ones with no schema, and index columns quoted with backticks. */
export const col = column;

export function table(name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return sharedTable(name, columns, { schema: undefined, ...extra });
}

export function idx(name: string, columns: (string | Partial<IndexColumnModel>)[], extra: Partial<IndexModel> = {}): IndexModel {
  // The extra fields override the shared builder's double-quoted column name.
  const parts = columns.map((c) => indexColumn('', typeof c === 'string' ? { expression: `\`${c}\`` } : { expression: '', ...c }));
  return index(name, parts, extra);
}

export function view(name: string, definition: string | undefined, options: ViewModel['options'] = {}): ViewModel {
  return sharedView(name, definition, { schema: undefined, options });
}

export function snap(tables: TableModel[] = [], views: ViewModel[] = []): Snapshot {
  return snapshot('mysql', { tables, views });
}

export const ref = (name: string) => ({ schema: undefined, name });

type Row = Record<string, unknown>;

/** A database of its own (`createMysqlDatabase`'s) on one connection; `close()` drops it. */
export interface ScratchDb {
  name: string;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  run(statements: readonly Statement[]): Promise<void>;
  /** information_schema.COLUMNS of a table, by column name. */
  columns(table: string): Promise<Record<string, { type: string; nullable: boolean; default: string | null; extra: string; generation: string | null }>>;
  /** information_schema.STATISTICS of a table: each index's columns in order. */
  indexes(table: string): Promise<Record<string, { unique: boolean; columns: string[]; type: string; collations: (string | null)[] }>>;
  /** information_schema.TABLE_CONSTRAINTS of a table: name -> type. */
  constraints(table: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function scratchDb(): Promise<ScratchDb> {
  const database = await createMysqlDatabase();
  const name = database.name;
  const conn = await mysql.createConnection({ uri: database.url, dateStrings: true });
  const query = async (sql: string, params: unknown[] = []): Promise<Row[]> => {
    const [rows] = await conn.query(sql, params);
    return rows as Row[];
  };
  return {
    name,
    query,
    run: async (statements) => {
      for (const s of statements) await conn.query(s.sql);
    },
    columns: async (t) => {
      const rows = await query('select COLUMN_NAME n, COLUMN_TYPE t, IS_NULLABLE nl, COLUMN_DEFAULT d, EXTRA e, GENERATION_EXPRESSION g from information_schema.COLUMNS where TABLE_SCHEMA = ? and TABLE_NAME = ? order by ORDINAL_POSITION', [
        name,
        t,
      ]);
      return Object.fromEntries(rows.map((r) => [r.n, { type: String(r.t), nullable: r.nl === 'YES', default: r.d === null ? null : String(r.d), extra: String(r.e), generation: r.g === null ? null : String(r.g) }]));
    },
    indexes: async (t) => {
      const rows = await query('select INDEX_NAME n, COLUMN_NAME c, NON_UNIQUE nu, INDEX_TYPE it, COLLATION co from information_schema.STATISTICS where TABLE_SCHEMA = ? and TABLE_NAME = ? order by INDEX_NAME, SEQ_IN_INDEX', [name, t]);
      const out: Record<string, { unique: boolean; columns: string[]; type: string; collations: (string | null)[] }> = {};
      for (const r of rows) {
        const entry = (out[String(r.n)] ??= { unique: Number(r.nu) === 0, columns: [], type: String(r.it), collations: [] });
        entry.columns.push(String(r.c));
        entry.collations.push(r.co === null ? null : String(r.co));
      }
      return out;
    },
    constraints: async (t) => {
      const rows = await query('select CONSTRAINT_NAME n, CONSTRAINT_TYPE ty from information_schema.TABLE_CONSTRAINTS where TABLE_SCHEMA = ? and TABLE_NAME = ?', [name, t]);
      return Object.fromEntries(rows.map((r) => [r.n, r.ty]));
    },
    close: async () => {
      await conn.end();
      await database.drop();
    },
  };
}
