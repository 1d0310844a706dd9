/**
 * PostgreSQL prints types, defaults and expressions back in its own spelling; these functions
 * turn that spelling into the one the serializer writes, so a database made from a schema
 * introspects to the schema's model. The normal form for expressions (checks, index keys and
 * predicates, generated columns, policies) is the serializer's: column names quoted, no outer
 * parentheses, implicit `::text` casts PostgreSQL adds left out, SQL value keywords in lower case.
 */
import { closingParen } from './ddl-names.js';
const typeNames: Record<string, string> = {
  'character varying': 'varchar',
  character: 'char',
  'timestamp without time zone': 'timestamp',
  'time without time zone': 'time',
  'bit varying': 'varbit',
};

/**
 * `format_type` text -> the model's type text: `character varying(100)` -> `varchar(100)`,
 * `timestamp(3) without time zone` -> `timestamp(3)`, `integer[]` stays.
 */
export function normalizeType(formatted: string): string {
  const match = /^(.*?)((?:\[\])*)$/.exec(formatted.trim())!;
  let base = match[1]!;
  const dims = match[2]!;
  // A parameter sits inside the name for the time types: `timestamp(3) without time zone`.
  const timeWith = /^(timestamp|time)(\(\d+\))? (with|without) time zone$/.exec(base);
  if (timeWith) base = timeWith[3] === 'without' ? `${timeWith[1]}${timeWith[2] ?? ''}` : `${timeWith[1]}${timeWith[2] ?? ''} with time zone`;
  else {
    const param = /^([a-z ]+?)(\(.*\))?$/.exec(base);
    if (param && typeNames[param[1]!] !== undefined) base = `${typeNames[param[1]!]}${param[2] ?? ''}`;
  }
  // The serializer writes `numeric(10, 2)` with a space, as the column builders do.
  base = base.replace(/\((\d+),(\d+)\)$/, '($1, $2)');
  return `${base}${dims}`;
}

/**
 * JSON text with object keys in jsonb's order (shorter keys first, then by bytes), which is how
 * PostgreSQL gives a jsonb value back: a default written this way reads back unchanged.
 */
export function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonbText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => {
      const ab = Buffer.from(a);
      const bb = Buffer.from(b);
      return ab.length - bb.length || Buffer.compare(ab, bb);
    });
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonbText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const integerTypes = new Set(['smallint', 'integer', 'bigint']);
const serialFor: Record<string, string> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' };

/** The serial type a column of `type` with a `nextval(...)` default was declared as, if any. */
export function serialType(type: string): string | undefined {
  return serialFor[type];
}

/** The sequence a `nextval('name'::regclass)` default reads, unquoted and unqualified, or undefined. */
export function nextvalSequence(defaultText: string): string | undefined {
  const match = /^nextval\('(.+)'::regclass\)$/.exec(defaultText);
  if (!match) return undefined;
  const parts = match[1]!.replace(/''/g, "'").split('.');
  return parts[parts.length - 1]!.replace(/^"(.*)"$/, '$1').replace(/""/g, '"');
}

/**
 * A column default as the serializer writes it: the cast PostgreSQL adds to a literal goes
 * (`'x'::text` -> `'x'`, `'happy'::mood` -> `'happy'`), a number stored as a typed literal
 * is bare (`'9007199254740993'::bigint` -> `9007199254740993`), JSON is re-serialised compactly
 * (jsonb adds spaces), and array literals quote every element of a non-numeric type.
 */
export function normalizeDefault(text: string, type: string, columns: ReadonlySet<string>): string {
  const literal = /^('(?:[^']|'')*')::[a-z0-9_ ."[\]()]+$/i.exec(text.trim());
  if (!literal) {
    // A negative number is printed parenthesised with a cast: `'-1'::integer` or `(-1)`.
    const negative = /^\((-[\d.]+)\)(?:::[a-z ]+)?$/.exec(text.trim());
    if (negative) return negative[1]!;
    // A numeric column's default is a string in the schema (numeric values are strings there), which PostgreSQL prints bare.
    if (/^numeric(\(|$)/.test(type) && /^-?\d+(\.\d+)?$/.test(text.trim())) return quote(text.trim());
    // PostgreSQL keeps an operator expression's parentheses; the schema's `sql` default usually has them too.
    return normalizeExpression(text, columns, false);
  }
  const quoted = literal[1]!;
  const value = quoted.slice(1, -1).replace(/''/g, "'");
  const base = type.replace(/(\[\])+$/, '');
  if (type.endsWith('[]')) return quote(arrayText(value, !numericTypes.has(base) && base !== 'boolean'));
  if (integerTypes.has(base) || base === 'numeric' || base === 'real' || base === 'double precision') {
    if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  }
  // A Date default of a time zone type is written in ISO form (UTC); PostgreSQL prints it in the session's zone.
  if (base.startsWith('timestamp') && base.endsWith('with time zone')) {
    const at = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/.test(value) && !Number.isNaN(at.getTime())) return quote(at.toISOString());
  }
  if (base === 'json' || base === 'jsonb') {
    try {
      const parsed: unknown = JSON.parse(value);
      return `${quote(base === 'jsonb' ? jsonbText(parsed) : JSON.stringify(parsed))}::${base}`;
    } catch {
      return `${quoted}::${base}`;
    }
  }
  return quoted;
}

const numericTypes = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'decimal']);

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** Re-writes an array literal with every element quoted (`quoteAll`) or as PostgreSQL left it. */
function arrayText(value: string, quoteAll: boolean): string {
  if (!quoteAll) return value;
  let i = 0;
  const parse = (): string => {
    // value[i] is '{'
    i++;
    const items: string[] = [];
    while (i < value.length && value[i] !== '}') {
      if (value[i] === '{') items.push(parse());
      else if (value[i] === '"') {
        let j = i + 1;
        let text = '';
        while (j < value.length && value[j] !== '"') {
          if (value[j] === '\\') j++;
          text += value[j];
          j++;
        }
        i = j + 1;
        items.push(`"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`);
      } else {
        let j = i;
        while (j < value.length && value[j] !== ',' && value[j] !== '}') j++;
        const raw = value.slice(i, j);
        i = j;
        items.push(raw === 'NULL' ? 'NULL' : `"${raw.replace(/["\\]/g, (c) => `\\${c}`)}"`);
      }
      if (value[i] === ',') i++;
    }
    i++;
    return `{${items.join(',')}}`;
  };
  return value.startsWith('{') ? parse() : value;
}

const castType = '(?:timestamp|time)(?:\\(\\d+\\))? with(?:out)? time zone|character varying(?:\\(\\d+\\))?|double precision|"[^"]+"(?:\\."[^"]+")?|[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?(?:\\([\\d, ]+\\))?';

const valueKeywords = /\b(CURRENT_USER|CURRENT_ROLE|SESSION_USER|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME|CURRENT_SCHEMA)\b/g;

/**
 * An expression PostgreSQL printed -> the normal form: outside string literals and quoted
 * names, the implicit `::text` / `::character varying` casts on a column go, a parenthesised
 * bare name loses its parentheses, names of the table's columns are quoted, value keywords are
 * lower case; then the outer parentheses go.
 */
export function normalizeExpression(text: string, columns: ReadonlySet<string>, stripOuter = true): string {
  let out = mapUnquoted(text.trim(), (part) => part.replace(/::(text|character varying)\b/g, '').replace(valueKeywords, (k) => k.toLowerCase()));
  // `(email)` left over from `(email)::text`.
  let before: string;
  do {
    before = out;
    out = mapUnquoted(out, (part) => part.replace(/\(([a-z_][a-z0-9_$]*)\)/g, (m, name: string, offset: number, whole: string) => (isCallBefore(whole, offset) ? m : name)));
  } while (out !== before);
  out = mapUnquoted(out, (part) => part.replace(/\b([a-z_][a-z0-9_$]*)\b(?!\s*\()/g, (m, name: string, offset: number, whole: string) => (columns.has(name) && whole[offset - 1] !== '.' && whole[offset - 1] !== ':' ? `"${name}"` : m)));
  out = mapUnquoted(out, (part) =>
    part
      .replace(/\b(AND|OR|NOT|IS|NULL|TRUE|FALSE|LIKE|ILIKE|IN|DISTINCT|FROM)\b/g, (k) => k.toLowerCase())
      .replace(/ !~~\* /g, ' not ilike ')
      .replace(/ ~~\* /g, ' ilike ')
      .replace(/ !~~ /g, ' not like ')
      .replace(/ ~~ /g, ' like ')
      // `(0)::numeric`: a number PostgreSQL cast to the column's type.
      .replace(/\((-?\d+(?:\.\d+)?)\)::[a-z][a-z0-9_ ]*?(?=$|[\s),])/g, '$1'),
  );
  // A literal's cast to the type it is compared with: `'0'::numeric` -> `'0'`.
  out = out.replace(new RegExp(`('(?:[^']|'')*')::(?:${castType})(?:\\[\\])*`, 'g'), '$1');
  // `x in ('a', 'b')` is kept as `x = ANY (ARRAY['a', 'b'])`.
  out = out.replace(/ = ANY \(ARRAY\[((?:'(?:[^']|'')*'|[^\]'])*)\]\)/g, ' in ($1)').replace(/ <> ALL \(ARRAY\[((?:'(?:[^']|'')*'|[^\]'])*)\]\)/g, ' not in ($1)');
  out = unwrapConjuncts(out);
  return stripOuter ? stripOuterParens(out) : out;
}

/**
 * `(a >= 0) and (b < 2)` -> `a >= 0 and b < 2`: PostgreSQL parenthesises each operand of
 * and/or; comparisons bind tighter, so the parentheses go unless the operand holds and/or itself.
 */
function unwrapConjuncts(text: string): string {
  let out = text;
  for (;;) {
    let changed = false;
    for (let i = 0; i < out.length; i++) {
      const ch = out[i];
      if (ch === "'" || ch === '"') {
        const endQuote = out.indexOf(ch, i + 1);
        if (endQuote < 0) return out;
        i = endQuote;
        continue;
      }
      if (ch !== '(') continue;
      const end = closingParen(out, i);
      if (end <= i) continue;
      const inner = out.slice(i + 1, end);
      const before = out.slice(0, i);
      const after = out.slice(end + 1);
      const byBoolean = /\b(and|or) $/.test(before) || /^ (and|or)\b/.test(after);
      const leftOk = /(^|\(|\b(and|or) )$/.test(before);
      const rightOk = /^($|\)| (and|or)\b)/.test(after);
      const isOperand = byBoolean && leftOk && rightOk;
      const joiner = /\b(and|or) $/.exec(before)?.[1] ?? /^ (and|or)\b/.exec(after)?.[1];
      const sameOp = joiner !== undefined && sameBooleans(inner, joiner) && !new RegExp(`\\b${joiner === 'and' ? 'or' : 'and'} $`).test(before) && !new RegExp(`^ ${joiner === 'and' ? 'or' : 'and'}\\b`).test(after);
      if (isOperand && (!hasTopLevelBoolean(inner) || sameOp)) {
        out = before + inner + after;
        changed = true;
        break;
      }
    }
    if (!changed) return out;
  }
}

// `a and b` inside `... and (a and b)`: the same operator on both levels, so the grouping means nothing.
function sameBooleans(text: string, op: string): boolean {
  const ops = topLevel(text).match(/\b(and|or)\b/g) ?? [];
  return ops.length > 0 && ops.every((o) => o === op);
}

function topLevel(text: string): string {
  let depth = 0;
  let plain = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else plain += depth === 0 ? ch : ' ';
  }
  return plain;
}

function hasTopLevelBoolean(text: string): boolean {
  let depth = 0;
  let plain = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) plain += ch;
    else plain += ' ';
  }
  return /\b(and|or)\b/.test(plain);
}

// `f(x)`: the parentheses belong to the call and stay.
function isCallBefore(text: string, offset: number): boolean {
  return offset > 0 && /[a-z0-9_$"]/i.test(text[offset - 1]!);
}

/** Applies `fn` to the parts of `text` outside '...' literals and "..." names. */
function mapUnquoted(text: string, fn: (part: string) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== "'" && text[j] !== '"') j++;
      out += fn(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** `((a > 0))` -> `a > 0`: removes parentheses that wrap the whole text. */
export function stripOuterParens(text: string): string {
  let out = text.trim();
  while (out.startsWith('(') && closingParen(out, 0) === out.length - 1) out = out.slice(1, -1).trim();
  return out;
}
