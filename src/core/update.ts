import { entityKind } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { setPairs, type UpdateSet } from './insert.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { renderReturning, returningConfig, returningMapper, type ReturningConfig } from './returning.js';
import type { LimitArg, OrderArg, SelectResultFields, TableLike } from './select-types.js';
import { renderWriteTail, type NoReturning } from './write-tail.js';
import { fromItem } from './select.js';
import type { PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import type { SQL, SQLWrapper } from './sql.js';
import { TableMeta, type AnyTable, type InferSelectModel, type Table } from './table.js';

interface UpdateConfig {
  table: Table;
  set: Record<string, unknown>;
  where: SQLWrapper | undefined;
  from: (Table | SQL)[];
  returning: ReturningConfig | undefined;
  orderBy: OrderArg[];
  limit: LimitArg | undefined;
}

/** `db.update(table)`: waits for `.set()`. */
export class UpdateBuilder<TTable extends AnyTable, TRunResult, TDialect extends string = string> {
  static readonly [entityKind] = 'UpdateBuilder';
  constructor(
    private readonly session: Session | undefined,
    private readonly table: TTable,
  ) {}

  /** The new values; `undefined` entries are left out, SQL is allowed. */
  set(values: UpdateSet<TTable>): UpdateQuery<TTable, TRunResult, undefined, TDialect> {
    if (values === null || typeof values !== 'object') throw new SchemaError(`update "${this.table[TableMeta].name}": set() takes an object`);
    return new UpdateQuery(this.session, { table: this.table, set: values as Record<string, unknown>, where: undefined, from: [], returning: undefined, orderBy: [], limit: undefined });
  }
}

/** An update statement. */
export class UpdateQuery<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string = string> extends QueryBase<TReturning extends undefined ? TRunResult : TReturning[], TDialect, TRunResult> {
  static override readonly [entityKind]: string = 'UpdateQuery';
  constructor(
    session: Session | undefined,
    /** @internal */ readonly config: UpdateConfig,
  ) {
    super(session);
  }

  /** Which rows to update; without it, every row. */
  where(where: SQLWrapper | undefined): this {
    this.config.where = where;
    return this;
  }

  /** `update ... from other`: joins other tables into the update (PostgreSQL, SQLite). */
  from(source: TableLike | SQL): this {
    this.config.from.push(source as unknown as Table | SQL);
    return this;
  }

  /** The order in which rows are updated, with `limit()` (MySQL, SQLite). */
  orderBy(...columns: OrderArg[]): this {
    this.config.orderBy = columns;
    return this;
  }

  /** Updates at most `n` rows (MySQL, SQLite). */
  limit(n: LimitArg): this {
    this.config.limit = n;
    return this;
  }

  /** Returns the updated rows, whole or as a partial selection (not on MySQL). */
  returning(this: NoReturning<TDialect, this>): UpdateQuery<TTable, TRunResult, InferSelectModel<TTable>, TDialect>;
  returning<TSelection extends Record<string, unknown>>(this: NoReturning<TDialect, this>, fields: TSelection): UpdateQuery<TTable, TRunResult, SelectResultFields<TSelection, {}>, TDialect>;
  returning(this: unknown, fields?: Record<string, unknown>): UpdateQuery<TTable, TRunResult, unknown, TDialect> {
    const self = this as UpdateQuery<TTable, TRunResult, TReturning, TDialect>;
    self.config.returning = returningConfig(self.config.table, fields);
    return self as never;
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    const c = this.config;
    ctx.s += `update ${r.fromItem(c.table)} set `;
    const pairs = setPairs(r, c.table, c.set, 'update');
    const prev = ctx.qualify;
    ctx.qualify = c.from.length > 0;
    pairs.forEach(([col, v], i) => {
      ctx.s += `${i > 0 ? ', ' : ''}${col} = `;
      r.chunk(ctx, v);
    });
    ctx.qualify = prev;
    if (c.from.length > 0) {
      if (!r.dialect.supportsUpdateFrom) throw new UnsupportedError(`${r.dialect.name}: update ... from is not supported; filter with a subquery in where() instead`);
      ctx.s += ' from ';
      c.from.forEach((f, i) => {
        if (i > 0) ctx.s += ', ';
        fromItem(r, ctx, f);
      });
    }
    if (c.where !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, c.where);
    }
    renderWriteTail(r, ctx, 'update', c.orderBy, c.limit);
    if (c.returning) renderReturning(r, ctx, c.table, c.returning, c.from.length > 0);
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    return this.config.returning ? returningMapper(r, this.config.table, this.config.returning) : undefined;
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    if (q.mapper) return (await session.all(q, values)) as never;
    return (await session.run(q, values)) as never;
  }

  protected override _runSync(session: Session, q: CompiledQuery) {
    return (q.mapper ? session.allSync(q) : session.runSync(q)) as never;
  }
}
