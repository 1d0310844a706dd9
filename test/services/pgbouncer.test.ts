/**
 * sluice behind PgBouncer 1.18 in transaction mode (test/services/start-pgbouncer.sh: 127.0.0.1:6432,
 * `default_pool_size = 3`), which gives each transaction, and each statement outside one, any of
 * its server connections. A statement prepared under a name lives on one server connection, while
 * the driver remembers it per client connection; `drizzle({ prepare: false })` sends none.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import postgres from 'postgres';
import { eq, sql, type Database } from 'sluice';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer, pgTable, text } from 'sluice/pg-core';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { createPgDatabase } from '../support/targets.js';

/** `default_pool_size` in start-pgbouncer.sh: server connections per database and user. */
const POOL_SIZE = 3;
const many = pgTable('many', { id: integer('id').primaryKey() });
const items = pgTable('items', { id: integer('id').primaryKey(), name: text('name').notNull(), n: integer('n').notNull() });
type Db = Database<'pg', unknown, { items: typeof items }>;

function bouncerUrl(url: string): string {
  const u = new URL(url);
  u.port = '6432';
  return u.toString();
}

interface Opened {
  db: Db;
  close(): Promise<void>;
}
const drivers: { name: string; open(url: string, max: number, prepare?: boolean, queryTimeout?: number): Opened }[] = [
  {
    name: 'node-postgres',
    open: (url, max, prepare, queryTimeout) => {
      const pool = new pg.Pool({ connectionString: url, max });
      return { db: nodePostgres({ client: pool, schema: { items }, queryTimeout, ...(prepare === undefined ? {} : { prepare }) }) as unknown as Db, close: () => pool.end() };
    },
  },
  {
    name: 'postgres-js',
    open: (url, max, prepare, queryTimeout) => {
      const client = postgres(url, { max, onnotice: () => {} });
      return { db: postgresJs({ client, schema: { items }, queryTimeout, ...(prepare === undefined ? {} : { prepare }) }) as unknown as Db, close: () => client.end() };
    },
  },
];

const rows = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe.each(drivers)('behind PgBouncer in transaction mode, $name', (driver) => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let url: string;
  let direct: pg.Pool;

  beforeAll(async () => {
    database = await createPgDatabase();
    url = bouncerUrl(database.url);
    direct = new pg.Pool({ connectionString: database.url, max: 2 });
    await direct.query('create table items (id integer primary key, name text not null, n integer not null)');
    await direct.query("insert into items select i, 'item ' || i, i * 10 from generate_series(1, 100) i");
    // More rows than one fetch of .iterator() (1000), so a stream takes several round trips.
    await direct.query('create table many (id integer primary key); insert into many select generate_series(1, 2500)');
  });
  afterAll(async () => {
    await direct?.end();
    await database?.drop();
  });

  test('with prepare: false, many concurrent prepared queries with different parameters return their own rows', async () => {
    const { db, close } = driver.open(url, 10, false);
    try {
      const byId = db
        .select()
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare('items_by_id');
      const ids = Array.from({ length: 300 }, (_, i) => (i % 100) + 1);
      const results = await Promise.all(ids.map((id) => byId.execute({ id })));
      expect(results).toEqual(ids.map((id) => [{ id, name: `item ${id}`, n: id * 10 }]));
      // The statements really ran on several server connections.
      const pids = await Promise.all(Array.from({ length: 40 }, () => db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.005)`)));
      expect(new Set(pids.map((r) => rows(r)[0]!.pid)).size).toBeGreaterThan(1);
    } finally {
      await close();
    }
  });

  test('with prepare: false, transactions commit and roll back, each on its own server connection', async () => {
    const { db, close } = driver.open(url, 10, false);
    try {
      const byId = db
        .select({ n: items.n })
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare('n_by_id');
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          db
            .transaction(async (tx) => {
              const id = 1000 + i;
              await tx.insert(items).values({ id, name: `tx ${i}`, n: i });
              await tx
                .update(items)
                .set({ n: sql`${items.n} + 1` })
                .where(eq(items.id, id));
              // A transaction sees its own writes on the one server connection it holds.
              const [mine] = await tx.select({ n: items.n }).from(items).where(eq(items.id, id));
              if (mine?.n !== i + 1) throw new Error(`transaction ${i} read ${JSON.stringify(mine)}`);
              if (i % 3 === 0) tx.rollback();
              return 'committed';
            })
            .catch((e: Error) => e.name),
        ),
      );
      expect(outcomes).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'TransactionRollbackError' : 'committed')));
      const committed = await db.select({ id: items.id, n: items.n }).from(items).where(sql`${items.id} >= 1000`).orderBy(items.id);
      expect(committed).toEqual(
        Array.from({ length: 30 }, (_, i) => i)
          .filter((i) => i % 3 !== 0)
          .map((i) => ({ id: 1000 + i, n: i + 1 })),
      );
      expect(await Promise.all([1, 50, 1001].map((id) => byId.execute({ id })))).toEqual([[{ n: 10 }], [{ n: 500 }], [{ n: 2 }]]);
    } finally {
      await db.delete(items).where(sql`${items.id} >= 1000`);
      await close();
    }
  });

  test('with prepare: false, sluice shares the pooler with other clients running at the same time', async () => {
    const { db, close } = driver.open(url, 6, false);
    const otherPg = new pg.Pool({ connectionString: url, max: 6 });
    const otherJs = postgres(url, { max: 6, prepare: false, onnotice: () => {} });
    try {
      const byId = db
        .select({ name: items.name })
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare('name_by_id');
      const work = Array.from({ length: 60 }, (_, i) => {
        const id = (i % 100) + 1;
        if (i % 3 === 0) return otherPg.query('select name from items where id = $1', [id]).then((r) => r.rows);
        if (i % 3 === 1) return otherJs`select name from items where id = ${id}`.then((r) => [...r]);
        return i % 2 === 0 ? byId.execute({ id }) : db.transaction((tx) => tx.select({ name: items.name }).from(items).where(eq(items.id, id)));
      });
      expect(await Promise.all(work)).toEqual(Array.from({ length: 60 }, (_, i) => [{ name: `item ${(i % 100) + 1}` }]));
    } finally {
      await otherPg.end();
      await otherJs.end();
      await close();
    }
  });

  test('with prepare: false, .iterator() streams outside and inside a transaction', async () => {
    const { db, close } = driver.open(url, 4, false);
    try {
      // Outside a transaction node-postgres streams in a transaction of its own; postgres.js reads a
      // portal, which keeps its server connection until the stream ends. Other clients' statements
      // run meanwhile on the other server connections.
      const seen: number[] = [];
      const others: Promise<unknown>[] = [];
      for await (const row of db.select({ id: many.id }).from(many).orderBy(many.id).iterator()) {
        seen.push(row.id);
        // Started now (a builder runs when awaited), while the stream holds its connection.
        if (row.id % 500 === 0)
          others.push(
            Promise.resolve(
              db
                .select({ id: items.id })
                .from(items)
                .where(eq(items.id, row.id / 500)),
            ),
          );
      }
      expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
      expect(await Promise.all(others)).toEqual([1, 2, 3, 4, 5].map((id) => [{ id }]));
      const inTx = await db.transaction(async (tx) => {
        const ids: number[] = [];
        for await (const row of tx.select({ id: items.id }).from(items).where(sql`${items.id} <= 5`).orderBy(items.id).iterator()) ids.push(row.id);
        return ids;
      });
      expect(inTx).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await close();
    }
  });

  test('a time limit cancels the statement through PgBouncer, and the connections stay usable', async () => {
    const { db, close } = driver.open(url, 2, false);
    const { db: timed, close: closeTimed } = driver.open(url, 2, false, 300);
    try {
      const started = Date.now();
      const error = (await timed.execute(sql`select pg_sleep(5)`).catch((e: unknown) => e)) as Error;
      expect(error.name).toBe('SluiceTimeoutError');
      expect(error.message).toMatch(/^query timeout of 300 ms expired; the statement was cancelled\n/);
      // Cancelled on the server, not abandoned: pg_sleep(5) did not run to its end.
      expect(Date.now() - started).toBeLessThan(3000);
      const txError = (await db.transaction((tx) => tx.execute(sql`select pg_sleep(5)`), { timeout: 300 }).catch((e: unknown) => e)) as Error;
      expect(txError.message).toMatch(/^transaction timeout of 300 ms expired; the transaction was rolled back/);
      expect(Date.now() - started).toBeLessThan(6000);
      expect(rows(await db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
      expect(rows(await timed.execute(sql`select 2 as two`))).toEqual([{ two: 2 }]);
    } finally {
      await closeTimed();
      await close();
    }
  });

  /**
   * Without the option, a named statement breaks as soon as the client's next transaction lands
   * on another server connection. The holders make that happen every time: with all
   * but one server connection held, the statement is prepared on the free one; then a holder
   * takes that one and another holder lets its connection go, so the next run of the statement
   * reaches a server connection that never saw it.
   */
  test('without prepare: false, a prepared query fails once it reaches another server connection', async () => {
    // A fresh database: its PgBouncer pool starts empty, so the holders decide which connection is free.
    const fresh = await createPgDatabase();
    await (async () => {
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      await c.query("create table items (id integer primary key, name text not null, n integer not null); insert into items values (1, 'one', 10)");
      await c.end();
    })();
    const freshUrl = bouncerUrl(fresh.url);
    const holders: pg.Client[] = [];
    const hold = async () => {
      const c = new pg.Client({ connectionString: freshUrl });
      await c.connect();
      await c.query('begin');
      await c.query('select 1');
      holders.push(c);
      return c;
    };
    const { db, close } = driver.open(freshUrl, 1);
    try {
      const byId = db
        .select({ n: items.n })
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare('items_n_by_id');
      const first = await Promise.all(Array.from({ length: POOL_SIZE - 1 }, hold));
      // Prepared (and remembered by the client) on the one server connection left.
      expect(await byId.execute({ id: 1 })).toEqual([{ n: 10 }]);
      await hold();
      await first[0]!.query('commit');
      if (driver.name === 'node-postgres') {
        // node-postgres sends only Bind and Execute for a name it has parsed on this client connection.
        const error = (await byId.execute({ id: 1 }).catch((e: unknown) => e)) as Error & { cause?: { code?: string; message?: string } };
        expect(error.cause?.code).toBe('26000');
        expect(error.cause?.message).toBe('prepared statement "items_n_by_id" does not exist');
      } else {
        // postgres.js names statements itself and caches them by their text per client connection,
        // so the same select in a transaction reuses the name. It re-prepares a statement the server
        // says does not exist and tries once more, which hides the failure outside a transaction;
        // inside one the first failure has aborted the transaction, so the retry fails too and the
        // first error is reported.
        const error = (await db.transaction((tx) => tx.select({ n: items.n }).from(items).where(eq(items.id, 1))).catch((e: unknown) => e)) as Error & { cause?: { code?: string; message?: string } };
        expect(error.cause?.code).toBe('26000');
        expect(error.cause?.message).toMatch(/^prepared statement "\w+" does not exist$/);
      }
    } finally {
      for (const c of holders) await c.end().catch(() => undefined);
      await close();
      await fresh.drop();
    }
  });
});
