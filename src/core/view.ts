import type { AnyColumnBuilder, BuildColumns } from './table.js';
import type { Column } from './column.js';
import { entityKind } from './entity.js';
import type { SelectionObject } from './select-types.js';
import { SelectBuilder, type SelectQuery } from './select.js';
import type { SQL } from './sql.js';
import { refFields } from './subquery.js';
import { cloneColumnFor, createTable, Table, TableMeta } from './table.js';

/** A database view: selected from like a table, defined by a query or by SQL. */
export class View extends Table {
  static override readonly [entityKind]: string = 'View';
  /** The defining query or SQL, for the migration kit; undefined for `.existing()` views. */
  definition: SelectQuery | SQL | undefined;
  materialized = false;
}

/** The query builder a view's `.as((qb) => ...)` receives: selects without a database. */
export class QueryBuilder {
  static readonly [entityKind] = 'QueryBuilder';
  select(): SelectBuilder<undefined, string>;
  select<T extends SelectionObject>(fields: T): SelectBuilder<T, string>;
  select(fields?: SelectionObject): SelectBuilder<SelectionObject | undefined, string> {
    return new SelectBuilder(undefined, fields, false, []);
  }
  selectDistinct<T extends SelectionObject>(fields: T): SelectBuilder<T, string> {
    return new SelectBuilder(undefined, fields, true, []);
  }
}

type ViewFromQuery<TName extends string, Q> = Q extends { _: { row: infer Row } }
  ? View & { readonly _: { name: TName; schema: undefined; columns: ViewColumns<Q, TName>; dialect: string } } & ViewColumns<Q, TName> & { readonly $inferSelect: Row }
  : never;
type SelectionOfQuery<Q> = Q extends SelectQuery<string, infer TFrom, infer TSel, infer TSources, infer _N, infer TMode>
  ? TMode extends 'partial'
    ? TSel
    : TMode extends 'single'
      ? TSources[TFrom]
      : TSources
  : never;
type ViewColumns<Q, TName extends string> = {
  [K in keyof SelectionOfQuery<Q>]: SelectionOfQuery<Q>[K] extends Column ? Column<Omit<SelectionOfQuery<Q>[K]['_'], 'tableName'> & { tableName: TName }> : SelectionOfQuery<Q>[K];
};

/** @internal The view builders each dialect exports (`pgView`, `sqliteView`, `mysqlView`). */
export function viewBuilder(dialect: string, schema: string | undefined, materialized = false) {
  function view<TName extends string>(name: TName): {
    as<Q extends SelectQuery>(query: Q | ((qb: QueryBuilder) => Q)): ViewFromQuery<TName, Q>;
  };
  function view<TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(
    name: TName,
    columns: TColumns,
  ): {
    as(definition: SQL): View & BuildColumns<TName, TColumns> & { readonly _: { name: TName; columns: BuildColumns<TName, TColumns> } };
    existing(): View & BuildColumns<TName, TColumns> & { readonly _: { name: TName; columns: BuildColumns<TName, TColumns> } };
  };
  function view(name: string, columns?: Record<string, AnyColumnBuilder>) {
    const fromColumns = (definition: SQL | undefined) => {
      const base = createTable(dialect, name, schema, columns!, undefined);
      const v = Object.assign(Object.create(View.prototype) as View, base);
      v[TableMeta] = { ...base[TableMeta], base: v, cache: new Map(), isView: true };
      for (const [key, col] of Object.entries(base[TableMeta].columns)) {
        const c = cloneColumnFor(col, v);
        v[TableMeta].columns[key] = c;
        (v as unknown as Record<string, unknown>)[key] = c;
      }
      v.definition = definition;
      v.materialized = materialized;
      return v;
    };
    if (columns) return { as: (definition: SQL) => fromColumns(definition), existing: () => fromColumns(undefined) };
    return {
      as: (query: SelectQuery | ((qb: QueryBuilder) => SelectQuery)) => {
        const q = typeof query === 'function' ? query(new QueryBuilder()) : query;
        const v = new View(name, schema, dialect);
        v[TableMeta].isView = true;
        v.definition = q;
        v.materialized = materialized;
        const fields = refFields(v, q._selection());
        v[TableMeta].columns = fields as never;
        Object.assign(v, fields);
        return v;
      },
    };
  }
  return view;
}
