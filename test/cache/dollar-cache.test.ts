/**
 * `db.$cache` is the cache given to `drizzle({ cache })`, as in Drizzle: the same object on every
 * access, so a test can spy on its methods and see the calls queries make, with `invalidate`
 * added. Without a cache it is an object whose `invalidate` does nothing.
 */
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'sluice';
import { Cache, type CacheConfig, type MutationOption } from 'sluice/cache/core';
import { integer, pgTable, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CacheTarget, cacheTargets } from './targets.js';

const users = pgTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });

/** A cache in a Map, with the explicit strategy: only `$withCache()` reads use it. */
class MapCache extends Cache {
  readonly entries = new Map<string, unknown>();
  strategy(): 'explicit' {
    return 'explicit';
  }
  async get(key: string): Promise<unknown[] | undefined> {
    return this.entries.get(key) as unknown[] | undefined;
  }
  async put(key: string, response: unknown, _tables: string[], _isTag: boolean, _config?: CacheConfig): Promise<void> {
    this.entries.set(key, response);
  }
  async onMutate(_params: MutationOption): Promise<void> {
    this.entries.clear();
  }
}

describe('db.$cache', () => {
  const client = new PGlite();
  beforeAll(() => client.exec("create table users (id integer primary key, name text not null); insert into users values (1, 'Ann')"));
  afterAll(() => client.close());

  it('is the cache itself, so spies on its methods see what queries call', async () => {
    const cache = new MapCache();
    const db = drizzle({ client, cache });
    expect(db.$cache).toBe(cache);
    expect(db.$cache).toBe(db.$cache);
    const get = vi.spyOn(db.$cache, 'get');
    const put = vi.spyOn(db.$cache, 'put');
    const onMutate = vi.spyOn(db.$cache, 'onMutate');
    expect(
      await db
        .select()
        .from(users)
        .where(eq(users.id, 1))
        .$withCache({ config: { ex: 5 } }),
    ).toEqual([{ id: 1, name: 'Ann' }]);
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith(expect.stringMatching(/^[0-9a-f]{64}$/), ['users'], false, true);
    // A cache of its own is given the rows as text it can store anywhere (see the next case).
    expect(put).toHaveBeenCalledWith(get.mock.calls[0]![0], expect.any(String), ['users'], false, { ex: 5 });
    await db.select().from(users).where(eq(users.id, 1)).$withCache();
    expect(get).toHaveBeenCalledTimes(2);
    expect(put).toHaveBeenCalledTimes(1);
    await db.update(users).set({ name: 'Ann' }).where(eq(users.id, 1));
    expect(onMutate).toHaveBeenCalledWith({ tables: ['users'] });
  });

  it('invalidate takes tables and tags, passes their names to onMutate, and can be spied on', async () => {
    const cache = new MapCache();
    const db = drizzle({ client, cache });
    const onMutate = vi.spyOn(cache, 'onMutate');
    const invalidate = vi.spyOn(db.$cache, 'invalidate');
    await db.$cache.invalidate({ tables: users, tags: 'list' });
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(onMutate).toHaveBeenCalledWith({ tables: ['users'], tags: ['list'] });
    await expect(db.$cache.invalidate({ tables: [42 as never] })).rejects.toThrow('db.$cache.invalidate(): tables takes tables or table names, not 42');
  });

  it('without a cache, invalidate does nothing but still checks its argument', async () => {
    const db = drizzle({ client });
    expect(db.$cache).toBe(db.$cache);
    await expect(db.$cache.invalidate({ tables: 'users' })).resolves.toBeUndefined();
    await expect(db.$cache.invalidate({ tags: [1 as never] })).rejects.toThrow('db.$cache.invalidate(): tags takes strings, not 1');
  });
});

/** A cache that keeps what put() is given as JSON text, as Redis- or KV-backed caches do. */
class JsonCache extends MapCache {
  readonly store = new Map<string, string>();
  override async get(key: string): Promise<unknown[] | undefined> {
    const text = this.store.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }
  override async put(key: string, response: unknown): Promise<void> {
    this.store.set(key, JSON.stringify(response));
  }
}

for (const [name, make] of Object.entries(cacheTargets)) {
  describe(`a cache of one's own on ${name}`, () => {
    let t: CacheTarget;
    beforeAll(async () => {
      t = await make();
      const plain = t.open(undefined, []);
      await plain.delete(t.users);
      await plain.insert(t.users).values({ id: 1, name: 'Ann', createdAt: new Date('2024-01-02T03:04:05.678Z') });
    });
    afterAll(() => t.close());

    it('that stores JSON gives back the rows with their types, a fresh copy on each hit', async () => {
      const cache = new JsonCache();
      const log: string[] = [];
      const db = t.open(cache, log);
      const q = () =>
        db
          // The bigint goes as text: better-sqlite3 reads a bare integer literal as a double.
          .select({ id: t.users.id, createdAt: t.users.createdAt, big: sql<bigint>`'9007199254740993'`.mapWith(BigInt) })
          .from(t.users)
          .$withCache();
      const row = { id: 1, createdAt: new Date('2024-01-02T03:04:05.678Z'), big: 9007199254740993n };
      const first = await q();
      expect(first).toEqual([row]);
      first[0]!.id = 99;
      const hit = await q();
      expect(cache.store.size).toBe(1);
      expect(log).toHaveLength(1);
      expect(hit).toEqual([row]);
      expect(hit[0]!.createdAt).toBeInstanceOf(Date);
      expect(await q()).not.toBe(hit);
    });
  });
}
