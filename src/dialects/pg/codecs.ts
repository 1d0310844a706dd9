import type { ColumnCodec } from '../../core/column.js';

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
