import type { AnyColumn } from '../core/column.js';
import { SeedError } from '../core/errors.js';
import { TableMeta } from '../core/table.js';

/**
 * What a column stores, as the generators need to know it: the value's JavaScript form, its range
 * or length, and how a generated value is turned into what the column's insert takes (a bigint, a
 * numeric string, a date as text). Read once per column from its runtime config.
 */
export type ColumnKind =
  | { type: 'int'; min: number; max: number; bigint: boolean }
  | { type: 'float'; min: number; max: number }
  | { type: 'decimal'; precision: number; scale: number; output: 'string' | 'number' | 'bigint' }
  | { type: 'boolean' }
  | { type: 'date'; dateOnly: boolean; output: 'date' | 'string' }
  | { type: 'time' }
  | { type: 'year' }
  | { type: 'interval' }
  | { type: 'string'; maxLength: number | undefined }
  | { type: 'uuid' }
  | { type: 'json' }
  | { type: 'buffer'; maxLength: number | undefined }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; element: ColumnKind; dimensions: number }
  | { type: 'point'; xy: boolean }
  | { type: 'line'; abc: boolean }
  | { type: 'inet' | 'cidr' | 'macaddr' | 'macaddr8' }
  | { type: 'vector'; dimensions: number }
  | { type: 'unknown'; sqlType: string };

const INT_RANGES: [RegExp, number, number][] = [
  [/^tinyint/, -128, 127],
  [/^smallint|^int2\b|^smallserial/, -32768, 32767],
  [/^mediumint/, -8388608, 8388607],
  [/^bigint|^int8\b|^bigserial/, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [/^int|^serial|^int4\b/, -2147483648, 2147483647],
];

/** The range of an integer SQL type; SQLite's `integer` is 64-bit, kept to JavaScript's safe integers. */
function intRange(sqlType: string, dialect: string, unsigned: boolean): [number, number] {
  let range: [number, number] = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  if (dialect !== 'sqlite') {
    for (const [re, min, max] of INT_RANGES) {
      if (re.test(sqlType)) {
        range = [min, max];
        break;
      }
    }
  }
  if (unsigned) return [0, range[1] === Number.MAX_SAFE_INTEGER ? range[1] : range[1] * 2 + 1];
  return range;
}

/** Reads `varchar(20)`'s 20 from the config, or from the SQL type where a dialect keeps it there. */
function lengthOf(column: AnyColumn): number | undefined {
  const length = column.config.extra.length;
  if (typeof length === 'number') return length;
  const m = /^(?:n?varchar|n?char|character varying|character|binary|varbinary|string)\s*\((\d+)\)/i.exec(column.config.sqlType);
  return m ? Number(m[1]) : undefined;
}

/** The kind of a column, from its data type, SQL type and dialect extras. */
export function columnKind(column: AnyColumn, dialect: string): ColumnKind {
  const config = column.config;
  const sqlType = config.sqlType.toLowerCase();
  if (column.enumValues !== undefined && column.enumValues.length > 0) return { type: 'enum', values: column.enumValues };
  if (config.dataType === 'array' && typeof config.extra.baseType === 'string') return arrayKind(column, config.extra.baseType, dialect);
  return kindOfType(column, sqlType, config.dataType, dialect);
}

function kindOfType(column: AnyColumn, sqlType: string, dataType: string, dialect: string): ColumnKind {
  const extra = column.config.extra;
  const unsigned = extra.unsigned === true || sqlType.includes('unsigned');
  const columnType = column.columnType;
  if (/^(numeric|decimal|dec)\b/.test(sqlType) || columnType.endsWith('Numeric') || columnType.endsWith('Decimal')) {
    const m = /\((\d+)\s*(?:,\s*(\d+))?\)/.exec(sqlType);
    const precision = typeof extra.precision === 'number' ? extra.precision : m ? Number(m[1]) : 10;
    const scale = typeof extra.scale === 'number' ? extra.scale : m?.[2] !== undefined ? Number(m[2]) : typeof extra.precision === 'number' ? 0 : 2;
    return { type: 'decimal', precision, scale, output: dataType === 'number' ? 'number' : dataType === 'bigint' ? 'bigint' : 'string' };
  }
  if (columnType.includes('Point')) return { type: 'point', xy: dataType === 'json' };
  if (columnType.includes('Line')) return { type: 'line', abc: dataType === 'json' };
  if (columnType.endsWith('Vector') && dataType === 'array') return { type: 'vector', dimensions: typeof extra.dimensions === 'number' ? extra.dimensions : 3 };
  switch (dataType) {
    case 'number':
    case 'bigint':
      if (/^year/.test(sqlType)) return { type: 'year' };
      if (/int|serial/.test(sqlType)) {
        const [min, max] = intRange(sqlType, dialect, unsigned);
        return { type: 'int', min, max, bigint: dataType === 'bigint' };
      }
      if (dataType === 'bigint') return { type: 'int', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, bigint: true };
      return { type: 'float', min: unsigned ? 0 : -1000, max: 1000 };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'date', dateOnly: /^date$/.test(sqlType), output: 'date' };
    case 'json':
      return { type: 'json' };
    case 'buffer':
      return { type: 'buffer', maxLength: lengthOf(column) };
    case 'string':
      if (/^(date|timestamp|datetime)/.test(sqlType)) return { type: 'date', dateOnly: /^date$/.test(sqlType), output: 'string' };
      if (/^time/.test(sqlType)) return { type: 'time' };
      if (/^interval/.test(sqlType)) return { type: 'interval' };
      if (/^uuid|^uniqueidentifier/.test(sqlType)) return { type: 'uuid' };
      if (sqlType === 'inet' || sqlType === 'cidr' || sqlType === 'macaddr' || sqlType === 'macaddr8') return { type: sqlType };
      if (/^(binary|varbinary)/.test(sqlType)) return { type: 'string', maxLength: lengthOf(column) };
      return { type: 'string', maxLength: lengthOf(column) };
    default:
      return { type: 'unknown', sqlType };
  }
}

/** `integer[]`, `text[][]`: the element's kind from the base SQL type, and how deep the arrays nest. */
function arrayKind(column: AnyColumn, baseType: string, dialect: string): ColumnKind {
  let base = baseType.toLowerCase();
  let dimensions = 1;
  while (base.endsWith(']')) {
    base = base.slice(0, base.lastIndexOf('['));
    dimensions++;
  }
  // An enum's array keeps the enum's own column config as its element: its values, not its type name, say what fits.
  let leaf = column.config.extra.element as { enumValues?: readonly string[]; extra?: Record<string, unknown> } | undefined;
  while (leaf?.extra?.element !== undefined) leaf = leaf.extra.element as typeof leaf;
  if (leaf?.enumValues !== undefined && leaf.enumValues.length > 0) return { type: 'array', element: { type: 'enum', values: leaf.enumValues }, dimensions };
  const dataType = elementDataType(base);
  if (dataType === undefined) throw new SeedError(`${column.table?.[TableMeta]?.name ?? ''}.${column.name}: seed() cannot generate elements of ${baseType}[]; give the column a generator in refine()`);
  const element = kindOfType({ ...column, columnType: '', config: { ...column.config, extra: {}, sqlType: base } } as unknown as AnyColumn, base, dataType, dialect);
  return { type: 'array', element, dimensions };
}

function elementDataType(base: string): string | undefined {
  if (/int|serial/.test(base)) return 'number';
  if (/^(real|double|float)/.test(base)) return 'number';
  if (/^(numeric|decimal)/.test(base)) return 'string';
  if (/^bool/.test(base)) return 'boolean';
  if (/^timestamp/.test(base)) return 'string';
  if (/^(text|varchar|char|character|uuid|date|time|interval|inet|cidr|macaddr|citext|"|string)/.test(base)) return 'string';
  if (/^jsonb?$/.test(base)) return 'json';
  return undefined;
}
