import type { AnyColumn, Column } from '../../core/column.js';
import { SchemaError } from '../../core/errors.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { readTableConfig, type TableDefinition } from '../../core/table-config.js';
import { createTable, TableMeta, type AnyColumnBuilder, type AnyTable, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { sqliteColumnBuilders, type SQLiteColumnBuilders } from './columns.js';

/** What the third argument of `sqliteTable` may return. */
export type SQLiteTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

export type SQLiteTableWithColumns<T extends { name: string; schema: string | undefined; columns: Record<string, AnyColumn> }> = TableWithColumns<T & { dialect: 'sqlite' }>;

/** A column of any SQLite table; annotate self references with it. */
export type AnySQLiteColumn = Column;

/** The signature of `sqliteTable` and of the table functions `sqliteTableCreator` makes. */
export type SQLiteTableFn = <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: SQLiteColumnBuilders) => TColumns),
  extraConfig?: (self: BuildColumns<TName, TColumns>) => SQLiteTableExtra[] | Record<string, SQLiteTableExtra>,
) => SQLiteTableWithColumns<{ name: TName; schema: undefined; columns: BuildColumns<TName, TColumns> }>;

function tableFn(dbName?: (name: string) => string): SQLiteTableFn {
  return <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: SQLiteColumnBuilders) => TColumns),
    extraConfig?: (self: BuildColumns<TName, TColumns>) => SQLiteTableExtra[] | Record<string, SQLiteTableExtra>,
  ) => {
    const cols = typeof columns === 'function' ? columns(sqliteColumnBuilders) : columns;
    const table = createTable<{ name: TName; schema: undefined; columns: BuildColumns<TName, TColumns> } & { dialect: 'sqlite' }, BuildColumns<TName, TColumns>>('sqlite', dbName ? dbName(name) : name, undefined, cols, extraConfig);
    if (dbName) table[TableMeta].baseName = name;
    return table;
  };
}

/**
 * Declares a SQLite table.
 *
 * @example
 * export const users = sqliteTable('users', {
 *   id: integer('id').primaryKey({ autoIncrement: true }),
 *   name: text('name').notNull(),
 * });
 */
export const sqliteTable: SQLiteTableFn = tableFn();

/**
 * A table function that names every table in the database through `customizeTableName`; the
 * TypeScript name stays the one given.
 *
 * @example
 * const table = sqliteTableCreator((name) => `app_${name}`);
 * export const users = table('users', { id: integer('id').primaryKey() }); // "app_users"
 */
export function sqliteTableCreator(customizeTableName: (name: string) => string): SQLiteTableFn {
  if (typeof customizeTableName !== 'function') throw new SchemaError('sqliteTableCreator() takes a function that maps a table name to its name in the database');
  return tableFn(customizeTableName);
}

/** A SQLite table's definition: columns, constraints and indexes, for the kit and for tools. */
export type SQLiteTableConfig<TTable extends AnyTable = AnyTable> = TableDefinition<TTable>;

/** Reads a table's definition as the migration kit sees it: `getTableConfig(users).indexes`. */
export function getTableConfig<TTable extends AnyTable>(table: TTable): SQLiteTableConfig<TTable> {
  const { others: _others, ...config } = readTableConfig(table, 'getTableConfig');
  return config;
}
