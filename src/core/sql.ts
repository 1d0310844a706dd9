import { entityKind } from './entity.js';

/** Converts a value read from the driver into its TypeScript shape. */
export interface DriverValueDecoder<TData = unknown, TDriver = unknown> {
  mapFromDriverValue(value: TDriver): TData;
}

/** Converts a TypeScript value into what the driver accepts. */
export interface DriverValueEncoder<TData = unknown, TDriver = unknown> {
  mapToDriverValue(value: TData): TDriver;
}

/** Anything that can turn itself into SQL: columns, tables, queries, expressions. */
export interface SQLWrapper {
  getSQL(): SQL;
}

/** Raw SQL text, inserted as is. */
export class StringChunk {
  static readonly [entityKind] = 'StringChunk';
  constructor(readonly value: string) {}
}

/** A bound value; rendered as a placeholder and sent as a parameter. */
export class Param<T = unknown> {
  static readonly [entityKind] = 'Param';
  constructor(
    readonly value: T,
    readonly encoder?: DriverValueEncoder,
  ) {}
}

/** A named slot filled at execution time of a prepared query. */
export class Placeholder<TName extends string = string, TValue = unknown> {
  static readonly [entityKind] = 'Placeholder';
  declare readonly _: { name: TName; value: TValue };
  constructor(readonly name: TName) {}
}

/** An identifier (table, column, alias), quoted by the dialect. */
export class Name {
  static readonly [entityKind] = 'Name';
  constructor(readonly value: string) {}
}

export type Chunk = unknown;

/** A comparison operator as `eq()`, `ne()`, `gt()`, ... build it. */
export type ComparisonOp = '=' | '<>' | '>' | '>=' | '<' | '<=';

/**
 * What an expression means, for the code that reasons about a query (can it return more than one
 * row?) rather than render it. The chunks stay the only thing rendered; the node only describes
 * them, so code never has to guess an expression's meaning from the text its chunks happen to hold.
 */
export type ExprNode =
  /** `left op right`, from `eq()`, `ne()`, `gt()`, `gte()`, `lt()`, `lte()`. */
  | { readonly kind: 'comparison'; readonly op: ComparisonOp; readonly left: unknown; readonly right: unknown }
  /** `expr asc` / `expr desc`, from `asc()` and `desc()`. */
  | { readonly kind: 'ordering'; readonly direction: 'asc' | 'desc'; readonly expr: unknown };

/**
 * A fragment of SQL: raw text, identifiers, columns, tables and parameters, rendered by the
 * dialect. `T` is the TypeScript type of the value it produces when selected.
 */
export class SQL<T = unknown> implements SQLWrapper {
  static readonly [entityKind] = 'SQL';
  declare readonly _: { type: T };
  /** How values of this expression are decoded when selected. */
  decoder: DriverValueDecoder | undefined;
  /** Render parameters as literals instead of placeholders (DDL, defaults). */
  shouldInline = false;

  constructor(
    readonly chunks: Chunk[],
    /** What the expression is, when a builder function made it (undefined for `sql` text). */
    public node?: ExprNode,
  ) {}

  getSQL(): SQL<T> {
    return this;
  }

  /** Names this expression in a selection: `count() .as('total')`. */
  as<TAlias extends string>(alias: TAlias): SQL.Aliased<T, TAlias> {
    return new SQL.Aliased<T, TAlias>(this, alias);
  }

  /** Decodes selected values with a column's decoder or a function. */
  mapWith<TDecoder extends DriverValueDecoder | ((value: never) => unknown)>(decoder: TDecoder): SQL<TDecoder extends DriverValueDecoder<infer U> ? U : TDecoder extends (value: never) => infer R ? R : never>;
  // The decoded type is a type parameter only: the same expression is returned, now decoding.
  mapWith(decoder: DriverValueDecoder | ((value: never) => unknown)): SQL {
    this.decoder = typeof decoder === 'function' ? { mapFromDriverValue: decoder as (v: unknown) => unknown } : decoder;
    return this;
  }

  /** Inline every parameter of this fragment as a literal. */
  inlineParams(): this {
    this.shouldInline = true;
    return this;
  }

  append(query: SQL): this {
    // The chunks no longer say only what the node describes.
    this.node = undefined;
    this.chunks.push(...query.chunks);
    return this;
  }

  /** Returns this fragment when `condition` is truthy, otherwise `undefined` (skipped by `and`/`or`). */
  if(condition: unknown): this | undefined {
    return condition ? this : undefined;
  }
}

export namespace SQL {
  /** An expression with a name, as it appears in a selection list: `expr as "alias"`. */
  export class Aliased<T = unknown, TAlias extends string = string> implements SQLWrapper {
    static readonly [entityKind] = 'SQL.Aliased';
    declare readonly _: { type: T; alias: TAlias };
    constructor(
      readonly sql: SQL<T>,
      readonly fieldAlias: TAlias,
    ) {}
    getSQL(): SQL<T> {
      return this.sql;
    }
  }
}

/** Whether a value can render itself as SQL (a column, table, query, `sql` fragment, ...). */
export function isSQLWrapper(value: unknown): value is SQLWrapper {
  return value !== null && typeof value === 'object' && typeof (value as SQLWrapper).getSQL === 'function';
}

/** Wraps a plain value into a `Param`, leaving SQL objects and placeholders alone. */
export function bindIfParam(value: unknown, encoder?: DriverValueEncoder): unknown {
  if (value instanceof Param || value instanceof Placeholder || value instanceof SQL || value instanceof Name || value instanceof StringChunk || isSQLWrapper(value)) {
    return value;
  }
  return new Param(value, encoder);
}

/**
 * The `sql` tag: builds a SQL fragment from a template. Interpolated columns and tables become
 * identifiers, other SQL is embedded, and every other value becomes a bound parameter.
 *
 * @example
 * const older = sql<number>`${users.age} + 1`;
 */
export function sql<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): SQL<T> {
  const chunks: Chunk[] = [];
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    if (s.length > 0) chunks.push(new StringChunk(s));
    if (i < values.length) {
      const v = values[i];
      if (Array.isArray(v)) chunks.push(v.map((x) => bindIfParam(x)));
      else chunks.push(bindIfParam(v));
    }
  }
  return new SQL<T>(chunks);
}

export namespace sql {
  /** An empty fragment, useful to start an `append` chain. */
  export function empty(): SQL {
    return new SQL([]);
  }
  /** Raw SQL text, not escaped. Never pass user input here. */
  export function raw<T = unknown>(text: string): SQL<T> {
    return new SQL<T>([new StringChunk(text)]);
  }
  /** Joins fragments with an optional separator (`sql.raw(', ')` or a plain string). */
  export function join(chunks: unknown[], separator?: SQL | string): SQL {
    const out: Chunk[] = [];
    const sep = separator === undefined ? undefined : typeof separator === 'string' ? new StringChunk(separator) : separator;
    chunks.forEach((c, i) => {
      if (i > 0 && sep !== undefined) out.push(sep);
      out.push(bindIfParam(c));
    });
    return new SQL(out);
  }
  /** A quoted identifier. */
  export function identifier(name: string): SQL {
    return new SQL([new Name(name)]);
  }
  /** A named slot for prepared queries, filled by `execute({ name: value })`. */
  export function placeholder<TName extends string>(name: TName): Placeholder<TName> {
    return new Placeholder(name);
  }
  /** A bound parameter, optionally encoded like a column. */
  export function param<T>(value: T, encoder?: DriverValueEncoder): Param<T> {
    return new Param(value, encoder);
  }
}

/** A value or an SQL expression in its place. */
export type SQLOrValue<T> = T | SQL | SQLWrapper | Placeholder;

/**
 * A named slot for prepared queries, the same as `sql.placeholder(name)`.
 *
 * @example
 * const byId = db.select().from(users).where(eq(users.id, placeholder('id'))).prepare();
 * await byId.execute({ id: 1 });
 */
export function placeholder<TName extends string>(name: TName): Placeholder<TName> {
  return new Placeholder(name);
}

/** A bound parameter, the same as `sql.param(value, encoder)`. */
export function param<T>(value: T, encoder?: DriverValueEncoder): Param<T> {
  return new Param(value, encoder);
}

/** A quoted identifier as a chunk of SQL: `sql\`select * from ${name('users')}\``. */
export function name(value: string): Name {
  return new Name(value);
}
