/** The SQL Server tables the render tests share: users, cities, posts, comments, tags, a junction. */
import { defineRelations, relations, sql } from 'sluice';
import { bigint, bit, datetime2, decimal, index, int, mssqlSchema, mssqlTable, nvarchar, primaryKey, uniqueIndex, varbinary } from 'sluice/mssql-core';

export const cities = mssqlTable('cities', {
  id: int('id').identity().primaryKey(),
  name: nvarchar('name', { length: 100 }).notNull(),
});

export const users = mssqlTable(
  'users',
  {
    id: int('id').identity().primaryKey(),
    name: nvarchar('name', { length: 100 }).notNull(),
    email: nvarchar('email', { length: 200 }).notNull(),
    verified: bit('verified').notNull().default(false),
    cityId: int('city_id').references(() => cities.id),
    balance: decimal('balance', { precision: 12, scale: 2 }),
    visits: bigint('visits', { mode: 'bigint' }),
    avatar: varbinary('avatar', { length: 'max' }),
    prefs: nvarchar('prefs', { length: 'max', mode: 'json' }).$type<{ theme: string }>(),
    createdAt: datetime2('created_at', { precision: 3 }).notNull().defaultGetDate(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), index('users_city').on(t.cityId)],
);

export const posts = mssqlTable('posts', {
  id: int('id').identity().primaryKey(),
  authorId: int('author_id')
    .notNull()
    .references(() => users.id),
  title: nvarchar('title', { length: 200 }).notNull(),
  views: int('views').notNull().default(0),
});

export const comments = mssqlTable('comments', {
  id: int('id').identity().primaryKey(),
  postId: int('post_id')
    .notNull()
    .references(() => posts.id),
  body: nvarchar('body', { length: 'max' }).notNull(),
});

export const tags = mssqlTable('tags', {
  id: int('id').primaryKey(),
  label: nvarchar('label', { length: 50 }).notNull(),
});

export const postTags = mssqlTable('post_tags', { postId: int('post_id').notNull(), tagId: int('tag_id').notNull() }, (t) => [primaryKey({ columns: [t.postId, t.tagId] })]);

/** A table outside `dbo`, for schema-qualified names. */
export const audit = mssqlSchema('audit');
export const events = audit.table('events', {
  id: bigint('id', { mode: 'number' }).identity({ seed: 100, increment: 10 }).primaryKey(),
  kind: nvarchar('kind', { length: 20 }).notNull(),
  at: datetime2('at').default(sql`sysutcdatetime()`),
});

export const usersRelations = relations(users, ({ one, many }) => ({ city: one(cities, { fields: [users.cityId], references: [cities.id] }), posts: many(posts) }));
export const citiesRelations = relations(cities, ({ many }) => ({ users: many(users) }));
export const postsRelations = relations(posts, ({ one, many }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }), comments: many(comments), postTags: many(postTags) }));
export const commentsRelations = relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));
export const postTagsRelations = relations(postTags, ({ one }) => ({ post: one(posts, { fields: [postTags.postId], references: [posts.id] }), tag: one(tags, { fields: [postTags.tagId], references: [tags.id] }) }));

export const schema = { cities, users, posts, comments, tags, postTags, events, usersRelations, citiesRelations, postsRelations, commentsRelations, postTagsRelations };

export const relationsV2 = defineRelations({ users, cities, posts, comments, tags, postTags }, (r) => ({
  users: { city: r.one.cities({ from: r.users.cityId, to: r.cities.id }), posts: r.many.posts() },
  cities: { users: r.many.users() },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
    comments: r.many.comments(),
    tags: r.many.tags({ from: r.posts.id.through(r.postTags.postId), to: r.tags.id.through(r.postTags.tagId) }),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts.id }) },
}));
