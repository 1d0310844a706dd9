import type { CacheConfig } from './cache.js';
import type { RelationalOperators } from './relational-join.js';
import type { Many, One, Relations, DefinedRelations, RelationV2, RelationsEntry } from './relations.js';
import type { Simplify } from './select-types.js';
import type { Placeholder, SQL, SQLWrapper } from './sql.js';
import type { AnyTable, InferSelectModel } from './table.js';

type Columns<TTable extends AnyTable> = TTable['_']['columns'];
/** The fields of a table or view: its columns, and a view's named expressions. */
type Fields<T> = T extends { readonly _: { readonly columns: infer C } } ? C : never;
/** The value type of a field: a column's data, or an expression's type. */
type FieldData<F> = F extends { readonly _: { readonly data: infer D } } ? D : F extends SQL.Aliased<infer T> ? T : F extends SQL<infer T> ? T : unknown;
/** The row a table or view yields. */
type RowOf<T> = T extends AnyTable ? InferSelectModel<T> : T extends { readonly $inferSelect: infer S } ? S : never;

// ---------------------------------------------------------------------------------------------
// Shared result shaping
// ---------------------------------------------------------------------------------------------

type TrueKeys<C> = { [K in keyof C]: C[K] extends true ? K : never }[keyof C];
type FalseKeys<C> = { [K in keyof C]: C[K] extends false ? K : never }[keyof C];

/**
 * The row with `columns: { a: true }` (include) or `columns: { a: false }` (exclude) applied;
 * `columns: {}` selects no column.
 */
type PickColumns<TRow, TConfig> = TConfig extends { columns: infer C } ? ([TrueKeys<C>] extends [never] ? ([FalseKeys<C>] extends [never] ? {} : Omit<TRow, FalseKeys<C> & keyof TRow>) : Pick<TRow, TrueKeys<C> & keyof TRow>) : TRow;

type ExtraType<E> = E extends (...args: never[]) => infer R ? ExtraType<R> : E extends SQL.Aliased<infer T> ? T : E extends SQL<infer T> ? T : unknown;
type ExtrasOf<TConfig> = TConfig extends { extras: infer E } ? (E extends (...args: never[]) => infer R ? { -readonly [K in keyof R]: ExtraType<R[K]> } : { -readonly [K in keyof E]: ExtraType<E[K]> }) : {};

type Sub<C> = C extends true ? {} : C;

/** `extras` over fields `C` (a table's columns, or a view's fields). */
type ExtrasConfig<C> = Record<string, SQLWrapper | SQL.Aliased | ((table: C, operators: RelationalOperators) => SQLWrapper | SQL.Aliased)> | ((table: C, operators: RelationalOperators) => Record<string, SQLWrapper | SQL.Aliased>);

/** `orderBy` over fields `C`. */
type OrderConfig<C> = SQLWrapper | SQLWrapper[] | ((table: C, operators: RelationalOperators) => SQLWrapper | SQLWrapper[]) | { [K in keyof C]?: 'asc' | 'desc' };

// ---------------------------------------------------------------------------------------------
// v1: tables and relations() objects from a schema module
// ---------------------------------------------------------------------------------------------

/**
 * What the v1 types need from a schema module, keyed by SQL table name: the tables, and the
 * relations declared for each. It is computed once per schema and handed down to every query
 * type, so looking up a relation's target is one lookup in a map rather than a scan of every export
 * of the schema (which made checking a project grow with the square of its table count).
 */
export interface V1Schema {
  tables: Record<string, AnyTable>;
  relations: Record<string, Record<string, One | Many>>;
}

/** Several `relations()` calls for one table merge, as they do at runtime. */
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? (unknown extends I ? {} : I) : never;

type TablesByName<TSchema> = { [K in keyof TSchema as TSchema[K] extends AnyTable ? TSchema[K]['_']['name'] : never]: Extract<TSchema[K], AnyTable> };
type RelationsByName<TSchema> = { [K in keyof TSchema as TSchema[K] extends Relations<infer N> ? N : never]: TSchema[K] extends Relations<string, infer C> ? C : never };

/** The {@link V1Schema} of a schema module. */
export type V1SchemaOf<TSchema> = {
  tables: TablesByName<TSchema>;
  relations: { [N in keyof RelationsByName<TSchema>]: UnionToIntersection<RelationsByName<TSchema>[N]> };
};

/*
 * Lookups match the map against a one-property object rather than test `TName extends keyof
 * map`: the keys of a mapped type with an `as` clause are recomputed from every export of the
 * schema each time they are asked for, which is the per-query growth this file avoids.
 */
/** The relations declared for table `TName` (none when it has no `relations()`). */
type RelationsOf<S extends V1Schema, TName extends string> = S['relations'] extends { [N in TName]: infer R } ? R : Record<string, never>;
/** The table a relation points to, by its SQL name. */
type TargetOf<S extends V1Schema, R> = R extends One<infer T> | Many<infer T> ? (S['tables'] extends { [N in T]: infer X extends AnyTable } ? X : never) : never;

/** `with` of a v1 query: the relations of the table (a table without relations takes none). */
type V1With<S extends V1Schema, TRelations> = { [K in keyof TRelations]?: [TRelations[K]] extends [never] ? never : true | V1FindConfig<S, TargetOf<S, TRelations[K]>> };

/** The options of `findMany`/`findFirst` on a v1 schema. */
export interface V1FindConfig<S extends V1Schema, TTable extends AnyTable> {
  columns?: { [K in keyof Columns<TTable>]?: boolean };
  with?: V1With<S, RelationsOf<S, TTable['_']['name']>>;
  where?: SQLWrapper | ((table: Columns<TTable>, operators: RelationalOperators) => SQLWrapper | undefined);
  orderBy?: OrderConfig<Columns<TTable>>;
  limit?: number | Placeholder;
  offset?: number | Placeholder;
  extras?: ExtrasConfig<Columns<TTable>>;
}

type V1RelationResult<S extends V1Schema, R, C> = R extends Many<string> ? V1Result<S, TargetOf<S, R>, Sub<C>>[] : R extends One<string, infer N> ? V1Result<S, TargetOf<S, R>, Sub<C>> | (N extends true ? null : never) : never;

/** The row type of a v1 relational query with config `TConfig`. */
export type V1Result<S extends V1Schema, TTable extends AnyTable, TConfig> = Simplify<
  PickColumns<InferSelectModel<TTable>, TConfig> &
    ExtrasOf<TConfig> &
    (TConfig extends { with: infer W } ? { [K in keyof W & keyof RelationsOf<S, TTable['_']['name']> as W[K] extends undefined | false ? never : K]: V1RelationResult<S, RelationsOf<S, TTable['_']['name']>[K], W[K]> } : {})
>;

/** `db.query.<table>` on a v1 schema. */
export interface V1TableQuery<S extends V1Schema, TTable extends AnyTable, TDialect extends string = string> {
  findMany<const TConfig extends V1FindConfig<S, TTable>>(config?: TConfig): RelationalPromise<V1Result<S, TTable, TConfig>[], TDialect>;
  findFirst<const TConfig extends Omit<V1FindConfig<S, TTable>, 'limit'>>(config?: TConfig): RelationalPromise<V1Result<S, TTable, TConfig> | undefined, TDialect>;
}

type V1QueriesOf<TSchema, S extends V1Schema, TDialect extends string> = {
  [K in keyof TSchema as TSchema[K] extends AnyTable ? K : never]: TSchema[K] extends AnyTable ? V1TableQuery<S, TSchema[K], TDialect> : never;
};

export type V1Queries<TSchema, TDialect extends string = string> = V1QueriesOf<TSchema, V1SchemaOf<TSchema>, TDialect>;

// ---------------------------------------------------------------------------------------------
// v2: defineRelations()
// ---------------------------------------------------------------------------------------------

type V2Tables<R> = R extends DefinedRelations<infer T, unknown> ? T : never;
type V2Config<R> = R extends DefinedRelations<Record<string, unknown>, infer C> ? C : never;
type V2Rels<R, K> = K extends keyof V2Config<R> ? NonNullable<V2Config<R>[K]> : {};

type ColumnFilter<T> =
  | T
  | null
  | {
      eq?: T | null;
      ne?: T | null;
      gt?: T;
      gte?: T;
      lt?: T;
      lte?: T;
      in?: T[];
      notIn?: T[];
      like?: string;
      notLike?: string;
      ilike?: string;
      notIlike?: string;
      isNull?: boolean;
      isNotNull?: boolean;
      arrayContains?: T;
      arrayContained?: T;
      arrayOverlaps?: T;
      OR?: ColumnFilter<T>[];
      AND?: ColumnFilter<T>[];
      NOT?: ColumnFilter<T>;
    };

/** A v2 object filter on table (or view) `K`. */
export type V2Where<R, K extends keyof V2Tables<R>> = V2Tables<R>[K] extends RelationsEntry
  ? {
      [C in keyof Fields<V2Tables<R>[K]>]?: ColumnFilter<FieldData<Fields<V2Tables<R>[K]>[C]>>;
    } & {
      [Rel in keyof V2Rels<R, K>]?: V2Rels<R, K>[Rel] extends RelationV2<'one' | 'many', infer T> ? (T extends keyof V2Tables<R> ? true | V2Where<R, T> : never) : never;
    } & {
      OR?: V2Where<R, K>[];
      AND?: V2Where<R, K>[];
      NOT?: V2Where<R, K>;
      RAW?: SQLWrapper | ((table: Fields<V2Tables<R>[K]>, operators: RelationalOperators) => SQLWrapper);
    }
  : never;

/** The options of `findMany`/`findFirst` on `defineRelations` relations. */
export interface V2FindConfig<R, K extends keyof V2Tables<R>> {
  columns?: { [C in keyof Fields<V2Tables<R>[K]>]?: boolean };
  with?: {
    [Rel in keyof V2Rels<R, K>]?: V2Rels<R, K>[Rel] extends RelationV2<'one' | 'many', infer T> ? (T extends keyof V2Tables<R> ? true | V2FindConfig<R, T> : never) : never;
  };
  where?: V2Where<R, K>;
  orderBy?: OrderConfig<Fields<V2Tables<R>[K]>>;
  limit?: number | Placeholder;
  offset?: number | Placeholder;
  extras?: ExtrasConfig<Fields<V2Tables<R>[K]>>;
}

type V2RelationResult<R, Rel, C> =
  Rel extends RelationV2<'many', infer T>
    ? T extends keyof V2Tables<R>
      ? V2Result<R, T, Sub<C>>[]
      : never
    : Rel extends RelationV2<'one', infer T, infer O>
      ? T extends keyof V2Tables<R>
        ? // A required one-relation read with a filter of its own may find no row.
          V2Result<R, T, Sub<C>> | (O extends true ? null : C extends { where: object } ? null : never)
        : never
      : never;

/** The row type of a v2 relational query. */
export type V2Result<R, K extends keyof V2Tables<R>, TConfig> = V2Tables<R>[K] extends RelationsEntry
  ? Simplify<
      PickColumns<RowOf<V2Tables<R>[K]>, TConfig> &
        ExtrasOf<TConfig> &
        (TConfig extends { with: infer W } ? { [Rel in keyof W & keyof V2Rels<R, K> as W[Rel] extends undefined | false ? never : Rel]: V2RelationResult<R, V2Rels<R, K>[Rel], W[Rel]> } : {})
    >
  : never;

export interface V2TableQuery<R, K extends keyof V2Tables<R>, TDialect extends string = string> {
  findMany<const TConfig extends V2FindConfig<R, K>>(config?: TConfig): RelationalPromise<V2Result<R, K, TConfig>[], TDialect>;
  findFirst<const TConfig extends Omit<V2FindConfig<R, K>, 'limit'>>(config?: TConfig): RelationalPromise<V2Result<R, K, TConfig> | undefined, TDialect>;
}

export type V2Queries<R, TDialect extends string = string> = { [K in keyof V2Tables<R> as V2Tables<R>[K] extends RelationsEntry ? K : never]: V2TableQuery<R, K, TDialect> };

/** What `db.query` is: v2 queries when relations were given, v1 when a schema was. */
export type RelationalQueries<TSchema, TRelations, TDialect extends string = string> = [TRelations] extends [DefinedRelations] ? V2Queries<TRelations, TDialect> : V1Queries<TSchema, TDialect>;

/** A prepared relational query: runs with placeholder values; `sync()` on better-sqlite3. */
export interface RelationalPrepared<T, TDialect extends string = string> {
  /** The dialect tag (type only). */
  readonly _dialect?: TDialect;
  /** Runs with values for the placeholders; on better-sqlite3 the promise also has `sync()`. */
  execute(values?: Record<string, unknown>): TDialect extends 'sqlite-sync' ? Promise<T> & { sync(): T } : Promise<T>;
  /** better-sqlite3: runs now and returns the result. */
  sync(this: RelationalPrepared<T, 'sqlite-sync'>, values?: Record<string, unknown>): T;
}

/** A relational query: awaitable, with `toSQL()` and `prepare()`, and `sync()` on better-sqlite3. */
export interface RelationalPromise<T, TDialect extends string = string> extends PromiseLike<T> {
  /** The dialect tag (type only). */
  readonly _dialect?: TDialect;
  toSQL(): { sql: string; params: unknown[] };
  execute(values?: Record<string, unknown>): Promise<T>;
  prepare(name?: string): RelationalPrepared<T, TDialect>;
  /** Caches the result in `drizzle({ cache })`, as a select's `$withCache()`. */
  $withCache(config?: { config?: CacheConfig; tag?: string; autoInvalidate?: boolean } | false): RelationalPromise<T, TDialect>;
  /** better-sqlite3: runs the query now and returns its result. */
  sync(this: RelationalPromise<T, 'sqlite-sync'>, values?: Record<string, unknown>): T;
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R>;
  finally(onfinally?: (() => void) | null): Promise<T>;
}
