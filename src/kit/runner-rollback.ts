import type { DownMigration, MigrationEntry } from './migrations/types.js';
import { checkForeignKeys, hoistForeignKeyPragmas } from './runner-apply.js';
import { MigrationError, RollbackError } from './runner-errors.js';
import type { RunLockOptions } from './runner-lock.js';
import { assertResolved, isRecorded, prepareTracking, rowLabel, settledRows, type Tracking } from './runner-state.js';
import { deleteStatement, readTracked, updateStateStatement, type TrackedRow } from './runner-tracking.js';
import { withRunLock, type MigrationSession, type MigrationsTableOptions } from './runner.js';

export interface RollbackOptions extends MigrationsTableOptions {
  /** How many of the latest applied migrations to undo; default 1. */
  steps?: number | undefined;
  /** Undo every migration applied after this one (it stays applied). */
  to?: string | undefined;
  /** Run down.sql statements marked destructive, and down files marked irreversible. */
  force?: boolean | undefined;
  lock?: RunLockOptions | undefined;
  onMigration?(name: string): void;
}

export interface RollbackResult {
  /** Undone, newest first. */
  rolledBack: string[];
}

/**
 * Undoes the latest applied migrations with their `down.sql`, newest first, and removes their
 * records. Everything is checked before anything runs: each migration must be in the folder with
 * a down.sql, and down statements that lose data (marked `-- sluice:destructive`) or files sluice
 * could not write (`-- sluice:irreversible`) need `force`. Each down runs like a migration: in a
 * transaction with the record's removal where the database allows, statement by statement on
 * MySQL (a failure there marks the migration failed, to be resolved as after a failed migrate).
 */
export async function rollbackMigrations(session: MigrationSession, entries: readonly MigrationEntry[], options: RollbackOptions = {}): Promise<RollbackResult> {
  return withRunLock(session, options.lock, async (conn) => {
    const tracking = await prepareTracking(conn, options, options.lock);
    const rows = await settledRows(conn, tracking, options.lock);
    assertResolved(rows, entries);
    const targets = pickTargets(rows, entries, options);
    const rolledBack: string[] = [];
    for (const { row, entry, down } of targets) {
      options.onMigration?.(entry.name);
      await undo(conn, tracking, row, entry, down, options.lock);
      rolledBack.push(entry.name);
    }
    return { rolledBack };
  });
}

interface Target {
  row: TrackedRow;
  entry: MigrationEntry;
  down: DownMigration;
}

function pickTargets(rows: readonly TrackedRow[], entries: readonly MigrationEntry[], options: RollbackOptions): Target[] {
  if (options.steps !== undefined && options.to !== undefined) throw new RollbackError('Give either steps or to, not both');
  let chosen: TrackedRow[];
  if (options.to !== undefined) {
    const to = options.to;
    const at = rows.findIndex((row) => rowLabel(row, entries) === to);
    if (at === -1) throw new RollbackError(`Migration ${to} is not applied, so there is nothing to roll back to. Applied: ${rows.map((r) => rowLabel(r, entries)).join(', ') || 'none'}`);
    chosen = rows.slice(at + 1);
  } else {
    const steps = options.steps ?? 1;
    if (!Number.isInteger(steps) || steps < 1) throw new RollbackError(`steps must be a whole number of at least 1, not ${String(steps)}`);
    if (steps > rows.length) throw new RollbackError(`Cannot roll back ${steps} migration${steps === 1 ? '' : 's'}: ${rows.length === 0 ? 'none is' : `only ${rows.length} ${rows.length === 1 ? 'is' : 'are'}`} applied`);
    chosen = rows.slice(rows.length - steps);
  }
  const targets = chosen.reverse().map((row): Target => {
    const entry = entries.find((e) => isRecorded(row, e));
    if (entry === undefined) throw new RollbackError(`Migration ${rowLabel(row, entries)} is recorded in the database but not in the migrations folder, so its down.sql is unknown`);
    if (entry.down === undefined)
      throw new RollbackError(`Migration ${entry.name} has no down.sql (sluice generate writes one; migrations from drizzle-kit have none): write ${entry.path.replace(/migration\.sql$/, 'down.sql')} to roll it back`);
    return { row, entry, down: entry.down };
  });
  if (options.force !== true) {
    const refused: string[] = [];
    for (const { entry, down } of targets) {
      if (down.irreversible) refused.push(`${entry.name}: down.sql is marked -- sluice:irreversible (write the undo SQL and remove the marker)`);
      for (const d of down.destructive) refused.push(`${entry.name}: ${d.reason}`);
    }
    if (refused.length > 0) throw new RollbackError(`Rollback refused, nothing was changed: these steps lose data or cannot be undone as written. Run with --force (force: true) to accept them.\n  ${refused.join('\n  ')}`);
  }
  return targets;
}

/** Runs one down.sql statement; a failure names the migration and says it was its down.sql. */
async function runDownStatement(session: MigrationSession, entry: MigrationEntry, statement: string, partial?: { done: number; total: number }): Promise<void> {
  try {
    await session.execute(statement);
  } catch (e) {
    throw new MigrationError(entry.name, statement, e, `down.sql: ${e instanceof Error ? e.message : String(e)}`, partial);
  }
}

async function undo(session: MigrationSession, tracking: Tracking, row: TrackedRow, entry: MigrationEntry, down: DownMigration, lock: RunLockOptions | undefined): Promise<void> {
  const remove = deleteStatement(session.dialect, tracking.table, tracking.columns, row);
  if (session.dialect === 'mysql' || !down.transaction) {
    const total = down.statements.length;
    for (const [i, statement] of down.statements.entries()) {
      try {
        await runDownStatement(session, entry, statement, { done: i, total });
      } catch (e) {
        // Part of the down ran and committed: the migration is neither applied nor rolled back.
        const reason = e instanceof MigrationError && e.cause instanceof Error ? e.cause.message : String(e);
        const failed = updateStateStatement(session.dialect, tracking.table, tracking.columns, row, { state: 'failed', statementsDone: i, error: `rollback failed at down.sql statement ${i + 1} of ${total}: ${reason}`.slice(0, 2000) });
        await session.query(failed.sql, failed.params).catch(() => undefined);
        throw e;
      }
    }
    await session.query(remove.sql, remove.params);
    return;
  }
  const { statements, foreignKeysOff } = hoistForeignKeyPragmas(session, down.statements);
  await session.transaction(
    async (tx) => {
      // SQLite has no run lock: make sure another run did not change the history meanwhile.
      const latest = (await readTracked(tx, tracking.table, tracking.columns)).at(-1);
      if (latest === undefined || !isRecorded(latest, entry)) throw new RollbackError(`Migration ${entry.name} is no longer the latest applied migration (another run changed the history); nothing more was rolled back`);
      for (const statement of statements) await runDownStatement(tx, entry, statement);
      if (foreignKeysOff) await checkForeignKeys(tx, entry);
      await tx.query(remove.sql, remove.params);
    },
    { foreignKeysOff, lock },
  );
}
