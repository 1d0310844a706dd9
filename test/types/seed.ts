/**
 * `sluice/seed`: refine()'s table, column and `with` keys are checked against the schema (a typo is
 * a type error), only tables are refinable (not relations or enums), columns take generators or
 * false, and seed() is awaitable with or without refine(). Compiled against the built package by
 * `npm run typecheck`.
 */
import { relations } from 'sluice';
import { integer, pgEnum, pgTable, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { reset, seed, type RefineConfig, type SeedTableKeys } from 'sluice/seed';
import { int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const mood = pgEnum('mood', ['sad', 'ok']);
const users = pgTable('users', { id: serial().primaryKey(), name: text().notNull(), mood: mood() });
const posts = pgTable('posts', { id: serial().primaryKey(), title: text().notNull(), authorId: integer().references(() => users.id) });
const schema = { mood, users, posts, usersRelations: relations(users, ({ many }) => ({ posts: many(posts) })) };
const db = drizzle({ schema });

expectType<Equal<SeedTableKeys<typeof schema>, 'users' | 'posts'>>();
expectType<Equal<keyof NonNullable<NonNullable<RefineConfig<typeof schema>['users']>['columns']>, 'id' | 'name' | 'mood'>>();

async function valid() {
  const done = await seed(db, schema);
  expectType<Equal<typeof done, undefined>>();
  await seed(db, schema, { count: 100, seed: 7, version: 2 });
  await seed(db, schema).refine((f) => ({
    users: { count: 20, columns: { name: f.fullName(), mood: f.valuesFromArray({ values: ['sad'] }), id: false }, with: { posts: [{ weight: 1, count: [1, 2] }] } },
    posts: { columns: { title: f.weightedRandom([{ weight: 1, value: f.loremIpsum() }]) } },
  }));
  await reset(db, schema);
}

async function invalid() {
  // @ts-expect-error usres is not a table of the schema
  await seed(db, schema).refine(() => ({ usres: { count: 1 } }));
  // @ts-expect-error nmae is not a column of users
  await seed(db, schema).refine((f) => ({ users: { columns: { nmae: f.fullName() } } }));
  // @ts-expect-error psots is not a table for with
  await seed(db, schema).refine(() => ({ users: { with: { psots: 2 } } }));
  // @ts-expect-error relations are not tables
  await seed(db, schema).refine(() => ({ usersRelations: { count: 1 } }));
  // @ts-expect-error a column takes a generator or false, not a value
  await seed(db, schema).refine(() => ({ users: { columns: { name: 'Ann' } } }));
  // @ts-expect-error count is a number
  await seed(db, schema).refine(() => ({ users: { count: '5' } }));
  // @ts-expect-error seed() takes a database first
  await seed(schema, schema);
}

// The same checks on another dialect's tables.
const people = mysqlTable('people', { id: int().primaryKey().autoincrement(), email: varchar({ length: 100 }).notNull() });
const mdb = mysqlDrizzle('mysql://localhost/test');
async function mysqlChecks() {
  await seed(mdb, { people }).refine((f) => ({ people: { columns: { email: f.email() } } }));
  // @ts-expect-error mail is not a column of people
  await seed(mdb, { people }).refine((f) => ({ people: { columns: { mail: f.email() } } }));
}

export { invalid, mysqlChecks, valid };
