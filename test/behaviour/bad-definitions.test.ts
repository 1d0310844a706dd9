/**
 * Bad definitions and calls get a SchemaError naming the table and the column before any
 * statement is sent: a value of the wrong JavaScript type or outside the column's enum, an
 * unknown key in values() or set(), set() with nothing to set, a placeholder without a value, two
 * columns of one name (also through casing). inArray() with an empty list matches no row and
 * notInArray() every row, with no SQL error, on every dialect.
 */
import { ColumnValueError, defineRelations, eq, inArray, notInArray, SchemaError, sql } from 'sluice';
import pg from 'pg';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as cockroachDrizzle } from 'sluice/cockroach';
import { cockroachTable, int4 as cockroachInt4, text as cockroachText } from 'sluice/cockroach-core';
import { int as mssqlInt, mssqlTable, varchar as mssqlVarchar } from 'sluice/mssql-core';
import { boolean as mysqlBoolean, datetime, int, mysqlEnum, mysqlTable, serial as mysqlSerial, text as mysqlText, varchar } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { boolean, foreignKey, integer, pgEnum, pgSchema, pgTable, serial, text, timestamp } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { behaviourTargets, openBehaviourTarget, sqlFor, StatementLog, type BehaviourTarget, type DialectName } from '../support/behaviour.js';

const sqliteUsers = sqliteTable('users', { id: sqliteInteger('id').primaryKey() });
/** A MySQL database handle that is only rendered (a pool connects on its first query, and none is made). */
const mysqlRender = mysql2({ connection: 'mysql://root@127.0.0.1:3306/test' });
afterAll(() => mysqlRender.$client.end());

function pgPeople() {
  return pgTable('people', {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    age: integer('age'),
    active: boolean('active'),
    born: timestamp('born', { precision: 3 }),
    role: text('role', { enum: ['admin', 'user'] }),
  });
}
/** Every dialect's table held under PostgreSQL's static type, as the behaviour suite does, so one test body serves all. */
type People = ReturnType<typeof pgPeople>;

function peopleTable(dialect: DialectName): People {
  if (dialect === 'sqlite') {
    return sqliteTable('people', {
      id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
      name: sqliteText('name').notNull(),
      age: sqliteInteger('age'),
      active: sqliteInteger('active', { mode: 'boolean' }),
      born: sqliteInteger('born', { mode: 'timestamp_ms' }),
      role: sqliteText('role', { enum: ['admin', 'user'] }),
    }) as unknown as People;
  }
  if (dialect === 'mysql') {
    return mysqlTable('people', {
      id: mysqlSerial('id').primaryKey(),
      name: mysqlText('name').notNull(),
      age: int('age'),
      active: mysqlBoolean('active'),
      born: datetime('born', { fsp: 3 }),
      role: varchar('role', { length: 16, enum: ['admin', 'user'] }),
    }) as unknown as People;
  }
  return pgPeople();
}

const ddl: Record<DialectName, string> = {
  pg: 'create table people (id serial primary key, name text not null, age integer, active boolean, born timestamp(3), role text)',
  sqlite: 'create table people (id integer primary key autoincrement, name text not null, age integer, active integer, born integer, role text)',
  mysql: 'create table people (id serial primary key, name text not null, age int, active boolean, born datetime(3), role varchar(16))',
};

/** Rejects with the error a call throws or its promise rejects with. */
async function failure(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`bad calls on ${name}`, () => {
    let target: BehaviourTarget;
    const log = new StatementLog();
    const people = peopleTable(dialect);
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    const S = (text: string) => sqlFor(dialect, text);
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl[dialect]);
      db = await target.open({ logger: log });
    });
    beforeEach(async () => {
      await target.exec('delete from people');
      await db.insert(people).values([
        { name: 'Ann', age: 30, active: true, role: 'admin' },
        { name: 'Bob', age: 40, active: false, role: 'user' },
      ]);
      log.last = [];
    });
    afterAll(() => target.close());

    const t = () => people;
    const names = async () => (await db.select({ name: t().name }).from(t()).orderBy(t().id)).map((r) => r.name);

    const wrongValues: [string, Record<string, unknown>, string][] = [
      ['a string that is not a number for an integer', { age: 'abc' }, 'people.age: expected an integer, got a string that is not one'],
      ['a fraction for an integer', { age: 1.5 }, 'people.age: expected an integer, got 1.5'],
      ['NaN for an integer', { age: Number.NaN }, 'people.age: expected an integer, got NaN'],
      ['an object for an integer', { age: { n: 1 } }, 'people.age: expected an integer, got an object'],
      ['a number for text', { name: 5 }, 'people.name: expected a string, got 5'],
      ['an object for a boolean', { active: {} }, 'people.active: expected a boolean, got an object'],
      ['a string for a boolean', { active: 'yes' }, 'people.active: expected a boolean, got a string'],
      ['2 for a boolean', { active: 2 }, 'people.active: expected a boolean, got 2'],
      ['an invalid Date', { born: new Date('not a date') }, 'people.born: an invalid Date cannot be stored'],
      ['a value outside the enum', { role: 'root' }, `people.role: "root" is not one of the column's values (admin, user)`],
    ];

    describe('a value of the wrong JavaScript type or outside the enum', () => {
      for (const [what, value, message] of wrongValues) {
        it(`insert: ${what}`, async () => {
          const e = await failure(() => db.insert(t()).values({ name: 'Eve', ...value } as never));
          expect(e).toBeInstanceOf(ColumnValueError);
          expect(e).toBeInstanceOf(SchemaError);
          expect(e.message).toBe(message);
          expect(log.last).toEqual([]);
          expect(await names()).toEqual(['Ann', 'Bob']);
        });
        it(`update set and where: ${what}`, async () => {
          const e = await failure(() => db.update(t()).set(value as never));
          expect(e).toBeInstanceOf(ColumnValueError);
          expect(e.message).toBe(message);
          const [key, v] = Object.entries(value)[0]!;
          const column = (people as unknown as Record<string, People['age']>)[key]!;
          expect(
            (
              await failure(() =>
                db
                  .select()
                  .from(t())
                  .where(eq(column, v as never)),
              )
            ).message,
          ).toBe(message);
          expect(log.last).toEqual([]);
        });
      }

      it('bigint beyond 64 bits for an integer', async () => {
        const e = await failure(() => db.insert(t()).values({ name: 'Eve', age: 2n ** 64n } as never));
        expect(e.message).toBe('people.age: 18446744073709551616n is out of range for a 64-bit integer');
        expect(log.last).toEqual([]);
      });

      it('accepts what the drivers convert faithfully: numeric strings, Dates, 0/1 for booleans stored as integers', async () => {
        const born = new Date('2001-02-03T04:05:06.789Z');
        await db.insert(t()).values({ name: 'Eve', age: '12', active: dialect === 'pg' ? true : 1, born, role: 'user' } as never);
        const [row] = await db.select({ age: t().age, active: t().active, born: t().born, role: t().role }).from(t()).where(eq(t().name, 'Eve'));
        expect(row).toEqual({ age: 12, active: true, born, role: 'user' });
        if (dialect === 'pg') {
          // postgres.js stores 1 for a boolean as false, so PostgreSQL's booleans take true and false only.
          log.last = [];
          expect((await failure(() => db.insert(t()).values({ name: 'Fay', active: 1 } as never))).message).toBe('people.active: expected a boolean, got 1');
          expect(log.last).toEqual([]);
        }
      });

      it('checks a placeholder value when it is filled', async () => {
        const q = db
          .select({ name: t().name })
          .from(t())
          .where(eq(t().age, sql.placeholder('age')))
          .prepare('by_age');
        expect(await q.execute({ age: 30 })).toEqual([{ name: 'Ann' }]);
        log.last = [];
        expect((await failure(() => q.execute({ age: 'thirty' }))).message).toBe('people.age: expected an integer, got a string that is not one');
        expect(log.last).toEqual([]);
      });
    });

    describe('unknown keys and empty sets', () => {
      it('values() with a key that is not a column names it and the table', async () => {
        const e = await failure(() => db.insert(t()).values({ name: 'Eve', emial: 'e@x.io' } as never));
        expect(e).toBeInstanceOf(SchemaError);
        expect(e.message).toBe('insert into "people": people has no column "emial" (values() row 0)');
        const second = await failure(() => db.insert(t()).values([{ name: 'Eve' }, { name: 'Fay', Age: 3 }] as never));
        expect(second.message).toBe('insert into "people": people has no column "Age" (values() row 1); did you mean "age"?');
        expect(log.last).toEqual([]);
        expect(await names()).toEqual(['Ann', 'Bob']);
      });

      it('a key whose value is undefined is left out, as Drizzle does', async () => {
        await db.insert(t()).values({ name: 'Eve', age: undefined, nickname: undefined } as never);
        expect(log.last[0]!.sql).toBe(S('insert into "people" ("name") values ($1)'));
        expect(await names()).toEqual(['Ann', 'Bob', 'Eve']);
      });

      it('set() with a key that is not a column names it', async () => {
        const e = await failure(() => db.update(t()).set({ nmae: 'x', age: 1 } as never));
        expect(e.message).toBe('update "people": people has no column "nmae" (set()); did you mean "name"?');
        expect(log.last).toEqual([]);
        expect(await db.select({ age: t().age }).from(t()).orderBy(t().id)).toEqual([{ age: 30 }, { age: 40 }]);
      });

      it('set({}) and a set of only undefined values are errors', async () => {
        expect((await failure(() => db.update(t()).set({}))).message).toBe('update "people": no values to set (set() was given no value that is not undefined)');
        expect((await failure(() => db.update(t()).set({ name: undefined, age: undefined }))).message).toBe('update "people": no values to set (set() was given no value that is not undefined)');
        expect(log.last).toEqual([]);
      });
    });

    describe('inArray and notInArray with an empty list', () => {
      it('inArray(col, []) matches no row and notInArray(col, []) every row, without an SQL error', async () => {
        expect(await db.select({ name: t().name }).from(t()).where(inArray(t().id, []))).toEqual([]);
        expect(log.last[0]!.sql).toBe(S('select "name" from "people" where false'));
        expect((await db.select({ name: t().name }).from(t()).where(notInArray(t().id, [])).orderBy(t().id)).map((r) => r.name)).toEqual(['Ann', 'Bob']);
        expect(log.last[1]!.sql).toBe(S('select "name" from "people" where true order by "people"."id"'));
        // Inside other conditions too, and in deletes and updates: nothing is touched.
        await db.delete(t()).where(inArray(t().name, []));
        await db.update(t()).set({ age: 1 }).where(inArray(t().name, []));
        expect(await db.select({ age: t().age }).from(t()).orderBy(t().id)).toEqual([{ age: 30 }, { age: 40 }]);
      });
    });

    describe('placeholders', () => {
      it('a placeholder without a value names it, and nothing is sent', async () => {
        const q = db
          .select()
          .from(t())
          .where(eq(t().id, sql.placeholder('id')))
          .prepare('by_id');
        const e = await failure(() => q.execute({}));
        expect(e).toBeInstanceOf(SchemaError);
        expect(e.message).toBe('No value for placeholder "id": give it as execute({ id: ... })');
        expect((await failure(() => q.execute())).message).toBe('No value for placeholder "id": give it as execute({ id: ... })');
        expect(log.last).toEqual([]);
      });
    });
  });
}

describe('bad definitions', () => {
  it('two columns of one SQL name are refused when the table is defined, on every dialect', () => {
    const message = 'Table "t": columns "email" and "mail" both use the column name "email"';
    expect(() => pgTable('t', { email: text(), mail: text('email') })).toThrow(new SchemaError(message));
    expect(() => sqliteTable('t', { email: sqliteText(), mail: sqliteText('email') })).toThrow(new SchemaError(message));
    expect(() => mysqlTable('t', { email: mysqlText(), mail: mysqlText('email') })).toThrow(new SchemaError(message));
    expect(() => mssqlTable('t', { email: mssqlVarchar(), mail: mssqlVarchar('email') })).toThrow(new SchemaError(message));
    expect(() => cockroachTable('t', { email: cockroachText(), mail: cockroachText('email') })).toThrow(new SchemaError(message));
  });

  it('two keys that meet under the casing are refused by the first statement on the table, before it is sent', async () => {
    // The table cannot know the database's casing when it is defined: `userId` and `user_id` are distinct until snake_case.
    const t = pgTable('cased', { userId: integer(), user_id: integer() });
    const log = new StatementLog();
    const db = pglite({ casing: 'snake_case', logger: log });
    expect(() => db.select().from(t).toSQL()).toThrow(new SchemaError('Table "cased": columns "userId" and "user_id" both use the column name "user_id" under casing snake_case'));
    await expect(db.insert(t).values({ userId: 1 })).rejects.toThrow('both use the column name "user_id"');
    expect(log.last).toEqual([]);
    // Without a casing the names differ, and the table works.
    expect(pglite().select().from(t).toSQL().sql).toBe('select "userId", "user_id" from "cased"');
    await db.$client.close();
  });

  it('a foreign key to a table missing from drizzle({ schema }) or drizzle({ relations }) names both tables', () => {
    const authors = pgTable('authors', { id: serial('id').primaryKey() });
    const books = pgTable('books', { id: serial('id').primaryKey(), authorId: integer('author_id').references(() => authors.id) });
    const reviews = pgTable('reviews', { id: serial('id').primaryKey(), bookId: integer('book_id') }, (r) => [foreignKey({ columns: [r.bookId], foreignColumns: [books.id] })]);
    expect(() => pglite({ schema: { books } })).toThrow(new SchemaError('drizzle({ schema }): foreign key "books" (author_id) references table "authors", which is not in the schema; add it to the schema or remove the reference'));
    expect(() => pglite({ schema: { authors, reviews } })).toThrow('drizzle({ schema }): foreign key "reviews" (book_id) references table "books", which is not in the schema');
    expect(() => pglite({ relations: defineRelations({ books }) })).toThrow('drizzle({ relations }): foreign key "books" (author_id) references table "authors"');
    expect(() => betterSqlite({ schema: { posts: sqliteTable('posts', { userId: sqliteInteger('user_id').references(() => sqliteUsers.id) }) } })).toThrow(
      'drizzle({ schema }): foreign key "posts" (user_id) references table "users", which is not in the schema',
    );
    // With every table given, the schema is accepted; a table of a database schema none of the tables use (auth.users) is managed elsewhere.
    expect(() => pglite({ schema: { authors, books, reviews } })).not.toThrow();
    const authUsers = pgSchema('auth').table('users', { id: integer('id').primaryKey() });
    expect(() => pglite({ schema: { profiles: pgTable('profiles', { userId: integer('user_id').references(() => authUsers.id) }) } })).not.toThrow();
  });

  it("an enum type's value outside it names the table and column (pgEnum, mysqlEnum), and SQL Server's text enum", () => {
    const mood = pgEnum('mood', ['sad', 'ok']);
    const moods = pgTable('moods', { id: serial('id').primaryKey(), mood: mood('mood') });
    expect(() =>
      pglite()
        .insert(moods)
        .values({ mood: 'happy' as 'ok' })
        .toSQL(),
    ).toThrow(new ColumnValueError('moods', 'mood', '"happy" is not a value of enum "mood" (sad, ok)'));
    expect(() =>
      pglite()
        .update(moods)
        .set({ mood: 'happy' as 'ok' })
        .toSQL(),
    ).toThrow('moods.mood: "happy" is not a value of enum "mood" (sad, ok)');
    const levels = mysqlTable('levels', { id: int('id').primaryKey(), level: mysqlEnum('level', ['low', 'high']) });
    expect(() =>
      mysqlRender
        .insert(levels)
        .values({ id: 1, level: 'mid' as 'low' })
        .toSQL(),
    ).toThrow('levels.level: "mid" is not a value of mysqlEnum "level" (low, high)');
    const tickets = mssqlTable('tickets', { id: mssqlInt('id').primaryKey(), state: mssqlVarchar('state', { enum: ['open', 'closed'] }) });
    const { db: mssqlDb, statements } = mssqlRenderDb();
    expect(() =>
      mssqlDb
        .insert(tickets)
        .values({ id: 1, state: 'lost' as 'open' })
        .toSQL(),
    ).toThrow(`tickets.state: "lost" is not one of the column's values (open, closed)`);
    expect(() =>
      mssqlDb
        .insert(tickets)
        .values({ id: 1, count: 2 } as never)
        .toSQL(),
    ).toThrow('insert into "tickets": tickets has no column "count" (values() row 0)');
    expect(statements).toEqual([]);
  });

  it('inArray(col, []) and notInArray(col, []) render as a constant condition on SQL Server and CockroachDB too', async () => {
    const tickets = mssqlTable('tickets', { id: mssqlInt('id').primaryKey() });
    const { db: mssqlDb } = mssqlRenderDb();
    expect(mssqlDb.select().from(tickets).where(inArray(tickets.id, [])).toSQL().sql).toBe('select [id] from [tickets] where 1 = 0');
    expect(mssqlDb.select().from(tickets).where(notInArray(tickets.id, [])).toSQL().sql).toBe('select [id] from [tickets] where 1 = 1');
    const rows = cockroachTable('rows', { id: cockroachInt4('id').primaryKey() });
    // A pool connects on its first query, and none is made here.
    const pool = new pg.Pool({ connectionString: 'postgres://127.0.0.1:5432/unused' });
    const crdb = cockroachDrizzle({ client: pool });
    expect(crdb.select().from(rows).where(inArray(rows.id, [])).toSQL().sql).toBe('select "id" from "rows" where false');
    expect(crdb.select().from(rows).where(notInArray(rows.id, [])).toSQL().sql).toBe('select "id" from "rows" where true');
    await pool.end();
  });
});
