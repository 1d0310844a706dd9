import type { KitDialectName } from '../model.js';
import type { KnownColumns } from './known-columns.js';
import type { LintRuleId } from './types.js';

/** What the rules know while they walk one migration file. */
export interface FileState {
  dialect: KitDialectName;
  /** Keys of tables created earlier in this file: new and empty, so most rules stay quiet on them. */
  created: Set<string>;
  /** Columns known from this and earlier migrations. */
  known: KnownColumns;
}

/** A rule's finding before the migration, statement and advice are added. */
export interface Hit {
  rule: LintRuleId;
  message: string;
  /** Picks the advice's wording where one rule covers two statements (`SET NOT NULL` against `ADD COLUMN`). */
  variant?: 'set-not-null';
}
