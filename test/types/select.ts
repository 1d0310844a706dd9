/**
 * Types of selects over subqueries, outer joins and set operations, and the misuse that must not
 * compile. Compiled against the built package by `npm run typecheck`.
 */
import { count, eq, sql, union, unionAll } from 'sluice';
import { integer, pgTable, pgView, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { drizzle as sqliteDrizzle } from 'sluice/better-sqlite3';
import { integer as sqliteInteger, sqliteTable } from 'sluice/sqlite-core';
import { int, mysqlTable } from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull() });
const people = pgTable('people', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id') });
const db = drizzle();

async function subqueries() {
  // A one-field subquery in a selection is its field's value.
  const scalar = await db.select({ cityName: db.select({ name: cities.name }).from(cities).where(eq(people.cityId, cities.id)).as('cityName'), name: people.name }).from(people);
  expectType<Equal<typeof scalar, { cityName: string; name: string }[]>>();
  const counted = await db
    .select({
      population: db
        .select({ n: count().as('n') })
        .from(people)
        .as('population'),
    })
    .from(cities);
  expectType<Equal<typeof counted, { population: number }[]>>();
  // Every row of a subquery, typed like the inner selection.
  const sq = db.select().from(people).as('sq');
  const all = await db.select().from(sq);
  expectType<Equal<typeof all, { id: number; name: string; cityId: number | null }[]>>();
  const joined = await db.select({ person: sq.name, city: cities.name }).from(cities).leftJoin(sq, eq(sq.cityId, cities.id));
  expectType<Equal<typeof joined, { person: string | null; city: string }[]>>();
  // An expression of a subquery needs an alias to be referenced from outside.
  const cte = db.$with('cte').as(db.select({ upper: sql<string>`upper(${people.name})`, named: sql<string>`lower(${people.name})`.as('named') }).from(people));
  db.with(cte).select({ named: cte.named }).from(cte).where(eq(cte.named, 'x'));
  // @ts-expect-error `upper` has no alias
  db.with(cte).select({ upper: cte.upper }).from(cte).where(eq(cte.upper, 'x'));
  // A view defined by select() has the table's columns.
  const v = pgView('v').as((qb) => qb.select().from(people));
  const fromView = await db.select({ id: v.id, cityId: v.cityId }).from(v);
  expectType<Equal<typeof fromView, { id: number; cityId: number | null }[]>>();
}

async function outerJoins() {
  // An object of one outer-joined table's columns is null as a whole, whatever expressions it holds.
  const rows = await db
    .select({ id: people.id, city: { id: cities.id, upper: sql<string>`upper(${cities.name})` }, mixed: { person: people.name, city: cities.name } })
    .from(people)
    .leftJoin(cities, eq(cities.id, people.cityId));
  expectType<Equal<typeof rows, { id: number; city: { id: number; upper: string } | null; mixed: { person: string; city: string | null } }[]>>();
  const lateral = db
    .select({ id: cities.id })
    .from(cities)
    .crossJoinLateral(db.select({ pid: people.id }).from(people).as('p'));
  expectType<Equal<Awaited<typeof lateral>, { id: number }[]>>();
}

function setOperations() {
  const a = db.select({ id: people.id, name: people.name }).from(people);
  const b = db.select({ id: cities.id, name: cities.name }).from(cities);
  a.union(b);
  union(a, b, db.select().from(cities));
  a.except(({ unionAll }) => unionAll(b, b));
  // @ts-expect-error the other select has a field more
  a.union(db.select({ id: people.id, name: people.name, cityId: people.cityId }).from(people));
  // @ts-expect-error the other select lacks a field
  a.intersect(db.select({ id: people.id }).from(people));
  // @ts-expect-error the second select lacks a field
  unionAll(a, db.select({ id: people.id }).from(people));
}

function lateralOnlyOnPg() {
  const sdb = sqliteDrizzle(':memory:');
  const st = sqliteTable('st', { id: sqliteInteger('id') });
  // @ts-expect-error SQLite has no lateral joins
  sdb.select().from(st).crossJoinLateral(sdb.select().from(st).as('sq'));
  const mdb = mysqlDrizzle('mysql://localhost/x');
  const mt = mysqlTable('mt', { id: int('id') });
  // @ts-expect-error MariaDB has no lateral joins, so the MySQL dialect has none
  mdb.select().from(mt).leftJoinLateral(mdb.select().from(mt).as('sq'), eq(mt.id, 1));
}

void lateralOnlyOnPg;
void subqueries;
void outerJoins;
void setOperations;
