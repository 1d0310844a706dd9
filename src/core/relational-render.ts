import type { AnyColumn } from './column.js';
import { SchemaError } from './errors.js';
import * as ops from './operators.js';
import type { RenderContext, Renderer } from './render.js';
import { aliasFor, onColumn, relationJoin } from './relational-join.js';
import type { Plan, SubPlan } from './relational-plan.js';
import type { NormalizedRelation } from './relations.js';
import { limitOffset, renderTop } from './select-parts.js';
import { SQL, StringChunk } from './sql.js';
import { TableMeta, type AnyTable } from './table.js';

/**
 * The statement of a relational query: the root's select list, each relation in it as a JSON
 * subquery or a grouped join.
 */
export function renderRoot(r: Renderer, ctx: RenderContext, plan: Plan): void {
  // Many-relations of the root without their own limit are aggregated once per parent key in
  // a joined derived table: one pass over the child table instead of one lookup per parent,
  // which is what keeps large fan-outs close to plain queries.
  // A root limit keeps the correlated form: the page is small, and repeating a limit in a key
  // subquery could pick other rows when the order has ties.
  const rootPaged = plan.limit !== undefined || plan.offset !== undefined;
  // A filter on the parent row (inherited from a mirrored relation) cannot be read inside the
  // derived table, which sees only the child rows, so such a relation stays correlated.
  const groupable = (s: SubPlan) => s.rel.kind === 'many' && s.plan.limit === undefined && s.plan.offset === undefined && !(s.rel.where && s.rel.whereOnParent);
  const grouped = new Set(rootPaged || r.dialect.json!.aggregateFromDerived ? [] : plan.relations.filter(groupable));
  ctx.s += 'select ';
  renderTop(r, ctx, plan.limit, plan.offset);
  renderSelectList(r, ctx, plan, false, grouped);
  ctx.s += ` from ${r.fromItem(plan.ref)}`;
  for (const sub of grouped) renderGroupedJoin(r, ctx, plan, sub);
  renderFilterAndTail(r, ctx, plan, undefined);
}

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
export function renderGroupedJoin(r: Renderer, ctx: RenderContext, root: Plan, sub: SubPlan): void {
  const q = (s: string) => r.dialect.quote(s);
  const { rel, plan } = sub;
  const junction = rel.through ? aliasFor(rel.through.table, `${plan.ref[TableMeta].alias}_j`) : undefined;
  const keys = junction ? rel.through!.sourceColumns.map((c) => onColumn(junction, c)) : rel.targetColumns.map((c) => onColumn(plan.ref, c));
  const g = q(groupAlias(sub));
  ctx.s += ' left join (select ';
  for (const [i, k] of keys.entries()) ctx.s += `${r.qualified(k)} as ${q(`k${i}`)}, `;
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

/** The level's fields: a select list, or (`asJson`) one JSON array per row. */
export function renderSelectList(r: Renderer, ctx: RenderContext, plan: Plan, asJson: boolean, grouped?: Set<SubPlan>): void {
  const json = r.dialect.json!;
  const items: (() => void)[] = [];
  for (const [, col] of plan.columns) {
    items.push(() => {
      if (col instanceof SQL) r.chunk(ctx, col);
      else ctx.s += asJson ? json.safe(col, r.qualified(col)) : r.selected(col, true);
    });
  }
  for (const [, e] of plan.extras) items.push(() => r.chunk(ctx, e));
  for (const sub of plan.relations) {
    let item = grouped?.has(sub) ? () => (ctx.s += `coalesce(${r.dialect.quote(groupAlias(sub))}.${r.dialect.quote('data')}, ${json.emptyArray})`) : () => renderRelation(r, ctx, plan.ref, sub.rel, sub.plan);
    if (asJson && json.nested) {
      const inner = item;
      item = () => (ctx.s += json.nested!(capture(ctx, inner)));
    }
    items.push(item);
  }
  if (asJson && json.row) {
    ctx.s += json.row(items.map((fn) => capture(ctx, fn)));
  } else if (asJson) {
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

export function renderFilterAndTail(r: Renderer, ctx: RenderContext, plan: Plan, correlation: SQL | undefined): void {
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
  // A limit without an offset was written as `top (n)` where the dialect does so (see renderTop).
  const topped = r.dialect.limitAsTop && plan.offset === undefined;
  if ((plan.limit !== undefined && !topped) || plan.offset !== undefined) {
    ctx.s += limitOffset(r, ctx, plan.limit, plan.offset, plan.orderBy.length > 0);
  }
}

/** Where a relation's rows come from: its table, the junction it is reached through, and how. */
interface RelationSource {
  plan: Plan;
  junction: AnyTable | undefined;
  join: SQL | undefined;
  /** The correlation with the parent row. */
  where: SQL | undefined;
}

/** A relation as a subquery in its parent's select list: one JSON row, or a JSON array of rows. */
function renderRelation(r: Renderer, ctx: RenderContext, parentRef: AnyTable, rel: NormalizedRelation, plan: Plan): void {
  const junction = rel.through ? aliasFor(rel.through.table, `${plan.ref[TableMeta].alias}_j`) : undefined;
  const { join, where } = relationJoin(parentRef, rel, plan.ref, junction);
  const source: RelationSource = { plan, junction, join, where };
  const paged = plan.limit !== undefined || plan.offset !== undefined;
  ctx.s += '(select ';
  if (rel.kind === 'one') renderOneRow(r, ctx, source);
  else if ((!paged && !r.dialect.json!.aggregateFromDerived) || r.dialect.json!.pagedAgg) renderAggregated(r, ctx, source, paged);
  else renderPagedArray(r, ctx, source);
  ctx.s += ')';
}

function renderSourceFrom(r: Renderer, ctx: RenderContext, { plan, junction, join }: RelationSource): void {
  ctx.s += r.fromItem(plan.ref);
  if (junction && join) {
    ctx.s += ` inner join ${r.fromItem(junction)} on `;
    r.chunk(ctx, join);
  }
}

/** A one-relation: the first matching row as a JSON array of its fields. */
function renderOneRow(r: Renderer, ctx: RenderContext, source: RelationSource): void {
  renderTop(r, ctx, 1, undefined);
  renderSelectList(r, ctx, source.plan, true);
  ctx.s += ' from ';
  renderSourceFrom(r, ctx, source);
  renderFilterAndTail(r, ctx, { ...source.plan, limit: 1, offset: undefined }, source.where);
}

/** A many-relation aggregated in place, in its order (and paged inside the aggregate where the dialect can). */
function renderAggregated(r: Renderer, ctx: RenderContext, source: RelationSource, paged: boolean): void {
  ctx.s += aggregate(r, ctx, source.plan, paged);
  ctx.s += ' from ';
  renderSourceFrom(r, ctx, source);
  renderFilterAndTail(r, ctx, { ...source.plan, orderBy: [], limit: undefined, offset: undefined }, source.where);
}

/**
 * A many-relation with limit/offset: the rows are picked in a derived table, then aggregated in
 * their order. The order items are opaque expressions (they may carry their own `desc`, `nulls
 * last`, ...), so the derived table numbers its rows by them with row_number(), pages by that
 * number and the aggregate orders by it: the page and the array's order then agree, ties included.
 * Dialects whose aggregates cannot hold the row expression (`aggregateFromDerived`) take this
 * form without a page too; the derived table then has no order of its own.
 */
function renderPagedArray(r: Renderer, ctx: RenderContext, source: RelationSource): void {
  const { plan } = source;
  const json = r.dialect.json!;
  const q = (s: string) => r.dialect.quote(s);
  const rowExpr = `${q('t')}.${q('__j')}`;
  const ordered = plan.orderBy.length > 0;
  const paged = plan.limit !== undefined || plan.offset !== undefined;
  ctx.s += `${json.agg(json.fromDerived ? json.fromDerived(rowExpr) : rowExpr, ordered ? `${q('t')}.${q('__n')}` : '')} from (select `;
  renderTop(r, ctx, plan.limit, plan.offset);
  renderSelectList(r, ctx, plan, true);
  ctx.s += ` as ${q('__j')}`;
  if (ordered) {
    ctx.s += ', row_number() over (order by ';
    renderOrderList(r, ctx, plan);
    ctx.s += `) as ${q('__n')}`;
  }
  ctx.s += ' from ';
  renderSourceFrom(r, ctx, source);
  renderFilterAndTail(r, ctx, { ...plan, orderBy: ordered && paged ? [new SQL([new StringChunk(q('__n'))])] : [] }, source.where);
  ctx.s += `) ${q('t')}`;
}

/** The level's order items, comma-separated. */
function renderOrderList(r: Renderer, ctx: RenderContext, plan: Plan): void {
  plan.orderBy.forEach((o, i) => {
    if (i > 0) ctx.s += ', ';
    r.chunk(ctx, o);
  });
}
