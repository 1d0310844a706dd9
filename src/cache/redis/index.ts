/**
 * `sluice/cache/redis`: a query cache in Redis (through ioredis), shared by every process that
 * opens it with the same prefix, so a write in one process invalidates what the others cached.
 */
import { Redis } from 'ioredis';
import { Cache, type CacheConfig, checkCacheConfig, type MutationOption, storesRows, tableNames, tagList } from '../../core/cache.js';
import { decodeCached, encodeCached } from '../../core/cache-codec.js';
import { entityKind } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';

/** Options of {@link redisCache}. */
export interface RedisCacheOptions {
  /** An ioredis client to use (it stays yours to close); default: one made from `url`. */
  client?: Redis;
  /** Where Redis is (`redis://host:port/db`) when no client is given; default `redis://127.0.0.1:6379`. */
  url?: string;
  /** `true`: every select is cached (strategy `'all'`); default: only `.$withCache()` ones. */
  global?: boolean;
  /** The time to live of entries whose `$withCache({ config })` gives none (default: none, kept until invalidated). */
  config?: CacheConfig;
  /** Put before every key this cache writes, so several caches can share one Redis (default `sluice:cache:`). */
  prefix?: string;
}

/**
 * Drops, atomically, every entry listed in the table sets KEYS[1..n] (ARGV[1] = n) and the sets
 * themselves, then the tag entries KEYS[n+1..]. Entries are deleted in slices, since Lua's
 * `unpack` has a limit on how many values it passes.
 */
const onMutateScript = `
local n = tonumber(ARGV[1])
for i = 1, n do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
for i = n + 1, #KEYS do
  redis.call('DEL', KEYS[i])
end
return 0
`;

/**
 * A query cache in Redis. Each entry is one string key holding the rows as JSON (with `Date`,
 * `bigint`, `Buffer` and byte arrays tagged, so they come back as the same types); each table
 * has a set of the entries that read it, which a write deletes together with them in one script.
 * A tag is an entry's key itself. Time to live is Redis's own (`EX`, `PX`, `EXAT`, `PXAT`,
 * `KEEPTTL`). Entries that expire stay listed in their tables' sets until the next write to
 * those tables deletes the sets.
 */
export class RedisCache extends Cache {
  static override readonly [entityKind]: string = 'RedisCache';
  /** Rows are encoded here, with their tables' sets of entries. */
  readonly [storesRows] = true;
  /** The ioredis client. */
  readonly client: Redis;
  private readonly owned: boolean;
  private readonly useGlobally: boolean;
  private readonly config: CacheConfig | undefined;
  private readonly prefix: string;

  constructor(options: RedisCacheOptions = {}) {
    super();
    if (options === null || typeof options !== 'object') throw new SchemaError('redisCache() takes { client?, url?, global?, config?, prefix? }');
    for (const key of Object.keys(options)) {
      if (!['client', 'url', 'global', 'config', 'prefix'].includes(key)) throw new SchemaError(`redisCache(): unknown option "${key}" (takes client, url, global, config, prefix)`);
    }
    if (options.client !== undefined && options.url !== undefined) throw new SchemaError('redisCache(): give a client or a url, not both');
    if (options.client !== undefined && (typeof options.client !== 'object' || typeof (options.client as Redis).multi !== 'function')) throw new SchemaError('redisCache({ client }): takes an ioredis Redis client');
    if (options.url !== undefined && typeof options.url !== 'string') throw new SchemaError('redisCache({ url }): takes a redis:// URL');
    if (options.prefix !== undefined && typeof options.prefix !== 'string') throw new SchemaError('redisCache({ prefix }): takes a string');
    this.config = options.config === undefined ? undefined : checkCacheConfig(options.config, 'redisCache({ config })');
    this.owned = options.client === undefined;
    this.client = options.client ?? (options.url !== undefined ? new Redis(options.url) : new Redis());
    this.useGlobally = options.global ?? false;
    this.prefix = options.prefix ?? 'sluice:cache:';
  }

  strategy(): 'explicit' | 'all' {
    return this.useGlobally ? 'all' : 'explicit';
  }

  private entryKey(key: string, isTag: boolean): string {
    return `${this.prefix}${isTag ? 'tag' : 'q'}:${key}`;
  }
  private tableKey(table: string): string {
    return `${this.prefix}t:${table}`;
  }

  async get(key: string, _tables: string[], isTag: boolean, _isAutoInvalidate?: boolean): Promise<unknown[] | undefined> {
    const text = await this.client.get(this.entryKey(key, isTag));
    return text === null ? undefined : (decodeCached(text) as unknown[]);
  }

  async put(key: string, response: unknown, tables: string[], isTag: boolean, config?: CacheConfig): Promise<void> {
    const entry = this.entryKey(key, isTag);
    const own = config !== undefined && hasTime(config) ? config : this.config;
    const multi = this.client.multi();
    const value = encodeCached(response);
    if (own?.ex !== undefined) multi.set(entry, value, 'EX', own.ex);
    else if (own?.px !== undefined) multi.set(entry, value, 'PX', own.px);
    else if (own?.exat !== undefined) multi.set(entry, value, 'EXAT', own.exat);
    else if (own?.pxat !== undefined) multi.set(entry, value, 'PXAT', own.pxat);
    else if (own?.keepTtl) multi.set(entry, value, 'KEEPTTL');
    else multi.set(entry, value);
    for (const t of tables) multi.sadd(this.tableKey(t), entry);
    const results = await multi.exec();
    const failed = results?.find(([e]) => e !== null);
    if (failed) throw failed[0];
  }

  async onMutate(params: MutationOption): Promise<void> {
    const tables = tableNames(params?.tables, 'onMutate()').map((t) => this.tableKey(t));
    const tags = tagList(params?.tags, 'onMutate()').map((t) => this.entryKey(t, true));
    if (tables.length === 0 && tags.length === 0) return;
    await this.client.eval(onMutateScript, tables.length + tags.length, ...tables, ...tags, tables.length);
  }

  /** Closes the connection when this cache made it (from `url`); a client passed in stays open. */
  async disconnect(): Promise<void> {
    if (this.owned) await this.client.quit();
  }
}

function hasTime(c: CacheConfig): boolean {
  return c.ex !== undefined || c.px !== undefined || c.exat !== undefined || c.pxat !== undefined || c.keepTtl === true;
}

/**
 * A query cache in Redis for `drizzle({ cache: redisCache() })`: every process that opens one
 * on the same Redis and prefix shares its entries, and a write in any of them invalidates them.
 *
 * @example
 * const db = drizzle(pool, { cache: redisCache({ url: process.env.REDIS_URL, global: true, config: { ex: 60 } }) });
 */
export function redisCache(options: RedisCacheOptions = {}): RedisCache {
  return new RedisCache(options);
}
