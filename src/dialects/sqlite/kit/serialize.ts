/**
 * SQLite's serializer hooks. Choices the model leaves open:
 * - A literal default is the value the ORM would store, written as a literal: booleans `1`/`0`,
 *   `timestamp` dates as their seconds (`timestamp_ms`: milliseconds), JSON as its quoted text,
 *   bytes as `X'..'`. (drizzle-kit writes booleans as `true`/`false`, which SQLite reads as 1/0.)
 * - The primary key is always named `PRIMARY`: SQLite keeps no name for it that can be read back,
 *   and a name made from the table's would turn a table rename into a rebuild.
 */
import type { AnyColumn } from '../../../core/column.js';
import { SchemaError } from '../../../core/errors.js';
import type { SerializeOptions } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';
import { lowerType, serializeSchema, type SerializeHooks } from '../../../kit/serialize.js';
import { sqliteDialect } from '../dialect.js';

/**
 * The model of a SQLite schema module's exports: tables and views.
 *
 * @example
 * const model = sqliteSerialize(Object.values(await import('./schema.js')), { casing: 'snake_case' });
 */
export function sqliteSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  return serializeSchema(entities, options, sqliteSerializeHooks);
}

/** SQLite's part of the shared serializer. */
export const sqliteSerializeHooks: SerializeHooks = {
  name: 'sqlite',
  dialect: sqliteDialect,
  tableDialect: 'sqlite',
  defaultSchema: undefined,
  indexOptions: false,
  columnType: (column) => ({ type: lowerType(column.getSQLType()), typeSchema: undefined }),
  literal: sqliteLiteral,
  primaryKeyName: () => 'PRIMARY',
  columnExtras: (column) => ({ identity: undefined, autoincrement: (column.config.extra as { autoIncrement?: boolean }).autoIncrement === true, onUpdate: undefined }),
  indexMethod: () => undefined,
  indexScope: () => '',
  constraintsAreIndexes: false,
  viewOptions: () => ({}),
};

function sqliteLiteral(column: AnyColumn, value: unknown): string {
  if (value === null) return 'null';
  const stored = column.encodes ? column.mapToDriverValue(value) : value;
  if (typeof stored === 'function' || typeof stored === 'symbol' || stored === undefined) {
    throw new SchemaError(`Column "${column.name}": cannot write the default ${String(value)} as SQL`);
  }
  return sqliteDialect.inline(stored);
}
