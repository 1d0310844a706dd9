import { UnsupportedError } from './errors.js';
import type { IndexHints } from './index-hints.js';
import type { RenderContext, Renderer } from './render.js';
import type { LimitArg, OrderArg } from './select-types.js';
import type { SQL } from './sql.js';
import { Subquery } from './subquery.js';
import { Table, TableMeta } from './table.js';

// The pieces of a select's SQL that other statements render too: lists, order/limit tails,
// FROM items and WITH lists.

export function list(r: Renderer, ctx: RenderContext, items: unknown[]): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) ctx.s += ', ';
    r.chunk(ctx, items[i]);
  }
}

export function renderTail(r: Renderer, ctx: RenderContext, orderBy: OrderArg[], limit: LimitArg | undefined, offset: LimitArg | undefined): void {
  if (orderBy.length > 0) {
    ctx.s += ' order by ';
    list(r, ctx, orderBy);
  }
  // A negative limit means no limit, as in Drizzle (MySQL and PostgreSQL reject one).
  if (typeof limit === 'number' && limit < 0) limit = undefined;
  if (limit !== undefined || offset !== undefined) {
    ctx.s += limitOffset(r, ctx, limit, offset, orderBy.length > 0);
  }
}

/**
 * The dialect's limit/offset tail, binding the two values in the order the text names them
 * (T-SQL writes the offset first).
 */
export function limitOffset(r: Renderer, ctx: RenderContext, limit: LimitArg | undefined, offset: LimitArg | undefined, hasOrderBy: boolean): string {
  const bindLimit = () => (limit === undefined ? undefined : r.bind(ctx, limit));
  const bindOffset = () => (offset === undefined ? undefined : r.bind(ctx, offset));
  if (r.dialect.offsetFirst) {
    const o = bindOffset();
    return r.dialect.limitOffset(bindLimit(), o, hasOrderBy);
  }
  const l = bindLimit();
  return r.dialect.limitOffset(l, bindOffset(), hasOrderBy);
}

/**
 * Writes `top (n) ` where the dialect puts a limit without an offset there (SQL Server), right
 * after `select [distinct]`; returns whether it did, so the tail leaves the limit out.
 */
export function renderTop(r: Renderer, ctx: RenderContext, limit: LimitArg | undefined, offset: LimitArg | undefined): boolean {
  if (!r.dialect.limitAsTop || limit === undefined || offset !== undefined) return false;
  // A negative limit means no limit, as in Drizzle.
  if (typeof limit === 'number' && limit < 0) return false;
  ctx.s += `top (${r.bind(ctx, limit)}) `;
  return true;
}

/** Renders a table's index hints, or names the dialect that has none. */
export function renderHints(r: Renderer, hints: IndexHints): string {
  if (!r.dialect.indexHints) throw new UnsupportedError(`${r.dialect.name}: index hints (useIndex, forceIndex, ignoreIndex) are not supported`);
  return r.dialect.indexHints(hints);
}

/** Renders a FROM item: a table, a subquery with its alias, a CTE by name, or SQL. */
export function fromItem(r: Renderer, ctx: RenderContext, t: Table | SQL): void {
  if (t instanceof Subquery) {
    if (t.isCte) {
      ctx.s += r.dialect.quote(t[TableMeta].alias!);
    } else {
      ctx.s += '(';
      t.query._render(r, ctx, true);
      ctx.s += `) ${r.dialect.quote(t[TableMeta].alias!)}`;
    }
  } else if (t instanceof Table) {
    ctx.s += r.fromItem(t);
  } else {
    r.chunk(ctx, t);
  }
}

/** Renders `with "a" as (...), "b" as (...) `. */
export function renderWith(r: Renderer, ctx: RenderContext, withList: Subquery[]): void {
  ctx.s += 'with ';
  withList.forEach((w, i) => {
    if (i > 0) ctx.s += ', ';
    ctx.s += `${r.dialect.quote(w[TableMeta].alias!)} as (`;
    w.query._render(r, ctx, true);
    ctx.s += ')';
  });
  ctx.s += ' ';
}
