import type { Connection, Pool, PoolConnection } from 'mysql2/promise';
import type { MigrationSession } from './runner.js';
import { acquireWithin } from './runner-lock.js';
import { beginCommit, nested } from './runner-session-common.js';

/** A migration session over mysql2 (`db.$client`, a promise pool or connection). */

/** The named lock's name: server-wide, hence the database's name in it, cut to fit the 64-character limit. */
const LOCK_NAME = `concat('sluice_migrations:', left(database(), 40))`;

function isPool(client: Pool | Connection): client is Pool {
  return typeof (client as Pool).getConnection === 'function' && typeof (client as Connection).beginTransaction !== 'function';
}

/** A session over mysql2; a pool's transaction pins one of its connections. */
export function mysql2Session(client: Pool | Connection): MigrationSession {
  const on = (c: Pool | Connection): Omit<MigrationSession, 'transaction'> => ({
    dialect: 'mysql',
    async execute(sql) {
      await c.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await c.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
  });
  return {
    ...on(client),
    /**
     * MySQL commits DDL as it runs, so runners cannot be serialised by a transaction: a named
     * lock is held on one connection for the whole run instead.
     */
    async exclusive(fn, lock) {
      const conn: PoolConnection | Connection = isPool(client) ? await client.getConnection() : client;
      try {
        await acquireWithin(async () => {
          const [rows] = await conn.query(`select get_lock(${LOCK_NAME}, 0) as locked`);
          return Number((rows as { locked: unknown }[])[0]?.locked) === 1;
        }, lock);
        try {
          return await fn(mysql2Session(conn));
        } finally {
          await conn.query(`select release_lock(${LOCK_NAME})`);
        }
      } finally {
        if (conn !== client) (conn as PoolConnection).release();
      }
    },
    async transaction(fn) {
      const conn: PoolConnection | Connection = isPool(client) ? await client.getConnection() : client;
      try {
        return await beginCommit(
          (sql) => conn.query(sql),
          () => fn({ ...on(conn), transaction: nested }),
        );
      } finally {
        if (conn !== client) (conn as PoolConnection).release();
      }
    },
  };
}
