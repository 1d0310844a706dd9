/**
 * What only SQLite has, on better-sqlite3 (synchronous and awaited) and libsql: column modes,
 * `limit -1`, savepoint SQL, libsql batches and views. The shared behaviour suite in
 * `test/behaviour/` runs every builder and relational case on these drivers too.
 */
import { describe, expect, it } from 'vitest';
import { count, eq, gt, relations, sql, SluiceQueryError, TransactionRollbackError, type Logger } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { blob, integer, numeric, primaryKey, real, sqliteTable, text, type AnySQLiteColumn } from 'sluice/sqlite-core';

const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
  seenAt: integer('seen_at', { mode: 'timestamp_ms' }),
  meta: text('meta', { mode: 'json' }).$type<{ tags: string[] }>(),
  role: text('role', { enum: ['guest', 'admin'] }).default('guest'),
  invitedBy: integer('invited_by').references((): AnySQLiteColumn => users.id),
});
const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').references(() => users.id),
  score: real('score'),
  price: numeric('price'),
  data: blob('data'),
  doc: blob('doc', { mode: 'json' }).$type<{ n: number }>(),
  big: blob('big', { mode: 'bigint' }),
});
const usersRelations = relations(users, ({ many, one }) => ({
  posts: many(posts),
  invitee: one(users, { fields: [users.invitedBy], references: [users.id] }),
}));
const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));
const schema = { users, posts, usersRelations, postsRelations };

const DDL = [
  `create table users (id integer primary key autoincrement, name text not null, email text not null unique, verified integer not null default 0,
    created_at integer not null default (unixepoch()), seen_at integer, meta text, role text default 'guest', invited_by integer references users(id))`,
  `create table posts (id integer primary key, title text not null, author_id integer references users(id), score real, price numeric, data blob, doc blob, big blob)`,
];

class Log implements Logger {
  queries: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params: unknown[]): void {
    this.queries.push({ sql, params });
  }
}

// Both drivers serve the same awaited API; the shared cases use it (better-sqlite3's synchronous
// methods have their own block below).
type AwaitedDb = ReturnType<typeof libsql<typeof schema>>;
const targets: Record<string, (logger: Logger) => AwaitedDb> = {
  'better-sqlite3': (logger) => betterSqlite({ schema, logger }) as unknown as AwaitedDb,
  libsql: (logger) => libsql({ connection: ':memory:', schema, logger }),
};

for (const [name, open] of Object.entries(targets)) {
  describe(`sqlite on ${name}`, () => {
    const setup = async () => {
      const log = new Log();
      const db = open(log);
      for (const ddl of DDL) await db.run(sql.raw(ddl));
      log.queries = [];
      return { db, log };
    };

    it("inserts with returning, writing the schema's defaults for columns left out, and decodes every mode", async () => {
      const { db, log } = await setup();
      const seen = new Date('2024-05-06T07:08:09.123Z');
      const [ann] = await db
        .insert(users)
        .values({ name: 'Ann', email: 'a@x', seenAt: seen, meta: { tags: ['x'] } })
        .returning();
      expect(log.queries[0]).toEqual({
        // SQLite has no DEFAULT keyword: a declared default is written, a value bound and SQL inline.
        sql: 'insert into "users" ("name", "email", "verified", "created_at", "seen_at", "meta", "role") values (?, ?, ?, (unixepoch()), ?, ?, ?) returning "id", "name", "email", "verified", "created_at", "seen_at", "meta", "role", "invited_by"',
        params: ['Ann', 'a@x', 0, seen.getTime(), '{"tags":["x"]}', 'guest'],
      });
      expect(ann).toMatchObject({ id: 1, name: 'Ann', verified: false, seenAt: seen, meta: { tags: ['x'] }, role: 'guest', invitedBy: null });
      expect(ann!.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(ann!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);

      // Rows that give different columns take the same defaults.
      await db.insert(users).values([
        { name: 'Bob', email: 'b@x', verified: true, role: 'admin' },
        { name: 'Cy', email: 'c@x', invitedBy: 1 },
      ]);
      expect(log.queries[1]!.sql).toBe('insert into "users" ("name", "email", "verified", "created_at", "role", "invited_by") values (?, ?, ?, (unixepoch()), ?, ?), (?, ?, ?, (unixepoch()), ?, ?)');
      expect(log.queries[1]!.params).toEqual(['Bob', 'b@x', 1, 'admin', null, 'Cy', 'c@x', 0, 'guest', 1]);

      await db.insert(posts).values({ title: 'p', authorId: 1, score: 1.5, price: '12.50', data: Buffer.from('hi'), doc: { n: 2 }, big: 9007199254740993n });
      const [p] = await db.select().from(posts);
      expect(p).toEqual({ id: 1, title: 'p', authorId: 1, score: 1.5, price: '12.5', data: Buffer.from('hi'), doc: { n: 2 }, big: 9007199254740993n });
      const verified = await db.select({ name: users.name }).from(users).where(eq(users.verified, true));
      expect(verified).toEqual([{ name: 'Bob' }]);
    });

    it('selects, joins, aggregates and pages with SQLite SQL', async () => {
      const { db, log } = await setup();
      await db.insert(users).values([
        { name: 'Ann', email: 'a@x' },
        { name: 'Bob', email: 'b@x', invitedBy: 1 },
      ]);
      await db.insert(posts).values([
        { title: 'p1', authorId: 1 },
        { title: 'p2', authorId: 1 },
      ]);
      log.queries = [];
      const rows = await db
        .select({ name: users.name, posts: count(posts.id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users.id))
        .groupBy(users.id)
        .having(({ posts: n }) => gt(n, 0))
        .orderBy(users.id)
        .limit(10)
        .offset(0);
      expect(log.queries[0]!.sql).toBe(
        'select "users"."name", count("posts"."id") from "users" left join "posts" on "posts"."author_id" = "users"."id" group by "users"."id" having count("posts"."id") > ? order by "users"."id" limit ? offset ?',
      );
      expect(rows).toEqual([{ name: 'Ann', posts: 2 }]);
      const skipped = await db.select({ id: users.id }).from(users).orderBy(users.id).offset(1);
      expect(log.queries[1]!.sql).toBe('select "id" from "users" order by "users"."id" limit -1 offset ?');
      expect(skipped).toEqual([{ id: 2 }]);
      const full = await db.select().from(users).fullJoin(posts, eq(posts.authorId, users.id)).where(eq(users.name, 'Bob'));
      expect(full).toHaveLength(1);
      expect(full[0]!.posts).toBeNull();
    });

    it('rolls back, nests savepoints and returns the callback value', async () => {
      const { db, log } = await setup();
      await expect(
        db.transaction(async (tx) => {
          await tx.insert(users).values({ name: 'T', email: 't@x' });
          tx.rollback();
        }),
      ).rejects.toBeInstanceOf(TransactionRollbackError);
      expect(await db.$count(users)).toBe(0);
      log.queries = [];
      const n = await db.transaction(async (tx) => {
        await tx.insert(users).values({ name: 'A', email: 'a@x' });
        await tx
          .transaction(async (t2) => {
            await t2.insert(users).values({ name: 'B', email: 'b@x' });
            throw new Error('inner');
          })
          .catch(() => undefined);
        return tx.$count(users);
      });
      expect(n).toBe(1);
      expect(log.queries.map((q) => q.sql)).toContain('rollback to savepoint sp1');
      await expect(db.insert(users).values({ name: 'A', email: 'a@x' })).rejects.toBeInstanceOf(SluiceQueryError);
      await expect((async () => db.transaction(async () => undefined, { isolationLevel: 'serializable' }))()).rejects.toThrow(/sqlite: transactions take only/);
    });

    it('runs relational queries in one statement with decoded nested values', async () => {
      const { db, log } = await setup();
      await db.insert(users).values([
        { name: 'Ann', email: 'a@x', verified: true },
        { name: 'Bob', email: 'b@x', invitedBy: 1 },
      ]);
      await db.insert(posts).values([
        { title: 'p1', authorId: 1, data: Buffer.from('zz'), doc: { n: 1 } },
        { title: 'p2', authorId: 1 },
      ]);
      log.queries = [];
      const rows = await db.query.users.findMany({
        orderBy: (u, { asc }) => asc(u.id),
        columns: { name: true, verified: true },
        with: { posts: { columns: { title: true, data: true, doc: true }, orderBy: (p, { desc }) => desc(p.id) }, invitee: { columns: { name: true, verified: true } } },
      });
      expect(log.queries).toHaveLength(1);
      expect(rows).toEqual([
        {
          name: 'Ann',
          verified: true,
          invitee: null,
          posts: [
            { title: 'p2', data: null, doc: null },
            { title: 'p1', data: Buffer.from('zz'), doc: { n: 1 } },
          ],
        },
        { name: 'Bob', verified: false, invitee: { name: 'Ann', verified: true }, posts: [] },
      ]);
    });
  });
}

describe('better-sqlite3 synchronous API', () => {
  it('runs .all() .get() .values() .run() and transactions synchronously', () => {
    const db = betterSqlite({ schema });
    for (const ddl of DDL) db.run(sql.raw(ddl));
    const res = db.insert(users).values({ name: 'Ann', email: 'a@x' }).run();
    expect(res.changes).toBe(1);
    expect(db.select({ name: users.name }).from(users).all()).toEqual([{ name: 'Ann' }]);
    expect(db.select({ name: users.name }).from(users).where(eq(users.id, 2)).get()).toBeUndefined();
    expect(db.select({ id: users.id, name: users.name }).from(users).values()).toEqual([[1, 'Ann']]);
    const total = db.transaction((tx) => {
      tx.insert(users).values({ name: 'Bob', email: 'b@x' }).run();
      return tx.select({ id: users.id }).from(users).all().length;
    });
    expect(total).toBe(2);
    expect(() =>
      db.transaction((tx) => {
        tx.insert(users).values({ name: 'Cy', email: 'c@x' }).run();
        tx.rollback();
      }),
    ).toThrow(TransactionRollbackError);
    expect(db.get<{ n: number }>(sql`select count(*) as n from users`)).toEqual({ n: 2 });
    const prepared = db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare();
    expect(prepared.all({ id: 2 })).toHaveLength(1);
  });
});

describe('better-sqlite3 reads that can return one row at most', () => {
  // An awaited select by a single-column primary key (or with limit 1) steps the statement once;
  // every other select must still return all of its rows.
  const members = sqliteTable('members', { groupId: integer('group_id').notNull(), userId: integer('user_id').notNull() }, (t) => [primaryKey({ columns: [t.groupId, t.userId] })]);
  const setup = () => {
    const db = betterSqlite({ schema: { ...schema, members } });
    for (const ddl of DDL) db.run(sql.raw(ddl));
    db.run(sql.raw('create table members (group_id integer not null, user_id integer not null, primary key (group_id, user_id))'));
    db.insert(users)
      .values([
        { name: 'Ann', email: 'a@x' },
        { name: 'Bob', email: 'b@x', invitedBy: 1 },
        { name: 'Cy', email: 'c@x', invitedBy: 1 },
      ])
      .run();
    db.insert(members)
      .values([
        { groupId: 1, userId: 1 },
        { groupId: 1, userId: 2 },
        { groupId: 2, userId: 1 },
      ])
      .run();
    return db;
  };

  it('returns the row selected by primary key, or none', async () => {
    const db = setup();
    expect(await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, 2))).toEqual([{ id: 2, name: 'Bob' }]);
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, 9))).toEqual([]);
    expect(await db.select({ id: users.id }).from(users).orderBy(users.id).limit(1)).toEqual([{ id: 1 }]);
  });

  it('returns every row when a key column alone is not unique or is compared with a column', async () => {
    const db = setup();
    // One column of a composite key.
    expect(await db.select().from(members).where(eq(members.groupId, 1)).orderBy(members.userId)).toEqual([
      { groupId: 1, userId: 1 },
      { groupId: 1, userId: 2 },
    ]);
    // The key equal to another column, not to a value.
    expect(await db.select({ id: users.id }).from(users).where(eq(users.invitedBy, users.invitedBy)).orderBy(users.id)).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await db.select({ id: users.id }).from(users).where(eq(sql`1`, 1)).orderBy(users.id)).toHaveLength(3);
    // A join can repeat the key's row.
    expect(await db.select({ id: users.id }).from(users).innerJoin(members, eq(members.userId, users.id)).where(eq(users.id, 1))).toHaveLength(2);
  });
});

describe('libsql batch', () => {
  it('runs several statements in one transaction and shapes each result', async () => {
    const db = libsql({ connection: ':memory:', schema });
    for (const ddl of DDL) await db.run(sql.raw(ddl));
    const [inserted, all, n] = await db.batch([db.insert(users).values({ name: 'Ann', email: 'a@x' }).returning({ id: users.id }), db.select({ name: users.name }).from(users), db.$count(users)]);
    expect(inserted).toEqual([{ id: 1 }]);
    expect(all).toEqual([{ name: 'Ann' }]);
    expect(n).toBe(1);
    await expect(db.batch([db.insert(users).values({ name: 'B', email: 'b@x' }), db.insert(users).values({ name: 'A', email: 'a@x' })])).rejects.toBeInstanceOf(SluiceQueryError);
    expect(await db.$count(users)).toBe(1);
  });
});

describe('sqlite views', () => {
  it('selects from a view defined by a query', async () => {
    const { sqliteView } = await import('sluice/sqlite-core');
    const verified = sqliteView('verified_users').as((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(eq(users.verified, true)));
    const db = betterSqlite();
    for (const ddl of DDL) db.run(sql.raw(ddl));
    db.run(sql`create view verified_users as select id, name from users where verified = 1`);
    db.insert(users)
      .values([
        { name: 'Ann', email: 'a@x', verified: true },
        { name: 'Bob', email: 'b@x' },
      ])
      .run();
    expect(db.select().from(verified).all()).toEqual([{ id: 1, name: 'Ann' }]);
    expect(db.select({ n: count() }).from(verified).where(eq(verified.name, 'Bob')).get()).toEqual({ n: 0 });
  });
});

describe('seed relation examples on SQLite', () => {
  it('one-to-one (v1) and many-to-many through a junction (v2), one statement each', async () => {
    const { defineRelations } = await import('sluice');
    const { primaryKey } = await import('sluice/sqlite-core');
    const people = sqliteTable('people', { id: integer('id').primaryKey(), name: text('name').notNull() });
    const profiles = sqliteTable('profiles', {
      id: integer('id').primaryKey(),
      userId: integer('user_id')
        .references(() => people.id)
        .unique(),
      bio: text('bio'),
    });
    const groups = sqliteTable('groups', { id: integer('id').primaryKey(), name: text('name').notNull() });
    const peopleToGroups = sqliteTable('people_to_groups', { userId: integer('user_id').notNull(), groupId: integer('group_id').notNull() }, (t) => [primaryKey({ columns: [t.userId, t.groupId] })]);
    const peopleRelations = relations(people, ({ one }) => ({ profile: one(profiles) }));
    const profilesRelations = relations(profiles, ({ one }) => ({ user: one(people, { fields: [profiles.userId], references: [people.id] }) }));
    const log = new Log();
    const db = betterSqlite({ schema: { people, profiles, peopleRelations, profilesRelations }, logger: log });
    for (const ddl of [
      'create table people (id integer primary key, name text not null)',
      'create table profiles (id integer primary key, user_id integer unique references people(id), bio text)',
      'create table groups (id integer primary key, name text not null)',
      'create table people_to_groups (user_id integer not null, group_id integer not null, primary key (user_id, group_id))',
      "insert into people (name) values ('Ann'), ('Bob')",
      "insert into profiles (user_id, bio) values (2, 'bob bio')",
      "insert into groups (name) values ('admins'), ('everyone')",
      'insert into people_to_groups values (1, 1), (1, 2), (2, 2)',
    ])
      db.run(sql.raw(ddl));
    log.queries = [];
    expect(await db.query.people.findMany({ with: { profile: { columns: { bio: true } } }, orderBy: (p, { asc }) => asc(p.id) })).toEqual([
      { id: 1, name: 'Ann', profile: null },
      { id: 2, name: 'Bob', profile: { bio: 'bob bio' } },
    ]);
    const rels = defineRelations({ people, groups, peopleToGroups }, (r) => ({
      people: { groups: r.many.groups({ from: r.people.id.through(r.peopleToGroups.userId), to: r.groups.id.through(r.peopleToGroups.groupId) }) },
      groups: { participants: r.many.people() },
    }));
    const db2 = betterSqlite({ client: db.$client, relations: rels, logger: log });
    expect(await db2.query.groups.findMany({ with: { participants: { columns: { name: true }, orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } })).toEqual([
      { id: 1, name: 'admins', participants: [{ name: 'Ann' }] },
      { id: 2, name: 'everyone', participants: [{ name: 'Ann' }, { name: 'Bob' }] },
    ]);
    expect(await db2.query.people.findMany({ columns: { name: true }, where: { groups: { name: 'admins' } } })).toEqual([{ name: 'Ann' }]);
    expect(log.queries).toHaveLength(3);
  });
});
