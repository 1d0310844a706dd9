import type { AnyColumn } from './column.js';
import { CheckConstraint, ForeignKey, Index, PrimaryKey, UniqueConstraint, type BuiltForeignKey, type BuiltUniqueConstraint } from './constraints.js';
import { is } from './entity.js';
import { SchemaError } from './errors.js';
import { SQL } from './sql.js';
import { isRenderableQuery, QueryBody } from './render.js';
import { Table, TableMeta, type AnyTable } from './table.js';
import { View } from './view.js';

/** A table's definition as `getTableConfig` returns it: what the migration kit reads. */
export interface TableDefinition<TTable extends AnyTable = AnyTable> {
  name: string;
  schema: string | undefined;
  /** The name given to a table creator (`pgTableCreator`), before it customised `name`. */
  baseName: string;
  columns: TTable['_']['columns'][keyof TTable['_']['columns']][];
  indexes: Index[];
  /** Table-level foreign keys and the ones declared on columns with `.references()`. */
  foreignKeys: BuiltForeignKey[];
  checks: CheckConstraint[];
  primaryKeys: PrimaryKey[];
  uniqueConstraints: BuiltUniqueConstraint[];
}

/**
 * @internal Reads a table's columns and extras; each dialect's `getTableConfig` adds its own
 * parts from `others` (PostgreSQL's policies).
 */
export function readTableConfig<TTable extends AnyTable>(table: TTable, caller: string): TableDefinition<TTable> & { others: unknown[] } {
  if (!is(table, Table) || is(table, View) || table[TableMeta].isSubquery) throw new SchemaError(`${caller}() takes a table`);
  const meta = table[TableMeta];
  const columns = Object.values(meta.columns) as TableDefinition<TTable>['columns'];
  const out: TableDefinition<TTable> & { others: unknown[] } = {
    name: meta.name,
    schema: meta.schema,
    baseName: meta.baseName ?? meta.name,
    columns,
    indexes: [],
    foreignKeys: inlineForeignKeys(table, columns as AnyColumn[]),
    checks: [],
    primaryKeys: [],
    uniqueConstraints: [],
    others: [],
  };
  if (meta.extraConfig === undefined) return out;
  const extra = meta.extraConfig(extraConfigColumns(meta.columns));
  // Drizzle flattens one level: helpers such as a CRUD policy set return arrays of extras.
  const items = Array.isArray(extra) ? extra.flat(1) : extra && typeof extra === 'object' ? Object.values(extra) : [];
  for (const item of items) {
    if (is(item, Index)) out.indexes.push(withTable(item, table));
    else if (is(item, CheckConstraint)) out.checks.push(withTable(item, table));
    else if (is(item, UniqueConstraint)) out.uniqueConstraints.push(item.build(table));
    else if (is(item, PrimaryKey)) out.primaryKeys.push(withTable(item, table));
    else if (is(item, ForeignKey)) out.foreignKeys.push(item.build(table));
    else out.others.push(item);
  }
  return out;
}

/** How a column is ordered in an index: `index('i').on(t.name.desc().nullsFirst())`. */
export interface IndexColumnConfig {
  order: 'asc' | 'desc';
  nulls: 'first' | 'last';
  opClass: string | undefined;
}

/** The index options of the columns a table's third argument receives (PostgreSQL). */
export interface IndexColumnMethods {
  readonly indexConfig: IndexColumnConfig;
  asc(): this;
  desc(): this;
  nullsFirst(): this;
  nullsLast(): this;
  /** The operator class, e.g. `t.title.op('text_pattern_ops')`. */
  op(opClass: string): this;
}

/** The columns of a table as its third argument receives them. */
export type ExtraConfigColumns<TColumns> = { [K in keyof TColumns]: TColumns[K] & IndexColumnMethods };

type Settable = { indexConfig: IndexColumnConfig };
const indexColumnMethods: PropertyDescriptorMap = {
  asc: { value: setter((c) => (c.order = 'asc')) },
  desc: { value: setter((c) => (c.order = 'desc')) },
  nullsFirst: { value: setter((c) => (c.nulls = 'first')) },
  nullsLast: { value: setter((c) => (c.nulls = 'last')) },
  op: { value: setter((c, opClass) => (c.opClass = opClass)) },
};
function setter(apply: (config: IndexColumnConfig, arg?: string) => void) {
  return function (this: Settable, arg?: string) {
    apply(this.indexConfig, arg);
    return this;
  };
}

/**
 * Fresh copies of the columns for one call of the third argument: still the columns (they render
 * and compare as such), plus index options that stay on the copy.
 */
function extraConfigColumns(columns: Record<string, AnyColumn>): Record<string, AnyColumn> {
  const out: Record<string, AnyColumn> = {};
  for (const [key, column] of Object.entries(columns)) {
    const c = Object.create(column, indexColumnMethods) as AnyColumn & Settable;
    c.indexConfig = { order: 'asc', nulls: 'last', opClass: undefined };
    out[key] = c;
  }
  return out;
}

function withTable<T extends { table: Table | undefined }>(item: T, table: Table): T {
  item.table = table;
  return item;
}

function inlineForeignKeys(table: Table, columns: AnyColumn[]): BuiltForeignKey[] {
  const out: BuiltForeignKey[] = [];
  for (const column of columns) {
    for (const ref of column.config.references) {
      const fk = new ForeignKey({ columns: [column], foreignColumns: [ref.ref()], name: ref.name });
      if (ref.onDelete) fk.onDelete(ref.onDelete);
      if (ref.onUpdate) fk.onUpdate(ref.onUpdate);
      out.push(fk.build(table));
    }
  }
  return out;
}

/** A view's definition as `getViewConfig` returns it. */
export interface ViewDefinition {
  name: string;
  originalName: string;
  schema: string | undefined;
  /** The view's fields: columns, or expressions of its defining query. */
  selectedFields: Record<string, unknown>;
  /** False for `.existing()` views, which sluice does not create. */
  isExisting: boolean;
  /** The defining query as SQL with its values inlined; undefined for `.existing()` views. */
  query: SQL | undefined;
  isAlias: boolean;
}

/** @internal The parts of a view's definition every dialect shares, plus its dialect options. */
export function readViewConfig(view: View, caller: string): ViewDefinition & Record<string, unknown> {
  if (!is(view, View)) throw new SchemaError(`${caller}() takes a view`);
  const meta = view[TableMeta];
  const def = view.definition;
  return {
    name: meta.name,
    originalName: meta.name,
    schema: meta.schema,
    selectedFields: { ...meta.columns },
    isExisting: def === undefined,
    // Inlined, as DDL takes no parameters: `create view ... as ${config.query}` runs as is.
    query: def === undefined ? undefined : new SQL([isRenderableQuery(def) ? new QueryBody(def) : def]).inlineParams(),
    isAlias: false,
    ...view.options,
  };
}

/** The view's name in the database. */
export function getViewName(view: View): string {
  if (!is(view, View)) throw new SchemaError('getViewName() takes a view');
  return view[TableMeta].name;
}

/** The fields a view yields, keyed as in its selection (or its declared columns). */
export function getViewSelectedFields<TView extends View>(view: TView): Omit<TView, keyof View> {
  if (!is(view, View)) throw new SchemaError('getViewSelectedFields() takes a view');
  return { ...view[TableMeta].columns } as Omit<TView, keyof View>;
}

/** Whether a value is a table (not a view, subquery or alias-less expression). */
export function isTable(value: unknown): value is AnyTable {
  return is(value, Table) && !is(value, View) && value[TableMeta].isSubquery !== true;
}

/** Whether a value is a view of any dialect. */
export function isView(value: unknown): value is View {
  return is(value, View);
}
