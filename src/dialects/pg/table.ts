import type { AnyColumn } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { createTable, type AnyColumnBuilder, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import { pgColumnBuilders, pgEnum, type PgColumnBuilders, type PgEnum } from './columns.js';
import type { Column } from '../../core/column.js';

/** What the third argument of `pgTable` may return. */
export type PgTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey;

export type PgTableWithColumns<T extends { name: string; schema: string | undefined; columns: Record<string, AnyColumn> }> = TableWithColumns<T & { dialect: 'pg' }>;

/** A column of any PostgreSQL table; annotate self references with it: `(): AnyPgColumn => users.id`. */
export type AnyPgColumn = Column;

function build<TName extends string, TSchema extends string | undefined, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  schema: TSchema,
  columns: TColumns | ((t: PgColumnBuilders) => TColumns),
  extra: ((self: BuildColumns<TName, TColumns>) => PgTableExtra[] | Record<string, PgTableExtra>) | undefined,
): PgTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }> {
  const cols = typeof columns === 'function' ? columns(pgColumnBuilders) : columns;
  return createTable('pg', name, schema, cols, extra as never) as never;
}

/**
 * Declares a PostgreSQL table.
 *
 * @example
 * export const users = pgTable('users', {
 *   id: serial('id').primaryKey(),
 *   name: text('name').notNull(),
 * }, (t) => [index('name_idx').on(t.name)]);
 */
export function pgTable<TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: PgColumnBuilders) => TColumns),
  extraConfig?: (self: BuildColumns<TName, TColumns>) => PgTableExtra[] | Record<string, PgTableExtra>,
): PgTableWithColumns<{ name: TName; schema: undefined; columns: BuildColumns<TName, TColumns> }> {
  return build(name, undefined, columns, extraConfig);
}

/** A PostgreSQL schema: its tables and enums live under its name. */
export interface PgSchema<TSchema extends string> {
  readonly schemaName: TSchema;
  table<TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: PgColumnBuilders) => TColumns),
    extraConfig?: (self: BuildColumns<TName, TColumns>) => PgTableExtra[] | Record<string, PgTableExtra>,
  ): PgTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }>;
  enum<const TValues extends readonly [string, ...string[]]>(name: string, values: TValues): PgEnum<TValues>;
}

/** Declares a schema: `const auth = pgSchema('auth'); auth.table('users', {...})`. */
export function pgSchema<TSchema extends string>(schemaName: TSchema): PgSchema<TSchema> {
  return {
    schemaName,
    table: (name, columns, extra) => build(name, schemaName, columns, extra),
    enum: (name, values) => pgEnum(name, values, schemaName),
  };
}
