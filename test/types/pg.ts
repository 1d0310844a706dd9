/**
 * Inferred types of the PostgreSQL schema and query builders, and the misuse that must not
 * compile. Compiled against the built package by `npm run typecheck`.
 */
import { avg, count, eq, max, min, sql, sum, type InferInsertModel, type InferSelectModel } from 'sluice';
import { alias, bigint, boolean, date, integer, jsonb, numeric, pgEnum, pgTable, serial, text, timestamp, uuid } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const rolesEnum = pgEnum('roles', ['guest', 'user', 'admin']);
const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: rolesEnum().default('user'),
  verified: boolean('verified').notNull().default(false),
  createdAt: timestamp('created_at').notNull().defaultNow(),
  bio: text('bio'),
  settings: jsonb('settings').$type<{ theme: 'dark' | 'light' }>(),
  big: bigint('big', { mode: 'bigint' }),
  price: numeric('price'),
  born: date('born'),
  seen: timestamp('seen', { mode: 'string' }),
  tags: text('tags').array(),
  token: uuid('token').defaultRandom(),
  score: integer('score').generatedAlwaysAs(sql`1`),
  counter: integer('counter').generatedAlwaysAsIdentity(),
});
const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').references(() => users.id),
});

type User = typeof users.$inferSelect;
expectType<Equal<User, InferSelectModel<typeof users>>>();
expectType<
  Equal<
    User,
    {
      id: number;
      name: string;
      email: string;
      role: 'guest' | 'user' | 'admin' | null;
      verified: boolean;
      createdAt: Date;
      bio: string | null;
      settings: { theme: 'dark' | 'light' } | null;
      big: bigint | null;
      price: string | null;
      born: string | null;
      seen: string | null;
      tags: string[] | null;
      token: string | null;
      score: number | null;
      counter: number;
    }
  >
>();

type NewUser = typeof users.$inferInsert;
expectType<Equal<NewUser, InferInsertModel<typeof users>>>();
// Required: not-null without default. Generated and always-identity columns cannot be written.
expectType<Equal<keyof NewUser, 'id' | 'name' | 'email' | 'role' | 'verified' | 'createdAt' | 'bio' | 'settings' | 'big' | 'price' | 'born' | 'seen' | 'tags' | 'token'>>();
expectType<Equal<Pick<NewUser, 'name' | 'email'>, { name: string; email: string }>>();
expectType<Equal<NewUser['role'], 'guest' | 'user' | 'admin' | null | undefined>>();

const db = drizzle();

export async function queries(): Promise<void> {
  // MySQL-only insert methods are not offered on PostgreSQL.
  // @ts-expect-error $returningId() is MySQL's
  db.insert(users).values({ name: 'n', email: 'e' }).$returningId();
  // @ts-expect-error onDuplicateKeyUpdate() is MySQL's
  db.insert(users)
    .values({ name: 'n', email: 'e' })
    .onDuplicateKeyUpdate({ set: { name: 'm' } });
  const returned = await db.insert(users).values({ name: 'n', email: 'e' }).returning({ id: users.id });
  expectType<Equal<typeof returned, { id: number }[]>>();

  const all = await db.select().from(users);
  expectType<Equal<typeof all, User[]>>();

  const partial = await db.select({ id: users.id, name: users.name, nested: { bio: users.bio } }).from(users);
  expectType<Equal<typeof partial, { id: number; name: string; nested: { bio: string | null } }[]>>();

  const left = await db.select().from(users).leftJoin(posts, eq(posts.authorId, users.id));
  expectType<Equal<(typeof left)[number]['posts'], { id: number; title: string; authorId: number | null } | null>>();
  expectType<Equal<(typeof left)[number]['users'], User>>();

  const right = await db.select({ name: users.name, title: posts.title }).from(users).rightJoin(posts, eq(posts.authorId, users.id));
  expectType<Equal<typeof right, { name: string | null; title: string }[]>>();

  const inner = await db.select({ name: users.name, title: posts.title }).from(users).innerJoin(posts, eq(posts.authorId, users.id));
  expectType<Equal<typeof inner, { name: string; title: string }[]>>();

  const full = await db.select({ name: users.name, title: posts.title }).from(users).fullJoin(posts, eq(posts.authorId, users.id));
  expectType<Equal<typeof full, { name: string | null; title: string | null }[]>>();

  const parent = alias(users, 'parent');
  const self = await db.select({ name: users.name, parent: parent.name }).from(users).leftJoin(parent, eq(parent.id, users.id));
  expectType<Equal<typeof self, { name: string; parent: string | null }[]>>();

  const [agg] = await db.select({ n: count(), s: sum(users.id), a: avg(users.id), lo: min(users.createdAt), hi: max(users.name), raw: sql<number>`1` }).from(users);
  expectType<Equal<typeof agg, { n: number; s: string | null; a: string | null; lo: Date | null; hi: string | null; raw: number }>>();

  const n = await db.$count(users, eq(users.verified, true));
  expectType<Equal<typeof n, number>>();

  const inserted = await db.insert(users).values({ name: 'a', email: 'b' }).returning();
  expectType<Equal<typeof inserted, User[]>>();
  const insertedIds = await db.insert(users).values({ name: 'a', email: 'b' }).returning({ id: users.id });
  expectType<Equal<typeof insertedIds, { id: number }[]>>();
  const updated = await db.update(users).set({ name: 'x' }).where(eq(users.id, 1)).returning({ name: users.name });
  expectType<Equal<typeof updated, { name: string }[]>>();
  const deleted = await db.delete(posts).returning();
  expectType<Equal<typeof deleted, { id: number; title: string; authorId: number | null }[]>>();

  const sq = db
    .select({ authorId: posts.authorId, total: count().as('total') })
    .from(posts)
    .groupBy(posts.authorId)
    .as('sq');
  const fromSq = await db.select({ total: sq.total, authorId: sq.authorId }).from(sq);
  expectType<Equal<(typeof fromSq)[number], { total: number; authorId: number | null }>>();

  const value = await db.transaction(async (tx) => (await tx.select({ id: users.id }).from(users)).length);
  expectType<Equal<typeof value, number>>();

  // @ts-expect-error: email is required on insert
  await db.insert(users).values({ name: 'a' });
  // @ts-expect-error: name is a string
  await db.insert(users).values({ name: 1, email: 'e' });
  // @ts-expect-error: no such column
  await db.insert(users).values({ name: 'a', email: 'b', nope: 1 });
  // @ts-expect-error: a generated column cannot be written
  await db.insert(users).values({ name: 'a', email: 'b', score: 1 });
  // @ts-expect-error: 'owner' is not a role
  await db.insert(users).values({ name: 'a', email: 'b', role: 'owner' });
  // @ts-expect-error: no such column in set
  await db.update(users).set({ nope: 1 });
  // @ts-expect-error: verified is a boolean
  await db.update(users).set({ verified: 'yes' });
  // @ts-expect-error: id is a number
  eq(users.id, 'x');
  // @ts-expect-error: a plain object is not a table
  db.select().from({ nope: true });
}
