/**
 * A database's catalog as sorted lines of text (tables, columns, keys, indexes, enums), read with
 * the raw drivers, so two databases migrated from the same folder can be compared and a test can
 * assert what the catalog holds. The migrations' tracking tables are left out.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';

const tracking = /^__(sluice|drizzle)_migrations$/;

const pgCatalogSql = {
  columns: `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  constraints: `select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
  indexes: `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`,
  enums: `select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by 1`,
};

function pgLines(rows: Record<keyof typeof pgCatalogSql, Record<string, unknown>[]>): string[] {
  return [
    ...rows.columns.filter((r) => !tracking.test(String(r.table_name))).map((r) => `column ${r.table_name}.${r.column_name} ${r.data_type} null=${r.is_nullable} default=${r.column_default}`),
    ...rows.constraints.map((r) => `constraint ${r.tbl} ${r.conname} ${r.def}`),
    ...rows.indexes.filter((r) => !tracking.test(String(r.tablename))).map((r) => `index ${r.indexname} ${r.indexdef}`),
    ...rows.enums.map((r) => `enum ${r.typname} ${r.labels}`),
  ].sort();
}

/** The catalog of a PostgreSQL database read through any query function (a session already open on it). */
export async function pgCatalogOf(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<string[]> {
  const rows = {} as Record<keyof typeof pgCatalogSql, Record<string, unknown>[]>;
  for (const [k, q] of Object.entries(pgCatalogSql)) rows[k as keyof typeof pgCatalogSql] = await query(q);
  return pgLines(rows);
}

export async function pgliteCatalog(dataDir: string): Promise<string[]> {
  const db = new PGlite(dataDir);
  try {
    const rows = {} as Record<keyof typeof pgCatalogSql, Record<string, unknown>[]>;
    for (const [k, q] of Object.entries(pgCatalogSql)) rows[k as keyof typeof pgCatalogSql] = (await db.query<Record<string, unknown>>(q)).rows;
    return pgLines(rows);
  } finally {
    await db.close();
  }
}

export async function pgCatalog(url: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const rows = {} as Record<keyof typeof pgCatalogSql, Record<string, unknown>[]>;
    for (const [k, q] of Object.entries(pgCatalogSql)) rows[k as keyof typeof pgCatalogSql] = (await client.query(q)).rows as Record<string, unknown>[];
    return pgLines(rows);
  } finally {
    await client.end();
  }
}

export function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const objects = db.prepare(`select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by name`).all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
    const lines: string[] = [];
    for (const o of objects) {
      if (tracking.test(o.tbl_name)) continue;
      lines.push(`${o.type} ${o.name} ${o.sql ?? ''}`);
      if (o.type !== 'table') continue;
      for (const c of db.prepare(`select * from pragma_table_info(?)`).all(o.name) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
        lines.push(`column ${o.name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
      }
      for (const f of db.prepare(`select * from pragma_foreign_key_list(?)`).all(o.name) as { from: string; table: string; to: string; on_delete: string }[]) {
        lines.push(`fk ${o.name}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete}`);
      }
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

export async function mysqlCatalog(url: string): Promise<string[]> {
  const conn = await mysql.createConnection(url);
  try {
    const q = async (text: string) => ((await conn.query(text))[0] as Record<string, unknown>[]).filter((r) => !tracking.test(String(r.t)));
    const columns = await q(`select table_name t, column_name c, column_type ty, is_nullable n, column_default d, extra e from information_schema.columns where table_schema = database()`);
    const stats = await q(`select table_name t, index_name i, non_unique u, seq_in_index s, column_name c from information_schema.statistics where table_schema = database()`);
    const fks = await q(
      `select k.table_name t, k.constraint_name n, k.column_name c, k.referenced_table_name rt, k.referenced_column_name rc, r.delete_rule dr from information_schema.key_column_usage k join information_schema.referential_constraints r on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name where k.table_schema = database()`,
    );
    return [
      ...columns.map((r) => `column ${r.t}.${r.c} ${r.ty} null=${r.n} default=${r.d} ${r.e}`),
      ...stats.map((r) => `index ${r.t}.${r.i} unique=${r.u === 0 || r.u === '0' ? 1 : 0} ${r.s}:${r.c}`),
      ...fks.map((r) => `fk ${r.t}.${r.n} ${r.c} -> ${r.rt}.${r.rc} on delete ${r.dr}`),
    ].sort();
  } finally {
    await conn.end();
  }
}
