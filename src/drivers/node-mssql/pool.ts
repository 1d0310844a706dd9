import mssql, { type ConnectionPool, type config as MssqlConfig } from 'mssql';
import { DriverConfigError, SluiceError } from '../../core/errors.js';

/**
 * Opening `mssql` pools: from a URL (`mssql://user:password@host:1433/db?encrypt=true`), an ADO
 * connection string (`Server=host;Database=db;...`, which `mssql` parses itself) or settings, and
 * connecting them lazily, once, on their first query.
 */

const URL_SCHEMES = /^(mssql|sqlserver):\/\//i;

/** Query parameters of a URL read as tedious options; `true`/`false` become booleans, digits numbers. */
function optionValue(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Settings from `mssql://user:password@host:port/database?option=value`. */
export function configFromUrl(url: string): MssqlConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (e) {
    throw new DriverConfigError(`sluice/node-mssql: cannot read the connection URL (expected mssql://user:password@host:port/database): ${(e as Error).message}`, { cause: e });
  }
  if (parsed.hostname === '') throw new DriverConfigError('sluice/node-mssql: the connection URL names no host (expected mssql://user:password@host:port/database)');
  const options: Record<string, string | number | boolean> = {};
  for (const [key, value] of parsed.searchParams) options[key] = optionValue(value);
  const config: MssqlConfig = { server: decodeURIComponent(parsed.hostname), options };
  if (parsed.port !== '') config.port = Number(parsed.port);
  if (parsed.username !== '') config.user = decodeURIComponent(parsed.username);
  if (parsed.password !== '') config.password = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database !== '') config.database = database;
  return config;
}

/** A pool for a URL, an ADO connection string or settings; nothing connects yet. */
export function createPool(connection: string | MssqlConfig): ConnectionPool {
  if (typeof connection === 'string') {
    if (connection.trim() === '') throw new DriverConfigError('sluice/node-mssql: the connection string is empty');
    if (URL_SCHEMES.test(connection)) return new mssql.ConnectionPool(configFromUrl(connection));
    let pool: ConnectionPool;
    try {
      pool = new mssql.ConnectionPool(connection);
    } catch (e) {
      throw new DriverConfigError(`sluice/node-mssql: cannot read the connection string: ${(e as Error).message}`, { cause: e });
    }
    // mssql reads any text as a connection string; one without a server is not one.
    if (!(pool as ConnectionPool & { config: MssqlConfig }).config.server) {
      throw new DriverConfigError('sluice/node-mssql: the connection string names no server: expected a URL (mssql://user:password@host:port/database) or Server=host;Database=...;User Id=...;Password=...');
    }
    return pool;
  }
  if (connection === null || typeof connection !== 'object') throw new DriverConfigError(`sluice/node-mssql: connection must be a URL or mssql settings, got ${connection === null ? 'null' : typeof connection}`);
  if (typeof connection.server !== 'string' || connection.server === '') {
    throw new DriverConfigError('sluice/node-mssql: connection settings need `server` (the host name), as mssql.ConnectionPool takes them');
  }
  return new mssql.ConnectionPool(connection);
}

/** Whether a value is an `mssql` ConnectionPool (by shape, so a second copy of the package passes too). */
export function isPool(value: unknown): value is ConnectionPool {
  const v = value as Partial<ConnectionPool> | null;
  return v !== null && typeof v === 'object' && typeof v.request === 'function' && typeof v.transaction === 'function' && typeof v.connect === 'function';
}

/** The pool was closed after it had been connected. */
export class PoolClosedError extends SluiceError {}

/**
 * Connects a pool on first use. An `mssql` pool answers every request with "Connection is closed"
 * until `connect()` has resolved, so the first queries wait for one shared `connect()`. A pool
 * that was connected and then closed (`pool.close()`) is not reopened behind the user's back: its
 * queries fail saying so.
 */
export class PoolGate {
  private opening: Promise<void> | undefined;
  private opened = false;

  constructor(readonly pool: ConnectionPool) {}

  /** Undefined when the pool is connected (the common case costs no promise), else the wait. */
  ready(): Promise<void> | undefined {
    const pool = this.pool;
    if (pool.connected) {
      this.opened = true;
      return undefined;
    }
    if (this.opened && !pool.connecting && this.opening === undefined) {
      return Promise.reject(new PoolClosedError('node-mssql: the ConnectionPool is closed (pool.close() was called); open a new pool, or call pool.connect() again, before running queries'));
    }
    this.opening ??= pool.connect().then(
      () => {
        this.opened = true;
        this.opening = undefined;
      },
      (e: unknown) => {
        this.opening = undefined;
        throw e;
      },
    );
    return this.opening;
  }
}
