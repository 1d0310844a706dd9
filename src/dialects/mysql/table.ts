import type { AnyColumn } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { createTable, TableMeta, type AnyColumnBuilder, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { viewBuilder } from '../../core/view.js';
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
  return (name, columns, extraConfig) => {
    const cols = typeof columns === 'function' ? columns(mysqlColumnBuilders) : columns;
    const table = createTable('mysql', dbName(name), schema, cols, extraConfig as never);
    if (dbName(name) !== name) table[TableMeta].baseName = name;
    return table as never;
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

/** A MySQL schema (a database): its tables and views are qualified with its name. */
export interface MySqlSchema<TSchema extends string> {
  readonly schemaName: TSchema;
  table: MySqlTableFn<TSchema>;
  view: ReturnType<typeof viewBuilder>;
}

/** Declares a schema: `const audit = mysqlSchema('audit'); audit.table('events', {...})`. */
export function mysqlSchema<TSchema extends string>(schemaName: TSchema): MySqlSchema<TSchema> {
  return { schemaName, table: tableFn(schemaName), view: viewBuilder('mysql', schemaName) };
}
