import type { ColumnCodec } from '../../core/column.js';

// How SQL Server's values cross to and from JavaScript. Each decoder takes both what a driver
// hands for a plain select (numbers, Dates, Buffers, strings) and what a relational query's JSON
// holds for the same column (text the dialect's `json.safe` made), so both decode alike.

const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const toBigInt = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(typeof v === 'string' ? v.replace(/\.0*$/, '') : Math.trunc(v as number)));

/** `bigint` by mode; JavaScript bigints go to the driver as text, which SQL Server converts exactly. */
export const bigintCodecs: Record<'number' | 'bigint' | 'string', ColumnCodec> = {
  number: { mapFromDriverValue: toNumber },
  bigint: { mapFromDriverValue: toBigInt, mapToDriverValue: (v) => (typeof v === 'bigint' ? String(v) : v) },
  string: { mapFromDriverValue: (v) => (typeof v === 'string' ? v : String(v)) },
};

/** `decimal`/`numeric` by mode: strings stay exact; numbers and bigints are sent as text. */
export const decimalCodecs: Record<'string' | 'number' | 'bigint', ColumnCodec> = {
  string: { mapFromDriverValue: (v) => (typeof v === 'string' ? v : String(v)), mapToDriverValue: (v) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v) },
  number: { mapFromDriverValue: toNumber, mapToDriverValue: (v) => (typeof v === 'number' ? String(v) : v) },
  bigint: { mapFromDriverValue: toBigInt, mapToDriverValue: (v) => (typeof v === 'bigint' ? String(v) : v) },
};

/** `bit`: the driver's booleans, JSON's true/false, or 0/1 as numbers or text. */
export const booleanCodec: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : Number(v) !== 0) };

/** `real` keeps its 7 significant digits (a 4-byte float read as a double shows noise past them). */
export const realCodec: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'number' ? Number.parseFloat(v.toPrecision(7)) : Number(v)) };

/** Binary columns: bytes from the driver, hex text from relational JSON. */
const toBuffer = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(String(v).replace(/^0x/i, ''), 'hex'));
export const binaryCodec: ColumnCodec = { mapFromDriverValue: toBuffer };

/** `nvarchar({ mode: 'json' })`: JSON text, parsed when read and serialised when written. */
export const jsonCodec: ColumnCodec = {
  mapFromDriverValue: (v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
  mapToDriverValue: (v) => JSON.stringify(v),
};

export type DateKind = 'date' | 'datetime' | 'datetime2' | 'datetimeoffset' | 'time';

/** Reads a Date, or ISO text without an offset as UTC (SQL Server's text of a `datetime2`), to at most milliseconds. */
function parseInstant(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  let s = String(v).trim().replace(' ', 'T');
  // Digits past milliseconds (datetime2 keeps 7) are cut; a Date holds milliseconds.
  s = s.replace(/(\.\d{3})\d+/, '$1');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00';
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  return new Date(s);
}

/** The codecs of the date-and-time types (not `time`) by mode. */
export function dateCodecs(kind: Exclude<DateKind, 'time'>): Record<'date' | 'string', ColumnCodec> {
  const text = kind === 'date' ? (d: Date) => d.toISOString().slice(0, 10) : (d: Date) => d.toISOString();
  return {
    date: { mapFromDriverValue: parseInstant },
    string: { mapFromDriverValue: (v) => (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : text(parseInstant(v))) },
  };
}

/** `time`: a Date on 1970-01-01 UTC, or `HH:MM:SS.mmm`. */
const parseTime = (v: unknown): Date => (v instanceof Date ? v : parseInstant(`1970-01-01T${String(v)}`));
export const timeCodecs: Record<'date' | 'string', ColumnCodec> = {
  date: { mapFromDriverValue: parseTime },
  string: { mapFromDriverValue: (v) => parseTime(v).toISOString().slice(11, 23) },
};
