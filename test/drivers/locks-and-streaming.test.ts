/**
 * Row locks between two connections, and `.iterator()` streaming, on the servers: node-postgres
 * (SLUICE_PG_URL) and mysql2 on MariaDB (SLUICE_MYSQL_URL). A second connection must skip the
 * rows a first one holds with `skipLocked` and fail at once on them with `noWait`; an iterator
 * must read a large result in batches while the server still holds the rest, and leaving the loop
 * must give the connection back (a pool of one goes on working).
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql, SluiceQueryError } from 'sluice';
import { int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer, pgTable, text } from 'sluice/pg-core';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

const pgJobs = pgTable('jobs', { id: integer('id').primaryKey(), state: text('state').notNull() });
const pgBig = pgTable('big', { id: integer('id').primaryKey() });
const myJobs = mysqlTable('jobs', { id: int('id').primaryKey(), state: varchar('state', { length: 20 }).notNull() });
const myBig = mysqlTable('big', { id: int('id').primaryKey() });

/** Resolves when `release` is called: lets one transaction hold its locks while another runs. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release!: () => void;
  const wait = new Promise<void>((resolve) => (release = resolve));
  return { wait, release };
}

describe.skipIf(!pgServerUrl)('node-postgres: locks between connections, streaming (needs SLUICE_PG_URL)', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let poolA: pg.Pool;
  let poolB: pg.Pool;
  let monitor: pg.Client;
  /** Every statement the one connection of pool A received, in order. */
  const sent: string[] = [];
  beforeAll(async () => {
    database = await createPgDatabase();
    poolA = new pg.Pool({ connectionString: database.url, max: 1 });
    poolB = new pg.Pool({ connectionString: database.url, max: 1 });
    const spied = new WeakSet<pg.PoolClient>();
    poolA.on('acquire', (client) => {
      if (spied.has(client)) return;
      spied.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
        const first = args[0];
        sent.push(typeof first === 'string' ? first : (first as { text: string }).text);
        return query(...args);
      };
    });
    monitor = new pg.Client({ connectionString: database.url });
    await monitor.connect();
    await monitor.query(`create table jobs (id integer primary key, state text not null);
      insert into jobs values (1, 'new'), (2, 'new'), (3, 'new');
      create table big (id integer primary key); insert into big select g from generate_series(1, 2500) g;`);
  });
  afterAll(async () => {
    await monitor?.end();
    await poolA?.end();
    await poolB?.end();
    await database?.drop();
  });

  it('skips rows another transaction locked with skipLocked, and fails at once on them with noWait', async () => {
    const a = nodePostgres(poolA);
    const b = nodePostgres(poolB);
    const held = gate();
    const locked = gate();
    const holder = a.transaction(async (tx) => {
      expect(await tx.select({ id: pgJobs.id }).from(pgJobs).where(eq(pgJobs.id, 1)).for('update')).toEqual([{ id: 1 }]);
      locked.release();
      await held.wait;
    });
    await locked.wait;
    try {
      const free = await b.transaction((tx) => tx.select({ id: pgJobs.id }).from(pgJobs).orderBy(pgJobs.id).for('update', { skipLocked: true }));
      expect(free).toEqual([{ id: 2 }, { id: 3 }]);
      const nowait = b.transaction((tx) => tx.select().from(pgJobs).where(eq(pgJobs.id, 1)).for('update', { noWait: true }));
      await expect(nowait).rejects.toThrow(SluiceQueryError);
      await expect(b.transaction((tx) => tx.select().from(pgJobs).where(eq(pgJobs.id, 1)).for('share', { noWait: true }))).rejects.toThrow(/could not obtain lock on row/);
    } finally {
      held.release();
      await holder;
    }
    // Released at commit: the row is free again.
    expect(await b.transaction((tx) => tx.select({ id: pgJobs.id }).from(pgJobs).where(eq(pgJobs.id, 1)).for('update', { noWait: true }))).toEqual([{ id: 1 }]);
  });

  it('lets key share pass a no key update lock that share waits for', async () => {
    const a = nodePostgres(poolA);
    const b = nodePostgres(poolB);
    const held = gate();
    const locked = gate();
    const holder = a.transaction(async (tx) => {
      await tx.select().from(pgJobs).where(eq(pgJobs.id, 2)).for('no key update');
      locked.release();
      await held.wait;
    });
    await locked.wait;
    try {
      expect(await b.transaction((tx) => tx.select({ id: pgJobs.id }).from(pgJobs).where(eq(pgJobs.id, 2)).for('key share', { noWait: true }))).toEqual([{ id: 2 }]);
      await expect(b.transaction((tx) => tx.select().from(pgJobs).where(eq(pgJobs.id, 2)).for('share', { noWait: true }))).rejects.toThrow(/could not obtain lock on row/);
    } finally {
      held.release();
      await holder;
    }
  });

  it('fetches a cursor in batches while the rest stays on the server', async () => {
    const db = nodePostgres(poolA);
    sent.length = 0;
    const rows = db.select({ id: pgBig.id }).from(pgBig).orderBy(pgBig.id).iterator();
    expect((await rows.next()).value).toEqual({ id: 1 });
    // One batch is in: the connection waits, inside the iteration's transaction, on the cursor.
    expect(sent.map((s) => s.replace(/sluice_cursor_\d+/, 'C'))).toEqual(['begin', 'declare C no scroll cursor for select "id" from "big" order by "big"."id"', 'fetch forward 1000 from C']);
    const activity = await monitor.query(`select state, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and query like 'fetch%'`);
    expect(activity.rows).toEqual([{ state: 'idle in transaction', query: expect.stringMatching(/^fetch forward 1000 from sluice_cursor_\d+$/) }]);
    let n = 1;
    for await (const row of rows) {
      n++;
      expect(row.id).toBe(n);
    }
    expect(n).toBe(2500);
    expect(sent.filter((s) => s.startsWith('fetch'))).toHaveLength(3);
    expect(sent[sent.length - 1]).toBe('commit');
    expect(poolA.idleCount).toBe(1);
  });

  it('gives the connection back when the loop ends early: a pool of one goes on', { timeout: 10_000 }, async () => {
    const db = nodePostgres(poolA);
    sent.length = 0;
    let n = 0;
    for await (const row of db.select().from(pgBig).iterator()) {
      expect(row.id).toBeGreaterThan(0);
      if (++n === 5) break;
    }
    expect(sent.filter((s) => s.startsWith('fetch'))).toHaveLength(1);
    expect(sent[sent.length - 1]).toBe('commit');
    expect(poolA.idleCount).toBe(1);
    expect(
      await db
        .select()
        .from(pgBig)
        .where(inArray(pgBig.id, [7, 2500])),
    ).toEqual([{ id: 7 }, { id: 2500 }]);
  });

  it('streams on a bare client, and inside a transaction closes the cursor it leaves', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const db = nodePostgres(client);
      let n = 0;
      for await (const _ of db.select().from(pgBig).iterator()) if (++n === 1500) break;
      expect(n).toBe(1500);
      await db.transaction(async (tx) => {
        for await (const _ of tx.select().from(pgBig).iterator()) break;
        const open = await tx.execute(sql`select count(*)::int as n from pg_cursors`);
        expect((open as unknown as pg.QueryResult).rows).toEqual([{ n: 0 }]);
      });
      expect(await db.select().from(pgBig).where(eq(pgBig.id, 3))).toEqual([{ id: 3 }]);
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!mysqlServerUrl)('mysql2 on MariaDB: locks between connections, streaming (needs SLUICE_MYSQL_URL)', () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let poolA: mysql.Pool;
  let poolB: mysql.Pool;
  let monitor: mysql.Connection;
  const BIG = 30000;
  beforeAll(async () => {
    database = await createMysqlDatabase();
    poolA = mysql.createPool({ uri: database.url, connectionLimit: 1 });
    poolB = mysql.createPool({ uri: database.url, connectionLimit: 1 });
    monitor = await mysql.createConnection({ uri: database.url, multipleStatements: true });
    await monitor.query(`create table jobs (id int primary key, state varchar(20) not null);
      insert into jobs values (1, 'new'), (2, 'new'), (3, 'new');
      create table big (id int primary key); insert into big select seq from seq_1_to_${BIG};`);
  });
  afterAll(async () => {
    await monitor?.end();
    await poolA?.end();
    await poolB?.end();
    await database?.drop();
  });
  /** Statements of the other connections still running with `marker` in their text. */
  const running = async (marker: string) => {
    const [rows] = await monitor.query(`select count(*) as n from information_schema.processlist where id <> connection_id() and info like ?`, [`%${marker}%`]);
    return Number((rows as { n: number }[])[0]!.n);
  };

  it('skips rows another transaction locked with skipLocked, and fails at once on them with noWait', async () => {
    const a = mysql2(poolA);
    const b = mysql2(poolB);
    const held = gate();
    const locked = gate();
    const holder = a.transaction(async (tx) => {
      expect(await tx.select({ id: myJobs.id }).from(myJobs).where(eq(myJobs.id, 1)).for('update')).toEqual([{ id: 1 }]);
      locked.release();
      await held.wait;
    });
    await locked.wait;
    try {
      const free = await b.transaction((tx) => tx.select({ id: myJobs.id }).from(myJobs).orderBy(myJobs.id).for('update', { skipLocked: true }));
      expect(free).toEqual([{ id: 2 }, { id: 3 }]);
      expect(await b.transaction((tx) => tx.select({ id: myJobs.id }).from(myJobs).orderBy(myJobs.id).for('share', { skipLocked: true }))).toEqual([{ id: 2 }, { id: 3 }]);
      const nowait = b.transaction((tx) => tx.select().from(myJobs).where(eq(myJobs.id, 1)).for('update', { noWait: true }));
      await expect(nowait).rejects.toThrow(SluiceQueryError);
      await expect(b.transaction((tx) => tx.select().from(myJobs).where(eq(myJobs.id, 1)).for('share', { noWait: true }))).rejects.toThrow(/Lock wait timeout/);
    } finally {
      held.release();
      await holder;
    }
    expect(await b.transaction((tx) => tx.select({ id: myJobs.id }).from(myJobs).where(eq(myJobs.id, 1)).for('update', { noWait: true }))).toEqual([{ id: 1 }]);
  });

  it('streams a large result while the server is still sending it', { timeout: 30_000 }, async () => {
    const db = mysql2(poolA);
    const q = db.select({ id: myBig.id, pad: sql<string>`repeat('streamed', 125)` }).from(myBig).orderBy(myBig.id);
    const rows = q.iterator();
    expect((await rows.next()).value).toEqual({ id: 1, pad: 'streamed'.repeat(125) });
    // About 30 MB of rows: the paused socket holds the server back mid-result.
    expect(await running("repeat('streamed'")).toBe(1);
    let n = 1;
    for await (const row of rows) {
      n++;
      expect(row.id).toBe(n);
    }
    expect(n).toBe(BIG);
    expect(await running("repeat('streamed'")).toBe(0);
  });

  it('gives the connection back when the loop ends early: a pool of one goes on', { timeout: 30_000 }, async () => {
    const db = mysql2(poolA);
    let n = 0;
    for await (const row of db.select({ id: myBig.id, pad: sql<string>`repeat('early', 200)` }).from(myBig).iterator()) {
      expect(row.pad).toHaveLength(1000);
      if (++n === 5) break;
    }
    expect(await running("repeat('early'")).toBe(0);
    expect(
      await db
        .select()
        .from(myBig)
        .where(inArray(myBig.id, [7, BIG])),
    ).toEqual([{ id: 7 }, { id: BIG }]);
  });

  it('streams on a single connection and inside a transaction, which go on after a break', { timeout: 30_000 }, async () => {
    const single = await mysql.createConnection(database.url);
    try {
      const db = mysql2(single);
      let n = 0;
      for await (const _ of db.select().from(myBig).iterator()) if (++n === 1500) break;
      expect(n).toBe(1500);
      expect(await db.select().from(myBig).where(eq(myBig.id, 3))).toEqual([{ id: 3 }]);
      await mysql2(poolA).transaction(async (tx) => {
        for await (const _ of tx.select().from(myBig).iterator()) break;
        expect(await tx.select().from(myBig).where(eq(myBig.id, 4))).toEqual([{ id: 4 }]);
      });
    } finally {
      await single.end();
    }
  });
});
