import { Column, type AnyColumn } from './column.js';
import { SchemaError } from './errors.js';
import * as ops from './operators.js';
import { buildFilter, type ObjectFilter } from './relational-filter.js';
import { aliasFor, relationalOperators, repoint, type RelationalOperators } from './relational-join.js';
import type { NormalizedRelation, NormalizedSchema, NormalizedTable } from './relations.js';
import { SQL, type Placeholder, type SQLWrapper } from './sql.js';
import { TableMeta, type AnyTable } from './table.js';

/** The options of `findMany` / `findFirst` and of every nested `with` entry. */
export interface RelationalQueryConfig {
  columns?: Record<string, boolean | undefined>;
  with?: Record<string, true | RelationalQueryConfig | undefined>;
  where?: SQLWrapper | ((table: never, operators: RelationalOperators) => SQLWrapper | undefined) | ObjectFilter;
  orderBy?: SQLWrapper | SQLWrapper[] | ((table: never, operators: RelationalOperators) => SQLWrapper | SQLWrapper[]) | Record<string, 'asc' | 'desc' | undefined>;
  limit?: number | Placeholder;
  offset?: number | Placeholder;
  extras?: Record<string, SQLWrapper | SQL.Aliased | ((table: never, operators: RelationalOperators) => SQLWrapper | SQL.Aliased)> | ((table: never, operators: RelationalOperators) => Record<string, SQLWrapper | SQL.Aliased>);
}

/** One level of a relational query, resolved against its table alias: what it selects and how. */
export interface Plan {
  table: NormalizedTable;
  /** The alias this level reads the table as (the root too, so a filter may correlate with it). */
  ref: AnyTable;
  /** Columns, and the expression fields of a view (`count(*) as "count"`, read as `"v"."count"`). */
  columns: [string, AnyColumn | SQL][];
  extras: [string, SQL][];
  relations: SubPlan[];
  where: SQLWrapper | undefined;
  orderBy: SQLWrapper[];
  limit: number | Placeholder | undefined;
  offset: number | Placeholder | undefined;
}

/** A nested relation: its name in the result, the relation, and the plan of its level. */
export interface SubPlan {
  name: string;
  rel: NormalizedRelation;
  plan: Plan;
}

/** What every level of one query shares while it is planned. */
interface PlanScope {
  schema: NormalizedSchema;
  /** Numbers the aliases of relations and filters, so each is unique in the statement. */
  counter: { n: number };
  version: 1 | 2;
}

/** Plans a query's root level (and, through `with`, every level under it). */
export function planQuery(schema: NormalizedSchema, tableKey: string, config: RelationalQueryConfig, version: 1 | 2): Plan {
  const root = schema[tableKey];
  if (!root) throw new SchemaError(`db.query.${tableKey}: no such table in the schema`);
  const ref = aliasFor(root.table, `${tableKey}0`);
  return buildPlan({ schema, counter: { n: 0 }, version }, root, ref, config, `db.query.${tableKey}`);
}

function buildPlan(scope: PlanScope, table: NormalizedTable, ref: AnyTable, config: RelationalQueryConfig, path: string): Plan {
  const cols = ref[TableMeta].columns as Record<string, AnyColumn>;
  const columns = pickColumns(ref, config.columns, path);
  const extras = planExtras(table.table, ref, cols, config.extras, path);
  const where = planWhere(scope, table, ref, cols, config.where, path);
  const orderBy = planOrderBy(table.table, ref, cols, config.orderBy, path);
  const relations = planRelations(scope, table, ref, config.with, path);
  if (columns.length + extras.length + relations.length === 0) {
    throw new SchemaError(`${path}: no fields selected for table "${ref[TableMeta].name}"; select a column, an extra or a relation`);
  }
  return { table, ref, columns, extras, relations, where, orderBy, limit: config.limit, offset: config.offset };
}

/**
 * As in Drizzle: any `true` selects only those; otherwise the `false` ones are left out, and no
 * flag at all (`columns: {}`) selects no column (a junction row read for its relations).
 */
function pickColumns(ref: AnyTable, flags: RelationalQueryConfig['columns'], path: string): [string, AnyColumn | SQL][] {
  const all = Object.entries(ref[TableMeta].columns as Record<string, unknown>);
  const picked = (() => {
    if (!flags) return all;
    const given = Object.entries(flags).filter(([, v]) => v !== undefined);
    for (const [k] of given) if (!(k in ref[TableMeta].columns)) throw new SchemaError(`${path}: unknown column "${k}" in columns`);
    if (given.some(([, v]) => v === true)) return all.filter(([k]) => flags[k] === true);
    if (given.length > 0) return all.filter(([k]) => flags[k] !== false);
    return [];
  })();
  for (const [k, v] of picked) {
    // A view defined by a select with nested objects has no single value to put under a key.
    if (!(v instanceof Column) && !(v instanceof SQL)) throw new SchemaError(`${path}: field "${k}" of "${ref[TableMeta].name}" is a nested selection, which relational queries cannot read; leave it out with columns`);
  }
  return picked as [string, AnyColumn | SQL][];
}

/**
 * Calls a user's `where` / `orderBy` / `extras` callback with this level's columns. The config
 * types the callback's table as `never` so that a callback written against any table's columns is
 * accepted; at run time it always receives the columns of the level it is written for, which is
 * what this one conversion states.
 */
function withColumns<R>(callback: (table: never, operators: RelationalOperators) => R, cols: Record<string, AnyColumn>): R {
  return (callback as (table: Record<string, AnyColumn>, operators: RelationalOperators) => R)(cols, relationalOperators);
}

/** Extras as SQL read against this level's alias. */
function planExtras(base: AnyTable, ref: AnyTable, cols: Record<string, AnyColumn>, extras: RelationalQueryConfig['extras'], path: string): [string, SQL][] {
  const byKey = typeof extras === 'function' ? withColumns(extras, cols) : (extras ?? {});
  return Object.entries(byKey).map(([k, v]) => {
    const e = typeof v === 'function' ? withColumns(v, cols) : v;
    if (e === null || typeof e !== 'object' || typeof e.getSQL !== 'function') throw new SchemaError(`${path}: extras "${k}" is not an SQL expression`);
    return [k, repoint(e instanceof SQL.Aliased ? e.sql : e.getSQL(), base, ref)];
  });
}

/** The level's filter: a function of its columns, an SQL expression, or an object filter. */
function planWhere(scope: PlanScope, table: NormalizedTable, ref: AnyTable, cols: Record<string, AnyColumn>, where: RelationalQueryConfig['where'], path: string): SQLWrapper | undefined {
  let out: SQLWrapper | undefined;
  if (typeof where === 'function') out = withColumns(where, cols);
  else if (where instanceof SQL || (where && typeof (where as SQLWrapper).getSQL === 'function')) out = where as SQLWrapper;
  else if (where) out = buildFilter(scope.schema, table, ref, where as ObjectFilter, path, scope.counter);
  return out === undefined ? undefined : repoint(out, table.table, ref);
}

/** The level's order: a function of its columns, SQL expressions, or `{ column: 'asc' | 'desc' }`. */
function planOrderBy(base: AnyTable, ref: AnyTable, cols: Record<string, AnyColumn>, ob: RelationalQueryConfig['orderBy'], path: string): SQLWrapper[] {
  if (typeof ob === 'function') return [withColumns(ob, cols)].flat().map((o) => repoint(o, base, ref));
  if (Array.isArray(ob)) return ob.map((o) => repoint(o, base, ref));
  if (ob instanceof SQL || (ob && typeof (ob as SQLWrapper).getSQL === 'function')) return [repoint(ob as SQLWrapper, base, ref)];
  const orderBy: SQLWrapper[] = [];
  for (const [k, dir] of Object.entries((ob ?? {}) as Record<string, 'asc' | 'desc' | undefined>)) {
    const col = cols[k];
    if (!col) throw new SchemaError(`${path}: unknown column "${k}" in orderBy`);
    if (dir) orderBy.push(dir === 'desc' ? ops.desc(col) : ops.asc(col));
  }
  return orderBy;
}

/** Plans each relation named in `with`, each under an alias of its own. */
function planRelations(scope: PlanScope, table: NormalizedTable, ref: AnyTable, withConfig: RelationalQueryConfig['with'], path: string): SubPlan[] {
  const relations: SubPlan[] = [];
  for (const [name, sub] of Object.entries(withConfig ?? {})) {
    if (sub === undefined || (sub as unknown) === false) continue;
    const rel = table.relations[name];
    if (!rel) throw new SchemaError(`${path}: "${table.key}" has no relation "${name}" (it has: ${Object.keys(table.relations).join(', ') || 'none'})`);
    const target = scope.schema[rel.target]!;
    const targetRef = aliasFor(target.table, `${name}${++scope.counter.n}`);
    const subConfig: RelationalQueryConfig = sub === true ? {} : sub;
    if (rel.kind === 'one' && (subConfig.limit !== undefined || subConfig.offset !== undefined)) {
      throw new SchemaError(`${path}.${name}: a one-relation takes no limit or offset`);
    }
    const plan = buildPlan(scope, target, targetRef, subConfig, `${path}.${name}`);
    if (rel.where) {
      // A relation defined with its own filter (v2 `where`) adds it to the caller's. One inherited
      // from its mirror reads the parent row, which the relation's subquery correlates with.
      const relWhere = rel.whereOnParent
        ? buildFilter(scope.schema, table, ref, rel.where as ObjectFilter, `${path}.${name}`, scope.counter)
        : buildFilter(scope.schema, target, targetRef, rel.where as ObjectFilter, `${path}.${name}`, scope.counter);
      plan.where = plan.where ? ops.and(plan.where, relWhere) : relWhere;
    }
    relations.push({ name, rel, plan });
  }
  return relations;
}
