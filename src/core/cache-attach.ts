import { type Cache, type CacheWithInvalidate, NoopCache, type MutationOption, storesRows, tableNames, tagList } from './cache.js';
import { is } from './entity.js';
import { DriverConfigError } from './errors.js';
import type { Session } from './session.js';

/** `drizzle({ cache })`: checks the cache and puts it on the database's session (a `NoopCache` is no cache). */
export function attachCache(session: Session, cache: unknown): void {
  const c = cache as Partial<Record<keyof Cache, unknown>> | null;
  if (c === null || typeof c !== 'object' || !['strategy', 'get', 'put', 'onMutate'].every((m) => typeof c[m as keyof Cache] === 'function')) {
    throw new DriverConfigError(`drizzle({ cache }) takes a Cache (memoryCache(), redisCache() or a subclass of Cache with strategy, get, put and onMutate), not ${String(cache)}`);
  }
  if (is(cache, NoopCache)) return;
  const strategy = (cache as Cache).strategy();
  if (strategy !== 'all' && strategy !== 'explicit') throw new DriverConfigError(`drizzle({ cache }): strategy() must return 'all' or 'explicit', not ${String(strategy)}`);
  session.cache = { cache: cache as Cache, all: strategy === 'all', opaque: (cache as { [storesRows]?: boolean })[storesRows] !== true, pending: undefined };
  // `db.$cache` is the cache itself; a cache shared by several databases gets `invalidate` once.
  if (typeof (cache as CacheWithInvalidate).invalidate !== 'function') Object.defineProperty(cache, 'invalidate', { value: invalidator(cache as Cache), writable: true, configurable: true });
}

/** `db.$cache.invalidate`: checks what it is given and passes the names to `onMutate`. */
function invalidator(cache: Cache): (params: MutationOption) => Promise<void> {
  return async (params) => {
    const tables = tableNames(params?.tables, 'db.$cache.invalidate()');
    const tags = tagList(params?.tags, 'db.$cache.invalidate()');
    if (tables.length > 0 || tags.length > 0) await cache.onMutate({ tables, tags });
  };
}
