/**
 * A small SQL scanner shared by the kit: SQLite introspection reads stored CREATE text with it and
 * the migration linter splits and reads migration files with it. It knows quoting and comments,
 * not grammar; callers look at the tokens.
 */

export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'punct' | 'comment';

export interface Token {
  kind: TokenKind;
  /** The token's text as written. */
  text: string;
  /** A word upper-cased, a quoted identifier unquoted; other tokens as written. */
  value: string;
  start: number;
  end: number;
}

export interface TokenizeOptions {
  /** PostgreSQL dollar quotes (`$$...$$`, `$tag$...$tag$`) read as one string token. */
  dollarQuotes?: boolean | undefined;
  /** MySQL's backslash escapes inside quoted strings (`'it\'s'`). */
  backslashEscapes?: boolean | undefined;
  /** Emit comments as `comment` tokens (their text, `--` or `/*` included) instead of skipping them. */
  comments?: boolean | undefined;
  /** Called on a quote that never closes; without it the rest of the text becomes one token. */
  unterminated?: ((message: string) => never) | undefined;
}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordPart = /[A-Za-z0-9_$\u0080-\uffff]/;
const dollarTag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/**
 * Splits SQL into tokens, respecting quotes (`'..'`, `".."`, `` `..` ``, `[..]`, doubled quotes
 * inside) and skipping comments (or keeping them, see `comments`).
 */
export function tokenize(sql: string, options: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  const comment = (start: number, end: number) => {
    if (options.comments === true) out.push({ kind: 'comment', text: sql.slice(start, end), value: sql.slice(start, end), start, end });
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl === -1 ? sql.length : nl;
      comment(i, end);
      i = end;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      comment(i, end);
      i = end;
    } else if (ch === '$' && options.dollarQuotes === true && dollarTag.test(sql.slice(i, i + 64))) {
      const tag = dollarTag.exec(sql.slice(i, i + 64))![0];
      const close = sql.indexOf(tag, i + tag.length);
      if (close === -1) options.unterminated?.(`Unterminated dollar quote ${tag} at offset ${i} in: ${sql}`);
      const end = close === -1 ? sql.length : close + tag.length;
      out.push({ kind: 'string', text: sql.slice(i, end), value: sql.slice(i + tag.length, close === -1 ? sql.length : close), start: i, end });
      i = end;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= sql.length) {
          options.unterminated?.(`Unterminated quote ${ch} at offset ${i} in: ${sql}`);
          break;
        }
        if (options.backslashEscapes === true && close !== ']' && sql[j] === '\\' && j + 1 < sql.length) {
          value += sql[j + 1];
          j += 2;
          continue;
        }
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) {
            value += close;
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      const end = Math.min(j + 1, sql.length);
      out.push({ kind: ch === "'" ? 'string' : 'ident', text: sql.slice(i, end), value, start: i, end });
      i = end;
    } else if ((ch === 'x' || ch === 'X') && sql[i + 1] === "'") {
      const close = sql.indexOf("'", i + 2);
      const end = close === -1 ? sql.length : close + 1;
      out.push({ kind: 'string', text: sql.slice(i, end), value: sql.slice(i, end), start: i, end });
      i = end;
    } else if (wordStart.test(ch)) {
      let j = i + 1;
      while (j < sql.length && wordPart.test(sql[j]!)) j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'word', text, value: text.toUpperCase(), start: i, end: j });
      i = j;
    } else if (/[0-9.]/.test(ch) && (ch !== '.' || /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)/i.exec(sql.slice(i))!;
      out.push({ kind: 'number', text: m[0], value: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      const text = ['<=', '>=', '<>', '!=', '==', '||', '<<', '>>', '->'].includes(two) ? (two === '->' && sql[i + 2] === '>' ? '->>' : two) : ch;
      out.push({ kind: 'punct', text, value: text, start: i, end: i + text.length });
      i += text.length;
    }
  }
  return out;
}

/** The index of the `)` closing the `(` at `open`, or -1 when it never closes. */
export function closingToken(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits `tokens[from..to)` at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') {
      parts.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
