import { collectTables, type CacheTables } from './cache-run.js';
import { cacheTableName } from './cache.js';
import { entityKind } from './entity.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { renderReturning, returningConfig, returningMapper, type ReturningConfig } from './returning.js';
import type { LimitArg, OrderArg, SelectResultFields } from './select-types.js';
import { renderWriteHead, renderWriteTail, type NoReturning, type OnlyMsSql } from './write-tail.js';
import type { PreparedMapper } from './selection.js';
import type { Subquery } from './subquery.js';
import type { CompiledQuery, Session } from './session.js';
import type { SQLWrapper } from './sql.js';
import { TableMeta, type AnyTable, type InferSelectModel, type Table } from './table.js';

interface DeleteConfig {
  table: Table;
  where: SQLWrapper | undefined;
  returning: ReturningConfig | undefined;
  orderBy: OrderArg[];
  limit: LimitArg | undefined;
  /** CTEs from `db.with(...)`. */
  withList?: Subquery[];
}

/** What a delete's type records about itself, read by the types that take any delete. */
export interface DeleteTypeInfo {
  table: AnyTable;
  runResult: unknown;
  returning: unknown;
  dialect: string;
  dynamic: boolean;
  excluded: string;
}
/** Any delete, whichever of its single-call methods were used. */
export interface AnyDelete {
  readonly _: DeleteTypeInfo;
}

/** A delete without the methods `TExcluded`; the plain class while none are excluded. */
export type DeleteOmitting<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string, TExcluded extends string> = [TExcluded] extends [never]
  ? DeleteQuery<TTable, TRunResult, TReturning, TDialect, false, never>
  : Omit<DeleteQuery<TTable, TRunResult, TReturning, TDialect, false, TExcluded>, TExcluded>;
/** A delete after calling `K`: without it and the methods used before, unless dynamic (Drizzle's `PgDeleteWithout`). */
export type DeleteWithout<T extends AnyDelete, TDynamic extends boolean, K extends string> = TDynamic extends true ? T : DeleteOmitting<T['_']['table'], T['_']['runResult'], T['_']['returning'], T['_']['dialect'], T['_']['excluded'] | K>;

/** A delete with a new returning type, keeping what its type excluded. */
type DeleteNext<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string, TDynamic extends boolean, TExcluded extends string> = TDynamic extends true
  ? DeleteQuery<TTable, TRunResult, TReturning, TDialect, true, never>
  : DeleteOmitting<TTable, TRunResult, TReturning, TDialect, TExcluded>;

/** A delete statement: `db.delete(table).where(...)`. */
export class DeleteQuery<
  TTable extends AnyTable,
  TRunResult,
  TReturning = undefined,
  TDialect extends string = string,
  /** Whether `$dynamic()` was called: single-call methods may then be called again. */
  TDynamic extends boolean = false,
  /** The single-call methods already used, absent from the type (unless dynamic). */
  TExcluded extends string = never,
> extends QueryBase<TReturning extends undefined ? TRunResult : TReturning[], TDialect, TRunResult> {
  static override readonly [entityKind]: string = 'DeleteQuery';
  declare readonly _: { table: TTable; runResult: TRunResult; returning: TReturning; dialect: TDialect; dynamic: TDynamic; excluded: TExcluded };
  /** @internal */
  readonly config: DeleteConfig;

  constructor(session: Session | undefined, table: TTable, withList: Subquery[] = []) {
    super(session);
    this.config = { table, where: undefined, returning: undefined, orderBy: [], limit: undefined };
    if (withList.length > 0) this.config.withList = withList;
  }

  /**
   * This same builder under the type its caller returns: the methods change only what the type
   * records (methods used, what is returned), not the object.
   */
  private next<R>(): R {
    return this as unknown as R;
  }

  /** Which rows to delete; without it, every row. A second call (after `$dynamic()`) replaces the first. */
  where(where: SQLWrapper | undefined): DeleteWithout<this, TDynamic, 'where'> {
    this.config.where = where;
    return this.next();
  }

  /** Lifts the single-call restrictions so the delete can be built up conditionally or passed to helpers typed with `PgDelete` (and the other dialects' delete types). */
  $dynamic(): DeleteQuery<TTable, TRunResult, TReturning, TDialect, true, never> {
    return this.next();
  }

  /** The order in which rows are deleted, with `limit()` (MySQL, SQLite). */
  orderBy(...columns: OrderArg[]): DeleteWithout<this, TDynamic, 'orderBy'> {
    this.config.orderBy = columns;
    return this.next();
  }

  /** Deletes at most `n` rows (MySQL, SQLite). */
  limit(n: LimitArg): DeleteWithout<this, TDynamic, 'limit'> {
    this.config.limit = n;
    return this.next();
  }

  /** Returns the deleted rows, whole or as a partial selection (not on MySQL). */
  returning(this: NoReturning<TDialect, unknown>): DeleteNext<TTable, TRunResult, InferSelectModel<TTable>, TDialect, TDynamic, TExcluded | 'returning'>;
  returning<TSelection extends Record<string, unknown>>(this: NoReturning<TDialect, unknown>, fields: TSelection): DeleteNext<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect, TDynamic, TExcluded | 'returning'>;
  returning(fields?: Record<string, unknown>): unknown {
    this.config.returning = returningConfig(this.config.table, fields);
    return this;
  }

  /** SQL Server's `output deleted.*`: the deleted rows, whole or as a partial selection (what `returning()` does elsewhere). */
  output(this: OnlyMsSql<TDialect, unknown>): DeleteNext<TTable, TRunResult, InferSelectModel<TTable>, TDialect, TDynamic, TExcluded | 'returning' | 'output'>;
  output<TSelection extends Record<string, unknown>>(this: OnlyMsSql<TDialect, unknown>, fields: TSelection): DeleteNext<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect, TDynamic, TExcluded | 'returning' | 'output'>;
  output(fields?: Record<string, unknown>): unknown {
    this.config.returning = returningConfig(this.config.table, fields);
    return this;
  }

  /** @internal the returned fields as an object: what a CTE over this statement exposes. */
  _selection(): Record<string, unknown> {
    return this.config.returning?.selection ?? {};
  }

  /** @internal `named`: the statement is the body of a CTE. */
  _render(r: Renderer, ctx: RenderContext, named = false): void {
    const c = this.config;
    renderWriteHead(r, ctx, 'delete', c.withList, named);
    // T-SQL deletes from an aliased table by its alias: `delete [u] from [users] [u]`.
    const byAlias = r.dialect.writeTargetByAlias === true && c.table[TableMeta].alias !== undefined;
    ctx.s += byAlias ? `delete ${r.tableRef(c.table)}` : `delete from ${r.fromItem(c.table)}`;
    // T-SQL's `output` comes before `from` and `where`; `returning` ends the statement.
    const output = r.dialect.outputClause === true;
    if (c.returning && output) renderReturning(r, ctx, c.table, c.returning, false, named, 'deleted');
    if (byAlias) ctx.s += ` from ${r.fromItem(c.table)}`;
    if (c.where !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, c.where);
    }
    renderWriteTail(r, ctx, 'delete', c.orderBy, c.limit);
    if (c.returning && !output) renderReturning(r, ctx, c.table, c.returning, false, named);
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    return this.config.returning ? returningMapper(r, this.config.table, this.config.returning) : undefined;
  }

  /** @internal The table written, and any written by its CTEs, for `drizzle({ cache })`. */
  override _cacheTables(acc: CacheTables): void {
    acc.writes.add(cacheTableName(this.config.table));
    collectTables(this.config.withList, acc);
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    // With returning(), the mapper shaped the rows as the type says; without, the driver's result is the run result.
    return (q.mapper ? await session.all(q, values) : await session.run(q, values)) as TReturning extends undefined ? TRunResult : TReturning[];
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    return (q.mapper ? session.allSync(q, values) : session.runSync(q, values)) as TReturning extends undefined ? TRunResult : TReturning[];
  }
}
