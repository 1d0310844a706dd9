/**
 * Comments in a migration's SQL that change how sluice treats it. They are plain SQL comments, so
 * the file still runs as written in any other tool.
 */

/** First line of a migration that must run outside a transaction (`CREATE INDEX CONCURRENTLY`, `VACUUM`). */
export const NO_TRANSACTION = '-- sluice:no-transaction';

/** Whether the file's first non-blank line is `-- sluice:no-transaction`. */
export function isNoTransaction(sql: string): boolean {
  const first = sql.split(/\r?\n/).find((line) => line.trim() !== '');
  return first !== undefined && first.trim().toLowerCase() === NO_TRANSACTION;
}
