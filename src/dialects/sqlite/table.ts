import type { AnyColumn, Column } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { createTable, type AnyColumnBuilder, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { sqliteColumnBuilders, type SQLiteColumnBuilders } from './columns.js';

/** What the third argument of `sqliteTable` may return. */
export type SQLiteTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

export type SQLiteTableWithColumns<T extends { name: string; schema: string | undefined; columns: Record<string, AnyColumn> }> = TableWithColumns<T & { dialect: 'sqlite' }>;

/** A column of any SQLite table; annotate self references with it. */
export type AnySQLiteColumn = Column;

/**
 * Declares a SQLite table.
 *
 * @example
 * export const users = sqliteTable('users', {
 *   id: integer('id').primaryKey({ autoIncrement: true }),
 *   name: text('name').notNull(),
 * });
 */
export function sqliteTable<TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: SQLiteColumnBuilders) => TColumns),
  extraConfig?: (self: BuildColumns<TName, TColumns>) => SQLiteTableExtra[] | Record<string, SQLiteTableExtra>,
): SQLiteTableWithColumns<{ name: TName; schema: undefined; columns: BuildColumns<TName, TColumns> }> {
  const cols = typeof columns === 'function' ? columns(sqliteColumnBuilders) : columns;
  return createTable('sqlite', name, undefined, cols, extraConfig as never) as never;
}
