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

/**
 * In a `down.sql`, the line before a statement whose execution loses data (`-- sluice:destructive
 * drops column users.email and its data`): rollback refuses it without `force`.
 */
export const DESTRUCTIVE = '-- sluice:destructive';

/** Anywhere in a `down.sql`: sluice could not write the reverse, a person has to. */
export const IRREVERSIBLE = '-- sluice:irreversible';

/** The `-- sluice:destructive <reason>` line before a statement of a down.sql (the reason on one line). */
export function destructiveMarker(reason: string): string {
  return `${DESTRUCTIVE} ${reason.replace(/\s*\n\s*/g, ' ').trim()}`;
}

/** The reason of a `-- sluice:destructive <reason>` line, or undefined when the line is no such marker. */
export function destructiveReason(line: string): string | undefined {
  const trimmed = line.trim();
  if (!isMarker(trimmed, DESTRUCTIVE)) return undefined;
  return trimmed.slice(DESTRUCTIVE.length).trim();
}

/** Whether a line of the file is `-- sluice:irreversible` (a note may follow it on the line). */
export function isIrreversible(sql: string): boolean {
  return sql.split(/\r?\n/).some((line) => isMarker(line.trim(), IRREVERSIBLE));
}

/** `line` is `marker` or `marker <text>`, the marker in any case. */
function isMarker(line: string, marker: string): boolean {
  const lower = line.toLowerCase();
  return lower === marker || lower.startsWith(`${marker} `);
}
