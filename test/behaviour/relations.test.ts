/**
 * Relational queries (v1 `relations()` and v2 `defineRelations()`) on every target of the shared
 * behaviour suite: the seed's relation shapes, nested `with` at depth 3 with decoded types, one
 * statement per findMany, filters, ordering and limits at every level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRelations, relations, sql, SchemaError, type Logger } from 'sluice';
import { pgTable, serial } from 'sluice/pg-core';
import { sqliteTable, integer as sqliteInteger } from 'sluice/sqlite-core';
import { behaviourTargets, byDialect, openBehaviourTarget, type BehaviourTarget } from '../support/behaviour.js';
import { relationSchema, type RelationTables } from '../support/relation-schema.js';

function relationsOf({ users, profiles, posts, comments, groups, usersToGroups }: RelationTables) {
  const usersRelations = relations(users, ({ one, many }) => ({
    posts: many(posts, { relationName: 'author' }),
    reviews: many(posts, { relationName: 'reviewer' }),
    profile: one(profiles),
    invitee: one(users, { fields: [users.invitedBy], references: [users.id] }),
  }));
  const profilesRelations = relations(profiles, ({ one }) => ({
    user: one(users, { fields: [profiles.userId], references: [users.id] }),
  }));
  const postsRelations = relations(posts, ({ one, many }) => ({
    author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'author' }),
    reviewer: one(users, { fields: [posts.reviewerId], references: [users.id], relationName: 'reviewer' }),
    comments: many(comments),
  }));
  const commentsRelations = relations(comments, ({ one }) => ({
    post: one(posts, { fields: [comments.postId], references: [posts.id] }),
  }));
  const schema = { users, profiles, posts, comments, groups, usersToGroups, usersRelations, profilesRelations, postsRelations, commentsRelations };

  const v2 = defineRelations({ users, groups, usersToGroups, posts, profiles }, (r) => ({
    users: {
      groups: r.many.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id.through(r.usersToGroups.groupId) }),
      posts: r.many.posts({ from: r.users.id, to: r.posts.authorId }),
      profile: r.one.profiles({ from: r.users.id, to: r.profiles.userId }),
    },
    groups: { participants: r.many.users() },
    posts: { author: r.one.users({ from: r.posts.authorId, to: r.users.id, optional: false }) },
  }));
  return { schema, v2 };
}

class CountingLogger implements Logger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`relational queries on ${name}`, () => {
    const { tables, ddl } = relationSchema(dialect);
    const { users } = tables;
    const { schema, v2 } = relationsOf(tables);
    const D = <T>(values: { pg: T; sqlite: T; mysql: T }) => byDialect(dialect, values);
    let target: BehaviourTarget;
    const logger = new CountingLogger();
    let db: Awaited<ReturnType<typeof open>>;
    let db2: Awaited<ReturnType<typeof open2>>;
    const open = () => target.open({ schema, logger });
    const open2 = () => target.open({ relations: v2, logger });

    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      db = await open();
      db2 = await open2();
    });
    afterAll(() => target.close());

    it('nests three levels in one statement and decodes every type at depth 3', async () => {
      logger.queries = [];
      const rows = await db.query.users.findMany({
        columns: { id: true, name: true },
        where: (u, { lt }) => lt(u.id, 3),
        orderBy: (u, { asc }) => asc(u.id),
        with: { posts: { orderBy: (p, { asc }) => asc(p.id), with: { comments: { orderBy: (c, { asc }) => asc(c.id) } } } },
      });
      expect(logger.queries).toHaveLength(1);
      expect(rows.map((u) => [u.name, u.posts.map((p) => p.title)])).toEqual([
        ['Ann', ['p1', 'p2']],
        ['Bob', ['p3']],
      ]);
      const post = rows[0]!.posts[0]!;
      expect(post.createdAt).toEqual(new Date('2024-01-01T10:00:00Z'));
      const [c1, c2] = post.comments;
      expect(c1).toEqual({
        id: 1,
        postId: 1,
        body: 'c1',
        likes: 9007199254740993n,
        // numeric keeps the database's text: SQLite's numeric affinity stores 12.50 as the real 12.5.
        score: D({ pg: '12.50', sqlite: '12.5', mysql: '12.50' }),
        meta: { tags: ['a'] },
        pinned: true,
        at: new Date('2024-02-01T00:00:00Z'),
      });
      expect(c2!.meta).toBeNull();
      expect(typeof c2!.likes).toBe('bigint');
      const c3 = rows[1]!.posts[0]!.comments[0]!;
      expect(c3.meta).toBe('just a string' as never);
    });

    it('resolves one-to-one, self relations and relationName', async () => {
      const rows = await db.query.users.findMany({
        orderBy: (u, { asc }) => asc(u.id),
        with: { profile: true, invitee: { columns: { name: true } }, reviews: { columns: { title: true } } },
      });
      expect(rows.map((u) => ({ name: u.name, bio: u.profile?.bio ?? null, invitee: u.invitee, reviews: u.reviews }))).toEqual([
        { name: 'Ann', bio: 'hello', invitee: null, reviews: [{ title: 'p3' }] },
        { name: 'Bob', bio: null, invitee: { name: 'Ann' }, reviews: [{ title: 'p1' }] },
        { name: 'Cy', bio: null, invitee: { name: 'Bob' }, reviews: [] },
      ]);
      const post = await db.query.posts.findFirst({ where: (p, { eq }) => eq(p.title, 'p1'), with: { author: true, reviewer: true } });
      expect(post?.author?.name).toBe('Ann');
      expect(post?.reviewer?.name).toBe('Bob');
    });

    it('applies columns exclusion, extras, nested limit/offset and findFirst', async () => {
      logger.queries = [];
      const rows = await db.query.users.findMany({
        columns: { invitedBy: false },
        extras: { shout: sql<string>`upper(${users.name})`.as('shout') },
        orderBy: (u, { asc }) => asc(u.id),
        limit: 2,
        with: { posts: { columns: { title: true }, orderBy: (p, { desc }) => desc(p.id), limit: 1, offset: 1 } },
      });
      expect(rows).toEqual([
        { id: 1, name: 'Ann', shout: 'ANN', posts: [{ title: 'p1' }] },
        { id: 2, name: 'Bob', shout: 'BOB', posts: [] },
      ]);
      expect(logger.queries).toHaveLength(1);
      expect(logger.queries[0]).toContain('limit');
      expect(await db.query.users.findFirst({ where: (u, { eq }) => eq(u.name, 'nobody') })).toBeUndefined();
    });

    it('v2: many-to-many through a junction, inverse relations and object filters', async () => {
      logger.queries = [];
      const groupsRows = await db2.query.groups.findMany({
        orderBy: { id: 'asc' },
        with: { participants: { columns: { name: true }, orderBy: { id: 'asc' } } },
      });
      expect(groupsRows).toEqual([
        { id: 1, name: 'admins', participants: [{ name: 'Ann' }] },
        { id: 2, name: 'users', participants: [{ name: 'Ann' }, { name: 'Bob' }] },
      ]);
      expect(logger.queries).toHaveLength(1);
      const withGroups = await db2.query.users.findMany({
        where: { OR: [{ name: { like: 'A%' } }, { id: 3 }], NOT: { name: 'Bob' } },
        orderBy: { id: 'asc' },
        columns: { name: true },
        with: { groups: { columns: { name: true }, orderBy: { id: 'asc' } } },
      });
      expect(withGroups).toEqual([
        { name: 'Ann', groups: [{ name: 'admins' }, { name: 'users' }] },
        { name: 'Cy', groups: [] },
      ]);
    });

    it('v2: filters by a relation existing or by its fields, and RAW', async () => {
      const authors = await db2.query.users.findMany({ where: { posts: true }, orderBy: { id: 'asc' }, columns: { name: true } });
      expect(authors).toEqual([{ name: 'Ann' }, { name: 'Bob' }]);
      const byTitle = await db2.query.users.findMany({ where: { posts: { title: 'p3' } }, columns: { name: true } });
      expect(byTitle).toEqual([{ name: 'Bob' }]);
      const raw = await db2.query.users.findMany({ where: { RAW: (u) => sql`length(${u.name}) = 2` }, columns: { name: true } });
      expect(raw).toEqual([{ name: 'Cy' }]);
      const inGroup = await db2.query.users.findMany({ where: { groups: { name: 'admins' } }, columns: { name: true } });
      expect(inGroup).toEqual([{ name: 'Ann' }]);
      const post = await db2.query.posts.findFirst({ where: { title: 'p2' }, with: { author: { columns: { name: true } } } });
      expect(post?.author).toEqual({ name: 'Ann' });
    });

    it('names what is wrong in a relational query', async () => {
      await expect(async () => db.query.users.findMany({ with: { nope: true } as never }).toSQL()).rejects.toThrow(/"users" has no relation "nope"/);
      await expect(async () => db2.query.users.findMany({ where: { nope: 1 } as never }).toSQL()).rejects.toThrow(/"nope" is neither a column nor a relation/);
      const lonely = dialect === 'sqlite' ? sqliteTable('lonely', { id: sqliteInteger('id').primaryKey() }) : pgTable('lonely', { id: serial('id').primaryKey() });
      const bad = relations(users, ({ many }) => ({ lonely: many(lonely) }));
      const broken = await target.open({ schema: { users, lonely, bad } });
      expect(() => broken.query).toThrow(SchemaError);
      expect(() => broken.query).toThrow(/no one\(\) relation on "lonely" points back at "users"/);
    });
  });
}
