/**
 * `logger: true` prints every statement and its parameters with `DefaultLogger` (Drizzle's
 * format), transactions' begin and commit included; a batch reports each of its statements.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { drizzle as pglite } from 'sluice/pglite';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { RecordingLogger } from './targets.js';

const items = sqliteTable('obs_items', { id: integer('id').primaryKey(), name: text('name').notNull() });

describe('DefaultLogger', () => {
  let pgliteClient: PGlite;
  // PGlite takes a while to start; the hook's timeout allows for it.
  beforeAll(async () => {
    pgliteClient = new PGlite();
    await pgliteClient.waitReady;
  });
  afterAll(() => pgliteClient.close());
  afterEach(() => vi.restoreAllMocks());

  it('prints each statement with its parameters to the console, and begin and commit of a transaction', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const client = new Database(':memory:');
    client.exec('create table obs_items (id integer primary key, name text not null)');
    const db = betterSqlite({ client, logger: true });
    db.insert(items).values({ id: 1, name: 'a"b' }).run();
    expect(await db.select().from(items).where(eq(items.id, 1))).toEqual([{ id: 1, name: 'a"b' }]);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ${10n} as big`);
    });
    expect(printed).toEqual([
      'Query: insert into "obs_items" ("id", "name") values (?, ?) -- params: [1, "a\\"b"]',
      'Query: select "id", "name" from "obs_items" where "obs_items"."id" = ? -- params: [1]',
      'Query: begin',
      'Query: select ? as big -- params: [10]',
      'Query: commit',
    ]);
    client.close();
  });

  it('prints on PGlite too, with the begin and commit PGlite sends for a transaction', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const db = pglite({ client: pgliteClient, logger: true });
    await db.transaction(async (tx) => {
      expect((await tx.execute(sql`select ${'x'}::text as v`)).rows).toEqual([{ v: 'x' }]);
    });
    expect(printed).toEqual(['Query: begin', 'Query: select $1::text as v -- params: ["x"]', 'Query: commit']);
  });
});

describe('timing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('times statements only for a logger with logQueryEnd', () => {
    const client = new Database(':memory:');
    client.exec('create table obs_items (id integer primary key, name text not null)');
    const now = vi.spyOn(performance, 'now');
    const seen: string[] = [];
    const plain = betterSqlite({ client, logger: { logQuery: (q) => void seen.push(q) } });
    plain.insert(items).values({ id: 1, name: 'a' }).run();
    expect(plain.select().from(items).all()).toEqual([{ id: 1, name: 'a' }]);
    expect(seen).toEqual(['insert into "obs_items" ("id", "name") values (?, ?)', 'select "id", "name" from "obs_items"']);
    expect(now).not.toHaveBeenCalled();

    const timed = new RecordingLogger();
    betterSqlite({ client, logger: timed }).select().from(items).all();
    expect(now).toHaveBeenCalledTimes(2);
    expect(timed.ended.map((e) => e.rowCount)).toEqual([1]);
    client.close();
  });
});

describe('batch on libsql', () => {
  it('reports each statement of a batch, with its rows, once the batch has run', async () => {
    const log = new RecordingLogger();
    const db = libsql({ connection: { url: ':memory:' }, logger: log });
    await db.run(sql`create table obs_items (id integer primary key, name text not null)`);
    log.clear();
    const [inserted, rows] = await db.batch([
      db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]),
      db.select().from(items),
    ]);
    expect(rows).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(inserted.rowsAffected).toBe(2);
    expect(log.started.map((e) => e.sql)).toEqual(['insert into "obs_items" ("id", "name") values (?, ?), (?, ?)', 'select "id", "name" from "obs_items"']);
    expect(log.ended.map((e) => [e.sql, e.rowCount])).toEqual([
      ['insert into "obs_items" ("id", "name") values (?, ?), (?, ?)', 2],
      ['select "id", "name" from "obs_items"', 2],
    ]);
    for (const e of log.ended) expect(e.durationMs).toBeGreaterThan(0);

    log.clear();
    await expect(db.batch([db.insert(items).values({ id: 3, name: 'c' }), db.insert(items).values({ id: 1, name: 'dup' })])).rejects.toThrow(/UNIQUE/);
    expect(log.ended).toHaveLength(2);
    for (const e of log.ended) {
      expect(e.rowCount).toBeUndefined();
      expect(e.error).toBeInstanceOf(Error);
    }
    expect(await db.select().from(items)).toHaveLength(2);
    db.$client.close();
  });
});
