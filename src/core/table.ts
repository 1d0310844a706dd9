import type { Column, AnyColumn, BuildColumnConfig, ColumnBuilder, ColumnBuilderTypeConfig, ColumnRuntimeConfig } from './column.js';
import { entityKind, is } from './entity.js';
import { SchemaError } from './errors.js';
import { SQL } from './sql.js';

/** Where a table keeps its own metadata, out of the way of column keys. */
export const TableMeta = Symbol.for('sluice:TableMeta');

export interface TableConfig {
  name: string;
  schema: string | undefined;
  columns: Record<string, AnyColumn>;
  dialect: string;
}

export interface TableMetadata {
  /** The table's name in the database. */
  name: string;
  schema: string | undefined;
  /** The name queries use for it: the alias, or the name. */
  alias: string | undefined;
  /** The name the schema gave it where a table creator renamed it in the database (`users` of `app_users`); it keys joined rows. */
  baseName?: string;
  dialect: string;
  columns: Record<string, AnyColumn>;
  /** The table this one aliases, or itself. */
  base: Table;
  extraConfig: ((self: Record<string, AnyColumn>) => unknown) | undefined;
  /** @internal per-render-key caches (selection list, mapper, insert columns). */
  cache: Map<string, unknown>;
  /** True for a table-like that is not a base table (subquery, CTE). */
  isSubquery?: boolean;
  /** True for a view, whose fields may be expressions rather than columns. */
  isView?: boolean;
  /** PostgreSQL: row-level security is enabled on the table (`.enableRLS()`). */
  enableRLS?: boolean;
}

/** A table. Its columns are its own properties (`users.id`); its metadata sits under a symbol. */
export class Table<T extends TableConfig = TableConfig> {
  static readonly [entityKind]: string = 'Table';
  declare readonly _: T;
  declare readonly $inferSelect: InferSelectModel<Table<T>>;
  declare readonly $inferInsert: InferInsertModel<Table<T>>;
  [TableMeta]: TableMetadata;

  constructor(name: string, schema: string | undefined, dialect: string) {
    this[TableMeta] = {
      name,
      schema,
      alias: undefined,
      dialect,
      columns: {},
      base: this,
      extraConfig: undefined,
      cache: new Map(),
    };
  }

  getSQL(): SQL {
    return new SQL([this]);
  }
}

export type AnyTable = Table<TableConfig>;

/** A table with its columns as properties, as the table functions return it. */
export type TableWithColumns<T extends TableConfig> = Table<T> & T['columns'];

/** The minimal shape of a column builder, as table functions accept it. */
export interface AnyColumnBuilder {
  readonly _: ColumnBuilderTypeConfig;
  readonly config: ColumnRuntimeConfig;
  build(table: Table, key: string): Column;
}

export type BuildColumns<TTableName extends string, TBuilders extends Record<string, AnyColumnBuilder>> = {
  [K in keyof TBuilders & string]: Column<BuildColumnConfig<TTableName, K, TBuilders[K]['_']>>;
};

/**
 * Gives a table the type that lists its columns as properties. Table functions set one property
 * per column key at run time (`createTable`, `alias`), which the `Table` class cannot declare;
 * this is the one place that states it.
 */
function withColumns<T extends TableConfig>(table: Table): TableWithColumns<T> {
  return table as TableWithColumns<T>;
}

/**
 * @internal Creates a table of a dialect; each dialect's `xxxTable` function wraps this. `T` is
 * the table the dialect declares and `TSelf` what its third argument's callback receives.
 */
export function createTable<T extends TableConfig = TableConfig, TSelf extends Record<string, unknown> = Record<string, AnyColumn>>(
  dialect: string,
  name: string,
  schema: string | undefined,
  columns: Record<string, AnyColumnBuilder>,
  extraConfig: ((self: TSelf) => unknown) | undefined,
): TableWithColumns<T> {
  if (typeof name !== 'string' || name.length === 0) throw new SchemaError('A table needs a non-empty name');
  const table = new Table(name, schema, dialect);
  const meta = table[TableMeta];
  const seen = new Map<string, string>();
  for (const [key, builder] of Object.entries(columns)) {
    if (!builder || typeof (builder as ColumnBuilder).build !== 'function') {
      throw new SchemaError(`Table "${name}": column "${key}" is not a column builder`);
    }
    const column = builder.build(table, key);
    // An unnamed `.unique()` gets the constraint name the database would be given (and the kit writes).
    if (column.isUnique && column.uniqueName === undefined) {
      (column as { uniqueName: string }).uniqueName = column.config.uniqueName = `${name}_${column.name}_unique`;
    }
    const previous = seen.get(column.name);
    if (previous !== undefined) {
      throw new SchemaError(`Table "${name}": columns "${previous}" and "${key}" both use the column name "${column.name}"`);
    }
    seen.set(column.name, key);
    meta.columns[key] = column;
    (table as unknown as Record<string, unknown>)[key] = column;
  }
  // The callback was typed against the columns the table function declared; table-config calls it
  // with exactly those columns, so it is kept under the signature that does not name them.
  meta.extraConfig = extraConfig as TableMetadata['extraConfig'];
  return withColumns<T>(table);
}

/** Clones a column onto another table (aliases, subqueries), without its render cache. */
export function cloneColumnFor<C extends AnyColumn>(column: C, table: Table): C {
  const clone = Object.create(column) as C;
  Object.defineProperty(clone, 'table', { value: table, enumerable: true });
  clone._rk = undefined;
  return clone;
}

/**
 * A second name for a table, for self joins: `const parent = alias(users, 'parent')`.
 *
 * @example
 * const parent = alias(users, 'parent');
 * db.select().from(users).leftJoin(parent, eq(parent.id, users.invitedBy));
 */
export function alias<TTable extends AnyTable, TAlias extends string>(
  table: TTable,
  aliasName: TAlias,
): TableWithColumns<{ name: TAlias; schema: TTable['_']['schema']; dialect: TTable['_']['dialect']; columns: RetableColumns<TTable['_']['columns'], TAlias> }> {
  if (!is(table, Table)) throw new SchemaError('alias() takes a table');
  const src = table[TableMeta];
  const aliased = new Table(src.name, src.schema, src.dialect);
  const meta = aliased[TableMeta];
  meta.alias = aliasName;
  meta.base = src.base;
  meta.extraConfig = src.extraConfig;
  if (src.isView) meta.isView = true;
  for (const [key, column] of Object.entries(src.columns)) {
    // A view's expression fields read `"view"."alias"`; under the alias they read the alias.
    const clone = column instanceof SQL ? (retableField(column, table, aliased) as unknown as AnyColumn) : cloneColumnFor(column, aliased);
    meta.columns[key] = clone;
    (aliased as unknown as Record<string, unknown>)[key] = clone;
  }
  return withColumns(aliased);
}

/** An expression field of a table-like with its references to `from` moved to `to`, decoded as before. */
function retableField(field: SQL, from: Table, to: Table): SQL {
  const out = new SQL(field.chunks.map((c) => (c === from ? to : c)));
  out.decoder = field.decoder;
  return out;
}

/** The columns of a table moved onto another table name (for aliases and subqueries). */
export type RetableColumns<TColumns extends Record<string, AnyColumn>, TTableName extends string> = {
  [K in keyof TColumns]: Column<Omit<TColumns[K]['_'], 'tableName'> & { tableName: TTableName }>;
};

/** The columns of a table, keyed as in the schema. */
export function getTableColumns<T extends AnyTable>(table: T): T['_']['columns'] {
  return { ...table[TableMeta].columns } as T['_']['columns'];
}

/** The table's name in the database. */
export function getTableName(table: AnyTable): string {
  return table[TableMeta].name;
}

/** The name a query uses for the table: its alias, or its name. */
export function getTableRefName(table: AnyTable): string {
  const meta = table[TableMeta];
  return meta.alias ?? meta.name;
}

type RequiredInsertKeys<TColumns extends Record<string, AnyColumn>> = {
  [K in keyof TColumns]: TColumns[K]['_']['notNull'] extends true ? (TColumns[K]['_']['hasDefault'] extends true ? never : K) : never;
}[keyof TColumns];

type OmittedInsertKeys<TColumns extends Record<string, AnyColumn>> = {
  [K in keyof TColumns]: TColumns[K]['_']['generated'] extends true ? K : TColumns[K]['_']['identity'] extends 'always' ? K : never;
}[keyof TColumns];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The row type a table yields when selected. */
export type InferSelectModel<TTable extends AnyTable> = Simplify<{
  [K in keyof TTable['_']['columns']]: TTable['_']['columns'][K]['_']['notNull'] extends true ? TTable['_']['columns'][K]['_']['data'] : TTable['_']['columns'][K]['_']['data'] | null;
}>;

/** The object a table accepts on insert: required where the column is not null without a default. */
export type InferInsertModel<TTable extends AnyTable> = Simplify<
  {
    [K in Exclude<RequiredInsertKeys<TTable['_']['columns']>, OmittedInsertKeys<TTable['_']['columns']>>]: TTable['_']['columns'][K]['_']['data'];
  } & {
    [K in Exclude<keyof TTable['_']['columns'], RequiredInsertKeys<TTable['_']['columns']> | OmittedInsertKeys<TTable['_']['columns']>>]?: TTable['_']['columns'][K]['_']['notNull'] extends true
      ? TTable['_']['columns'][K]['_']['data']
      : TTable['_']['columns'][K]['_']['data'] | null;
  }
>;

export type { ColumnBuilder };
