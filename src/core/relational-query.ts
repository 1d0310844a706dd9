import { collectTables, runCached, runCachedSync, type CacheTables } from './cache-run.js';
import { withCacheConfig, type CacheConfig, type WithCacheConfig } from './cache.js';
import { Column } from './column.js';
import { entityKind } from './entity.js';
import { UnsupportedError } from './errors.js';
import { PreparedQuery, QueryBase } from './query-base.js';
import type { RenderContext, Renderer } from './render.js';
import { planQuery, type Plan, type RelationalQueryConfig } from './relational-plan.js';
import { renderRoot } from './relational-render.js';
import type { NormalizedSchema } from './relations.js';
import type { PreparedMapper } from './selection.js';
import type { CompiledQuery, Session } from './session.js';
import type { DriverValueDecoder } from './sql.js';

export type { RelationalQueryConfig } from './relational-plan.js';

/**
 * Builds and runs one relational query: the root rows with every requested relation nested as
 * JSON, in a single statement on every dialect.
 */
export class RelationalQuery<TResult> extends QueryBase<TResult> {
  static override readonly [entityKind]: string = 'RelationalQuery';
  private plan: Plan | undefined;

  constructor(
    session: Session | undefined,
    private readonly schema: NormalizedSchema,
    private readonly tableKey: string,
    private readonly config: RelationalQueryConfig,
    private readonly mode: 'many' | 'first',
    private readonly version: 1 | 2,
  ) {
    super(session);
  }

  private getPlan(): Plan {
    if (!this.plan) {
      const config = this.mode === 'first' ? { ...this.config, limit: 1 } : this.config;
      this.plan = planQuery(this.schema, this.tableKey, config, this.version);
    }
    return this.plan;
  }

  /** @internal */
  _render(r: Renderer, ctx: RenderContext): void {
    const plan = this.getPlan();
    if (!r.dialect.json) throw new UnsupportedError(`${r.dialect.name}: relational queries are not supported`);
    renderRoot(r, ctx, plan);
  }

  protected override _mapper(): PreparedMapper {
    const plan = this.getPlan();
    const fn = (row: unknown[]) => decodeRow(plan, row, false);
    return { fn: fn as PreparedMapper['fn'], decoders: [] };
  }

  protected override async _run(session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined) {
    const rows = await session.all(q, values);
    return (this.mode === 'first' ? rows[0] : rows) as TResult;
  }

  protected override _runSync(session: Session, q: CompiledQuery, values?: Record<string, unknown>) {
    if (this.mode === 'first') return session.firstSync(q, values) as TResult;
    return session.allSync(q, values) as TResult;
  }

  /** @internal `.$withCache(...)`: set only when called. */
  _cacheConfig: WithCacheConfig | undefined;

  /**
   * Caches the result in the database's `drizzle({ cache })`, as a select's `.$withCache()`:
   * needed under the strategy `'explicit'`, `false` keeps the query out under `'all'`.
   */
  $withCache(config?: { config?: CacheConfig; tag?: string; autoInvalidate?: boolean } | false): this {
    this._cacheConfig = withCacheConfig(config);
    return this;
  }

  /** @internal Every table the statement reads: each level's, junction tables, filters' subqueries. */
  override _cacheTables(acc: CacheTables): void {
    const walk = (plan: Plan) => {
      collectTables(plan.table.table, acc);
      collectTables(plan.where, acc);
      for (const [, e] of plan.extras) collectTables(e, acc);
      for (const { rel, plan: sub } of plan.relations) {
        if (rel.through) collectTables(rel.through.table, acc);
        walk(sub);
      }
    };
    walk(this.getPlan());
  }

  /** @internal `findFirst` gives a row or undefined. */
  _cacheOne(): boolean {
    return this.mode === 'first';
  }

  /** better-sqlite3: runs the query synchronously and returns its rows (`findFirst`: the row). */
  sync(values?: Record<string, unknown>): TResult {
    const session = this.requireSession();
    assertSync(session, 'sync()');
    const q = this._compile(session.renderer);
    const cache = session.cache;
    if (cache !== undefined) return runCachedSync(this, cache, session, q, values, () => this._runSync(session, q, values));
    return this._runSync(session, q, values);
  }

  /** Renders once; the prepared query runs with new placeholder values, and `sync()` on better-sqlite3. */
  override prepare(name?: string): RelationalPreparedQuery<TResult> {
    const session = this.requireSession();
    const q = this._compile(session.renderer);
    if (name !== undefined) q.name = name;
    const cache = session.cache;
    if (cache !== undefined) {
      return new RelationalPreparedQuery<TResult>(
        name,
        q,
        (s, q, v) => runCached(this, cache, s, q, v, () => this._run(s, q, v)),
        session,
        (s, q, v) => runCachedSync(this, cache, s, q, v, () => this._runSync(s, q, v)),
      );
    }
    return new RelationalPreparedQuery<TResult>(
      name,
      q,
      (s, q, v) => this._run(s, q, v),
      session,
      (s, q, v) => this._runSync(s, q, v),
    );
  }
}

function assertSync(session: Session, what: string): void {
  if (!session.conn.sync) throw new UnsupportedError(`${session.renderer.dialect.name}: ${what} needs a synchronous driver (better-sqlite3); await the query instead`);
}

/** A prepared relational query; `sync()` runs it synchronously on better-sqlite3. */
export class RelationalPreparedQuery<TResult> extends PreparedQuery<TResult> {
  constructor(
    name: string | undefined,
    query: CompiledQuery,
    runner: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => Promise<TResult>,
    private readonly syncSession: Session,
    runSync: (s: Session, q: CompiledQuery, v: Record<string, unknown> | undefined) => TResult,
  ) {
    super(name, query, runner, syncSession, false, runSync);
  }

  /** better-sqlite3: runs with values for the placeholders and returns the result now. */
  sync(values?: Record<string, unknown>): TResult {
    assertSync(this.syncSession, 'sync()');
    return this.runSync!(this.syncSession, this.bound(), values);
  }
}

function decodeValue(dec: DriverValueDecoder | undefined, v: unknown): unknown {
  return v === null || v === undefined || dec === undefined ? v : dec.mapFromDriverValue(v);
}

/** Decodes a root row (driver values) or a nested JSON row (parsed JSON array). */
function decodeRow(plan: Plan, row: unknown[], fromJson: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const [key, col] of plan.columns) {
    const v = row[i++];
    out[key] = col instanceof Column ? (col.decodes ? decodeValue(col, v) : v) : decodeValue(col.decoder, v);
  }
  for (const [key, e] of plan.extras) out[key] = decodeValue(e.decoder, row[i++]);
  for (const { name, rel, plan: sub } of plan.relations) {
    let v = row[i++];
    if (typeof v === 'string' && !fromJson) v = JSON.parse(v);
    else if (typeof v === 'string') v = JSON.parse(v);
    if (rel.kind === 'many') out[name] = ((v as unknown[][] | null) ?? []).map((x) => decodeRow(sub, x, true));
    else out[name] = v === null || v === undefined ? null : decodeRow(sub, v as unknown[], true);
  }
  return out;
}
