/**
 * Reading the parts of DDL statements the lint rules look at: keywords, names (quoted or bare,
 * schema-qualified or not) and column definitions. Not a parser: it reads what the kit's
 * renderers and hand-written migrations write and lets anything else pass.
 */
import { closingToken, splitTopLevel, type Token } from '../sql-tokens.js';

/** A table or column name as written, unquoted. */
export interface Name {
  schema: string | undefined;
  name: string;
}

/** The key a table is known by: its bare name, case-insensitively (the brief's matching rule). */
export const keyOf = (name: Name): string => name.name.toLowerCase();

/** `schema.name` or `name`, for messages. */
export const show = (name: Name): string => (name.schema === undefined ? name.name : `${name.schema}.${name.name}`);

export class Cursor {
  i = 0;
  constructor(readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  /** The current token is one of these words (upper case). */
  is(...words: string[]): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.kind === 'word' && words.includes(t.value);
  }

  /** Steps over one of these words; false (and no step) when the current token is none of them. */
  eat(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.i++;
    return true;
  }

  /** Steps over these words in this order, or over none of them. */
  eatAll(...words: string[]): boolean {
    const at = this.i;
    for (const w of words) {
      if (!this.eat(w)) {
        this.i = at;
        return false;
      }
    }
    return true;
  }

  isPunct(text: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  /** One identifier (quoted or a bare word); undefined at punctuation or the end. */
  ident(): string | undefined {
    const t = this.tokens[this.i];
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'ident')) return undefined;
    this.i++;
    return t.kind === 'ident' ? t.value : t.text;
  }

  /** `[schema.]name`. */
  name(): Name | undefined {
    const first = this.ident();
    if (first === undefined) return undefined;
    if (!this.isPunct('.')) return { schema: undefined, name: first };
    this.i++;
    const second = this.ident();
    return second === undefined ? { schema: undefined, name: first } : { schema: first, name: second };
  }

  /** The tokens from here to the end. */
  rest(): Token[] {
    return this.tokens.slice(this.i);
  }
}

/** A column definition's facts that the rules need. */
export interface ColumnDefinition {
  name: string;
  /** The type as written, normalised (lower case, no spaces inside parentheses); undefined when none is written. */
  type: string | undefined;
  notNull: boolean;
  /** DEFAULT, or a way the database fills the column itself (generated, identity, serial, AUTO_INCREMENT). */
  filled: boolean;
}

/** Words after which a column's type text has ended. */
const TYPE_END = new Set([
  'CONSTRAINT',
  'NOT',
  'NULL',
  'DEFAULT',
  'PRIMARY',
  'UNIQUE',
  'CHECK',
  'REFERENCES',
  'GENERATED',
  'COLLATE',
  'AUTO_INCREMENT',
  'AUTOINCREMENT',
  'ON',
  'COMMENT',
  'AS',
  'USING',
  'FIRST',
  'AFTER',
  'INVISIBLE',
  'VISIBLE',
  'IDENTITY',
]);

/** `name type [constraints...]`, as in CREATE TABLE, ADD COLUMN and MySQL's MODIFY. */
export function columnDefinition(tokens: readonly Token[]): ColumnDefinition | undefined {
  const c = new Cursor(tokens);
  const name = c.ident();
  if (name === undefined) return undefined;
  const { type, next } = typeText(tokens, c.i);
  const words = tokens
    .slice(next)
    .filter((t) => t.kind === 'word')
    .map((t) => t.value);
  const has = (...seq: string[]) => words.some((_, i) => seq.every((w, k) => words[i + k] === w));
  const serial = type !== undefined && /^(?:small|big)?serial$|^serial[248]$/.test(type);
  return {
    name,
    type,
    notNull: has('NOT', 'NULL') || has('PRIMARY', 'KEY'),
    filled: serial || has('DEFAULT') || has('GENERATED') || has('AS') || has('AUTO_INCREMENT') || has('AUTOINCREMENT') || has('IDENTITY'),
  };
}

/** The type text starting at `from` and the index after it; stops at the first constraint word outside parentheses. */
export function typeText(tokens: readonly Token[], from: number): { type: string | undefined; next: number } {
  let i = from;
  const parts: string[] = [];
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'word' && (TYPE_END.has(t.value) || (t.value === 'CHARACTER' && tokens[i + 1]?.value === 'SET'))) break;
    if (t.kind === 'punct' && t.text === '(') {
      const close = closingToken(tokens, i);
      const end = close < 0 ? tokens.length : close + 1;
      parts.push(
        `(${splitTopLevel(tokens, i + 1, end - 1)
          .map((p) => p.map((x) => x.text).join(''))
          .join(',')})`,
      );
      i = end;
      continue;
    }
    parts.push((parts.length > 0 && !/[.[\]]$/.test(parts.at(-1)!) && t.kind !== 'punct' ? ' ' : '') + (t.kind === 'ident' && !t.text.startsWith('[') ? t.value : t.text));
    i++;
  }
  const type = parts.join('').replace(/ \(/g, '(').toLowerCase().trim();
  return { type: type === '' ? undefined : normaliseType(type), next: i };
}

/** Spellings of one type that the rules compare as equal. */
function normaliseType(type: string): string {
  return type
    .replace(/^character varying\b/, 'varchar')
    .replace(/^decimal\b/, 'numeric')
    .replace(/^int4$|^int$/, 'integer')
    .replace(/^int8$/, 'bigint')
    .replace(/^int2$/, 'smallint')
    .replace(/^bool$/, 'boolean');
}

/** The tokens of a statement split at top-level commas (ALTER TABLE actions, CREATE TABLE elements). */
export function commaParts(tokens: readonly Token[], from: number, to = tokens.length): Token[][] {
  return splitTopLevel(tokens, from, to);
}
