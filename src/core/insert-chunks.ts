/**
 * How an insert too large for one statement is cut: the parameters each row binds, and rows split
 * so that no statement binds more than the dialect allows.
 */
import { Column } from './column.js';
import { SchemaError } from './errors.js';
import { writesDefault, writtenWhenMissing } from './insert-values.js';
import { RenderContext, type Renderer } from './render.js';
import { Param, Placeholder, SQL } from './sql.js';
import { type Table, TableMeta } from './table.js';

/** How many parameters a value binds: one for a plain value, what it renders to for SQL. */
export function paramsOf(r: Renderer, v: unknown): number {
  if (v === undefined || v === null || typeof v !== 'object' || v instanceof Date || ArrayBuffer.isView(v)) return 1;
  if (v instanceof Column) return 0;
  if (!(v instanceof SQL || v instanceof Placeholder || v instanceof Param || typeof (v as { getSQL?: unknown }).getSQL === 'function')) return 1;
  const ctx = new RenderContext();
  r.chunk(ctx, v);
  return ctx.params.length;
}

/**
 * The parameters each row binds in an insert of these rows: one per column written (a column no
 * row gives that has a JavaScript default binds one too), or what an SQL value renders to. An
 * upper bound where the dialect writes DEFAULT instead, which only makes a chunk smaller.
 */
function rowParams(r: Renderer, table: Table, rows: Record<string, unknown>[]): number[] {
  const columns = table[TableMeta].columns;
  const used: [string, Column][] = [];
  for (const key in columns) {
    const col = columns[key]!;
    let present = writtenWhenMissing(col, r.dialect);
    for (let i = 0; i < rows.length && !present; i++) if (rows[i]![key] !== undefined) present = true;
    if (present) used.push([key, col]);
  }
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let n = 0;
    for (const [key, col] of used) {
      const v = row[key];
      n += v === undefined ? (col.default instanceof SQL && !writesDefault(col) ? paramsOf(r, col.default) : 1) : paramsOf(r, v);
    }
    out[i] = n;
  }
  return out;
}

/**
 * The rows split into statements under `max` parameters (and `maxRows` rows), or undefined when
 * one statement holds them all. `fixedParams` counts what every statement repeats besides its rows.
 */
export function splitRows(r: Renderer, table: Table, rows: Record<string, unknown>[], fixedParams: () => number, max: number, maxRows = Number.POSITIVE_INFINITY): Record<string, unknown>[][] | undefined {
  const counts = rowParams(r, table, rows);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  // What every chunk repeats (an upsert's set and conditions, CTEs): measured only when the rows come near the limit.
  const fixed = total > max / 2 ? fixedParams() : 0;
  if (total + fixed <= max && rows.length <= maxRows) return undefined;
  const room = max - fixed;
  if (room < 1) throw new SchemaError(`insert into "${table[TableMeta].name}": the statement binds ${fixed} parameters besides its rows; at most ${max} fit in one statement`);
  const out: Record<string, unknown>[][] = [];
  let start = 0;
  let used = 0;
  for (let i = 0; i < rows.length; i++) {
    const n = counts[i]!;
    if (i > start && (used + n > room || i - start >= maxRows)) {
      out.push(rows.slice(start, i));
      start = i;
      used = 0;
    }
    if (n > room) throw new SchemaError(`insert into "${table[TableMeta].name}": row ${i} alone binds ${n + fixed} parameters; at most ${max} fit in one statement`);
    used += n;
  }
  out.push(rows.slice(start));
  return out;
}
