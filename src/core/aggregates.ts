import { Column } from './column.js';
import { SQL, StringChunk, type SQLWrapper } from './sql.js';

const toNumber = { mapFromDriverValue: (v: unknown) => Number(v) };
const toStringValue = { mapFromDriverValue: (v: unknown) => String(v) };

function agg<T>(fn: string, expr: SQLWrapper | undefined, distinct = false): SQL<T> {
  if (expr === undefined) return new SQL<T>([new StringChunk(`${fn}(*)`)]);
  return new SQL<T>([new StringChunk(distinct ? `${fn}(distinct ` : `${fn}(`), expr, new StringChunk(')')]);
}

/** `count(*)` or `count(expr)`, as a number. */
export function count(expr?: SQLWrapper): SQL<number> {
  return agg<number>('count', expr).mapWith(toNumber) as SQL<number>;
}
/** `count(distinct expr)`, as a number. */
export function countDistinct(expr: SQLWrapper): SQL<number> {
  return agg<number>('count', expr, true).mapWith(toNumber) as SQL<number>;
}
/** `sum(expr)`, as a string (exact for numeric columns), `null` over no rows. */
export function sum(expr: SQLWrapper): SQL<string | null> {
  return agg<string | null>('sum', expr).mapWith(toStringValue) as SQL<string | null>;
}
/** `sum(distinct expr)` as a string. */
export function sumDistinct(expr: SQLWrapper): SQL<string | null> {
  return agg<string | null>('sum', expr, true).mapWith(toStringValue) as SQL<string | null>;
}
/** `avg(expr)` as a string, `null` over no rows. */
export function avg(expr: SQLWrapper): SQL<string | null> {
  return agg<string | null>('avg', expr).mapWith(toStringValue) as SQL<string | null>;
}
/** `avg(distinct expr)` as a string. */
export function avgDistinct(expr: SQLWrapper): SQL<string | null> {
  return agg<string | null>('avg', expr, true).mapWith(toStringValue) as SQL<string | null>;
}

type MinMax<T> = T extends Column ? SQL<T['_']['data'] | null> : T extends SQL<infer U> ? SQL<U | null> : SQL<unknown>;

/** `min(expr)`, decoded like the column, `null` over no rows. */
export function min<T extends SQLWrapper>(expr: T): MinMax<T> {
  const s = agg('min', expr);
  if (expr instanceof Column) s.decoder = expr;
  return s as MinMax<T>;
}
/** `max(expr)`, decoded like the column, `null` over no rows. */
export function max<T extends SQLWrapper>(expr: T): MinMax<T> {
  const s = agg('max', expr);
  if (expr instanceof Column) s.decoder = expr;
  return s as MinMax<T>;
}
