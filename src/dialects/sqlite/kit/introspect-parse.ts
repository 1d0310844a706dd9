/**
 * What SQLite's pragmas do not report, read from the stored CREATE text instead: AUTOINCREMENT,
 * CHECK constraints and their names, generated column expressions and STORED/VIRTUAL, foreign
 * key names, index expressions and WHERE clauses, view definitions. SQLite keeps the text of a
 * CREATE statement as it was written, so expressions are sliced out of it verbatim, which is how
 * the kit wrote them from the model.
 */
import { SluiceError } from '../../../core/errors.js';
import { closingToken, splitTopLevel, tokenize as scan, type Token } from '../../../kit/sql-tokens.js';

export { splitTopLevel, type Token, type TokenKind } from '../../../kit/sql-tokens.js';

/** The stored SQL could not be read: names the object and what was expected. */
export class SqliteSchemaParseError extends SluiceError {}

/**
 * Splits SQL into tokens (the kit's scanner, `src/kit/sql-tokens.ts`); an unterminated quote is a
 * SqliteSchemaParseError.
 */
export function tokenize(sql: string): Token[] {
  return scan(sql, {
    unterminated: (message) => {
      throw new SqliteSchemaParseError(message);
    },
  });
}

/** The index of the `)` closing the `(` at `open`. */
export function closing(tokens: readonly Token[], open: number, sql: string): number {
  const close = closingToken(tokens, open);
  if (close >= 0) return close;
  throw new SqliteSchemaParseError(`Unbalanced parentheses in: ${sql}`);
}

const isWord = (t: Token | undefined, ...words: string[]): boolean => t !== undefined && t.kind === 'word' && words.includes(t.value);
const isPunct = (t: Token | undefined, text: string): boolean => t !== undefined && t.kind === 'punct' && t.text === text;
const nameOf = (t: Token): string => (t.kind === 'ident' || t.kind === 'string' ? t.value : t.text);

/** `CREATE [TEMP] TABLE|INDEX|VIEW [IF NOT EXISTS] [schema.]name`: the token index after the name. */
function afterName(tokens: readonly Token[], sql: string): number {
  let i = 0;
  while (i < tokens.length && !isWord(tokens[i], 'TABLE', 'INDEX', 'VIEW')) i++;
  i++;
  if (isWord(tokens[i], 'IF')) i += 3;
  if (tokens[i] === undefined) throw new SqliteSchemaParseError(`No object name in: ${sql}`);
  i++;
  if (isPunct(tokens[i], '.')) i += 2;
  return i;
}

export interface ParsedColumn {
  name: string;
  autoincrement: boolean;
  /** The DEFAULT's text when it is a parenthesised expression, with its parentheses. */
  defaultExpression: string | undefined;
  generated: { as: string; type: 'stored' | 'virtual' } | undefined;
}

export interface ParsedCheck {
  name: string | undefined;
  expression: string;
}

export interface ParsedTable {
  columns: Map<string, ParsedColumn>;
  checks: ParsedCheck[];
  /** `CONSTRAINT name FOREIGN KEY (cols)` / a column's `CONSTRAINT name REFERENCES`: name by the joined column list. */
  foreignKeyNames: Map<string, string>;
  /** `CONSTRAINT name UNIQUE (cols)`: name by the joined column list. */
  uniqueNames: Map<string, string>;
}

const tableConstraintStart = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];
const columnConstraintStart = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS'];

/** Reads a stored `CREATE TABLE` statement. */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = afterName(tokens, sql);
  if (!isPunct(tokens[open], '(')) throw new SqliteSchemaParseError(`Expected "(" after the table name in: ${sql}`);
  const close = closing(tokens, open, sql);
  const out: ParsedTable = { columns: new Map(), checks: [], foreignKeyNames: new Map(), uniqueNames: new Map() };
  const inner = (from: number, to: number, list: readonly Token[]): string => sql.slice(list[from]!.end, list[to]!.start).trim();
  for (const def of splitTopLevel(tokens, open + 1, close)) {
    if (def.length === 0) continue;
    if (def[0]!.kind === 'word' && tableConstraintStart.includes(def[0]!.value)) {
      readTableConstraint(def, sql, out, inner);
      continue;
    }
    const column: ParsedColumn = { name: nameOf(def[0]!), autoincrement: false, defaultExpression: undefined, generated: undefined };
    let constraintName: string | undefined;
    let i = 1;
    while (i < def.length && !(def[i]!.kind === 'word' && columnConstraintStart.includes(def[i]!.value))) i++;
    for (; i < def.length; i++) {
      const t = def[i]!;
      if (isPunct(t, '(')) {
        i = closing(def, i, sql);
        continue;
      }
      if (t.kind !== 'word') continue;
      if (t.value === 'CONSTRAINT') {
        constraintName = nameOf(def[++i]!);
      } else if (t.value === 'AUTOINCREMENT') {
        column.autoincrement = true;
      } else if (t.value === 'DEFAULT' && isPunct(def[i + 1], '(')) {
        const end = closing(def, i + 1, sql);
        column.defaultExpression = sql.slice(def[i + 1]!.start, def[end]!.end);
        i = end;
      } else if (t.value === 'CHECK' && isPunct(def[i + 1], '(')) {
        const end = closing(def, i + 1, sql);
        out.checks.push({ name: constraintName, expression: inner(i + 1, end, def) });
        constraintName = undefined;
        i = end;
      } else if (t.value === 'AS' && isPunct(def[i + 1], '(')) {
        const end = closing(def, i + 1, sql);
        column.generated = { as: inner(i + 1, end, def), type: isWord(def[end + 1], 'STORED') ? 'stored' : 'virtual' };
        i = end;
      } else if (t.value === 'REFERENCES') {
        if (constraintName !== undefined) out.foreignKeyNames.set(column.name, constraintName);
        constraintName = undefined;
      } else if (t.value === 'UNIQUE') {
        if (constraintName !== undefined) out.uniqueNames.set(column.name, constraintName);
        constraintName = undefined;
      } else if (['PRIMARY', 'NOT', 'COLLATE', 'DEFAULT'].includes(t.value)) {
        // A constraint name belongs to the clause after it; these clauses' names the model has no place for.
        constraintName = undefined;
      }
    }
    out.columns.set(column.name, column);
  }
  return out;
}

function readTableConstraint(def: Token[], sql: string, out: ParsedTable, inner: (from: number, to: number, list: readonly Token[]) => string): void {
  let i = 0;
  let name: string | undefined;
  if (isWord(def[0], 'CONSTRAINT')) {
    name = nameOf(def[1]!);
    i = 2;
  }
  const kind = def[i]?.value;
  const group = (at: number): { cols: string[]; end: number } => {
    const end = closing(def, at, sql);
    const cols = splitTopLevel(def, at + 1, end).map((part) => nameOf(part[0]!));
    return { cols, end };
  };
  if (kind === 'CHECK' && isPunct(def[i + 1], '(')) {
    out.checks.push({ name, expression: inner(i + 1, closing(def, i + 1, sql), def) });
  } else if (kind === 'FOREIGN' && name !== undefined) {
    const at = def.findIndex((t, j) => j > i && isPunct(t, '('));
    out.foreignKeyNames.set(group(at).cols.join('\0'), name);
  } else if (kind === 'UNIQUE' && name !== undefined) {
    out.uniqueNames.set(group(i + 1).cols.join('\0'), name);
  }
}

export interface ParsedIndexColumn {
  /** The column's or expression's text as written, without ASC/DESC and COLLATE. */
  text: string;
  /** The bare column name when the item is just a (quoted) name. */
  column: string | undefined;
  desc: boolean;
}

export interface ParsedIndex {
  columns: ParsedIndexColumn[];
  where: string | undefined;
}

/** Reads a stored `CREATE [UNIQUE] INDEX` statement. */
export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  let i = afterName(tokens, sql);
  if (!isWord(tokens[i], 'ON')) throw new SqliteSchemaParseError(`Expected ON after the index name in: ${sql}`);
  i += 2;
  if (!isPunct(tokens[i], '(')) throw new SqliteSchemaParseError(`Expected "(" after the indexed table in: ${sql}`);
  const close = closing(tokens, i, sql);
  const columns = splitTopLevel(tokens, i + 1, close).map((part): ParsedIndexColumn => {
    let end = part.length;
    let desc = false;
    if (isWord(part[end - 1], 'ASC', 'DESC')) {
      desc = part[end - 1]!.value === 'DESC';
      end--;
    }
    if (end >= 2 && isWord(part[end - 2], 'COLLATE')) end -= 2;
    const body = part.slice(0, end);
    const text = sql.slice(body[0]!.start, body[body.length - 1]!.end);
    const single = body.length === 1 && (body[0]!.kind === 'ident' || body[0]!.kind === 'word') ? nameOf(body[0]!) : undefined;
    return { text, column: single, desc };
  });
  const where = isWord(tokens[close + 1], 'WHERE')
    ? sql
        .slice(tokens[close + 1]!.end)
        .trim()
        .replace(/;\s*$/, '')
    : undefined;
  return { columns, where };
}

/** The defining query of a stored `CREATE VIEW` statement. */
export function parseCreateView(sql: string): string {
  const tokens = tokenize(sql);
  let i = afterName(tokens, sql);
  if (isPunct(tokens[i], '(')) i = closing(tokens, i, sql) + 1;
  if (!isWord(tokens[i], 'AS') || tokens[i + 1] === undefined) throw new SqliteSchemaParseError(`Expected AS after the view name in: ${sql}`);
  return sql
    .slice(tokens[i + 1]!.start)
    .trim()
    .replace(/;\s*$/, '');
}
