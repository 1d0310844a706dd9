import { UnsupportedError } from './errors.js';
import type { RenderContext, Renderer } from './render.js';
import type { LimitArg, OrderArg } from './select-types.js';
import { renderWith } from './select-parts.js';
import type { Subquery } from './subquery.js';

/**
 * What every write renders before its own keyword: the check that a write may be a CTE's body
 * (`named`), and its `with ...` list where the dialect writes one before it.
 */
export function renderWriteHead(r: Renderer, ctx: RenderContext, what: 'insert' | 'update' | 'delete', withList: Subquery[] | undefined, named: boolean): void {
  const d = r.dialect;
  if (named && !d.supportsWriteCtes) throw new UnsupportedError(`${d.name}: an insert, update or delete cannot be the body of a CTE ($with)`);
  if (withList === undefined) return;
  if (!d.supportsWriteWith) {
    const instead = what === 'insert' ? 'put the CTE in the select given to insert(...).select()' : 'MariaDB has no WITH before UPDATE or DELETE; filter with a subquery in where() instead';
    throw new UnsupportedError(`${d.name}: db.with(...).${what}() is not supported (${instead})`);
  }
  renderWith(r, ctx, withList);
}

/** `order by ... limit ...` of an update or delete (MySQL, SQLite); other dialects reject it by name. */
export function renderWriteTail(r: Renderer, ctx: RenderContext, what: 'update' | 'delete', orderBy: OrderArg[], limit: LimitArg | undefined): void {
  if (orderBy.length === 0 && limit === undefined) return;
  if (!r.dialect.supportsWriteLimit) throw new UnsupportedError(`${r.dialect.name}: ${what} with orderBy()/limit() is not supported`);
  if (orderBy.length > 0) {
    ctx.s += ' order by ';
    orderBy.forEach((o, i) => {
      if (i > 0) ctx.s += ', ';
      r.chunk(ctx, o);
    });
  }
  if (limit !== undefined) ctx.s += ` limit ${r.bind(ctx, limit)}`;
}

/** Returning on a dialect without it names what to use instead, in the type. */
export type NoReturning<TDialect extends string, T> = TDialect extends 'mysql' ? { 'returning() does not exist on MySQL: use $returningId() on inserts': never } : T;

/** Methods that only MySQL has name the dialect in the type elsewhere. */
export type OnlyMySql<TDialect extends string, T> = TDialect extends 'mysql' ? T : { [K in `only MySQL has this method, not ${TDialect}`]: never };

/** Methods that only SQL Server has (`output()`) name the dialect in the type elsewhere. */
export type OnlyMsSql<TDialect extends string, T> = TDialect extends 'mssql' ? T : { [K in `only SQL Server has this method, not ${TDialect}`]: never };
