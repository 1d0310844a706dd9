import { SluiceError } from '../core/errors.js';

/** How to record the manual fix of a migration that failed part way. */
export function resolveHint(migration: string): string {
  return `Fix the database by hand, then record what you did: \`sluice migrate resolve ${migration} --applied\` (all of its changes are in place) or \`--rolled-back\` (none are; it runs again on the next migrate).`;
}

/** A migration's statement failed; the migration was rolled back where the database allows it. */
export class MigrationError extends SluiceError {
  /** The migration's name. */
  readonly migration: string;
  /** The statement that failed (the whole statement, not the shortened one in the message). */
  readonly statement: string;
  /**
   * Set when the migration ran statement by statement (MySQL, `-- sluice:no-transaction`): how
   * many statements completed before the failure. The tracking table marks it failed.
   */
  readonly statementsDone: number | undefined;
  constructor(migration: string, statement: string, cause: unknown, reason?: string, partial?: { done: number; total: number }) {
    const dbMessage = reason ?? (cause instanceof Error ? cause.message : String(cause));
    const shown = statement.length > 200 ? `${statement.slice(0, 200)}...` : statement;
    const where = partial === undefined ? '' : ` at statement ${partial.done + 1} of ${partial.total}`;
    const after = partial === undefined ? '' : `\n${partial.done} statement${partial.done === 1 ? '' : 's'} before it completed and stay applied; the migration is recorded as failed. ${resolveHint(migration)}`;
    super(`Migration ${migration} failed${where}: ${dbMessage}\nstatement: ${shown}${after}`, { cause });
    this.migration = migration;
    this.statement = statement;
    this.statementsDone = partial?.done;
  }
}

/** Applied migrations whose files changed since they ran: the database may not hold what the folder says. */
export class MigrationChangedError extends SluiceError {
  readonly migrations: string[];
  constructor(migrations: string[]) {
    super(
      `${migrations.length === 1 ? 'Migration' : 'Migrations'} ${migrations.join(', ')} changed after ${migrations.length === 1 ? 'it was' : 'they were'} applied (the file's hash differs from the recorded one). ` +
        'Restore the applied text and put the change in a new migration, or run again with --allow-changed (allowChanged) if the edit does not matter to the database.',
    );
    this.migrations = migrations;
  }
}

/** A migration is recorded as failed or interrupted: nothing more runs until it is resolved. */
export class UnresolvedMigrationError extends SluiceError {
  readonly migration: string;
  constructor(migration: string, state: 'failed' | 'running', statementsDone: number | undefined, error: string | undefined) {
    const what = state === 'failed' ? 'failed' : 'was interrupted (its run ended without recording an outcome)';
    const done = statementsDone === undefined ? '' : ` after ${statementsDone} statement${statementsDone === 1 ? '' : 's'}`;
    super(`Migration ${migration} ${what}${done}${error === undefined ? '' : `: ${error}`}. No migration runs until it is resolved. ${resolveHint(migration)}`);
    this.migration = migration;
  }
}

/** A rollback that cannot run as asked; nothing was changed. */
export class RollbackError extends SluiceError {}

/** `resolve` was asked about a migration that is not recorded as failed; nothing was changed. */
export class ResolveError extends SluiceError {}
