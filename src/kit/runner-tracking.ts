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
  /**
   * PostgreSQL and SQL Server (where drizzle keeps its table in schema `drizzle`; ours is in the
   * login's default schema); the connection's database elsewhere.
   */
  schema: string | undefined;
  format: TrackingFormat;
}

/** One row of the tracking table, in either format. */
export interface TrackedRow {
  name: string | undefined;
  hash: string;
  createdAt: number | undefined;
  /**
   * `applied`, or, for a migration run statement by statement (MySQL, `-- sluice:no-transaction`):
   * `running` while it runs (left behind when its process died) and `failed` after an error.
   */
  state: TrackedState;
  /** Statements of a `running` or `failed` migration that completed. */
  statementsDone: number | undefined;
  /** The database's error for a `failed` migration. */
  error: string | undefined;
}

export type TrackedState = 'applied' | 'running' | 'failed';

/**
 * Columns added to either format for migrations run statement by statement. They are nullable
 * (null means applied), so rows written before they existed, and drizzle-orm's own migrator,
 * which names the columns it reads and writes, are unaffected.
 */
const STATE_COLUMNS = ['state', 'statements_done', 'error'] as const;
const STATE_TYPES: Record<(typeof STATE_COLUMNS)[number], string> = { state: 'varchar(16)', statements_done: 'integer', error: 'text' };
/** SQL Server's: `text` is deprecated there and cannot be compared. */
const MSSQL_STATE_TYPES: Record<(typeof STATE_COLUMNS)[number], string> = { state: 'nvarchar(16)', statements_done: 'int', error: 'nvarchar(max)' };
const STATE_DDL = STATE_COLUMNS.map((c) => `${c} ${STATE_TYPES[c]}`).join(', ');
const MSSQL_STATE_DDL = STATE_COLUMNS.map((c) => `[${c}] ${MSSQL_STATE_TYPES[c]}`).join(', ');

export const SLUICE_TABLE = '__sluice_migrations';
export const SLUICE_PG_SCHEMA = 'sluice';
export const DRIZZLE_TABLE = '__drizzle_migrations';
export const DRIZZLE_PG_SCHEMA = 'drizzle';

export function quoteIdent(dialect: KitDialectName, name: string): string {
  if (dialect === 'mssql') return `[${name.replace(/]/g, ']]')}]`;
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function qualified(dialect: KitDialectName, t: Pick<TrackingTable, 'table' | 'schema'>): string {
  const table = quoteIdent(dialect, t.table);
  return t.schema !== undefined && (dialect === 'postgresql' || dialect === 'mssql') ? `${quoteIdent(dialect, t.schema)}.${table}` : table;
}

/** The placeholder of the `i`th (0-based) parameter. */
export function placeholder(dialect: KitDialectName, i: number): string {
  if (dialect === 'mssql') return `@p${i + 1}`;
  return dialect === 'postgresql' ? `$${i + 1}` : '?';
}

/** The table's column names, or `undefined` when it does not exist. */
export async function tableColumns(session: MigrationSession, t: Pick<TrackingTable, 'table' | 'schema'>): Promise<string[] | undefined> {
  let sql: string;
  if (session.dialect === 'postgresql') {
    sql = `select column_name as name from information_schema.columns where table_schema = ${quoteString(t.schema ?? 'public')} and table_name = ${quoteString(t.table)}`;
  } else if (session.dialect === 'mysql') {
    sql = `select column_name as name from information_schema.columns where table_schema = database() and table_name = ${quoteString(t.table)}`;
  } else if (session.dialect === 'mssql') {
    // Without a schema, the login's default one: where an unqualified name in the runner's statements resolves.
    const schema = t.schema === undefined ? 'schema_name()' : `N${quoteString(t.schema)}`;
    sql = `select column_name as name from information_schema.columns where table_schema = ${schema} and table_name = N${quoteString(t.table)}`;
  } else {
    sql = `select name from pragma_table_info(${quoteString(t.table)})`;
  }
  const rows = await session.query<{ name: string }>(sql);
  return rows.length === 0 ? undefined : rows.map((r) => String(r.name).toLowerCase());
}

/** `alter table` statements adding the state columns the table lacks. */
export function stateColumnStatements(dialect: KitDialectName, t: TrackingTable, columns: readonly string[]): string[] {
  // T-SQL's ALTER TABLE has no COLUMN keyword after ADD.
  if (dialect === 'mssql') return STATE_COLUMNS.filter((c) => !columns.includes(c)).map((c) => `alter table ${qualified(dialect, t)} add ${quoteIdent(dialect, c)} ${MSSQL_STATE_TYPES[c]}`);
  return STATE_COLUMNS.filter((c) => !columns.includes(c)).map((c) => `alter table ${qualified(dialect, t)} add column ${quoteIdent(dialect, c)} ${STATE_TYPES[c]}`);
}

/** Statements that create the table (and its PostgreSQL schema) when it does not exist. */
export function createTableStatements(dialect: KitDialectName, t: TrackingTable): string[] {
  const name = qualified(dialect, t);
  const out: string[] = [];
  if (dialect === 'postgresql' && t.schema !== undefined) out.push(`create schema if not exists ${quoteIdent(dialect, t.schema)}`);
  if (dialect === 'mssql') {
    // CREATE SCHEMA must be alone in its batch, hence exec().
    const schema = t.schema === undefined ? [] : [`if schema_id(N${quoteString(t.schema)}) is null exec(N${quoteString(`create schema ${quoteIdent(dialect, t.schema)}`)})`];
    return [...schema, mssqlCreateTable(t)];
  }
  if (t.format === 'drizzle') {
    // drizzle-orm 0.x's own definition, so its migrator keeps working on the same table.
    const createdAt = dialect === 'sqlite' ? 'numeric' : 'bigint';
    out.push(`create table if not exists ${name} (id serial primary key, hash text not null, created_at ${createdAt}, ${STATE_DDL})`);
    return out;
  }
  if (dialect === 'postgresql') {
    out.push(`create table if not exists ${name} (id serial primary key, name text not null unique, hash text not null, created_at bigint not null, applied_at timestamptz not null default now(), ${STATE_DDL})`);
  } else if (dialect === 'mysql') {
    out.push(
      `create table if not exists ${name} (id bigint unsigned not null auto_increment primary key, name varchar(255) not null unique, hash varchar(64) not null, created_at bigint not null, applied_at timestamp not null default current_timestamp, ${STATE_DDL})`,
    );
  } else {
    out.push(`create table if not exists ${name} (id integer primary key autoincrement, name text not null unique, hash text not null, created_at integer not null, applied_at text not null default current_timestamp, ${STATE_DDL})`);
  }
  return out;
}

/**
 * T-SQL has no `create table if not exists`: the table is created when `object_id` finds none.
 * The key is an identity; text columns are `nvarchar` (`text` cannot be compared or indexed).
 */
function mssqlCreateTable(t: TrackingTable): string {
  const name = qualified('mssql', t);
  // drizzle's layout (as its SQL Server migrator makes it, `nvarchar` for its `text`), so its migrator keeps working on the table.
  const columns =
    t.format === 'drizzle'
      ? `[id] bigint identity(1, 1) not null primary key, [hash] nvarchar(max) not null, [created_at] bigint, [name] nvarchar(max), [applied_at] datetime2 not null default sysutcdatetime(), ${MSSQL_STATE_DDL}`
      : `[id] bigint identity(1, 1) not null primary key, [name] nvarchar(255) not null unique, [hash] nvarchar(64) not null, [created_at] bigint not null, [applied_at] datetime2 not null default sysutcdatetime(), ${MSSQL_STATE_DDL}`;
  return `if object_id(N${quoteString(name)}, N'U') is null create table ${name} (${columns})`;
}

/**
 * Reads every recorded migration, oldest first. drizzle's SQLite table declares `id serial`,
 * which SQLite leaves null, so drizzle's rows are ordered by their timestamp.
 */
export async function readTracked(session: MigrationSession, t: TrackingTable, columns: string[]): Promise<TrackedRow[]> {
  const hasName = columns.includes('name');
  const hasState = columns.includes('state');
  const rows = await session.query<{ name?: unknown; hash: unknown; created_at: unknown; state?: unknown; statements_done?: unknown; error?: unknown }>(
    `select ${hasName ? 'name, ' : ''}hash, created_at${hasState ? ', state, statements_done, error' : ''} from ${qualified(session.dialect, t)} order by ${t.format === 'drizzle' ? 'created_at' : 'id'}`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return rows.map((r) => ({
    name: text(r.name),
    hash: String(r.hash),
    createdAt: r.created_at === null || r.created_at === undefined ? undefined : Number(r.created_at),
    state: r.state === 'running' || r.state === 'failed' ? r.state : 'applied',
    statementsDone: r.statements_done === null || r.statements_done === undefined ? undefined : Number(r.statements_done),
    error: text(r.error),
  }));
}

/**
 * A text column in a comparison. drizzle's SQL Server table declares `text` columns, which T-SQL
 * cannot compare with anything, so there they are compared as `nvarchar(max)`.
 */
function textColumn(dialect: KitDialectName, format: TrackingFormat, column: string): string {
  return dialect === 'mssql' && format === 'drizzle' ? `cast(${quoteIdent(dialect, column)} as nvarchar(max))` : quoteIdent(dialect, column);
}

/** The `where` that finds one migration's row: by name, or by hash and time in drizzle 0.x's table. */
function rowWhere(dialect: KitDialectName, t: Pick<TrackingTable, 'format'>, columns: readonly string[], row: { name?: string | undefined; hash: string; createdAt?: number | undefined }, first: number): { sql: string; params: unknown[] } {
  if (columns.includes('name') && row.name !== undefined) return { sql: `${textColumn(dialect, t.format, 'name')} = ${placeholder(dialect, first)}`, params: [row.name] };
  const hash = textColumn(dialect, t.format, 'hash');
  if (row.createdAt === undefined) return { sql: `${hash} = ${placeholder(dialect, first)}`, params: [row.hash] };
  return { sql: `${hash} = ${placeholder(dialect, first)} and ${quoteIdent(dialect, 'created_at')} = ${placeholder(dialect, first + 1)}`, params: [row.hash, row.createdAt] };
}

/** Sets a row's state columns (`applied` clears them); `hash` replaces the recorded hash when given. */
export function updateStateStatement(
  dialect: KitDialectName,
  t: TrackingTable,
  columns: readonly string[],
  row: { name?: string | undefined; hash: string; createdAt?: number | undefined },
  update: { state: TrackedState; statementsDone?: number | undefined; error?: string | undefined; hash?: string | undefined },
): { sql: string; params: unknown[] } {
  const sets: [string, unknown][] = [
    ['state', update.state === 'applied' ? null : update.state],
    ['statements_done', update.state === 'applied' ? null : (update.statementsDone ?? null)],
    ['error', update.state === 'applied' ? null : (update.error ?? null)],
  ];
  if (update.hash !== undefined) sets.push(['hash', update.hash]);
  const set = sets.map(([c], i) => `${quoteIdent(dialect, c)} = ${placeholder(dialect, i)}`).join(', ');
  const where = rowWhere(dialect, t, columns, row, sets.length);
  return { sql: `update ${qualified(dialect, t)} set ${set} where ${where.sql}`, params: [...sets.map(([, v]) => v), ...where.params] };
}

/** Deletes one migration's row (a rollback, or `resolve --rolled-back`). */
export function deleteStatement(dialect: KitDialectName, t: TrackingTable, columns: readonly string[], row: { name?: string | undefined; hash: string; createdAt?: number | undefined }): { sql: string; params: unknown[] } {
  const where = rowWhere(dialect, t, columns, row, 0);
  return { sql: `delete from ${qualified(dialect, t)} where ${where.sql}`, params: where.params };
}

/** The insert that records one applied migration, with its parameters. */
export function recordStatement(dialect: KitDialectName, t: TrackingTable, columns: string[], m: { name: string; hash: string; createdAt: number }, state: 'applied' | 'running' = 'applied'): { sql: string; params: unknown[] } {
  const cols = ['hash', 'created_at'];
  const params: unknown[] = [m.hash, m.createdAt];
  if (t.format === 'sluice' || columns.includes('name')) {
    cols.unshift('name');
    params.unshift(m.name);
  }
  if (state === 'running') {
    cols.push('state', 'statements_done');
    params.push('running', 0);
  }
  const values = params.map((_, i) => placeholder(dialect, i)).join(', ');
  return { sql: `insert into ${qualified(dialect, t)} (${cols.map((c) => quoteIdent(dialect, c)).join(', ')}) values (${values})`, params };
}
