/**
 * A migration file as statements: split on `;` and breakpoint lines outside strings, quoted
 * identifiers, comments and (PostgreSQL) dollar quotes, each with the lint-ignore comments written
 * above it.
 */
import { BREAKPOINT } from '../api/sql-file.js';
import { isPgFamily, type KitDialectName } from '../model.js';
import { tokenize, type Token } from '../sql-tokens.js';

export interface LintStatement {
  /** The statement as written, comments above it left out. */
  text: string;
  /** Its tokens, comments left out. */
  tokens: Token[];
  /** Rule ids (or `*`) named by `-- sluice:lint-ignore` comments above it. */
  ignores: string[];
}

const IGNORE = /^--\s*sluice:lint-ignore\b(.*)$/i;

/**
 * Splits `sql` into statements. Hand-written migrations often hold several statements without
 * breakpoints, so `;` splits too; a breakpoint line without a `;` before it still ends one.
 */
export function lintStatements(sql: string, dialect: KitDialectName, fail: (message: string) => never): LintStatement[] {
  const tokens = tokenize(sql, { comments: true, dollarQuotes: isPgFamily(dialect), backslashEscapes: dialect === 'mysql', unterminated: fail });
  const out: LintStatement[] = [];
  let current: Token[] = [];
  let ignores: string[] = [];
  const end = () => {
    if (current.length === 0) return;
    out.push({ text: sql.slice(current[0]!.start, current.at(-1)!.end), tokens: current, ignores });
    ignores = [];
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'comment') {
      if (t.text.startsWith(BREAKPOINT)) end();
      const m = IGNORE.exec(t.text);
      // Written inside a statement (above one of its lines), it counts for that statement.
      // A reason may follow the rules after a second `--`: `-- sluice:lint-ignore drop-column -- unused since v2`.
      if (m !== null)
        ignores.push(
          ...m[1]!
            .split('--')[0]!
            .split(/[\s,]+/)
            .filter((r) => r !== ''),
        );
    } else if (t.kind === 'punct' && t.text === ';') end();
    else current.push(t);
  }
  end();
  // Ignores after the last statement accept nothing; kept so a misspelt rule is still reported.
  if (ignores.length > 0) out.push({ text: '', tokens: [], ignores });
  return out;
}
