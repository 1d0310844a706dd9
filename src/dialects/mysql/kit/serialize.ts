/**
 * MySQL's serializer hooks. Choices the model leaves open:
 * - A type is `getSQLType()` lower-cased, in MySQL's own `COLUMN_TYPE` form: `int unsigned`,
 *   `varchar(255)`, `decimal(10,2)` (no space after the comma), `enum('a','b')`; `serial` and
 *   `boolean` stay as written.
 * - The primary key is always named `PRIMARY`, the only name MySQL gives one.
 * - A literal default of a text, blob or JSON column is wrapped in parentheses (`('x')`), the
 *   expression form MySQL 8 requires for those types and MariaDB accepts.
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
  columnType: (column) => ({ type: lowerType(column.getSQLType()), typeSchema: undefined }),
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
  indexMethod: (index) => index.method,
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
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || Buffer.isBuffer(value)) {
    return mysqlDialect.inline(value);
  }
  if (typeof value === 'object') return mysqlDialect.inline(JSON.stringify(value));
  throw new SchemaError(`Column "${column.name}": cannot write the default ${String(value)} as SQL`);
}
