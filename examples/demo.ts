/**
 * `npm run demo`: a walkthrough of sluice on embedded PostgreSQL (PGlite) and SQLite
 * (better-sqlite3), no server needed. Each step prints the SQL sluice ran and the rows it got.
 */
import { and, asc, avg, count, desc, eq, excluded, gt, gte, ilike, inArray, isNotNull, isNull, max, min, onConflict, relations, sql, sum, TransactionRollbackError, type Logger } from 'sluice';
import { alias } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import * as schema from './schema.js';
import { accounts, comments, groupRelations, groups, posts, users, usersToGroups } from './schema.js';
import { migrate } from 'sluice/pglite/migrator';
import { reset, seed } from 'sluice/seed';
import { defineConfig, generate, resolveConfig } from 'sluice/kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kitWalkthrough } from './kit.js';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

/** Prints each statement under the current step, indented. */
class StepLogger implements Logger {
  logQuery(query: string, params: unknown[]): void {
    const p = params.length ? `  ${dim(JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}` : '';
    console.log(`   ${dim('sql')} ${query}${p}`);
  }
}

let n = 0;
function step(title: string): void {
  console.log(`\n${bold(`${++n}. ${title}`)}`);
}
function show(label: string, value: unknown): void {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  console.log(`   ${label}: ${text.length > 400 ? `${text.slice(0, 400)}…` : text}`);
}

const db = drizzle({ schema, logger: new StepLogger() });

step('Create the schema: sluice generate writes schema.ts as a migration, migrate() applies it');
const migrations = mkdtempSync(join(tmpdir(), 'sluice-demo-'));
const generated = await generate(resolveConfig(defineConfig({ dialect: 'postgresql', schema: './schema.ts', out: migrations }), { cwd: import.meta.dirname }), { name: 'init' });
if (generated.status !== 'written') throw new Error(`expected a migration, got ${generated.status}`);
console.log(`   ${dim(`${generated.statements.length} statements: ${generated.statements.map((s) => s.sql.split(/[\s(]/).slice(0, 3).join(' ')).join('; ')}`)}`);
await migrate(db, { migrationsFolder: migrations });
rmSync(migrations, { recursive: true, force: true });
console.log('   tables: users, posts, comments, profiles, groups, users_to_groups, accounts');

step('Insert with returning');
const [newUser] = await db.insert(users).values({ name: 'John', email: 'john@example.com' }).returning();
show('newUser', newUser);

step('Insert many rows');
await db.insert(users).values([
  { name: 'Jane', email: 'jane@example.com', age: 31, role: 'admin', invitedBy: newUser!.id },
  { name: 'Ada', email: 'ada@example.com', age: 36, verified: true },
  { name: 'Linus', email: 'linus@example.com', age: 19, invitedBy: newUser!.id },
]);
await db.insert(posts).values([
  { title: 'Hello', slug: 'hello', authorId: 1 },
  { title: 'Typed SQL', slug: 'typed-sql', authorId: 1 },
  { title: 'Engines', slug: 'engines', authorId: 3 },
]);
await db.insert(comments).values([
  { postId: 1, body: 'First!' },
  { postId: 1, body: 'Nice' },
  { postId: 3, body: 'Analytical' },
]);
await db.insert(accounts).values([
  { userId: 1, balance: 500 },
  { userId: 2, balance: 50 },
]);

step('Select with a filter, and a partial select');
const [user] = await db.select().from(users).where(eq(users.email, 'john@example.com'));
show('user', user);
const names = await db
  .select({ id: users.id, name: users.name })
  .from(users)
  .where(and(gte(users.age, 18), eq(users.verified, true)));
show('verified adults', names);
show('ilike %JA%', await db.select({ name: users.name }).from(users).where(ilike(users.name, '%JA%')));

step('Pagination: offset and cursor');
show('page 2 of 2', await db.select({ id: users.id }).from(users).orderBy(asc(users.id)).limit(2).offset(2));
show('after id 2', await db.select({ id: users.id }).from(users).where(gt(users.id, 2)).orderBy(asc(users.id)).limit(10));

step('Joins: left join, partial join, alias self join');
const joined = await db
  .select()
  .from(users)
  .leftJoin(posts, eq(users.id, posts.authorId))
  .where(inArray(users.id, [1, 2]));
show(
  'users ⟕ posts',
  joined.map((r) => ({ user: r.users.name, post: r.posts?.title ?? null })),
);
const usersWithPosts = await db.select({ userName: users.name, postTitle: posts.title }).from(users).leftJoin(posts, eq(users.id, posts.authorId)).orderBy(users.id);
show('partial', usersWithPosts);
const inviter = alias(users, 'inviter');
show('invited by', await db.select({ name: users.name, inviter: inviter.name }).from(users).leftJoin(inviter, eq(inviter.id, users.invitedBy)).orderBy(users.id));

step('Aggregations: count, sum/avg, min/max, group by with having');
const [{ value }] = await db.select({ value: count() }).from(users);
show('count', value);
show('stats', (await db.select({ totalAge: sum(users.age), avgAge: avg(users.age), youngest: min(users.age), oldest: max(users.age) }).from(users))[0]);
const byRole = await db
  .select({ role: users.role, count: sql<number>`cast(count(${users.id}) as int)` })
  .from(users)
  .groupBy(users.role)
  .having(({ count }) => gt(count, 1));
show('roles with more than one user', byRole);
show('$count of verified', await db.$count(users, eq(users.verified, true)));

step('Update with returning, and a soft delete');
const [updated] = await db.update(users).set({ name: 'John Updated' }).where(eq(users.id, 1)).returning({ id: users.id, name: users.name });
show('updated', updated);
await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, 4));
show('active users', await db.select({ name: users.name }).from(users).where(isNull(users.deletedAt)).orderBy(users.id));

step('Upsert (the seed form) and insert-or-ignore');
await db
  .insert(users)
  .values({ id: 1, name: 'John', email: 'john@example.com' })
  .onConflict(onConflict(users.email).doUpdateSet({ name: excluded.name }));
await db.insert(users).values({ name: 'Dup', email: 'jane@example.com' }).onConflictDoNothing();
show('after upserts', await db.select({ id: users.id, name: users.name }).from(users).orderBy(users.id));

step('Transactions: commit, tx.rollback(), return value, nested savepoint');
async function transferFunds(fromId: number, toId: number, amount: number) {
  await db.transaction(async (tx) => {
    const [from] = await tx.select().from(accounts).where(eq(accounts.userId, fromId));
    if (from!.balance < amount) {
      tx.rollback();
    }
    await tx
      .update(accounts)
      .set({ balance: sql`${accounts.balance} - ${amount}` })
      .where(eq(accounts.userId, fromId));
    await tx
      .update(accounts)
      .set({ balance: sql`${accounts.balance} + ${amount}` })
      .where(eq(accounts.userId, toId));
  });
}
await transferFunds(1, 2, 100);
try {
  await transferFunds(2, 1, 1000);
} catch (e) {
  if (!(e instanceof TransactionRollbackError)) throw e;
  console.log('   rolled back: insufficient funds');
}
const newBalance = await db.transaction(async (tx) => {
  await tx
    .update(accounts)
    .set({ balance: sql`${accounts.balance} - 100` })
    .where(eq(accounts.userId, 1));
  await tx.transaction(async (tx2) => {
    await tx2.insert(posts).values({ title: 'Savepoint', slug: 'savepoint', authorId: 1 });
  });
  const [account] = await tx.select().from(accounts).where(eq(accounts.userId, 1));
  return account!.balance;
});
show('balance of user 1', newBalance);

step('Relational queries (v1 relations): nested with, one statement');
const withPosts = await db.query.users.findMany({
  columns: { id: true, name: true },
  where: (u, { lt }) => lt(u.id, 3),
  orderBy: (u, { asc }) => [asc(u.id)],
  with: { posts: { columns: { title: true }, with: { comments: { columns: { body: true } } } }, invitee: { columns: { name: true } } },
});
show('users with posts and comments', withPosts);

step('Relational queries (v2 defineRelations): many-to-many through users_to_groups');
await db.insert(groups).values([{ name: 'admins' }, { name: 'readers' }]);
await db.insert(usersToGroups).values([
  { userId: 1, groupId: 1 },
  { userId: 1, groupId: 2 },
  { userId: 2, groupId: 2 },
]);
const db2 = drizzle({ client: db.$client, relations: groupRelations, logger: new StepLogger() });
show('groups with participants', await db2.query.groups.findMany({ with: { participants: { columns: { name: true } } }, orderBy: { id: 'asc' } }));
show('users in "admins"', await db2.query.users.findMany({ columns: { name: true }, where: { groups: { name: 'admins' } } }));

step('Type inference');
type NewUser = typeof users.$inferInsert; // { name: string; email: string; id?: number; role?: ... }
type User = typeof users.$inferSelect; // { id: number; name: string; ...; deletedAt: Date | null }
const sample: NewUser = { name: 'Typed', email: 'typed@example.com' };
const fetched: User | undefined = (await db.insert(users).values(sample).returning())[0];
show('inserted from a typed value', { id: fetched?.id, createdAt: fetched?.createdAt instanceof Date });

step('Seed realistic data: reset() empties the tables, seed() fills them (sluice/seed)');
// Without the step logger: seed() sends a few multi-row inserts of many parameters each.
const quiet = drizzle({ client: db.$client, schema });
await reset(quiet, schema);
await seed(quiet, schema, { seed: 42 }).refine((f) => ({
  users: { count: 20, columns: { age: f.int({ minValue: 18, maxValue: 80 }) }, with: { posts: 3 } },
  posts: { with: { comments: 2 } },
  groups: { count: 4, columns: { name: f.valuesFromArray({ values: ['admins', 'readers', 'writers', 'guests'], isUnique: true }) } },
  usersToGroups: { count: 30 },
}));
show('rows', {
  users: await quiet.$count(users),
  posts: await quiet.$count(posts),
  comments: await quiet.$count(comments),
  usersToGroups: await quiet.$count(usersToGroups),
  invitedByAnEarlierUser: await quiet.$count(users, isNotNull(users.invitedBy)),
});
show('a seeded user', await quiet.query.users.findFirst({ columns: { name: true, email: true, role: true, age: true }, with: { posts: { columns: { title: true, slug: true }, limit: 2 } }, orderBy: (u, { asc }) => [asc(u.id)] }));

console.log(`\n${bold("SQLite (better-sqlite3): the seed's examples on sqliteTable, awaited or synchronous")}`);
const liteUsers = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp' }).default(sql`(unixepoch())`),
});
const litePosts = sqliteTable('posts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  authorId: integer('author_id').references(() => liteUsers.id),
});
const liteAccounts = sqliteTable('accounts', { userId: integer('user_id').primaryKey(), balance: integer('balance').notNull() });
const liteUsersRelations = relations(liteUsers, ({ many }) => ({ posts: many(litePosts) }));
const litePostsRelations = relations(litePosts, ({ one }) => ({ author: one(liteUsers, { fields: [litePosts.authorId], references: [liteUsers.id] }) }));
const lite = sqliteDrizzle({ schema: { liteUsers, litePosts, liteAccounts, liteUsersRelations, litePostsRelations }, logger: new StepLogger() });

step('Create the SQLite schema');
lite.$client.exec(`create table users (id integer primary key autoincrement, name text not null, email text not null unique, created_at integer default (unixepoch()));
create table posts (id integer primary key autoincrement, title text not null, author_id integer references users(id));
create table accounts (user_id integer primary key, balance integer not null);`);
console.log('   tables: users, posts, accounts');

step('CRUD: insert with returning, select, update with returning, delete');
const [liteJohn] = await lite.insert(liteUsers).values({ name: 'John', email: 'john@example.com' }).returning();
show('inserted', liteJohn);
show('selected', await lite.select().from(liteUsers).where(eq(liteUsers.email, 'john@example.com')));
show('updated', await lite.update(liteUsers).set({ name: 'John Updated' }).where(eq(liteUsers.id, 1)).returning({ id: liteUsers.id, name: liteUsers.name }));
lite.insert(liteUsers).values({ name: 'Temp', email: 'temp@example.com' }).run();
show('deleted', lite.delete(liteUsers).where(eq(liteUsers.email, 'temp@example.com')).run().changes);

step('Synchronous reads: all(), get(), values()');
lite
  .insert(liteUsers)
  .values([
    { name: 'Jane', email: 'jane@example.com' },
    { name: 'Ada', email: 'ada@example.com' },
  ])
  .run();
show('all()', lite.select({ id: liteUsers.id, name: liteUsers.name }).from(liteUsers).orderBy(desc(liteUsers.id)).all());
show('get()', lite.select({ name: liteUsers.name }).from(liteUsers).where(eq(liteUsers.id, 1)).get());
show('values()', lite.select({ id: liteUsers.id, name: liteUsers.name }).from(liteUsers).orderBy(asc(liteUsers.id)).limit(2).values());

step('Upsert (the seed form) and a relational query in one statement');
await lite
  .insert(liteUsers)
  .values({ name: 'John Upserted', email: 'john@example.com' })
  .onConflict(onConflict(liteUsers.email).doUpdateSet({ name: excluded.name }));
lite
  .insert(litePosts)
  .values([
    { title: 'Hello SQLite', authorId: 1 },
    { title: 'Second post', authorId: 1 },
  ])
  .run();
show('users with posts', await lite.query.liteUsers.findMany({ columns: { name: true }, with: { posts: { columns: { title: true } } }, where: (u, { eq: is }) => is(u.id, 1) }));

step('Transaction with rollback (the seed transferFunds, synchronous)');
lite
  .insert(liteAccounts)
  .values([
    { userId: 1, balance: 100 },
    { userId: 2, balance: 0 },
  ])
  .run();
function transferFundsSync(fromId: number, toId: number, amount: number) {
  lite.transaction((tx) => {
    const from = tx.select().from(liteAccounts).where(eq(liteAccounts.userId, fromId)).get();
    if (!from || from.balance < amount) tx.rollback();
    tx.update(liteAccounts)
      .set({ balance: sql`${liteAccounts.balance} - ${amount}` })
      .where(eq(liteAccounts.userId, fromId))
      .run();
    tx.update(liteAccounts)
      .set({ balance: sql`${liteAccounts.balance} + ${amount}` })
      .where(eq(liteAccounts.userId, toId))
      .run();
  });
}
transferFundsSync(1, 2, 30);
try {
  transferFundsSync(2, 1, 500);
} catch (e) {
  show('second transfer', e instanceof TransactionRollbackError ? 'rolled back (insufficient funds)' : String(e));
}
show('balances', lite.select().from(liteAccounts).orderBy(liteAccounts.userId).all());

console.log(`\n${bold('The migration kit (sluice/kit, the sluice CLI) on a PGlite data directory')}`);
await kitWalkthrough(step, show, (text) =>
  console.log(
    text
      .split('\n')
      .map((line) => `   ${dim(line)}`)
      .join('\n'),
  ),
);

console.log(`\n${bold('Done.')} Every step above ran against real embedded databases.`);
await db.$client.close();
