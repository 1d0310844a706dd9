import type { Statement } from '../changes.js';
import { KitError } from '../config-errors.js';
import { diffSnapshots, renameKey, type RenameAnswers } from '../diff.js';
import { reverseAnswers } from '../diff-reverse.js';
import { destructiveMarker, IRREVERSIBLE } from '../migrations/directives.js';
import type { KitDialectName, Snapshot } from '../model.js';
import { kitDialect } from '../registry.js';
import { formatMigrationSql } from './sql-file.js';

/** The down.sql of a `--custom` migration: sluice cannot know what hand-written SQL does. */
export const CUSTOM_DOWN_SQL = `${IRREVERSIBLE}\n-- Write the SQL that undoes this migration below, then delete the line above so rollback runs it.\n`;

/** The down.sql of a merge migration: it changes no schema, so there is nothing to undo. */
export const MERGE_DOWN_SQL = '-- Merge migration: it changes nothing in the database, so there is nothing to undo.\n';

/** The down.sql of a migration whose reverse renders no statement. */
const NOTHING_DOWN_SQL = '-- This migration changes nothing the database keeps, so there is nothing to undo.\n';

/**
 * The statements that take a database from `next` back to `prev`: the reverse diff, with the
 * forward diff's rename answers turned round so renamed things rename back. An open question here
 * is a bug in the differ (the forward diff was settled), so it throws rather than asking.
 */
export function downStatements(dialect: KitDialectName, prev: Snapshot, next: Snapshot, answers: RenameAnswers): Statement[] {
  const reverse = diffSnapshots(next, prev, reverseAnswers(prev, next, answers));
  if (reverse.status === 'questions') {
    const open = reverse.questions.map((q) => `${renameKey(q)} (from ${q.candidates.join(' or ')})`).join(', ');
    throw new KitError(`cannot write down.sql: the reverse diff still asks about renames, which is a bug in sluice's differ: ${open}`);
  }
  return kitDialect(dialect).render(reverse.changes, { from: next, to: prev });
}

/**
 * A down.sql from the reverse's statements, formatted as migration.sql is, with each statement
 * that loses data preceded by `-- sluice:destructive <reason>` (rollback refuses those without
 * `force`).
 */
export function formatDownSql(statements: readonly Statement[], options: { breakpoints: boolean }): string {
  if (statements.length === 0) return NOTHING_DOWN_SQL;
  return formatMigrationSql(statements, { breakpoints: options.breakpoints, marker: destructiveMarker });
}
