import type { CacheTables } from './cache-run.js';
import { withCacheConfig, type CacheConfig, type WithCacheConfig } from './cache.js';
import { Column } from './column.js';
import type { LockingConfig } from './dialect.js';
import { entityKind } from './entity.js';
import { selectCacheTables } from './select-cache.js';
import { SchemaError, UnsupportedError } from './errors.js';
import { checkLocking, type MySqlLockConfig, type MySqlLockStrength, type PgLockConfig, type PgLockStrength } from './locking.js';
import { indexHints, type IndexConfig, type IndexHintArg, type IndexHints } from './index-hints.js';
import { QueryBase } from './query-base.js';
import { fromItem, list, renderHints, renderTail, renderTop, renderWith } from './select-parts.js';
import { atMostOneRow, isBaseTable, refName, renderAsOfSystemTime } from './select-shape.js';
import type { RenderContext, Renderer } from './render.js';
import type { AnySelect, JoinType, LimitArg, NullabilityMap, OrderArg, SelectAfterSetOperator, SelectFields, SelectJoined, SelectMode, SelectRow, SelectWithout, TableLike, WhereArg } from './select-types.js';
import { byAlias, checkFieldSources, fieldTableRef, flattenSelection, outputAliases, prepareMapper, type PreparedMapper, type SelectedField } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import { SQL, type SQLWrapper } from './sql.js';
import { Subquery, type SubqueryWithSelection } from './subquery.js';
import { Table, TableMeta } from './table.js';
import { renderMember, setOperatorHelpers, type SetOperand, type SetOperandOf } from './set-operators.js';

interface Join {
  type: JoinType;
  table: Table | SQL;
  on: SQLWrapper | undefined;
  lateral: boolean;
  /** MySQL index hints on the joined table. */
  hints?: IndexHints;
}

interface SetOperation {
  type: 'union' | 'intersect' | 'except';
  all: boolean;
  query: AnySelectQuery;
}

/** A select at run time, whatever its type records (dynamic or not, methods used or not). */
export type AnySelectQuery = SelectQuery<string, string, unknown, Record<string, unknown>, NullabilityMap, SelectMode, boolean, string>;

/** @internal The frozen state of a select. */
export interface SelectConfig {
  selection: Record<string, unknown> | undefined;
  distinct: boolean;
  distinctOn: OrderArg[] | undefined;
  from: Table | SQL | undefined;
  /** MySQL index hints on the FROM table; set only when given. */
  fromHints?: IndexHints;
  joins: Join[];
  where: SQLWrapper | undefined;
  groupBy: OrderArg[];
  having: SQLWrapper | undefined;
  orderBy: OrderArg[];
  limit: LimitArg | undefined;
  offset: LimitArg | undefined;
  locking: { strength: string; config: LockingConfig } | undefined;
  /** CockroachDB's historical read: a time, set only when given. */
  asOfSystemTime?: string | Date | SQLWrapper;
  setOps: SetOperation[];
  withList: Subquery[];
}

/** Lateral joins are PostgreSQL's: SQLite and MariaDB have none, so their types lack the methods. */
type LateralOnPg<TDialect extends string> = TDialect extends 'sqlite' | 'sqlite-sync' | 'mysql' | 'mssql' ? { [K in `lateral joins exist only on PostgreSQL, not ${TDialect}`]: never } : unknown;

/** The receiver of a method only some dialects have: any select (with or without used methods) of those dialects. */
type OnDialects<TDialects extends string> = { readonly _: { readonly dialect: TDialects } };
/** The other operand of a set operation: a select of the same dialect. */
type SelectOfDialect<TDialect extends string> = AnySelect & { readonly _: { readonly dialect: TDialect } };

/**
 * A select statement. One runtime class serves every dialect; the dialect's hooks decide the SQL
 * of limits, locking and the operators that differ.
 */
export class SelectQuery<
  TDialect extends string = string,
  TFrom extends string = string,
  TSelection = unknown,
  TSources extends Record<string, unknown> = Record<string, unknown>,
  TNulls extends NullabilityMap = NullabilityMap,
  TMode extends SelectMode = SelectMode,
  /** Whether `$dynamic()` was called: single-call methods may then be called again. */
  TDynamic extends boolean = false,
  /** The single-call methods already used, absent from the type (unless dynamic). */
  TExcluded extends string = never,
> extends QueryBase<SelectRow<TMode, TFrom, TSelection, TSources, TNulls>[], TDialect> {
  static override readonly [entityKind]: string = 'SelectQuery';
  declare readonly _: {
    dialect: TDialect;
    from: TFrom;
    selection: TSelection;
    sources: TSources;
    nulls: TNulls;
    mode: TMode;
    dynamic: TDynamic;
    excluded: TExcluded;
    row: SelectRow<TMode, TFrom, TSelection, TSources, TNulls>;
    fields: SelectFields<TMode, TFrom, TSelection, TSources>;
  };
  /** @internal */
  readonly config: SelectConfig;
  /** @internal fields and mapper of the last compile, for the renderer key they were built with. */
  private fieldsCache: { key: string; fields: SelectedField[]; nullable: Set<string> | undefined; aliases?: (string | undefined)[] } | undefined;

  constructor(session: Session | undefined, config: SelectConfig) {
    super(session);
    this.config = config;
  }

  /** Adds a join; `R` is this same builder's type with the joined source recorded. */
  private join<R>(type: JoinType, table: TableLike | SQL, on: WhereArg<unknown>, lateral = false, onIndex?: unknown): R {
    if (!(table instanceof Table) && !(table instanceof SQL)) throw new SchemaError(`${type} join takes a table, a subquery or SQL`);
    if (table instanceof Table) {
      // Rows are keyed by these names, so two sources under one name would overwrite each other.
      const ref = refName(table);
      let taken = this.config.from instanceof Table && refName(this.config.from) === ref;
      for (let i = 0; i < this.config.joins.length && !taken; i++) {
        const t = this.config.joins[i]!.table;
        taken = t instanceof Table && refName(t) === ref;
      }
      if (taken) throw new SchemaError(`${type} join: "${ref}" is already used in this query; join the table again under another name with alias()`);
    }
    const cond = typeof on === 'function' ? on(this._selection()) : on;
    const join: Join = { type, table: table as unknown as Table | SQL, on: cond, lateral };
    if (onIndex !== undefined) {
      const hints = indexHints(table, onIndex as IndexConfig);
      if (hints) join.hints = hints;
    }
    this.config.joins = [...this.config.joins, join];
    this.fieldsCache = undefined;
    return this.next();
  }

  /** `left join`: the joined side may be null. */
  leftJoin<T extends TableLike>(table: T, on: WhereArg<TSources>, onIndex?: IndexHintArg<TDialect, T>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'left'> {
    return this.join('left', table, on as WhereArg<unknown>, false, onIndex);
  }
  /** `right join`: every earlier side may be null. */
  rightJoin<T extends TableLike>(table: T, on: WhereArg<TSources>, onIndex?: IndexHintArg<TDialect, T>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'right'> {
    return this.join('right', table, on as WhereArg<unknown>, false, onIndex);
  }
  /** `inner join` */
  innerJoin<T extends TableLike>(table: T, on: WhereArg<TSources>, onIndex?: IndexHintArg<TDialect, T>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'inner'> {
    return this.join('inner', table, on as WhereArg<unknown>, false, onIndex);
  }
  /** `full join`: both sides may be null. */
  fullJoin<T extends TableLike>(table: T, on: WhereArg<TSources>, onIndex?: IndexHintArg<TDialect, T>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'full'> {
    return this.join('full', table, on as WhereArg<unknown>, false, onIndex);
  }
  /** `cross join` */
  crossJoin<T extends TableLike>(table: T, onIndex?: IndexHintArg<TDialect, T>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'cross'> {
    return this.join('cross', table, undefined, false, onIndex);
  }
  /** `left join lateral` (PostgreSQL): the subquery may refer to the tables joined before it. */
  leftJoinLateral<T extends TableLike>(this: LateralOnPg<TDialect>, table: T, on: WhereArg<TSources>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'left'> {
    return (this as unknown as SelectQuery).join('left', table, on as WhereArg<unknown>, true);
  }
  /** `cross join lateral` (PostgreSQL): the subquery may refer to the tables joined before it. */
  crossJoinLateral<T extends TableLike>(this: LateralOnPg<TDialect>, table: T): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'cross'> {
    return (this as unknown as SelectQuery).join('cross', table, undefined, true);
  }
  /** `inner join lateral` (PostgreSQL): the subquery may refer to the tables joined before it. */
  innerJoinLateral<T extends TableLike>(this: LateralOnPg<TDialect>, table: T, on: WhereArg<TSources>): SelectJoined<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded, T, 'inner'> {
    return (this as unknown as SelectQuery).join('inner', table, on as WhereArg<unknown>, true);
  }

  /**
   * This same builder under the type its caller returns: the single-call methods and joins
   * change only what the type records (methods used, sources joined), not the object.
   */
  private next<R>(): R {
    return this as unknown as R;
  }

  /** The selection as an object of fields, as callbacks receive it. */
  /** @internal */
  _selection(): Record<string, unknown> {
    const c = this.config;
    if (c.selection !== undefined) return c.selection;
    if (c.joins.length === 0 && c.from instanceof Table) return c.from[TableMeta].columns;
    const out: Record<string, unknown> = {};
    for (const t of [c.from, ...c.joins.map((j) => j.table)]) {
      if (t instanceof Table) out[t[TableMeta].alias ?? t[TableMeta].baseName ?? t[TableMeta].name] = t[TableMeta].columns;
    }
    return out;
  }

  /** Filters rows; takes a condition or a function of the selected fields. `undefined` means no filter. */
  where(where: WhereArg<SelectFields<TMode, TFrom, TSelection, TSources>>): SelectWithout<this, TDynamic, 'where'> {
    this.config.where = typeof where === 'function' ? where(this._selection() as SelectFields<TMode, TFrom, TSelection, TSources>) : where;
    return this.next();
  }

  /** Groups rows. */
  groupBy(...columns: OrderArg[] | [(fields: TSelection) => OrderArg | OrderArg[]]): SelectWithout<this, TDynamic, 'groupBy'> {
    const first = columns[0];
    this.config.groupBy = typeof first === 'function' ? [first(this._selection() as TSelection)].flat() : (columns as OrderArg[]);
    return this.next();
  }

  /** Filters groups; takes a condition or a function of the selected fields. */
  having(having: WhereArg<TMode extends 'partial' ? TSelection : TSources>): SelectWithout<this, TDynamic, 'having'> {
    this.config.having = typeof having === 'function' ? having(this._selection() as TMode extends 'partial' ? TSelection : TSources) : having;
    return this.next();
  }

  /** Orders rows: columns (ascending), `asc()`/`desc()`, SQL, or a function of the selected fields. */
  orderBy(...columns: OrderArg[] | [(fields: TMode extends 'partial' ? TSelection : TSources) => OrderArg | OrderArg[]]): SelectWithout<this, TDynamic, 'orderBy'> {
    const first = columns[0];
    const list = typeof first === 'function' ? [first(byAlias(this._selection()) as TMode extends 'partial' ? TSelection : TSources)].flat() : (columns as OrderArg[]);
    if (this.config.setOps.length > 0) this.compound().orderBy = list;
    else this.config.orderBy = list;
    return this.next();
  }

  /** At most `limit` rows. */
  limit(limit: LimitArg): SelectWithout<this, TDynamic, 'limit'> {
    if (this.config.setOps.length > 0) this.compound().limit = limit;
    else this.config.limit = limit;
    return this.next();
  }

  /** SQL Server: `fetch next n rows only` after `offset()`, Drizzle's MSSQL spelling of `limit()`. */
  fetch(this: OnDialects<'mssql'>, rows: LimitArg): SelectWithout<SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded>, TDynamic, 'limit' | 'fetch'> {
    return (this as unknown as SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded>).limit(rows) as never;
  }

  /** Skips `offset` rows. */
  offset(offset: LimitArg): SelectWithout<this, TDynamic, 'offset'> {
    if (this.config.setOps.length > 0) this.compound().offset = offset;
    else this.config.offset = offset;
    return this.next();
  }

  private compoundConfig: { orderBy: OrderArg[]; limit: LimitArg | undefined; offset: LimitArg | undefined } | undefined;
  private compound() {
    return (this.compoundConfig ??= { orderBy: [], limit: undefined, offset: undefined });
  }

  /**
   * Row locking, on PostgreSQL (`for update`, `for no key update`, `for share`, `for key share`,
   * with `of` tables) and MySQL (`for update`, `lock in share mode`), with `noWait` or
   * `skipLocked`. SQLite locks whole databases and has no `.for()`.
   *
   * @example
   * await db.transaction(async (tx) => {
   *   const [job] = await tx.select().from(jobs).limit(1).for('update', { skipLocked: true });
   * });
   */
  for(this: OnDialects<'pg' | 'cockroach'>, strength: PgLockStrength, config?: PgLockConfig): SelectWithout<SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded>, TDynamic, 'for'>;
  for(this: OnDialects<'mysql'>, strength: MySqlLockStrength, config?: MySqlLockConfig): SelectWithout<SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded>, TDynamic, 'for'>;
  for(strength: string, config?: LockingConfig): unknown {
    this.config.locking = { strength, config: checkLocking(strength, config) };
    return this;
  }

  /**
   * Reads the tables as they were at a past time (CockroachDB's `as of system time`): a string
   * CockroachDB reads as a time (`'-10s'`, `'2026-01-01 10:00:00'`), a `Date`, or SQL such as
   * `` sql`follower_read_timestamp()` ``. It is written after the FROM clause's tables and joins,
   * where CockroachDB requires it. Other dialects have no such read and reject it.
   *
   * @example
   * const recent = await db.select().from(users).asOfSystemTime('-10s');
   */
  asOfSystemTime(this: OnDialects<'cockroach'>, time: string | Date | SQLWrapper): SelectWithout<SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, TDynamic, TExcluded>, TDynamic, 'asOfSystemTime'>;
  asOfSystemTime(time: string | Date | SQLWrapper): unknown {
    const valid = typeof time === 'string' ? time.trim().length > 0 : time instanceof Date ? !Number.isNaN(time.getTime()) : time !== null && typeof time === 'object' && typeof (time as SQLWrapper).getSQL === 'function';
    if (!valid) throw new SchemaError(`asOfSystemTime() takes a non-empty string such as '-10s', a valid Date or sql\`...\`, not ${String(time)}`);
    this.config.asOfSystemTime = time;
    return this;
  }

  /**
   * Streams the rows, mapped as awaiting the query maps them, without loading them all: on
   * node-postgres through a cursor, on mysql2 through the protocol's row stream. Leaving the loop
   * early frees the connection. Other drivers reject it by name. On mysql2 the connection is busy
   * until the loop ends: run statements inside the loop on another connection, not in the same
   * transaction (they would wait for the stream, which waits for them).
   *
   * @example
   * for await (const user of db.select().from(users).iterator()) console.log(user.name);
   */
  iterator(this: OnDialects<'pg' | 'cockroach' | 'mysql' | 'mssql'>, values?: Record<string, unknown>): AsyncGenerator<SelectRow<TMode, TFrom, TSelection, TSources, TNulls>, void, undefined>;
  iterator(values?: Record<string, unknown>): AsyncGenerator<SelectRow<TMode, TFrom, TSelection, TSources, TNulls>, void, undefined> {
    const session = this.requireSession();
    return session.iterate(this._compile(session.renderer), values) as AsyncGenerator<SelectRow<TMode, TFrom, TSelection, TSources, TNulls>, void, undefined>;
  }

  protected override _streams(): boolean {
    return true;
  }

  /**
   * Lifts the single-call restrictions so the query can be built up conditionally or passed to
   * helpers typed with `PgSelect` (and the other dialects' select types). A second call of a
   * method then replaces what the first set, as in Drizzle: `where()` twice keeps the last
   * condition (combine them with `and()`).
   */
  $dynamic(): SelectQuery<TDialect, TFrom, TSelection, TSources, TNulls, TMode, true, never> {
    return this.next();
  }

  private setOp<R>(type: SetOperation['type'], all: boolean, operand: SetOperand): R {
    const name = `${type}${all ? 'All' : ''}`;
    const other = typeof operand === 'function' ? operand(setOperatorHelpers) : operand;
    if (!(other instanceof SelectQuery)) throw new SchemaError(`${name}() takes a select or a function returning one`);
    const mine = Object.keys(this._selection());
    const theirs = Object.keys(other._selection());
    if (mine.length !== theirs.length || mine.some((k, i) => k !== theirs[i])) {
      throw new SchemaError(`${name}(): both selects must select the same fields in the same order, but one selects [${mine.join(', ')}] and the other [${theirs.join(', ')}]`);
    }
    this.config.setOps = [...this.config.setOps, { type, all, query: other }];
    return this.next();
  }
  /** `union`: rows of both, without duplicates. Takes a select, or a function of the set operators returning one. */
  union<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('union', false, other as SetOperand);
  }
  /** `union all`: rows of both. */
  unionAll<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('union', true, other as SetOperand);
  }
  /** `intersect`: rows in both. */
  intersect<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('intersect', false, other as SetOperand);
  }
  /** `intersect all` */
  intersectAll<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('intersect', true, other as SetOperand);
  }
  /** `except`: rows of this one not in the other. */
  except<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('except', false, other as SetOperand);
  }
  /** `except all` */
  exceptAll<T extends SelectOfDialect<TDialect>>(other: SetOperandOf<T, this>): SelectAfterSetOperator<this, TDynamic> {
    return this.setOp('except', true, other as SetOperand);
  }

  /**
   * The names of the tables this select reads (schema-qualified where a schema is set), each
   * once: its FROM item and joins, through aliases to the tables themselves, and the tables read
   * by subqueries among them and by its set operations' selects. Views and raw SQL count none.
   */
  getUsedTables(): string[] {
    const out = new Set<string>();
    const add = (t: Table | SQL) => {
      if (t instanceof Subquery) {
        const q = t.query;
        if (q instanceof SelectQuery) for (const n of q.getUsedTables()) out.add(n);
      } else if (t instanceof Table && t[TableMeta].isView !== true) {
        const meta = t[TableMeta].base[TableMeta];
        const name = meta.baseName ?? meta.name;
        out.add(meta.schema !== undefined ? `${meta.schema}.${name}` : name);
      }
    };
    if (this.config.from !== undefined) add(this.config.from);
    for (const j of this.config.joins) add(j.table);
    for (const op of this.config.setOps) for (const n of op.query.getUsedTables()) out.add(n);
    return [...out];
  }

  /** @internal `.$withCache(...)`: set only when called. */
  _cacheConfig: WithCacheConfig | undefined;

  /**
   * Caches this select's rows in the database's `drizzle({ cache })`: with the cache's strategy
   * `'explicit'` only such selects are cached; `$withCache(false)` keeps one out under `'all'`.
   * `tag` names the entry (`db.$cache.invalidate({ tags })` drops it), `config` sets its time to
   * live, `autoInvalidate: false` keeps it through writes to its tables.
   *
   * @example
   * const active = await db.select().from(users).where(eq(users.active, true)).$withCache({ tag: 'active-users', config: { ex: 60 } });
   */
  $withCache(config?: { config?: CacheConfig; tag?: string; autoInvalidate?: boolean } | false): this {
    this._cacheConfig = withCacheConfig(config);
    return this;
  }

  /** @internal */
  override _cacheTables(acc: CacheTables): void {
    selectCacheTables(this.config, acc);
  }

  /** @internal Two selects of the same SQL may name their fields differently. */
  _cacheShape(r: Renderer): string {
    return this._fields(r)
      .fields.map((f) => f.path.join('.'))
      .join(',');
  }

  /** Uses this select as a subquery named `alias`. */
  as<TAlias extends string>(alias: TAlias): SubqueryWithSelection<SelectFields<TMode, TFrom, TSelection, TSources>, TAlias> {
    return new Subquery(this, alias, this._selection(), false) as SubqueryWithSelection<SelectFields<TMode, TFrom, TSelection, TSources>, TAlias>;
  }

  getSQL(): SQL {
    return new SQL([this]);
  }

  /** @internal the ordered output fields and the outer-joined tables. */
  _fields(r: Renderer): { fields: SelectedField[]; nullable: Set<string> | undefined } {
    const cached = this.fieldsCache;
    if (cached && cached.key === r.key) return cached;
    const c = this.config;
    let fields: SelectedField[];
    if (c.selection === undefined && c.joins.length === 0 && isBaseTable(c.from)) {
      const meta = c.from[TableMeta];
      fields = meta.cache.get('fields') as SelectedField[] | undefined as SelectedField[];
      if (fields === undefined) {
        fields = flattenSelection(meta.columns);
        meta.cache.set('fields', fields);
      }
    } else {
      fields = flattenSelection(this._selection());
      if (c.selection !== undefined) checkFieldSources(c, fields);
    }
    let nullable: Set<string> | undefined;
    if (c.joins.length > 0) {
      nullable = new Set();
      const refOf = (t: Table | SQL) => (t instanceof Table ? (t[TableMeta].alias ?? t[TableMeta].name) : undefined);
      const seen: string[] = [];
      const from = c.from ? refOf(c.from) : undefined;
      if (from) seen.push(from);
      for (const j of c.joins) {
        const ref = refOf(j.table);
        if (j.type === 'right' || j.type === 'full') for (const s of seen) nullable.add(s);
        if (ref && (j.type === 'left' || j.type === 'full')) nullable.add(ref);
        if (ref) seen.push(ref);
      }
    }
    const out = { key: r.key, fields, nullable };
    this.fieldsCache = out;
    return out;
  }

  protected override _mapper(r: Renderer): PreparedMapper {
    const c = this.config;
    if (c.joins.length === 0 && c.selection === undefined && isBaseTable(c.from)) {
      // A whole table: the mapper lives on the table.
      const meta = c.from[TableMeta];
      const k = r.keys.mapper;
      let m = meta.cache.get(k) as PreparedMapper | undefined;
      if (m === undefined) {
        m = prepareMapper(this._fields(r).fields, undefined);
        meta.cache.set(k, m);
      }
      return m;
    }
    const { fields, nullable } = this._fields(r);
    return prepareMapper(fields, nullable);
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext, named: boolean): void {
    const c = this.config;
    if (c.withList.length > 0) renderWith(r, ctx, c.withList);
    if (c.setOps.length === 0) {
      this.renderCore(r, ctx, named);
      return;
    }
    // Where the dialect allows it, members are parenthesised and each operation wraps what came
    // before, so a chain applies left to right as written (INTERSECT would otherwise bind first)
    // and a member that is itself a compound select keeps its own grouping.
    const parens = r.dialect.parenthesizeSetOperations;
    const start = ctx.s.length;
    // The type parameters say what the type allows next; the object is the same at run time.
    renderMember(r, ctx, this as unknown as AnySelectQuery, true, named);
    c.setOps.forEach((op, i) => {
      if (op.all && op.type !== 'union' && !r.dialect.supportsIntersectExceptAll) throw new UnsupportedError(`${r.dialect.name}: ${op.type} all is not supported`);
      if (parens && i > 0) ctx.s = `${ctx.s.slice(0, start)}(${ctx.s.slice(start)})`;
      ctx.s += ` ${op.type}${op.all ? ' all' : ''} `;
      renderMember(r, ctx, op.query, false, false);
    });
    const cc = this.compoundConfig;
    if (cc) {
      // The order of a compound select names its output columns, which have no table.
      const qualify = ctx.qualify;
      ctx.qualify = false;
      renderTail(r, ctx, cc.orderBy, cc.limit, cc.offset);
      ctx.qualify = qualify;
    }
  }

  /** @internal the select without its CTEs and set operations. */
  renderCore(r: Renderer, ctx: RenderContext, named: boolean): void {
    const c = this.config;
    const d = r.dialect;
    ctx.s += 'select ';
    if (c.distinctOn) {
      if (!d.supportsDistinctOn) throw new UnsupportedError(`${d.name}: selectDistinctOn is not supported`);
      ctx.s += 'distinct on (';
      list(r, ctx, c.distinctOn);
      ctx.s += ') ';
    } else if (c.distinct) {
      ctx.s += 'distinct ';
    }
    const topped = renderTop(r, ctx, c.limit, c.offset);
    this.renderSelectList(r, ctx, named);
    if (c.from !== undefined) {
      ctx.s += ' from ';
      fromItem(r, ctx, c.from);
      if (c.fromHints) ctx.s += renderHints(r, c.fromHints);
    }
    for (const j of c.joins) {
      if (j.type === 'full' && !d.supportsFullJoin) throw new UnsupportedError(`${d.name}: full join is not supported`);
      if (j.lateral && !d.supportsLateral) throw new UnsupportedError(`${d.name}: lateral joins are not supported`);
      ctx.s += ` ${j.type} join ${j.lateral ? 'lateral ' : ''}`;
      fromItem(r, ctx, j.table);
      if (j.hints) ctx.s += renderHints(r, j.hints);
      if (j.on !== undefined) {
        ctx.s += ' on ';
        r.chunk(ctx, j.on);
      } else if (j.type !== 'cross') {
        ctx.s += ` on ${d.alwaysTrue ?? 'true'}`;
      }
    }
    if (c.asOfSystemTime !== undefined) renderAsOfSystemTime(r, ctx, c.asOfSystemTime);
    if (c.where !== undefined) {
      ctx.s += ' where ';
      r.chunk(ctx, c.where);
    }
    if (c.groupBy.length > 0) {
      ctx.s += ' group by ';
      list(r, ctx, c.groupBy);
    }
    if (c.having !== undefined) {
      ctx.s += ' having ';
      r.chunk(ctx, c.having);
    }
    renderTail(r, ctx, c.orderBy, topped ? undefined : c.limit, c.offset);
    if (c.locking) {
      if (!d.lockingClause) throw new UnsupportedError(`${d.name}: row locking (for ${c.locking.strength}) is not supported`);
      ctx.s += ` ${d.lockingClause(c.locking.strength, c.locking.config, (tables) => tables.map((t) => r.tableRef(t as Table)).join(', '))}`;
    }
  }

  private renderSelectList(r: Renderer, ctx: RenderContext, named: boolean): void {
    const c = this.config;
    const plainTable = c.selection === undefined && c.joins.length === 0 && isBaseTable(c.from) && !named;
    if (plainTable) {
      const meta = (c.from as Table)[TableMeta];
      const k = r.keys.list;
      let s = meta.cache.get(k) as string | undefined;
      if (s === undefined) {
        s = Object.values(meta.columns)
          .map((col) => r.selected(col, false))
          .join(', ');
        meta.cache.set(k, s);
      }
      ctx.s += s;
      return;
    }
    const { fields } = this._fields(r);
    if (fields.length === 0) throw new SchemaError('A select needs at least one field');
    const qualify = c.joins.length > 0 || !(c.from instanceof Table);
    // Output names of a subquery or CTE are the ones its references outside use (see refFields).
    const aliases = named ? (this.fieldsCache!.aliases ??= outputAliases(fields)) : undefined;
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) ctx.s += ', ';
      const { field } = fields[i]!;
      if (field instanceof Column) {
        const item = r.selected(field, qualify);
        ctx.s += item;
        if (aliases?.[i] !== undefined) ctx.s += ` as ${r.dialect.quote(aliases[i]!)}`;
        // A column the dialect wraps (a cast) needs its own name given back.
        else if (named && item.length !== (qualify ? r.qualified(field) : r.bare(field)).length) ctx.s += ` as ${r.dialect.quote(r.columnName(field))}`;
      } else if (field instanceof SQL.Aliased) {
        r.chunk(ctx, field.sql);
        ctx.s += ` as ${r.dialect.quote(field.fieldAlias)}`;
      } else {
        r.chunk(ctx, field);
        if (aliases !== undefined) ctx.s += ` as ${r.dialect.quote(aliases[i]!)}`;
      }
    }
  }

  protected override _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    // The compiled mapper shaped each row as the row type says.
    return session.all(q, values) as Promise<SelectRow<TMode, TFrom, TSelection, TSources, TNulls>[]>;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    if (atMostOneRow(this.config)) {
      // The driver steps the statement once instead of stepping on to its end.
      const row = session.firstSync(q, values);
      return (row === undefined ? [] : [row]) as SelectRow<TMode, TFrom, TSelection, TSources, TNulls>[];
    }
    return session.allSync(q, values) as SelectRow<TMode, TFrom, TSelection, TSources, TNulls>[];
  }
}

export { fieldTableRef };
