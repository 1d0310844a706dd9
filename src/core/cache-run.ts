import { createHash } from 'node:crypto';
import type { CacheState, WithCacheConfig } from './cache.js';
import { decodeCached, encodeCached } from './cache-codec.js';
import { cacheTableName } from './cache.js';
import { fillPlaceholders, type Renderer } from './render.js';
import type { CompiledQuery, Session } from './session.js';
import { SQL } from './sql.js';
import { Table, TableMeta } from './table.js';

/** The tables a statement reads and writes, as the cache names them. */
export interface CacheTables {
  reads: Set<string>;
  writes: Set<string>;
  /** Set by what must never be served from a cache (a locking read). */
  uncacheable: boolean;
}

/**
 * @internal What the cache needs of a statement. Statements without `_cacheTables` (raw SQL,
 * `$count`) neither read through the cache nor invalidate it.
 */
export interface Cacheable {
  _cacheTables?(acc: CacheTables): void;
  /** `.$withCache(...)`: set only when called. */
  _cacheConfig?: WithCacheConfig;
  /** What besides the SQL decides the result (a select's field names), for its key. */
  _cacheShape?(r: Renderer): string;
  /** Whether the result is one row or undefined (`findFirst`) rather than a list. */
  _cacheOne?(): boolean;
}

/**
 * Adds the tables a piece of a statement reads: tables and views by name, subqueries and CTEs
 * through their queries, SQL through its chunks (so `inArray(col, db.select()...)` counts).
 */
export function collectTables(node: unknown, acc: CacheTables): void {
  if (node === null || typeof node !== 'object') return;
  if (node instanceof Table) {
    const meta = node[TableMeta];
    if (meta.isSubquery) collectTables((node as unknown as { query: unknown }).query, acc);
    else acc.reads.add(meta.isView ? viewName(node) : cacheTableName(node));
    return;
  }
  if (node instanceof SQL) {
    for (const c of node.chunks) collectTables(c, acc);
    return;
  }
  if (node instanceof SQL.Aliased) {
    collectTables(node.sql, acc);
    return;
  }
  if (Array.isArray(node)) {
    for (const c of node) collectTables(c, acc);
    return;
  }
  const q = node as Cacheable;
  if (typeof q._cacheTables === 'function') q._cacheTables(acc);
}

function viewName(view: Table): string {
  const meta = view[TableMeta];
  return meta.schema !== undefined ? `${meta.schema}.${meta.name}` : meta.name;
}

function tablesOf(query: Cacheable): CacheTables | undefined {
  if (query._cacheTables === undefined) return undefined;
  const acc: CacheTables = { reads: new Set(), writes: new Set(), uncacheable: false };
  query._cacheTables(acc);
  return acc;
}

/** The key of a cached result: a SHA-256 of the SQL, its parameters and the result's shape. */
export function cacheKey(sql: string, params: unknown[], shape: string): string {
  return createHash('sha256').update(sql).update('\u0000').update(encodeCached(params)).update('\u0000').update(shape).digest('hex');
}

/** After a write: drops the entries of its tables, or records them until the transaction commits. */
function invalidate(state: CacheState, tables: Set<string>): Promise<void> {
  if (state.pending !== undefined) {
    for (const t of tables) state.pending.add(t);
    return Promise.resolve();
  }
  return state.cache.onMutate({ tables: [...tables] });
}

function invalidateSync(state: CacheState, tables: Set<string>): void {
  if (state.pending !== undefined) {
    for (const t of tables) state.pending.add(t);
    return;
  }
  if (state.cache.onMutateSync) {
    state.cache.onMutateSync({ tables: [...tables] });
    return;
  }
  // A synchronous call cannot wait for an asynchronous cache: the invalidation runs on, and a
  // failure of it is reported as a process warning rather than lost.
  state.cache.onMutate({ tables: [...tables] }).catch((e: unknown) => process.emitWarning(e instanceof Error ? e : new Error(String(e)), 'SluiceCacheWarning'));
}

interface Lookup {
  key: string;
  tables: string[];
  isTag: boolean;
  auto: boolean;
  config: WithCacheConfig | undefined;
  one: boolean;
}

/** Whether and under which key a read is cached; undefined when it goes to the database. */
function lookup(query: Cacheable, state: CacheState, acc: CacheTables, session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, variant: string, one: boolean): Lookup | undefined {
  if (state.pending !== undefined || acc.uncacheable) return undefined;
  const config = query._cacheConfig;
  if (config === undefined ? !state.all : !config.enable) return undefined;
  const tag = config?.tag;
  const auto = config?.autoInvalidate ?? true;
  // An entry kept through writes is another entry than the same query's invalidated one.
  const key = tag ?? cacheKey(q.sql, q.hasPlaceholders ? fillPlaceholders(q.params, values) : q.params, `${variant}\u0000${auto ? '' : 'keep'}\u0000${query._cacheShape?.(session.renderer) ?? ''}`);
  return { key, tables: [...acc.reads], isTag: tag !== undefined, auto, config, one };
}

function fromHit(state: CacheState, l: Lookup, hit: unknown): unknown {
  // An opaque cache holds the text `toEntry` gave it; anything else it returns is taken as rows.
  const rows = (state.opaque && typeof hit === 'string' ? decodeCached(hit) : hit) as unknown[];
  return l.one ? rows[0] : rows;
}
function toEntry(state: CacheState, l: Lookup, result: unknown): unknown {
  const rows = l.one ? (result === undefined ? [] : [result]) : result;
  return state.opaque ? encodeCached(rows) : rows;
}

/**
 * Runs a statement through the cache: a write runs and then invalidates its tables; a cached read
 * answers from the cache or runs and stores its result. `variant` separates results of the same
 * SQL that differ in shape (`.get()`'s one row); `one`: the result is a row, not a list.
 */
export async function runCached<T>(query: Cacheable, state: CacheState, session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, run: () => Promise<T>, variant = '', one = query._cacheOne?.() ?? false): Promise<T> {
  const acc = tablesOf(query);
  if (acc === undefined) return run();
  if (acc.writes.size > 0) {
    const result = await run();
    await invalidate(state, acc.writes);
    return result;
  }
  const l = lookup(query, state, acc, session, q, values, variant, one);
  if (l === undefined) return run();
  const hit = await state.cache.get(l.key, l.tables, l.isTag, l.auto);
  if (hit !== undefined) return fromHit(state, l, hit) as T;
  const result = await run();
  await state.cache.put(l.key, toEntry(state, l, result), l.auto ? l.tables : [], l.isTag, l.config?.config);
  return result;
}

/**
 * `runCached` on a synchronous driver. A read is served from a cache with synchronous methods
 * (the memory cache) and goes to the database otherwise.
 */
export function runCachedSync<T>(query: Cacheable, state: CacheState, session: Session, q: CompiledQuery, values: Record<string, unknown> | undefined, run: () => T, variant = '', one = query._cacheOne?.() ?? false): T {
  const acc = tablesOf(query);
  if (acc === undefined) return run();
  if (acc.writes.size > 0) {
    const result = run();
    invalidateSync(state, acc.writes);
    return result;
  }
  const cache = state.cache;
  if (cache.getSync === undefined || cache.putSync === undefined) return run();
  const l = lookup(query, state, acc, session, q, values, variant, one);
  if (l === undefined) return run();
  const hit = cache.getSync(l.key, l.tables, l.isTag, l.auto);
  if (hit !== undefined) return fromHit(state, l, hit) as T;
  const result = run();
  cache.putSync(l.key, toEntry(state, l, result), l.auto ? l.tables : [], l.isTag, l.config?.config);
  return result;
}

/** Whether a synchronous run can use the cache as it is, without awaiting it. */
export function cacheIsSync(state: CacheState): boolean {
  return state.cache.getSync !== undefined && state.cache.putSync !== undefined;
}

/**
 * A transaction on a database with a cache: its writes are recorded on its session and the
 * tables invalidated once it commits (nothing for a rollback); its reads go to the database,
 * since they may see its own uncommitted writes.
 */
export function cachedTransaction<T>(state: CacheState, root: Session, begin: (fn: (tx: { session: Session }) => T | Promise<T>) => T | Promise<T>, fn: (tx: { session: Session }) => T | Promise<T>): T | Promise<T> {
  let txState: CacheState | undefined;
  const body = (tx: { session: Session }) => {
    // A retried transaction starts over with nothing recorded.
    txState = { cache: state.cache, all: state.all, opaque: state.opaque, pending: new Set() };
    if (tx.session !== root) tx.session.cache = txState;
    return fn(tx);
  };
  const result = begin(body);
  if (result !== null && typeof result === 'object' && typeof (result as Promise<T>).then === 'function') {
    return (result as Promise<T>).then(async (v) => {
      if (txState !== undefined && txState.pending!.size > 0) await invalidate(state, txState.pending!);
      return v;
    });
  }
  if (txState !== undefined && txState.pending!.size > 0) invalidateSync(state, txState.pending!);
  return result;
}

/** Invalidates after a write that ran outside `runCached` (an insert split into chunks). */
export function afterWrite<T>(state: CacheState, query: Cacheable, result: Promise<T>): Promise<T> {
  const acc = tablesOf(query);
  if (acc === undefined || acc.writes.size === 0) return result;
  return result.then(async (v) => {
    await invalidate(state, acc.writes);
    return v;
  });
}

/** After statements that ran together outside `runCached` (libsql's `db.batch()`): invalidates what they wrote. */
export function invalidateWrites(state: CacheState, queries: readonly unknown[]): Promise<void> {
  const acc: CacheTables = { reads: new Set(), writes: new Set(), uncacheable: false };
  for (const q of queries) (q as Cacheable)._cacheTables?.(acc);
  return acc.writes.size === 0 ? Promise.resolve() : invalidate(state, acc.writes);
}
