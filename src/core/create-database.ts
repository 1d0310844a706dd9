import { attachCache } from './cache-attach.js';
import type { Cache } from './cache.js';
import { ConnectionGate } from './connection-gate.js';
import { Database } from './database.js';
import type { Dialect } from './dialect.js';
import { Renderer, type Casing } from './render.js';
import { checkDatabaseSchema } from './schema-check.js';
import { combineObservers, DefaultLogger, type Logger, loggerObserver, Observation, type QueryObserver } from './observe.js';
import { Session, type Driver } from './session.js';
import { cannotCancel, timeoutMs } from './timeout.js';

/** The options every driver's `drizzle()` accepts besides its client. */
export interface DatabaseOptions<TSchema extends Record<string, unknown>, TRelations> {
  /** Tables and `relations()` objects: enables `db.query` (v1). */
  schema?: TSchema;
  /** The result of `defineRelations()`: enables `db.query` (v2). */
  relations?: TRelations;
  /**
   * `true` prints each statement with `DefaultLogger`; an object receives every statement, and
   * with `logQueryEnd` its duration, row count and error once it has ended.
   */
  logger?: boolean | Logger;
  /**
   * Traces every statement (a sluice option): `openTelemetry()` from `sluice/opentelemetry`, or
   * any `QueryObserver`. Runs alongside `logger`.
   */
  tracing?: QueryObserver;
  /** Names columns declared without a name from their keys: `snake_case` or `camelCase`. */
  casing?: Casing;
  /**
   * Shows parameter values in the message of a failed statement's `SluiceQueryError`. Off by
   * default so personal data does not land in logs; a logger turns it on, since it prints them.
   */
  debugParams?: boolean;
  /**
   * The most milliseconds any statement may run (a sluice option; `.timeout(ms)` on a query
   * replaces it for that query). An expired statement is cancelled on the server and rejects
   * with a `SluiceTimeoutError`; the connection stays usable. `.iterator()` streams run without
   * it. Needs a driver that can cancel a statement (node-postgres, postgres-js, mysql2).
   */
  queryTimeout?: number;
  /**
   * A query cache (`memoryCache()` from `sluice/cache/core`, `redisCache()` from
   * `sluice/cache/redis`, or a `Cache` of your own): selects are answered from it and writes
   * invalidate the tables they touch.
   */
  cache?: Cache;
}

/** @internal What every driver's `drizzle()` ends with: the session, the database and `$client`. */
export function createDatabase<TDialect extends string, TRunResult, TSchema extends Record<string, unknown>, TRelations, TClient>(
  dialect: Dialect,
  driver: Driver,
  client: TClient,
  options: DatabaseOptions<TSchema, TRelations>,
): Database<TDialect, TRunResult, TSchema, TRelations> & { $client: TClient } {
  checkDatabaseSchema(options.schema, options.relations);
  const logger = options.logger === true ? new DefaultLogger() : options.logger || undefined;
  // Logging and tracing are one observer, so each statement checks for one hook.
  const observer = combineObservers(logger && loggerObserver(logger), options.tracing);
  const observation = observer && new Observation(observer, { dialect: dialect.name, driver: driver.driverName, ...driver.describe?.() }, driver.rowCount?.bind(driver));
  // One connection: transactions queue and statements outside them wait (see ConnectionGate).
  const gate = driver.singleConnection ? new ConnectionGate() : undefined;
  let session = new Session(new Renderer(dialect, options.casing), driver, observation, driver.driverName, options.debugParams ?? logger !== undefined, gate);
  if (options.queryTimeout !== undefined) {
    const ms = timeoutMs(options.queryTimeout, 'drizzle({ queryTimeout })');
    if (!driver.cancellable) throw cannotCancel(driver.driverName, 'drizzle({ queryTimeout })');
    session = session.withLimits(ms, undefined);
  }
  if (options.cache !== undefined) attachCache(session, options.cache);
  const db = new Database<TDialect, TRunResult, TSchema, TRelations>(session, driver, options.schema, [], options.relations);
  Object.defineProperty(db, '$client', { value: client, enumerable: false });
  return db as Database<TDialect, TRunResult, TSchema, TRelations> & { $client: TClient };
}
