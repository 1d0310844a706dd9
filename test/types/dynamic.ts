/**
 * Single-call builder methods and `$dynamic()`: a second `where()` (or `orderBy`, `limit`, ...)
 * does not compile unless the builder was made dynamic; dynamic builders pass through helpers
 * typed with each dialect's exported builder types, keeping their row type. Compiled against the
 * built package by `npm run typecheck`.
 */
import { and, asc, eq, gt, type SQL } from 'sluice';
import type { AnyColumn, Column, InferInsertModel, InferSelectModel, SQLWrapper, Subquery, Table } from 'sluice';
import { integer, pgTable, serial, text, type PgDelete, type PgSelect, type PgSelectQueryBuilder, type PgUpdate } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText, type SQLiteDelete, type SQLiteSelect, type SQLiteUpdate } from 'sluice/sqlite-core';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { drizzle as libsqlDrizzle } from 'sluice/libsql';
import { int, mysqlTable, varchar, type MySqlDelete, type MySqlSelect, type MySqlUpdate } from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), age: integer('age') });
const db = drizzle();

// Each single-call method, called twice, is an error.
db.select()
  .from(users)
  .where(eq(users.id, 1))
  // @ts-expect-error where() was already called
  .where(eq(users.id, 2));
db.select()
  .from(users)
  .orderBy(users.id)
  // @ts-expect-error orderBy() was already called
  .orderBy(users.name);
db.select()
  .from(users)
  .limit(1)
  // @ts-expect-error limit() was already called
  .limit(2);
db.select()
  .from(users)
  .offset(1)
  // @ts-expect-error offset() was already called
  .offset(2);
db.select({ age: users.age })
  .from(users)
  .groupBy(users.age)
  // @ts-expect-error groupBy() was already called
  .groupBy(users.age);
db.select({ age: users.age })
  .from(users)
  .groupBy(users.age)
  .having(gt(users.age, 1))
  // @ts-expect-error having() was already called
  .having(gt(users.age, 2));
db.select()
  .from(users)
  .for('update')
  // @ts-expect-error for() was already called
  .for('share');
// The exclusion survives other methods and joins in between.
db.select()
  .from(users)
  .where(eq(users.id, 1))
  .orderBy(users.id)
  .limit(1)
  // @ts-expect-error where() was called before orderBy() and limit()
  .where(eq(users.id, 2));
db.select()
  .from(users)
  .where(eq(users.id, 1))
  .leftJoin(users, eq(users.id, users.id))
  // @ts-expect-error where() was called before the join
  .where(eq(users.id, 2));
// Different methods chain as before, and the row type is unchanged.
async function chained() {
  const rows = await db.select().from(users).where(eq(users.id, 1)).groupBy(users.id).having(gt(users.id, 0)).orderBy(asc(users.id)).limit(1).offset(0);
  expectType<Equal<typeof rows, { id: number; name: string; age: number | null }[]>>();
}
void chained;

// $dynamic() lifts it: the second where() replaces the first, as in Drizzle.
const dyn = db.select().from(users).$dynamic();
dyn.where(eq(users.id, 1)).where(eq(users.id, 2)).limit(1).limit(2).orderBy(users.id).orderBy(users.name);

// Drizzle's documented helper: the builder keeps its own type through it.
function withPagination<T extends PgSelect>(qb: T, page: number) {
  return qb.limit(10).offset(page * 10);
}
function withFilters<T extends PgSelectQueryBuilder>(qb: T, filters: SQL[]) {
  return qb.where(and(...filters));
}
async function helpers() {
  const page = await withPagination(db.select({ id: users.id, name: users.name }).from(users).$dynamic(), 2);
  expectType<Equal<typeof page, { id: number; name: string }[]>>();
  const filtered = await withPagination(withFilters(db.select().from(users).where(eq(users.id, 1)).$dynamic(), [gt(users.age, 18)]), 0);
  expectType<Equal<typeof filtered, { id: number; name: string; age: number | null }[]>>();
  // @ts-expect-error a builder that is not dynamic does not fit the helper
  withPagination(db.select().from(users), 1);
  const otherDialect = sqliteDrizzle(':memory:')
    .select()
    .from(sqliteTable('t', { id: sqliteInteger('id') }))
    .$dynamic();
  withPagination(
    // @ts-expect-error a builder of another dialect does not fit PgSelect
    otherDialect,
    1,
  );
}
void helpers;

// Updates and deletes: where/returning once, unless dynamic.
db.update(users)
  .set({ name: 'x' })
  .where(eq(users.id, 1))
  // @ts-expect-error where() was already called
  .where(eq(users.id, 2));
db.update(users)
  .set({ name: 'x' })
  .returning()
  // @ts-expect-error returning() was already called
  .returning({ id: users.id });
db.delete(users)
  .where(eq(users.id, 1))
  // @ts-expect-error where() was already called
  .where(eq(users.id, 2));
db.delete(users)
  .returning()
  // @ts-expect-error returning() was already called
  .returning();
function onlyAdults<T extends PgUpdate>(qb: T) {
  return qb.where(gt(users.age, 17));
}
function onlyNamed<T extends PgDelete>(qb: T, name: string) {
  return qb.where(eq(users.name, name));
}
async function writes() {
  const updated = await onlyAdults(db.update(users).set({ name: 'adult' }).returning({ id: users.id }).$dynamic());
  expectType<Equal<typeof updated, { id: number }[]>>();
  const deleted = await onlyNamed(db.delete(users).returning().$dynamic(), 'x');
  expectType<Equal<typeof deleted, { id: number; name: string; age: number | null }[]>>();
  await db.delete(users).$dynamic().where(eq(users.id, 1)).where(eq(users.id, 2));
}
void writes;

// SQLite (synchronous and not) and MySQL export the same helper types.
const liteUsers = sqliteTable('users', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
function litePage<T extends SQLiteSelect>(qb: T, page: number) {
  return qb.limit(10).offset(page * 10);
}
function liteWhere<T extends SQLiteUpdate>(qb: T) {
  return qb.where(eq(liteUsers.id, 1));
}
function liteDelete<T extends SQLiteDelete>(qb: T) {
  return qb.where(eq(liteUsers.id, 1)).limit(1);
}
async function lite() {
  const sync = sqliteDrizzle(':memory:');
  const rows = litePage(sync.select().from(liteUsers).$dynamic(), 0).all();
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  const asyncRows = await litePage(libsqlDrizzle(':memory:').select({ id: liteUsers.id }).from(liteUsers).$dynamic(), 0);
  expectType<Equal<typeof asyncRows, { id: number }[]>>();
  liteWhere(sync.update(liteUsers).set({ name: 'y' }).$dynamic()).run();
  liteDelete(sync.delete(liteUsers).$dynamic()).run();
  sync
    .select()
    .from(liteUsers)
    .limit(1)
    // @ts-expect-error limit() was already called
    .limit(2);
}
void lite;

const myUsers = mysqlTable('users', { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull() });
const my = mysqlDrizzle({} as never);
function myPage<T extends MySqlSelect>(qb: T) {
  return qb.orderBy(myUsers.id).limit(10);
}
function myUpdate<T extends MySqlUpdate>(qb: T) {
  return qb.where(eq(myUsers.id, 1)).orderBy(myUsers.id).limit(1);
}
function myDelete<T extends MySqlDelete>(qb: T) {
  return qb.where(eq(myUsers.id, 1));
}
async function mysql() {
  const rows = await myPage(my.select().from(myUsers).$dynamic());
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  await myUpdate(my.update(myUsers).set({ name: 'z' }).$dynamic());
  await myDelete(my.delete(myUsers).$dynamic());
  my.update(myUsers)
    .set({ name: 'z' })
    .limit(1)
    // @ts-expect-error limit() was already called
    .limit(2);
  // @ts-expect-error a MySQL select does not fit SQLiteSelect
  litePage(my.select().from(myUsers).$dynamic(), 0);
}
void mysql;

// The general types Drizzle users import from the root entry.
function rootTypes(col: AnyColumn, c: Column, t: Table, w: SQLWrapper, s: Subquery, q: SQL<number>) {
  return [col, c, t, w.getSQL(), s, q];
}
void rootTypes;
expectType<Equal<InferSelectModel<typeof users>, { id: number; name: string; age: number | null }>>();
expectType<Equal<InferInsertModel<typeof users>, { id?: number; name: string; age?: number | null }>>();
