/**
 * `drizzle({ cache: memoryCache() })` on every target: hits answer without a statement reaching
 * the database (counted by the logger), and each kind of write drops exactly what it must.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray, relations, sql } from 'sluice';
import { memoryCache } from 'sluice/cache/core';
import { type CacheDb, type CacheTarget, cacheTargets } from './targets.js';

const ann = { id: 1, name: 'Ann', createdAt: new Date('2024-01-02T03:04:05.678Z') };
const bob = { id: 2, name: 'Bob', createdAt: null };

for (const [name, make] of Object.entries(cacheTargets)) {
  describe(`memoryCache on ${name}`, () => {
    let t: CacheTarget;
    let plain: CacheDb;
    const selects = (log: string[]) => log.filter((s) => s.startsWith('select')).length;

    beforeAll(async () => {
      t = await make();
      plain = t.open(undefined, []);
    });
    afterAll(() => t.close());
    beforeEach(async () => {
      await plain.delete(t.posts);
      await plain.delete(t.users);
      await plain.insert(t.users).values([ann, bob]);
      await plain.insert(t.posts).values([
        { id: 10, userId: 1, title: 'first' },
        { id: 11, userId: 2, title: 'second' },
      ]);
    });

    it('explicit strategy: only $withCache() selects are cached, and a hit sends nothing', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache(), log);
      const q = () => db.select().from(t.users).orderBy(t.users.id);
      expect(await q()).toEqual([ann, bob]);
      expect(await q()).toEqual([ann, bob]);
      expect(selects(log)).toBe(2);
      const first = await q().$withCache();
      const second = await q().$withCache();
      expect(second).toEqual([ann, bob]);
      expect(second[0]!.createdAt).toBeInstanceOf(Date);
      expect(first).not.toBe(second);
      expect(selects(log)).toBe(3);
    });

    it('global: every select is cached, $withCache(false) opts out, and rows are copies', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache({ global: true }), log);
      const rows = await db.select().from(t.users).where(eq(t.users.id, 1));
      rows[0]!.name = 'changed by the caller';
      expect(await db.select().from(t.users).where(eq(t.users.id, 1))).toEqual([ann]);
      expect(selects(log)).toBe(1);
      // Another parameter is another entry.
      expect(await db.select().from(t.users).where(eq(t.users.id, 2))).toEqual([bob]);
      expect(selects(log)).toBe(2);
      await db.select().from(t.users).where(eq(t.users.id, 1)).$withCache(false);
      expect(selects(log)).toBe(3);
      // The same SQL with other field names is another result.
      expect(await db.select({ a: t.users.name }).from(t.users).where(eq(t.users.id, 1))).toEqual([{ a: 'Ann' }]);
      expect(await db.select({ b: t.users.name }).from(t.users).where(eq(t.users.id, 1))).toEqual([{ b: 'Ann' }]);
      expect(selects(log)).toBe(5);
    });

    it('insert, update, delete and upserts invalidate the tables they write, after they succeed', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache({ global: true }), log);
      const names = async () => (await db.select({ name: t.users.name }).from(t.users).orderBy(t.users.id)).map((r) => r.name);
      const titles = async () => (await db.select({ title: t.posts.title }).from(t.posts).orderBy(t.posts.id)).map((r) => r.title);
      expect(await names()).toEqual(['Ann', 'Bob']);
      expect(await titles()).toEqual(['first', 'second']);
      await db.insert(t.users).values({ id: 3, name: 'Cy' });
      expect(await names()).toEqual(['Ann', 'Bob', 'Cy']);
      // posts was not written: still a hit.
      const before = selects(log);
      expect(await titles()).toEqual(['first', 'second']);
      expect(selects(log)).toBe(before);
      await db.update(t.users).set({ name: 'Ann2' }).where(eq(t.users.id, 1));
      expect(await names()).toEqual(['Ann2', 'Bob', 'Cy']);
      await db.delete(t.users).where(eq(t.users.id, 3));
      expect(await names()).toEqual(['Ann2', 'Bob']);
      const upsert = db.insert(t.users).values({ id: 2, name: 'Bob2' });
      if (t.dialect === 'mysql') await (upsert as unknown as { onDuplicateKeyUpdate(c: unknown): Promise<unknown> }).onDuplicateKeyUpdate({ set: { name: 'Bob2' } });
      else await upsert.onConflictDoUpdate({ target: t.users.id, set: { name: 'Bob2' } });
      expect(await names()).toEqual(['Ann2', 'Bob2']);
      // A failed write leaves the cache alone.
      const cachedReads = selects(log);
      await expect(db.insert(t.users).values({ id: 1, name: 'duplicate' })).rejects.toThrow();
      expect(await names()).toEqual(['Ann2', 'Bob2']);
      expect(selects(log)).toBe(cachedReads);
    });

    it('a select knows the tables of its joins and subqueries', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache({ global: true }), log);
      const joined = () => db.select({ name: t.users.name, title: t.posts.title }).from(t.users).innerJoin(t.posts, eq(t.posts.userId, t.users.id)).orderBy(t.posts.id);
      const sub = db.select({ userId: t.posts.userId }).from(t.posts).as('sub');
      const fromSub = () => db.select({ userId: sub.userId }).from(sub).orderBy(sub.userId);
      const inWhere = () =>
        db
          .select({ name: t.users.name })
          .from(t.users)
          .where(inArray(t.users.id, db.select({ id: t.posts.userId }).from(t.posts)))
          .orderBy(t.users.id);
      expect(await joined()).toHaveLength(2);
      expect(await fromSub()).toEqual([{ userId: 1 }, { userId: 2 }]);
      expect(await inWhere()).toEqual([{ name: 'Ann' }, { name: 'Bob' }]);
      expect(selects(log)).toBe(3);
      await db.delete(t.posts).where(eq(t.posts.id, 11));
      expect(await joined()).toEqual([{ name: 'Ann', title: 'first' }]);
      expect(await fromSub()).toEqual([{ userId: 1 }]);
      expect(await inWhere()).toEqual([{ name: 'Ann' }]);
      expect(selects(log)).toBe(6);
    });

    it('tags, autoInvalidate: false, db.$cache.invalidate and TTLs', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache(), log);
      const q = () => db.select({ id: t.users.id }).from(t.users).orderBy(t.users.id);
      await q().$withCache({ tag: 'ids' });
      await q().$withCache({ tag: 'ids' });
      expect(selects(log)).toBe(1);
      await db.$cache.invalidate({ tags: 'ids' });
      await q().$withCache({ tag: 'ids' });
      expect(selects(log)).toBe(2);
      // Kept through writes to its table, until invalidated by name.
      await q().$withCache({ autoInvalidate: false });
      await plain.insert(t.users).values({ id: 5, name: 'Eve' });
      await db.insert(t.users).values({ id: 6, name: 'Fay' });
      expect(await q().$withCache({ autoInvalidate: false })).toEqual([{ id: 1 }, { id: 2 }]);
      expect(selects(log)).toBe(3);
      // A write by another database (plain) is not seen: invalidate by table, object or name.
      await q().$withCache();
      await plain.delete(t.users).where(eq(t.users.id, 5));
      expect(await q().$withCache()).toEqual([{ id: 1 }, { id: 2 }, { id: 5 }, { id: 6 }]);
      await db.$cache.invalidate({ tables: 'cache_users' });
      expect(await q().$withCache()).toEqual([{ id: 1 }, { id: 2 }, { id: 6 }]);
      await db.$cache.invalidate({ tables: [t.users] });
      await q().$withCache();
      const reads = selects(log);
      expect(reads).toBe(6);
      // The TTL of an entry is the one it was stored with: a different query (a limit) stores one.
      const short = () =>
        db
          .select({ id: t.users.id })
          .from(t.users)
          .orderBy(t.users.id)
          .limit(10)
          .$withCache({ config: { px: 40 } });
      await short();
      await short();
      expect(selects(log)).toBe(reads + 1);
      await new Promise((r) => setTimeout(r, 60));
      await short();
      expect(selects(log)).toBe(reads + 2);
    });

    it('transactions: reads inside go to the database; writes invalidate after commit, not after a rollback', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache({ global: true }), log);
      const names = async (d: CacheDb) => (await d.select({ name: t.users.name }).from(t.users).orderBy(t.users.id)).map((r) => r.name);
      expect(await names(db)).toEqual(['Ann', 'Bob']);
      await expect(
        db.transaction(async (tx) => {
          await tx.update(t.users).set({ name: 'rolled back' }).where(eq(t.users.id, 1));
          expect(await names(tx as unknown as CacheDb)).toEqual(['rolled back', 'Bob']);
          tx.rollback();
        }),
      ).rejects.toThrow();
      const reads = selects(log);
      expect(await names(db)).toEqual(['Ann', 'Bob']);
      expect(selects(log)).toBe(reads);
      await db.transaction(async (tx) => {
        await tx.update(t.users).set({ name: 'Ann3' }).where(eq(t.users.id, 1));
        // Not yet committed: others still get the cached rows.
        expect(await names(db)).toEqual(['Ann', 'Bob']);
      });
      expect(await names(db)).toEqual(['Ann3', 'Bob']);
    });

    it('db.execute() of a write builder invalidates; prepared selects are keyed by their values', async () => {
      const log: string[] = [];
      const db = t.open(memoryCache({ global: true }), log);
      const byId = db
        .select({ name: t.users.name })
        .from(t.users)
        .where(eq(t.users.id, sql.placeholder('id')))
        .prepare();
      expect(await byId.execute({ id: 1 })).toEqual([{ name: 'Ann' }]);
      expect(await byId.execute({ id: 2 })).toEqual([{ name: 'Bob' }]);
      expect(await byId.execute({ id: 1 })).toEqual([{ name: 'Ann' }]);
      expect(selects(log)).toBe(2);
      await db.execute(db.update(t.users).set({ name: 'Ann4' }).where(eq(t.users.id, 1)));
      expect(await byId.execute({ id: 1 })).toEqual([{ name: 'Ann4' }]);
      expect(selects(log)).toBe(3);
    });

    it('relational findMany and findFirst are cached and invalidated by writes to any table they read', async () => {
      const usersRelations = relations(t.users, ({ many }) => ({ posts: many(t.posts) }));
      const postsRelations = relations(t.posts, ({ one }) => ({ author: one(t.users, { fields: [t.posts.userId], references: [t.users.id] }) }));
      const log: string[] = [];
      const db = t.open(memoryCache(), log, { users: t.users, posts: t.posts, usersRelations, postsRelations }) as unknown as {
        query: Record<string, { findMany(c?: unknown): { $withCache(c?: unknown): Promise<unknown> }; findFirst(c?: unknown): { $withCache(c?: unknown): Promise<unknown> } }>;
        insert: CacheDb['insert'];
      };
      const many = () => db.query.users!.findMany({ with: { posts: { columns: { title: true } } }, orderBy: t.users.id, columns: { id: true } }).$withCache();
      const first = () => db.query.users!.findFirst({ where: eq(t.users.id, 2), columns: { name: true } }).$withCache();
      const expected = [
        { id: 1, posts: [{ title: 'first' }] },
        { id: 2, posts: [{ title: 'second' }] },
      ];
      expect(await many()).toEqual(expected);
      expect(await many()).toEqual(expected);
      expect(await first()).toEqual({ name: 'Bob' });
      expect(await first()).toEqual({ name: 'Bob' });
      expect(selects(log)).toBe(2);
      await db.insert(t.posts).values({ id: 12, userId: 1, title: 'third' });
      expect(await many()).toEqual([{ id: 1, posts: [{ title: 'first' }, { title: 'third' }] }, expected[1]]);
      // findFirst reads users only: still a hit.
      expect(await first()).toEqual({ name: 'Bob' });
      expect(selects(log)).toBe(3);
      await db.insert(t.users).values({ id: 7, name: 'Gus' });
      expect(await first()).toEqual({ name: 'Bob' });
      expect(selects(log)).toBe(4);
    });

    it('rejects bad options by name', () => {
      expect(() => memoryCache({ max: 0 })).toThrow(/max/);
      expect(() => memoryCache({ config: { ex: 1, px: 5 } })).toThrow(/one of ex, px/);
      expect(() => t.open({} as never, [])).toThrow(/drizzle\(\{ cache \}\) takes a Cache/);
      const db = t.open(memoryCache(), []);
      expect(() => db.select().from(t.users).$withCache({ tag: '' })).toThrow(/tag must be a non-empty string/);
      expect(() =>
        db
          .select()
          .from(t.users)
          .$withCache({ config: { ex: -1 } }),
      ).toThrow(/ex must be a positive integer/);
      expect(() =>
        db
          .select()
          .from(t.users)
          .$withCache({ ttl: 5 } as never),
      ).toThrow(/unknown option "ttl"/);
    });
  });
}
