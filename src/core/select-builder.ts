import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import { indexHints, type IndexConfig, type IndexHintArg } from './index-hints.js';
import type { LimitArg, OrderArg, TableLike, TableLikeColumns, TableLikeName } from './select-types.js';
import { SelectQuery, type SelectConfig } from './select.js';
import type { Session } from './session.js';
import { SQL } from './sql.js';
import type { Subquery } from './subquery.js';
import { Table } from './table.js';

// Lists start as one shared empty array and are replaced, never pushed to, when first used; it is
// frozen so that a push by mistake throws instead of filling every query's list.
const NONE: never[] = [];
Object.freeze(NONE);

/** `db.select(...)`: waits for `.from()`. */
export class SelectBuilder<TSelection extends Record<string, unknown> | undefined, TDialect extends string> {
  static readonly [entityKind] = 'SelectBuilder';
  constructor(
    private readonly session: Session | undefined,
    private readonly selection: TSelection,
    private readonly distinct: boolean | { on: OrderArg[] },
    private readonly withList: Subquery[],
  ) {}

  private topRows: LimitArg | undefined = undefined;

  /**
   * SQL Server: `select top (n) ...`, Drizzle's MSSQL spelling of a limit given before `from()`.
   *
   * @example
   * await db.select().top(10).from(users).orderBy(users.id);
   */
  top(this: SelectBuilder<TSelection, 'mssql'>, rows: LimitArg): SelectBuilder<TSelection, 'mssql'> {
    this.topRows = rows;
    return this;
  }

  /** The table, subquery, CTE or SQL to select from. */
  from<TFrom extends TableLike | SQL>(
    source: TFrom,
    onIndex?: IndexHintArg<TDialect, TFrom>,
  ): SelectQuery<
    TDialect,
    TFrom extends TableLike ? TableLikeName<TFrom> : never,
    TSelection,
    TFrom extends TableLike ? { [K in TableLikeName<TFrom>]: TableLikeColumns<TFrom> } : {},
    TFrom extends TableLike ? { [K in TableLikeName<TFrom>]: 'not-null' } : {},
    TSelection extends undefined ? 'single' : 'partial'
  > {
    const config: SelectConfig = {
      selection: this.selection,
      distinct: this.distinct === true,
      distinctOn: typeof this.distinct === 'object' ? this.distinct.on : undefined,
      from: source as unknown as Table | SQL,
      joins: NONE,
      where: undefined,
      groupBy: NONE,
      having: undefined,
      orderBy: NONE,
      limit: this.topRows,
      offset: undefined,
      locking: undefined,
      setOps: NONE,
      withList: this.withList,
    };
    if (!(source instanceof Table) && !(source instanceof SQL)) throw new SchemaError('select().from() takes a table, a subquery or SQL');
    if (source instanceof SQL && this.selection === undefined) throw new SchemaError('select().from(sql`...`) needs an explicit selection');
    if (onIndex !== undefined) {
      const hints = indexHints(source, onIndex as IndexConfig);
      if (hints) config.fromHints = hints;
    }
    return new SelectQuery(this.session, config);
  }
}
