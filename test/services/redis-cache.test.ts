/**
 * `redisCache()` on node-postgres: rows come back from Redis with the JavaScript types they had
 * (Date, bigint, Buffer, JSON), hits send no statement, writes and tags invalidate, and a write
 * made by another process (its own database handle and cache) invalidates this one's entries.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'sluice';
import { type RedisCache, redisCache } from 'sluice/cache/redis';
import { drizzle } from 'sluice/node-postgres';
import { bigint, bytea, integer, jsonb, pgTable, text, timestamp } from 'sluice/pg-core';
import { createPgDatabase } from '../support/targets.js';

const people = pgTable('people', { id: integer('id').primaryKey(), name: text('name').notNull(), balance: bigint('balance', { mode: 'bigint' }) });
const blobs = pgTable('blobs', {
  id: integer('id').primaryKey(),
  at: timestamp('at', { mode: 'date', withTimezone: true }),
  big: bigint('big', { mode: 'bigint' }),
  data: bytea('data'),
  doc: jsonb('doc'),
  ratio: text('ratio'),
});

describe.skipIf(!process.env.SLUICE_PG_URL)('redisCache on node-postgres (needs SLUICE_PG_URL)', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let pool: pg.Pool;
  let cache: RedisCache;
  const prefix = `sluice-test:${randomBytes(6).toString('hex')}:`;
  const log: string[] = [];
  const reads = () => log.filter((s) => s.startsWith('select')).length;
  let db: ReturnType<typeof open>;
  const open = () => drizzle({ client: pool, cache, logger: { logQuery: (q) => log.push(q) } });

  beforeAll(async () => {
    database = await createPgDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await pool.query('create table people (id integer primary key, name text not null, balance bigint)');
    await pool.query('create table blobs (id integer primary key, at timestamptz, big bigint, data bytea, doc jsonb, ratio text)');
    cache = redisCache({ url: 'redis://127.0.0.1:6379', prefix, global: true });
    db = open();
  });
  afterAll(async () => {
    const keys = await cache.client.keys(`${prefix}*`);
    if (keys.length > 0) await cache.client.del(...keys);
    await cache.disconnect();
    await pool.end();
    await database.drop();
  });

  it('rows come back from Redis with the same types and values', async () => {
    const row = { id: 1, at: new Date('2024-02-03T04:05:06.789Z'), big: 9007199254740993n, data: Buffer.from([0, 1, 254, 255]), doc: { a: [1, 'two', null], b: { c: true } }, ratio: null };
    await db.insert(blobs).values([row, { id: 2, at: null, big: null, data: null, doc: null, ratio: 'x' }]);
    const q = () => db.select().from(blobs).orderBy(blobs.id);
    const fresh = await q();
    const before = reads();
    const cached = await q();
    expect(reads()).toBe(before);
    expect(cached).toEqual(fresh);
    expect(cached[0]).toEqual(row);
    expect(cached[0]!.at).toBeInstanceOf(Date);
    expect(typeof cached[0]!.big).toBe('bigint');
    expect(Buffer.isBuffer(cached[0]!.data)).toBe(true);
    expect(cached[1]).toEqual({ id: 2, at: null, big: null, data: null, doc: null, ratio: 'x' });
    // Stored as one string key under the prefix, listed in the table's set.
    expect(await cache.client.smembers(`${prefix}t:blobs`)).toHaveLength(1);
  });

  it('writes, tags and TTLs', async () => {
    const names = async () => (await db.select({ name: people.name }).from(people).orderBy(people.id)).map((r) => r.name);
    await db.insert(people).values({ id: 1, name: 'Ann', balance: 5n });
    expect(await names()).toEqual(['Ann']);
    const r = reads();
    expect(await names()).toEqual(['Ann']);
    expect(reads()).toBe(r);
    await db.update(people).set({ name: 'Ann2' }).where(eq(people.id, 1));
    expect(await names()).toEqual(['Ann2']);
    expect(await cache.client.exists(`${prefix}t:people`)).toBe(1);
    const tagged = () =>
      db
        .select({ id: people.id })
        .from(people)
        .$withCache({ tag: 'ids', autoInvalidate: false, config: { px: 300 } });
    expect(await tagged()).toEqual([{ id: 1 }]);
    await db.insert(people).values({ id: 2, name: 'Bob', balance: null });
    expect(await tagged()).toEqual([{ id: 1 }]);
    const ttl = await cache.client.pttl(`${prefix}tag:ids`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await db.$cache.invalidate({ tags: 'ids' });
    expect(await tagged()).toEqual([{ id: 1 }, { id: 2 }]);
    await db.delete(people).where(eq(people.id, 2));
  });

  it('a write by another process invalidates what this one cached', async () => {
    const names = async () => (await db.select({ name: people.name }).from(people).orderBy(people.id)).map((r) => r.name);
    expect(await names()).toEqual(['Ann2']);
    expect(await names()).toEqual(['Ann2']);
    const r = reads();
    const script = join(import.meta.dirname, 'redis-cache-writer.ts');
    await promisify(execFile)('npx', ['tsx', '--conditions=sluice-src', script, database.url, prefix, '3', 'Cy'], { cwd: join(import.meta.dirname, '../..') });
    expect(await names()).toEqual(['Ann2', 'Cy']);
    expect(reads()).toBe(r + 1);
  });

  it('rejects bad options by name', () => {
    expect(() => redisCache({ url: 'redis://127.0.0.1:6379', client: cache.client })).toThrow(/a client or a url, not both/);
    expect(() => redisCache({ config: { px: 1.5 } })).toThrow(/px must be a positive integer/);
    expect(() => redisCache({ host: 'x' } as never)).toThrow(/unknown option "host"/);
  });
});
