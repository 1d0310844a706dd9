import { afterWrite, collectTables, type CacheTables } from './cache-run.js';
import { cacheTableName } from './cache.js';
import type { Column } from './column.js';
import type { UpsertClause, UpsertRenderer } from './dialect.js';
import { entityKind } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { QueryBase, withBuilderState } from './query-base.js';
import { RenderContext, type Renderer } from './render.js';
import { renderReturning, returningConfig, returningMapper, type ReturningConfig } from './returning.js';
import type { SelectResultFields } from './select-types.js';
import { checkSelectKeys, insertableColumns, renderRow, renderValues, setPairs, writtenColumnsOf, writtenWhenMissing } from './insert-values.js';
import { paramsOf, splitRows } from './insert-chunks.js';
import { renderWriteHead, type NoReturning, type OnlyMsSql, type OnlyMySql } from './write-tail.js';
import type { SelectQuery } from './select.js';
import type { Subquery } from './subquery.js';
import { QueryBuilder } from './view.js';
import type { PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import { Param, type Placeholder, SQL, type SQLWrapper } from './sql.js';
import { type Table, TableMeta, type AnyTable, type InferInsertModel, type InferSelectModel } from './table.js';

/** A row for insert: each value may also be SQL or a placeholder. */
export type InsertValue<TTable extends AnyTable> = {
  [K in keyof InferInsertModel<TTable>]: InferInsertModel<TTable>[K] | SQL | Placeholder;
};

/** The `set` object of an update or upsert: any subset of columns; a column or SQL is written as an expression. */
export type UpdateSet<TTable extends AnyTable> = {
  [K in keyof TTable['_']['columns']]?: (TTable['_']['columns'][K]['_']['notNull'] extends true ? TTable['_']['columns'][K]['_']['data'] : TTable['_']['columns'][K]['_']['data'] | null) | SQL | Column | Placeholder | undefined;
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

type UpsertConfig = Omit<UpsertClause, 'set'> & { set: Record<string, unknown> | undefined };

interface InsertConfig {
  table: Table;
  rows: Record<string, unknown>[] | undefined;
  select: SQLWrapper | undefined;
  upsert: UpsertConfig | undefined;
  /** Earlier conflict clauses, for dialects that allow several (SQLite); the last one is `upsert`. */
  upsertsBefore?: UpsertConfig[];
  /** CTEs from `db.with(...)`. */
  withList?: Subquery[];
  /** PostgreSQL `overriding system value`: values for `generated always` identity columns. */
  overriding?: boolean;
  returning: ReturningConfig | undefined;
  returningId?: [key: string, column: Column][];
  ignore: boolean;
}

/** What an insert needs of the database it came from to run in chunks. */
export interface InsertOwner {
  transaction(fn: (tx: never) => unknown): unknown;
}

/** What `$returningId()` gives per row: the table's primary-key columns. */
export type ReturningId<TTable extends AnyTable> = {
  [K in keyof TTable['_']['columns'] as TTable['_']['columns'][K]['_']['isPrimaryKey'] extends true ? K : never]: TTable['_']['columns'][K]['_']['data'];
};

/** `db.insert(table)`: waits for `.values()` or `.select()`. */
export class InsertBuilder<TTable extends AnyTable, TRunResult, TDialect extends string = string, TOverriding extends boolean = false, TOutput = undefined> {
  static readonly [entityKind] = 'InsertBuilder';
  private overriding = false;
  /** SQL Server's `output()` given before `values()`: the fields, or null for the whole row. */
  private outputFields: Record<string, unknown> | null | undefined = undefined;
  constructor(
    private readonly session: Session | undefined,
    private readonly table: TTable,
    /** The database or transaction it came from: an insert too large for one statement runs its chunks in a transaction there. */
    private readonly owner?: InsertOwner,
    /** CTEs from `db.with(...)`. */
    private readonly withList: Subquery[] = [],
  ) {}

  /**
   * PostgreSQL: `insert ... overriding system value`, so that values given for `generated always
   * as identity` columns are used instead of the sequence's.
   */
  overridingSystemValue(this: OnlyPg<TDialect, this>): Omit<InsertBuilder<TTable, TRunResult, TDialect, true>, 'overridingSystemValue'> {
    const self = this as unknown as InsertBuilder<TTable, TRunResult, TDialect, TOverriding>;
    self.overriding = true;
    return withBuilderState(self);
  }

  /** MySQL: `insert ignore`, which skips rows that would violate a unique key (Drizzle's `db.insert(t).ignore().values(...)`). */
  ignore(this: OnlyMySql<TDialect, this>): this {
    const self = this as unknown as InsertBuilder<TTable, TRunResult, TDialect, TOverriding>;
    self.ignoring = true;
    return withBuilderState(self);
  }
  private ignoring = false;

  /**
   * SQL Server: `output inserted.*` (or the given fields), as Drizzle's MSSQL API writes it before
   * `values()`; the inserted rows are then the result.
   *
   * @example
   * const [row] = await db.insert(cars).output({ id: cars.id }).values({ brand: 'BMW' });
   */
  output(this: OnlyMsSql<TDialect, unknown>): Omit<InsertBuilder<TTable, TRunResult, TDialect, TOverriding, InferSelectModel<TTable>>, 'output'>;
  output<TSelection extends Record<string, unknown>>(this: OnlyMsSql<TDialect, unknown>, fields: TSelection): Omit<InsertBuilder<TTable, TRunResult, TDialect, TOverriding, SelectResultFields<TSelection, {}>>, 'output'>;
  output(fields?: Record<string, unknown>): unknown {
    this.outputFields = fields ?? null;
    return this;
  }

  /** One row or many. */
  values(values: InsertValueOf<TTable, TOverriding> | InsertValueOf<TTable, TOverriding>[]): InsertQuery<TTable, TRunResult, TOutput, TDialect> {
    const rows = (Array.isArray(values) ? values : [values]) as Record<string, unknown>[];
    if (rows.length === 0) throw new SchemaError(`insert into "${this.table[TableMeta].name}": values() needs at least one row`);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row === null || typeof row !== 'object') throw new SchemaError(`insert into "${this.table[TableMeta].name}": row ${i} is not an object`);
    }
    return new InsertQuery<TTable, TRunResult, TOutput, TDialect>(this.session, this.config({ rows, select: undefined }), this.owner);
  }

  /**
   * `insert into ... select ...`: the select's fields must match the table's columns in order.
   * Takes a select, raw SQL, or a callback that builds the select from a query builder.
   */
  select(query: SQLWrapper | ((qb: QueryBuilder) => SQLWrapper)): InsertQuery<TTable, TRunResult, TOutput, TDialect> {
    const q = typeof query === 'function' ? query(new QueryBuilder()) : query;
    if (!(q instanceof SQL) && typeof (q as Partial<SelectQuery>)._selection === 'function') checkSelectKeys(this.table, (q as SelectQuery)._selection(), this.overriding);
    return new InsertQuery<TTable, TRunResult, TOutput, TDialect>(this.session, this.config({ rows: undefined, select: q }));
  }

  private config(source: { rows: Record<string, unknown>[] | undefined; select: SQLWrapper | undefined }): InsertConfig {
    const c: InsertConfig = { table: this.table, ...source, upsert: undefined, returning: undefined, ignore: this.ignoring };
    if (this.outputFields !== undefined) c.returning = returningConfig(this.table, this.outputFields ?? undefined);
    if (this.withList.length > 0) c.withList = this.withList;
    if (this.overriding) c.overriding = true;
    return c;
  }
}

/** A row for insert; with `overridingSystemValue()` it may also give `generated always` identity columns. */
export type InsertValueOf<TTable extends AnyTable, TOverriding extends boolean> = TOverriding extends true
  ? InsertValue<TTable> & { [K in keyof TTable['_']['columns'] as TTable['_']['columns'][K]['_']['identity'] extends 'always' ? K : never]?: TTable['_']['columns'][K]['_']['data'] | SQL | Placeholder }
  : InsertValue<TTable>;

/** Methods that only PostgreSQL has name the dialect in the type elsewhere. */
type OnlyPg<TDialect extends string, T> = TDialect extends 'pg' ? T : { [K in `only PostgreSQL has this method, not ${TDialect}`]: never };

/** What an insert resolves to: the returned rows with `returning()`, else the driver's run result. */
type InsertResult<TRunResult, TReturning> = TReturning extends undefined ? TRunResult : TReturning[];

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
    const out = splitRows(r, this.config.table, rows, () => this.fixedParams(r, rows[0]!), r.dialect.maxParams, r.dialect.maxInsertRows);
    this.chunked = { rows, max: r.dialect.maxParams, out };
    return out;
  }
  private chunked: { rows: Record<string, unknown>[]; max: number; out: Record<string, unknown>[][] | undefined } | undefined;

  /**
   * Parameters of the statement outside its rows: a one-row statement rendered with a stand-in for
   * each value (so no `$defaultFn` runs for it), less the parameters of that row.
   */
  private fixedParams(r: Renderer, first: Record<string, unknown>): number {
    const c = this.config;
    if (c.upsert === undefined && (c.withList === undefined || c.withList.length === 0) && c.returning === undefined) return 0;
    const columns = c.table[TableMeta].columns;
    const probe: Record<string, unknown> = {};
    let own = 0;
    for (const key in columns) {
      const v = first[key];
      if (v === undefined && !writtenWhenMissing(columns[key]!, r.dialect)) continue;
      const stand = v === undefined || paramsOf(r, v) === 1 ? new Param(null) : v;
      probe[key] = stand;
      own += paramsOf(r, stand);
    }
    const ctx = new RenderContext();
    new InsertQuery(this.session, { ...c, rows: [probe] })._render(r, ctx);
    return Math.max(0, ctx.params.length - own);
  }

  /** Runs the chunks of a large insert in one transaction; returned rows (or ids) are concatenated. */
  private runChunked(chunks: Record<string, unknown>[][]): unknown {
    const owner = this.owner;
    if (!owner) throw new SchemaError(`insert into "${this.config.table[TableMeta].name}": too many parameters for one statement, and no database to chunk it in`);
    // An awaited insert while a transaction holds a synchronous driver's connection waits its turn.
    const sync = this.session?.conn.sync !== undefined && !this.session.gate?.held;
    const prepare = (tx: InsertOwner) => {
      const session = (tx as unknown as { session: Session }).session;
      const queries = chunks.map((rows) => new InsertQuery<TTable, TRunResult, TReturning, TDialect>(session, { ...this.config, rows }));
      const merge = (results: unknown[]) => this._mergeChunks(results, session.conn.combineRuns?.bind(session.conn));
      return { queries, merge };
    };
    if (sync) {
      return owner.transaction((tx: InsertOwner) => {
        const { queries, merge } = prepare(tx);
        return merge(queries.map((q) => q.runSyncWhole()));
      });
    }
    // An async function, so that on a single connection it may wait for the transaction before it.
    return owner.transaction(async (tx: InsertOwner) => {
      const { queries, merge } = prepare(tx);
      const results: unknown[] = [];
      for (const q of queries) results.push(await q.execute());
      return merge(results);
    });
  }

  /**
   * @internal The statements of an insert too large for one, as inserts of their own, or undefined:
   * `db.batch()` sends them with the rest of the batch, in its transaction.
   */
  _chunkQueries(r: Renderer): InsertQuery<TTable, TRunResult, TReturning, TDialect>[] | undefined {
    return this.chunks(r)?.map((rows) => new InsertQuery<TTable, TRunResult, TReturning, TDialect>(this.session, { ...this.config, rows }));
  }

  /** @internal The chunks' results as one insert's: returned rows (or ids) concatenated, run results combined by the driver. */
  _mergeChunks(results: unknown[], combineRuns: ((results: unknown[]) => unknown) | undefined): unknown {
    if (this.config.returning || this.config.returningId) return results.flat();
    return combineRuns ? combineRuns(results) : results[results.length - 1];
  }

  /** @internal one statement, synchronously (better-sqlite3), shaped like `execute()`'s result. */
  runSyncWhole(): unknown {
    const session = this.requireSession();
    return this.runOneSync(session, this._compile(session.renderer));
  }

  private runOneSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>): unknown {
    if (q.mapper) return session.allSync(q, values);
    const result = session.runSync(q, values);
    return this.config.returningId ? this.returnedIds(session, result) : result;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    // With returning(), the mapper shaped the rows as the type says; without, the driver's result is the run result.
    return this.runOneSync(session, q, values) as InsertResult<TRunResult, TReturning>;
  }

  // biome-ignore lint/suspicious/noThenProperty: queries are thenables on purpose: `await db.select()...` runs them, as in Drizzle
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
      if (chunks) {
        const done = Promise.resolve(this.runChunked(chunks) as InsertResult<TRunResult, TReturning>);
        // The chunks' transaction may have run synchronously, outside the cache: invalidate here.
        return session.cache === undefined ? done : afterWrite(session.cache, this, done);
      }
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
    return withBuilderState(self);
  }

  /** SQL Server's `output inserted.*` after `values()`: the same as `returning()`. */
  output(this: OnlyMsSql<TDialect, this>): InsertQuery<TTable, TRunResult, InferSelectModel<TTable>, TDialect>;
  output<TSelection extends Record<string, unknown>>(this: OnlyMsSql<TDialect, this>, fields: TSelection): InsertQuery<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect>;
  output(this: unknown, fields?: Record<string, unknown>): InsertQuery<TTable, TRunResult, unknown, TDialect> {
    const self = this as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.returning = returningConfig(self.config.table, fields);
    return withBuilderState(self);
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
    return withBuilderState(self);
  }

  /** MySQL: `insert ignore`, which skips rows that would violate a unique key. */
  ignore(this: OnlyMySql<TDialect, this>): this {
    const self = this as unknown as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.ignore = true;
    return withBuilderState(self);
  }

  /** MySQL: `on duplicate key update set ...`, applied when the row hits any unique key. */
  onDuplicateKeyUpdate(this: OnlyMySql<TDialect, this>, config: { set: UpdateSet<TTable> }): this {
    const self = this as unknown as InsertQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.upsert = { kind: 'duplicateKey', target: undefined, targetWhere: undefined, set: config.set as Record<string, unknown>, setWhere: undefined };
    return withBuilderState(self);
  }

  /** `on conflict [target] do nothing`. */
  onConflictDoNothing(config: { target?: Column | Column[]; where?: SQLWrapper } = {}): this {
    return this.addUpsert({ kind: 'nothing', target: toList(config.target), targetWhere: config.where?.getSQL(), set: undefined, setWhere: undefined });
  }

  /**
   * Adds a conflict clause. SQLite takes several (each chained call adds one, tried in order);
   * elsewhere a statement has one, and the last call wins.
   */
  private addUpsert(clause: UpsertConfig): this {
    const prev = this.config.upsert;
    if (prev !== undefined && prev.kind !== 'duplicateKey') (this.config.upsertsBefore ??= []).push(prev);
    this.config.upsert = clause;
    return this;
  }

  /** `on conflict (target) do update set ...`. */
  onConflictDoUpdate(config: { target: Column | Column[]; set: UpdateSet<TTable>; targetWhere?: SQLWrapper; setWhere?: SQLWrapper; where?: SQLWrapper }): this {
    if (config === null || typeof config !== 'object' || config.set === null || typeof config.set !== 'object') {
      throw new SchemaError(`insert into "${this.config.table[TableMeta].name}": onConflictDoUpdate() takes { target, set }`);
    }
    return this.addUpsert({
      kind: 'update',
      target: toList(config.target),
      targetWhere: config.targetWhere?.getSQL(),
      set: config.set as Record<string, unknown>,
      setWhere: (config.setWhere ?? config.where)?.getSQL(),
    });
  }

  /** Takes a clause from `onConflict(column).doUpdateSet({...})` or `.doNothing()`. */
  onConflict(clause: OnConflictClause): this {
    if (clause.action.kind === 'nothing') return this.onConflictDoNothing({ target: clause.target });
    return this.onConflictDoUpdate({ target: clause.target, set: clause.action.set as UpdateSet<TTable>, setWhere: clause.action.where });
  }

  /** @internal the returned fields as an object: what a CTE over this statement exposes. */
  _selection(): Record<string, unknown> {
    return this.config.returning?.selection ?? {};
  }

  /** @internal `named`: the statement is the body of a CTE. */
  _render(r: Renderer, ctx: RenderContext, named = false): void {
    const c = this.config;
    renderWriteHead(r, ctx, 'insert', c.withList, named);
    const table = c.table;
    const d = r.dialect;
    if (c.ignore && !d.insertIgnore) throw new UnsupportedError(`${d.name}: insert ... ignore() is not supported; use onConflictDoNothing()`);
    if (c.overriding && !d.supportsOverridingSystemValue) throw new UnsupportedError(`${d.name}: overridingSystemValue() is not supported (it is PostgreSQL's)`);
    const prevQualify = ctx.qualify;
    if (c.upsert && d.mergeUpsert && c.rows !== undefined) {
      this.renderMerge(r, ctx, c.upsert);
      return;
    }
    // T-SQL's `output` sits between the column list and the rows; `returning` ends the statement.
    const output = c.returning && d.outputClause ? () => renderReturning(r, ctx, table, c.returning!, false, named, 'inserted') : undefined;
    ctx.s += c.ignore ? `${d.insertIgnore} ` : 'insert into ';
    ctx.s += r.tableName(table);
    ctx.qualify = false;
    if (c.select !== undefined) {
      ctx.s += ' (';
      ctx.s += insertableColumns(table, c.overriding === true)
        .map((col) => r.bare(col))
        .join(', ');
      ctx.s += ')';
      output?.();
      ctx.s += c.overriding ? ' overriding system value ' : ' ';
      const sel = c.select as SelectQuery;
      ctx.qualify = true;
      if (typeof sel._render === 'function') sel._render(r, ctx, false);
      else r.chunk(ctx, c.select);
    } else {
      renderValues(r, ctx, table, c.rows!, c.overriding === true, output);
    }
    ctx.qualify = prevQualify;
    if (c.upsert) {
      if (c.select !== undefined && d.mergeUpsert) throw new UnsupportedError(`${d.name}: an upsert of insert(...).select() is not supported; upsert values() rows`);
      if (c.upsertsBefore !== undefined && d.multipleUpserts) for (const u of c.upsertsBefore) this.renderUpsert(r, ctx, u);
      this.renderUpsert(r, ctx, c.upsert);
    }
    if (c.returning && !output) renderReturning(r, ctx, table, c.returning, false, named);
  }

  /**
   * An upsert written as a statement of its own (SQL Server's `merge`): the rows become the
   * source, which `excluded.x` names, and the dialect assembles the rest.
   */
  private renderMerge(r: Renderer, ctx: RenderContext, upsert: UpsertConfig): void {
    const c = this.config;
    const table = c.table;
    const prevQualify = ctx.qualify;
    ctx.qualify = false;
    const used = writtenColumnsOf(r.dialect, table, c.rows!, false);
    if (used.length === 0) throw new SchemaError(`insert into "${table[TableMeta].name}": an upsert needs at least one column value`);
    const rows = c.rows!.map((row, ri) => capture(ctx, () => renderRow(r, ctx, table, row, ri, used, true)));
    ctx.qualify = prevQualify;
    const parts = { table: r.tableName(table), columns: used.map(([, col]) => r.bare(col)), rows };
    ctx.s += r.dialect.mergeUpsert!(parts, this.upsertClause(r, upsert), this.upsertRenderer(r, ctx));
    // The output clause closes the statement, after every branch of the merge.
    if (c.returning) {
      const end = ctx.s.endsWith(';') ? ';' : '';
      if (end) ctx.s = ctx.s.slice(0, -1);
      renderReturning(r, ctx, table, c.returning, false, false, 'inserted');
      ctx.s += end;
    }
  }

  private upsertClause(r: Renderer, upsert: UpsertConfig): UpsertClause {
    const set = upsert.set ? setPairs(r, this.config.table, upsert.set, 'insert into') : undefined;
    return { ...upsert, set };
  }

  private upsertRenderer(r: Renderer, ctx: RenderContext): UpsertRenderer {
    const table = this.config.table;
    return {
      expr: (v) => {
        // Conditions and values of the update part refer to the existing row by table name.
        const prevQualify = ctx.qualify;
        ctx.qualify = true;
        const out = capture(ctx, () => {
          if (v instanceof SQL) renderWithExcluded(r, ctx, table, v);
          else r.chunk(ctx, v);
        });
        ctx.qualify = prevQualify;
        return out;
      },
      bare: (v) => r.bare(v as Column),
      primaryKey: () =>
        Object.values(table[TableMeta].columns)
          .filter((col) => col.primary)
          .map((col) => r.bare(col)),
    };
  }

  private renderUpsert(r: Renderer, ctx: RenderContext, upsert: UpsertConfig): void {
    const d = r.dialect;
    if (!d.upsert) throw new UnsupportedError(`${d.name}: upsert is not supported`);
    ctx.s += d.upsert(this.upsertClause(r, upsert), this.upsertRenderer(r, ctx));
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    return this.config.returning ? returningMapper(r, this.config.table, this.config.returning) : undefined;
  }

  /** `$returningId()`'s rows, read from the driver's result by the dialect that knows its shape. */
  private returnedIds(session: Session, result: unknown): Record<string, unknown>[] {
    const d = session.renderer.dialect;
    if (!d.returnedIds) throw new UnsupportedError(`${d.name}: $returningId() is MySQL only; use returning()`);
    const c = this.config;
    return d.returnedIds(result, { rows: c.rows!, keys: c.returningId!.map(([key]) => key), partial: c.ignore || c.upsert !== undefined });
  }

  /** @internal The table written, and any written by its CTEs, for `drizzle({ cache })`. */
  override _cacheTables(acc: CacheTables): void {
    acc.writes.add(cacheTableName(this.config.table));
    collectTables(this.config.withList, acc);
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    // With returning(), the mapper shaped the rows as the type says; without, the driver's result is the run result.
    if (q.mapper) return (await session.all(q, values)) as InsertResult<TRunResult, TReturning>;
    const result = await session.run(q, values);
    return (this.config.returningId ? this.returnedIds(session, result) : result) as InsertResult<TRunResult, TReturning>;
  }
}

/** Renders on the side and returns the text; parameters are bound in place, in order. */
function capture(ctx: RenderContext, render: () => void): string {
  const start = ctx.s.length;
  render();
  const out = ctx.s.slice(start);
  ctx.s = ctx.s.slice(0, start);
  return out;
}

function toList(target: Column | Column[] | undefined): Column[] | undefined {
  if (target === undefined) return undefined;
  return Array.isArray(target) ? target : [target];
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
