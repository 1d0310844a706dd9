import type { MigrationEntry } from './migrations/types.js';
import { ResolveError } from './runner-errors.js';
import type { RunLockOptions } from './runner-lock.js';
import { isRecorded, readState, rowLabel } from './runner-state.js';
import { deleteStatement, updateStateStatement } from './runner-tracking.js';
import { withRunLock, type MigrationSession, type MigrationsTableOptions } from './runner.js';

/** What the database holds of a migration that failed part way, after it was fixed by hand. */
export type ResolveOutcome = 'applied' | 'rolled-back';

export interface ResolveOptions extends MigrationsTableOptions {
  lock?: RunLockOptions | undefined;
}

/**
 * Records the manual fix of a migration that failed or was interrupted: `applied` marks it done
 * (with the file's current hash, as the fix may have edited it), `rolled-back` removes its row so
 * the next migrate runs it again. Anything else about the migration is an error.
 */
export async function resolveMigration(session: MigrationSession, entries: readonly MigrationEntry[], name: string, outcome: ResolveOutcome, options: ResolveOptions = {}): Promise<void> {
  await withRunLock(session, options.lock, async (conn) => {
    const { tracking, rows } = await readState(conn, options);
    const entry = entries.find((e) => e.name === name);
    const row = rows.find((r) => (entry === undefined ? rowLabel(r, entries) === name : isRecorded(r, entry)));
    const open = rows.filter((r) => r.state !== 'applied').map((r) => rowLabel(r, entries));
    const others = open.length === 0 ? 'No migration is recorded as failed.' : `Recorded as failed: ${open.join(', ')}.`;
    if (tracking === undefined || row === undefined) throw new ResolveError(`Migration ${name} has no record in the tracking table, so there is nothing to resolve. ${others}`);
    if (row.state === 'applied') throw new ResolveError(`Migration ${name} is recorded as applied, not failed: there is nothing to resolve. ${others}`);
    if (outcome === 'rolled-back') {
      const statement = deleteStatement(conn.dialect, tracking.table, tracking.columns, row);
      await conn.query(statement.sql, statement.params);
      return;
    }
    if (entry === undefined) throw new ResolveError(`Migration ${name} is not in the migrations folder: restore its file before recording it as applied`);
    const statement = updateStateStatement(conn.dialect, tracking.table, tracking.columns, row, { state: 'applied', hash: entry.hash });
    await conn.query(statement.sql, statement.params);
  });
}
