import type { AnyColumn, Column } from './column.js';
import type { Placeholder, SQL, SQLWrapper } from './sql.js';
import type { Subquery } from './subquery.js';
import type { AnyTable, Table } from './table.js';

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type Nullability = 'nullable' | 'not-null';
export type NullabilityMap = Record<string, Nullability>;

/** What may appear in a selection object. */
export type SelectionField = AnyColumn | SQL | SQL.Aliased | AnyTable | TypedSQLWrapper | SelectionObject;

/** Something that renders as an SQL expression of a known type, e.g. `db.$count(...)`. */
export interface TypedSQLWrapper<T = unknown> {
  getSQL(): SQL<T>;
}
export interface SelectionObject {
  [key: string]: SelectionField;
}

/** A table, subquery or CTE that can stand in FROM or a join. */
export interface TableLike {
  readonly _: { name: string; columns: Record<string, unknown> };
}

export type TableLikeName<T> = T extends { _: { name: infer N extends string } } ? N : never;
export type TableLikeColumns<T> = T extends { _: { columns: infer C } } ? C : never;

type ColumnType<C extends AnyColumn, N extends NullabilityMap> = C['_']['tableName'] extends keyof N
  ? N[C['_']['tableName']] extends 'nullable'
    ? C['_']['data'] | null
    : C['_']['notNull'] extends true
      ? C['_']['data']
      : C['_']['data'] | null
  : C['_']['notNull'] extends true
    ? C['_']['data']
    : C['_']['data'] | null;

/** The TypeScript type of one selected field. */
export type FieldType<F, N extends NullabilityMap> = F extends Column
  ? ColumnType<F, N>
  : F extends SQL.Aliased<infer T>
    ? T
    : F extends SQL<infer T>
      ? T
      : F extends Pick<Subquery, 'query' | 'isCte'> & { readonly _: { selection: infer S } }
        ? ScalarSubqueryType<S>
      : F extends Table
        ? NestedResult<F['_']['columns'], N>
        : F extends TypedSQLWrapper<infer T>
          ? T
          : F extends Record<string, unknown>
          ? NestedResult<F, N>
          : never;

/** The value of a subquery placed in a selection: its one field's type (Drizzle's rule). */
type ScalarSubqueryType<S> = IsUnion<keyof S> extends true ? { readonly 'a subquery used as a value must select exactly one field': keyof S } : S[keyof S] extends infer F ? FieldType<F, {}> : never;

type IsUnion<T, U = T> = [T] extends [never] ? false : T extends unknown ? ([U] extends [T] ? false : true) : never;

/** The tables whose columns an object of a selection holds; expressions in it count none. */
type TablesOf<F> = F extends Column
  ? F['_']['tableName']
  : F extends Table
    ? F['_']['name']
    : F extends SQL | SQL.Aliased
      ? never
      : F extends Record<string, unknown>
        ? { [K in keyof F]: TablesOf<F[K]> }[keyof F]
        : never;

type AllNullable<T extends string, N extends NullabilityMap> = [T] extends [never]
  ? false
  : IsUnion<T> extends true
    ? false
    : T extends keyof N
      ? N[T] extends 'nullable'
        ? true
        : false
      : false;

/**
 * A nested object of a selection; `null` as a whole when its columns all come from one
 * outer-joined table (the expressions in it do not count), as the row mapper nulls it.
 */
type NestedResult<F, N extends NullabilityMap> =
  AllNullable<TablesOf<F>, N> extends true
    ? Simplify<{ [K in keyof F]: FieldType<F[K], NotNullAll<N>> }> | null
    : Simplify<{ [K in keyof F]: FieldType<F[K], N> }>;

type NotNullAll<N extends NullabilityMap> = { [K in keyof N]: 'not-null' };

/** The row type of a partial selection. */
export type SelectResultFields<TSelection, N extends NullabilityMap> = Simplify<{
  [K in keyof TSelection]: FieldType<TSelection[K], N>;
}>;

/** The row type of `select()` over joined sources: one object per source, null where outer-joined. */
export type JoinedResult<TSources extends Record<string, unknown>, N extends NullabilityMap> = Simplify<{
  [K in keyof TSources]: K extends keyof N
    ? N[K] extends 'nullable'
      ? SelectResultFields<TSources[K], NotNullAll<N>> | null
      : SelectResultFields<TSources[K], NotNullAll<N>>
    : SelectResultFields<TSources[K], NotNullAll<N>>;
}>;

export type SelectMode = 'single' | 'partial' | 'multiple';

/** The row type of a select, from its selection mode. */
export type SelectRow<TMode extends SelectMode, TFrom extends string, TSelection, TSources extends Record<string, unknown>, N extends NullabilityMap> = TMode extends 'partial'
  ? SelectResultFields<TSelection, N>
  : TMode extends 'single'
    ? SelectResultFields<TSources[TFrom], N>
    : JoinedResult<TSources, N>;

export type AppendToNullability<N extends NullabilityMap, TName extends string, TJoin extends JoinType> = Simplify<
  TJoin extends 'left'
    ? N & { [K in TName]: 'nullable' }
    : TJoin extends 'right'
      ? { [K in keyof N]: 'nullable' } & { [K in TName]: 'not-null' }
      : TJoin extends 'full'
        ? { [K in keyof N]: 'nullable' } & { [K in TName]: 'nullable' }
        : N & { [K in TName]: 'not-null' }
>;

export type JoinType = 'left' | 'right' | 'inner' | 'full' | 'cross';

/** A condition or a function of the selected fields returning one. */
export type WhereArg<TFields> = SQLWrapper | undefined | ((fields: TFields) => SQLWrapper | undefined);

export type OrderArg = AnyColumn | SQL | SQL.Aliased | SQLWrapper;

export type LimitArg = number | Placeholder;
