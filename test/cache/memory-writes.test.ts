/**
 * The writes that take other paths than one statement, with `memoryCache()`: inserts split into
 * chunks (better-sqlite3 synchronously, PGlite in a transaction), libsql's `db.batch()`; views
 * cached under their own name; and what the cache does not see (raw SQL).
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { hashQuery, memoryCache, NoopCache } from 'sluice/cache/core';
import { drizzle as libsql } from 'sluice/libsql';
import { integer, pgMaterializedView, pgTable, pgView, text } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as int, sqliteTable, text as txt } from 'sluice/sqlite-core';

const items = sqliteTable('items', { id: int('id').primaryKey(), name: txt('name').notNull() });
const countItems = sql<number>`count(*)`.mapWith(Number);

describe('memoryCache and writes off the one-statement path', () => {
  it('an insert split into chunks invalidates, on better-sqlite3 (awaited and .run()) and PGlite', async () => {
    const client = new Sqlite(':memory:');
    client.exec('create table items (id integer primary key, name text not null)');
    const log: string[] = [];
    const db = betterSqlite({ client, cache: memoryCache({ global: true }), logger: { logQuery: (q) => log.push(q) } });
    const total = () => db.select({ n: countItems }).from(items).get()!.n;
    expect(total()).toBe(0);
    // 2 parameters a row: 20,000 rows need two statements under SQLite's 32,766.
    await db.insert(items).values(Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, name: 'x' })));
    expect(log.filter((s) => s.startsWith('insert')).length).toBe(2);
    expect(total()).toBe(20_000);
    expect(total()).toBe(20_000);
    expect(log.filter((s) => s.startsWith('select')).length).toBe(2);

    const pg = new PGlite();
    await pg.exec('create table items (id integer primary key, name text not null)');
    const pgItems = pgTable('items', { id: integer('id').primaryKey(), name: text('name').notNull() });
    const pdb = pglite({ client: pg, cache: memoryCache({ global: true }) });
    const pgTotal = async () => (await pdb.select({ n: countItems }).from(pgItems))[0]!.n;
    expect(await pgTotal()).toBe(0);
    // 33,000 rows of 2 parameters exceed PostgreSQL's 65,533.
    await pdb.insert(pgItems).values(Array.from({ length: 33_000 }, (_, i) => ({ id: i + 1, name: 'x' })));
    expect(await pgTotal()).toBe(33_000);
    await pg.close();
  });

  it("libsql's db.batch() invalidates the tables its writes touch", async () => {
    const client = createClient({ url: ':memory:' });
    await client.execute('create table items (id integer primary key, name text not null)');
    const log: string[] = [];
    const db = libsql({ client, cache: memoryCache({ global: true }), logger: { logQuery: (q) => log.push(q) } });
    const names = async () => (await db.select({ name: items.name }).from(items).orderBy(items.id)).map((r) => r.name);
    expect(await names()).toEqual([]);
    expect(await names()).toEqual([]);
    expect(log.filter((s) => s.startsWith('select')).length).toBe(1);
    await db.batch([db.insert(items).values({ id: 1, name: 'a' }), db.update(items).set({ name: 'b' }).where(eq(items.id, 1))]);
    expect(await names()).toEqual(['b']);
    client.close();
  });

  it('a view is cached under its own name; raw SQL is not seen until invalidated by hand; NoopCache is no cache', async () => {
    const pg = new PGlite();
    await pg.exec("create table things (id integer primary key, kind text not null); insert into things values (1, 'a'), (2, 'b'); create view a_things as select id from things where kind = 'a'");
    const aThings = pgView('a_things', { id: integer('id') }).existing();
    const log: string[] = [];
    const db = pglite({ client: pg, cache: memoryCache({ global: true }), logger: { logQuery: (q) => log.push(q) } });
    const ids = async () => (await db.select().from(aThings).orderBy(aThings.id)).map((r) => r.id);
    expect(await ids()).toEqual([1]);
    await db.execute(sql`insert into things values (3, 'a')`);
    expect(await ids()).toEqual([1]);
    await db.$cache.invalidate({ tables: 'a_things' });
    expect(await ids()).toEqual([1, 3]);
    expect(log.filter((s) => s.startsWith('select')).length).toBe(2);
    const noop: string[] = [];
    const plain = pglite({ client: pg, cache: new NoopCache(), logger: { logQuery: (q) => noop.push(q) } });
    await plain.select().from(aThings);
    await plain.select().from(aThings);
    expect(noop).toHaveLength(2);
    await pg.close();
  });
});

describe('memoryCache and materialized views', () => {
  it('refreshMaterializedView() invalidates the selects of the view', async () => {
    const pg = new PGlite();
    await pg.exec('create table src (id integer primary key); insert into src values (1); create materialized view snap as select id from src');
    const snap = pgMaterializedView('snap', { id: integer('id') }).existing();
    const db = pglite({ client: pg, cache: memoryCache({ global: true }) });
    const ids = async () => (await db.select().from(snap).orderBy(snap.id)).map((r) => r.id);
    expect(await ids()).toEqual([1]);
    await db.execute(sql`insert into src values (2)`);
    await pg.exec('refresh materialized view snap');
    // Refreshed behind the cache's back: still the cached rows.
    expect(await ids()).toEqual([1]);
    await db.execute(sql`insert into src values (3)`);
    await db.refreshMaterializedView(snap);
    expect(await ids()).toEqual([1, 2, 3]);
    await pg.close();
  });
});

describe('memoryCache: reads that are never served from it', () => {
  it('a locking select (for update) always reaches the database, and hashQuery is stable', async () => {
    const pg = new PGlite();
    await pg.exec('create table locked (id integer primary key); insert into locked values (1)');
    const locked = pgTable('locked', { id: integer('id').primaryKey() });
    const log: string[] = [];
    const db = pglite({ client: pg, cache: memoryCache({ global: true }), logger: { logQuery: (q) => log.push(q) } });
    await db.transaction(async (tx) => {
      await tx.select().from(locked).for('update');
    });
    expect(await db.select().from(locked).for('update')).toEqual([{ id: 1 }]);
    expect(await db.select().from(locked).for('update')).toEqual([{ id: 1 }]);
    expect(log.filter((s) => s.endsWith('for update'))).toHaveLength(3);
    const a = await hashQuery('select 1 where $1', [1n]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashQuery('select 1 where $1', [1n])).toBe(a);
    expect(await hashQuery('select 1 where $1', [1])).not.toBe(a);
    // Drizzle's formula, for caches that key entries themselves.
    expect(await hashQuery('select 1 where $1', [1])).toBe(createHash('sha256').update('select 1 where $1-[1]').digest('hex'));
    await pg.close();
  });
});
