/**
 * MySQL's serializer hooks. Choices the model leaves open:
 * - A type is `getSQLType()` lower-cased, in MySQL's own `COLUMN_TYPE` form: `int unsigned`,
 *   `varchar(255)`, `decimal(10,2)` (no space after the comma), `enum('a','b')`; `serial` and
 *   `boolean` stay as written. Types the server renames are written as it reports them (`real`
 *   -> `double`, `decimal(6)` -> `decimal(6,0)`), so introspection reads back the same text.
 * - An index's method is left out when it is `btree`, the default the catalog reports for every
 *   index.
 * - The primary key is always named `PRIMARY`, the only name MySQL gives one.
 * - A literal default of a text, blob or JSON column is wrapped in parentheses (`('x')`), the
 *   expression form MySQL 8 requires for those types and MariaDB accepts.
 * - A decimal default is a quoted string with the column's scale whatever the column's mode
 *   (`'1.50'` for 1.5 in `decimal(8,2)`), as the server reports it.
 * - A Date default is written with the column's fractional digits (`'2024-01-02 03:04:05'` for
 *   `datetime`, `.678` added for `datetime(3)`), as the server stores and reports it.
 * - Views carry `algorithm` (default `undefined`) and `sqlSecurity` (default `definer`), MySQL's
 *   defaults, and `checkOption` when set.
 */
import type { AnyColumn } from '../../../core/column.js';
import { SchemaError } from '../../../core/errors.js';
import type { SerializeOptions } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';
import { lowerType, serializeSchema, type SerializeHooks } from '../../../kit/serialize.js';
import { mysqlDialect } from '../dialect.js';

/**
 * The model of a MySQL schema module's exports: tables and views.
 *
 * @example
 * const model = mysqlSerialize(Object.values(await import('./schema.js')), { casing: undefined });
 */
export function mysqlSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  return serializeSchema(entities, options, mysqlSerializeHooks);
}

interface MySqlExtra {
  autoIncrement?: boolean;
  onUpdateNow?: boolean;
  fsp?: number;
}

/** MySQL's part of the shared serializer. */
export const mysqlSerializeHooks: SerializeHooks = {
  name: 'mysql',
  dialect: mysqlDialect,
  tableDialect: 'mysql',
  defaultSchema: undefined,
  indexOptions: false,
  columnType: (column) => ({ type: storedType(lowerType(column.getSQLType())), typeSchema: undefined }),
  literal: mysqlLiteral,
  primaryKeyName: () => 'PRIMARY',
  columnExtras(column) {
    const extra = column.config.extra as MySqlExtra;
    return {
      identity: undefined,
      autoincrement: extra.autoIncrement === true,
      onUpdate: extra.onUpdateNow === true ? `current_timestamp${extra.fsp ? `(${extra.fsp})` : ''}` : undefined,
    };
  },
  // BTREE is the default and the catalog reports it for every plain index, named or not.
  indexMethod: (index) => (index.method === undefined || index.method.toLowerCase() === 'btree' ? undefined : index.method.toLowerCase()),
  indexScope: (table) => (table.schema === undefined ? table.name : `${table.schema}.${table.name}`),
  constraintsAreIndexes: true,
  viewOptions(config) {
    const out: Record<string, string | boolean> = {
      algorithm: typeof config.algorithm === 'string' ? config.algorithm : 'undefined',
      sqlSecurity: typeof config.sqlSecurity === 'string' ? config.sqlSecurity : 'definer',
    };
    if (typeof config.withCheckOption === 'string') out.checkOption = config.withCheckOption;
    return out;
  },
};

const wrapped = /^(tiny|medium|long)?(text|blob)$|^json$/;

/** Types the server stores under another name, in the name it reports (`real` is `double`, `decimal(6)` is `decimal(6,0)`). */
function storedType(type: string): string {
  if (type === 'real') return 'double';
  const real = /^real(\(.*)$/.exec(type);
  if (real) return `double${real[1]}`;
  if (type === 'decimal' || type === 'numeric') return 'decimal(10,0)';
  const dec = /^(?:decimal|numeric)\((\d+)\)(.*)$/.exec(type);
  if (dec) return `decimal(${dec[1]},0)${dec[2]}`;
  return type;
}

function decimalText(text: string, type: string): string {
  const scale = Number(/^decimal\(\d+,(\d+)\)/.exec(type)?.[1] ?? 0);
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text;
  const fraction = m[2] ?? '';
  return scale === 0 ? (fraction === '' ? m[1]! : text) : `${m[1]}.${fraction.padEnd(scale, '0')}`;
}

function mysqlLiteral(column: AnyColumn, value: unknown, type: string): string {
  const text = literalText(column, value, type);
  return wrapped.test(type) ? `(${text})` : text;
}

function literalText(column: AnyColumn, value: unknown, type: string): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (type === 'date') return `'${value.toISOString().slice(0, 10)}'`;
    const fsp = (column.config.extra as MySqlExtra).fsp ?? 0;
    const iso = value.toISOString();
    return `'${iso.slice(0, 10)} ${iso.slice(11, 19)}${fsp > 0 ? `.${iso.slice(20, 23).padEnd(fsp, '0').slice(0, fsp)}` : ''}'`;
  }
  // The server reports a decimal default as text with the column's scale: `'1.50'` for 1.5 in decimal(8,2).
  if (/^decimal\b/.test(type) && (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string')) return mysqlDialect.inline(decimalText(String(value), type));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || Buffer.isBuffer(value)) {
    return mysqlDialect.inline(value);
  }
  if (typeof value === 'object') return mysqlDialect.inline(JSON.stringify(value));
  throw new SchemaError(`Column "${column.name}": cannot write the default ${String(value)} as SQL`);
}
