/**
 * `sluice/cache/core`: Drizzle's cache API. `Cache` is what `drizzle({ cache })` takes;
 * `memoryCache()` keeps results in this process.
 */
export { Cache, NoopCache, type CacheConfig, type MutationOption, type WithCacheConfig } from '../../core/cache.js';
export { decodeCached, encodeCached } from '../../core/cache-codec.js';
export { MemoryCache, memoryCache, type MemoryCacheOptions } from './memory.js';

import { cacheKey } from '../../core/cache-run.js';

/** Drizzle's `hashQuery`: the SHA-256 (hex) under which a query's rows are cached, of its SQL and parameters. */
export async function hashQuery(sql: string, params: unknown[] = []): Promise<string> {
  return cacheKey(sql, params, '');
}
