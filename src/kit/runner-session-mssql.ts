import type { ConnectionPool, config as MssqlConfig, Transaction } from 'mssql';
import type { MigrationSession } from './runner.js';
import { acquireWithin } from './runner-lock.js';
import { nested } from './runner-session-common.js';

/**
 * A migration session over an `mssql` ConnectionPool (`db.$client`). It imports nothing from
 * `mssql` at run time, so the kit loads without it. Parameters are bound as `@p1` ... `@pn` and
 * typed by `mssql` from their values (the runner sends strings, integers and nulls).
 */

/** The application lock a migration run holds. App locks belong to the current database, so one name serves every database. */
export const MSSQL_LOCK_RESOURCE = 'sluice_migrations';

/** Takes the run lock without waiting; `applock_mode` then says whether this session holds it. */
export const MSSQL_TRY_LOCK = `exec sp_getapplock @Resource = N'${MSSQL_LOCK_RESOURCE}', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0`;
export const MSSQL_LOCK_HELD = `select applock_mode(N'public', N'${MSSQL_LOCK_RESOURCE}', N'Session') as [mode]`;
export const MSSQL_UNLOCK = `exec sp_releaseapplock @Resource = N'${MSSQL_LOCK_RESOURCE}', @LockOwner = N'Session'`;

/** SQL Server's "lock request time out period exceeded": the lock is busy. */
const LOCK_TIMEOUT_ERROR = 1222;

/** What the session uses of a pool (and of the one-connection pool it pins for the run lock). */
export type MssqlMigrationPool = Pick<ConnectionPool, 'connected' | 'connect' | 'close' | 'request' | 'transaction'>;

type RequestSource = Pick<ConnectionPool, 'request'> | Pick<Transaction, 'request'>;

function statements(source: RequestSource, ready: () => Promise<void>): Omit<MigrationSession, 'transaction'> {
  return {
    dialect: 'mssql',
    async execute(sql) {
      await ready();
      // A batch, not sp_executesql: CREATE VIEW / PROCEDURE / TRIGGER must start a batch.
      await source.request().batch(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      await ready();
      const req = source.request();
      for (const [i, value] of params.entries()) req.input(`p${i + 1}`, value);
      const res = await req.query(sql);
      return (res.recordset ?? []) as T[];
    },
  };
}

/** Connects the pool on first use (a pool from `drizzle()` connects lazily); `connect()` joins a connect in progress. */
function connector(pool: MssqlMigrationPool): () => Promise<void> {
  return async () => {
    if (!pool.connected) await pool.connect();
  };
}

async function tryLock(session: MigrationSession): Promise<boolean> {
  try {
    await session.execute(MSSQL_TRY_LOCK);
  } catch (e) {
    if ((e as { number?: unknown }).number === LOCK_TIMEOUT_ERROR) return false;
    throw e;
  }
  const [row] = await session.query<{ mode: unknown }>(MSSQL_LOCK_HELD);
  return row?.mode === 'Exclusive';
}

/**
 * A pool of exactly one connection with the same settings: a session-owned app lock lives on one
 * connection, and the run's transactions must be on that connection too. Kept open (`min: 1`, no
 * idle timeout) until the run ends, so the pool never swaps the connection and the lock with it.
 */
function pinnedPool(pool: MssqlMigrationPool): MssqlMigrationPool {
  const Pool = pool.constructor as new (config: MssqlConfig) => MssqlMigrationPool;
  // `config` is the pool's settings as it normalised them (mssql's types leave it out).
  const config = (pool as MssqlMigrationPool & { config: MssqlConfig }).config;
  return new Pool({ ...config, pool: { ...config.pool, min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 } });
}

/** A session over an `mssql` ConnectionPool; each transaction is an `mssql` Transaction on one of its connections. */
export function mssqlSession(pool: MssqlMigrationPool): MigrationSession {
  const ready = connector(pool);
  return {
    ...statements(pool, ready),
    /**
     * Holds `sp_getapplock` (owned by the session, not a transaction, so `no-transaction`
     * migrations are covered) on a pinned connection for the whole run, polling for it so the
     * run can say that it waits. Closing the pinned connection releases the lock in any case.
     */
    async exclusive(fn, lock) {
      await ready();
      const pinned = pinnedPool(pool);
      await pinned.connect();
      try {
        const session = mssqlSession(pinned);
        await acquireWithin(() => tryLock(session), lock);
        try {
          return await fn(session);
        } finally {
          await session.execute(MSSQL_UNLOCK).catch(() => undefined);
        }
      } finally {
        await pinned.close();
      }
    },
    async transaction(fn) {
      await ready();
      const tx = pool.transaction();
      await tx.begin();
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn({ ...statements(tx, async () => undefined), transaction: nested });
      } catch (e) {
        // An error that ended the transaction on the server makes this reject (EABORT): nothing to undo.
        await tx.rollback().catch(() => undefined);
        throw e;
      }
      await tx.commit();
      return result;
    },
  };
}
