import type { AnyColumnBuilder, BuildColumns } from './table.js';
import { Column } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import type { AnySelect, SelectionObject } from './select-types.js';
import { SelectBuilder } from './select-builder.js';
import { SelectQuery, type AnySelectQuery } from './select.js';
import type { SQL } from './sql.js';
import { refFields, setFields } from './subquery.js';
import { cloneColumnFor, createTable, Table, TableMeta, type InferSelectModel } from './table.js';

/** A database view: selected from like a table, defined by a query or by SQL. */
/** The table config a view starts from: its columns come from its query or declaration (an index signature here would type every name). */
type ViewBaseConfig = { name: string; schema: string | undefined; columns: {}; dialect: string };

export class View<TSelect extends Record<string, unknown> = InferSelectModel<Table>> extends Table<ViewBaseConfig> {
  static override readonly [entityKind]: string = 'View';
  /** The row type a select of the whole view yields. */
  declare readonly $inferSelect: TSelect;
  /** The defining query or SQL, for the migration kit; undefined for `.existing()` views. */
  definition: AnySelectQuery | SQL | undefined;
  materialized = false;
  /** Dialect options for the kit: `with`, and on materialized views `using`, `tablespace`, `withNoData`. */
  options: Record<string, unknown> = {};
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

type ViewFromQuery<TName extends string, Q> = Q extends { _: { row: infer Row extends Record<string, unknown> } }
  ? View<Row> & { readonly _: { name: TName; schema: undefined; columns: ViewColumns<Q, TName>; dialect: string } } & ViewColumns<Q, TName>
  : never;
// A whole-row select (`qb.select().from(t)`) exposes the table's columns.
type SelectionOfQuery<Q> = Q extends { readonly _: { fields: infer F } } ? F : never;
type ViewColumns<Q, TName extends string> = {
  [K in keyof SelectionOfQuery<Q>]: SelectionOfQuery<Q>[K] extends Column ? Column<Omit<SelectionOfQuery<Q>[K]['_'], 'tableName'> & { tableName: TName }> : SelectionOfQuery<Q>[K];
};

/** Options a view takes before `.as()`; each dialect's view function narrows which it offers. */
export interface ViewOptions {
  /** PostgreSQL storage parameters: `with (check_option = 'local')`. */
  with(config: Record<string, unknown>): this;
  /** Materialized view: the table access method. */
  using(method: string): this;
  /** Materialized view: where it is stored. */
  tablespace(name: string): this;
  /** Materialized view: created empty, filled by the first refresh. */
  withNoData(): this;
  /** MySQL: `algorithm = undefined | merge | temptable`. */
  algorithm(algorithm: 'undefined' | 'merge' | 'temptable'): this;
  /** MySQL: `sql security definer | invoker`. */
  sqlSecurity(security: 'definer' | 'invoker'): this;
  /** MySQL: `with [cascaded | local] check option`. */
  withCheckOption(option?: 'cascaded' | 'local'): this;
}

/** The view builder for a view defined by a query. */
export interface QueryViewBuilder<TName extends string> {
  as<Q extends AnySelect>(query: Q | ((qb: QueryBuilder) => Q)): ViewFromQuery<TName, Q>;
}
/** The view builder for a view with declared columns, defined by SQL or existing already. */
export interface ColumnsViewBuilder<TName extends string, TColumns extends Record<string, AnyColumnBuilder>> {
  as(definition: SQL): ColumnsView<TName, TColumns>;
  existing(): ColumnsView<TName, TColumns>;
}
type ColumnsView<TName extends string, TColumns extends Record<string, AnyColumnBuilder>> = View<InferSelectModel<Table<{ name: TName; schema: undefined; columns: BuildColumns<TName, TColumns>; dialect: string }>>> &
  BuildColumns<TName, TColumns> & { readonly _: { name: TName; columns: BuildColumns<TName, TColumns> } };

/** A view builder with the option methods `TOptions` of its dialect. */
export type WithViewOptions<B, TOptions extends keyof ViewOptions> = B & { [K in TOptions]: (...args: Parameters<ViewOptions[K]>) => WithViewOptions<B, TOptions> };

/** The signature of a dialect's view function. */
export interface ViewFunction<TOptions extends keyof ViewOptions> {
  <TName extends string>(name: TName): WithViewOptions<QueryViewBuilder<TName>, TOptions>;
  <TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(name: TName, columns: TColumns): WithViewOptions<ColumnsViewBuilder<TName, TColumns>, TOptions>;
}

/** @internal The view builders each dialect exports (`pgView`, `sqliteView`, `mysqlView`). */
export function viewBuilder<TOptions extends keyof ViewOptions = never>(dialect: string, schema: string | undefined, materialized = false): ViewFunction<TOptions> {
  // The overloads are ViewFunction's: the builder object below is assembled key by key, so the
  // implementation only promises an object.
  function view<TName extends string>(name: TName): WithViewOptions<QueryViewBuilder<TName>, TOptions>;
  function view<TName extends string, TColumns extends Record<string, AnyColumnBuilder>>(name: TName, columns: TColumns): WithViewOptions<ColumnsViewBuilder<TName, TColumns>, TOptions>;
  function view(name: string, columns?: Record<string, AnyColumnBuilder>): object {
    const options: Record<string, unknown> = {};
    const finish = <V extends View>(v: V): V => {
      v.materialized = materialized;
      v.options = { ...options };
      return v;
    };
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
      return finish(v);
    };
    // Each option method records its option and returns the builder, so options chain.
    const set = (option: keyof ViewOptions, value: unknown) => {
      options[option] = value;
      return builder;
    };
    const builder: Record<string, unknown> = {
      with: (config: Record<string, unknown>) => set('with', config),
      using: (method: string) => set('using', method),
      tablespace: (space: string) => set('tablespace', space),
      withNoData: () => set('withNoData', true),
      algorithm: (algorithm: string) => set('algorithm', algorithm),
      sqlSecurity: (security: string) => set('sqlSecurity', security),
      withCheckOption: (option?: string) => set('withCheckOption', option ?? 'cascaded'),
    };
    if (columns) {
      builder.as = (definition: SQL) => fromColumns(definition);
      builder.existing = () => fromColumns(undefined);
      return builder;
    }
    builder.as = (query: AnySelect | ((qb: QueryBuilder) => AnySelect)) => {
      const q = typeof query === 'function' ? query(new QueryBuilder()) : query;
      if (!(q instanceof SelectQuery)) throw new SchemaError(`view "${name}": as() takes a select or a function of a query builder returning one`);
      const v = new View(name, schema, dialect);
      v[TableMeta].isView = true;
      v.definition = q;
      const fields = viewFields(v, q._selection());
      setFields(v, fields);
      Object.assign(v, fields);
      return finish(v);
    };
    return builder;
  }
  return view;
}

/**
 * The fields of a view defined by a query. A selected column keeps its own name, as the view's
 * column is named after it when the defining query runs; expressions are read by their alias.
 */
function viewFields(v: View, selection: Record<string, unknown>): Record<string, unknown> {
  const out = refFields(v, selection);
  for (const [key, value] of Object.entries(selection)) {
    if (value instanceof Column) out[key] = cloneColumnFor(value, v);
  }
  return out;
}
