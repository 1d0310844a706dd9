import type { AnyColumn, Column } from './column.js';
import type { SelectQuery } from './select.js';
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
type TablesOf<F> = F extends Column ? F['_']['tableName'] : F extends Table ? F['_']['name'] : F extends SQL | SQL.Aliased ? never : F extends Record<string, unknown> ? { [K in keyof F]: TablesOf<F[K]> }[keyof F] : never;

type AllNullable<T extends string, N extends NullabilityMap> = [T] extends [never] ? false : IsUnion<T> extends true ? false : T extends keyof N ? (N[T] extends 'nullable' ? true : false) : false;

/**
 * A nested object of a selection; `null` as a whole when its columns all come from one
 * outer-joined table (the expressions in it do not count), as the row mapper nulls it.
 */
type NestedResult<F, N extends NullabilityMap> = AllNullable<TablesOf<F>, N> extends true ? Simplify<{ [K in keyof F]: FieldType<F[K], NotNullAll<N>> }> | null : Simplify<{ [K in keyof F]: FieldType<F[K], N> }>;

type NotNullAll<N extends NullabilityMap> = { [K in keyof N]: 'not-null' };

/** The row type of a partial selection. */
export type SelectResultFields<TSelection, N extends NullabilityMap> = Simplify<{
  [K in keyof TSelection]: FieldType<TSelection[K], N>;
}>;

/** The row type of `select()` over joined sources: one object per source, null where outer-joined. */
export type JoinedResult<TSources extends Record<string, unknown>, N extends NullabilityMap> = Simplify<{
  [K in keyof TSources]: K extends keyof N ? (N[K] extends 'nullable' ? SelectResultFields<TSources[K], NotNullAll<N>> | null : SelectResultFields<TSources[K], NotNullAll<N>>) : SelectResultFields<TSources[K], NotNullAll<N>>;
}>;

export type SelectMode = 'single' | 'partial' | 'multiple';

/** The row type of a select, from its selection mode. */
export type SelectRow<TMode extends SelectMode, TFrom extends string, TSelection, TSources extends Record<string, unknown>, N extends NullabilityMap> = TMode extends 'partial'
  ? SelectResultFields<TSelection, N>
  : TMode extends 'single'
    ? SelectResultFields<TSources[TFrom], N>
    : JoinedResult<TSources, N>;

export type AppendToNullability<N extends NullabilityMap, TName extends string, TJoin extends JoinType> = string extends keyof N
  ? // A select of any sources (the \`PgSelect\` a helper takes) stays one after a join.
    NullabilityMap
  : AppendKnownNullability<N, TName, TJoin>;
type AppendKnownNullability<N extends NullabilityMap, TName extends string, TJoin extends JoinType> = Simplify<
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

/** The object of fields a select's callbacks and `.as()` see: the selection, the table's columns, or every source's. */
export type SelectFields<TMode extends SelectMode, TFrom extends string, TSelection, TSources extends Record<string, unknown>> = TMode extends 'partial' ? TSelection : TMode extends 'single' ? TSources[TFrom] : TSources;

/** What a select's type records about itself, read by the types that take any select. */
export interface SelectTypeInfo {
  dialect: string;
  from: string;
  selection: unknown;
  sources: Record<string, unknown>;
  nulls: NullabilityMap;
  mode: SelectMode;
  dynamic: boolean;
  excluded: string;
  row: unknown;
  fields: unknown;
}

/**
 * Any select, whichever of its single-call methods were used (a select without them is not a
 * `SelectQuery` any more): what set operations, views and CTEs take.
 */
export interface AnySelect {
  readonly _: SelectTypeInfo;
  getSQL(): SQL;
}

/**
 * A select after calling `K`: without `K` and the methods used before it, so a second call is a
 * type error (Drizzle's `PgSelectWithout`). A dynamic select stays as it is, keeping the type a
 * helper function was given.
 */
export type SelectWithout<T extends { readonly _: SelectTypeInfo }, TDynamic extends boolean, K extends string> = TDynamic extends true
  ? T
  : SelectOmitting<T['_']['dialect'], T['_']['from'], T['_']['selection'], T['_']['sources'], T['_']['nulls'], T['_']['mode'], T['_']['excluded'] | K>;

/** A select without the methods `TExcluded`; the plain class while none are excluded. */
export type SelectOmitting<TDialect extends string, TFrom extends string, TSelection, TSources extends Record<string, unknown>, TNulls extends NullabilityMap, TMode extends SelectMode, TExcluded extends string> = [TExcluded] extends [never]
  ? SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, false, never>
  : Omit<SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, false, TExcluded>, TExcluded>;

/** What a set operation leaves callable: ordering and limits apply to the compound; filters, groups, joins and locks do not (as in Drizzle). */
export type SetOperatorExcluded = 'where' | 'having' | 'groupBy' | 'leftJoin' | 'rightJoin' | 'innerJoin' | 'fullJoin' | 'crossJoin' | 'leftJoinLateral' | 'innerJoinLateral' | 'crossJoinLateral' | 'for';

/** A select after a set operation: the methods used before count no more; `SetOperatorExcluded` are gone. */
export type SelectAfterSetOperator<T extends { readonly _: SelectTypeInfo }, TDynamic extends boolean> = TDynamic extends true
  ? T
  : SelectOmitting<T['_']['dialect'], T['_']['from'], T['_']['selection'], T['_']['sources'], T['_']['nulls'], T['_']['mode'], SetOperatorExcluded>;

/** A select with one more source: joins keep the methods used before excluded. */
export type SelectJoined<
  TDialect extends string,
  TFrom extends string,
  TSelection,
  TSources extends Record<string, unknown>,
  TNulls extends NullabilityMap,
  TMode extends SelectMode,
  TDynamic extends boolean,
  TExcluded extends string,
  T extends TableLike,
  TJoin extends JoinType,
> = TDynamic extends true
  ? SelectQuery<TDialect, TFrom, TSelection, Simplify<TSources & { [K in TableLikeName<T>]: TableLikeColumns<T> }>, AppendToNullability<TNulls, TableLikeName<T>, TJoin>, TMode extends 'single' ? 'multiple' : TMode, true, never>
  : SelectOmitting<TDialect, TFrom, TSelection, Simplify<TSources & { [K in TableLikeName<T>]: TableLikeColumns<T> }>, AppendToNullability<TNulls, TableLikeName<T>, TJoin>, TMode extends 'single' ? 'multiple' : TMode, TExcluded>;
