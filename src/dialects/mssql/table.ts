import type { AnyColumn } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { entityKind, is } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL } from '../../core/sql.js';
import { readTableConfig, type TableDefinition } from '../../core/table-config.js';
import { createTable, TableMeta, type AnyColumnBuilder, type AnyTable, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { viewBuilder, type ViewFunction } from '../../core/view.js';
import { mssqlColumnBuilders, type MsSqlColumnBuilders } from './columns.js';
import type { MsSqlViewOptions } from './view.js';

/** What the third argument of `mssqlTable` may return. */
export type MsSqlTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

export type MsSqlTableWithColumns<T extends { name: string; schema: string | undefined; columns: Record<string, AnyColumn> }> = TableWithColumns<T & { dialect: 'mssql' }>;

/** The signature of `mssqlTable` and of the table functions `mssqlTableCreator` makes. */
export type MsSqlTableFn<TSchema extends string | undefined = undefined> = <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: MsSqlColumnBuilders) => TColumns),
  extraConfig?: (self: BuildColumns<TName, TColumns>) => MsSqlTableExtra[] | Record<string, MsSqlTableExtra>,
) => MsSqlTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }>;

function tableFn<TSchema extends string | undefined>(schema: TSchema, dbName: (name: string) => string = (n) => n): MsSqlTableFn<TSchema> {
  return <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: MsSqlColumnBuilders) => TColumns),
    extraConfig?: (self: BuildColumns<TName, TColumns>) => MsSqlTableExtra[] | Record<string, MsSqlTableExtra>,
  ) => {
    const cols = typeof columns === 'function' ? columns(mssqlColumnBuilders) : columns;
    const table = createTable<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> } & { dialect: 'mssql' }, BuildColumns<TName, TColumns>>('mssql', dbName(name), schema, cols, extraConfig);
    table[TableMeta].baseName = name;
    return table;
  };
}

/**
 * Declares a SQL Server table.
 *
 * @example
 * export const users = mssqlTable('users', {
 *   id: int('id').identity().primaryKey(),
 *   name: nvarchar('name', { length: 255 }).notNull(),
 * }, (t) => [index('name_idx').on(t.name)]);
 */
export const mssqlTable: MsSqlTableFn = tableFn(undefined);

/**
 * A table function that names every table in the database through `customizeTableName`; the
 * TypeScript name stays the one given.
 *
 * @example
 * const table = mssqlTableCreator((name) => `app_${name}`);
 * export const users = table('users', { id: int('id').primaryKey() }); // [app_users]
 */
export function mssqlTableCreator(customizeTableName: (name: string) => string): MsSqlTableFn {
  return tableFn(undefined, customizeTableName);
}

/**
 * A SQL Server schema (`dbo`, `audit`, ...): its tables and views are qualified with its name.
 * Inside `sql` it renders as its quoted name: `` sql`create schema ${audit}` ``.
 */
export class MsSqlSchema<TSchema extends string = string> {
  static readonly [entityKind] = 'MsSqlSchema';
  /** A table in this schema. */
  readonly table: MsSqlTableFn<TSchema>;
  /** A view in this schema. */
  readonly view: ViewFunction<MsSqlViewOptions>;
  constructor(readonly schemaName: TSchema) {
    this.table = tableFn(schemaName);
    this.view = viewBuilder<MsSqlViewOptions>('mssql', schemaName);
  }
  getSQL(): SQL {
    return new SQL([new Name(this.schemaName)]);
  }
}

/** Declares a schema: `const audit = mssqlSchema('audit'); audit.table('events', {...})`. */
export function mssqlSchema<TSchema extends string>(schemaName: TSchema): MsSqlSchema<TSchema> {
  if (typeof schemaName !== 'string' || schemaName.length === 0) throw new SchemaError('mssqlSchema() needs a non-empty schema name');
  return new MsSqlSchema(schemaName);
}

/** Whether a value is a `mssqlSchema()` object. */
export function isMsSqlSchema(value: unknown): value is MsSqlSchema {
  return is(value, MsSqlSchema);
}

/** A SQL Server table's definition: columns, constraints and indexes, for the kit and for tools. */
export type MsSqlTableConfig<TTable extends AnyTable = AnyTable> = TableDefinition<TTable>;

/** Reads a table's definition as the migration kit sees it: `getTableConfig(users).indexes`. */
export function getTableConfig<TTable extends AnyTable>(table: TTable): MsSqlTableConfig<TTable> {
  const { others: _others, ...config } = readTableConfig(table, 'getTableConfig');
  return config;
}
