import type { AnyColumn } from '../../core/column.js';
import type { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint } from '../../core/constraints.js';
import { entityKind, is } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { Name, SQL } from '../../core/sql.js';
import { readTableConfig, type ExtraConfigColumns, type TableDefinition } from '../../core/table-config.js';
import { createTable, TableMeta, type AnyColumnBuilder, type AnyTable, type BuildColumns, type TableWithColumns } from '../../core/table.js';
import type { ViewFunction } from '../../core/view.js';
import { cidr, inet, macaddr, macaddr8 } from './network-columns.js';
import { line, point } from './geometry-columns.js';
import { pgColumnBuilders as baseBuilders, pgEnum, type PgEnum, type PgEnumObject } from './columns.js';
import { PgPolicy } from './policies.js';
import { pgSequence, type PgSequence, type PgSequenceOptions } from './sequence.js';
import { pgMaterializedViewWithSchema, pgViewWithSchema, type PgMaterializedViewOptions, type PgViewOptions } from './view.js';
import type { Column } from '../../core/column.js';

/** Every column function, as the callback form of `pgTable` receives them. */
const pgColumnBuilders = { ...baseBuilders, inet, cidr, macaddr, macaddr8, point, line };
/** The column functions the callback form of `pgTable` receives. */
export type PgColumnBuilders = typeof pgColumnBuilders;

/** What the third argument of `pgTable` may return (arrays of them too, one level deep). */
export type PgTableExtra = Index | PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey | PgPolicy;

type PgTableT = { name: string; schema: string | undefined; columns: Record<string, AnyColumn> };

/** A PostgreSQL table with its columns; `.enableRLS()` turns on row-level security for the kit. */
export type PgTableWithColumns<T extends PgTableT> = TableWithColumns<T & { dialect: 'pg' }> & {
  /** Enables row-level security on the table (`alter table ... enable row level security`, written by the kit). */
  enableRLS(): Omit<PgTableWithColumns<T>, 'enableRLS'>;
};

/** A column of any PostgreSQL table; annotate self references with it: `(): AnyPgColumn => users.id`. */
export type AnyPgColumn = Column;
/** Drizzle's name for a PostgreSQL column type (annotations only; sluice has one column class). */
export type PgColumn = Column;
/** Drizzle's name for any PostgreSQL table type (annotations only). */
export type PgTable = AnyTable;

/** The signature of `pgTable`, of the functions `pgTableCreator` makes and of `schema.table`. */
export type PgTableFn<TSchema extends string | undefined = undefined> = <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
  name: TName,
  columns: TColumns | ((t: PgColumnBuilders) => TColumns),
  extraConfig?: (self: ExtraConfigColumns<BuildColumns<TName, TColumns>>) => (PgTableExtra | PgTableExtra[])[] | Record<string, PgTableExtra>,
) => PgTableWithColumns<{ name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> }>;

function tableFn<TSchema extends string | undefined>(schema: TSchema, dbName?: (name: string) => string, rls = false): PgTableFn<TSchema> {
  return <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns | ((t: PgColumnBuilders) => TColumns),
    extraConfig?: (self: ExtraConfigColumns<BuildColumns<TName, TColumns>>) => (PgTableExtra | PgTableExtra[])[] | Record<string, PgTableExtra>,
  ) => {
    type T = { name: TName; schema: TSchema; columns: BuildColumns<TName, TColumns> };
    const cols = typeof columns === 'function' ? columns(pgColumnBuilders) : columns;
    const table = createTable<T & { dialect: 'pg' }, ExtraConfigColumns<BuildColumns<TName, TColumns>>>('pg', dbName ? dbName(name) : name, schema, cols, extraConfig);
    const meta = table[TableMeta];
    if (dbName) meta.baseName = name;
    meta.enableRLS = rls;
    // `pgTable` is declared below: the function is only called once the table is returned.
    const enableRLS = (): Omit<PgTableWithColumns<T>, 'enableRLS'> => {
      meta.enableRLS = true;
      return pgTable;
    };
    defineHidden(table, 'enableRLS', enableRLS);
    const pgTable: PgTableWithColumns<T> = table;
    return pgTable;
  };
}

/** Whether `pgSchema().enum()` was given a list of values rather than an enum object. */
function isValueList(values: readonly [string, ...string[]] | Record<string, string>): values is readonly [string, ...string[]] {
  return Array.isArray(values);
}

/** Adds a non-enumerable property, so the table's own enumerable keys stay its columns. */
function defineHidden<O extends object, K extends string, V>(target: O, key: K, value: V): asserts target is O & Record<K, V> {
  Object.defineProperty(target, key, { value });
}

/**
 * Declares a PostgreSQL table. `pgTable.withRLS(...)` declares one with row-level security.
 *
 * @example
 * export const users = pgTable('users', {
 *   id: serial('id').primaryKey(),
 *   name: text('name').notNull(),
 * }, (t) => [index('name_idx').on(t.name)]);
 */
export const pgTable: PgTableFn & { withRLS: PgTableFn } = Object.assign(tableFn(undefined), { withRLS: tableFn(undefined, undefined, true) });

/**
 * A table function that names every table in the database through `customizeTableName`; the
 * TypeScript name stays the one given.
 *
 * @example
 * const table = pgTableCreator((name) => `app_${name}`);
 * export const users = table('users', { id: serial('id').primaryKey() }); // "app_users"
 */
export function pgTableCreator(customizeTableName: (name: string) => string): PgTableFn {
  if (typeof customizeTableName !== 'function') throw new SchemaError('pgTableCreator() takes a function that maps a table name to its name in the database');
  return tableFn(undefined, customizeTableName);
}

/**
 * A PostgreSQL schema: its tables, views, enums and sequences live under its name. Inside `sql`
 * it renders as its quoted name: `` sql`create schema if not exists ${auth}` ``.
 */
export class PgSchema<TSchema extends string = string> {
  static readonly [entityKind] = 'PgSchema';
  /** A table in this schema. */
  readonly table: PgTableFn<TSchema>;
  /** A view in this schema. */
  readonly view: ViewFunction<PgViewOptions>;
  /** A materialized view in this schema. */
  readonly materializedView: ViewFunction<PgMaterializedViewOptions>;

  constructor(readonly schemaName: TSchema) {
    this.table = tableFn(schemaName);
    this.view = pgViewWithSchema(schemaName);
    this.materializedView = pgMaterializedViewWithSchema(schemaName);
  }

  /** An enum type in this schema, from a list of values or a TypeScript enum object. */
  enum<const TValues extends readonly [string, ...string[]]>(name: string, values: TValues): PgEnum<TValues>;
  enum<const E extends Record<string, string>>(name: string, values: E): PgEnumObject<E>;
  enum(name: string, values: readonly [string, ...string[]] | Record<string, string>): unknown {
    // Both branches reach the same function; the guard picks the overload the values match.
    return isValueList(values) ? pgEnum(name, values, this.schemaName) : pgEnum(name, values, this.schemaName);
  }

  /** A sequence in this schema. */
  sequence(name: string, options?: PgSequenceOptions): PgSequence {
    return pgSequence(name, options, this.schemaName);
  }

  getSQL(): SQL {
    return new SQL([new Name(this.schemaName)]);
  }
}

/** Declares a schema: `const auth = pgSchema('auth'); auth.table('users', {...})`. */
export function pgSchema<TSchema extends string>(schemaName: TSchema): PgSchema<TSchema> {
  if (typeof schemaName !== 'string' || schemaName.length === 0) throw new SchemaError('pgSchema() needs a non-empty schema name');
  if (schemaName === 'public') {
    throw new SchemaError(`pgSchema('public'): "public" is PostgreSQL's default schema; declare its tables with pgTable() instead`);
  }
  return new PgSchema(schemaName);
}

/** Whether a value is a `pgSchema()` object. */
export function isPgSchema(value: unknown): value is PgSchema {
  return is(value, PgSchema);
}

/** A PostgreSQL table's definition: columns, constraints, indexes, policies and RLS, for the kit and for tools. */
export interface PgTableConfig<TTable extends AnyTable = AnyTable> extends TableDefinition<TTable> {
  policies: PgPolicy[];
  enableRLS: boolean;
}

/**
 * Reads a table's definition as the migration kit sees it.
 *
 * @example
 * const { name, columns, indexes, foreignKeys } = getTableConfig(users);
 */
export function getTableConfig<TTable extends AnyTable>(table: TTable): PgTableConfig<TTable> {
  const { others, ...config } = readTableConfig(table, 'getTableConfig');
  return { ...config, policies: others.filter((o): o is PgPolicy => is(o, PgPolicy)), enableRLS: table[TableMeta].enableRLS === true };
}
