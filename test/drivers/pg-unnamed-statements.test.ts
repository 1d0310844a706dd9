/**
 * `drizzle({ prepare: false })` on node-postgres and postgres.js (for PgBouncer in transaction
 * mode): no statement is prepared under a name on the server. Each case runs on one connection
 * (a `pg.Client`, a postgres.js client with `max: 1`), so `pg_prepared_statements` lists exactly
 * what this database handle prepared there; the same calls with named statements list them.
 */
import pg from 'pg';
import postgres from 'postgres';
import { eq, sql, type Database } from 'sluice';
import { drizzle as cockroach } from 'sluice/cockroach';
import { cockroachTable, int4, string } from 'sluice/cockroach-core';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer, pgTable, text } from 'sluice/pg-core';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

const items = pgTable('items', { id: integer('id').primaryKey(), name: text('name').notNull() });
/** The same table for `sluice/cockroach`, which runs here on PostgreSQL through the same node-postgres driver. */
const cockroachItems = cockroachTable('items', { id: int4('id').primaryKey(), name: string('name').notNull() });
type Db = Database<'pg', unknown>;

/** The statements, pages of rows and a transaction a prepared-statement cache would keep. */
async function work(db: Db): Promise<unknown[]> {
  const byId = db
    .select()
    .from(items)
    .where(eq(items.id, sql.placeholder('id')))
    .prepare('items_by_id');
  const out: unknown[] = [await byId.execute({ id: 1 }), await byId.execute({ id: 2 })];
  out.push(await db.select({ name: items.name }).from(items).where(eq(items.id, 2)));
  out.push(
    await db.transaction(async (tx) => {
      await tx.update(items).set({ name: 'two' }).where(eq(items.id, 2));
      return tx.select().from(items).where(eq(items.id, 2));
    }),
  );
  return out;
}
const expected = [[{ id: 1, name: 'a' }], [{ id: 2, name: 'b' }], [{ name: 'b' }], [{ id: 2, name: 'two' }]];

/**
 * The named statements on the connection. postgres.js itself prepares one lookup of array types
 * when it connects (unless the client says `prepare: false` or `fetch_types: false`); it runs once
 * per connection and is never reused, so it is left out.
 */
const prepared = (db: Db) =>
  db.execute<{ name: string }>(sql`select name from pg_prepared_statements where statement not like '%pg_catalog.pg_type%' order by name`).then((r) => (Array.isArray(r) ? r : r.rows!).map((row) => (row as { name: string }).name));

describe.skipIf(!pgServerUrl)('prepare: false sends unnamed statements (skipped without SLUICE_PG_URL)', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  const reset = async () => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    await c.query("delete from items; insert into items values (1, 'a'), (2, 'b')");
    await c.end();
  };
  beforeAll(async () => {
    database = await createPgDatabase();
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    await c.query('create table items (id integer primary key, name text not null)');
    await c.end();
  });
  afterAll(() => database?.drop());

  test.each([false, true])('node-postgres, prepare: %s', async (prepare) => {
    await reset();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const db = nodePostgres({ client, prepare }) as unknown as Db;
      expect(await work(db)).toEqual(expected);
      expect(await prepared(db)).toEqual(prepare ? ['items_by_id'] : []);
    } finally {
      await client.end();
    }
  });

  test.each([false, true, undefined])('sluice/cockroach (same driver), prepare: %s', async (prepare) => {
    await reset();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const db = cockroach({ client, ...(prepare === undefined ? {} : { prepare }) });
      const byId = db
        .select()
        .from(cockroachItems)
        .where(eq(cockroachItems.id, sql.placeholder('id')))
        .prepare('items_by_id');
      expect([await byId.execute({ id: 1 }), await byId.execute({ id: 2 })]).toEqual([[{ id: 1, name: 'a' }], [{ id: 2, name: 'b' }]]);
      const names = await db.execute<{ name: string }>(sql`select name from pg_prepared_statements order by name`);
      expect(names.rows.map((r) => r.name)).toEqual(prepare === false ? [] : ['items_by_id']);
    } finally {
      await client.end();
    }
  });

  test('node-postgres, default: named', async () => {
    await reset();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const db = nodePostgres({ client }) as unknown as Db;
      expect(await work(db)).toEqual(expected);
      expect(await prepared(db)).toEqual(['items_by_id']);
    } finally {
      await client.end();
    }
  });

  test.each([
    { client: {}, option: false, named: false },
    { client: {}, option: undefined, named: true },
    { client: { prepare: false }, option: undefined, named: false },
    // postgres.js's client setting wins over a query's: such a client never names a statement.
    { client: { prepare: false }, option: true, named: false },
  ])('postgres.js, client $client and drizzle({ prepare: $option }): named statements $named', async ({ client: settings, option, named }) => {
    await reset();
    const client = postgres(database.url, { max: 1, onnotice: () => {}, ...settings });
    try {
      const db = postgresJs({ client, ...(option === undefined ? {} : { prepare: option }) }) as unknown as Db;
      expect(await work(db)).toEqual(expected);
      const names = await prepared(db);
      // postgres.js names its statements itself (random per connection): only whether there are any is known.
      if (named) expect(names.length).toBeGreaterThanOrEqual(3);
      else expect(names).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
