import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import type { Sql, TransactionSql } from 'postgres';
import { randomUUID } from 'node:crypto';
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

/** How a session takes and gives back the run lock on its pinned connection. */
interface RunLock {
  /** Tries once to take the lock; false when another run holds it. */
  tryAcquire(conn: MigrationSession): Promise<boolean>;
  release(conn: MigrationSession): Promise<unknown>;
  /** What is locked, for the timeout error. */
  what?: string;
}

/**
 * PostgreSQL's run lock: a session-level advisory lock (not a transaction's, so migrations that
 * run outside a transaction are covered too). A lost connection releases it by itself.
 */
const advisoryLock: RunLock = {
  async tryAcquire(conn) {
    const [row] = await conn.query<{ locked: unknown }>(`select pg_try_advisory_lock(${MIGRATION_LOCK}) as locked`);
    return row?.locked === true || row?.locked === 't';
  },
  release: (conn) => conn.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`),
};

/** The table whose single row is the run lock where there are no advisory locks (CockroachDB). */
export const LOCK_TABLE = '__sluice_migrations_lock';

/**
 * A run lock for databases without advisory locks (CockroachDB): one row in `LOCK_TABLE`, taken by
 * an insert that does nothing when the row exists (each try is its own statement, so no
 * transaction stays open while a run waits), and deleted by the run that holds it, named by a
 * random holder id. A run that dies without its `finally` leaves the row behind: the next run waits
 * and then times out naming the table, and deleting the row frees it.
 */
export function lockRow(): RunLock {
  const holder = `${process.pid}:${randomUUID()}`;
  let created = false;
  return {
    async tryAcquire(conn) {
      if (!created) {
        await conn.execute(`create table if not exists "${LOCK_TABLE}" (id int4 primary key, holder text not null, acquired_at timestamptz not null default now())`).catch((e: unknown) => {
          // Runs that start together race to create the table; PostgreSQL's `if not exists` can
          // still fail the loser with a duplicate (of the table or its row type). It exists then.
          if (!['42P07', '23505'].includes((e as { code?: string }).code ?? '')) throw e;
        });
        created = true;
      }
      const rows = await conn.query(`insert into "${LOCK_TABLE}" (id, holder) values (1, $1) on conflict (id) do nothing returning holder`, [holder]);
      return rows.length === 1;
    },
    release: (conn) => conn.query(`delete from "${LOCK_TABLE}" where id = 1 and holder = $1`, [holder]),
    what: `the migration lock row in "${LOCK_TABLE}" (if the run that took it is gone, delete that row)`,
  };
}

/**
 * Runs `fn` holding the run lock on `conn`, a session pinned to one connection. Returns whether
 * the release went through: when it did not, the connection is suspect and the caller discards it.
 */
async function withRunLock<T>(conn: MigrationSession, fn: (conn: MigrationSession) => Promise<T>, lock: RunLockOptions | undefined, runLock: RunLock): Promise<{ result: T; unlocked: boolean }> {
  await acquireWithin(async () => (await runLock.tryAcquire(conn)) || false, lock, runLock.what);
  let result: T;
  try {
    result = await fn(conn);
  } catch (e) {
    await runLock.release(conn).catch(() => undefined);
    throw e;
  }
  const unlocked = await runLock.release(conn).then(
    () => true,
    () => false,
  );
  return { result, unlocked };
}

/** PostgreSQL's advisory lock around `fn` (see {@link withRunLock}). */
function withAdvisoryLock<T>(conn: MigrationSession, fn: (conn: MigrationSession) => Promise<T>, lock: RunLockOptions | undefined): Promise<{ result: T; unlocked: boolean }> {
  return withRunLock(conn, fn, lock, advisoryLock);
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
  return nodePgSessionWith(client, () => advisoryLock);
}

/**
 * A session over node-postgres to CockroachDB, which has no advisory locks: the run lock is a row
 * of `__sluice_migrations_lock` (see {@link lockRow}). It works on PostgreSQL too.
 */
export function cockroachSession(client: NodePgMigrationClient): MigrationSession {
  return nodePgSessionWith(client, lockRow);
}

function nodePgSessionWith(client: NodePgMigrationClient, runLock: () => RunLock): MigrationSession {
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
        const { result, unlocked } = await withRunLock(nodePgSessionWith(conn, runLock), fn, lock, runLock());
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
