import type { KitDialectName } from './model.js';
import type { MigrationSession } from './runner.js';

/**
 * The tracking table's SQL for each dialect. Two formats:
 * - `sluice`: id, name (unique), hash, created_at (bigint ms), applied_at.
 * - `drizzle`: drizzle-orm's `__drizzle_migrations` (0.x: id, hash, created_at; 1.0 adds a
 *   `name` column, which is filled in when the table has it).
 */

export type TrackingFormat = 'sluice' | 'drizzle';

export interface TrackingTable {
  table: string;
  /** PostgreSQL only; the connection's database elsewhere. */
  schema: string | undefined;
  format: TrackingFormat;
}

/** One row of the tracking table, in either format. */
export interface TrackedRow {
  name: string | undefined;
  hash: string;
  createdAt: number | undefined;
}

export const SLUICE_TABLE = '__sluice_migrations';
export const SLUICE_PG_SCHEMA = 'sluice';
export const DRIZZLE_TABLE = '__drizzle_migrations';
export const DRIZZLE_PG_SCHEMA = 'drizzle';

export function quoteIdent(dialect: KitDialectName, name: string): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function qualified(dialect: KitDialectName, t: Pick<TrackingTable, 'table' | 'schema'>): string {
  const table = quoteIdent(dialect, t.table);
  return t.schema !== undefined && dialect === 'postgresql' ? `${quoteIdent(dialect, t.schema)}.${table}` : table;
}

/** The placeholder of the `i`th (0-based) parameter. */
export function placeholder(dialect: KitDialectName, i: number): string {
  return dialect === 'postgresql' ? `$${i + 1}` : '?';
}

/** The table's column names, or `undefined` when it does not exist. */
export async function tableColumns(session: MigrationSession, t: Pick<TrackingTable, 'table' | 'schema'>): Promise<string[] | undefined> {
  let sql: string;
  if (session.dialect === 'postgresql') {
    sql = `select column_name as name from information_schema.columns where table_schema = ${quoteString(t.schema ?? 'public')} and table_name = ${quoteString(t.table)}`;
  } else if (session.dialect === 'mysql') {
    sql = `select column_name as name from information_schema.columns where table_schema = database() and table_name = ${quoteString(t.table)}`;
  } else {
    sql = `select name from pragma_table_info(${quoteString(t.table)})`;
  }
  const rows = await session.query<{ name: string }>(sql);
  return rows.length === 0 ? undefined : rows.map((r) => String(r.name).toLowerCase());
}

/** Statements that create the table (and its PostgreSQL schema) when it does not exist. */
export function createTableStatements(dialect: KitDialectName, t: TrackingTable): string[] {
  const name = qualified(dialect, t);
  const out: string[] = [];
  if (dialect === 'postgresql' && t.schema !== undefined) out.push(`create schema if not exists ${quoteIdent(dialect, t.schema)}`);
  if (t.format === 'drizzle') {
    // drizzle-orm 0.x's own definition, so its migrator keeps working on the same table.
    const createdAt = dialect === 'sqlite' ? 'numeric' : 'bigint';
    out.push(`create table if not exists ${name} (id serial primary key, hash text not null, created_at ${createdAt})`);
    return out;
  }
  if (dialect === 'postgresql') {
    out.push(`create table if not exists ${name} (id serial primary key, name text not null unique, hash text not null, created_at bigint not null, applied_at timestamptz not null default now())`);
  } else if (dialect === 'mysql') {
    out.push(`create table if not exists ${name} (id bigint unsigned not null auto_increment primary key, name varchar(255) not null unique, hash varchar(64) not null, created_at bigint not null, applied_at timestamp not null default current_timestamp)`);
  } else {
    out.push(`create table if not exists ${name} (id integer primary key autoincrement, name text not null unique, hash text not null, created_at integer not null, applied_at text not null default current_timestamp)`);
  }
  return out;
}

/**
 * Reads every recorded migration, oldest first. drizzle's SQLite table declares `id serial`,
 * which SQLite leaves null, so drizzle's rows are ordered by their timestamp.
 */
export async function readTracked(session: MigrationSession, t: TrackingTable, columns: string[]): Promise<TrackedRow[]> {
  const hasName = columns.includes('name');
  const rows = await session.query<{ name?: unknown; hash: unknown; created_at: unknown }>(
    `select ${hasName ? 'name, ' : ''}hash, created_at from ${qualified(session.dialect, t)} order by ${t.format === 'drizzle' ? 'created_at' : 'id'}`,
  );
  return rows.map((r) => ({
    name: r.name === null || r.name === undefined ? undefined : String(r.name),
    hash: String(r.hash),
    createdAt: r.created_at === null || r.created_at === undefined ? undefined : Number(r.created_at),
  }));
}

/** The insert that records one applied migration, with its parameters. */
export function recordStatement(dialect: KitDialectName, t: TrackingTable, columns: string[], m: { name: string; hash: string; createdAt: number }): { sql: string; params: unknown[] } {
  const cols = ['hash', 'created_at'];
  const params: unknown[] = [m.hash, m.createdAt];
  if (t.format === 'sluice' || columns.includes('name')) {
    cols.unshift('name');
    params.unshift(m.name);
  }
  const values = params.map((_, i) => placeholder(dialect, i)).join(', ');
  return { sql: `insert into ${qualified(dialect, t)} (${cols.map((c) => quoteIdent(dialect, c)).join(', ')}) values (${values})`, params };
}
