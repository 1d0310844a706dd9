import type { SchemaModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';

/**
 * SQL Server keeps no text of its own for checks, computed columns and index filters: it
 * reprints them (`[age] >= 0` is stored as `([age]>=(0))`). `push` and `check --db` compare the
 * schema's model with an introspected one, so the schema's side is written here the way SQL
 * Server reprints it (introspection takes the outer parentheses off):
 * - constants are wrapped in parentheses (`(0)`, `(-1)`, `(1.5)`), strings are not;
 * - no spaces around operators, commas and parentheses; one space around words (`IS NULL`,
 *   `AND`), with SQL's keywords in upper case and function names in lower case;
 * - a default that is an expression is reprinted the same way (`CURRENT_TIMESTAMP` is stored as
 *   `getdate()`); literal defaults are kept as written.
 * It is a model of the reprint for the expressions schemas usually hold, not a full one: where
 * it differs, `push` re-creates the check, which the live suite would show.
 */
export async function mssqlAsDatabase(_session: MigrationSession, model: SchemaModel): Promise<SchemaModel> {
  return mssqlSpelling(model);
}

/** The model with its expressions in SQL Server's reprinted form. */
export function mssqlSpelling(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => {
        const out = c.generated === undefined ? { ...c } : { ...c, generated: { ...c.generated, as: reprint(c.generated.as) } };
        if (c.default !== undefined && !isLiteral(c.default)) out.default = reprint(c.default);
        return out;
      }),
      checks: t.checks.map((c) => ({ ...c, expression: reprint(c.expression) })),
      indexes: t.indexes.map((i) => (i.where === undefined ? i : { ...i, where: reprint(i.where) })),
    })),
  };
}

/** A default SQL Server keeps as written (introspection takes its parentheses off): a number, a string, a binary constant. */
function isLiteral(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text) || /^N?'(?:[^']|'')*'$/is.test(text) || /^0x[0-9a-f]*$/i.test(text);
}

/** Niladic functions SQL Server stores under another name. */
const renamed: Record<string, string> = { current_timestamp: 'getdate()' };

const keywords = new Set(['and', 'or', 'not', 'is', 'null', 'like', 'in', 'between', 'exists', 'case', 'when', 'then', 'else', 'end', 'as', 'escape', 'collate']);

type Token = { kind: 'word' | 'name' | 'string' | 'number' | 'op' | 'open' | 'close' | 'comma'; text: string };

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const m =
      /^\[(?:[^\]]|\]\])*\]/.exec(rest) ?? /^N?'(?:[^']|'')*'/i.exec(rest) ?? /^\d+(?:\.\d+)?(?:e[-+]?\d+)?/i.exec(rest) ?? /^[A-Za-z_@#][\w@#$]*/.exec(rest) ?? /^(?:<>|!=|>=|<=|\|\||[-+*/%=<>&|^~!.])/.exec(rest) ?? /^[(),]/.exec(rest);
    if (!m) return [{ kind: 'word', text: sql }];
    const t = m[0];
    const kind: Token['kind'] = t.startsWith('[') ? 'name' : /^N?'/i.test(t) ? 'string' : /^\d/.test(t) ? 'number' : /^[A-Za-z_@#]/.test(t) ? 'word' : t === '(' ? 'open' : t === ')' ? 'close' : t === ',' ? 'comma' : 'op';
    out.push({ kind, text: t });
    i += t.length;
  }
  return out;
}

/** One expression as SQL Server reprints it, without the outer parentheses it adds. */
export function reprint(sql: string): string {
  const tokens = tokenize(sql);
  let out = '';
  let prev: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let piece = t.text;
    if (t.kind === 'word') piece = renamed[t.text.toLowerCase()] ?? (keywords.has(t.text.toLowerCase()) ? t.text.toUpperCase() : tokens[i + 1]?.kind === 'open' ? t.text.toLowerCase() : t.text);
    // A sign directly before a number (at the start, or after an operator, '(' or ',') belongs to the constant.
    const unary =
      t.kind === 'op' &&
      (t.text === '-' || t.text === '+') &&
      tokens[i + 1]?.kind === 'number' &&
      (prev === undefined || prev.kind === 'op' || prev.kind === 'open' || prev.kind === 'comma' || (prev.kind === 'word' && keywords.has(prev.text.toLowerCase())));
    if (unary) {
      const n = tokens[++i]!;
      piece = `(${t.text === '-' ? '-' : ''}${n.text})`;
    } else if (t.kind === 'number') {
      piece = `(${t.text})`;
    }
    const isWordy = (k: Token | undefined) => k !== undefined && (k.kind === 'word' || k.kind === 'name' || k.kind === 'string' || k.kind === 'number' || k.kind === 'close');
    const startsWordy = t.kind === 'word' || t.kind === 'name' || t.kind === 'string' || unary || t.kind === 'number';
    const wordKeyword = (k: Token | undefined) => k !== undefined && k.kind === 'word' && keywords.has(k.text.toLowerCase());
    if (out !== '' && ((isWordy(prev) && startsWordy) || (wordKeyword(t) && prev?.kind !== 'open') || (wordKeyword(prev) && t.kind !== 'close' && t.kind !== 'comma'))) out += ' ';
    out += piece;
    prev = unary ? tokens[i] : t;
  }
  return out;
}
