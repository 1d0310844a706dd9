import type { MigrationEntry } from './migrations/types.js';
import type { RunLockOptions } from './runner-lock.js';
import { acquireWithin, MigrationLockTimeoutError } from './runner-lock.js';
import { UnresolvedMigrationError } from './runner-errors.js';
import type { MigrationSession, MigrationsTableOptions } from './runner.js';
import { createTableStatements, DRIZZLE_PG_SCHEMA, DRIZZLE_TABLE, readTracked, SLUICE_PG_SCHEMA, SLUICE_TABLE, stateColumnStatements, tableColumns, type TrackedRow, type TrackingTable } from './runner-tracking.js';

/** The tracking table a run uses, and its columns. */
export interface Tracking {
  table: TrackingTable;
  columns: string[];
}

/**
 * The table to use, and its format.
 * - `__drizzle_migrations` configured: drizzle's table (schema `drizzle` on PostgreSQL and SQL
 *   Server by default, where drizzle-orm's migrators put it).
 * - Another table configured: that table. On PostgreSQL without a configured schema it is looked
 *   up in `sluice`, then in `drizzle` (where drizzle-orm puts a custom-named table), and created
 *   in `sluice` when neither has it.
 * - Nothing configured: ours, unless it does not exist and drizzle's default one does; then a
 *   project that moved over keeps drizzle's history.
 * An existing table without a `name` column is drizzle's format, whatever it is called.
 */
export async function resolveTracking(session: MigrationSession, options: MigrationsTableOptions): Promise<TrackingTable> {
  const pg = session.dialect === 'postgresql';
  // SQL Server keeps drizzle's table in a schema too, and ours in the login's default schema (or the one configured).
  const mssql = session.dialect === 'mssql';
  const candidates: TrackingTable[] = [];
  const drizzleDefault = (table: string): TrackingTable => ({ table, schema: pg || mssql ? (options.schema ?? DRIZZLE_PG_SCHEMA) : undefined, format: 'drizzle' });
  if (options.table === DRIZZLE_TABLE) candidates.push(drizzleDefault(DRIZZLE_TABLE));
  else {
    const table = options.table ?? SLUICE_TABLE;
    candidates.push({ table, schema: pg ? (options.schema ?? SLUICE_PG_SCHEMA) : mssql ? options.schema : undefined, format: 'sluice' });
    if (options.table === undefined) candidates.push(drizzleDefault(DRIZZLE_TABLE));
    else if ((pg || mssql) && options.schema === undefined) candidates.push(drizzleDefault(table));
  }
  for (const candidate of candidates) {
    const columns = await tableColumns(session, candidate);
    if (columns) return { ...candidate, format: columns.includes('name') ? candidate.format : 'drizzle' };
  }
  return candidates[0]!;
}

/**
 * The tracking table, created when missing and given the state columns when it lacks them. On
 * PostgreSQL and MySQL the caller holds the run lock; on SQLite the work happens inside a write
 * transaction, which serialises runners there.
 */
export async function prepareTracking(session: MigrationSession, options: MigrationsTableOptions, lock: RunLockOptions | undefined): Promise<Tracking> {
  const table = await resolveTracking(session, options);
  const columns = await tableColumns(session, table);
  if (columns && stateColumnStatements(session.dialect, table, columns).length === 0) return { table, columns };
  const prepare = async (on: MigrationSession) => {
    const now = await tableColumns(on, table);
    // Created only when missing: `if not exists` on an existing table makes PostgreSQL send a
    // notice, which some clients print on every run.
    if (!now) for (const statement of createTableStatements(session.dialect, table)) await on.execute(statement);
    for (const statement of stateColumnStatements(session.dialect, table, (await tableColumns(on, table)) ?? [])) await on.execute(statement);
  };
  if (session.dialect === 'sqlite') await session.transaction(prepare, { lock });
  else await prepare(session);
  return { table, columns: (await tableColumns(session, table)) ?? [] };
}

/** The tracking table's rows, or none when it does not exist (read-only: for status). */
export async function readState(session: MigrationSession, options: MigrationsTableOptions): Promise<{ tracking: Tracking | undefined; rows: TrackedRow[] }> {
  const table = await resolveTracking(session, options);
  const columns = await tableColumns(session, table);
  if (!columns) return { tracking: undefined, rows: [] };
  return { tracking: { table, columns }, rows: await readTracked(session, table, columns) };
}

/**
 * Whether a tracking row records this migration. Our table matches by name. drizzle's table
 * matches as drizzle does: by name when drizzle-orm 1.0 wrote one, by `created_at` = the journal's
 * `when` for drizzle-kit 0.x journal entries (what drizzle 0.x compares), and by the file's hash
 * otherwise (a folder migration drizzle applied without a name).
 */
export function isRecorded(row: TrackedRow, entry: Pick<MigrationEntry, 'name' | 'format' | 'createdAt' | 'hash'>): boolean {
  if (row.name !== undefined) return row.name === entry.name;
  if (entry.format === 'drizzle-journal' && row.createdAt === entry.createdAt) return true;
  return row.hash === entry.hash;
}

/** The name a row is known by: the migration's, or what drizzle 0.x recorded. */
export function rowLabel(row: TrackedRow, entries: readonly MigrationEntry[]): string {
  return entries.find((e) => isRecorded(row, e))?.name ?? row.name ?? `${row.createdAt ?? '?'} (hash ${row.hash.slice(0, 12)})`;
}

/** Throws for the first row recorded as failed or interrupted. */
export function assertResolved(rows: readonly TrackedRow[], entries: readonly MigrationEntry[]): void {
  const open = rows.find((r) => r.state !== 'applied');
  if (open !== undefined) throw new UnresolvedMigrationError(rowLabel(open, entries), open.state === 'failed' ? 'failed' : 'running', open.statementsDone, open.error);
}

/**
 * SQLite has no lock held for a whole run, so a `running` row may be another process's migration
 * that runs outside a transaction: wait (within the lock timeout) until it is no longer running.
 * Elsewhere the run lock is held, so a `running` row is an interrupted run and is returned as is.
 */
export async function settledRows(session: MigrationSession, tracking: Tracking, lock: RunLockOptions | undefined): Promise<TrackedRow[]> {
  const read = () => readTracked(session, tracking.table, tracking.columns);
  if (session.dialect !== 'sqlite') return read();
  let last: TrackedRow[] = [];
  try {
    return await acquireWithin(async () => {
      last = await read();
      return last.some((r) => r.state === 'running') ? false : last;
    }, lock);
  } catch (e) {
    // Still running after the whole timeout: most likely a run that died; say which migration.
    if (e instanceof MigrationLockTimeoutError) assertResolved(last, []);
    throw e;
  }
}
