import type { ColumnModel, TableModel } from '../../../kit/model.js';
import type { TableRef } from '../../../kit/changes.js';

/** A PostgreSQL quoted identifier: `"name"`, embedded quotes doubled. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A PostgreSQL string literal: `'text'`, embedded quotes doubled. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A table as drizzle-kit writes it: bare for `public` (and a model without a schema),
 * `"schema"."name"` otherwise.
 */
export function tableName(ref: TableRef | TableModel): string {
  return ref.schema === undefined || ref.schema === 'public' ? ident(ref.name) : `${ident(ref.schema)}.${ident(ref.name)}`;
}

/**
 * Enums, sequences, views and index names are always schema-qualified (drizzle-kit's snapshot
 * carries `public` for them), so the statement never depends on the session's search_path.
 */
export function qualified(schema: string | undefined, name: string): string {
  return `${ident(schema ?? 'public')}.${ident(name)}`;
}

const serialTypes: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint', serial2: 'smallint', serial4: 'integer', serial8: 'bigint' };

/** Splits `mood[][]` into `mood` and `[][]`. */
function splitArray(type: string): { base: string; dims: string } {
  const match = /^(.*?)((?:\[\d*\])*)$/.exec(type);
  return match ? { base: match[1]!, dims: match[2]! } : { base: type, dims: '' };
}

/** A column's type in DDL: an enum's type is quoted and schema-qualified (`"public"."mood"[]`). */
export function columnType(column: Pick<ColumnModel, 'type' | 'typeSchema'>): string {
  if (column.typeSchema === undefined) return column.type;
  const { base, dims } = splitArray(column.type);
  return `${qualified(column.typeSchema, base)}${dims}`;
}

/**
 * The type an existing column can be altered to: serial types are not real types (only
 * `CREATE TABLE`/`ADD COLUMN` understand them), so a change to `serial` sets `integer`.
 */
export function alterableType(column: Pick<ColumnModel, 'type' | 'typeSchema'>): string {
  if (column.typeSchema !== undefined) return columnType(column);
  const { base, dims } = splitArray(column.type);
  return `${serialTypes[base] ?? base}${dims}`;
}

/** The array suffix of a type (`[]` for `mood[]`), empty for scalars. */
export function arrayDims(type: string): string {
  return splitArray(type).dims;
}

/** `expr` inside one pair of parentheses, unless the whole text already is one parenthesised group. */
export function parenthesised(expr: string): string {
  const text = expr.trim();
  if (text.startsWith('(') && closingParen(text, 0) === text.length - 1) return text;
  return `(${text})`;
}

/** The index of the `)` closing the `(` at `open`; skips string literals and quoted identifiers, so `('a)' || b)` reads right. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
