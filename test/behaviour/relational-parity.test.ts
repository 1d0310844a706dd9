/**
 * Relational queries as Drizzle users write them, on every target: filters, orders and extras
 * written against the table object at any level (re-pointed at that level's alias, the root
 * included), `columns: {}`, opaque order expressions in paged relations, placeholders in
 * `where` and `limit`, deterministic SQL, and better-sqlite3's `.sync()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, defineRelations, desc, eq, gt, relations, sql } from 'sluice';
import { behaviourTargets, openBehaviourTarget, sqlFor, type BehaviourTarget } from '../support/behaviour.js';
import { relationSchema, type RelationTables } from '../support/relation-schema.js';

function relationsOf({ users, profiles, posts, groups, usersToGroups }: RelationTables) {
  const usersRelations = relations(users, ({ one, many }) => ({
    posts: many(posts, { relationName: 'author' }),
    reviews: many(posts, { relationName: 'reviewer' }),
    usersToGroups: many(usersToGroups),
    profile: one(profiles),
    invitee: one(users, { fields: [users.invitedBy], references: [users.id] }),
  }));
  const profilesRelations = relations(profiles, ({ one }) => ({
    user: one(users, { fields: [profiles.userId], references: [users.id] }),
  }));
  const postsRelations = relations(posts, ({ one }) => ({
    author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'author' }),
    reviewer: one(users, { fields: [posts.reviewerId], references: [users.id], relationName: 'reviewer' }),
  }));
  const groupsRelations = relations(groups, ({ many }) => ({ usersToGroups: many(usersToGroups) }));
  const usersToGroupsRelations = relations(usersToGroups, ({ one }) => ({
    user: one(users, { fields: [usersToGroups.userId], references: [users.id] }),
    group: one(groups, { fields: [usersToGroups.groupId], references: [groups.id] }),
  }));
  const schema = { users, profiles, posts, groups, usersToGroups, usersRelations, profilesRelations, postsRelations, groupsRelations, usersToGroupsRelations };
  const v2 = defineRelations({ users, posts }, (r) => ({
    users: {
      posts: r.many.posts({ from: r.users.id, to: r.posts.authorId }),
      // A relation with a filter of its own, always applied.
      reviewedPosts: r.many.posts({ from: r.users.id, to: r.posts.reviewerId, where: { title: { like: 'p%' } } }),
    },
    posts: { author: r.one.users({ from: r.posts.authorId, to: r.users.id }) },
  }));
  return { schema, v2 };
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`relational query parity on ${name}`, () => {
    const { tables, ddl } = relationSchema(dialect);
    const { users, posts, usersToGroups } = tables;
    const { schema, v2 } = relationsOf(tables);
    const S = (pgText: string) => sqlFor(dialect, pgText);
    let target: BehaviourTarget;
    let db: Awaited<ReturnType<typeof open>>;
    let db2: Awaited<ReturnType<typeof open2>>;
    const open = () => target.open({ schema });
    const open2 = () => target.open({ relations: v2 });

    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      db = await open();
      db2 = await open2();
    });
    afterAll(() => target.close());

    it('re-points where/orderBy written against the table object at the alias of a with level', async () => {
      const query = db.query.users.findMany({
        columns: { name: true },
        orderBy: [asc(users.id)],
        with: {
          usersToGroups: { where: eq(usersToGroups.groupId, 2), columns: {}, with: { group: { columns: { name: true } } } },
          posts: { columns: { title: true }, orderBy: [desc(posts.id)] },
        },
      });
      expect(query.toSQL().sql).toContain(S('"usersToGroups1"."group_id" = $2'));
      expect(query.toSQL().sql).not.toContain(S('"users_to_groups"."group_id"'));
      expect(await query).toEqual([
        { name: 'Ann', usersToGroups: [{ group: { name: 'users' } }], posts: [{ title: 'p2' }, { title: 'p1' }] },
        { name: 'Bob', usersToGroups: [{ group: { name: 'users' } }], posts: [{ title: 'p3' }] },
        { name: 'Cy', usersToGroups: [], posts: [] },
      ]);
    });

    it('re-points the table object inside callback forms, in paged relations and on self relations', async () => {
      const rows = await db.query.users.findMany({
        columns: { name: true },
        orderBy: (u, { asc }) => asc(u.id),
        limit: 3,
        with: {
          posts: { columns: { title: true }, where: (_p, { gt }) => gt(posts.id, 1), orderBy: () => [desc(posts.id)], limit: 1 },
          // A self relation: `users` here is the invitee, not the row that invited.
          invitee: { columns: { name: true }, where: eq(users.name, 'Ann') },
        },
      });
      expect(rows).toEqual([
        { name: 'Ann', posts: [{ title: 'p2' }], invitee: null },
        { name: 'Bob', posts: [{ title: 'p3' }], invitee: { name: 'Ann' } },
        { name: 'Cy', posts: [], invitee: null },
      ]);
    });

    it('selects no column for columns: {}, and only the extras with them', async () => {
      const onlyExtras = await db.query.users.findMany({
        columns: {},
        extras: { shout: sql<string>`upper(${users.name})`.as('shout') },
        orderBy: [asc(users.id)],
      });
      expect(onlyExtras).toEqual([{ shout: 'ANN' }, { shout: 'BOB' }, { shout: 'CY' }]);
      const junction = await db.query.groups.findFirst({
        columns: { name: true },
        where: (g, { eq }) => eq(g.id, 2),
        with: { usersToGroups: { columns: {}, orderBy: [asc(usersToGroups.userId)], with: { user: { columns: { name: true } } } } },
      });
      expect(junction).toEqual({ name: 'users', usersToGroups: [{ user: { name: 'Ann' } }, { user: { name: 'Bob' } }] });
    });

    it('throws naming the table when a level selects nothing', async () => {
      expect(() => db.query.users.findMany({ columns: {} }).toSQL()).toThrow('db.query.users: no fields selected for table "users"');
      expect(() => db.query.users.findMany({ columns: { id: false, name: false, invitedBy: false } }).toSQL()).toThrow(/no fields selected for table "users"/);
      expect(() => db.query.users.findMany({ with: { posts: { columns: {} } } }).toSQL()).toThrow('db.query.users.posts: no fields selected for table "posts"');
      await expect(db.query.users.findMany({ columns: {} })).rejects.toThrow(/no fields selected/);
      expect(() => db.query.users.findMany({ with: { posts: { extras: { n: 1 as never } } } }).toSQL()).toThrow('db.query.users.posts: extras "n" is not an SQL expression');
    });

    it('aliases the root, so a correlated exists on the same table compares with the outer row', async () => {
      expect(db.query.users.findMany({ columns: { id: true }, where: eq(users.id, 1) }).toSQL()).toEqual({
        sql: S('select "users0"."id" from "users" "users0" where "users0"."id" = $1'),
        params: [1],
      });
      const invited = await db.query.users.findMany({
        columns: { name: true },
        where: (u, { exists }) => exists(db.select({ id: users.id }).from(users).where(eq(users.id, u.invitedBy))),
        orderBy: [asc(users.id)],
        with: { posts: { columns: { title: true } } },
      });
      expect(invited).toEqual([
        { name: 'Bob', posts: [{ title: 'p3' }] },
        { name: 'Cy', posts: [] },
      ]);
      const root = await db.query.users.findMany({
        columns: { id: true },
        where: gt(users.id, 1),
        orderBy: [desc(users.id)],
        extras: { shout: sql<string>`upper(${users.name})`.as('shout') },
      });
      expect(root).toEqual([
        { id: 3, shout: 'CY' },
        { id: 2, shout: 'BOB' },
      ]);
    });

    it('orders a paged relation by any expression, its own direction included', async () => {
      const query = db.query.users.findMany({
        columns: { name: true },
        orderBy: [asc(users.id)],
        with: { posts: { columns: { title: true }, orderBy: (p) => sql`${p.id} DESC`, limit: 2, offset: 1 } },
      });
      expect(query.toSQL().sql).not.toContain('DESC as');
      expect(await query).toEqual([
        { name: 'Ann', posts: [{ title: 'p1' }] },
        { name: 'Bob', posts: [] },
        { name: 'Cy', posts: [] },
      ]);
      const twoKeys = await db.query.users.findFirst({
        columns: { name: true },
        where: eq(users.id, 1),
        with: { posts: { columns: { title: true }, orderBy: (p) => [sql`case when ${p.reviewerId} is null then 0 else 1 end`, desc(p.id)], limit: 2 } },
      });
      expect(twoKeys).toEqual({ name: 'Ann', posts: [{ title: 'p2' }, { title: 'p1' }] });
    });

    it('renders the same SQL for the same query, and builds db.query once', () => {
      const q = () => db2.query.users.findMany({ columns: { name: true }, where: { posts: { title: 'p3' } } }).toSQL();
      expect(q()).toEqual(q());
      expect(q().sql).toContain(S('"posts" "f1"'));
      expect(db.query).toBe(db.query);
    });

    it('fills placeholders in where, limit and offset of a prepared relational query', async () => {
      const prepared = db.query.users
        .findMany({
          columns: { name: true },
          where: (u, { gt }) => gt(u.id, sql.placeholder('min')),
          orderBy: [asc(users.id)],
          limit: sql.placeholder('limit'),
          with: { posts: { columns: { title: true }, orderBy: [asc(posts.id)], limit: sql.placeholder('plimit'), offset: sql.placeholder('poffset') } },
        })
        .prepare();
      expect(await prepared.execute({ min: 0, limit: 2, plimit: 1, poffset: 1 })).toEqual([
        { name: 'Ann', posts: [{ title: 'p2' }] },
        { name: 'Bob', posts: [] },
      ]);
      expect(await prepared.execute({ min: 1, limit: 1, plimit: 1, poffset: 0 })).toEqual([{ name: 'Bob', posts: [{ title: 'p3' }] }]);
      // Without a root limit the relation is aggregated in a grouped join, which repeats the root's filter.
      const grouped = db.query.users
        .findMany({
          columns: { name: true },
          where: (u, { lt }) => lt(u.id, sql.placeholder('max')),
          orderBy: [asc(users.id)],
          with: { posts: { columns: { title: true }, where: (p, { ne }) => ne(p.id, sql.placeholder('skip')), orderBy: [asc(posts.id)] } },
        })
        .prepare();
      expect(await grouped.execute({ max: 3, skip: 1 })).toEqual([
        { name: 'Ann', posts: [{ title: 'p2' }] },
        { name: 'Bob', posts: [{ title: 'p3' }] },
      ]);
      expect(await grouped.execute({ max: 2, skip: 3 })).toEqual([{ name: 'Ann', posts: [{ title: 'p1' }, { title: 'p2' }] }]);
      const first = db.query.posts.findFirst({ where: (p, { eq }) => eq(p.id, sql.placeholder('id')), columns: { title: true }, with: { reviewer: { columns: { name: true } } } }).prepare();
      expect(await first.execute({ id: 2 })).toEqual({ title: 'p2', reviewer: null });
      expect(await first.execute({ id: 3 })).toEqual({ title: 'p3', reviewer: { name: 'Ann' } });
      expect(await first.execute({ id: 99 })).toBeUndefined();
    });

    it('combines with, columns and extras at nested levels', async () => {
      const rows = await db.query.posts.findMany({
        columns: { title: true },
        extras: (p, { sql }) => ({ len: sql<number>`length(${p.title})`.mapWith(Number).as('len') }),
        where: (p, { lt }) => lt(p.id, 3),
        orderBy: [asc(posts.id)],
        with: {
          author: {
            columns: { invitedBy: false },
            extras: { lower: sql<string>`lower(${users.name})`.as('lower') },
            with: { profile: { columns: { bio: true } }, reviews: { columns: { title: true } } },
          },
        },
      });
      expect(rows).toEqual([
        { title: 'p1', len: 2, author: { id: 1, name: 'Ann', lower: 'ann', profile: { bio: 'hello' }, reviews: [{ title: 'p3' }] } },
        { title: 'p2', len: 2, author: { id: 1, name: 'Ann', lower: 'ann', profile: { bio: 'hello' }, reviews: [{ title: 'p3' }] } },
      ]);
    });

    it('v2: extras as functions per key, columns: {} and object filters at every level', async () => {
      const rows = await db2.query.users.findMany({
        columns: {},
        where: { id: { lte: 2 } },
        orderBy: { id: 'asc' },
        extras: { lower: (u, { sql }) => sql<string>`lower(${u.name})`.as('lower') },
        with: {
          posts: {
            columns: {},
            where: { id: { gte: 2 } },
            orderBy: (p, { desc }) => desc(p.id),
            extras: { shout: sql<string>`upper(${posts.title})`.as('shout'), len: (p, { sql }) => sql<number>`length(${p.title})`.mapWith(Number) },
          },
        },
      });
      expect(rows).toEqual([
        { lower: 'ann', posts: [{ shout: 'P2', len: 2 }] },
        { lower: 'bob', posts: [{ shout: 'P3', len: 2 }] },
      ]);
    });

    it("v2: applies a relation's own filter with the query's, paged or not", async () => {
      const rows = await db2.query.users.findMany({
        columns: { name: true },
        orderBy: { id: 'asc' },
        with: { reviewedPosts: { columns: { title: true }, where: { id: { lt: 3 } } }, posts: { columns: { title: true }, orderBy: { id: 'desc' }, limit: 1 } },
      });
      expect(rows).toEqual([
        { name: 'Ann', reviewedPosts: [], posts: [{ title: 'p2' }] },
        { name: 'Bob', reviewedPosts: [{ title: 'p1' }], posts: [{ title: 'p3' }] },
        { name: 'Cy', reviewedPosts: [], posts: [] },
      ]);
    });

    it('pages a junction relation with its own filter and nested one-relation, under a paged root', async () => {
      const rows = await db.query.groups.findMany({
        limit: 1,
        where: gt(tables.groups.id, 1),
        with: { usersToGroups: { where: eq(usersToGroups.userId, 2), limit: 1, columns: {}, with: { user: { columns: { name: true } } } } },
      });
      expect(rows).toEqual([{ id: 2, name: 'users', usersToGroups: [{ user: { name: 'Bob' } }] }]);
      const all = await db.query.groups.findMany({
        orderBy: [desc(tables.groups.id)],
        with: { usersToGroups: { orderBy: (utg, { desc }) => [desc(utg.userId)], limit: 1, columns: {}, with: { user: { columns: { name: true } } } } },
      });
      expect(all).toEqual([
        { id: 2, name: 'users', usersToGroups: [{ user: { name: 'Bob' } }] },
        { id: 1, name: 'admins', usersToGroups: [{ user: { name: 'Ann' } }] },
      ]);
    });

    it('runs inside a transaction and sees its uncommitted rows', async () => {
      const inside: unknown[] = [];
      await db
        .transaction(async (tx) => {
          await tx.insert(posts).values({ title: 'draft', authorId: 3, createdAt: new Date('2024-03-01T00:00:00Z') });
          inside.push(await tx.query.users.findFirst({ columns: { name: true }, where: eq(users.id, 3), with: { posts: { columns: { title: true } } } }));
          tx.rollback();
        })
        .catch(() => undefined);
      expect(inside).toEqual([{ name: 'Cy', posts: [{ title: 'draft' }] }]);
      expect(await db.query.users.findFirst({ columns: { name: true }, where: eq(users.id, 3), with: { posts: { columns: { title: true } } } })).toEqual({ name: 'Cy', posts: [] });
    });

    if (name === 'better-sqlite3') {
      it('runs relational queries synchronously with sync(), prepare().sync() and prepare().execute().sync()', async () => {
        type Sync<T> = { sync(values?: Record<string, unknown>): T };
        const many = db.query.users.findMany({ columns: { name: true }, orderBy: [asc(users.id)], with: { posts: { columns: { title: true } } } });
        expect((many as unknown as Sync<unknown>).sync()).toEqual([
          { name: 'Ann', posts: [{ title: 'p1' }, { title: 'p2' }] },
          { name: 'Bob', posts: [{ title: 'p3' }] },
          { name: 'Cy', posts: [] },
        ]);
        const first = db.query.users.findFirst({ columns: { name: true }, where: (u, { eq }) => eq(u.id, sql.placeholder('id')) });
        const prepared = first.prepare() as unknown as Sync<unknown>;
        expect(prepared.sync({ id: 2 })).toEqual({ name: 'Bob' });
        expect(prepared.sync({ id: 99 })).toBeUndefined();
        // Drizzle's form: the prepared query's execute() result has sync() too, and stays awaitable.
        const executed = (first.prepare() as unknown as { execute(v: Record<string, unknown>): Promise<unknown> & Sync<unknown> }).execute({ id: 3 });
        expect(executed.sync()).toEqual({ name: 'Cy' });
        expect(await executed).toEqual({ name: 'Cy' });
        const missing = (first.prepare() as unknown as { execute(v: Record<string, unknown>): Promise<unknown> & Sync<unknown> }).execute({});
        expect(() => missing.sync()).toThrow('No value for placeholder "id"');
        await expect(missing).rejects.toThrow('No value for placeholder "id"');
        expect((db.query.users.findFirst({ columns: { name: true } }) as unknown as Sync<unknown>).sync()).toEqual({ name: 'Ann' });
      });
    } else {
      it(`sync() on ${name} throws naming the dialect`, () => {
        const q = db.query.users.findMany({ columns: { name: true } }) as unknown as { sync(): unknown; prepare(): { sync(): unknown } };
        expect(() => q.sync()).toThrow(new RegExp(`^${db.dialect.name}: sync\\(\\) needs a synchronous driver`));
        expect(() => q.prepare().sync()).toThrow(/needs a synchronous driver \(better-sqlite3\)/);
      });
    }
  });
}
