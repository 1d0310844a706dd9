/**
 * The acceptance project's schema in two versions per dialect. v2 adds, drops and renames a
 * column and a table, changes a column's type, adds an index and a foreign key, and (on
 * PostgreSQL) an enum value: what a project's second migration typically holds.
 */
export type AcceptanceDialect = 'postgresql' | 'mysql' | 'sqlite';

const pgV1 = `import { integer, pgEnum, pgTable, serial, text, timestamp, varchar } from 'sluice/pg-core';

export const mood = pgEnum('mood', ['happy', 'sad']);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: varchar('email', { length: 100 }).notNull().unique(),
  age: integer('age'),
  nickname: text('nickname'),
  mood: mood('mood').default('happy'),
  createdAt: timestamp('created_at').defaultNow(),
});

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull(),
  views: integer('views').default(0),
});

export const legacy = pgTable('legacy', { id: serial('id').primaryKey(), note: text('note') });
`;

const pgV2 = `import { bigint, index, integer, pgEnum, pgTable, serial, text, timestamp, varchar } from 'sluice/pg-core';

export const mood = pgEnum('mood', ['happy', 'sad', 'ok']);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  fullName: text('full_name').notNull(),
  email: varchar('email', { length: 100 }).notNull().unique(),
  age: bigint('age', { mode: 'number' }),
  bio: text('bio'),
  mood: mood('mood').default('happy'),
  createdAt: timestamp('created_at').defaultNow(),
}, (t) => [index('users_age_idx').on(t.age)]);

export const articles = pgTable('articles', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  views: integer('views').default(0),
});

export const comments = pgTable('comments', {
  id: serial('id').primaryKey(),
  articleId: integer('article_id').references(() => articles.id),
  body: text('body').notNull(),
});
`;

const mysqlV1 = `import { int, mysqlEnum, mysqlTable, serial, text, timestamp, varchar } from 'sluice/mysql-core';

export const users = mysqlTable('users', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  email: varchar('email', { length: 100 }).notNull().unique(),
  age: int('age'),
  nickname: text('nickname'),
  mood: mysqlEnum('mood', ['happy', 'sad']).default('happy'),
  createdAt: timestamp('created_at').defaultNow(),
});

export const posts = mysqlTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: int('author_id').notNull(),
  views: int('views').default(0),
});

export const legacy = mysqlTable('legacy', { id: serial('id').primaryKey(), note: text('note') });
`;

const mysqlV2 = `import { bigint, index, int, mysqlEnum, mysqlTable, serial, text, timestamp, varchar } from 'sluice/mysql-core';

export const users = mysqlTable('users', {
  id: serial('id').primaryKey(),
  fullName: varchar('full_name', { length: 100 }).notNull(),
  email: varchar('email', { length: 100 }).notNull().unique(),
  age: bigint('age', { mode: 'number' }),
  bio: text('bio'),
  mood: mysqlEnum('mood', ['happy', 'sad', 'ok']).default('happy'),
  createdAt: timestamp('created_at').defaultNow(),
}, (t) => [index('users_age_idx').on(t.age)]);

export const articles = mysqlTable('articles', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: bigint('author_id', { mode: 'number', unsigned: true }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  views: int('views').default(0),
});

export const comments = mysqlTable('comments', {
  id: serial('id').primaryKey(),
  articleId: bigint('article_id', { mode: 'number', unsigned: true }).references(() => articles.id),
  body: text('body').notNull(),
});
`;

const sqliteV1 = `import { sql } from 'sluice';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  age: integer('age'),
  nickname: text('nickname'),
  mood: text('mood', { enum: ['happy', 'sad'] }).default('happy'),
  createdAt: integer('created_at', { mode: 'timestamp' }).default(sql\`(unixepoch())\`),
});

export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull(),
  views: integer('views').default(0),
});

export const legacy = sqliteTable('legacy', { id: integer('id').primaryKey(), note: text('note') });
`;

const sqliteV2 = `import { sql } from 'sluice';
import { index, integer, real, sqliteTable, text } from 'sluice/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fullName: text('full_name').notNull(),
  email: text('email').notNull().unique(),
  age: real('age'),
  bio: text('bio'),
  mood: text('mood', { enum: ['happy', 'sad', 'ok'] }).default('happy'),
  createdAt: integer('created_at', { mode: 'timestamp' }).default(sql\`(unixepoch())\`),
}, (t) => [index('users_age_idx').on(t.age)]);

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  views: integer('views').default(0),
});

export const comments = sqliteTable('comments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').references(() => articles.id),
  body: text('body').notNull(),
});
`;

export const schemas: Record<AcceptanceDialect, { v1: string; v2: string }> = {
  postgresql: { v1: pgV1, v2: pgV2 },
  mysql: { v1: mysqlV1, v2: mysqlV2 },
  sqlite: { v1: sqliteV1, v2: sqliteV2 },
};

/** The hints that answer v2's renames without a terminal. */
export const v2RenameHints = ['--rename', 'posts=articles', '--rename', 'users.name=full_name', '--rename', 'create:table:comments', '--rename', 'create:column:users.bio'];
