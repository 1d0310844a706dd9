/** Why each rule's statements are risky and what to write instead, per dialect where it differs. */
import type { KitDialectName } from '../model.js';
import { LINT_RULES, type LintRuleId } from './types.js';

const expandContract = 'Expand and contract: add a new column, backfill it, switch reads (and writes) to it, then drop the old one in a later migration.';

export function advice(rule: LintRuleId, dialect: KitDialectName, variant?: 'set-not-null'): { reason: string; alternative: string } {
  switch (rule) {
    case 'drop-column':
      return {
        reason: "The column's values are lost, and code still running during the deploy that reads or writes the column fails.",
        alternative: 'Stop using the column in code first and deploy that; drop it in a later migration.',
      };
    case 'drop-table':
      return {
        reason: "The table's rows are lost, and code still running during the deploy that uses the table fails.",
        alternative: 'Stop using the table in code first and deploy that; drop it in a later migration.',
      };
    case 'not-null-without-default': {
      const reason =
        variant === 'set-not-null'
          ? `The table already exists: ${dialect === 'mysql' ? 'MySQL rebuilds it to check every row' : 'every row is checked under an exclusive lock'}, and the statement fails if any row holds NULL.`
          : 'The table already exists: with rows in it the statement fails (no value to put in them) or locks the table while it checks them.';
      const finish =
        dialect === 'postgresql' ? 'then add CHECK (<column> IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, and SET NOT NULL (PostgreSQL then skips the scan).' : 'then make it NOT NULL in a later migration.';
      return { reason, alternative: `Add the column nullable (or with a DEFAULT), backfill it, ${finish}` };
    }
    case 'type-change':
      return {
        reason: 'The database rewrites the whole table under an exclusive lock, values that do not convert fail the migration, and code still running expects the old type.',
        alternative: expandContract,
      };
    case 'table-rebuild':
      return {
        reason: "SQLite's ALTER TABLE cannot make this change, so the whole table is copied into a new one, the old one dropped and the new one renamed: slow on a big table, with writes waiting until it is done.",
        alternative: `${expandContract} Changes ALTER TABLE can make (ADD COLUMN, RENAME, DROP COLUMN) need no rebuild.`,
      };
    case 'index-not-concurrent':
      return {
        reason: 'The table already exists: CREATE INDEX blocks writes to it until the index is built.',
        alternative: 'Put the index in its own migration whose first line is `-- sluice:no-transaction` and use CREATE INDEX CONCURRENTLY.',
      };
    case 'foreign-key-not-valid':
      return {
        reason: 'The table already exists: adding the foreign key scans all its rows while it locks both tables against writes.',
        alternative: 'Add the foreign key NOT VALID (new rows are checked at once), then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration, which takes a weaker lock.',
      };
    case 'rename':
      return {
        reason: 'Code still running during the deploy uses the old name and fails until the new code is out.',
        alternative: 'Expand and contract: add the new one, write to both, move reads to the new one, then drop the old one; or keep a view with the old name.',
      };
    case 'unknown-rule':
      return {
        reason: 'A misspelt rule in an ignore comment accepts nothing, so the finding it was meant to accept goes unaccepted and the typo unnoticed.',
        alternative: `Name one of: ${LINT_RULES.filter((r) => r !== 'unknown-rule').join(', ')}, or * for all.`,
      };
  }
}
