/**
 * The operation (`select`, `insert`, ...) and the first table of a statement, read from its text
 * for span names and `db.operation.name` / `db.collection.name`. Only the statement's top level
 * is read (what is inside parentheses, quotes and comments is skipped), so a subquery in a select
 * list or a CTE's body does not name the span.
 */

export interface StatementSummary {
  operation: string | undefined;
  collection: string | undefined;
}

const OPERATIONS = new Set(['select', 'insert', 'update', 'delete', 'merge', 'replace', 'values']);
/** Words that may stand between `update` and its table (`update or replace t`, `update ignore t`, `update only t`). */
const UPDATE_MODIFIERS = new Set(['or', 'ignore', 'low_priority', 'only', 'rollback', 'abort', 'replace', 'fail', 'top']);

/** Statements repeat: their summaries are kept, up to a bound so a stream of distinct ones cannot grow it. */
const cache = new Map<string, StatementSummary>();
const CACHE_LIMIT = 500;

export function describeStatement(sql: string): StatementSummary {
  let found = cache.get(sql);
  if (found === undefined) {
    found = summarize(topLevelTokens(sql));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sql, found);
  }
  return found;
}

interface Token {
  /** Lower-cased for words; the identifier's own text, unquoted, for quoted identifiers. */
  text: string;
  quoted: boolean;
}

function summarize(tokens: Token[]): StatementSummary {
  const first = tokens[0];
  if (first === undefined || first.quoted) return { operation: undefined, collection: undefined };
  let at = 0;
  let operation = first.text;
  if (operation === 'with') {
    // The statement a CTE list leads to is the first operation word at the top level after it.
    at = tokens.findIndex((t) => !t.quoted && OPERATIONS.has(t.text));
    if (at < 0) return { operation, collection: undefined };
    operation = tokens[at]!.text;
  }
  // MySQL's `start transaction` would otherwise be a span named `start`.
  if (operation === 'start' && tokens[1]?.text === 'transaction') return { operation: 'start transaction', collection: undefined };
  let name = -1;
  if (operation === 'select' || operation === 'delete') name = after(tokens, at, 'from');
  else if (operation === 'insert' || operation === 'replace' || operation === 'merge') name = after(tokens, at, 'into');
  else if (operation === 'update') {
    name = at + 1;
    while (name < tokens.length && !tokens[name]!.quoted && UPDATE_MODIFIERS.has(tokens[name]!.text)) name++;
  }
  return { operation, collection: name < 0 ? undefined : qualifiedName(tokens, name) };
}

/** The index just after the first `word` past `from`, or -1. */
function after(tokens: Token[], from: number, word: string): number {
  for (let i = from + 1; i < tokens.length; i++) if (!tokens[i]!.quoted && tokens[i]!.text === word) return i + 1;
  return -1;
}

/** `schema.table` (or `table`) starting at `i`, unquoted; undefined when no name is there (a subquery). */
function qualifiedName(tokens: Token[], i: number): string | undefined {
  const parts: string[] = [];
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.quoted && !/^[a-z_][\w$]*$/.test(t.text)) break;
    parts.push(t.text);
    if (tokens[i + 1]?.text !== '.' || tokens[i + 1]?.quoted) break;
    i += 2;
  }
  return parts.length === 0 ? undefined : parts.join('.');
}

const CLOSERS: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

/** Words, quoted identifiers and punctuation at parenthesis depth 0; a `(` there ends a name. */
function topLevelTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'") {
      // A string literal; '' inside it is an escaped quote, which the loop steps over as two literals.
      const end = sql.indexOf("'", i + 1);
      i = end < 0 ? n : end + 1;
    } else if (c in CLOSERS) {
      const close = CLOSERS[c]!;
      const end = sql.indexOf(close, i + 1);
      if (depth === 0) tokens.push({ text: sql.slice(i + 1, end < 0 ? n : end), quoted: true });
      i = end < 0 ? n : end + 1;
    } else if (c === '(') {
      if (depth === 0) tokens.push({ text: '(', quoted: false });
      depth++;
      i++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (/[\w$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(sql[j]!)) j++;
      if (depth === 0) tokens.push({ text: sql.slice(i, j).toLowerCase(), quoted: false });
      i = j;
    } else {
      if (depth === 0 && (c === '.' || c === ',')) tokens.push({ text: c, quoted: false });
      i++;
    }
  }
  return tokens;
}
