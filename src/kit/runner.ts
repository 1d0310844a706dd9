import { createHash } from 'node:crypto';
import type { KitDialectName } from './model.js';
import type { MigrationEntry } from './migrations/types.js';
import { applyInTransaction, applyStepwise, checkForeignKeys, hoistForeignKeyPragmas, runStatement } from './runner-apply.js';
import { MigrationChangedError } from './runner-errors.js';
import type { RunLockOptions } from './runner-lock.js';
import { assertResolved, isRecorded, prepareTracking, readState, rowLabel, settledRows } from './runner-state.js';
import { recordStatement, type TrackedRow } from './runner-tracking.js';

export { MigrationChangedError, MigrationError, RollbackError, UnresolvedMigrationError } from './runner-errors.js';
export { MigrationLockTimeoutError, type RunLockOptions } from './runner-lock.js';

/** What the runner needs from a database connection. */
export interface MigrationSession {
  readonly dialect: KitDialectName;
  /** Runs SQL without results (several statements separated by `;` are allowed). */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns its rows as objects; parameters use the dialect's placeholders (`$1` on PostgreSQL, `@p1` on SQL Server, `?` elsewhere). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in a transaction on one connection: commits when it resolves, rolls back when it
   * throws.
   */
  transaction<T>(fn: (tx: MigrationSession) => Promise<T>, options?: MigrationTransactionOptions): Promise<T>;
  /**
   * Runs `fn` on one connection that holds the run lock, which one migration run holds at a time
   * (PostgreSQL: a session advisory lock; MySQL: a named lock; SQL Server: a session's `sp_getapplock`). SQLite sessions leave it out:
   * each migration's write transaction serialises runners there.
   */
  exclusive?<T>(fn: (conn: MigrationSession) => Promise<T>, lock?: RunLockOptions): Promise<T>;
}

export interface MigrationTransactionOptions {
  /**
   * SQLite: turn foreign key enforcement off on the transaction's connection before `BEGIN` and
   * restore it after the transaction ends (SQLite ignores the pragma inside a transaction).
   */
  foreignKeysOff?: boolean;
  /** SQLite: how long `BEGIN IMMEDIATE` waits for another writer, and whom to tell. */
  lock?: RunLockOptions | undefined;
}

export interface MigrationsTableOptions {
  /** Tracking table; default `__sluice_migrations` (or drizzle's table when only it exists). */
  table?: string;
  /**
   * Schema of the tracking table (PostgreSQL and SQL Server); default `sluice` on PostgreSQL, the
   * login's default schema on SQL Server, and `drizzle` for drizzle's table on both.
   */
  schema?: string;
}

export interface MigrateResult {
  applied: string[];
  tracking: { table: string; schema: string | undefined; format: 'sluice' | 'drizzle' };
}

/** Each migration of the folder and of the tracking table in exactly one list. */
export interface MigrationStatus {
  /** Applied, with the file as it was when it ran. */
  applied: string[];
  pending: string[];
  /** Applied, but the file's hash differs from the recorded one: it was edited afterwards. */
  changed: string[];
  /** Recorded as failed, or as running by a run that ended without an outcome. */
  failed: FailedMigration[];
  /** Recorded in the database, missing from the folder. */
  unknown: string[];
}

export interface FailedMigration {
  name: string;
  /** `running`: the run that started it ended without recording an outcome. */
  state: 'failed' | 'running';
  statementsDone: number | undefined;
  /** Statements in the migration's file, when the folder holds it. */
  statements: number | undefined;
  error: string | undefined;
}

export interface RunOptions extends MigrationsTableOptions {
  onMigration?(name: string): void;
  /** Record the pending migrations as applied without running them (a baseline the database already matches: `sluice pull --init`). */
  recordOnly?: boolean;
  /** Run even though applied migrations' files were edited since (they stay listed as changed). */
  allowChanged?: boolean;
  /** How long to wait for another run's lock, and whom to tell that this one waits. */
  lock?: RunLockOptions | undefined;
}

/**
 * Applies every migration the tracking table does not record, in folder order (a migration that
 * arrives later with an older name still runs), and records each. One run at a time: the run
 * holds a lock (see `MigrationSession.exclusive`), so replicas started together apply each
 * migration once. Before anything runs, a migration recorded as failed stops the run, and so does
 * an applied migration whose file changed (unless `allowChanged`).
 *
 * On PostgreSQL, SQL Server and SQLite each migration runs in its own transaction with its tracking row; on
 * MySQL, where DDL commits implicitly, and for `-- sluice:no-transaction` migrations, statements
 * run one by one and the row records progress (see `applyStepwise`).
 */
export async function runMigrations(session: MigrationSession, entries: MigrationEntry[], options: RunOptions): Promise<MigrateResult> {
  return withRunLock(session, options.lock, (conn) => run(conn, entries, options));
}

/** Runs `fn` holding the run lock where the session has one. */
export function withRunLock<T>(session: MigrationSession, lock: RunLockOptions | undefined, fn: (conn: MigrationSession) => Promise<T>): Promise<T> {
  return session.exclusive ? session.exclusive(fn, lock) : fn(session);
}

async function run(session: MigrationSession, entries: MigrationEntry[], options: RunOptions): Promise<MigrateResult> {
  const tracking = await prepareTracking(session, options, options.lock);
  const recorded = await settledRows(session, tracking, options.lock);
  assertResolved(recorded, entries);
  const changed = changedMigrations(recorded, entries);
  if (changed.length > 0 && options.allowChanged !== true && options.recordOnly !== true) throw new MigrationChangedError(changed);
  const applied: string[] = [];
  for (const entry of entries) {
    if (recorded.some((row) => isRecorded(row, entry))) continue;
    const starting = () => options.onMigration?.(entry.name);
    if (options.recordOnly === true) {
      starting();
      const record = recordStatement(session.dialect, tracking.table, tracking.columns, entry);
      await session.query(record.sql, record.params);
    } else if (session.dialect === 'mysql' || !entry.transaction) {
      if (!(await applyStepwise(session, entry, tracking, options.lock, starting))) continue;
    } else if (!(await applyInTransaction(session, entry, tracking, options.lock, starting))) {
      // Another runner (SQLite) applied it since the table was read.
      continue;
    }
    applied.push(entry.name);
  }
  const { table, schema, format } = tracking.table;
  return { applied, tracking: { table, schema, format } };
}

/** Applied migrations whose file no longer hashes to what was recorded. */
function changedMigrations(rows: readonly TrackedRow[], entries: readonly MigrationEntry[]): string[] {
  return entries.filter((entry) => rows.some((row) => row.state === 'applied' && isRecorded(row, entry) && !hashMatches(row, entry))).map((entry) => entry.name);
}

/**
 * Our hash is of the text with LF line endings; drizzle-orm versions that hashed the raw file
 * recorded the CRLF text's hash for a Windows checkout, which is the same migration.
 */
function hashMatches(row: TrackedRow, entry: MigrationEntry): boolean {
  return row.hash === entry.hash || row.hash === createHash('sha256').update(entry.sql).digest('hex');
}

/** Where each migration of the folder and of the tracking table stands. */
export async function migrationStatus(session: MigrationSession, entries: MigrationEntry[], options: MigrationsTableOptions): Promise<MigrationStatus> {
  const { rows } = await readState(session, options);
  const status: MigrationStatus = { applied: [], pending: [], changed: [], failed: [], unknown: [] };
  for (const entry of entries) {
    const row = rows.find((r) => isRecorded(r, entry));
    if (row === undefined) status.pending.push(entry.name);
    else if (row.state !== 'applied') status.failed.push({ name: entry.name, state: row.state, statementsDone: row.statementsDone, statements: entry.statements.length, error: row.error });
    else if (!hashMatches(row, entry)) status.changed.push(entry.name);
    else status.applied.push(entry.name);
  }
  for (const row of rows) {
    if (entries.some((entry) => isRecorded(row, entry))) continue;
    const name = rowLabel(row, entries);
    if (row.state !== 'applied') status.failed.push({ name, state: row.state, statementsDone: row.statementsDone, statements: undefined, error: row.error });
    else status.unknown.push(name);
  }
  return status;
}

/**
 * Runs statements outside the migration history (`sluice push`): all in one transaction on
 * PostgreSQL, SQL Server and SQLite (SQLite's foreign-key pragmas handled as in a migration), so a failure
 * changes nothing; one by one on MySQL, whose DDL commits implicitly. A failure throws a
 * `MigrationError` labelled `label`.
 */
export async function applyStatements(session: MigrationSession, label: string, all: readonly string[]): Promise<void> {
  const entry = { name: label };
  if (session.dialect === 'mysql') {
    for (const statement of all) await runStatement(session, entry, statement);
    return;
  }
  const { statements, foreignKeysOff } = hoistForeignKeyPragmas(session, all);
  await session.transaction(
    async (tx) => {
      for (const statement of statements) await runStatement(tx, entry, statement);
      if (foreignKeysOff) await checkForeignKeys(tx, entry);
    },
    { foreignKeysOff },
  );
}
