/**
 * sluice/mysql2 on the MySQL-protocol server at SLUICE_MYSQL_URL (MariaDB 10.11 here; CI sets the
 * URL): every way to open a database, transactions on a pool and on a single connection, results
 * that do not depend on the pool's settings, and errors that carry the statement.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, relations, sql, SluiceQueryError, TransactionRollbackError } from 'sluice';
import { bigint, binary, blob, datetime, decimal, int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle } from 'sluice/mysql2';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';

const things = mysqlTable('things', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 64 }).notNull(),
  big: bigint('big', { mode: 'bigint' }),
  price: decimal('price', { precision: 10, scale: 2 }),
  at: datetime('at', { fsp: 3 }),
});

const files = mysqlTable('files', {
  id: int('id').primaryKey().autoincrement(),
  thingId: int('thing_id').notNull(),
  data: blob('data'),
  text: blob('text', { mode: 'string' }),
  code: binary('code', { length: 4 }),
});
const thingsRelations = relations(things, ({ many }) => ({ files: many(files) }));
const filesRelations = relations(files, ({ one }) => ({ thing: one(things, { fields: [files.thingId], references: [things.id] }) }));

describe.skipIf(!mysqlServerUrl)('mysql2 driver (needs SLUICE_MYSQL_URL)', () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let pool: mysql.Pool;
  beforeAll(async () => {
    database = await createMysqlDatabase();
    pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
    await pool.query('create table things (id int auto_increment primary key, name varchar(64) not null, big bigint, price decimal(10,2), at datetime(3))');
    await pool.query('create table files (id int auto_increment primary key, thing_id int not null, data blob, text blob, code binary(4))');
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('opens from a URL, { connection } (URL or settings), a pool or one connection', async () => {
    await pool.query(`insert into things (name) values ('a')`);
    const fromUrl = drizzle(database.url);
    const fromConnection = drizzle({ connection: database.url });
    const fromSettings = drizzle({ connection: { uri: database.url, connectionLimit: 2 } });
    const fromPool = drizzle(pool);
    const single = await mysql.createConnection(database.url);
    const fromSingle = drizzle({ client: single, mode: 'default' });
    for (const db of [fromUrl, fromConnection, fromSettings, fromPool, fromSingle]) {
      expect(await db.select({ name: things.name }).from(things)).toEqual([{ name: 'a' }]);
    }
    expect(fromPool.$client).toBe(pool);
    await fromUrl.$client.end();
    await fromConnection.$client.end();
    await fromSettings.$client.end();
    await single.end();
    await pool.query('delete from things');
  });

  it('names a wrong mode and a missing client', () => {
    expect(() => drizzle({ client: pool, mode: 'vitess' as never })).toThrow(`sluice/mysql2: mode must be 'default' or 'planetscale', got "vitess"`);
    expect(() => drizzle({} as never)).toThrow('sluice/mysql2: drizzle() needs a client');
    expect(drizzle({ client: pool, mode: 'planetscale' }).$client).toBe(pool);
  });

  it('decodes bigints beyond 2^53, decimals and datetimes the same whatever the pool is set to', async () => {
    const at = new Date('2024-05-06T07:08:09.123Z');
    // A pool that would turn bigints into lossy numbers and dates into local-time Dates.
    const lossy = mysql.createPool({ uri: database.url, connectionLimit: 2, supportBigNumbers: false, timezone: '+05:00' });
    const db = drizzle(lossy);
    const [{ id }] = await db.insert(things).values({ name: 'big', big: 9007199254740993n, price: '12.50', at }).$returningId();
    expect(await db.select().from(things).where(eq(things.id, id))).toEqual([{ id, name: 'big', big: 9007199254740993n, price: '12.50', at }]);
    await lossy.end();
    await pool.query('delete from things');
  });

  it('reads blobs and binary strings the same in plain selects and in relational JSON', async () => {
    const db = drizzle({ client: pool, schema: { things, files, thingsRelations, filesRelations } });
    const [{ id }] = await db.insert(things).values({ name: 'with files' }).$returningId();
    const bytes = Buffer.from([0, 1, 254, 255]);
    await db.insert(files).values({ thingId: id, data: bytes, text: 'héllo', code: 'abcd' });
    const plain = await db.select({ data: files.data, text: files.text, code: files.code }).from(files);
    expect(plain).toEqual([{ data: bytes, text: 'héllo', code: 'abcd' }]);
    const nested = await db.query.things.findFirst({ columns: { name: true }, with: { files: { columns: { data: true, text: true, code: true } } } });
    expect(nested).toEqual({ name: 'with files', files: plain });
    await pool.query('delete from files');
    await pool.query('delete from things');
  });

  it('runs transactions on one pinned pool connection, with savepoints, and on a single connection', async () => {
    const db = drizzle(pool);
    await db.transaction(async (tx) => {
      await tx.insert(things).values({ name: 'outer' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(things).values({ name: 'inner' });
          inner.rollback();
        }),
      ).rejects.toBeInstanceOf(TransactionRollbackError);
      // The connection is the transaction's own: its uncommitted row is visible only here.
      expect((await tx.select({ name: things.name }).from(things)).map((r) => r.name)).toEqual(['outer']);
      expect(await db.$count(things)).toBe(0);
    });
    expect(await db.$count(things)).toBe(1);

    const single = await mysql.createConnection(database.url);
    const one = drizzle(single);
    await expect(
      one.transaction(async (tx) => {
        await tx.delete(things);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await one.$count(things)).toBe(1);
    await single.end();
    await pool.query('delete from things');
  });

  it('returns mysql2 results from execute() and writes, and wraps failures with the statement', async () => {
    const db = drizzle(pool);
    const [header] = await db.insert(things).values([{ name: 'x' }, { name: 'y' }]);
    expect(header.affectedRows).toBe(2);
    const [rows] = (await db.execute(sql`select count(*) as n from ${things}`)) as unknown as [{ n: number }[]];
    expect(rows).toEqual([{ n: 2 }]);
    const err = await db
      .insert(things)
      .values({ id: header.insertId, name: 'dup' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SluiceQueryError);
    expect((err as SluiceQueryError).query).toBe('insert into `things` (`id`, `name`) values (?, ?)');
    expect((err as SluiceQueryError).params).toEqual([header.insertId, 'dup']);
    expect((err as SluiceQueryError).message).toMatch(/Duplicate entry/);
    await pool.query('delete from things');
  });

  it('rejects a value mysql2 cannot format and gives the pooled connection back', async () => {
    // mysql2 formats values into the text before sending and throws at once when that fails.
    const small = mysql.createPool({ uri: database.url, connectionLimit: 1 });
    const db = drizzle(small);
    const unformattable = {
      toSqlString() {
        throw new Error('cannot format this value');
      },
    };
    for (let i = 0; i < 3; i++) {
      const err = await db.execute(sql`select ${unformattable} as v`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SluiceQueryError);
      expect((err as SluiceQueryError).message).toMatch(/cannot format this value/);
    }
    // The pool's one connection was released each time, so this query is not left waiting.
    const [rows] = (await db.execute(sql`select 1 as one`)) as unknown as [{ one: number }[]];
    expect(rows).toEqual([{ one: 1 }]);
    await small.end();
  });
});
