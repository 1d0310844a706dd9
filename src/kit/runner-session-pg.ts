import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import type { Sql, TransactionSql } from 'postgres';
import { SluiceError } from '../core/errors.js';
import type { MigrationSession } from './runner.js';
import { acquireWithin, type RunLockOptions } from './runner-lock.js';
import { beginCommit, nested } from './runner-session-common.js';

/**
 * Migration sessions over PostgreSQL clients. They take the client objects as `drizzle()` holds
 * them (`db.$client`) and import nothing at run time, so the kit loads without every driver.
 */

/** The advisory lock key migration runs take on PostgreSQL (any constant; this spells "sluice"). */
const MIGRATION_LOCK = '7308623465336165';

/**
 * Runs `fn` holding the session-level advisory lock on `conn`, a session pinned to one connection.
 * A session lock (not a transaction's) so that migrations that run outside a transaction are
 * covered too. Returns whether the unlock went through: when it did not, the connection is
 * suspect and the caller discards it (a lost connection releases the lock by itself).
 */
async function withAdvisoryLock<T>(conn: MigrationSession, fn: (conn: MigrationSession) => Promise<T>, lock: RunLockOptions | undefined): Promise<{ result: T; unlocked: boolean }> {
  await acquireWithin(async () => {
    const [row] = await conn.query<{ locked: unknown }>(`select pg_try_advisory_lock(${MIGRATION_LOCK}) as locked`);
    return row?.locked === true || row?.locked === 't';
  }, lock);
  let result: T;
  try {
    result = await fn(conn);
  } catch (e) {
    await conn.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    throw e;
  }
  const unlocked = await conn.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).then(
    () => true,
    () => false,
  );
  return { result, unlocked };
}

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'> | PgliteTransaction;

/** A session over PGlite; transactions use PGlite's own. */
export function pgliteSession(client: Pick<PGlite, 'query' | 'exec' | 'transaction'>): MigrationSession {
  const on = (q: PgliteQueryable): Omit<MigrationSession, 'transaction'> => ({
    dialect: 'postgresql',
    async execute(sql) {
      await q.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
  });
  const session: MigrationSession = {
    ...on(client),
    transaction: (fn) => client.transaction((tx) => fn({ ...on(tx), transaction: nested })),
    // PGlite is one connection: the session itself is pinned.
    exclusive: async (fn, lock) => (await withAdvisoryLock(session, fn, lock)).result,
  };
  return session;
}

export type NodePgMigrationClient = Pool | PoolClient | Client;

function isPool(client: NodePgMigrationClient): client is Pool {
  return 'totalCount' in client && 'idleCount' in client && typeof client.connect === 'function';
}

/** A session over node-postgres; a pool's transaction pins one of its connections. */
export function nodePgSession(client: NodePgMigrationClient): MigrationSession {
  const on = (c: Pool | PoolClient | Client): Omit<MigrationSession, 'transaction'> => ({
    dialect: 'postgresql',
    async execute(sql) {
      await c.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await c.query(sql, params)).rows as T[];
    },
  });
  return {
    ...on(client),
    async exclusive(fn, lock) {
      const conn = isPool(client) ? await client.connect() : client;
      let broken = true;
      try {
        const { result, unlocked } = await withAdvisoryLock(nodePgSession(conn), fn, lock);
        broken = !unlocked;
        return result;
      } finally {
        // A connection that may still hold the lock is discarded, which releases it.
        if (conn !== client) (conn as PoolClient).release(broken);
      }
    },
    async transaction(fn) {
      const conn = isPool(client) ? await client.connect() : client;
      let broken = false;
      try {
        return await beginCommit(
          (sql) => conn.query(sql),
          () => fn({ ...on(conn), transaction: nested }),
          () => {
            broken = true;
          },
        );
      } finally {
        // A connection that cannot roll back is discarded by the pool rather than reused.
        if (conn !== client) (conn as PoolClient).release(broken);
      }
    },
  };
}

/** A session over postgres.js; transactions use `sql.begin()`, which reserves a connection. */
export function postgresJsSession(client: Sql<Record<string, unknown>>): MigrationSession {
  const on = (c: Sql<Record<string, unknown>> | TransactionSql<Record<string, unknown>>): Omit<MigrationSession, 'transaction'> => ({
    dialect: 'postgresql',
    async execute(sql) {
      // Without parameters postgres.js sends the simple protocol, which takes several statements.
      await c.unsafe(sql).simple();
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return [...(await c.unsafe(sql, params))] as T[];
    },
  });
  return {
    ...on(client),
    async exclusive(fn, lock) {
      if (typeof client.reserve !== 'function') {
        throw new SluiceError('postgres.js: migrations need the main `sql` client (a transaction or reserved connection cannot reserve one for the migration lock)');
      }
      const reserved = await client.reserve();
      try {
        // The reserved connection takes plain begin/commit: it is one connection, not a pool.
        const pinned: MigrationSession = {
          ...on(reserved),
          transaction: (run) =>
            beginCommit(
              (sql) => reserved.unsafe(sql),
              () => run({ ...on(reserved), transaction: nested }),
            ),
        };
        return (await withAdvisoryLock(pinned, fn, lock)).result;
      } finally {
        reserved.release();
      }
    },
    async transaction(fn) {
      if (typeof client.begin !== 'function') {
        throw new SluiceError('postgres.js: migrations need the main `sql` client (a transaction or reserved connection cannot begin one per migration)');
      }
      return (await client.begin((tx) => fn({ ...on(tx), transaction: nested }))) as Awaited<ReturnType<typeof fn>>;
    },
  };
}
