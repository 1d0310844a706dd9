import type { AnyColumn } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { entityKind, is } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL } from '../../core/sql.js';
import { readTableConfig, type TableDefinition } from '../../core/table-config.js';
import { createTable, TableMeta, type AnyColumnBuilder, type AnyTable, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { viewBuilder, type ViewFunction } from '../../core/view.js';
import type { MySqlViewOptions } from './view.js';
import { mysqlColumnBuilders, type MySqlColumnBuilders } from './columns.js';

/** What the third argument of `mysqlTable` may return. */
export type MySqlTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

export type MySqlTableWithColumns<T extends { name: string; schema: string | undefined; columns: Record<string, AnyColumn> }> = TableWithColumns<T & { dialect: 'mysql' }>;

/** The signature of `mysqlTable` and of the table functions `mysqlTableCreator` makes. */
export type MySqlTableFn<TSchema extends string | undefined = undefined> = <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: MySqlColumnBuilders) => TColumns),
  extraConfig?: (self: BuildColumns<TName, TColumns>) => MySqlTableExtra[] | Record<string, MySqlTableExtra>,
) => MySqlTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }>;

function tableFn<TSchema extends string | undefined>(schema: TSchema, dbName: (name: string) => string = (n) => n): MySqlTableFn<TSchema> {
  return <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: MySqlColumnBuilders) => TColumns),
    extraConfig?: (self: BuildColumns<TName, TColumns>) => MySqlTableExtra[] | Record<string, MySqlTableExtra>,
  ) => {
    const cols = typeof columns === 'function' ? columns(mysqlColumnBuilders) : columns;
    const table = createTable<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> } & { dialect: 'mysql' }, BuildColumns<TName, TColumns>>('mysql', dbName(name), schema, cols, extraConfig);
    table[TableMeta].baseName = name;
    return table;
  };
}

/**
 * Declares a MySQL table.
 *
 * @example
 * export const users = mysqlTable('users', {
 *   id: serial('id').primaryKey(),
 *   name: varchar('name', { length: 255 }).notNull(),
 * }, (t) => [index('name_idx').on(t.name)]);
 */
export const mysqlTable: MySqlTableFn = tableFn(undefined);

/**
 * A table function that names every table in the database through `customizeTableName`; the
 * TypeScript name stays the one given.
 *
 * @example
 * const table = mysqlTableCreator((name) => `app_${name}`);
 * export const users = table('users', { id: serial('id').primaryKey() }); // `app_users`
 */
export function mysqlTableCreator(customizeTableName: (name: string) => string): MySqlTableFn {
  return tableFn(undefined, customizeTableName);
}

/**
 * A MySQL schema (a database): its tables and views are qualified with its name. Inside `sql` it
 * renders as its quoted name: `` sql`create database if not exists ${audit}` ``.
 */
export class MySqlSchema<TSchema extends string = string> {
  static readonly [entityKind] = 'MySqlSchema';
  /** A table in this schema. */
  readonly table: MySqlTableFn<TSchema>;
  /** A view in this schema. */
  readonly view: ViewFunction<MySqlViewOptions>;
  constructor(readonly schemaName: TSchema) {
    this.table = tableFn(schemaName);
    this.view = viewBuilder<MySqlViewOptions>('mysql', schemaName);
  }
  getSQL(): SQL {
    return new SQL([new Name(this.schemaName)]);
  }
}

/** Declares a schema: `const audit = mysqlSchema('audit'); audit.table('events', {...})`. */
export function mysqlSchema<TSchema extends string>(schemaName: TSchema): MySqlSchema<TSchema> {
  if (typeof schemaName !== 'string' || schemaName.length === 0) throw new SchemaError('mysqlSchema() needs a non-empty schema name');
  return new MySqlSchema(schemaName);
}

/** Whether a value is a `mysqlSchema()` object. */
export function isMySqlSchema(value: unknown): value is MySqlSchema {
  return is(value, MySqlSchema);
}

/** A MySQL table's definition: columns, constraints and indexes, for the kit and for tools. */
export type MySqlTableConfig<TTable extends AnyTable = AnyTable> = TableDefinition<TTable>;

/** Reads a table's definition as the migration kit sees it: `getTableConfig(users).indexes`. */
export function getTableConfig<TTable extends AnyTable>(table: TTable): MySqlTableConfig<TTable> {
  const { others: _others, ...config } = readTableConfig(table, 'getTableConfig');
  return config;
}
