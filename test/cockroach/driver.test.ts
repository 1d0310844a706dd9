/**
 * sluice/cockroach's drizzle() and transactions: the call forms node-postgres takes, and, on the
 * PostgreSQL server, transactions (commit, rollback, savepoints, isolation levels) and streaming,
 * with the statements the logger saw.
 */
import pg from 'pg';
import { DriverConfigError, eq, TransactionRollbackError, type Logger } from 'sluice';
import { drizzle } from 'sluice/cockroach';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DDL, schema, users } from './schema.js';
import { NO_PG, openOnPostgres, pgServerUrl, type ServerDatabase } from './support.js';

describe('drizzle() call forms', () => {
  const url = 'postgresql://nobody@127.0.0.1:9/none';
  it('takes a URL, a client, { client } and { connection }, keeping the client at $client', async () => {
    const pool = new pg.Pool({ connectionString: url });
    expect(drizzle(pool).$client).toBe(pool);
    expect(drizzle({ client: pool, schema }).$client).toBe(pool);
    const fromUrl = drizzle(url);
    expect(fromUrl.$client).toBeInstanceOf(pg.Pool);
    expect((fromUrl.$client as pg.Pool).options.connectionString).toBe(url);
    const fromSettings = drizzle({ connection: { connectionString: url, max: 3 } });
    expect((fromSettings.$client as pg.Pool).options.max).toBe(3);
    expect(fromUrl.dialect.name).toBe('cockroach');
    await Promise.all([pool.end(), (fromUrl.$client as pg.Pool).end(), (fromSettings.$client as pg.Pool).end()]);
  });

  it('rejects a config without a client or connection, naming the entry', () => {
    expect(() => drizzle({ schema } as never)).toThrow(DriverConfigError);
    expect(() => drizzle({ schema } as never)).toThrow('sluice/cockroach: drizzle() needs a client, a connection string or { client } / { connection }');
  });
});

describe.skipIf(!pgServerUrl)(`sluice/cockroach transactions on the PostgreSQL server ${pgServerUrl ? '' : NO_PG}`.trim(), () => {
  let server: ServerDatabase<typeof schema>;
  const seen: string[] = [];
  const logger: Logger = { logQuery: (q) => seen.push(q) };
  beforeAll(async () => {
    server = await openOnPostgres({ schema, logger });
    await server.exec(DDL);
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    await server.exec('delete from posts; delete from users');
    seen.length = 0;
  });
  const names = async () => (await server.db.select({ name: users.name }).from(users).orderBy(users.id)).map((r) => r.name);

  it('commits, with the isolation level and access mode in begin', async () => {
    const id = await server.db.transaction(
      async (tx) => {
        const [row] = await tx.insert(users).values({ id: 1, name: 'Ann' }).returning({ id: users.id });
        return row!.id;
      },
      { isolationLevel: 'serializable', accessMode: 'read write' },
    );
    expect(id).toBe(1);
    expect(seen[0]).toBe('begin isolation level serializable read write');
    expect(seen.at(-1)).toBe('commit');
    expect(await names()).toEqual(['Ann']);
  });

  it('rolls back on tx.rollback() and on a throw', async () => {
    await expect(
      server.db.transaction(async (tx) => {
        await tx.insert(users).values({ id: 1, name: 'Ann' });
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    await expect(
      server.db.transaction(async (tx) => {
        await tx.insert(users).values({ id: 2, name: 'Bob' });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await names()).toEqual([]);
    expect(seen.filter((s) => s === 'rollback')).toHaveLength(2);
  });

  it('a failed nested transaction rolls back to its savepoint only', async () => {
    await server.db.transaction(async (tx) => {
      await tx.insert(users).values({ id: 1, name: 'Ann' });
      await tx
        .transaction(async (inner) => {
          await inner.insert(users).values({ id: 2, name: 'Bob' });
          inner.rollback();
        })
        .catch(() => undefined);
      await tx.update(users).set({ name: 'Ann B' }).where(eq(users.id, 1));
    });
    expect(await names()).toEqual(['Ann B']);
    expect(seen).toContain('savepoint sp1');
    expect(seen).toContain('rollback to savepoint sp1');
  });

  it('streams rows through a cursor with .iterator()', async () => {
    await server.db.insert(users).values(Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `u${i + 1}` })));
    const got: string[] = [];
    for await (const row of server.db.select({ name: users.name }).from(users).orderBy(users.id).iterator()) got.push(row.name);
    expect(got).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });
});
