import { Column } from './column.js';
import { SchemaError, UnsupportedError } from './errors.js';
import type { RenderContext, Renderer } from './render.js';
import { flattenSelection, outputAliases, prepareMapper, type PreparedMapper, type SelectedField } from './selection.js';
import { SQL } from './sql.js';
import { Table, TableMeta } from './table.js';

/** The `returning` part shared by insert, update and delete. */
export interface ReturningConfig {
  fields: SelectedField[];
  /** True when the whole table was asked for (its list and mapper are cached on the table). */
  wholeTable: boolean;
  /** The fields as an object: what a CTE over the statement exposes. */
  selection: Record<string, unknown>;
}

export function returningConfig(table: Table, selection: Record<string, unknown> | undefined): ReturningConfig {
  if (selection === undefined) {
    const meta = table[TableMeta];
    let fields = meta.cache.get('fields') as SelectedField[] | undefined;
    if (fields === undefined) {
      fields = flattenSelection(meta.columns);
      meta.cache.set('fields', fields);
    }
    return { fields, wholeTable: true, selection: meta.columns };
  }
  return { fields: flattenSelection(selection), wholeTable: false, selection };
}

/**
 * Renders ` returning a, b`. `named`: the statement is a CTE, so each field is named by its key
 * (`"invited_by" as "invitedBy"`), as a select in a CTE names its fields.
 */
export function renderReturning(r: Renderer, ctx: RenderContext, table: Table, ret: ReturningConfig, qualify = false, named = false, row: 'inserted' | 'deleted' = 'inserted'): void {
  if (!r.dialect.supportsReturning) throw new UnsupportedError(`${r.dialect.name}: returning() is not supported`);
  if (r.dialect.outputClause) {
    renderOutput(r, ctx, table, ret, row);
    return;
  }
  ctx.s += ' returning ';
  if (named) {
    // Output names as a subquery's references outside expect them (see refFields): a column keeps
    // its own name unless it would repeat, an expression takes its alias.
    const aliases = outputAliases(ret.fields);
    ret.fields.forEach((f, i) => {
      if (i > 0) ctx.s += ', ';
      const field = f.field;
      if (field instanceof Column) {
        ctx.s += qualify ? r.qualified(field) : r.bare(field);
      } else {
        const prev = ctx.qualify;
        ctx.qualify = qualify;
        r.chunk(ctx, field instanceof SQL.Aliased ? field.sql : field);
        ctx.qualify = prev;
      }
      if (aliases[i] !== undefined) ctx.s += ` as ${r.dialect.quote(aliases[i]!)}`;
    });
    return;
  }
  // With other tables in the statement (update ... from) names must say which table they mean.
  if (qualify) {
    ret.fields.forEach((f, i) => {
      if (i > 0) ctx.s += ', ';
      r.chunk(ctx, f.field instanceof SQL.Aliased ? f.field.sql : f.field);
    });
    return;
  }
  if (ret.wholeTable) {
    const meta = table[TableMeta];
    const k = r.keys.list;
    let s = meta.cache.get(k) as string | undefined;
    if (s === undefined) {
      s = ret.fields.map((f) => r.selected(f.field as Column, false)).join(', ');
      meta.cache.set(k, s);
    }
    ctx.s += s;
    return;
  }
  ret.fields.forEach((f, i) => {
    if (i > 0) ctx.s += ', ';
    const field = f.field;
    if (field instanceof Column) {
      if (field.table[TableMeta].base !== table[TableMeta].base) throw new SchemaError(`returning(): column "${field.name}" is not a column of "${table[TableMeta].name}"`);
      ctx.s += r.selected(field, false);
    } else {
      const prev = ctx.qualify;
      ctx.qualify = false;
      r.chunk(ctx, field instanceof SQL.Aliased ? field.sql : field);
      ctx.qualify = prev;
    }
  });
}

/**
 * T-SQL's ` output inserted.a, inserted.b`: the written table's columns are read from the
 * `inserted` (or `deleted`) row, also inside expressions; other tables' columns (an update's
 * `from`) keep their names.
 */
function renderOutput(r: Renderer, ctx: RenderContext, table: Table, ret: ReturningConfig, row: 'inserted' | 'deleted'): void {
  ctx.s += ' output ';
  const base = table[TableMeta].base;
  const prev = ctx.qualify;
  ctx.qualify = true;
  const part = (c: unknown): void => {
    if (c instanceof Column && c.table[TableMeta].base === base) ctx.s += `${row}.${r.bare(c)}`;
    else if (c instanceof SQL) for (const x of c.chunks) part(x);
    else if (c instanceof SQL.Aliased) part(c.sql);
    else r.chunk(ctx, c);
  };
  ret.fields.forEach((f, i) => {
    if (i > 0) ctx.s += ', ';
    part(f.field);
  });
  ctx.qualify = prev;
}

export function returningMapper(r: Renderer, table: Table, ret: ReturningConfig): PreparedMapper {
  if (!ret.wholeTable) return prepareMapper(ret.fields, undefined);
  const meta = table[TableMeta];
  const k = r.keys.mapper;
  let m = meta.cache.get(k) as PreparedMapper | undefined;
  if (m === undefined) {
    m = prepareMapper(ret.fields, undefined);
    meta.cache.set(k, m);
  }
  return m;
}

/** Resolves a set/values object key to the table's column, or throws naming both. */
export function columnForKey(table: Table, key: string, what: string): Column {
  const col = table[TableMeta].columns[key];
  if (col === undefined) throw new SchemaError(`${what} "${table[TableMeta].name}": unknown column "${key}"`);
  return col;
}

export { Table };
