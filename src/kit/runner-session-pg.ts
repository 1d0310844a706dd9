import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import type { Sql, TransactionSql } from 'postgres';
import { SluiceError } from '../core/errors.js';
import type { MigrationSession } from './runner.js';
import { beginCommit, nested } from './runner-session-common.js';

/**
 * Migration sessions over PostgreSQL clients. They take the client objects as `drizzle()` holds
 * them (`db.$client`) and import nothing at run time, so the kit loads without every driver.
 */

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
  return {
    ...on(client),
    transaction: (fn) => client.transaction((tx) => fn({ ...on(tx), transaction: nested })),
  };
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
      return [...(await c.unsafe(sql, params as never[]))] as T[];
    },
  });
  return {
    ...on(client),
    async transaction(fn) {
      if (typeof client.begin !== 'function') {
        throw new SluiceError('postgres.js: migrations need the main `sql` client (a transaction or reserved connection cannot begin one per migration)');
      }
      return (await client.begin((tx) => fn({ ...on(tx), transaction: nested }))) as Awaited<ReturnType<typeof fn>>;
    },
  };
}
