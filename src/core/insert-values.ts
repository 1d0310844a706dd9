import { Column } from './column.js';
import { SchemaError } from './errors.js';
import type { Dialect } from './dialect.js';
import type { RenderContext, Renderer } from './render.js';
import { Param, Placeholder, SQL } from './sql.js';
import { TableMeta, type Table } from './table.js';

// What an insert writes: which columns, the VALUES rows with their defaults, and the `set`
// pairs that updates and upserts share.

/**
 * `insert into t (<columns>) select ...` pairs the select's fields with the table's columns by
 * position, so a select whose keys differ from the columns, or come in another order, would write
 * values into the wrong columns: refuse it, naming both lists.
 */
export function checkSelectKeys(table: Table, selection: Record<string, unknown>, overriding: boolean): void {
  const insertable = new Set(insertableColumns(table, overriding));
  const columns = Object.entries(table[TableMeta].columns)
    .filter(([, c]) => insertable.has(c))
    .map(([k]) => k);
  const selected = Object.keys(selection);
  if (selected.length === columns.length && selected.every((k, i) => k === columns[i])) return;
  throw new SchemaError(`insert into "${table[TableMeta].name}" ... select: the select's fields (${selected.join(', ')}) must be the table's columns in order (${columns.join(', ')})`);
}

/** Columns an insert may write: all but generated ones and `always` identities (unless overriding them). */
export function insertableColumns(table: Table, overriding = false): Column[] {
  return Object.values(table[TableMeta].columns).filter((c) => c.generated === undefined && (overriding || c.identity?.type !== 'always'));
}

/**
 * Whether an insert writes this column even when no row gives it: a `$defaultFn`, or an
 * `$onUpdate` that stands in for a default the column does not declare (as in Drizzle).
 */
export function writesDefault(col: Column): boolean {
  return col.defaultFn !== undefined || (col.onUpdateFn !== undefined && col.default === undefined);
}

/**
 * Whether an insert in this dialect writes the column when no row gives it. Where SQL has no
 * DEFAULT keyword (SQLite) a declared `.default()` is written too, as Drizzle does, so the row is
 * the schema's whatever default the table itself was created with (or none).
 */
export function writtenWhenMissing(col: Column, d: Dialect): boolean {
  return writesDefault(col) || (d.defaultKeyword === undefined && col.default !== undefined);
}

/** The value an insert writes for a column no row gives, or undefined for the column's own default. */
function jsDefault(col: Column): unknown {
  if (col.defaultFn !== undefined) return col.defaultFn();
  if (col.onUpdateFn !== undefined && col.default === undefined) return col.onUpdateFn();
  return undefined;
}

/**
 * Keys of a row that are not columns of the table, named when the row is wrong otherwise (a
 * missing not-null value), since a misspelt key is the likely cause.
 */
function unknownKeys(columns: Record<string, Column>, row: Record<string, unknown>): string {
  const out: string[] = [];
  for (const key in row) if (!Object.hasOwn(columns, key)) out.push(`"${key}"`);
  return out.length === 0 ? '' : ` (the row has ${out.length === 1 ? 'an unknown key' : 'unknown keys'} ${out.join(', ')}: not columns of the table)`;
}

/**
 * A key of `values()` or `set()` that is not a column. Drizzle ignores it, which silently drops a
 * misspelt value (or writes the column's default instead); sluice refuses it. A key whose value
 * is undefined stays allowed, as undefined means "not given" everywhere else.
 */
export function unknownKeyError(what: string, tableName: string, columns: Record<string, Column>, key: string, where: string): SchemaError {
  return new SchemaError(`${what} "${tableName}": ${tableName} has no column "${key}" (${where})${suggestion(columns, key)}`);
}

/** `; did you mean "email"?` for a key one or two edits from a column key, or the same but for case and underscores. */
function suggestion(columns: Record<string, Column>, key: string): string {
  const norm = (k: string) => k.replace(/_/g, '').toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate in columns) {
    const d = norm(candidate) === norm(key) || norm(columns[candidate]!.name) === norm(key) ? 0 : editDistance(candidate, key, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** Levenshtein distance, stopping early once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return prev[b.length]!;
}

function missingValue(tableName: string, columns: Record<string, Column>, key: string, row: Record<string, unknown>, ri: number): SchemaError {
  return new SchemaError(`insert into "${tableName}": missing value for not-null column "${key}" in row ${ri}${unknownKeys(columns, row)}`);
}

/**
 * The columns an insert of these rows writes: those any row gives, plus those with a JavaScript
 * default (and, without a DEFAULT keyword, a declared one). Throws for a missing not-null value, a generated column, an `always` identity.
 */
export function writtenColumnsOf(d: Dialect, table: Table, rows: Record<string, unknown>[], overriding: boolean): [string, Column][] {
  const meta = table[TableMeta];
  const tableName = meta.name;
  const columns = meta.columns;
  const used: [string, Column][] = [];
  for (const key in columns) {
    const col = columns[key]!;
    let present = writtenWhenMissing(col, d);
    for (let i = 0; i < rows.length && !present; i++) if (rows[i]![key] !== undefined) present = true;
    if (!present) {
      if (col.notNull && !col.hasDefault && col.generated === undefined) throw missingValue(tableName, columns, key, rows[0]!, 0);
      continue;
    }
    if (col.generated !== undefined) throw new SchemaError(`insert into "${tableName}": column "${key}" is generated and cannot be written`);
    if (col.identity?.type === 'always' && !overriding) {
      const how = takesOverriding(col) ? 'use insert(...).overridingSystemValue() to give it a value' : 'the server assigns it; leave it out';
      throw new SchemaError(`insert into "${tableName}": column "${key}" is generated always as identity; ${how}`);
    }
    used.push([key, col]);
  }
  return used;
}

/** Whether an identity column is PostgreSQL-style (a sequence), which `overriding system value` may write. */
function takesOverriding(col: Column): boolean {
  return !(col.identity?.sequence && 'seed' in col.identity.sequence);
}

/**
 * Renders ` (<columns>) values (...), (...)`. `beforeValues` writes what goes between the column
 * list and `values` (SQL Server's `output` clause).
 */
export function renderValues(r: Renderer, ctx: RenderContext, table: Table, rows: Record<string, unknown>[], overriding: boolean, beforeValues?: () => void): void {
  const used = writtenColumnsOf(r.dialect, table, rows, overriding);
  if (used.length === 0) {
    if (rows.length === 1) {
      beforeValues?.();
      ctx.s += r.dialect.defaultValues;
      return;
    }
    allDefaultRows(r, ctx, table, rows.length, beforeValues);
    return;
  }
  ctx.s += ' (';
  for (let i = 0; i < used.length; i++) ctx.s += (i > 0 ? ', ' : '') + r.bare(used[i]![1]);
  ctx.s += ')';
  beforeValues?.();
  ctx.s += overriding ? ' overriding system value values ' : ' values ';
  for (let ri = 0; ri < rows.length; ri++) {
    if (ri > 0) ctx.s += ', ';
    renderRow(r, ctx, table, rows[ri]!, ri, used, false);
  }
}

/**
 * Renders one row's values, `(@p1, @p2)`. `noDefault`: a value no row gives cannot be the DEFAULT
 * keyword here (a `merge` source), so it is an error naming the column.
 */
export function renderRow(r: Renderer, ctx: RenderContext, table: Table, row: Record<string, unknown>, ri: number, used: [string, Column][], noDefault: boolean): void {
  const meta = table[TableMeta];
  const tableName = meta.name;
  const columns = meta.columns;
  for (const key in row) if (!Object.hasOwn(columns, key) && row[key] !== undefined) throw unknownKeyError('insert into', tableName, columns, key, `values() row ${ri}`);
  ctx.s += '(';
  for (let i = 0; i < used.length; i++) {
    if (i > 0) ctx.s += ', ';
    const [key, col] = used[i]!;
    let v = row[key];
    if (v === undefined) v = jsDefault(col);
    if (v === undefined) {
      if (col.notNull && !col.hasDefault) throw missingValue(tableName, columns, key, row, ri);
      if (noDefault) {
        // A row source has no DEFAULT keyword: write the declared default, or null where the column allows it.
        if (col.default instanceof SQL) r.chunk(ctx, col.default);
        else if (col.default !== undefined) ctx.s += r.bind(ctx, col.default, col.encodes ? col : undefined);
        else if (!col.notNull) ctx.s += r.bind(ctx, null);
        else throw new SchemaError(`insert into "${tableName}": row ${ri} leaves "${key}" to a default the upsert cannot write; give it in every row`);
      } else if (r.dialect.defaultKeyword !== undefined) ctx.s += r.dialect.defaultKeyword;
      else if (col.default instanceof SQL) r.chunk(ctx, col.default);
      else if (col.default !== undefined) ctx.s += r.bind(ctx, col.default, col.encodes ? col : undefined);
      // Without a DEFAULT keyword (SQLite) a missing value with no known default is null,
      // which is also what makes an integer primary key assign itself.
      else ctx.s += r.bind(ctx, null);
    } else if (v === null) {
      if (col.notNull) throw new SchemaError(`insert into "${tableName}": null for not-null column "${key}" in row ${ri}`);
      ctx.s += r.bind(ctx, null);
    } else if (v instanceof SQL || v instanceof Placeholder || v instanceof Param) {
      r.chunk(ctx, v instanceof Placeholder ? new SQL([new ParamPlaceholder(v, col)]) : v);
    } else if (v instanceof Column) {
      r.chunk(ctx, v);
    } else {
      ctx.s += r.bind(ctx, v, col.encodes ? col : undefined);
    }
  }
  ctx.s += ')';
}

/**
 * Several rows that all take every default. With a DEFAULT keyword each row is `(default)` for
 * the first writable column. SQLite has none, so each row gives its key as null, which makes
 * SQLite assign it and leaves every other column to the table's declared defaults: the one-column
 * primary key (which a `without rowid` table needs, having no rowid), else the rowid.
 */
function allDefaultRows(r: Renderer, ctx: RenderContext, table: Table, n: number, beforeValues?: () => void): void {
  const d = r.dialect;
  let column: string;
  let value: string;
  if (d.defaultKeyword !== undefined) {
    const first = insertableColumns(table)[0];
    if (first === undefined) throw new SchemaError(`insert into "${table[TableMeta].name}": the table has no column an insert can write`);
    column = r.bare(first);
    value = d.defaultKeyword;
  } else {
    const keys = Object.values(table[TableMeta].columns).filter((c) => c.primary);
    column = keys.length === 1 ? r.bare(keys[0]!) : 'rowid';
    value = 'null';
  }
  ctx.s += ` (${column})`;
  beforeValues?.();
  ctx.s += ' values ';
  for (let i = 0; i < n; i++) ctx.s += i > 0 ? `, (${value})` : `(${value})`;
}

/** A placeholder that encodes like a column when it is filled. */
class ParamPlaceholder {
  constructor(
    readonly placeholder: Placeholder,
    readonly column: Column,
  ) {}
  getSQL(): SQL {
    return new SQL([new Param(this.placeholder, this.column)]);
  }
}

/** Whether a `set` value is an expression (SQL, a column, a subquery) rather than a value to bind. */
function isExpression(v: unknown): boolean {
  return v instanceof SQL || v instanceof SQL.Aliased || v instanceof Column || (v !== null && typeof v === 'object' && typeof (v as { getSQL?: unknown }).getSQL === 'function');
}

/**
 * Resolves `set` objects to `[quoted column, value]` pairs, adding `$onUpdate` columns (each
 * function is called once per rendered statement). A column, SQL or a subquery is written as an
 * expression; other values are bound. A key that is not a column is an error naming it.
 */
export function setPairs(r: Renderer, table: Table, set: Record<string, unknown>, what: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  const columns = table[TableMeta].columns;
  for (const key in set) {
    const v = set[key];
    if (v === undefined) continue;
    const col = Object.hasOwn(columns, key) ? columns[key] : undefined;
    if (col === undefined) throw unknownKeyError(what, table[TableMeta].name, columns, key, 'set()');
    if (col.generated !== undefined) throw new SchemaError(`${what} "${table[TableMeta].name}": column "${key}" is generated and cannot be written`);
    out.push([r.bare(col), isExpression(v) ? v : v instanceof Placeholder ? new ParamPlaceholder(v, col) : new Param(v, col.encodes ? col : undefined)]);
  }
  if (out.length === 0) throw new SchemaError(`${what} "${table[TableMeta].name}": no values to set`);
  for (const key in columns) {
    const col = columns[key]!;
    if (col.onUpdateFn !== undefined && set[key] === undefined) {
      const v = col.onUpdateFn();
      out.push([r.bare(col), isExpression(v) ? v : new Param(v, col.encodes ? col : undefined)]);
    }
  }
  return out;
}
