import { Column, type AnyColumn } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import * as ops from './operators.js';
import { PreparedQuery, QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { buildFilter, type ObjectFilter } from './relational-filter.js';
import { aliasFor, onColumn, relationJoin, relationalOperators, repoint, type RelationalOperators } from './relational-join.js';
import type { NormalizedRelation, NormalizedSchema, NormalizedTable } from './relations.js';
import type { PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import { SQL, StringChunk, type DriverValueDecoder, type Placeholder, type SQLWrapper } from './sql.js';
import { TableMeta, type AnyTable } from './table.js';

/** The options of `findMany` / `findFirst` and of every nested `with` entry. */
export interface RelationalQueryConfig {
  columns?: Record<string, boolean | undefined>;
  with?: Record<string, true | RelationalQueryConfig | undefined>;
  where?: SQLWrapper | ((table: never, operators: RelationalOperators) => SQLWrapper | undefined) | ObjectFilter;
  orderBy?: SQLWrapper | SQLWrapper[] | ((table: never, operators: RelationalOperators) => SQLWrapper | SQLWrapper[]) | Record<string, 'asc' | 'desc' | undefined>;
  limit?: number | Placeholder;
  offset?: number | Placeholder;
  extras?:
    | Record<string, SQLWrapper | SQL.Aliased | ((table: never, operators: RelationalOperators) => SQLWrapper | SQL.Aliased)>
    | ((table: never, operators: RelationalOperators) => Record<string, SQLWrapper | SQL.Aliased>);
}

interface Plan {
  table: NormalizedTable;
  /** The alias this level reads the table as (the root too, so a filter may correlate with it). */
  ref: AnyTable;
  columns: [string, AnyColumn][];
  extras: [string, SQL][];
  relations: { name: string; rel: NormalizedRelation; plan: Plan }[];
  where: SQLWrapper | undefined;
  orderBy: SQLWrapper[];
  limit: number | Placeholder | undefined;
  offset: number | Placeholder | undefined;
}

/**
 * Builds and runs one relational query: the root rows with every requested relation nested as
 * JSON, in a single statement on every dialect.
 */
export class RelationalQuery<TResult> extends QueryBase<TResult> {
  static override readonly [entityKind]: string = 'RelationalQuery';
  private plan: Plan | undefined;

  constructor(
    session: Session | undefined,
    private readonly schema: NormalizedSchema,
    private readonly tableKey: string,
    private readonly config: RelationalQueryConfig,
    private readonly mode: 'many' | 'first',
    private readonly version: 1 | 2,
  ) {
    super(session);
  }

  private getPlan(): Plan {
    if (!this.plan) {
      const counter = { n: 0 };
      const root = this.schema[this.tableKey];
      if (!root) throw new SchemaError(`db.query.${this.tableKey}: no such table in the schema`);
      const config = this.mode === 'first' ? { ...this.config, limit: 1 } : this.config;
      const ref = aliasFor(root.table, `${this.tableKey}0`);
      this.plan = buildPlan(this.schema, root, ref, config, counter, this.version, `db.query.${this.tableKey}`);
    }
    return this.plan;
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    const plan = this.getPlan();
    if (!r.dialect.json) throw new UnsupportedError(`${r.dialect.name}: relational queries are not supported`);
    // Many-relations of the root without their own limit are aggregated once per parent key in
    // a joined derived table: one pass over the child table instead of one lookup per parent,
    // which is what keeps large fan-outs close to plain queries.
    // A root limit keeps the correlated form: the page is small, and repeating a limit in a key
    // subquery could pick other rows when the order has ties.
    const rootPaged = plan.limit !== undefined || plan.offset !== undefined;
    const grouped = new Set(rootPaged ? [] : plan.relations.filter((s) => s.rel.kind === 'many' && s.plan.limit === undefined && s.plan.offset === undefined));
    ctx.s += 'select ';
    renderSelectList(r, ctx, plan, false, grouped);
    ctx.s += ` from ${r.fromItem(plan.ref)}`;
    for (const sub of grouped) renderGroupedJoin(r, ctx, plan, sub);
    renderFilterAndTail(r, ctx, plan, undefined);
  }

  protected override _mapper(): PreparedMapper {
    const plan = this.getPlan();
    const fn = (row: unknown[]) => decodeRow(plan, row, false);
    return { fn: fn as PreparedMapper['fn'], decoders: [] };
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    const rows = await session.all(q, values);
    return (this.mode === 'first' ? rows[0] : rows) as TResult;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    if (this.mode === 'first') return session.firstSync(q, values) as TResult;
    return session.allSync(q, values) as TResult;
  }

  /** better-sqlite3: runs the query synchronously and returns its rows (`findFirst`: the row). */
  sync(values?: Record<string, unknown>): TResult {
    const session = this.requireSession();
    assertSync(session, 'sync()');
    return this._runSync(session, this._compile(session.renderer), values);
  }

  /** Renders once; the prepared query runs with new placeholder values, and `sync()` on better-sqlite3. */
  override prepare(name?: string): RelationalPreparedQuery<TResult> {
    const session = this.requireSession();
    const q = this._compile(session.renderer);
    if (name !== undefined) q.name = name;
    return new RelationalPreparedQuery<TResult>(name, q, (s, q, v) => this._run(s, q, v), session, (s, q, v) => this._runSync(s, q, v));
  }
}

function assertSync(session: Session, what: string): void {
  if (!session.conn.sync) throw new UnsupportedError(`${session.renderer.dialect.name}: ${what} needs a synchronous driver (better-sqlite3); await the query instead`);
}

/** A prepared relational query; `sync()` runs it synchronously on better-sqlite3. */
export class RelationalPreparedQuery<TResult> extends PreparedQuery<TResult> {
  constructor(
    name: string | undefined,
    query: CompiledQuery,
    runner: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => Promise<TResult>,
    private readonly syncSession: Session,
    runSync: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => TResult,
  ) {
    super(name, query, runner, syncSession, false, runSync);
  }

  /** better-sqlite3: runs with values for the placeholders and returns the result now. */
  sync(values?: Record<string, unknown>): TResult {
    assertSync(this.syncSession, 'sync()');
    return this.runSync!(this.syncSession, this.bound(), values);
  }
}

function buildPlan(
  schema: NormalizedSchema,
  table: NormalizedTable,
  ref: AnyTable,
  config: RelationalQueryConfig,
  counter: { n: number },
  version: 1 | 2,
  path: string,
): Plan {
  const all = Object.entries(ref[TableMeta].columns);
  let columns = all;
  if (config.columns) {
    // As in Drizzle: any `true` selects only those; otherwise the `false` ones are left out, and
    // no flag at all (`columns: {}`) selects no column (a junction row read for its relations).
    const flags = Object.entries(config.columns).filter(([, v]) => v !== undefined);
    for (const [k] of flags) if (!(k in ref[TableMeta].columns)) throw new SchemaError(`${path}: unknown column "${k}" in columns`);
    const include = flags.some(([, v]) => v === true);
    if (include) columns = all.filter(([k]) => config.columns![k] === true);
    else if (flags.length > 0) columns = all.filter(([k]) => config.columns![k] !== false);
    else columns = [];
  }
  const base = table.table;
  const cols = ref[TableMeta].columns as Record<string, AnyColumn>;
  const extrasObj = typeof config.extras === 'function' ? config.extras(cols as never, relationalOperators) : (config.extras ?? {});
  const extras: [string, SQL][] = Object.entries(extrasObj).map(([k, v]) => {
    const e = typeof v === 'function' ? v(cols as never, relationalOperators) : v;
    if (e === null || typeof e !== 'object' || typeof e.getSQL !== 'function') throw new SchemaError(`${path}: extras "${k}" is not an SQL expression`);
    return [k, repoint(e instanceof SQL.Aliased ? e.sql : e.getSQL(), base, ref)];
  });
  let where: SQLWrapper | undefined;
  if (typeof config.where === 'function') where = config.where(cols as never, relationalOperators);
  else if (config.where instanceof SQL || (config.where && typeof (config.where as SQLWrapper).getSQL === 'function')) where = config.where as SQLWrapper;
  else if (config.where) where = buildFilter(schema, table, ref, config.where as ObjectFilter, path, counter);
  if (where !== undefined) where = repoint(where, base, ref);
  let orderBy: SQLWrapper[] = [];
  const ob = config.orderBy;
  if (typeof ob === 'function') orderBy = [ob(cols as never, relationalOperators)].flat().map((o) => repoint(o, base, ref));
  else if (Array.isArray(ob)) orderBy = ob.map((o) => repoint(o, base, ref));
  else if (ob instanceof SQL || (ob && typeof (ob as SQLWrapper).getSQL === 'function')) orderBy = [repoint(ob as SQLWrapper, base, ref)];
  else if (ob) {
    for (const [k, dir] of Object.entries(ob as Record<string, 'asc' | 'desc' | undefined>)) {
      const col = cols[k];
      if (!col) throw new SchemaError(`${path}: unknown column "${k}" in orderBy`);
      if (dir) orderBy.push(dir === 'desc' ? ops.desc(col) : ops.asc(col));
    }
  }
  const relations: Plan['relations'] = [];
  for (const [name, sub] of Object.entries(config.with ?? {})) {
    if (sub === undefined || (sub as unknown) === false) continue;
    const rel = table.relations[name];
    if (!rel) throw new SchemaError(`${path}: "${table.key}" has no relation "${name}" (it has: ${Object.keys(table.relations).join(', ') || 'none'})`);
    const target = schema[rel.target]!;
    const aliasName = `${name}${++counter.n}`;
    const targetRef = aliasFor(target.table, aliasName);
    const subConfig: RelationalQueryConfig = sub === true ? {} : sub;
    if (rel.kind === 'one' && (subConfig.limit !== undefined || subConfig.offset !== undefined)) {
      throw new SchemaError(`${path}.${name}: a one-relation takes no limit or offset`);
    }
    const plan = buildPlan(schema, target, targetRef, subConfig, counter, version, `${path}.${name}`);
    if (rel.where) {
      const relWhere = buildFilter(schema, target, targetRef, rel.where as ObjectFilter, `${path}.${name}`, counter);
      plan.where = plan.where ? ops.and(plan.where, relWhere) : relWhere;
    }
    relations.push({ name, rel, plan });
  }
  if (columns.length + extras.length + relations.length === 0) {
    throw new SchemaError(`${path}: no fields selected for table "${ref[TableMeta].name}"; select a column, an extra or a relation`);
  }
  return { table, ref, columns, extras, relations, where, orderBy, limit: config.limit, offset: config.offset };
}

type SubPlan = Plan['relations'][number];

/** Renders `text` on the side and returns it; its parameters are bound in place, in order. */
function capture(ctx: RenderContext, render: () => void): string {
  const start = ctx.s.length;
  render();
  const out = ctx.s.slice(start);
  ctx.s = ctx.s.slice(0, start);
  return out;
}

/**
 * The JSON aggregate of a relation's rows in its order: `json_agg(json_build_array(...) order by ...)`,
 * with the page inside the aggregate where the dialect can (`paged`).
 */
function aggregate(r: Renderer, ctx: RenderContext, plan: Plan, paged = false): string {
  const row = capture(ctx, () => renderSelectList(r, ctx, plan, true));
  const order = capture(ctx, () =>
    plan.orderBy.forEach((o, i) => {
      if (i > 0) ctx.s += ', ';
      r.chunk(ctx, o);
    }),
  );
  if (!paged) return r.dialect.json!.agg(row, order);
  const limit = plan.limit === undefined ? undefined : capture(ctx, () => (ctx.s += r.bind(ctx, plan.limit)));
  const offset = plan.offset === undefined ? undefined : capture(ctx, () => (ctx.s += r.bind(ctx, plan.offset)));
  return r.dialect.json!.pagedAgg!(row, order, limit, offset);
}

const groupAlias = (sub: SubPlan) => `${sub.plan.ref[TableMeta].alias}_g`;

/**
 * `left join (select <key>, <json agg> from child where <key> in (<root keys>) group by <key>) g`.
 * The root's own filter restricts the keys, so a filtered root reads few children.
 */
function renderGroupedJoin(r: Renderer, ctx: RenderContext, root: Plan, sub: SubPlan): void {
  const q = (s: string) => r.dialect.quote(s);
  const { rel, plan } = sub;
  const junction = rel.through ? aliasFor(rel.through.table, `${plan.ref[TableMeta].alias}_j`) : undefined;
  const keys = junction ? rel.through!.sourceColumns.map((c) => onColumn(junction, c)) : rel.targetColumns.map((c) => onColumn(plan.ref, c));
  const g = q(groupAlias(sub));
  ctx.s += ' left join (select ';
  ctx.s += keys.map((k, i) => `${r.qualified(k)} as ${q(`k${i}`)}, `).join('');
  ctx.s += `${aggregate(r, ctx, plan)} as ${q('data')} from ${r.fromItem(plan.ref)}`;
  if (junction) {
    const { join } = relationJoin(root.ref, rel, plan.ref, junction);
    ctx.s += ` inner join ${r.fromItem(junction)} on `;
    r.chunk(ctx, join!);
  }
  const restrict = root.where !== undefined;
  if (restrict || plan.where) ctx.s += ' where ';
  if (restrict) {
    const list = (cols: AnyColumn[]) => cols.map((c) => r.qualified(c)).join(', ');
    ctx.s += keys.length > 1 ? `(${list(keys)})` : list(keys);
    ctx.s += ` in (select ${list(rel.sourceColumns.map((c) => onColumn(root.ref, c)))} from ${r.fromItem(root.ref)}`;
    // Only the root's filter matters for which keys qualify (grouped joins are not used under a root limit).
    renderFilterAndTail(r, ctx, { ...root, orderBy: [] }, undefined);
    ctx.s += ')';
    if (plan.where) ctx.s += ' and ';
  }
  if (plan.where) r.chunk(ctx, plan.where);
  ctx.s += ' group by ';
  ctx.s += keys.map((k) => r.qualified(k)).join(', ');
  ctx.s += `) ${g} on `;
  ctx.s += rel.sourceColumns.map((c, i) => `${g}.${q(`k${i}`)} = ${r.qualified(onColumn(root.ref, c))}`).join(' and ');
}

function renderSelectList(r: Renderer, ctx: RenderContext, plan: Plan, asJson: boolean, grouped?: Set<SubPlan>): void {
  const json = r.dialect.json!;
  const items: (() => void)[] = [];
  for (const [, col] of plan.columns) {
    items.push(() => {
      ctx.s += asJson ? json.safe(col, r.qualified(col)) : r.selected(col, true);
    });
  }
  for (const [, e] of plan.extras) items.push(() => r.chunk(ctx, e));
  for (const sub of plan.relations) {
    if (grouped?.has(sub)) items.push(() => (ctx.s += `coalesce(${r.dialect.quote(groupAlias(sub))}.${r.dialect.quote('data')}, ${json.emptyArray})`));
    else items.push(() => renderRelation(r, ctx, plan.ref, sub.rel, sub.plan));
  }
  if (asJson) {
    ctx.s += json.arrayOpen;
    items.forEach((fn, i) => {
      if (i > 0) ctx.s += ', ';
      fn();
    });
    ctx.s += json.arrayClose;
  } else {
    if (items.length === 0) throw new SchemaError(`db.query.${plan.table.key}: nothing selected`);
    items.forEach((fn, i) => {
      if (i > 0) ctx.s += ', ';
      fn();
    });
  }
}

function renderFilterAndTail(r: Renderer, ctx: RenderContext, plan: Plan, correlation: SQL | undefined): void {
  const cond = correlation && plan.where ? ops.and(correlation, plan.where) : (correlation ?? plan.where);
  if (cond) {
    ctx.s += ' where ';
    r.chunk(ctx, cond);
  }
  if (plan.orderBy.length > 0) {
    ctx.s += ' order by ';
    plan.orderBy.forEach((o, i) => {
      if (i > 0) ctx.s += ', ';
      r.chunk(ctx, o);
    });
  }
  if (plan.limit !== undefined || plan.offset !== undefined) {
    const l = plan.limit === undefined ? undefined : r.bind(ctx, plan.limit);
    const o = plan.offset === undefined ? undefined : r.bind(ctx, plan.offset);
    ctx.s += r.dialect.limitOffset(l, o, plan.orderBy.length > 0);
  }
}

function renderRelation(r: Renderer, ctx: RenderContext, parentRef: AnyTable, rel: NormalizedRelation, plan: Plan): void {
  const json = r.dialect.json!;
  const junction = rel.through ? aliasFor(rel.through.table, `${plan.ref[TableMeta].alias}_j`) : undefined;
  const { join, where } = relationJoin(parentRef, rel, plan.ref, junction);
  const from = () => {
    ctx.s += r.fromItem(plan.ref);
    if (junction && join) {
      ctx.s += ` inner join ${r.fromItem(junction)} on `;
      r.chunk(ctx, join);
    }
  };
  ctx.s += '(select ';
  if (rel.kind === 'one') {
    renderSelectList(r, ctx, plan, true);
    ctx.s += ' from ';
    from();
    renderFilterAndTail(r, ctx, { ...plan, limit: 1, offset: undefined }, where);
    ctx.s += ')';
    return;
  }
  const paged = plan.limit !== undefined || plan.offset !== undefined;
  if (!paged || json.pagedAgg) {
    ctx.s += aggregate(r, ctx, plan, paged);
    ctx.s += ' from ';
    from();
    renderFilterAndTail(r, ctx, { ...plan, orderBy: [], limit: undefined, offset: undefined }, where);
    ctx.s += ')';
    return;
  }
  // With limit/offset the rows are picked in a derived table, then aggregated in their order.
  // The order items are opaque expressions (they may carry their own `desc`, `nulls last`, ...),
  // so the derived table numbers its rows by them with row_number(), pages by that number and
  // the aggregate orders by it: the page and the array's order then agree, ties included.
  const q = (s: string) => r.dialect.quote(s);
  const rowExpr = `${q('t')}.${q('__j')}`;
  const ordered = plan.orderBy.length > 0;
  ctx.s += `${json.agg(json.fromDerived ? json.fromDerived(rowExpr) : rowExpr, ordered ? `${q('t')}.${q('__n')}` : '')} from (select `;
  renderSelectList(r, ctx, plan, true);
  ctx.s += ` as ${q('__j')}`;
  if (ordered) {
    ctx.s += ', row_number() over (order by ';
    plan.orderBy.forEach((o, i) => {
      if (i > 0) ctx.s += ', ';
      r.chunk(ctx, o);
    });
    ctx.s += `) as ${q('__n')}`;
  }
  ctx.s += ' from ';
  from();
  renderFilterAndTail(r, ctx, { ...plan, orderBy: ordered ? [new SQL([new StringChunk(q('__n'))])] : [] }, where);
  ctx.s += `) ${q('t')})`;
}

function decodeValue(dec: DriverValueDecoder | undefined, v: unknown): unknown {
  return v === null || v === undefined || dec === undefined ? v : dec.mapFromDriverValue(v);
}

/** Decodes a root row (driver values) or a nested JSON row (parsed JSON array). */
function decodeRow(plan: Plan, row: unknown[], fromJson: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const [key, col] of plan.columns) {
    const v = row[i++];
    out[key] = col instanceof Column && col.decodes ? decodeValue(col, v) : v;
  }
  for (const [key, e] of plan.extras) out[key] = decodeValue(e.decoder, row[i++]);
  for (const { name, rel, plan: sub } of plan.relations) {
    let v = row[i++];
    if (typeof v === 'string' && !fromJson) v = JSON.parse(v);
    else if (typeof v === 'string') v = JSON.parse(v);
    if (rel.kind === 'many') out[name] = ((v as unknown[][] | null) ?? []).map((x) => decodeRow(sub, x, true));
    else out[name] = v === null || v === undefined ? null : decodeRow(sub, v as unknown[], true);
  }
  return out;
}
