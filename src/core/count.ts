import { entityKind } from './entity.js';
import { prepareMapper, type PreparedMapper } from './selection.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import type { CompiledQuery, Session } from './session.js';
import { SQL, type SQLWrapper } from './sql.js';
import type { Table } from './table.js';
import { fromItem } from './select-parts.js';

const toNumber = { mapFromDriverValue: (v: unknown) => Number(v) };

/**
 * `db.$count(table, where?)`: awaited, a number; inside a selection, a correlated subquery.
 *
 * @example
 * const n = await db.$count(users, eq(users.verified, true));
 */
export class CountQuery<TDialect extends string = string> extends QueryBase<number, TDialect> implements SQLWrapper {
  static override readonly [entityKind]: string = 'CountQuery';
  constructor(
    session: Session | undefined,
    readonly source: Table | SQL,
    readonly filter: SQLWrapper | undefined,
  ) {
    super(session);
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    ctx.s += 'select count(*) from ';
    fromItem(r, ctx, this.source);
    if (this.filter !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, this.filter);
    }
  }

  getSQL(): SQL<number> {
    const s = new SQL<number>([this]);
    s.decoder = toNumber;
    return s;
  }

  protected override _mapper(): PreparedMapper {
    return prepareMapper([{ path: ['count'], field: this.getSQL() }], undefined);
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined): Promise<number> {
    const rows = await session.all(q, values);
    return rows[0]!.count as number;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>): number {
    return session.allSync(q, values)[0]!.count as number;
  }
}
