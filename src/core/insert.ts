import { Column } from './column.js';
import type { UpsertClause } from './dialect.js';
import { entityKind } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { columnForKey, renderReturning, returningConfig, returningMapper, type ReturningConfig } from './returning.js';
import type { SelectResultFields } from './select-types.js';
import type { NoReturning, OnlyMySql } from './write-tail.js';
import type { SelectQuery } from './select.js';
import type { PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import { Param, Placeholder, SQL, type SQLWrapper } from './sql.js';
import { Table, TableMeta, type AnyTable, type InferInsertModel, type InferSelectModel } from './table.js';

/** A row for insert: each value may also be SQL or a placeholder. */
export type InsertValue<TTable extends AnyTable> = {
  [K in keyof InferInsertModel<TTable>]: InferInsertModel<TTable>[K] | SQL | Placeholder;
};

/** The `set` object of an update or upsert: any subset of columns. */
export type UpdateSet<TTable extends AnyTable> = {
  [K in keyof TTable['_']['columns']]?: (TTable['_']['columns'][K]['_']['notNull'] extends true ? TTable['_']['columns'][K]['_']['data'] : TTable['_']['columns'][K]['_']['data'] | null) | SQL | Placeholder | undefined;
};

/** `excluded.name`: the value proposed for insertion, inside an upsert's `set`. */
export class ExcludedRef {
  static readonly [entityKind] = 'ExcludedRef';
  constructor(readonly key: string) {}
}

/**
 * The row that failed to insert, in an upsert's update: `excluded.name`.
 *
 * @example
 * db.insert(users).values(row).onConflict(onConflict(users.email).doUpdateSet({ name: excluded.name }));
 */
export const excluded: Record<string, SQL> = new Proxy({} as Record<string, SQL>, {
  get: (_t, key) => (typeof key === 'string' ? new SQL([new ExcludedRef(key)]) : undefined),
});

/** A conflict clause built with `onConflict(target)`: `.doNothing()` or `.doUpdateSet({...})`. */
export class OnConflictClause {
  static readonly [entityKind] = 'OnConflictClause';
  constructor(
    readonly target: Column[],
    readonly action: { kind: 'nothing' } | { kind: 'update'; set: Record<string, unknown>; where?: SQLWrapper },
  ) {}
}

/** Starts a conflict clause for `insert(...).onConflict(...)`. */
export function onConflict(...target: Column[]) {
  return {
    doNothing: () => new OnConflictClause(target, { kind: 'nothing' }),
    doUpdateSet: (set: Record<string, unknown>, where?: SQLWrapper) => new OnConflictClause(target, { kind: 'update', set, where }),
  };
}

interface InsertConfig {
  table: Table;
  rows: Record<string, unknown>[] | undefined;
  select: SQLWrapper | undefined;
  upsert: (Omit<UpsertClause, 'set'> & { set: Record<string, unknown> | undefined }) | undefined;
  returning: ReturningConfig | undefined;
  returningId?: [key: string, column: Column][];
  ignore: boolean;
}

/** What an insert needs of the database it came from to run in chunks. */
export interface InsertOwner {
  transaction(fn: (tx: never) => unknown): unknown;
}

/** How many columns an insert of these rows writes (what renderValues binds per row). */
function writtenColumns(table: Table, rows: Record<string, unknown>[]): number {
  const columns = table[TableMeta].columns;
  let n = 0;
  for (const key in columns) {
    const col = columns[key]!;
    if (col.defaultFn !== undefined || col.onUpdateFn !== undefined) {
      n++;
      continue;
    }
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]![key] !== undefined) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** What `$returningId()` gives per row: the table's primary-key columns. */
export type ReturningId<TTable extends AnyTable> = {
  [K in keyof TTable['_']['columns'] as TTable['_']['columns'][K]['_']['isPrimaryKey'] extends true ? K : never]: TTable['_']['columns'][K]['_']['data'];
};

/** `db.insert(table)`: waits for `.values()` or `.select()`. */
export class InsertBuilder<TTable extends AnyTable, TRunResult, TDialect extends string = string> {
  static readonly [entityKind] = 'InsertBuilder';
  constructor(
    private readonly session: Session | undefined,
    private readonly table: TTable,
    /** The database or transaction it came from: an insert too large for one statement runs its chunks in a transaction there. */
    private readonly owner?: InsertOwner,
  ) {}

  /** One row or many. */
  values(values: InsertValue<TTable> | InsertValue<TTable>[]): InsertQuery<TTable, TRunResult, undefined, TDialect> {
    const rows = (Array.isArray(values) ? values : [values]) as Record<string, unknown>[];
    if (rows.length === 0) throw new SchemaError(`insert into "${this.table[TableMeta].name}": values() needs at least one row`);
    return new InsertQuery(this.session, { table: this.table, rows, select: undefined, upsert: undefined, returning: undefined, ignore: false }, this.owner);
  }

  /** `insert into ... select ...`: the select's fields must match the table's columns in order. */
  select(query: SQLWrapper | ((qb: unknown) => SQLWrapper)): InsertQuery<TTable, TRunResult, undefined, TDialect> {
    const q = typeof query === 'function' ? query(undefined) : query;
    return new InsertQuery(this.session, { table: this.table, rows: undefined, select: q, upsert: undefined, returning: undefined, ignore: false });
  }
}

/** An insert statement. */
export class InsertQuery<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string = string> extends QueryBase<TReturning extends undefined ? TRunResult : TReturning[], TDialect, TRunResult> {
  static override readonly [entityKind]: string = 'InsertQuery';

  constructor(
    session: Session | undefined,
    /** @internal */ readonly config: InsertConfig,
    private readonly owner?: InsertOwner,
  ) {
    super(session);
  }

  /**
   * Rows split so that no statement binds more parameters than the dialect allows, or undefined
   * when one statement holds them all. Each row binds one parameter per column written (an SQL
   * value counts as one).
   */
  private chunks(r: Renderer): Record<string, unknown>[][] | undefined {
    const rows = this.config.rows;
    if (!rows || rows.length < 2) return undefined;
    // Worked out once per query: then() and execute() both ask.
    if (this.chunked !== undefined && this.chunked.rows === rows && this.chunked.max === r.dialect.maxParams) return this.chunked.out;
    const out = this.split(rows, r.dialect.maxParams);
    this.chunked = { rows, max: r.dialect.maxParams, out };
    return out;
  }
  private chunked: { rows: Record<string, unknown>[]; max: number; out: Record<string, unknown>[][] | undefined } | undefined;

  private split(rows: Record<string, unknown>[], max: number): Record<string, unknown>[][] | undefined {
    const perRow = writtenColumns(this.config.table, rows);
    if (perRow === 0 || rows.length * perRow <= max) return undefined;
    const size = Math.max(1, Math.floor(max / perRow));
    const out: Record<string, unknown>[][] = [];
    for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
    return out;
  }

  /** Runs the chunks of a large insert in one transaction; returned rows (or ids) are concatenated. */
  private runChunked(chunks: Record<string, unknown>[][]): unknown {
    const owner = this.owner;
    if (!owner) throw new SchemaError(`insert into "${this.config.table[TableMeta].name}": too many parameters for one statement, and no database to chunk it in`);
    const sync = this.session?.conn.sync !== undefined;
    const body = (tx: InsertOwner) => {
      const queries = chunks.map((rows) => new InsertQuery<TTable, TRunResult, TReturning, TDialect>((tx as unknown as { session: Session }).session, { ...this.config, rows }));
      const merge = (results: unknown[]) => (this.config.returning || this.config.returningId ? results.flat() : results[results.length - 1]);
      if (sync) return merge(queries.map((q) => q.runSyncWhole()));
      return (async () => {
        const results: unknown[] = [];
        for (const q of queries) results.push(await q.execute());
        return merge(results);
      })();
    };
    return owner.transaction(body as never);
  }

  /** @internal one statement, synchronously (better-sqlite3), shaped like `execute()`'s result. */
  runSyncWhole(): unknown {
    const session = this.requireSession();
    return this.runOneSync(session, this._compile(session.renderer));
  }

  private runOneSync(session: Session, q: CompiledQuery): unknown {
    if (q.mapper) return session.allSync(q);
    const result = session.runSync(q);
    return this.config.returningId ? returnedIds(this.config.rows!, this.config.returningId, result, this.config.ignore || this.config.upsert !== undefined) : result;
  }

  protected override _runSync(session: Session, q: CompiledQuery) {
    return this.runOneSync(session, q) as never;
  }

  override then<R1 = TReturning extends undefined ? TRunResult : TReturning[], R2 = never>(
    onfulfilled?: ((value: TReturning extends undefined ? TRunResult : TReturning[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // An insert that needs chunks takes execute()'s path, which runs them in a transaction.
    const session = this.session;
    if (session !== undefined && this.config.rows !== undefined && this.config.rows.length > 1 && this.chunks(session.renderer) !== undefined) {
      return this.execute().then(onfulfilled, onrejected);
    }
    return super.then(onfulfilled, onrejected);
  }

  override execute(values?: Record<string, unknown>): Promise<TReturning extends undefined ? TRunResult : TReturning[]> {
    const session = this.requireSession();
    let chunks: Record<string, unknown>[][] | undefined;
    try {
      chunks = this.chunks(session.renderer);
      if (chunks) return Promise.resolve(this.runChunked(chunks)) as never;
    } catch (e) {
      return Promise.reject(e);
    }
    return super.execute(values);
  }

  /** Returns the inserted rows, whole or as a partial selection (not on MySQL: see `$returningId()`). */
  returning(this: NoReturning<TDialect, this>): InsertQuery<TTable, TRunResult, InferSelectModel<TTable>, TDialect>;
  returning<TSelection extends Record<string, unknown>>(this: NoReturning<TDialect, this>, fields: TSelection): InsertQuery<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect>;
  returning(this: unknown, fields?: Record<string, unknown>): InsertQuery<TTable, TRunResult, unknown, TDialect> {
    const self = this as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.returning = returningConfig(self.config.table, fields);
    return self as never;
  }

  /**
   * MySQL: the primary keys of the inserted rows, `[{ id: 1 }, ...]`, from the server's first
   * insert id for auto-increment keys and from the values given (or `$defaultFn`) otherwise.
   */
  $returningId(this: OnlyMySql<TDialect, this>): InsertQuery<TTable, TRunResult, ReturningId<TTable>, TDialect> {
    const self = this as unknown as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    const c = self.config;
    if (!c.rows) throw new SchemaError(`insert into "${c.table[TableMeta].name}": $returningId() needs values(), not select()`);
    const keys = Object.entries(c.table[TableMeta].columns).filter(([, col]) => col.primary);
    if (keys.length === 0) throw new SchemaError(`insert into "${c.table[TableMeta].name}": $returningId() needs a primary-key column`);
    // Keys made in JavaScript are made now, so the statement and the result carry the same ones.
    c.rows = c.rows.map((row) => {
      let out = row;
      for (const [key, col] of keys) if (row[key] === undefined && col.defaultFn) out = { ...out, [key]: col.defaultFn() };
      return out;
    });
    c.returningId = keys;
    return self as never;
  }

  /** MySQL: `insert ignore`, which skips rows that would violate a unique key. */
  ignore(this: OnlyMySql<TDialect, this>): this {
    const self = this as unknown as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.ignore = true;
    return self as never;
  }

  /** MySQL: `on duplicate key update set ...`, applied when the row hits any unique key. */
  onDuplicateKeyUpdate(this: OnlyMySql<TDialect, this>, config: { set: UpdateSet<TTable> }): this {
    const self = this as unknown as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.upsert = { kind: 'duplicateKey', target: undefined, targetWhere: undefined, set: config.set as Record<string, unknown>, setWhere: undefined };
    return self as never;
  }

  /** `on conflict [target] do nothing`. */
  onConflictDoNothing(config: { target?: Column | Column[]; where?: SQLWrapper } = {}): this {
    this.config.upsert = { kind: 'nothing', target: toList(config.target), targetWhere: config.where?.getSQL(), set: undefined, setWhere: undefined };
    return this;
  }

  /** `on conflict (target) do update set ...`. */
  onConflictDoUpdate(config: { target: Column | Column[]; set: UpdateSet<TTable>; targetWhere?: SQLWrapper; setWhere?: SQLWrapper; where?: SQLWrapper }): this {
    this.config.upsert = {
      kind: 'update',
      target: toList(config.target),
      targetWhere: config.targetWhere?.getSQL(),
      set: config.set as Record<string, unknown>,
      setWhere: (config.setWhere ?? config.where)?.getSQL(),
    };
    return this;
  }

  /** Takes a clause from `onConflict(column).doUpdateSet({...})` or `.doNothing()`. */
  onConflict(clause: OnConflictClause): this {
    if (clause.action.kind === 'nothing') return this.onConflictDoNothing({ target: clause.target });
    return this.onConflictDoUpdate({ target: clause.target, set: clause.action.set as UpdateSet<TTable>, setWhere: clause.action.where });
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    const c = this.config;
    const table = c.table;
    const d = r.dialect;
    if (c.ignore && !d.insertIgnore) throw new UnsupportedError(`${d.name}: insert ... ignore() is not supported; use onConflictDoNothing()`);
    ctx.s += c.ignore ? `${d.insertIgnore} ` : 'insert into ';
    ctx.s += r.tableName(table);
    const prevQualify = ctx.qualify;
    ctx.qualify = false;
    if (c.select !== undefined) {
      ctx.s += ' (';
      ctx.s += insertableColumns(table).map((col) => r.bare(col)).join(', ');
      ctx.s += ') ';
      const sel = c.select as SelectQuery;
      ctx.qualify = true;
      if (typeof sel._render === 'function') sel._render(r, ctx, false);
      else r.chunk(ctx, c.select);
    } else {
      renderValues(r, ctx, table, c.rows!);
    }
    ctx.qualify = prevQualify;
    if (c.upsert) {
      if (!d.upsert) throw new UnsupportedError(`${d.name}: upsert is not supported`);
      const set = c.upsert.set ? setPairs(r, table, c.upsert.set, 'insert into') : undefined;
      // Conditions and values of the update part refer to the existing row by table name.
      ctx.qualify = true;
      ctx.s += d.upsert({ ...c.upsert, set }, {
        expr: (v) => {
          const start = ctx.s.length;
          if (v instanceof SQL) renderWithExcluded(r, ctx, table, v);
          else r.chunk(ctx, v);
          const out = ctx.s.slice(start);
          ctx.s = ctx.s.slice(0, start);
          return out;
        },
        bare: (v) => r.bare(v as Column),
        primaryKey: () => Object.values(table[TableMeta].columns).filter((col) => col.primary).map((col) => r.bare(col)),
      });
      ctx.qualify = prevQualify;
    }
    if (c.returning) renderReturning(r, ctx, table, c.returning);
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    return this.config.returning ? returningMapper(r, this.config.table, this.config.returning) : undefined;
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    if (q.mapper) return (await session.all(q, values)) as never;
    const result = await session.run(q, values);
    return (this.config.returningId ? returnedIds(this.config.rows!, this.config.returningId, result, this.config.ignore || this.config.upsert !== undefined) : result) as never;
  }
}

/**
 * The keys of inserted rows: given values as they are, auto-increment values counted up from the
 * server's first insert id (MySQL assigns a multi-row insert consecutive ids). With `ignore()` or
 * an upsert the server may skip or update rows, so only as many keys as it reports affected rows
 * are returned, and none when it inserted nothing (insert id 0).
 */
function returnedIds(rows: Record<string, unknown>[], keys: [string, Column][], result: unknown, partial: boolean): Record<string, unknown>[] {
  const header = (Array.isArray(result) ? result[0] : result) as { insertId?: number | bigint; affectedRows?: number } | undefined;
  const first = header?.insertId;
  let next = typeof first === 'bigint' ? Number(first) : (first ?? 0);
  if (partial) {
    const counted = keys.some(([key]) => rows.some((row) => row[key] === undefined || row[key] instanceof SQL));
    if (counted && next === 0) return [];
    rows = rows.slice(0, Math.max(0, Math.min(rows.length, header?.affectedRows ?? rows.length)));
  }
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    let counted = false;
    for (const [key] of keys) {
      const v = row[key];
      if (v !== undefined && !(v instanceof SQL)) out[key] = v;
      else {
        out[key] = next;
        counted = true;
      }
    }
    if (counted) next++;
    return out;
  });
}

function toList(target: Column | Column[] | undefined): Column[] | undefined {
  if (target === undefined) return undefined;
  return Array.isArray(target) ? target : [target];
}

/** Columns an insert may write: all but generated ones and `always` identities. */
export function insertableColumns(table: Table): Column[] {
  return Object.values(table[TableMeta].columns).filter((c) => c.generated === undefined && c.identity?.type !== 'always');
}

function renderValues(r: Renderer, ctx: RenderContext, table: Table, rows: Record<string, unknown>[]): void {
  const meta = table[TableMeta];
  const tableName = meta.name;
  const columns = meta.columns;
  // Columns written: those any row gives, plus those with a JavaScript default.
  const used: [string, Column][] = [];
  for (const key in columns) {
    const col = columns[key]!;
    let present = col.defaultFn !== undefined || col.onUpdateFn !== undefined;
    for (let i = 0; i < rows.length && !present; i++) if (rows[i]![key] !== undefined) present = true;
    if (!present) {
      if (col.notNull && !col.hasDefault && col.generated === undefined) {
        throw new SchemaError(`insert into "${tableName}": missing value for not-null column "${key}" in row 0`);
      }
      continue;
    }
    if (col.generated !== undefined) throw new SchemaError(`insert into "${tableName}": column "${key}" is generated and cannot be written`);
    used.push([key, col]);
  }
  for (const row of rows) {
    for (const key in row) if (!(key in columns)) throw new SchemaError(`insert into "${tableName}": unknown column "${key}"`);
  }
  if (used.length === 0) {
    if (rows.length > 1) throw new SchemaError(`insert into "${tableName}": several rows with no values`);
    ctx.s += r.dialect.defaultValues;
    return;
  }
  ctx.s += ' (';
  for (let i = 0; i < used.length; i++) ctx.s += (i > 0 ? ', ' : '') + r.bare(used[i]![1]);
  ctx.s += ') values ';
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri]!;
    ctx.s += ri > 0 ? ', (' : '(';
    for (let i = 0; i < used.length; i++) {
      if (i > 0) ctx.s += ', ';
      const [key, col] = used[i]!;
      let v = row[key];
      if (v === undefined) {
        if (col.defaultFn !== undefined) v = col.defaultFn();
        else if (col.onUpdateFn !== undefined) v = col.onUpdateFn();
      }
      if (v === undefined) {
        if (col.notNull && !col.hasDefault) throw new SchemaError(`insert into "${tableName}": missing value for not-null column "${key}" in row ${ri}`);
        if (r.dialect.defaultKeyword !== undefined) ctx.s += r.dialect.defaultKeyword;
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
      } else {
        ctx.s += r.bind(ctx, v, col.encodes ? col : undefined);
      }
    }
    ctx.s += ')';
  }
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

/** Resolves `set` objects to `[quoted column, value]` pairs, adding `$onUpdate` columns. */
export function setPairs(r: Renderer, table: Table, set: Record<string, unknown>, what: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const key in set) {
    const v = set[key];
    if (v === undefined) continue;
    const col = columnForKey(table, key, what);
    if (col.generated !== undefined) throw new SchemaError(`${what} "${table[TableMeta].name}": column "${key}" is generated and cannot be written`);
    out.push([r.bare(col), v instanceof SQL || v instanceof SQL.Aliased ? v : v instanceof Placeholder ? new ParamPlaceholder(v, col) : new Param(v, col.encodes ? col : undefined)]);
  }
  const columns = table[TableMeta].columns;
  for (const key in columns) {
    const col = columns[key]!;
    if (col.onUpdateFn !== undefined && set[key] === undefined) {
      const v = col.onUpdateFn();
      out.push([r.bare(col), v instanceof SQL ? v : new Param(v, col.encodes ? col : undefined)]);
    }
  }
  if (out.length === 0) throw new SchemaError(`${what} "${table[TableMeta].name}": nothing to set`);
  return out;
}

/** Renders SQL in which `excluded.x` refers to the insert's table columns. */
function renderWithExcluded(r: Renderer, ctx: RenderContext, table: Table, s: SQL): void {
  for (const c of s.chunks) {
    if (c instanceof ExcludedRef) {
      const col = table[TableMeta].columns[c.key];
      const name = col ? r.columnName(col) : c.key;
      ctx.s += r.dialect.excluded(r.dialect.quote(name));
    } else if (c instanceof SQL) {
      renderWithExcluded(r, ctx, table, c);
    } else {
      r.chunk(ctx, c);
    }
  }
}
