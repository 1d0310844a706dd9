import type { CacheTables } from './cache-run.js';
import { entityKind, is } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import type { CompiledQuery, Session } from './session.js';
import { TableMeta } from './table.js';
import { View } from './view.js';

/**
 * `refresh materialized view [concurrently] <view> [with no data]` (PostgreSQL). Awaiting it
 * runs it and gives the driver's result.
 */
export class RefreshMaterializedView<TRunResult = unknown> extends QueryBase<TRunResult, 'pg', TRunResult> {
  static override readonly [entityKind]: string = 'RefreshMaterializedView';
  private mode: 'concurrently' | 'withNoData' | undefined;

  constructor(
    session: Session,
    private readonly view: View,
  ) {
    super(session);
    if (!is(view, View) || !view.materialized) throw new SchemaError('refreshMaterializedView() takes a materialized view (pgMaterializedView)');
    const dialect = session.renderer.dialect;
    if (!dialect.supportsMaterializedViews) throw new UnsupportedError(`${dialect.name}: materialized views do not exist; refreshMaterializedView() is PostgreSQL only`);
  }

  /** Refreshes without locking out selects (the view needs a unique index). */
  concurrently(): this {
    if (this.mode === 'withNoData') throw new SchemaError('refreshMaterializedView(): concurrently() and withNoData() cannot be combined');
    this.mode = 'concurrently';
    return this;
  }

  /** Empties the view and leaves it unscannable until the next refresh. */
  withNoData(): this {
    if (this.mode === 'concurrently') throw new SchemaError('refreshMaterializedView(): concurrently() and withNoData() cannot be combined');
    this.mode = 'withNoData';
    return this;
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    ctx.s += `refresh materialized view${this.mode === 'concurrently' ? ' concurrently' : ''} ${r.tableName(this.view)}${this.mode === 'withNoData' ? ' with no data' : ''}`;
  }

  /** @internal A refresh changes what the view's cached selects read (they name it as a table). */
  override _cacheTables(acc: CacheTables): void {
    const meta = this.view[TableMeta];
    acc.writes.add(meta.schema !== undefined ? `${meta.schema}.${meta.name}` : meta.name);
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined): Promise<TRunResult> {
    return (await session.run(q, values)) as TRunResult;
  }
}
