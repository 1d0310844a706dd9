import type { AnyColumn, Column } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { entityKind, is } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL } from '../../core/sql.js';
import { readTableConfig, type ExtraConfigColumns, type TableDefinition } from '../../core/table-config.js';
import { createTable, TableMeta, type AnyColumnBuilder, type AnyTable, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import type { ViewFunction } from '../../core/view.js';
import { pgSequence, type PgSequence, type PgSequenceOptions } from '../pg/sequence.js';
import * as columns from './columns.js';
import { cockroachEnum, type CockroachEnum, type CockroachEnumObject } from './enum.js';
import { customType } from './custom-type.js';
import { geometry } from './geometry.js';
import { cockroachMaterializedViewWithSchema, cockroachViewWithSchema, type CockroachMaterializedViewOptions, type CockroachViewOptions } from './view.js';

/** Every column function, as the callback form of `cockroachTable` receives them. */
const cockroachColumnBuilders = {
  bigint: columns.bigint,
  bit: columns.bit,
  bool: columns.bool,
  boolean: columns.boolean,
  char: columns.char,
  customType,
  date: columns.date,
  decimal: columns.decimal,
  doublePrecision: columns.doublePrecision,
  float: columns.float,
  geometry,
  inet: columns.inet,
  int2: columns.int2,
  int4: columns.int4,
  int8: columns.int8,
  integer: columns.integer,
  interval: columns.interval,
  jsonb: columns.jsonb,
  numeric: columns.numeric,
  real: columns.real,
  smallint: columns.smallint,
  string: columns.string,
  text: columns.text,
  time: columns.time,
  timestamp: columns.timestamp,
  uuid: columns.uuid,
  varbit: columns.varbit,
  varchar: columns.varchar,
  vector: columns.vector,
};
/** The column functions the callback form of `cockroachTable` receives. */
export type CockroachColumnBuilders = typeof cockroachColumnBuilders;

/**
 * What the third argument of `cockroachTable` may return (arrays of them too, one level deep).
 * Hash-sharded indexes are `index().using('hash', ...)` with `.with({ bucket_count: n })`;
 * inverted indexes are `index().using('gin', ...)`.
 */
export type CockroachTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

type CockroachTableT = { name: string; schema: string | undefined; columns: Record<string, AnyColumn> };

/** A CockroachDB table with its columns. */
export type CockroachTableWithColumns<T extends CockroachTableT> = TableWithColumns<T & { dialect: 'cockroach' }>;

/** A column of any CockroachDB table; annotate self references with it: `(): AnyCockroachColumn => users.id`. */
export type AnyCockroachColumn = Column;
/** Drizzle's name for a CockroachDB column type (annotations only; sluice has one column class). */
export type CockroachColumn = Column;
/** Drizzle's name for any CockroachDB table type (annotations only). */
export type CockroachTable = AnyTable;
/** Drizzle's name for any CockroachDB table type (annotations only). */
export type AnyCockroachTable = AnyTable;

/** The signature of `cockroachTable`, of the functions `cockroachTableCreator` makes and of `schema.table`. */
export type CockroachTableFn<TSchema extends string | undefined = undefined> = <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: CockroachColumnBuilders) => TColumns),
  extraConfig?: (self: ExtraConfigColumns<BuildColumns<TName, TColumns>>) => (CockroachTableExtra | CockroachTableExtra[])[] | Record<string, CockroachTableExtra>,
) => CockroachTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }>;

function tableFn<TSchema extends string | undefined>(schema: TSchema, dbName?: (name: string) => string): CockroachTableFn<TSchema> {
  return <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: CockroachColumnBuilders) => TColumns),
    extraConfig?: (self: ExtraConfigColumns<BuildColumns<TName, TColumns>>) => (CockroachTableExtra | CockroachTableExtra[])[] | Record<string, CockroachTableExtra>,
  ) => {
    type T = { name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> };
    const cols = typeof columns === 'function' ? columns(cockroachColumnBuilders) : columns;
    const table = createTable<T & { dialect: 'cockroach' }, ExtraConfigColumns<BuildColumns<TName, TColumns>>>('cockroach', dbName ? dbName(name) : name, schema, cols, extraConfig);
    if (dbName) table[TableMeta].baseName = name;
    return table;
  };
}

/**
 * Declares a CockroachDB table. Keys are usually `int8().primaryKey().defaultUniqueRowid()` or
 * `uuid().primaryKey().defaultRandom()`: CockroachDB has no `serial` worth using (its `serial` is
 * `unique_rowid()` anyway).
 *
 * @example
 * export const users = cockroachTable('users', {
 *   id: int8({ mode: 'bigint' }).primaryKey().defaultUniqueRowid(),
 *   name: string().notNull(),
 * }, (t) => [index('users_name_idx').using('hash', t.name).with({ bucket_count: 8 })]);
 */
export const cockroachTable: CockroachTableFn = tableFn(undefined);

/**
 * A table function that names every table in the database through `customizeTableName`; the
 * TypeScript name stays the one given.
 *
 * @example
 * const table = cockroachTableCreator((name) => `app_${name}`);
 * export const users = table('users', { id: uuid().primaryKey().defaultRandom() }); // "app_users"
 */
export function cockroachTableCreator(customizeTableName: (name: string) => string): CockroachTableFn {
  if (typeof customizeTableName !== 'function') throw new SchemaError('cockroachTableCreator() takes a function that maps a table name to its name in the database');
  return tableFn(undefined, customizeTableName);
}

function isValueList(values: readonly [string, ...string[]] | Record<string, string>): values is readonly [string, ...string[]] {
  return Array.isArray(values);
}

/**
 * A CockroachDB schema (a namespace inside the database): its tables, views, enums and sequences
 * live under its name. Inside `sql` it renders as its quoted name.
 */
export class CockroachSchema<TSchema extends string = string> {
  static readonly [entityKind] = 'CockroachSchema';
  /** A table in this schema. */
  readonly table: CockroachTableFn<TSchema>;
  /** A view in this schema. */
  readonly view: ViewFunction<CockroachViewOptions>;
  /** A materialized view in this schema. */
  readonly materializedView: ViewFunction<CockroachMaterializedViewOptions>;

  constructor(readonly schemaName: TSchema) {
    this.table = tableFn(schemaName);
    this.view = cockroachViewWithSchema(schemaName);
    this.materializedView = cockroachMaterializedViewWithSchema(schemaName);
  }

  /** An enum type in this schema, from a list of values or a TypeScript enum object. */
  enum<const TValues extends readonly [string, ...string[]]>(name: string, values: TValues): CockroachEnum<TValues>;
  enum<const E extends Record<string, string>>(name: string, values: E): CockroachEnumObject<E>;
  enum(name: string, values: readonly [string, ...string[]] | Record<string, string>): unknown {
    return isValueList(values) ? cockroachEnum(name, values, this.schemaName) : cockroachEnum(name, values, this.schemaName);
  }

  /** A sequence in this schema. */
  sequence(name: string, options?: PgSequenceOptions): PgSequence {
    return pgSequence(name, options, this.schemaName);
  }

  getSQL(): SQL {
    return new SQL([new Name(this.schemaName)]);
  }
}

/** Declares a schema: `const auth = cockroachSchema('auth'); auth.table('users', {...})`. */
export function cockroachSchema<TSchema extends string>(schemaName: TSchema): CockroachSchema<TSchema> {
  if (typeof schemaName !== 'string' || schemaName.length === 0) throw new SchemaError('cockroachSchema() needs a non-empty schema name');
  if (schemaName === 'public') throw new SchemaError(`cockroachSchema('public'): "public" is the default schema; declare its tables with cockroachTable() instead`);
  return new CockroachSchema(schemaName);
}

/** Whether a value is a `cockroachSchema()` object. */
export function isCockroachSchema(value: unknown): value is CockroachSchema {
  return is(value, CockroachSchema);
}

/** A CockroachDB table's definition: columns, constraints and indexes, for the kit and for tools. */
export type CockroachTableConfig<TTable extends AnyTable = AnyTable> = TableDefinition<TTable>;

/**
 * Reads a table's definition as the migration kit sees it. An index's `method` is `hash` for a
 * hash-sharded index (its `with.bucket_count` the shard count) and `gin` for an inverted one.
 *
 * @example
 * const { name, columns, indexes, foreignKeys } = getTableConfig(users);
 */
export function getTableConfig<TTable extends AnyTable>(table: TTable): CockroachTableConfig<TTable> {
  const { others: _others, ...config } = readTableConfig(table, 'getTableConfig');
  return config;
}
