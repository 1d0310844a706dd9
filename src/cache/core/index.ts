/**
 * `sluice/cache/core`: Drizzle's cache API. `Cache` is what `drizzle({ cache })` takes;
 * `memoryCache()` keeps results in this process.
 */
export { Cache, NoopCache, storesRows, type CacheConfig, type MutationOption, type WithCacheConfig } from '../../core/cache.js';
export { decodeCached, encodeCached } from '../../core/cache-codec.js';
export { MemoryCache, memoryCache, type MemoryCacheOptions } from './memory.js';

import { createHash } from 'node:crypto';

/**
 * Drizzle's `hashQuery`: the SHA-256 (hex) of `${sql}-${JSON.stringify(params)}`, for caches that
 * key entries themselves. sluice's own keys also cover the result's shape (its field names), so
 * to drop one entry from outside, give the query a tag and invalidate that.
 */
export async function hashQuery(sql: string, params?: unknown[]): Promise<string> {
  // A bigint, which JSON cannot write, is written as its digits.
  const json = JSON.stringify(params, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return createHash('sha256').update(`${sql}-${json}`).digest('hex');
}
