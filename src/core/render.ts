import { Column } from './column.js';
import type { Dialect } from './dialect.js';
import { entityKind, is } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { Name, Param, Placeholder, SQL, StringChunk, type DriverValueEncoder } from './sql.js';
import { Table, TableMeta } from './table.js';
import { isWellFormed, loneSurrogateError, nulParamError } from './unstorable.js';

export type Casing = 'snake_case' | 'camelCase' | undefined;

/** A rendered statement. Parameters may hold `PlaceholderSlot`s until execution fills them. */
export interface Query {
  sql: string;
  params: unknown[];
}

/** A parameter position waiting for a value from `execute({ ... })`. */
export class PlaceholderSlot {
  static readonly [entityKind] = 'PlaceholderSlot';
  constructor(
    readonly name: string,
    readonly encoder: DriverValueEncoder | undefined,
  ) {}
}

/** Something that renders itself as a nested query: `(select ...)`. */
export interface RenderableQuery {
  /** `named`: the output columns need names (the query is a FROM subquery or a CTE). */
  _render(r: Renderer, ctx: RenderContext, named: boolean): void;
}

export function isRenderableQuery(value: unknown): value is RenderableQuery {
  return value !== null && typeof value === 'object' && typeof (value as RenderableQuery)._render === 'function';
}

/** The mutable state of one rendering: the text so far and the parameters bound. */
export class RenderContext {
  s = '';
  params: unknown[] = [];
  /** Qualify columns with their table (`"users"."id"`). */
  qualify = true;
  inline = false;
  hasPlaceholders = false;
}

const toSnake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
const toCamel = (s: string) => s.replace(/_+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Renders SQL chunks for one dialect and casing. One renderer lives per database object; the
 * quoted names of tables and columns are cached on them per renderer key.
 */
export class Renderer {
  /** Identifies dialect + casing, the key of every render cache. */
  readonly key: string;
  /** Cache keys for a table's rendered pieces under this renderer, built once (not per query). */
  readonly keys: { ref: string; from: string; list: string; mapper: string; name: string };

  constructor(
    readonly dialect: Dialect,
    readonly casing: Casing = undefined,
  ) {
    this.key = `${dialect.name}:${casing ?? ''}`;
    this.keys = { ref: `ref:${this.key}`, from: `from:${this.key}`, list: `list:${this.key}`, mapper: `mapper:${this.key}`, name: `name:${this.key}` };
  }

  /** The column's name in the database under this renderer's casing. */
  columnName(col: Column): string {
    if (!col.keyAsName || this.casing === undefined) return col.name;
    return this.casing === 'snake_case' ? toSnake(col.name) : toCamel(col.name);
  }

  private fillColumn(col: Column): void {
    const q = this.dialect.quote(this.columnName(col));
    col._qBare = q;
    col._qFull = `${this.tableRef(col.table)}.${q}`;
    col._rk = this.key;
  }

  /** `"id"` */
  bare(col: Column): string {
    if (col._rk !== this.key) this.fillColumn(col);
    return col._qBare;
  }

  /** `"users"."id"` */
  qualified(col: Column): string {
    if (col._rk !== this.key) this.fillColumn(col);
    return col._qFull;
  }

  /** A column as a select-list or `returning` item: its name, wrapped by the dialect if it asks. */
  selected(col: Column, qualify: boolean): string {
    const name = qualify ? this.qualified(col) : this.bare(col);
    return this.dialect.selectColumn === undefined ? name : this.dialect.selectColumn(col, name);
  }

  /** How queries refer to a table: its alias, or its (schema-qualified) name. */
  tableRef(table: Table): string {
    const meta = table[TableMeta];
    const k = this.keys.ref;
    let v = meta.cache.get(k) as string | undefined;
    if (v === undefined) {
      v = meta.alias !== undefined ? this.dialect.quote(meta.alias) : this.tableName(table);
      meta.cache.set(k, v);
    }
    return v;
  }

  /** The table's full name: `"schema"."users"`. */
  tableName(table: Table): string {
    const meta = table[TableMeta];
    const k = this.keys.name;
    let v = meta.cache.get(k) as string | undefined;
    if (v === undefined) {
      if (this.casing !== undefined) this.checkCasedNames(table);
      const name = this.dialect.quote(meta.name);
      v = meta.schema !== undefined ? `${this.dialect.quote(meta.schema)}.${name}` : name;
      meta.cache.set(k, v);
    }
    return v;
  }

  /**
   * Two columns named from their keys may meet under a casing (`userId` and `user_id` are both
   * `user_id` in snake_case). The table cannot see it when it is defined, since the casing is the
   * database's option, so the first statement that names the table under it checks.
   */
  private checkCasedNames(table: Table): void {
    const meta = table[TableMeta];
    const seen = new Map<string, string>();
    for (const key in meta.columns) {
      const col = meta.columns[key];
      if (!(col instanceof Column)) continue;
      const name = this.columnName(col);
      const previous = seen.get(name);
      if (previous !== undefined) throw new SchemaError(`Table "${meta.name}": columns "${previous}" and "${key}" both use the column name "${name}" under casing ${this.casing}`);
      seen.set(name, key);
    }
  }

  /** A table as a FROM item: `"users"` or `"users" "parent"`. */
  fromItem(table: Table): string {
    const meta = table[TableMeta];
    const k = this.keys.from;
    let v = meta.cache.get(k) as string | undefined;
    if (v === undefined) {
      v = meta.alias !== undefined ? `${this.tableName(table)} ${this.dialect.quote(meta.alias)}` : this.tableName(table);
      meta.cache.set(k, v);
    }
    return v;
  }

  /** Binds a parameter and returns its placeholder. */
  bind(ctx: RenderContext, value: unknown, encoder?: DriverValueEncoder): string {
    if (value instanceof Placeholder) {
      ctx.hasPlaceholders = true;
      ctx.params.push(new PlaceholderSlot(value.name, encoder));
      return this.dialect.param(ctx.params.length);
    }
    if (encoder !== undefined && value !== null && value !== undefined && (encoder as Column).encodes !== false) {
      value = encoder.mapToDriverValue(value);
    }
    if (typeof value === 'string') {
      if (!isWellFormed(value)) throw loneSurrogateError(this.dialect.name, value, encoder, ctx.params.length + 1);
      if (this.dialect.textRefusesNul && value.includes('\0')) throw nulParamError(this.dialect.name, ctx.params.length + 1);
    }
    if (ctx.inline) return this.dialect.inline(value);
    ctx.params.push(value);
    return this.dialect.param(ctx.params.length);
  }

  /** Renders any chunk: raw text, parameter, identifier, column, table, SQL, array or nested query. */
  chunk(ctx: RenderContext, c: unknown): void {
    if (c instanceof StringChunk) {
      ctx.s += c.value;
    } else if (c instanceof Param) {
      ctx.s += this.bind(ctx, c.value, c.encoder);
    } else if (c instanceof Column) {
      ctx.s += ctx.qualify ? this.qualified(c) : this.bare(c);
    } else if (c instanceof SQL) {
      if (c.shouldInline && !ctx.inline) {
        ctx.inline = true;
        for (const x of c.chunks) this.chunk(ctx, x);
        ctx.inline = false;
      } else {
        for (const x of c.chunks) this.chunk(ctx, x);
      }
    } else if (c instanceof Name) {
      ctx.s += this.dialect.quote(c.value);
    } else if (c instanceof Placeholder) {
      ctx.s += this.bind(ctx, c);
    } else if (c instanceof SQL.Aliased) {
      this.chunk(ctx, c.sql);
    } else if (c instanceof FromItem) {
      ctx.s += this.fromItem(c.table);
    } else if (c instanceof DialectSQL) {
      this.chunk(ctx, c.build(this.dialect));
    } else if (c instanceof Table) {
      ctx.s += c[TableMeta].isSubquery ? this.dialect.quote(c[TableMeta].alias!) : this.tableRef(c);
    } else if (Array.isArray(c)) {
      ctx.s += '(';
      for (let i = 0; i < c.length; i++) {
        if (i > 0) ctx.s += ', ';
        this.chunk(ctx, c[i]);
      }
      ctx.s += ')';
    } else if (c instanceof QueryBody) {
      c.query._render(this, ctx, true);
    } else if (isRenderableQuery(c)) {
      ctx.s += '(';
      c._render(this, ctx, false);
      ctx.s += ')';
    } else if (c !== null && typeof c === 'object' && this.foreignChunk(ctx, c)) {
      // A chunk made by another copy of sluice, rendered as this copy's own.
    } else if (c !== null && typeof c === 'object' && typeof (c as { getSQL?: unknown }).getSQL === 'function') {
      this.chunk(ctx, (c as { getSQL(): SQL }).getSQL());
    } else if (c === undefined) {
      throw new UnsupportedError(`${this.dialect.name}: cannot render an undefined value in SQL`);
    } else {
      ctx.s += this.bind(ctx, c);
    }
  }

  /**
   * Two copies of sluice in one process (a linked workspace; the kit loading a project's schema
   * files next to its own modules) make chunks that fail `instanceof` here but carry the same
   * entity kinds. Off the hot path: reached only when every `instanceof` above failed.
   */
  private foreignChunk(ctx: RenderContext, c: object): boolean {
    if (is(c, Column)) {
      ctx.s += ctx.qualify ? this.qualified(c) : this.bare(c);
      return true;
    }
    if (is(c, Table)) {
      this.chunk(ctx, Object.setPrototypeOf({ ...c, [TableMeta]: c[TableMeta] }, Table.prototype));
      return true;
    }
    for (const Local of adoptable) {
      if (is(c, Local)) {
        this.chunk(ctx, Object.assign(Object.create(Local.prototype) as object, c));
        return true;
      }
    }
    return false;
  }

  /** Renders a standalone SQL fragment into a query. */
  sqlToQuery(fragment: SQL): Query {
    const ctx = new RenderContext();
    this.chunk(ctx, fragment);
    return { sql: ctx.s, params: ctx.params };
  }
}

/** A table rendered as a FROM item (`"users" "u"`) inside an SQL fragment. */
export class FromItem {
  static readonly [entityKind] = 'FromItem';
  constructor(readonly table: Table) {}
}

/**
 * A query rendered as a statement's body, without the parentheses of a subquery and with its
 * output columns named: `create view v as ${body}` (SQLite accepts no parentheses there).
 */
export class QueryBody {
  static readonly [entityKind] = 'QueryBody';
  constructor(readonly query: RenderableQuery) {}
}

/** An expression whose SQL depends on the dialect (`ilike` where the dialect lacks it, ...). */
export class DialectSQL {
  static readonly [entityKind] = 'DialectSQL';
  constructor(readonly build: (dialect: Dialect) => SQL) {}
}

/** Fills placeholder slots with values given at execution. */
export function fillPlaceholders(params: unknown[], values: Record<string, unknown> | undefined): unknown[] {
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p instanceof PlaceholderSlot) {
      if (values === undefined || !(p.name in values)) throw new SchemaError(`No value for placeholder "${p.name}": give it as execute({ ${p.name}: ... })`);
      const v = values[p.name];
      out[i] = p.encoder !== undefined && v !== null && v !== undefined ? p.encoder.mapToDriverValue(v) : v;
      if (typeof out[i] === 'string' && !isWellFormed(out[i] as string)) throw loneSurrogateError('prepared query', out[i] as string, p.encoder, i + 1);
    } else {
      out[i] = p;
    }
  }
  return out;
}

/** Chunk classes whose instances are plain fields, so another copy's instance can be re-made as ours. */
const adoptable = [StringChunk, Param, Placeholder, Name, SQL, SQL.Aliased] as const;
