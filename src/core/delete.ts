import { entityKind } from './entity.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { renderReturning, returningConfig, returningMapper, type ReturningConfig } from './returning.js';
import type { LimitArg, OrderArg, SelectResultFields } from './select-types.js';
import { renderWriteHead, renderWriteTail, type NoReturning } from './write-tail.js';
import type { PreparedMapper } from './selection.js';
import type { Subquery } from './subquery.js';
import type { CompiledQuery, Session } from './session.js';
import type { SQLWrapper } from './sql.js';
import type { AnyTable, InferSelectModel, Table } from './table.js';

interface DeleteConfig {
  table: Table;
  where: SQLWrapper | undefined;
  returning: ReturningConfig | undefined;
  orderBy: OrderArg[];
  limit: LimitArg | undefined;
  /** CTEs from `db.with(...)`. */
  withList?: Subquery[];
}

/** A delete statement: `db.delete(table).where(...)`. */
export class DeleteQuery<TTable extends AnyTable, TRunResult, TReturning = undefined, TDialect extends string = string> extends QueryBase<TReturning extends undefined ? TRunResult : TReturning[], TDialect, TRunResult> {
  static override readonly [entityKind]: string = 'DeleteQuery';
  /** @internal */
  readonly config: DeleteConfig;

  constructor(session: Session | undefined, table: TTable, withList: Subquery[] = []) {
    super(session);
    this.config = { table, where: undefined, returning: undefined, orderBy: [], limit: undefined };
    if (withList.length > 0) this.config.withList = withList;
  }

  /** Which rows to delete; without it, every row. */
  where(where: SQLWrapper | undefined): this {
    this.config.where = where;
    return this;
  }

  /** The order in which rows are deleted, with `limit()` (MySQL, SQLite). */
  orderBy(...columns: OrderArg[]): this {
    this.config.orderBy = columns;
    return this;
  }

  /** Deletes at most `n` rows (MySQL, SQLite). */
  limit(n: LimitArg): this {
    this.config.limit = n;
    return this;
  }

  /** Returns the deleted rows, whole or as a partial selection (not on MySQL). */
  returning(this: NoReturning<TDialect, this>): DeleteQuery<TTable, TRunResult, InferSelectModel<TTable>, TDialect>;
  returning<TSelection extends Record<string, unknown>>(this: NoReturning<TDialect, this>, fields: TSelection): DeleteQuery<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect>;
  returning(this: unknown, fields?: Record<string, unknown>): DeleteQuery<TTable, TRunResult, unknown, TDialect> {
    const self = this as DeleteQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.returning = returningConfig(self.config.table, fields);
    return self as never;
  }

  /** @internal the returned fields as an object: what a CTE over this statement exposes. */
  _selection(): Record<string, unknown> {
    return this.config.returning?.selection ?? {};
  }

  /** @internal `named`: the statement is the body of a CTE. */
  _render(r: Renderer, ctx: RenderContext, named = false): void {
    const c = this.config;
    renderWriteHead(r, ctx, 'delete', c.withList, named);
    ctx.s += `delete from ${r.fromItem(c.table)}`;
    if (c.where !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, c.where);
    }
    renderWriteTail(r, ctx, 'delete', c.orderBy, c.limit);
    if (c.returning) renderReturning(r, ctx, c.table, c.returning, false, named);
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    return this.config.returning ? returningMapper(r, this.config.table, this.config.returning) : undefined;
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    if (q.mapper) return (await session.all(q, values)) as never;
    return (await session.run(q, values)) as never;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    return (q.mapper ? session.allSync(q, values) : session.runSync(q, values)) as never;
  }
}
