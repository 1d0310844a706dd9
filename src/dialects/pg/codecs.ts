import type { Column, ColumnCodec } from '../../core/column.js';
import { UnstorableStringError } from '../../core/errors.js';
import { TableMeta } from '../../core/table.js';

/**
 * How PostgreSQL's column types cross to and from the drivers. CockroachDB reads and prints the
 * same text for these types, so its columns use the same codecs.
 */

/** A codec whose values read from an array literal's text need another decoding than the driver's. */
export interface TextDecoding extends ColumnCodec {
  fromText?: (value: unknown) => unknown;
}

export const toNumber: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'number' ? v : Number(v)) };
export const toBigInt: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'bigint' ? v : BigInt(v as string)), mapToDriverValue: (v) => String(v) };
export const toNumberString: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'string' ? v : String(v)), mapToDriverValue: (v) => String(v) };
/** pgvector's `vector`/`halfvec`: its text (`[1,2,3]`) is a JSON array of numbers, both ways. */
export const vectorCodec: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'string' ? (JSON.parse(v) as number[]) : v), mapToDriverValue: (v) => JSON.stringify(v) };
/**
 * Every PostgreSQL driver parses JSON, and relational queries embed it as JSON, so a JSON column
 * takes the value as it comes (a JSON string stays a string). Only elements read from an array
 * literal's text are JSON text.
 */
export const jsonCodec: TextDecoding = {
  mapFromDriverValue: (v) => v,
  fromText: (v) => JSON.parse(v as string),
  mapToDriverValue: (v) => JSON.stringify(v),
};
/**
 * PostgreSQL's text types and jsonb hold no NUL character: the server refuses the value with an
 * encoding error that names neither table nor column. The column's own error says which.
 * `column` is the column the value is bound to: codecs are called as the column's
 * `mapToDriverValue`, so `this` is that column (undefined for an array's elements read alone).
 */
function refuseNul(column: unknown, what: string): never {
  const col = column as Column | undefined;
  const table = col?.table?.[TableMeta]?.name;
  const name = col?.name;
  const where = name !== undefined ? `"${table}"."${name}"` : 'a text value';
  throw new UnstorableStringError(`pg: ${where} cannot hold the NUL character (\\0): PostgreSQL ${what} cannot store it; store such data as bytea`, table, name);
}

/** text, varchar and char: refuses strings with NUL before they are sent. */
export const pgTextCodec: ColumnCodec = {
  mapToDriverValue(this: unknown, v: unknown) {
    if (typeof v === 'string' && v.includes('\0')) refuseNul(this, 'text');
    return v;
  },
};

/** A NUL character in JSON text: `\u0000` after an even number of backslashes. */
const jsonNul = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** jsonb refuses `\u0000` in its strings (json keeps it as text, so `json` takes it). */
export const jsonbCodec: TextDecoding = {
  ...jsonCodec,
  mapToDriverValue(this: unknown, v: unknown) {
    const text = JSON.stringify(v);
    if (text?.includes('\\u0000') && jsonNul.test(text)) refuseNul(this, 'jsonb');
    return text;
  },
};

export const tsCodec = (withTimezone: boolean): ColumnCodec => ({
  mapFromDriverValue: (v) => (v instanceof Date ? v : new Date(withTimezone ? String(v) : `${String(v).replace(' ', 'T')}Z`)),
  mapToDriverValue: (v) => (v instanceof Date ? v.toISOString() : v),
});
export const tsStringCodec = (withTimezone: boolean): ColumnCodec => ({
  mapFromDriverValue: (v) => (v instanceof Date ? (withTimezone ? v.toISOString() : v.toISOString().replace('T', ' ').replace('Z', '')) : String(v)),
});
export const dateCodec: ColumnCodec = {
  mapFromDriverValue: (v) => (v instanceof Date ? v : new Date(`${String(v)}T00:00:00Z`)),
  mapToDriverValue: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
};
export const dateStringCodec: ColumnCodec = { mapFromDriverValue: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)) };
export const byteaCodec: ColumnCodec = {
  mapFromDriverValue: (v) => (Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(String(v).replace(/^\\x/, ''), 'hex')),
};
