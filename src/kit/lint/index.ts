/**
 * The migration linter: reads a migration's SQL as written (generated, hand-edited or drizzle-kit's)
 * and reports statements that are risky on a live database, each with the reason and a safer
 * way. It judges text, not snapshots, so a hand-added CONCURRENTLY or NOT VALID counts.
 */
import { KitError } from '../config-errors.js';
import type { KitDialectName } from '../model.js';
import { advice } from './advice.js';
import type { KnownColumns } from './known-columns.js';
import { statementHits } from './rules-tables.js';
import type { FileState } from './state.js';
import { lintStatements } from './statements.js';
import { LINT_RULES, LINT_IGNORE, type LintFinding, type LintRuleId } from './types.js';

export { knownColumnsOf, type KnownColumns } from './known-columns.js';
export { LINT_IGNORE, LINT_RULES, type LintFinding, type LintRuleId } from './types.js';

export interface LintSqlOptions {
  /**
   * Columns known from earlier migrations (their types and nullability), read and updated: pass
   * one map through a folder's migrations in order. Without it, a type change's old type is
   * unknown and the change is reported.
   */
  known?: KnownColumns | undefined;
}

/**
 * The findings of one migration's SQL, in statement order.
 *
 * @example
 * lintSql('ALTER TABLE "users" DROP COLUMN "age";', 'postgresql', '20261130120000_drop_age');
 * // [{ rule: 'drop-column', message: 'drops column users.age', ... }]
 */
export function lintSql(sql: string, dialect: KitDialectName, migration: string, options: LintSqlOptions = {}): LintFinding[] {
  const statements = lintStatements(sql, dialect, (message) => {
    throw new KitError(`Cannot lint migration ${migration}: ${message}`);
  });
  const state: FileState = { dialect, created: new Set(), known: options.known ?? new Map() };
  const findings: LintFinding[] = [];
  const finding = (rule: LintRuleId, statement: string, message: string, variant?: 'set-not-null'): LintFinding => ({ migration, rule, statement, message, ...advice(rule, dialect, variant) });
  for (const s of statements) {
    const ignores = new Set(s.ignores.map((r) => r.toLowerCase()));
    for (const rule of ignores) {
      if (rule !== '*' && (!(LINT_RULES as readonly string[]).includes(rule) || rule === 'unknown-rule')) {
        findings.push(finding('unknown-rule', s.text, `unknown rule '${rule}' in ${LINT_IGNORE}`));
      }
    }
    const hits = s.tokens.length === 0 ? [] : statementHits(s.tokens, state);
    for (const hit of hits) {
      if (!ignores.has('*') && !ignores.has(hit.rule)) findings.push(finding(hit.rule, s.text, hit.message, hit.variant));
    }
  }
  return findings;
}
