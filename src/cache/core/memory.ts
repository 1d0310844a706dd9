import { Cache, type CacheConfig, checkCacheConfig, expiresAt, type MutationOption, storesRows, tableNames, tagList } from '../../core/cache.js';
import { cloneCached } from '../../core/cache-codec.js';
import { entityKind } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';

/** Options of {@link memoryCache}. */
export interface MemoryCacheOptions {
  /** The most entries kept; the least recently used goes first (default 1000). */
  max?: number;
  /** `true`: every select is cached (strategy `'all'`); default: only `.$withCache()` ones. */
  global?: boolean;
  /** The time to live of entries whose `$withCache({ config })` gives none (default: none, kept until invalidated or evicted). */
  config?: CacheConfig;
}

interface Entry {
  value: unknown;
  /** Milliseconds since the epoch, or undefined for no expiry. */
  expires: number | undefined;
  tables: string[];
}

/**
 * Query results in this process's memory, least recently used first out. Entries are found by
 * key (the query's hash, or its tag), and each table knows the keys that read it, so a write
 * drops exactly those. Rows are copied in and out: changing the rows a query returned does not
 * change the cache. Every method also has a synchronous form, so better-sqlite3's `.all()`,
 * `.get()` and `.run()` use it too.
 */
export class MemoryCache extends Cache {
  static override readonly [entityKind]: string = 'MemoryCache';
  /** Rows are copied in and out here, so they are given as rows, not as encoded text. */
  readonly [storesRows] = true;
  private readonly entries = new Map<string, Entry>();
  private readonly byTable = new Map<string, Set<string>>();
  private readonly max: number;
  private readonly useGlobally: boolean;
  private readonly config: CacheConfig | undefined;

  constructor(options: MemoryCacheOptions = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new SchemaError('memoryCache() takes { max?, global?, config? }');
    for (const key of Object.keys(options)) if (key !== 'max' && key !== 'global' && key !== 'config') throw new SchemaError(`memoryCache(): unknown option "${key}" (takes max, global, config)`);
    const max = options.max ?? 1000;
    if (!Number.isInteger(max) || max < 1) throw new SchemaError(`memoryCache({ max }): must be a positive integer, not ${String(options.max)}`);
    this.max = max;
    this.useGlobally = options.global ?? false;
    this.config = options.config === undefined ? undefined : checkCacheConfig(options.config, 'memoryCache({ config })');
  }

  strategy(): 'explicit' | 'all' {
    return this.useGlobally ? 'all' : 'explicit';
  }

  /** How many entries are held (expired ones count until they are next looked up or evicted). */
  get size(): number {
    return this.entries.size;
  }

  override getSync(key: string): unknown[] | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires !== undefined && entry.expires <= Date.now()) {
      this.drop(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return cloneCached(entry.value) as unknown[];
  }

  override putSync(key: string, response: unknown, tables: string[], _isTag: boolean, config?: CacheConfig): void {
    const now = Date.now();
    const own = config !== undefined && hasTime(config) ? config : this.config;
    const previous = this.entries.get(key);
    const expires = own?.keepTtl && previous !== undefined ? previous.expires : expiresAt(own, now);
    if (previous !== undefined) this.drop(key);
    if (expires !== undefined && expires <= now) return;
    this.entries.set(key, { value: cloneCached(response), expires, tables });
    for (const t of tables) {
      let keys = this.byTable.get(t);
      if (keys === undefined) this.byTable.set(t, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.max) this.drop(this.entries.keys().next().value as string);
  }

  override onMutateSync(params: MutationOption): void {
    for (const tag of tagList(params?.tags, 'onMutate()')) this.drop(tag);
    for (const t of tableNames(params?.tables, 'onMutate()')) {
      const keys = this.byTable.get(t);
      if (keys === undefined) continue;
      this.byTable.delete(t);
      for (const key of keys) this.drop(key);
    }
  }

  async get(key: string, _tables: string[], _isTag: boolean, _isAutoInvalidate?: boolean): Promise<unknown[] | undefined> {
    return this.getSync(key);
  }

  async put(key: string, response: unknown, tables: string[], isTag: boolean, config?: CacheConfig): Promise<void> {
    this.putSync(key, response, tables, isTag, config);
  }

  async onMutate(params: MutationOption): Promise<void> {
    this.onMutateSync(params);
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.byTable.clear();
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    for (const t of entry.tables) {
      const keys = this.byTable.get(t);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTable.delete(t);
    }
  }
}

function hasTime(c: CacheConfig): boolean {
  return c.ex !== undefined || c.px !== undefined || c.exat !== undefined || c.pxat !== undefined || c.keepTtl === true;
}

/**
 * A query cache in this process's memory, for `drizzle({ cache: memoryCache() })`. Writes made
 * through this process's databases invalidate it; other processes' writes do not (use
 * `redisCache()` from `sluice/cache/redis` for that).
 *
 * @example
 * const db = drizzle(client, { cache: memoryCache({ global: true, max: 500, config: { ex: 60 } }) });
 */
export function memoryCache(options: MemoryCacheOptions = {}): MemoryCache {
  return new MemoryCache(options);
}
