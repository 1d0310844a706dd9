/**
 * Writes as Drizzle runs them: update with expressions, `update ... from` with joins, CTEs on
 * writes and writes as CTEs, `$onUpdate`, all-default rows, several conflict clauses, the errors
 * of misused writes and operators, raw execution of builders and PostgreSQL's `overriding system
 * value`. Each case asserts the SQL and the rows on every target; what a dialect cannot express
 * is checked for its error, which names the dialect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, between, desc, eq, gt, ilike, inArray, isNotNull, isNull, like, lt, ne, notInArray, SchemaError, sql } from 'sluice';
import { integer, pgTable, serial, text } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { int, mysqlTable, serial as mysqlSerial, varchar } from 'sluice/mysql-core';
import { builderSchema } from '../support/behaviour-schema.js';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget, type DialectName, StatementLog } from '../support/behaviour.js';

/** A counter behind `$onUpdate`, to see how often it is called. */
const stamps = { n: 0 };
const nextStamp = () => `s${++stamps.n}`;

/** Tables of this file only: `$onUpdate` cases and a table whose every column has a default. */
function pgExtraTables() {
  return {
    touched: pgTable('touched', {
      id: serial('id').primaryKey(),
      name: text('name').notNull(),
      counter: integer('counter')
        .default(1)
        .$onUpdateFn(() => sql`counter + 1`),
      stamp: text('stamp').$onUpdate(nextStamp),
      alwaysNull: text('always_null')
        .$type<string | null>()
        .$onUpdate(() => null),
    }),
    defaulted: pgTable('defaulted', { id: serial('id').primaryKey(), label: text('label').default('x') }),
  };
}

function extraTables(dialect: DialectName): ReturnType<typeof pgExtraTables> {
  if (dialect === 'pg') return pgExtraTables();
  if (dialect === 'sqlite') {
    return {
      touched: sqliteTable('touched', {
        id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
        name: sqliteText('name').notNull(),
        counter: sqliteInteger('counter')
          .default(1)
          .$onUpdateFn(() => sql`counter + 1`),
        stamp: sqliteText('stamp').$onUpdate(nextStamp),
        alwaysNull: sqliteText('always_null')
          .$type<string | null>()
          .$onUpdate(() => null),
      }),
      defaulted: sqliteTable('defaulted', { id: sqliteInteger('id').primaryKey({ autoIncrement: true }), label: sqliteText('label').default('x') }),
    } as unknown as ReturnType<typeof pgExtraTables>;
  }
  return {
    touched: mysqlTable('touched', {
      id: mysqlSerial('id').primaryKey(),
      name: varchar('name', { length: 255 }).notNull(),
      counter: int('counter')
        .default(1)
        .$onUpdateFn(() => sql`counter + 1`),
      stamp: varchar('stamp', { length: 255 }).$onUpdate(nextStamp),
      alwaysNull: varchar('always_null', { length: 255 })
        .$type<string | null>()
        .$onUpdate(() => null),
    }),
    defaulted: mysqlTable('defaulted', { id: mysqlSerial('id').primaryKey(), label: varchar('label', { length: 255 }).default('x') }),
  } as unknown as ReturnType<typeof pgExtraTables>;
}

const EXTRA_DDL = {
  pg: `create table touched (id serial primary key, name text not null, counter integer default 1, stamp text, always_null text);
create table defaulted (id serial primary key, label text default 'x');
create table ident (id integer generated always as identity primary key, name text not null);`,
  sqlite: `create table touched (id integer primary key autoincrement, name text not null, counter integer default 1, stamp text, always_null text);
create table defaulted (id integer primary key autoincrement, label text default 'x');`,
  mysql: `create table touched (id serial primary key, name varchar(255) not null, counter int default 1, stamp varchar(255), always_null varchar(255));
create table defaulted (id serial primary key, label varchar(255) default 'x');`,
};
const EXTRA_RESET = {
  pg: 'truncate touched, defaulted, ident restart identity;',
  sqlite: "delete from touched; delete from defaulted; delete from sqlite_sequence where name in ('touched', 'defaulted');",
  mysql: 'truncate touched; truncate defaulted;',
};

/** A PostgreSQL identity column that is always generated. */
const ident = pgTable('ident', { id: integer('id').primaryKey().generatedAlwaysAsIdentity(), name: text('name').notNull() });

for (const { name, dialect } of behaviourTargets()) {
  describe(`writes on ${name}`, () => {
    const { tables, ddl, reset } = builderSchema(dialect);
    const { users, posts, accounts } = tables;
    const { touched, defaulted } = extraTables(dialect);
    const S = (pgText: string) => sqlFor(dialect, pgText);
    const D = <T>(values: { pg: T; sqlite: T; mysql: T }) => byDialect(dialect, values);
    let target: BehaviourTarget;
    const log = new StatementLog();
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      await target.exec(EXTRA_DDL[dialect]);
      db = await target.open({ logger: log });
    });
    beforeEach(async () => {
      await target.exec(reset);
      await target.exec(EXTRA_RESET[dialect]);
      log.last = [];
    });
    afterAll(() => target.close());
    const lastSql = () => log.last[log.last.length - 1]!;
    const postRows = () => db.select({ id: posts.id, authorId: posts.authorId, views: posts.views }).from(posts).orderBy(posts.id);

    describe('update set with expressions', () => {
      it('writes a column given to set() as the column, not as a bound value', async () => {
        await db.update(posts).set({ views: posts.authorId }).where(eq(posts.id, 3));
        expect(lastSql()).toEqual({ sql: S('update "posts" set "views" = "author_id" where "posts"."id" = $1'), params: [3] });
        expect((await postRows())[2]).toEqual({ id: 3, authorId: 2, views: 2 });
      });
      it('takes a column of the from() table (PostgreSQL, SQLite; MySQL has no update ... from)', async () => {
        const q = db.update(posts).set({ authorId: users.id }).from(users).where(sql`${users.name} = ${'Cy'} and ${posts.id} = ${4}`);
        if (dialect === 'mysql') {
          expect(() => q.toSQL()).toThrow('mysql: update ... from is not supported');
          return;
        }
        await q;
        expect(lastSql()).toEqual({ sql: S('update "posts" set "author_id" = "users"."id" from "users" where "users"."name" = $1 and "posts"."id" = $2'), params: ['Cy', 4] });
        expect((await postRows())[3]).toEqual({ id: 4, authorId: 3, views: 1 });
      });
    });

    describe('update ... from with joins', () => {
      it('joins after from() and returns the joined rows by table name, the left-joined side nullable', async () => {
        const q = db
          .update(posts)
          .set({ views: sql`coalesce(${accounts.balance}, 0)` })
          .from(users)
          .leftJoin(accounts, eq(accounts.userId, users.id))
          .where(eq(posts.authorId, users.id));
        if (dialect === 'mysql') {
          expect(() => q.toSQL()).toThrow('mysql: update ... from is not supported');
          return;
        }
        const rows = await q.returning();
        const postCols = '"posts"."id", "posts"."title", "posts"."author_id", "posts"."views", "posts"."slug"';
        const head = 'update "posts" set "views" = coalesce("accounts"."balance", 0) from "users" left join "accounts" on "accounts"."user_id" = "users"."id" where "posts"."author_id" = "users"."id" returning ';
        if (dialect === 'sqlite') {
          // SQLite's returning sees only the updated table, so returning() gives the posts alone (as Drizzle's SQLite builder does).
          expect(lastSql().sql).toBe(head + postCols);
          expect([...rows].sort((a, b) => a.id - b.id).map((r) => [r.id, r.views])).toEqual([
            [1, 500],
            [2, 500],
            [3, 50],
          ]);
          expect(() => db.update(posts).set({ views: 1 }).from(users).where(eq(posts.authorId, users.id)).returning({ id: posts.id, name: users.name }).toSQL()).toThrow(
            'sqlite: returning() of an update ... from can only name columns of "posts", not "users.name"',
          );
          return;
        }
        expect(lastSql().sql).toBe(
          `${head}${postCols}, "users"."id", "users"."name", "users"."email", "users"."age", "users"."verified", "users"."tags", "users"."invited_by", "users"."updated_at", "accounts"."user_id", "accounts"."balance"`,
        );
        const byId = [...rows].sort((a, b) => a.id - b.id);
        expect(byId.map((r) => ({ id: r.id, views: r.views, author: r.users.name, balance: r.accounts?.balance ?? null }))).toEqual([
          { id: 1, views: 500, author: 'Ann', balance: 500 },
          { id: 2, views: 500, author: 'Ann', balance: 500 },
          { id: 3, views: 50, author: 'Bob', balance: 50 },
        ]);
        // Cy has no account: the left-joined row comes back as null, not as an object of nulls.
        await db.insert(posts).values({ title: 'cy', authorId: 3 });
        const [cy] = await db.update(posts).set({ views: 7 }).from(users).leftJoin(accounts, eq(accounts.userId, users.id)).where(sql`${posts.authorId} = ${users.id} and ${users.id} = ${3}`).returning();
        expect(cy).toMatchObject({ title: 'cy', views: 7, users: { name: 'Cy' }, accounts: null });
        const inner = await db.update(posts).set({ views: 1 }).from(users).innerJoin(accounts, eq(accounts.userId, users.id)).where(eq(posts.authorId, users.id)).returning({ id: posts.id, balance: accounts.balance });
        expect(lastSql().sql).toBe('update "posts" set "views" = $1 from "users" inner join "accounts" on "accounts"."user_id" = "users"."id" where "posts"."author_id" = "users"."id" returning "posts"."id", "accounts"."balance"');
        expect([...inner].sort((a, b) => a.id - b.id)).toEqual([
          { id: 1, balance: 500 },
          { id: 2, balance: 500 },
          { id: 3, balance: 50 },
        ]);
      });
      it('needs from() before a join', () => {
        expect(() => db.update(posts).set({ views: 1 }).leftJoin(accounts, eq(accounts.userId, posts.authorId))).toThrow('update "posts": leftJoin() needs from() first');
      });
    });

    describe('CTEs on writes', () => {
      const annCte = () => db.$with('ann').as(db.select({ id: users.id }).from(users).where(eq(users.name, 'Ann')));
      it('keeps the WITH clause of db.with(cte).update() and .delete() (MySQL: MariaDB has no WITH there, refused by name)', async () => {
        const ann = annCte();
        const upd = db
          .with(ann)
          .update(posts)
          .set({ views: 0 })
          .where(inArray(posts.authorId, db.select({ id: ann.id }).from(ann)));
        const del = db
          .with(ann)
          .delete(posts)
          .where(inArray(posts.authorId, db.select({ id: ann.id }).from(ann)));
        if (dialect === 'mysql') {
          expect(() => upd.toSQL()).toThrow('mysql: db.with(...).update() is not supported');
          expect(() => del.toSQL()).toThrow('mysql: db.with(...).delete() is not supported');
          return;
        }
        const withSql = 'with "ann" as (select "id" from "users" where "users"."name" = $1) ';
        expect(upd.toSQL().sql).toBe(S(`${withSql}update "posts" set "views" = $2 where "posts"."author_id" in (select "id" from "ann")`));
        expect(del.toSQL().sql).toBe(S(`${withSql}delete from "posts" where "posts"."author_id" in (select "id" from "ann")`));
        await upd;
        expect((await postRows()).map((p) => p.views)).toEqual([0, 0, 5, 1]);
        await del;
        expect((await postRows()).map((p) => p.id)).toEqual([3, 4]);
      });
      it('keeps the WITH clause of db.with(cte).insert() (MySQL puts CTEs inside the select and says so)', async () => {
        const ann = annCte();
        const q = db
          .with(ann)
          .insert(accounts)
          .select(db.select({ userId: sql<number>`${ann.id} + 10`.as('userId'), balance: sql<number>`7`.as('balance') }).from(ann));
        if (dialect === 'mysql') {
          expect(() => q.toSQL()).toThrow('mysql: db.with(...).insert() is not supported');
          return;
        }
        await q;
        expect(lastSql().sql).toBe(S('with "ann" as (select "id" from "users" where "users"."name" = $1) insert into "accounts" ("user_id", "balance") select "ann"."id" + 10 as "userId", 7 as "balance" from "ann"'));
        expect(await db.select().from(accounts).orderBy(accounts.userId)).toEqual([
          { userId: 1, balance: 500 },
          { userId: 2, balance: 50 },
          { userId: 11, balance: 7 },
        ]);
      });
      it('names an insert, update or delete with returning() as a CTE (PostgreSQL only)', async () => {
        const ins = db.$with('ins').as(db.insert(users).values({ name: 'Eve', email: 'eve@x.io', invitedBy: 2 }).returning({ id: users.id, invitedBy: users.invitedBy }));
        const q = db.with(ins).select().from(ins);
        if (dialect !== 'pg') {
          expect(() => q.toSQL()).toThrow(`${dialect}: an insert, update or delete cannot be the body of a CTE ($with)`);
          return;
        }
        expect(await q).toEqual([{ id: 5, invitedBy: 2 }]);
        expect(lastSql().sql).toBe('with "ins" as (insert into "users" ("name", "email", "invited_by", "updated_at") values ($1, $2, $3, $4) returning "id", "invited_by") select "id", "invited_by" from "ins"');
        const upd = db.$with('upd').as(db.update(posts).set({ views: 99 }).where(eq(posts.authorId, 1)).returning());
        const changed = await db.with(upd).select({ id: upd.id, views: upd.views, authorId: upd.authorId }).from(upd).orderBy(upd.id);
        expect(changed).toEqual([
          { id: 1, views: 99, authorId: 1 },
          { id: 2, views: 99, authorId: 1 },
        ]);
        const del = db.$with('del').as(db.delete(posts).where(lt(posts.views, 10)).returning({ title: posts.title }));
        expect(await db.with(del).select().from(del).orderBy(del.title)).toEqual([{ title: 'orphan' }, { title: 'p3' }]);
        expect(await db.$count(posts)).toBe(2);
      });
      it('takes raw SQL as a CTE with the fields given to $with', async () => {
        const sq = db.$with('sq', { userId: users.id, data: { name: users.name } }).as(sql`select * from ${users} where ${users.name} = ${'Ann'}`);
        expect(await db.with(sq).select().from(sq)).toEqual([{ userId: 1, data: { name: 'Ann' } }]);
        expect(lastSql()).toEqual({ sql: S('with "sq" as (select * from "users" where "users"."name" = $1) select "id", "name" from "sq"'), params: ['Ann'] });
        const viaCallback = db.$with('sq2', { n: sql<number>`count(*)`.mapWith(Number).as('n') }).as(() => sql`select count(*) as n from ${posts}`);
        expect(await db.with(viaCallback).select({ n: viaCallback.n }).from(viaCallback)).toEqual([{ n: 4 }]);
        expect(() => db.$with('bad').as(sql`select 1` as never)).toThrow(SchemaError);
      });
    });

    describe('$onUpdate', () => {
      it('stands in for a default on insert, once per row, unless the column declares a default', async () => {
        stamps.n = 0;
        const rows = [{ name: 'a' }, { name: 'b', stamp: 'given' }, { name: 'c' }];
        await db.insert(touched).values(rows);
        // counter declares default(1), so its $onUpdateFn (which refers to the row) is not used on
        // insert; SQLite, without a DEFAULT keyword, writes that default itself.
        expect(lastSql()).toEqual({
          sql: D({
            pg: 'insert into "touched" ("name", "stamp", "always_null") values ($1, $2, $3), ($4, $5, $6), ($7, $8, $9)',
            sqlite: 'insert into "touched" ("name", "counter", "stamp", "always_null") values (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)',
            mysql: 'insert into `touched` (`name`, `stamp`, `always_null`) values (?, ?, ?), (?, ?, ?), (?, ?, ?)',
          }),
          params: D({
            pg: ['a', 's1', null, 'b', 'given', null, 'c', 's2', null],
            sqlite: ['a', 1, 's1', null, 'b', 1, 'given', null, 'c', 1, 's2', null],
            mysql: ['a', 's1', null, 'b', 'given', null, 'c', 's2', null],
          }),
        });
        expect(await db.select().from(touched).orderBy(touched.id)).toEqual([
          { id: 1, name: 'a', counter: 1, stamp: 's1', alwaysNull: null },
          { id: 2, name: 'b', counter: 1, stamp: 'given', alwaysNull: null },
          { id: 3, name: 'c', counter: 1, stamp: 's2', alwaysNull: null },
        ]);
      });
      it('is evaluated once per update statement that does not set it; a value given wins', async () => {
        await db.insert(touched).values([
          { name: 'a', alwaysNull: 'x' },
          { name: 'b', alwaysNull: 'y' },
        ]);
        stamps.n = 10;
        await db.update(touched).set({ name: sql`upper(${touched.name})` });
        expect(lastSql()).toEqual({ sql: S('update "touched" set "name" = upper("name"), "counter" = counter + 1, "stamp" = $1, "always_null" = $2 where true'.replace(' where true', '')), params: ['s11', null] });
        expect(stamps.n).toBe(11);
        await db.update(touched).set({ stamp: 'mine' }).where(eq(touched.id, 2));
        expect(await db.select().from(touched).orderBy(touched.id)).toEqual([
          { id: 1, name: 'A', counter: 2, stamp: 's11', alwaysNull: null },
          { id: 2, name: 'B', counter: 3, stamp: 'mine', alwaysNull: null },
        ]);
        expect(stamps.n).toBe(11);
      });
    });

    describe('rows of defaults', () => {
      it('inserts one row or several that take every default', async () => {
        await db.insert(defaulted).values({});
        // SQLite has no DEFAULT keyword in VALUES: the declared default of label is written instead.
        expect(lastSql()).toEqual(
          D({
            pg: { sql: 'insert into "defaulted" default values', params: [] },
            sqlite: { sql: 'insert into "defaulted" ("label") values (?)', params: ['x'] },
            mysql: { sql: 'insert into `defaulted` () values ()', params: [] },
          }),
        );
        await db.insert(defaulted).values([{}, {}, {}]);
        expect(lastSql().sql).toBe(
          D({
            pg: 'insert into "defaulted" ("id") values (default), (default), (default)',
            sqlite: 'insert into "defaulted" ("label") values (?), (?), (?)',
            mysql: 'insert into `defaulted` (`id`) values (default), (default), (default)',
          }),
        );
        expect(await db.select().from(defaulted).orderBy(defaulted.id)).toEqual([1, 2, 3, 4].map((id) => ({ id, label: 'x' })));
      });
    });

    describe('conflict clauses', () => {
      it('keeps every chained clause on SQLite; elsewhere the last one wins, as in Drizzle', async () => {
        const q = db
          .insert(accounts)
          .values({ userId: 1, balance: 1 })
          .onConflictDoUpdate({ target: accounts.userId, set: { balance: sql`${accounts.balance} + 1` } })
          .onConflictDoNothing();
        await q;
        expect(lastSql().sql).toBe(
          D({
            pg: 'insert into "accounts" ("user_id", "balance") values ($1, $2) on conflict do nothing',
            sqlite: 'insert into "accounts" ("user_id", "balance") values (?, ?) on conflict ("user_id") do update set "balance" = "accounts"."balance" + 1 on conflict do nothing',
            mysql: 'insert into `accounts` (`user_id`, `balance`) values (?, ?) on duplicate key update `user_id` = `user_id`',
          }),
        );
        // On SQLite the first clause applies to the conflicting key; elsewhere nothing happens.
        expect(await db.select().from(accounts).where(eq(accounts.userId, 1))).toEqual([{ userId: 1, balance: D({ pg: 500, sqlite: 501, mysql: 500 }) }]);
      });
    });

    describe('errors of misused writes', () => {
      it('rejects set() with nothing but undefined, as "no values to set"', () => {
        expect(() => db.update(users).set({ age: undefined })).toThrow('update "users": no values to set');
        expect(() => db.update(users).set({})).toThrow(SchemaError);
      });
      it('names an unknown key of values() or set() before anything is sent (Drizzle ignores it); a key whose value is undefined is allowed', async () => {
        expect(() =>
          db
            .insert(users)
            .values({ name: 'n', emial: 'e@x.io' } as never)
            .toSQL(),
        ).toThrow('insert into "users": missing value for not-null column "email" in row 0 (the row has an unknown key "emial": not columns of the table)');
        const sent = log.last.length;
        const extra = { name: 'Eve', email: 'eve@x.io', nickname: 'ev' };
        await expect(db.insert(users).values(extra)).rejects.toThrow('insert into "users": users has no column "nickname" (values() row 0)');
        expect(log.last.length).toBe(sent);
        await db.insert(users).values({ name: 'Eve', email: 'eve@x.io', nickname: undefined } as never);
        expect(lastSql().sql).toBe(dialect === 'sqlite' ? 'insert into "users" ("name", "email", "verified", "updated_at") values (?, ?, ?, ?)' : S('insert into "users" ("name", "email", "updated_at") values ($1, $2, $3)'));
        expect(await db.select({ name: users.name }).from(users).where(eq(users.email, 'eve@x.io'))).toEqual([{ name: 'Eve' }]);
        expect(() =>
          db
            .update(users)
            .set({ nmae: 'x' } as never)
            .toSQL(),
        ).toThrow('update "users": users has no column "nmae" (set()); did you mean "name"?');
      });
      it('names the operator when its column is undefined (plain JavaScript, misspelt column)', () => {
        const missing = (users as unknown as Record<string, typeof users.id>).nmae!;
        expect(() => eq(missing, 1)).toThrow('eq(): the column or expression is undefined');
        expect(() => ne(missing, 1)).toThrow('ne(): the column or expression is undefined');
        expect(() => gt(missing, 1)).toThrow('gt(): the column or expression is undefined');
        expect(() => lt(missing, 1)).toThrow('lt(): the column or expression is undefined');
        expect(() => between(missing, 1, 2)).toThrow('between(): the column or expression is undefined');
        expect(() => like(missing, 'a')).toThrow('like(): the column or expression is undefined');
        expect(() => ilike(missing, 'a')).toThrow('ilike(): the column or expression is undefined');
        expect(() => inArray(missing, [1])).toThrow('inArray(): the column or expression is undefined');
        expect(() => notInArray(missing, [1])).toThrow('notInArray(): the column or expression is undefined');
        expect(() => inArray(users.id, undefined as never)).toThrow('inArray(): the values are undefined');
        expect(() => isNull(missing)).toThrow('isNull(): the column or expression is undefined');
        expect(() => isNotNull(missing)).toThrow('isNotNull(): the column or expression is undefined');
        expect(() => asc(missing)).toThrow('asc(): the column or expression is undefined');
        expect(() => desc(missing)).toThrow('desc(): the column or expression is undefined');
      });
    });

    describe('raw execution of builders', () => {
      it("runs a builder given to db.execute() (or SQLite's all/get/values/run) as its own statement, unmapped", async () => {
        const select = db.select({ id: users.id, invitedBy: users.invitedBy }).from(users).where(eq(users.id, 2));
        if (dialect === 'sqlite') {
          const raw = db as unknown as {
            all(q: unknown): Promise<unknown[]>;
            get(q: unknown): Promise<unknown>;
            values(q: unknown): Promise<unknown[][]>;
            run(q: unknown): Promise<unknown>;
          };
          // Raw rows keep the database's column names, as Drizzle's db.all() does.
          expect(await raw.all(select)).toEqual([{ id: 2, invited_by: 1 }]);
          expect(lastSql()).toEqual({ sql: 'select "id", "invited_by" from "users" where "users"."id" = ?', params: [2] });
          expect(await raw.get(select)).toEqual({ id: 2, invited_by: 1 });
          expect(await raw.values(select)).toEqual([[2, 1]]);
          await raw.run(db.delete(posts).where(eq(posts.id, 4)));
          expect(lastSql()).toEqual({ sql: 'delete from "posts" where "posts"."id" = ?', params: [4] });
          expect(await raw.all(db.insert(accounts).values({ userId: 7, balance: 1 }).returning())).toEqual([{ user_id: 7, balance: 1 }]);
        } else {
          const res = await db.execute(select);
          expect(lastSql()).toEqual({ sql: S('select "id", "invited_by" from "users" where "users"."id" = $1'), params: [2] });
          const rows = (Array.isArray(res) ? (dialect === 'mysql' ? res[0] : res) : (res as { rows: unknown[] }).rows) as unknown[];
          expect(rows).toEqual([{ id: 2, invited_by: 1 }]);
          await db.execute(db.delete(posts).where(eq(posts.id, 4)));
          expect(lastSql()).toEqual({ sql: S('delete from "posts" where "posts"."id" = $1'), params: [4] });
          if (dialect === 'pg') {
            const inserted = await db.execute(db.insert(accounts).values({ userId: 7, balance: 1 }).returning());
            expect(Array.isArray(inserted) ? inserted : (inserted as { rows: unknown[] }).rows).toEqual([{ user_id: 7, balance: 1 }]);
          }
        }
        expect(await db.$count(posts)).toBe(3);
      });
    });

    describe('insert ignore', () => {
      it("takes ignore() before values(), as Drizzle's MySQL builder does (MySQL only)", async () => {
        const q = () => (db.insert(accounts) as unknown as { ignore(): { values(v: object): { toSQL(): unknown } & PromiseLike<unknown> } }).ignore().values({ userId: 1, balance: 9 });
        if (dialect !== 'mysql') {
          expect(() => q().toSQL()).toThrow(`${db.dialect.name}: insert ... ignore() is not supported`);
          return;
        }
        await q();
        expect(lastSql().sql).toBe('insert ignore into `accounts` (`user_id`, `balance`) values (?, ?)');
        expect(await db.select().from(accounts).where(eq(accounts.userId, 1))).toEqual([{ userId: 1, balance: 500 }]);
      });
    });

    describe('insert from a select', () => {
      it('takes the select from a callback that receives a query builder', async () => {
        await db.insert(accounts).select((qb) =>
          qb
            .select({ userId: users.id, balance: sql<number>`0`.as('balance') })
            .from(users)
            .where(gt(users.id, 2)),
        );
        expect(lastSql().sql).toBe(S('insert into "accounts" ("user_id", "balance") select "id", 0 as "balance" from "users" where "users"."id" > $1'));
        expect(await db.$count(accounts)).toBe(4);
      });

      it('refuses a select whose fields are not the columns in order, before anything is written', async () => {
        const before = await db.$count(accounts);
        const swapped = db.select({ balance: sql<number>`0`.as('balance'), userId: users.id }).from(users);
        expect(() => db.insert(accounts).select(swapped)).toThrow(`insert into "accounts" ... select: the select's fields (balance, userId) must be the table's columns in order (userId, balance)`);
        expect(() => db.insert(accounts).select((qb) => qb.select({ userId: users.id }).from(users))).toThrow("the select's fields (userId) must be the table's columns in order");
        expect(await db.$count(accounts)).toBe(before);
      });
    });

    describe('overriding system value', () => {
      it('writes a value for a generated always identity only with overridingSystemValue() (PostgreSQL only; CockroachDB has none)', async () => {
        if (!db.dialect.supportsOverridingSystemValue) {
          expect(() => db.insert(accounts).overridingSystemValue().values({ userId: 9, balance: 1 }).toSQL()).toThrow(`${db.dialect.name}: overridingSystemValue() is not supported`);
          return;
        }
        await db.insert(ident).values({ name: 'auto' });
        await db.insert(ident).overridingSystemValue().values({ id: 50, name: 'given' });
        expect(lastSql()).toEqual({ sql: 'insert into "ident" ("id", "name") overriding system value values ($1, $2)', params: [50, 'given'] });
        expect(() =>
          db
            .insert(ident)
            .values({ id: 7, name: 'x' } as never)
            .toSQL(),
        ).toThrow('insert into "ident": column "id" is generated always as identity; use insert(...).overridingSystemValue() to give it a value');
        expect(await db.select().from(ident).orderBy(ident.id)).toEqual([
          { id: 1, name: 'auto' },
          { id: 50, name: 'given' },
        ]);
      });
    });
  });
}
