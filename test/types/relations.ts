/**
 * Result types of relational queries, v1 and v2: nested, exact, `null` for optional one-relations,
 * columns include/exclude and extras; misuse fails to compile.
 */
import { defineRelations, eq, getTableColumns, relations, sql } from 'sluice';
import { bigint, integer, pgTable, pgView, primaryKey, serial, text, timestamp, type AnyPgColumn } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  invitedBy: integer('invited_by').references((): AnyPgColumn => users.id),
});
const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').references(() => users.id),
  ownerId: integer('owner_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
});
const comments = pgTable('comments', {
  id: serial('id').primaryKey(),
  postId: integer('post_id').notNull(),
  likes: bigint('likes', { mode: 'bigint' }).notNull(),
});
const groups = pgTable('groups', { id: serial('id').primaryKey(), name: text('name').notNull() });
const usersToGroups = pgTable('users_to_groups', { userId: integer('user_id').notNull(), groupId: integer('group_id').notNull() }, (t) => [primaryKey({ columns: [t.userId, t.groupId] })]);

const usersRelations = relations(users, ({ one, many }) => ({
  posts: many(posts),
  invitee: one(users, { fields: [users.invitedBy], references: [users.id] }),
}));
const postsRelations = relations(posts, ({ one, many }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  owner: one(users, { fields: [posts.ownerId], references: [users.id] }),
  comments: many(comments),
}));
const commentsRelations = relations(comments, ({ one }) => ({
  post: one(posts, { fields: [comments.postId], references: [posts.id] }),
}));

const db = drizzle({ schema: { users, posts, comments, usersRelations, postsRelations, commentsRelations } });

export async function v1(): Promise<void> {
  const rows = await db.query.users.findMany({
    columns: { id: true, name: true },
    with: { posts: { with: { comments: true, owner: { columns: { name: true } } } }, invitee: true },
  });
  type Row = (typeof rows)[number];
  expectType<Equal<Row['id'], number>>();
  expectType<Equal<keyof Row, 'id' | 'name' | 'posts' | 'invitee'>>();
  expectType<Equal<Row['invitee'], { id: number; name: string; invitedBy: number | null } | null>>();
  type Post = Row['posts'][number];
  expectType<Equal<Post['createdAt'], Date>>();
  expectType<Equal<Post['comments'], { id: number; postId: number; likes: bigint }[]>>();
  // A one-relation over a not-null foreign key is never null; over a nullable one it may be.
  expectType<Equal<Post['owner'], { name: string }>>();

  const first = await db.query.posts.findFirst({ columns: { id: false, ownerId: false }, with: { author: true } });
  expectType<Equal<typeof first, { title: string; authorId: number | null; createdAt: Date; author: { id: number; name: string; invitedBy: number | null } | null } | undefined>>();

  const withExtras = await db.query.users.findMany({ columns: { id: true }, extras: { upper: sql<string>`upper(${users.name})`.as('upper') } });
  expectType<Equal<(typeof withExtras)[number], { id: number; upper: string }>>();

  // @ts-expect-error: "nope" is not a relation of users
  await db.query.users.findMany({ with: { nope: true } });
  // @ts-expect-error: "nope" is not a column of users
  await db.query.users.findMany({ columns: { nope: true } });
}

// Relations of one table declared in two relations() calls merge; a table without relations has none.
const usersPosts = relations(users, ({ many }) => ({ posts: many(posts) }));
const usersInvitee = relations(users, ({ one }) => ({ invitee: one(users, { fields: [users.invitedBy], references: [users.id] }) }));
const splitDb = drizzle({ schema: { users, posts, groups, usersPosts, usersInvitee } });

export async function v1Split(): Promise<void> {
  const rows = await splitDb.query.users.findMany({ columns: { id: true }, with: { posts: { columns: { title: true } }, invitee: { columns: { name: true } } } });
  expectType<Equal<(typeof rows)[number], { id: number; posts: { title: string }[]; invitee: { name: string } | null }>>();
  // @ts-expect-error: groups has no relations
  await splitDb.query.groups.findMany({ with: { users: true } });
}

const rels = defineRelations({ users, posts, groups, usersToGroups }, (r) => ({
  users: {
    groups: r.many.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id.through(r.usersToGroups.groupId) }),
    posts: r.many.posts({ from: r.users.id, to: r.posts.authorId }),
  },
  groups: { participants: r.many.users() },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
    owner: r.one.users({ from: r.posts.ownerId, to: r.users.id, optional: false }),
  },
}));
const db2 = drizzle({ relations: rels });

export async function v2(): Promise<void> {
  const rows = await db2.query.groups.findMany({ with: { participants: { columns: { name: true }, with: { posts: { columns: { title: true } } } } } });
  expectType<Equal<(typeof rows)[number], { id: number; name: string; participants: { name: string; posts: { title: string }[] }[] }>>();
  const post = await db2.query.posts.findFirst({ columns: { id: true }, with: { author: { columns: { name: true } }, owner: { columns: { name: true } } }, where: { title: { like: 'a%' }, author: { name: 'x' } } });
  expectType<Equal<typeof post, { id: number; author: { name: string } | null; owner: { name: string } } | undefined>>();
  // A required one-relation read with a filter of its own may find no row; without one it may not.
  const owned = await db2.query.posts.findMany({ columns: { id: true }, with: { owner: { columns: { name: true }, where: { name: 'x' } } } });
  expectType<Equal<(typeof owned)[number], { id: number; owner: { name: string } | null }>>();
  const ownedAll = await db2.query.posts.findMany({ columns: { id: true }, with: { owner: { columns: { name: true } } } });
  expectType<Equal<(typeof ownedAll)[number], { id: number; owner: { name: string } }>>();
  // @ts-expect-error: a filter value must have the column's type
  await db2.query.users.findMany({ where: { id: 'one' } });
  // @ts-expect-error: "nope" is neither a column nor a relation of groups
  await db2.query.groups.findMany({ where: { nope: 1 } });
}

const sqliteUsers = sqliteTable('users', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
const sqlitePosts = sqliteTable('posts', { id: sqliteInteger('id').primaryKey(), authorId: sqliteInteger('author_id').notNull() });
const sqliteUsersRelations = relations(sqliteUsers, ({ many }) => ({ posts: many(sqlitePosts) }));
const sqlitePostsRelations = relations(sqlitePosts, ({ one }) => ({ author: one(sqliteUsers, { fields: [sqlitePosts.authorId], references: [sqliteUsers.id] }) }));
const sqliteSchema = { users: sqliteUsers, posts: sqlitePosts, sqliteUsersRelations, sqlitePostsRelations };
const syncDb = betterSqlite({ schema: sqliteSchema });
const asyncSqliteDb = libsql({ connection: { url: ':memory:' }, schema: sqliteSchema });

export function syncQueries(): void {
  const many = syncDb.query.users.findMany({ columns: { name: true }, with: { posts: { columns: { id: true } } } }).sync();
  expectType<Equal<typeof many, { name: string; posts: { id: number }[] }[]>>();
  const first = syncDb.query.users
    .findFirst({ where: (u, { eq }) => eq(u.id, sql.placeholder('id')) })
    .prepare()
    .sync({ id: 1 });
  expectType<Equal<typeof first, { id: number; name: string } | undefined>>();
  const executed = syncDb.query.users
    .findMany({ columns: { id: true } })
    .prepare()
    .execute()
    .sync();
  expectType<Equal<typeof executed, { id: number }[]>>();
  // @ts-expect-error: sync() needs a synchronous driver
  asyncSqliteDb.query.users.findMany().sync();
  // @ts-expect-error: sync() needs a synchronous driver
  asyncSqliteDb.query.users.findMany().prepare().execute().sync();
  // @ts-expect-error: sync() needs a synchronous driver
  db.query.users.findMany().prepare().sync();
}

export async function columnsAndPlaceholders(): Promise<void> {
  // `columns: {}` selects no column: only the extras and relations are left.
  const onlyExtras = await db.query.users.findMany({ columns: {}, extras: { upper: sql<string>`upper(${users.name})`.as('upper') } });
  expectType<Equal<(typeof onlyExtras)[number], { upper: string }>>();
  const junction = await db.query.posts.findMany({ columns: {}, with: { owner: { columns: { name: true } } } });
  expectType<Equal<(typeof junction)[number], { owner: { name: string } }>>();
  // limit and offset take placeholders, filled by execute().
  await db.query.users
    .findMany({ limit: sql.placeholder('limit'), offset: sql.placeholder('offset'), with: { posts: { limit: sql.placeholder('n') } } })
    .prepare()
    .execute({ limit: 1, offset: 0, n: 2 });
}

export async function perKeyExtras(): Promise<void> {
  // v2 style: each extra may be a function of the table's columns.
  const rows = await db2.query.users.findMany({ columns: {}, extras: { lower: (u, { sql }) => sql<string>`lower(${u.name})`.as('lower'), n: sql<number>`1` } });
  expectType<Equal<(typeof rows)[number], { lower: string; n: number }>>();
}

// Views relate like tables: a view defined by a select (with an expression field), and one with declared columns.
const usersView = pgView('users_view').as((qb) =>
  qb
    .select({ ...getTableColumns(users), title: posts.title, counter: sql<string>`count(*)`.mapWith(Number).as('count') })
    .from(users)
    .leftJoin(posts, eq(users.id, posts.authorId)),
);
const namesView = pgView('names_view', { id: integer('id').notNull(), name: text('name') }).existing();
const viewRels = defineRelations({ users, posts, usersView, namesView }, (r) => ({
  usersView: { posts: r.many.posts() },
  namesView: { posts: r.many.posts({ from: r.namesView.id, to: r.posts.authorId }) },
  posts: { viewAuthor: r.one.usersView({ from: r.posts.authorId, to: r.usersView.id, optional: false }) },
}));
const viewDb = drizzle({ relations: viewRels });

export async function views(): Promise<void> {
  const rows = await viewDb.query.usersView.findMany({ with: { posts: { columns: { title: true } } }, where: { name: { like: 'A%' } }, orderBy: { counter: 'desc' } });
  expectType<Equal<(typeof rows)[number], { id: number; name: string; invitedBy: number | null; title: string | null; counter: number; posts: { title: string }[] }>>();
  const post = await viewDb.query.posts.findFirst({ columns: { id: true }, with: { viewAuthor: { columns: { counter: true } } } });
  expectType<Equal<typeof post, { id: number; viewAuthor: { counter: number } } | undefined>>();
  const names = await viewDb.query.namesView.findMany({ with: { posts: { columns: { id: true } } } });
  expectType<Equal<(typeof names)[number], { id: number; name: string | null; posts: { id: number }[] }>>();
  // @ts-expect-error: "nope" is not a field of the view
  await viewDb.query.usersView.findMany({ columns: { nope: true } });
}
