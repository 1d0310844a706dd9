import { collectTables, type CacheTables } from './cache-run.js';
import { cacheTableName } from './cache.js';
import { Column } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError, UnsupportedError } from './errors.js';
import type { UpdateSet } from './insert.js';
import { setPairs } from './insert-values.js';
import { QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { renderReturning, returningConfig, returningMapper, updateOutputSelection, type ReturningConfig } from './returning.js';
import type { LimitArg, NullabilityMap, OrderArg, SelectResultFields, Simplify, TableLike, TableLikeName } from './select-types.js';
import { renderWriteHead, renderWriteTail, type NoReturning, type OnlyMsSql } from './write-tail.js';
import { fromItem } from './select-parts.js';
import { prepareMapper, type PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import { SQL, type SQLWrapper } from './sql.js';
import type { Subquery } from './subquery.js';
import { Table, TableMeta, type AnyTable, type InferSelectModel } from './table.js';

interface UpdateJoin {
  type: 'left' | 'right' | 'inner' | 'full';
  table: Table | SQL;
  on: SQLWrapper | undefined;
}

interface UpdateConfig {
  table: Table;
  set: Record<string, unknown>;
  where: SQLWrapper | undefined;
  from: (Table | SQL)[];
  /** Joins after `from()` (PostgreSQL, SQLite). */
  joins?: UpdateJoin[];
  /** CTEs from `db.with(...)`. */
  withList?: Subquery[];
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
    /** CTEs from `db.with(...)`. */
    private readonly withList: Subquery[] = [],
  ) {}

  /** The new values; `undefined` entries are left out; SQL, a column or a subquery is written as an expression. */
  set(values: UpdateSet<TTable>): UpdateQuery<TTable, TRunResult, undefined, TDialect> {
    const name = this.table[TableMeta].name;
    if (values === null || typeof values !== 'object') throw new SchemaError(`update "${name}": set() takes an object`);
    let any = false;
    for (const key in values) if ((values as Record<string, unknown>)[key] !== undefined) any = true;
    if (!any) throw new SchemaError(`update "${name}": no values to set (set() was given no value that is not undefined)`);
    const config: UpdateConfig = { table: this.table, set: values as Record<string, unknown>, where: undefined, from: [], returning: undefined, orderBy: [], limit: undefined };
    if (this.withList.length > 0) config.withList = this.withList;
    return new UpdateQuery(this.session, config);
  }
}

/** The row type of a table-like joined into an update, by its name: `{ cities: City }`. */
type JoinedRow<T, TNullable extends boolean> = T extends SQL ? {} : { [K in TableLikeName<T>]: (T extends { $inferSelect: infer R } ? R : never) | (TNullable extends true ? null : never) };
type JoinedNull<T, TNullable extends boolean> = T extends SQL ? {} : { [K in TableLikeName<T>]: TNullable extends true ? 'nullable' : 'not-null' };
type AllNullable<T> = { [K in keyof T]: T[K] | null };
type AllNullableMap<T> = { [K in keyof T]: 'nullable' };

/** What `returning()` without fields gives: the table's row, plus each joined table's row by name. */
type UpdateReturnAll<TTable extends AnyTable, TJoined, TDialect extends string, TNull extends NullabilityMap> = TDialect extends 'pg' | 'cockroach'
  ? keyof TJoined extends never
    ? InferSelectModel<TTable>
    : Simplify<(TNull[TTable['_']['name']] extends 'nullable' ? AllNullable<InferSelectModel<TTable>> : InferSelectModel<TTable>) & TJoined>
  : InferSelectModel<TTable>;
/** After a right or full join every earlier table, the updated one included, may be null. */
type MainNullable<TTable extends AnyTable> = { [K in TTable['_']['name']]: 'nullable' };

/** What an update's `output()` takes: the rows after (`inserted`) and before (`deleted`) the update. */
export type UpdateOutputFields = { inserted?: true | Record<string, unknown>; deleted?: true | Record<string, unknown> };
/** The row an update's `output({ inserted, deleted })` gives. */
export type UpdateOutputRow<TTable extends AnyTable, F extends UpdateOutputFields> = Simplify<{
  [K in keyof F & ('inserted' | 'deleted')]: F[K] extends true ? InferSelectModel<TTable> : F[K] extends Record<string, unknown> ? SelectResultFields<F[K], {}> : never;
}>;

/** What an update's type records about itself, read by the types that take any update. */
export interface UpdateTypeInfo {
  table: AnyTable;
  runResult: unknown;
  returning: unknown;
  dialect: string;
  joined: unknown;
  nulls: NullabilityMap;
  dynamic: boolean;
  excluded: string;
}
/** Any update, whichever of its single-call methods were used. */
export interface AnyUpdate {
  readonly _: UpdateTypeInfo;
}

/** An update without the methods `TExcluded`; the plain class while none are excluded. */
export type UpdateOmitting<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string, TJoined, TNull extends NullabilityMap, TExcluded extends string> = [TExcluded] extends [never]
  ? UpdateQuery<TTable, TRunResult, TReturning, TDialect, TJoined, TNull, false, never>
  : Omit<UpdateQuery<TTable, TRunResult, TReturning, TDialect, TJoined, TNull, false, TExcluded>, TExcluded>;
/** An update after calling `K`: without it and the methods used before, unless dynamic (Drizzle's `PgUpdateWithout`). */
export type UpdateWithout<T extends AnyUpdate, TDynamic extends boolean, K extends string> = TDynamic extends true
  ? T
  : UpdateOmitting<T['_']['table'], T['_']['runResult'], T['_']['returning'], T['_']['dialect'], T['_']['joined'], T['_']['nulls'], T['_']['excluded'] | K>;
/** An update with a new joined source or returning type, keeping what its type excluded. */
type UpdateNext<TTable extends AnyTable, TRunResult, TReturning, TDialect extends string, TJoined, TNull extends NullabilityMap, TDynamic extends boolean, TExcluded extends string> = TDynamic extends true
  ? UpdateQuery<TTable, TRunResult, TReturning, TDialect, TJoined, TNull, true, never>
  : UpdateOmitting<TTable, TRunResult, TReturning, TDialect, TJoined, TNull, TExcluded>;

/** An update statement. */
export class UpdateQuery<
  TTable extends AnyTable,
  TRunResult,
  TReturning,
  TDialect extends string = string,
  TJoined = {},
  TNull extends NullabilityMap = {},
  /** Whether `$dynamic()` was called: single-call methods may then be called again. */
  TDynamic extends boolean = false,
  /** The single-call methods already used, absent from the type (unless dynamic). */
  TExcluded extends string = never,
> extends QueryBase<TReturning extends undefined ? TRunResult : TReturning[], TDialect, TRunResult> {
  static override readonly [entityKind]: string = 'UpdateQuery';
  declare readonly _: { table: TTable; runResult: TRunResult; returning: TReturning; dialect: TDialect; joined: TJoined; nulls: TNull; dynamic: TDynamic; excluded: TExcluded };
  constructor(
    session: Session | undefined,
    /** @internal */ readonly config: UpdateConfig,
  ) {
    super(session);
  }

  /**
   * This same builder under the type its caller returns: the methods change only what the type
   * records (methods used, tables joined, what is returned), not the object.
   */
  private next<R>(): R {
    return this as unknown as R;
  }

  /** Which rows to update; without it, every row. A second call (after `$dynamic()`) replaces the first. */
  where(where: SQLWrapper | undefined): UpdateWithout<this, TDynamic, 'where'> {
    this.config.where = where;
    return this.next();
  }

  /** Lifts the single-call restrictions so the update can be built up conditionally or passed to helpers typed with `PgUpdate` (and the other dialects' update types). */
  $dynamic(): UpdateQuery<TTable, TRunResult, TReturning, TDialect, TJoined, TNull, true, never> {
    return this.next();
  }

  /** `update ... from other`: joins other tables into the update (PostgreSQL, SQLite). */
  from<T extends TableLike | SQL>(source: T): UpdateNext<TTable, TRunResult, TReturning, TDialect, TJoined & JoinedRow<T, false>, TNull & JoinedNull<T, false>, TDynamic, TExcluded> {
    if (!(source instanceof Table) && !(source instanceof SQL)) throw new SchemaError(`update "${this.config.table[TableMeta].name}": from() takes a table, a subquery or SQL`);
    this.config.from.push(source as unknown as Table | SQL);
    return this.next();
  }

  private join<R>(type: UpdateJoin['type'], table: TableLike | SQL, on: SQLWrapper | undefined): R {
    const name = this.config.table[TableMeta].name;
    if (!(table instanceof Table) && !(table instanceof SQL)) throw new SchemaError(`update "${name}": ${type}Join() takes a table, a subquery or SQL`);
    if (this.config.from.length === 0) throw new SchemaError(`update "${name}": ${type}Join() needs from() first`);
    (this.config.joins ??= []).push({ type, table: table as unknown as Table | SQL, on });
    return this.next();
  }

  /** `left join` after `from()`: the joined row may be null (PostgreSQL, SQLite). */
  leftJoin<T extends TableLike | SQL>(table: T, on: SQLWrapper | undefined): UpdateNext<TTable, TRunResult, TReturning, TDialect, TJoined & JoinedRow<T, true>, TNull & JoinedNull<T, true>, TDynamic, TExcluded> {
    return this.join('left', table, on);
  }
  /** `inner join` after `from()` (PostgreSQL, SQLite). */
  innerJoin<T extends TableLike | SQL>(table: T, on: SQLWrapper | undefined): UpdateNext<TTable, TRunResult, TReturning, TDialect, TJoined & JoinedRow<T, false>, TNull & JoinedNull<T, false>, TDynamic, TExcluded> {
    return this.join('inner', table, on);
  }
  /** `right join` after `from()`: the rows before it may be null (PostgreSQL, SQLite). */
  rightJoin<T extends TableLike | SQL>(
    table: T,
    on: SQLWrapper | undefined,
  ): UpdateNext<TTable, TRunResult, TReturning, TDialect, AllNullable<TJoined> & JoinedRow<T, false>, AllNullableMap<TNull> & MainNullable<TTable> & JoinedNull<T, false>, TDynamic, TExcluded> {
    return this.join('right', table, on);
  }
  /** `full join` after `from()`: either side may be null (PostgreSQL, SQLite). */
  fullJoin<T extends TableLike | SQL>(
    table: T,
    on: SQLWrapper | undefined,
  ): UpdateNext<TTable, TRunResult, TReturning, TDialect, AllNullable<TJoined> & JoinedRow<T, true>, AllNullableMap<TNull> & MainNullable<TTable> & JoinedNull<T, true>, TDynamic, TExcluded> {
    return this.join('full', table, on);
  }

  /** The order in which rows are updated, with `limit()` (MySQL, SQLite). */
  orderBy(...columns: OrderArg[]): UpdateWithout<this, TDynamic, 'orderBy'> {
    this.config.orderBy = columns;
    return this.next();
  }

  /** Updates at most `n` rows (MySQL, SQLite). */
  limit(n: LimitArg): UpdateWithout<this, TDynamic, 'limit'> {
    this.config.limit = n;
    return this.next();
  }

  /**
   * Returns the updated rows, whole or as a partial selection (not on MySQL). With `from()`,
   * the whole form also returns each joined table's row under its name on PostgreSQL (SQLite's
   * returning sees only the updated table).
   */
  returning(this: NoReturning<TDialect, unknown>): UpdateNext<TTable, TRunResult, UpdateReturnAll<TTable, TJoined, TDialect, TNull>, TDialect, TJoined, TNull, TDynamic, TExcluded | 'returning'>;
  returning<TSelection extends Record<string, unknown>>(
    this: NoReturning<TDialect, unknown>,
    fields: TSelection,
  ): UpdateNext<TTable, TRunResult, SelectResultFields<TSelection, TNull>, TDialect, TJoined, TNull, TDynamic, TExcluded | 'returning'>;
  returning(fields?: Record<string, unknown>): unknown {
    this.config.returning = returningConfig(this.config.table, fields);
    this.returningAll = fields === undefined;
    return this;
  }
  /** Whether `returning()` was called without fields: with joined tables, those rows are added when rendering. */
  private returningAll = false;

  /**
   * SQL Server's `output`: the updated rows as they are after the update (no argument), or
   * `{ inserted, deleted }` rows after and before it, each `true` (the whole row) or some fields.
   *
   * @example
   * await db.update(cars).set({ color: 'red' }).output({ deleted: { old: cars.color }, inserted: { new: cars.color } });
   */
  output(this: OnlyMsSql<TDialect, unknown>): UpdateNext<TTable, TRunResult, InferSelectModel<TTable>, TDialect, TJoined, TNull, TDynamic, TExcluded | 'returning' | 'output'>;
  output<TFields extends UpdateOutputFields>(this: OnlyMsSql<TDialect, unknown>, fields: TFields): UpdateNext<TTable, TRunResult, UpdateOutputRow<TTable, TFields>, TDialect, TJoined, TNull, TDynamic, TExcluded | 'returning' | 'output'>;
  output(fields?: UpdateOutputFields): unknown {
    this.config.returning = returningConfig(this.config.table, fields === undefined ? undefined : updateOutputSelection(this.config.table, fields));
    this.returningAll = fields === undefined;
    return this;
  }

  /** The returning fields, with the joined tables' rows when the whole row was asked for. */
  private returningOf(r: Renderer): { ret: ReturningConfig; nullable: Set<string> | undefined } | undefined {
    const c = this.config;
    if (!c.returning) return undefined;
    if (c.from.length === 0 || (this.returningAll && !r.dialect.returningSeesFrom)) return { ret: c.returning, nullable: undefined };
    const refOf = (t: Table | SQL) => (t instanceof Table && !(t instanceof SQL) ? (t[TableMeta].alias ?? t[TableMeta].name) : undefined);
    const nullable = new Set<string>();
    const seen: string[] = [c.table[TableMeta].alias ?? c.table[TableMeta].name];
    for (const f of c.from) {
      const ref = refOf(f);
      if (ref) seen.push(ref);
    }
    for (const j of c.joins ?? []) {
      const ref = refOf(j.table);
      if (j.type === 'right' || j.type === 'full') for (const s of seen) nullable.add(s);
      if (ref && (j.type === 'left' || j.type === 'full')) nullable.add(ref);
      if (ref) seen.push(ref);
    }
    if (!this.returningAll) {
      if (!r.dialect.returningSeesFrom) {
        for (const f of c.returning.fields) {
          if (f.field instanceof Column && f.field.table[TableMeta].base !== c.table[TableMeta].base) {
            throw new UnsupportedError(`${r.dialect.name}: returning() of an update ... from can only name columns of "${c.table[TableMeta].name}", not "${f.field.table[TableMeta].name}.${f.field.name}"`);
          }
        }
      }
      return { ret: c.returning, nullable };
    }
    const selection: Record<string, unknown> = { ...c.table[TableMeta].columns };
    for (const t of [...c.from, ...(c.joins ?? []).map((j) => j.table)]) {
      const ref = refOf(t);
      if (ref !== undefined) selection[ref] = (t as Table)[TableMeta].columns;
    }
    return { ret: returningConfig(c.table, selection), nullable };
  }

  /** @internal the returned fields as an object: what a CTE over this statement exposes. */
  _selection(): Record<string, unknown> {
    return this.config.returning?.selection ?? {};
  }

  /** @internal `named`: the statement is the body of a CTE. */
  _render(r: Renderer, ctx: RenderContext, named = false): void {
    const c = this.config;
    renderWriteHead(r, ctx, 'update', c.withList, named);
    // T-SQL updates an aliased table by its alias and lists the table under `from`.
    const byAlias = r.dialect.writeTargetByAlias === true && c.table[TableMeta].alias !== undefined;
    ctx.s += `update ${byAlias ? r.tableRef(c.table) : r.fromItem(c.table)} set `;
    const pairs = setPairs(r, c.table, c.set, 'update');
    const prev = ctx.qualify;
    ctx.qualify = c.from.length > 0;
    pairs.forEach(([col, v], i) => {
      ctx.s += `${i > 0 ? ', ' : ''}${col} = `;
      r.chunk(ctx, v);
    });
    ctx.qualify = prev;
    // T-SQL's `output` comes right after `set`; `returning` ends the statement.
    const ret = this.returningOf(r);
    const output = r.dialect.outputClause === true;
    if (ret && output) renderReturning(r, ctx, c.table, ret.ret, c.from.length > 0, named, 'inserted');
    if (c.from.length > 0 || byAlias) {
      if (c.from.length > 0 && !r.dialect.supportsUpdateFrom) throw new UnsupportedError(`${r.dialect.name}: update ... from is not supported; filter with a subquery in where() instead`);
      ctx.s += ' from ';
      if (byAlias) ctx.s += r.fromItem(c.table) + (c.from.length > 0 ? ', ' : '');
      c.from.forEach((f, i) => {
        if (i > 0) ctx.s += ', ';
        fromItem(r, ctx, f);
      });
      for (const j of c.joins ?? []) {
        if (j.type === 'full' && !r.dialect.supportsFullJoin) throw new UnsupportedError(`${r.dialect.name}: full join is not supported`);
        ctx.s += ` ${j.type} join `;
        fromItem(r, ctx, j.table);
        ctx.s += ' on ';
        if (j.on !== undefined) r.chunk(ctx, j.on);
        else ctx.s += r.dialect.alwaysTrue ?? 'true';
      }
    }
    if (c.where !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, c.where);
    }
    renderWriteTail(r, ctx, 'update', c.orderBy, c.limit);
    if (ret && !output) renderReturning(r, ctx, c.table, ret.ret, c.from.length > 0, named);
  }

  protected override _mapper(r: Renderer): PreparedMapper | undefined {
    const ret = this.returningOf(r);
    if (!ret) return undefined;
    return ret.nullable === undefined ? returningMapper(r, this.config.table, ret.ret) : prepareMapper(ret.ret.fields, ret.nullable);
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
