/**
 * Builders after single-call methods still work everywhere a select or write is taken: set
 * operations (which check the selection's keys and value types), `$with`, views, prepared
 * statements with placeholders, upserts and relational queries with extras; dialect-gated
 * methods stay gated. Compiled against the built package by `npm run typecheck`.
 */
import { eq, except, exceptAll, intersect, intersectAll, relations, sql, union, unionAll } from 'sluice';
import { integer, pgTable, pgView, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, sqliteView, text as sqliteText } from 'sluice/sqlite-core';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull() });
const people = pgTable('people', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id') });
const db = drizzle();

async function setOperations() {
  const a = db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, 1));
  const b = db.select({ id: cities.id, name: cities.name }).from(cities).orderBy(cities.id);
  // Selects after where()/orderBy() are operands like any other, as methods and as functions.
  const rows = await a.union(b).unionAll(b).intersect(b).intersectAll(b).except(b).exceptAll(b).orderBy(people.id).limit(10).offset(1);
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  await union(a, b, b);
  await unionAll(a, b);
  await intersect(a, b);
  await intersectAll(a, b);
  await except(a, b);
  await exceptAll(a, b);
  // The same keys with another value type do not combine.
  const named = db.select({ id: people.name, name: people.name }).from(people);
  // @ts-expect-error id is a string in the other select
  a.union(named);
  // @ts-expect-error id is a string in the other select
  a.exceptAll(named);
  // @ts-expect-error id is a string in the second select
  union(a, named);
  // @ts-expect-error id is a string in the third select
  intersect(a, b, named);
  // A nullable column does not fit where the first select's is not null.
  // @ts-expect-error cityId may be null, name may not
  a.union(db.select({ id: people.id, name: people.cityId }).from(people));
  // After a set operation, filters, groups and joins are gone (they belong to a member); order and limit stay.
  // @ts-expect-error where() after union()
  a.union(b).where(eq(people.id, 2));
  // @ts-expect-error leftJoin() after union()
  union(a, b).leftJoin(cities, eq(cities.id, people.cityId));
  // @ts-expect-error limit() twice on the compound
  a.union(b).limit(1).limit(2);
}
void setOperations;

async function ctesAndViews() {
  // $with over a select whose type omits where() and groupBy() exposes its fields.
  const sizes = db.$with('sizes').as(
    db
      .select({ cityId: people.cityId, n: sql<number>`count(*)`.as('n') })
      .from(people)
      .where(eq(people.id, 1))
      .groupBy(people.cityId),
  );
  const big = await db.with(sizes).select({ cityId: sizes.cityId, n: sizes.n }).from(sizes).where(eq(sizes.n, 2));
  expectType<Equal<typeof big, { cityId: number | null; n: number }[]>>();
  // @ts-expect-error the CTE has no name field
  sizes.name;
  // Writes after where() as CTEs.
  const upd = db.$with('upd').as(db.update(people).set({ name: 'x' }).where(eq(people.id, 1)).returning({ id: people.id }));
  const updated = await db.with(upd).select().from(upd);
  expectType<Equal<typeof updated, { id: number }[]>>();
  const del = db.$with('del').as(db.delete(people).where(eq(people.id, 1)).returning());
  const deleted = await db.with(del).select({ name: del.name }).from(del);
  expectType<Equal<typeof deleted, { name: string }[]>>();
  // A view over a filtered, ordered select has its columns.
  const locals = pgView('locals').as((qb) => qb.select({ id: people.id, name: people.name }).from(people).where(eq(people.cityId, 1)).orderBy(people.name).limit(5));
  const fromView = await db.select({ id: locals.id, name: locals.name }).from(locals).where(eq(locals.id, 1));
  expectType<Equal<typeof fromView, { id: number; name: string }[]>>();
  // @ts-expect-error the view has no cityId column
  locals.cityId;
  // A whole-row select of a view has exactly the view's columns.
  const wholeRows = await db.select().from(locals);
  expectType<Equal<typeof wholeRows, { id: number; name: string }[]>>();
  const everyone = pgView('everyone').as((qb) => qb.select().from(people).where(eq(people.id, 1)));
  const everyoneRows = await db.select().from(everyone);
  expectType<Equal<typeof everyoneRows, { id: number; name: string; cityId: number | null }[]>>();
  const st = sqliteTable('st', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name') });
  const sv = sqliteView('sv').as((qb) => qb.select().from(st).where(eq(st.id, 1)));
  const fromSqliteView = sqliteDrizzle(':memory:').select().from(sv).all();
  expectType<Equal<typeof fromSqliteView, { id: number; name: string | null }[]>>();
}
void ctesAndViews;

async function prepared() {
  const byCity = db
    .select({ name: people.name })
    .from(people)
    .where(eq(people.cityId, sql.placeholder('city')))
    .limit(sql.placeholder('n'))
    .offset(sql.placeholder('skip'))
    .prepare('by_city');
  const rows = await byCity.execute({ city: 1, n: 10, skip: 0 });
  expectType<Equal<typeof rows, { name: string }[]>>();
  const del = db
    .delete(people)
    .where(eq(people.id, sql.placeholder('id')))
    .returning({ id: people.id })
    .prepare('del');
  const gone = await del.execute({ id: 1 });
  expectType<Equal<typeof gone, { id: number }[]>>();
  const lite = sqliteDrizzle(':memory:');
  const st = sqliteTable('st', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
  const one = lite
    .select()
    .from(st)
    .where(eq(st.id, sql.placeholder('id')))
    .prepare()
    .get({ id: 1 });
  expectType<Equal<typeof one, { id: number; name: string } | undefined>>();
  // The SQLite-only methods stay on builders whose type omits methods.
  const all = lite.select().from(st).where(eq(st.id, 1)).orderBy(st.id).all();
  expectType<Equal<typeof all, { id: number; name: string }[]>>();
  lite.update(st).set({ name: 'y' }).where(eq(st.id, 1)).run();
  // @ts-expect-error all() is SQLite's, not PostgreSQL's
  db.select().from(people).where(eq(people.id, 1)).all();
}
void prepared;

async function upserts() {
  const up = await db
    .insert(people)
    .values({ name: 'ann' })
    .onConflictDoUpdate({ target: people.id, set: { name: sql`excluded.name` }, setWhere: eq(people.cityId, 1) })
    .returning({ id: people.id, name: people.name });
  expectType<Equal<typeof up, { id: number; name: string }[]>>();
  const none = await db.insert(people).values({ name: 'bob' }).onConflictDoNothing().returning();
  expectType<Equal<typeof none, { id: number; name: string; cityId: number | null }[]>>();
  db.insert(people)
    .values({ name: 'cy' })
    // @ts-expect-error set() takes columns of the table only
    .onConflictDoUpdate({ target: people.id, set: { nope: 1 } });
  const my = mysqlDrizzle({} as never);
  const accounts = mysqlTable('accounts', { id: int('id').primaryKey().autoincrement(), owner: varchar('owner', { length: 20 }).notNull() });
  await my
    .insert(accounts)
    .values({ owner: 'ann' })
    .onDuplicateKeyUpdate({ set: { owner: 'ann' } });
  // @ts-expect-error onDuplicateKeyUpdate() is MySQL's
  db.insert(people)
    .values({ name: 'dee' })
    .onDuplicateKeyUpdate({ set: { name: 'dee' } });
}
void upserts;

const peopleRelations = relations(people, ({ one }) => ({ city: one(cities, { fields: [people.cityId], references: [cities.id] }) }));
const citiesRelations = relations(cities, ({ many }) => ({ people: many(people) }));

async function relationalExtras() {
  const rdb = drizzle({ schema: { people, cities, peopleRelations, citiesRelations } });
  const rows = await rdb.query.cities.findMany({
    columns: { id: true },
    extras: { upper: sql<string>`upper(${cities.name})`.as('upper') },
    with: { people: { columns: { name: true }, extras: { len: sql<number>`length(${people.name})`.as('len') } } },
  });
  expectType<Equal<typeof rows, { id: number; upper: string; people: { name: string; len: number }[] }[]>>();
  const one = await rdb.query.people.findFirst({ extras: { n: sql<number>`1`.as('n') }, with: { city: true } });
  expectType<Equal<typeof one, { id: number; name: string; cityId: number | null; n: number; city: { id: number; name: string } | null } | undefined>>();
  // @ts-expect-error extras take SQL, not columns flags
  await rdb.query.cities.findMany({ extras: { upper: true } });
}
void relationalExtras;

function dialectGates() {
  const lite = sqliteDrizzle(':memory:');
  const st = sqliteTable('st', { id: sqliteInteger('id').primaryKey() });
  const filtered = lite.select().from(st).where(eq(st.id, 1));
  // @ts-expect-error no row locks on SQLite, with or without where()
  filtered.for('update');
  // @ts-expect-error no lateral joins on SQLite
  filtered.leftJoinLateral(lite.select().from(st).as('s'), eq(st.id, 1));
  // @ts-expect-error no streaming on SQLite
  filtered.iterator();
  // PostgreSQL keeps them after where().
  const pgFiltered = db.select().from(people).where(eq(people.id, 1));
  pgFiltered.for('update', { skipLocked: true });
  pgFiltered.iterator();
  pgFiltered.crossJoinLateral(db.select({ n: cities.id }).from(cities).as('c'));
  const my = mysqlDrizzle({} as never);
  const accounts = mysqlTable('accounts', { id: int('id').primaryKey(), owner: varchar('owner', { length: 20 }).notNull() });
  // @ts-expect-error returning() does not exist on MySQL updates, dynamic or not
  my.update(accounts).set({ owner: 'x' }).$dynamic().returning();
  // @ts-expect-error returning() does not exist on MySQL deletes after where()
  my.delete(accounts).where(eq(accounts.id, 1)).returning();
  // @ts-expect-error no lateral joins on MySQL
  my.select().from(accounts).orderBy(accounts.id).innerJoinLateral(my.select().from(accounts).as('a'), eq(accounts.id, 1));
  my.select().from(accounts).where(eq(accounts.id, 1)).for('update', { skipLocked: true });
  // @ts-expect-error PostgreSQL's lock strengths are not MySQL's
  my.select().from(accounts).where(eq(accounts.id, 1)).for('no key update');
}
void dialectGates;
