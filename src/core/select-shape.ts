/**
 * What a select's rendering and running ask of its shape: whether it returns one row at most,
 * how its tables are referred to, and the CockroachDB `as of system time` clause.
 */
import { Column } from './column.js';
import { UnsupportedError } from './errors.js';
import type { RenderContext, Renderer } from './render.js';
import type { SelectConfig } from './select.js';
import { Param, SQL, type SQLWrapper } from './sql.js';
import { Table, TableMeta } from './table.js';

/** ` as of system time <t>` after the FROM clause, through the dialect's hook (CockroachDB). */
export function renderAsOfSystemTime(r: Renderer, ctx: RenderContext, time: string | Date | SQLWrapper): void {
  const d = r.dialect;
  if (!d.asOfSystemTime) throw new UnsupportedError(`${d.name}: asOfSystemTime() is not supported (as of system time is CockroachDB's)`);
  if (typeof time === 'string' || time instanceof Date) {
    // Inlined: CockroachDB evaluates the time when it plans the statement, before any parameter is bound.
    ctx.s += d.asOfSystemTime(d.inline(time instanceof Date ? time : time.trim()));
    return;
  }
  const start = ctx.s.length;
  r.chunk(ctx, time);
  const expr = ctx.s.slice(start);
  ctx.s = ctx.s.slice(0, start) + d.asOfSystemTime(expr);
}

/**
 * Whether a select can return no more than one row: `limit 1`, or a plain select from one table
 * filtered by its single-column primary key equal to a value (`where(eq(t.id, id))`, the most
 * common query there is).
 */
export function atMostOneRow(c: SelectConfig): boolean {
  if (c.setOps.length > 0) return false;
  if (c.limit === 1 || c.limit === 0) return true;
  if (c.joins.length > 0 || c.groupBy.length > 0 || !isBaseTable(c.from)) return false;
  const node = c.where instanceof SQL ? c.where.node : undefined;
  if (node?.kind !== 'comparison' || node.op !== '=') return false;
  const { left, right } = node;
  return left instanceof Column && left.primary && left.table === c.from && right instanceof Param && singlePrimaryKey(c.from);
}

/**
 * Whether exactly one column is marked `.primaryKey()` (a composite key, declared in the table's
 * extra config, marks none: its columns are not unique alone).
 */
function singlePrimaryKey(t: Table): boolean {
  const meta = t[TableMeta];
  let single = meta.cache.get('singlePrimaryKey') as boolean | undefined;
  if (single === undefined) {
    let n = 0;
    for (const key in meta.columns) if (meta.columns[key]!.primary) n++;
    single = n === 1;
    meta.cache.set('singlePrimaryKey', single);
  }
  return single;
}

/** The name a query refers to a table by: its alias, or its name. */
export function refName(t: Table): string {
  return t[TableMeta].alias ?? t[TableMeta].name;
}

export function isBaseTable(t: unknown): t is Table {
  return t instanceof Table && t[TableMeta].isSubquery !== true && t[TableMeta].isView !== true;
}
