/**
 * Types of the query cache: `$withCache()` on selects and relational queries, its typed config,
 * `drizzle({ cache })` and `db.$cache`. Compiled against the built package by `npm run typecheck`.
 */
import { eq, relations } from 'sluice';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { Cache, type CacheConfig, memoryCache, type MutationOption, NoopCache } from 'sluice/cache/core';
import { redisCache } from 'sluice/cache/redis';
import { integer, pgTable, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
const posts = pgTable('posts', { id: serial('id').primaryKey(), userId: integer('user_id').notNull() });
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one }) => ({ user: one(users, { fields: [posts.userId], references: [users.id] }) }));
const db = drizzle({ cache: memoryCache({ global: true, max: 100, config: { ex: 60 } }), schema: { users, posts, usersRelations, postsRelations } });

async function selects() {
  // $withCache() keeps the row type and the builder's methods.
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.id, 1))
    .$withCache({ tag: 'u1', config: { px: 500 }, autoInvalidate: false });
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  const off = await db.select({ n: users.name }).from(users).$withCache(false).limit(1);
  expectType<Equal<typeof off, { n: string }[]>>();
  await db.select().from(users).$withCache();
  const ttl = { ex: '60' };
  // @ts-expect-error: the time to live is a number
  db.select().from(users).$withCache({ config: ttl });
  // @ts-expect-error: there is no `ttl` option
  db.select().from(users).$withCache({ ttl: 5 });
  // @ts-expect-error: true is not an option (omit the argument)
  db.select().from(users).$withCache(true);
}

async function relational() {
  const found = await db.query.users.findFirst({ with: { posts: true } }).$withCache({ tag: 'first' });
  expectType<Equal<typeof found, { id: number; name: string; posts: { id: number; userId: number }[] } | undefined>>();
  const many = await db.query.posts.findMany().$withCache(false);
  expectType<Equal<typeof many, { id: number; userId: number }[]>>();
}

async function invalidation() {
  const done = db.$cache.invalidate({ tables: [users, 'posts'], tags: ['u1'] });
  expectType<Equal<typeof done, Promise<void>>>();
  await db.$cache.invalidate({ tables: users });
  // @ts-expect-error: tables are tables or names
  await db.$cache.invalidate({ tables: [1] });
}

function customCaches() {
  class LoggingCache extends Cache {
    strategy() {
      return 'explicit' as const;
    }
    async get(_key: string, _tables: string[], _isTag: boolean, _auto?: boolean): Promise<unknown[] | undefined> {
      return undefined;
    }
    async put(_key: string, _response: unknown, _tables: string[], _isTag: boolean, _config?: CacheConfig): Promise<void> {}
    async onMutate(_params: MutationOption): Promise<void> {}
  }
  drizzle({ cache: new LoggingCache() });
  drizzle({ cache: new NoopCache() });
  drizzle({ cache: redisCache({ url: 'redis://127.0.0.1:6379', prefix: 'app:', config: { exat: 1_900_000_000 } }) });
  // @ts-expect-error: a cache is a Cache
  drizzle({ cache: { get: () => undefined } });
  // On better-sqlite3 a cached select still runs synchronously.
  const items = sqliteTable('items', { id: sqliteInteger('id').primaryKey() });
  const sdb = sqliteDrizzle({ cache: memoryCache() });
  const now = sdb.select().from(items).$withCache().all();
  expectType<Equal<typeof now, { id: number }[]>>();
}

export { customCaches, invalidation, relational, selects };
