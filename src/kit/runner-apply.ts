import type { MigrationEntry } from './migrations/types.js';
import type { RunLockOptions } from './runner-lock.js';
import { MigrationError } from './runner-errors.js';
import { assertResolved, isRecorded, type Tracking } from './runner-state.js';
import { readTracked, recordStatement, updateStateStatement } from './runner-tracking.js';
import type { MigrationSession } from './runner.js';

/** How one migration's statements are applied, and what is recorded with them. */

const FK_PRAGMA = /^pragma\s+foreign_keys\s*=\s*(off|on|false|true|0|1|no|yes)\s*;?$/i;

export async function runStatement(session: MigrationSession, entry: Pick<MigrationEntry, 'name'>, statement: string, partial?: { done: number; total: number }): Promise<void> {
  try {
    await session.execute(statement);
  } catch (e) {
    throw new MigrationError(entry.name, statement, e, undefined, partial);
  }
}

/**
 * One migration and its tracking row in one transaction (PostgreSQL, SQL Server, SQLite). Returns false when
 * another runner recorded it first (SQLite, whose runners are serialised per transaction).
 */
export async function applyInTransaction(session: MigrationSession, entry: MigrationEntry, tracking: Tracking, lock: RunLockOptions | undefined, starting: () => void): Promise<boolean> {
  const { statements, foreignKeysOff } = hoistForeignKeyPragmas(session, entry.statements);
  const record = recordStatement(session.dialect, tracking.table, tracking.columns, entry);
  return session.transaction(
    async (tx) => {
      if (!(await stillPending(tx, entry, tracking))) return false;
      starting();
      for (const statement of statements) await runStatement(tx, entry, statement);
      if (foreignKeysOff) await checkForeignKeys(tx, entry);
      await tx.query(record.sql, record.params);
      return true;
    },
    { foreignKeysOff, lock },
  );
}

/** Re-read inside the transaction: another runner may have applied it, or failed on an earlier one. */
async function stillPending(tx: MigrationSession, entry: MigrationEntry, tracking: Tracking): Promise<boolean> {
  const rows = await readTracked(tx, tracking.table, tracking.columns);
  assertResolved(rows, [entry]);
  return !rows.some((row) => isRecorded(row, entry));
}

/**
 * A migration run statement by statement: on MySQL, where DDL commits implicitly, and for
 * `-- sluice:no-transaction` migrations. Its row is written first as `running` and counts the
 * statements done, so a failure (or a process that dies) leaves a record of how far it got:
 * `failed` with the error, and the next run refuses until `resolve` says what the database holds.
 */
export async function applyStepwise(session: MigrationSession, entry: MigrationEntry, tracking: Tracking, lock: RunLockOptions | undefined, starting: () => void): Promise<boolean> {
  const { dialect } = session;
  const claim = recordStatement(dialect, tracking.table, tracking.columns, entry, 'running');
  if (dialect === 'sqlite') {
    // No run lock on SQLite: the claim is made in a write transaction after a fresh read.
    const claimed = await session.transaction(
      async (tx) => {
        if (!(await stillPending(tx, entry, tracking))) return false;
        await tx.query(claim.sql, claim.params);
        return true;
      },
      { lock },
    );
    if (!claimed) return false;
  } else await session.query(claim.sql, claim.params);
  starting();
  const total = entry.statements.length;
  const update = (state: 'running' | 'failed' | 'applied', statementsDone: number, error?: string) => {
    const u = updateStateStatement(dialect, tracking.table, tracking.columns, entry, { state, statementsDone, error });
    return session.query(u.sql, u.params);
  };
  for (const [i, statement] of entry.statements.entries()) {
    try {
      await runStatement(session, entry, statement, { done: i, total });
    } catch (e) {
      const reason = e instanceof MigrationError && e.cause instanceof Error ? e.cause.message : String(e);
      // When even this fails (the connection is gone), the row stays `running`: the next run
      // reports the migration as interrupted, which asks for the same resolution.
      await update('failed', i, `statement ${i + 1} of ${total}: ${reason}`.slice(0, 2000)).catch(() => undefined);
      throw e;
    }
    if (i < total - 1) await update('running', i + 1);
  }
  await update('applied', total);
  return true;
}

/**
 * SQLite's `PRAGMA foreign_keys=OFF/ON` statements, taken out to be applied around the
 * transaction: SQLite ignores them inside one, so a table rebuild would cascade-delete child rows.
 * Foreign keys go off before `BEGIN`, `PRAGMA foreign_key_check` runs before `COMMIT` (any
 * violation rolls back), and the session restores them after.
 */
export function hoistForeignKeyPragmas(session: MigrationSession, all: readonly string[]): { statements: readonly string[]; foreignKeysOff: boolean } {
  const hoisted = session.dialect === 'sqlite' && all.some((s) => FK_PRAGMA.test(s));
  if (!hoisted) return { statements: all, foreignKeysOff: false };
  return { statements: all.filter((s) => !FK_PRAGMA.test(s)), foreignKeysOff: all.some((s) => FK_PRAGMA.test(s) && /=\s*(off|false|0|no)\s*;?$/i.test(s)) };
}

export async function checkForeignKeys(tx: MigrationSession, entry: Pick<MigrationEntry, 'name'>): Promise<void> {
  const violations = await tx.query<{ table: string; rowid: unknown; parent: string; fkid: unknown }>('PRAGMA foreign_key_check');
  if (violations.length > 0) {
    const list = violations.map((v) => `${v.table} row ${String(v.rowid)} -> ${v.parent}`).join(', ');
    throw new MigrationError(entry.name, 'PRAGMA foreign_key_check', undefined, `foreign key violations after the migration: ${list}`);
  }
}
