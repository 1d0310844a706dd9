import type { ColumnRuntimeConfig } from './column.js';

// What a column accepts from JavaScript before any value is sent. Drivers pass most mistakes
// through: SQLite stores 'abc' in an integer column and null for NaN or an invalid Date, MySQL
// rounds 1.5 into an integer column, better-sqlite3 stores 5 in a text column as '5.0'. Each check
// says what is wrong (a sentence without the value, which may be personal data) or undefined.
// Values a driver converts faithfully are accepted as Drizzle accepts them: numeric strings for
// numbers, Dates and strings for date columns, 0 and 1 for booleans stored as integers.

/** Returns the problem with a value, or undefined when the column may take it. */
export type ValueCheck = (value: unknown) => string | undefined;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;

/** How a value is described in an error: its kind, never a string's text. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object' && v !== null) return Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null ? 'an object' : `a ${v.constructor?.name ?? 'object'}`;
  return `a ${typeof v}`;
}

function isNumericText(v: string): boolean {
  return v.trim() !== '' && Number.isFinite(Number(v));
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Array.isArray(v);
}

const isInvalidDate = (v: unknown): boolean => v instanceof Date && Number.isNaN(v.getTime());

/** Integers of any width: a bigint beyond 64 bits fits no integer column of any dialect. */
function integerCheck(unsigned: boolean): ValueCheck {
  const min = unsigned ? 0n : INT64_MIN;
  const max = unsigned ? UINT64_MAX : INT64_MAX;
  return (v) => {
    if (typeof v === 'number') return Number.isInteger(v) ? undefined : `expected an integer, got ${v}`;
    if (typeof v === 'bigint') return v >= min && v <= max ? undefined : `${v}n is out of range for ${unsigned ? 'an unsigned ' : 'a '}64-bit integer`;
    if (typeof v === 'string') return INTEGER_TEXT.test(v) ? undefined : 'expected an integer, got a string that is not one';
    return `expected an integer, got ${describeValue(v)}`;
  };
}

function numberCheck(finiteOnly: boolean): ValueCheck {
  return (v) => {
    if (typeof v === 'number') return !finiteOnly || Number.isFinite(v) ? undefined : `${v} cannot be stored (the column takes finite numbers)`;
    if (typeof v === 'bigint') return undefined;
    if (typeof v === 'string') return isNumericText(v) || !finiteOnly ? undefined : 'expected a number, got a string that is not one';
    return `expected a number, got ${describeValue(v)}`;
  };
}

const booleanCheck: ValueCheck = (v) => (typeof v === 'boolean' ? undefined : `expected a boolean, got ${describeValue(v)}`);
/** Where booleans are stored as integers (SQLite, MySQL, SQL Server), 0 and 1 are taken as well. */
const bitCheck: ValueCheck = (v) => (typeof v === 'boolean' || v === 0 || v === 1 ? undefined : `expected a boolean, got ${describeValue(v)}`);

const dateCheck: ValueCheck = (v) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date cannot be stored' : undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return undefined;
  return `expected a Date, got ${describeValue(v)}`;
};

/** A string column: numbers only where the type is numeric (`numeric`, `decimal`), no booleans or plain objects. */
function stringCheck(numericType: boolean, enumValues: readonly string[] | undefined): ValueCheck {
  return (v) => {
    if (typeof v === 'string') {
      if (enumValues === undefined || enumValues.includes(v)) return undefined;
      return `"${v.length > 60 ? `${v.slice(0, 60)}...` : v}" is not one of the column's values (${enumValues.join(', ')})`;
    }
    if (enumValues !== undefined) return `expected one of ${enumValues.join(', ')}, got ${describeValue(v)}`;
    if (typeof v === 'number' || typeof v === 'bigint') return numericType ? undefined : `expected a string, got ${describeValue(v)}`;
    if (typeof v === 'boolean') return `expected a string, got ${v}`;
    if (isInvalidDate(v)) return 'an invalid Date cannot be stored';
    if (typeof v === 'object' && v !== null && isPlainObject(v)) return `expected a string, got ${describeValue(v)}`;
    return undefined;
  };
}

/**
 * The check for a column's values, or undefined for kinds whose codec decides what it takes (JSON,
 * arrays, buffers, custom types) and for columns whose own codec checks its enum (`pgEnum`).
 */
export function valueCheck(config: ColumnRuntimeConfig, dialect: string, codecChecksEnum: boolean): ValueCheck | undefined {
  const sqlType = config.sqlType.toLowerCase();
  const unsigned = config.extra.unsigned === true || sqlType.includes('unsigned');
  switch (config.dataType) {
    case 'number':
      if (/int|serial|^year/.test(sqlType)) return integerCheck(unsigned);
      // PostgreSQL stores NaN and Infinity in its floating and numeric types; the others cannot.
      return numberCheck(dialect !== 'pg' && dialect !== 'cockroach');
    case 'bigint':
      return /int|serial/.test(sqlType) ? integerCheck(unsigned) : numberCheck(false);
    case 'boolean':
      // postgres.js sends 1 for a boolean as false: PostgreSQL's booleans take true and false only.
      return dialect === 'pg' || dialect === 'cockroach' ? booleanCheck : bitCheck;
    case 'date':
      return dateCheck;
    case 'string':
      return stringCheck(/^(numeric|decimal|dec)\b/.test(sqlType), codecChecksEnum ? undefined : config.enumValues);
    default:
      return undefined;
  }
}
