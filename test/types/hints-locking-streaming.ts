/**
 * Index hints exist on MySQL base tables only; `.for()` takes each dialect's lock strengths and
 * options (none on SQLite); `.iterator()` yields the same row type as awaiting the query, on
 * PostgreSQL and MySQL.
 */
import { eq, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { alias, index as mysqlIndex, int, mysqlSchema, mysqlTable, mysqlView, varchar, type IndexConfig, type LockConfig as MySqlLockConfig } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { integer, pgTable, text, type LockConfig, type LockStrength } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const myUsers = mysqlTable('users', { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull() });
const myPosts = mysqlTable('posts', { id: int('id').primaryKey(), userId: int('user_id') });
const nameIdx = mysqlIndex('users_name').on(myUsers.name);
const my = mysql2('mysql://localhost/db');

// Index hints: index objects or names, alone or in lists, on from() and on joins.
my.select().from(myUsers, { useIndex: [nameIdx] });
my.select().from(myUsers, { forceIndex: nameIdx, ignoreIndex: ['other'] });
my.select().from(myUsers).leftJoin(myPosts, eq(myPosts.userId, myUsers.id), { useIndex: 'posts_user' });
my.select()
  .from(myUsers)
  .innerJoin(myPosts, eq(myPosts.userId, myUsers.id), { forceIndex: ['posts_user'] });
my.select().from(myUsers).crossJoin(myPosts, { ignoreIndex: 'posts_user' });
my.select().from(alias(myUsers, 'u'), { useIndex: nameIdx });
my.select().from(mysqlSchema('app').table('logs', { id: int('id') }), { ignoreIndex: 'logs_id' });
const hintConfig: IndexConfig = { useIndex: nameIdx };
my.select().from(myUsers, hintConfig);
// @ts-expect-error unknown hint option
my.select().from(myUsers, { useIndexes: [nameIdx] });
// @ts-expect-error a column is not an index
my.select().from(myUsers, { useIndex: myUsers.name });
const mySq = my.select().from(myUsers).as('sq');
// @ts-expect-error no hints on a subquery
my.select().from(mySq, { useIndex: nameIdx });
// @ts-expect-error no hints on a joined subquery
my.select().from(myPosts).leftJoin(mySq, eq(mySq.id, myPosts.userId), { useIndex: nameIdx });
const myView = mysqlView('users_view').as((qb) => qb.select().from(myUsers));
// @ts-expect-error no hints on a view
my.select().from(myView, { useIndex: nameIdx });

const pgUsers = pgTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });
const pgPosts = pgTable('posts', { id: integer('id').primaryKey(), userId: integer('user_id') });
const pg = pglite();
// @ts-expect-error PostgreSQL has no index hints
pg.select().from(pgUsers, { useIndex: 'users_name' });
// @ts-expect-error nor on joins
pg.select().from(pgUsers).leftJoin(pgPosts, eq(pgPosts.userId, pgUsers.id), { useIndex: 'x' });

// Locking: PostgreSQL's four strengths with `of`, MySQL's two without it, nothing on SQLite.
pg.select().from(pgUsers).for('update');
pg.select().from(pgUsers).for('no key update', { noWait: true });
pg.select().from(pgUsers).for('key share', { of: pgUsers, skipLocked: true });
pg.select()
  .from(pgUsers)
  .leftJoin(pgPosts, eq(pgPosts.userId, pgUsers.id))
  .for('share', { of: [pgUsers, pgPosts] });
const strength: LockStrength = 'no key update';
const lockConfig: LockConfig = { of: pgUsers, noWait: true };
pg.select().from(pgUsers).for(strength, lockConfig);
// @ts-expect-error noWait and skipLocked exclude each other
pg.select().from(pgUsers).for('update', { noWait: true, skipLocked: true });
// @ts-expect-error not a lock strength
pg.select().from(pgUsers).for('exclusive');
expectType<Equal<Awaited<ReturnType<typeof lockedPg>>, { id: number; name: string }[]>>();
function lockedPg() {
  return pg.select().from(pgUsers).where(eq(pgUsers.id, 1)).for('update');
}

my.select().from(myUsers).for('update', { skipLocked: true });
my.select().from(myUsers).for('share', { noWait: true });
const myLock: MySqlLockConfig = { skipLocked: true };
my.select().from(myUsers).for('update', myLock);
// @ts-expect-error MySQL has no `for no key update`
my.select().from(myUsers).for('no key update');
// @ts-expect-error nor `of`
my.select().from(myUsers).for('update', { of: myUsers });

const liteUsers = sqliteTable('users', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
const lite = betterSqlite();
// @ts-expect-error SQLite has no row locks
lite.select().from(liteUsers).for('update');

// Iterators yield the row type of the query.
async function iterate() {
  for await (const row of pg
    .select({ id: pgUsers.id, post: { id: pgPosts.id } })
    .from(pgUsers)
    .leftJoin(pgPosts, eq(pgPosts.userId, pgUsers.id))
    .iterator()) {
    expectType<Equal<typeof row, { id: number; post: { id: number } | null }>>();
  }
  for await (const row of my.select().from(myUsers).iterator()) {
    expectType<Equal<typeof row, { id: number; name: string }>>();
  }
  const prepared = my
    .select({ name: myUsers.name })
    .from(myUsers)
    .where(eq(myUsers.id, sql.placeholder('id')))
    .prepare();
  for await (const row of prepared.iterator({ id: 1 })) {
    expectType<Equal<typeof row, { name: string }>>();
  }
  // @ts-expect-error SQLite drivers do not stream
  lite.select().from(liteUsers).iterator();
}
void iterate;
