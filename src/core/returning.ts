import { Column } from './column.js';
import { entityKind } from './entity.js';
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
  const part = (c: unknown, row: 'inserted' | 'deleted'): void => {
    if (c instanceof Column && c.table[TableMeta].base === base) ctx.s += `${row}.${r.bare(c)}`;
    else if (c instanceof OutputRow) part(c.value, c.row);
    else if (c instanceof SQL) for (const x of c.chunks) part(x, row);
    else if (c instanceof SQL.Aliased) part(c.sql, row);
    else r.chunk(ctx, c);
  };
  ret.fields.forEach((f, i) => {
    if (i > 0) ctx.s += ', ';
    part(f.field, row);
  });
  ctx.qualify = prev;
}

/** A value of an update's `output()` read from the row before (`deleted`) or after (`inserted`) the update. */
export class OutputRow {
  static readonly [entityKind] = 'OutputRow';
  constructor(
    readonly row: 'inserted' | 'deleted',
    readonly value: unknown,
  ) {}
  getSQL(): SQL {
    throw new UnsupportedError("output({ inserted, deleted }) is SQL Server's; use returning()");
  }
}

/**
 * The selection of an update's `output({ inserted, deleted })`: `true` takes the whole row, an
 * object its fields; each value is read from the row it names, decoded as the value decodes.
 */
export function updateOutputSelection(table: Table, fields: { inserted?: true | Record<string, unknown>; deleted?: true | Record<string, unknown> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of ['inserted', 'deleted'] as const) {
    const f = fields[row];
    if (f === undefined || (f as unknown) === false) continue;
    const selection = f === true ? table[TableMeta].columns : f;
    const wrapped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(selection)) {
      const s = new SQL([new OutputRow(row, value)]);
      s.decoder = value instanceof Column ? value : value instanceof SQL ? value.decoder : undefined;
      wrapped[key] = s;
    }
    out[row] = wrapped;
  }
  if (Object.keys(out).length === 0) throw new SchemaError('output() takes { inserted } and/or { deleted }, each true or an object of fields');
  return out;
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
