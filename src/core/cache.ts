import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import { Table, TableMeta } from './table.js';

/**
 * How long a cached result lives, as Drizzle's `CacheConfig` (Redis's SET options). At most one
 * of `ex`, `px`, `exat`, `pxat` applies; `keepTtl` keeps the expiry the entry had.
 */
export type CacheConfig = {
  /** Expire time, in seconds (a positive integer). */
  ex?: number;
  /** Expire time, in milliseconds (a positive integer). */
  px?: number;
  /** Unix time at which the key expires, in seconds (a positive integer). */
  exat?: number;
  /** Unix time at which the key expires, in milliseconds (a positive integer). */
  pxat?: number;
  /** Retain the time to live of the entry being replaced. */
  keepTtl?: boolean;
  /** Upstash's HEXPIRE condition; accepted for Drizzle's shape, unused by sluice's caches. */
  hexOptions?: 'NX' | 'nx' | 'XX' | 'xx' | 'GT' | 'gt' | 'LT' | 'lt';
};

/** What `.$withCache(...)` records on a query. */
export type WithCacheConfig = {
  enable: boolean;
  config?: CacheConfig;
  /** A name for the entry instead of the hash of its SQL; `onMutate({ tags })` drops it. */
  tag?: string;
  /** Drop the entry when one of its tables is written (default true). */
  autoInvalidate?: boolean;
};

/** What `onMutate` and `db.$cache.invalidate` take: tables (objects or names) and tags. */
export type MutationOption = {
  tags?: string | string[];
  tables?: Table | string | (Table | string)[];
};

/**
 * A store for select results, given to `drizzle({ cache })`. Selects ask `get` before they run
 * and `put` their rows after a miss; every insert, update and delete calls `onMutate` with the
 * tables it wrote once it succeeded. Drizzle's API; `getSync`/`putSync`/`onMutateSync` are
 * sluice's, for synchronous drivers (better-sqlite3's `.all()`/`.get()`/`.run()`): a cache
 * without them is skipped by synchronous reads, and invalidated in the background by
 * synchronous writes.
 */
export abstract class Cache {
  static readonly [entityKind]: string = 'Cache';
  /** `'all'`: every select is cached unless it says `.$withCache(false)`; `'explicit'`: only `.$withCache()` ones. */
  abstract strategy(): 'explicit' | 'all';
  /** The cached rows under `key` (a hash of the SQL and parameters, or a tag), or undefined. */
  abstract get(key: string, tables: string[], isTag: boolean, isAutoInvalidate?: boolean): Promise<unknown[] | undefined>;
  /** Stores rows; `tables` is empty when the entry must outlive writes to them. */
  abstract put(hashedQuery: string, response: unknown, tables: string[], isTag: boolean, config?: CacheConfig): Promise<void>;
  /** Drops the entries of these tables and tags. */
  abstract onMutate(params: MutationOption): Promise<void>;
  getSync?(key: string, tables: string[], isTag: boolean, isAutoInvalidate?: boolean): unknown[] | undefined;
  putSync?(hashedQuery: string, response: unknown, tables: string[], isTag: boolean, config?: CacheConfig): void;
  onMutateSync?(params: MutationOption): void;
}

/** `db.$cache`: the database's cache, with `invalidate` for writes sluice does not see. */
export type CacheWithInvalidate = Partial<Cache> & { invalidate(params: MutationOption): Promise<void> };

/** `db.$cache` of a database without a cache: invalidating it does nothing. */
export const noCache: CacheWithInvalidate = Object.freeze({
  invalidate: async (params: MutationOption) => {
    tableNames(params?.tables, 'db.$cache.invalidate()');
    tagList(params?.tags, 'db.$cache.invalidate()');
  },
});

/** A cache that stores nothing. */
export class NoopCache extends Cache {
  static override readonly [entityKind]: string = 'NoopCache';
  strategy(): 'all' {
    return 'all';
  }
  async get(_key: string): Promise<unknown[] | undefined> {
    return undefined;
  }
  async put(_hashedQuery: string, _response: unknown, _tables: string[], _isTag: boolean, _config?: CacheConfig): Promise<void> {}
  async onMutate(_params: MutationOption): Promise<void> {}
}

/**
 * Set by caches that keep rows as given (sluice's memory and Redis caches, which copy or encode
 * them themselves). Any other cache is handed each result as an opaque string (`encodeCached`'s
 * JSON, which keeps `Date`, `bigint` and `Buffer`) and what its `get` returns is decoded again, so
 * a cache that stores JSON gives back the types it was given, and each hit is a fresh copy the
 * caller may change.
 */
export const storesRows: unique symbol = Symbol.for('sluice.cache.storesRows');

/** @internal A database's cache as its sessions carry it. */
export interface CacheState {
  readonly cache: Cache;
  /** The cache gets results as encoded text (it does not set `storesRows`). */
  readonly opaque: boolean;
  /** The strategy, read once: `'all'` caches every select. */
  readonly all: boolean;
  /**
   * Set on a transaction's session: the tables its writes touched, invalidated once the
   * transaction commits. Reads inside a transaction go to the database.
   */
  readonly pending: Set<string> | undefined;
}

declare module './session.js' {
  interface Session {
    /** @internal `drizzle({ cache })`: absent without one, so a query checks one property. */
    cache?: CacheState;
  }
}

/** A table's name as caches key it: the database name, schema-qualified when it has a schema. */
export function cacheTableName(table: Table): string {
  const meta = table[TableMeta].base[TableMeta];
  return meta.schema !== undefined ? `${meta.schema}.${meta.name}` : meta.name;
}

/** `tables` of a `MutationOption` as names. */
export function tableNames(tables: MutationOption['tables'], what: string): string[] {
  if (tables === undefined) return [];
  const list = Array.isArray(tables) ? tables : [tables];
  return list.map((t) => {
    if (typeof t === 'string') return t;
    if (t instanceof Table) return cacheTableName(t);
    throw new SchemaError(`${what}: tables takes tables or table names, not ${String(t)}`);
  });
}

/** `tags` of a `MutationOption` as a list. */
export function tagList(tags: MutationOption['tags'], what: string): string[] {
  if (tags === undefined) return [];
  const list = Array.isArray(tags) ? tags : [tags];
  for (const t of list) if (typeof t !== 'string') throw new SchemaError(`${what}: tags takes strings, not ${String(t)}`);
  return list;
}

/** Checks `.$withCache()`'s argument and gives Drizzle's form of it. */
export function withCacheConfig(config: unknown): WithCacheConfig {
  if (config === undefined) return { config: {}, enable: true, autoInvalidate: true };
  if (config === false) return { enable: false };
  if (config === null || typeof config !== 'object') throw new SchemaError(`$withCache() takes false or { tag?, config?, autoInvalidate? }, not ${String(config)}`);
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (key !== 'tag' && key !== 'config' && key !== 'autoInvalidate') throw new SchemaError(`$withCache(): unknown option "${key}" (takes tag, config, autoInvalidate)`);
  }
  if (c.tag !== undefined && (typeof c.tag !== 'string' || c.tag === '')) throw new SchemaError('$withCache({ tag }): the tag must be a non-empty string');
  if (c.autoInvalidate !== undefined && typeof c.autoInvalidate !== 'boolean') throw new SchemaError('$withCache({ autoInvalidate }): takes true or false');
  if (c.config !== undefined) checkCacheConfig(c.config, '$withCache({ config })');
  return { enable: true, autoInvalidate: true, ...(c as Omit<WithCacheConfig, 'enable'>) };
}

/** Throws a `SchemaError` naming what is wrong in a `CacheConfig`. */
export function checkCacheConfig(config: unknown, what: string): CacheConfig {
  if (config === null || typeof config !== 'object') throw new SchemaError(`${what}: takes { ex?, px?, exat?, pxat?, keepTtl? }`);
  const c = config as Record<string, unknown>;
  let times = 0;
  for (const key of Object.keys(c)) {
    const v = c[key];
    if (v === undefined) continue;
    if (key === 'ex' || key === 'px' || key === 'exat' || key === 'pxat') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new SchemaError(`${what}: ${key} must be a positive integer, not ${String(v)}`);
      times++;
    } else if (key === 'keepTtl') {
      if (typeof v !== 'boolean') throw new SchemaError(`${what}: keepTtl takes true or false`);
    } else if (key !== 'hexOptions') {
      throw new SchemaError(`${what}: unknown option "${key}" (takes ex, px, exat, pxat, keepTtl)`);
    }
  }
  if (times > 1) throw new SchemaError(`${what}: give one of ex, px, exat, pxat`);
  return c as CacheConfig;
}

/**
 * The time an entry expires (ms since the epoch), from a config; undefined for none. `keepTtl`
 * is for the caller, which knows the entry's previous expiry.
 */
export function expiresAt(config: CacheConfig | undefined, now: number): number | undefined {
  if (config === undefined) return undefined;
  if (config.ex !== undefined) return now + config.ex * 1000;
  if (config.px !== undefined) return now + config.px;
  if (config.exat !== undefined) return config.exat * 1000;
  if (config.pxat !== undefined) return config.pxat;
  return undefined;
}
