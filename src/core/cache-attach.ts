import { type Cache, NoopCache } from './cache.js';
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
  session.cache = { cache: cache as Cache, all: strategy === 'all', pending: undefined };
}
