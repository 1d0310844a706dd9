/**
 * Catalog text -> the serializer's spelling, for MariaDB and MySQL 8 alike. Each function takes
 * what one `information_schema` column says and returns the model's text; the two servers'
 * differences are handled here so that `introspect.ts` only assembles rows.
 *
 * Normal forms chosen where the server cannot give the schema's text back:
 * - Integer display widths are dropped (`int(11)` -> `int`); `tinyint(1)` is `boolean`, `year(4)`
 *   is `year`; MariaDB's `longtext` with its `json_valid` check is `json`.
 * - `current_timestamp[(n)]` defaults are `(now([n]))` and `curdate()` is `(curdate())`, the text
 *   `.defaultNow()` writes; on update is `current_timestamp[(n)]`, as the serializer writes it.
 * - A generation expression gets one space after each comma outside quotes (MariaDB prints
 *   `concat(a,'!')`), and MySQL 8's escaping and charset introducers (`_utf8mb4\'x\'`) are undone.
 */
import { lowerType } from '../../../kit/serialize.js';
import { mysqlDialect } from '../dialect.js';

export type MysqlFlavour = 'mariadb' | 'mysql';

/** `COLUMN_TYPE` in the serializer's spelling. */
export function normalizeColumnType(columnType: string): string {
  const type = lowerType(columnType);
  const int = /^(tinyint|smallint|mediumint|int|integer|bigint)(?:\((\d+)\))?(.*)$/.exec(type);
  if (int) {
    const [, base, width, rest] = int;
    if (base === 'tinyint' && width === '1' && rest === '') return 'boolean';
    return `${base === 'integer' ? 'int' : base}${rest}`;
  }
  if (type === 'year(4)') return 'year';
  return type;
}

const wrapped = /^(tiny|medium|long)?(text|blob)$|^json$/;
const numericType = /^(tinyint|smallint|mediumint|int|bigint|float|double|real|year|bit)\b/;
const quotedType = /^(decimal|numeric|char|varchar|binary|varbinary|enum|set|date|datetime|timestamp|time)\b|^(tiny|medium|long)?(text|blob)$|^json$/;

/** The text of a quoted SQL string literal (`'it\'s'`, `'it''s'`), or undefined if `text` is not one. */
export function unquoteLiteral(text: string): string | undefined {
  const m = /^(?:_[a-z0-9]+)?'([\s\S]*)'$/i.exec(text.trim());
  if (!m) return undefined;
  const body = m[1]!;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === '0' ? '\0' : next;
    } else if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A string as the serializer writes it: the ORM's inliner. */
function literal(value: string): string {
  return mysqlDialect.inline(value);
}

const isNumber = (text: string): boolean => /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text);

export interface DefaultInput {
  flavour: MysqlFlavour;
  /** The column's model type (after `normalizeColumnType` and the json/serial rules). */
  type: string;
  /** `COLUMN_DEFAULT` as the server reports it. */
  columnDefault: string | null;
  /** `EXTRA`, lower-cased. */
  extra: string;
}

/**
 * A column's default in the serializer's spelling, or undefined for none. MariaDB quotes string
 * literals and reports a NULL default as the text `NULL`; MySQL 8 gives literals bare, SQL NULL for
 * none, and marks expression defaults with `DEFAULT_GENERATED`.
 */
export function normalizeDefault(input: DefaultInput): string | undefined {
  const { flavour, type, extra } = input;
  if (input.columnDefault === null) return undefined;
  const text = input.columnDefault.trim();
  let value: string | undefined;
  if (flavour === 'mariadb') {
    if (text === 'NULL') return undefined;
    value = unquoteLiteral(text);
    if (value === undefined && !isNumber(text)) return expressionDefault(text);
    if (value === undefined) value = text;
  } else {
    if (extra.includes('default_generated')) {
      const inner = unwrap(mysql8Text(text));
      const str = unquoteLiteral(inner);
      if (str === undefined) return expressionDefault(mysql8Text(text));
      value = str;
    } else {
      value = text;
    }
  }
  return literalDefault(type, value);
}

function literalDefault(type: string, value: string): string {
  if (type === 'boolean') return value === '0' ? 'false' : value === '1' ? 'true' : value;
  let out: string;
  if (numericType.test(type) && isNumber(value)) out = value;
  else if (quotedType.test(type) || !isNumber(value)) out = literal(value);
  else out = value;
  return wrapped.test(type) ? `(${out})` : out;
}

function expressionDefault(text: string): string {
  const now = /^current_timestamp(?:\((\d*)\))?$/i.exec(text) ?? /^now\((\d*)\)$/i.exec(text);
  if (now) return now[1] ? `(now(${now[1]}))` : '(now())';
  if (/^curdate\(\)$/i.test(text) || /^current_date(\(\))?$/i.test(text)) return '(curdate())';
  return text.startsWith('(') && balanced(text) ? text : `(${text})`;
}

/** `on update current_timestamp(3)` in `EXTRA` -> `current_timestamp(3)`; `current_timestamp()` -> `current_timestamp`. */
export function normalizeOnUpdate(extra: string): string | undefined {
  const m = /on update (current_timestamp|now)(?:\((\d*)\))?/i.exec(extra);
  if (!m) return undefined;
  return m[2] ? `current_timestamp(${m[2]})` : 'current_timestamp';
}

/** `VIRTUAL GENERATED` / `STORED GENERATED` (MySQL 8 and MariaDB) in `EXTRA`. */
export function generatedKind(extra: string): 'stored' | 'virtual' | undefined {
  if (/stored generated|persistent generated/i.test(extra)) return 'stored';
  if (/virtual generated/i.test(extra)) return 'virtual';
  return undefined;
}

/** A generation expression in the normal form (see the file header). */
export function normalizeGenerated(flavour: MysqlFlavour, expression: string): string {
  return spaceCommas((flavour === 'mysql' ? mysql8Text(expression) : expression).trim());
}

/** A check clause: MySQL 8 wraps it in parentheses and adds charset introducers; MariaDB keeps the text as written. */
export function normalizeCheck(flavour: MysqlFlavour, clause: string): string {
  if (flavour === 'mariadb') return clause.trim();
  return unwrap(mysql8Text(clause).trim());
}

/** A view's query with the current database's qualifier and the outer parentheses removed. */
export function normalizeViewDefinition(definition: string, database: string): string {
  const qualifier = `\`${database.replace(/`/g, '``')}\`.`;
  return unwrap(definition.split(qualifier).join('').trim());
}

/**
 * MySQL 8 prints expressions with their quotes backslash-escaped and string literals prefixed by
 * their charset (`concat(`a`,_utf8mb4\'!\')`): undo the escaping, then drop the introducers.
 */
export function mysql8Text(text: string): string {
  const unescaped = text.includes("\\'") ? text.replace(/\\(.)/g, '$1') : text;
  return unescaped.replace(/_(?:utf8mb4|utf8mb3|utf8|latin1|binary|ascii|utf16|utf32|ucs2)'/gi, "'");
}

function spaceCommas(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === '\\') {
        out += ch + (text[++i] ?? '');
        continue;
      }
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else if (ch === ',') {
      out += ', ';
      while (text[i + 1] === ' ') i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** `(x)` -> `x` when the outer parentheses are one pair. */
export function unwrap(text: string): string {
  const t = text.trim();
  return t.startsWith('(') && balanced(t) ? t.slice(1, -1).trim() : t;
}

function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0 && text.endsWith(')');
}

/** `REFERENTIAL_CONSTRAINTS` rule text -> the model's action. */
export function referentialAction(rule: string): 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default' {
  const r = rule.toLowerCase();
  if (r === 'cascade' || r === 'restrict' || r === 'no action' || r === 'set null' || r === 'set default') return r;
  return 'no action';
}
