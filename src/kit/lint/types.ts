/** What the migration linter reports, and the rules it knows. */

/** One risky statement in a migration. */
export interface LintFinding {
  /** The migration's name (its folder, or drizzle's journal tag). */
  migration: string;
  /** The rule's id, e.g. `drop-column`. */
  rule: LintRuleId;
  /** The statement as written in the file. */
  statement: string;
  /** One line naming the table and column, e.g. `drops column users.age`. */
  message: string;
  /** Why the statement is risky on a live database. */
  reason: string;
  /** What to do instead. */
  alternative: string;
}

/**
 * The rule ids: part of the public API (they are written in `-- sluice:lint-ignore` comments and
 * read by CI scripts), so they are never renamed.
 */
export const LINT_RULES = ['drop-column', 'drop-table', 'not-null-without-default', 'type-change', 'table-rebuild', 'index-not-concurrent', 'foreign-key-not-valid', 'rename', 'unknown-rule'] as const;

export type LintRuleId = (typeof LINT_RULES)[number];

/** `-- sluice:lint-ignore <rule>[, <rule>...]` (or `*`): accepts the next statement's findings of those rules. */
export const LINT_IGNORE = '-- sluice:lint-ignore';
