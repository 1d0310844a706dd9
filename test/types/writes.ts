/**
 * Types of writes: `update ... from` with joins and what `returning()` gives, columns in `set()`,
 * CTEs over writes and raw SQL, `overridingSystemValue()` and the misuse that must not compile.
 * Compiled against the built package by `npm run typecheck`.
 */
import { eq, sql } from 'sluice';
import { integer, pgTable, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { int, mysqlTable, serial as mysqlSerial } from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull() });
const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id') });
const notes = pgTable('notes', { id: serial('id').primaryKey(), body: text('body') });
const ident = pgTable('ident', { id: integer('id').primaryKey().generatedAlwaysAsIdentity(), name: text('name').notNull() });

type User = typeof users.$inferSelect;
type City = typeof cities.$inferSelect;
type Note = typeof notes.$inferSelect;

export async function pgWrites() {
  const db = drizzle();
  // A column is a valid value in set().
  await db.update(users).set({ cityId: cities.id }).from(cities).where(eq(cities.name, 'x'));

  const plain = await db.update(users).set({ name: 'x' }).returning();
  expectType<Equal<typeof plain, User[]>>();
  const fromOnly = await db.update(users).set({ name: 'x' }).from(cities).returning();
  expectType<Equal<typeof fromOnly, { id: number; name: string; cityId: number | null; cities: City }[]>>();
  const left = await db.update(users).set({ name: 'x' }).from(cities).leftJoin(notes, eq(notes.id, cities.id)).returning();
  expectType<Equal<(typeof left)[number]['notes'], Note | null>>();
  expectType<Equal<(typeof left)[number]['cities'], City>>();
  const inner = await db.update(users).set({ name: 'x' }).from(cities).innerJoin(notes, eq(notes.id, cities.id)).returning({ id: users.id, body: notes.body });
  expectType<Equal<typeof inner, { id: number; body: string | null }[]>>();
  const right = await db.update(users).set({ name: 'x' }).from(cities).rightJoin(notes, eq(notes.id, cities.id)).returning();
  expectType<Equal<typeof right, { id: number | null; name: string | null; cityId: number | null; cities: City | null; notes: Note }[]>>();
  const rightPartial = await db.update(users).set({ name: 'x' }).from(cities).rightJoin(notes, eq(notes.id, cities.id)).returning({ id: users.id, noteId: notes.id });
  expectType<Equal<typeof rightPartial, { id: number | null; noteId: number }[]>>();
  const partialLeft = await db.update(users).set({ name: 'x' }).from(cities).leftJoin(notes, eq(notes.id, cities.id)).returning({ noteId: notes.id });
  expectType<Equal<typeof partialLeft, { noteId: number | null }[]>>();

  // Writes with returning() as CTEs expose the returned fields.
  const ins = db.$with('ins').as(db.insert(users).values({ name: 'n' }).returning({ id: users.id, name: users.name }));
  const fromIns = await db.with(ins).select({ id: ins.id, name: ins.name }).from(ins);
  expectType<Equal<typeof fromIns, { id: number; name: string }[]>>();
  const del = db.$with('del').as(db.delete(users).returning());
  const fromDel = await db.with(del).select({ id: del.id }).from(del);
  expectType<Equal<typeof fromDel, { id: number }[]>>();
  // Raw SQL as a CTE is typed by the fields given to $with.
  const raw = db.$with('raw', { userId: users.id, data: { name: users.name } }).as(sql`select * from ${users}`);
  const fromRaw = await db.with(raw).select({ userId: raw.userId, data: raw.data }).from(raw);
  expectType<Equal<typeof fromRaw, { userId: number; data: { name: string } }[]>>();
  // db.with() leads to writes as well.
  await db.with(raw).update(users).set({ name: 'y' });
  await db.with(raw).delete(users);
  await db.with(raw).insert(users).values({ name: 'z' });

  // A generated always identity takes a value only with overridingSystemValue().
  await db.insert(ident).overridingSystemValue().values({ id: 5, name: 'n' });
  // @ts-expect-error: the identity column is generated always
  await db.insert(ident).values({ id: 5, name: 'n' });

  // Raw execution takes a builder.
  await db.execute(db.select().from(users));

  // @ts-expect-error: a join on update needs a condition argument
  db.update(users).set({ name: 'x' }).from(cities).leftJoin(notes);
}

const sCities = sqliteTable('cities', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
const sUsers = sqliteTable('users', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });

export function sqliteWrites() {
  const db = sqliteDrizzle();
  // SQLite's returning sees only the updated table.
  const rows = db.update(sUsers).set({ name: 'x' }).from(sCities).returning().all();
  expectType<Equal<typeof rows, (typeof sUsers.$inferSelect)[]>>();
  const rawRows = db.all(db.select().from(sUsers));
  expectType<Equal<typeof rawRows, Record<string, unknown>[]>>();
  // @ts-expect-error: overridingSystemValue() is PostgreSQL's
  db.insert(sUsers).overridingSystemValue();
  // @ts-expect-error: ignore() is MySQL's
  db.insert(sUsers).ignore();
}

const mUsers = mysqlTable('users', { id: mysqlSerial('id').primaryKey(), n: int('n') });
export async function mysqlWrites() {
  const db = mysqlDrizzle('mysql://x');
  await db.update(mUsers).set({ n: mUsers.id });
  await db.insert(mUsers).ignore().values({ n: 1 });
  // @ts-expect-error: overridingSystemValue() is PostgreSQL's
  db.insert(mUsers).overridingSystemValue();
}
