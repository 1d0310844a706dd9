/**
 * The relational-query suite's tables in each dialect, with DDL and rows that read back the same
 * everywhere (each dialect's own storage for bigints, decimals, JSON, booleans and timestamps).
 */
import { bigint, boolean, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, type AnyPgColumn } from 'sluice/pg-core';
import { blob, integer as sqliteInteger, numeric as sqliteNumeric, primaryKey as sqlitePrimaryKey, sqliteTable, text as sqliteText, type AnySQLiteColumn } from 'sluice/sqlite-core';
import { bigint as mysqlBigint, boolean as mysqlBoolean, datetime, decimal, int, json, mysqlTable, primaryKey as mysqlPrimaryKey, varchar, type AnyMySqlColumn } from 'sluice/mysql-core';
import type { DialectName } from './behaviour.js';

function pgTables() {
  const users = pgTable('users', {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    invitedBy: integer('invited_by').references((): AnyPgColumn => users.id),
  });
  const profiles = pgTable('profiles', {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .references(() => users.id)
      .unique(),
    bio: text('bio'),
  });
  const posts = pgTable('posts', {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    authorId: integer('author_id').references(() => users.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    createdAt: timestamp('created_at').notNull(),
  });
  const comments = pgTable('comments', {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    body: text('body').notNull(),
    likes: bigint('likes', { mode: 'bigint' }).notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    meta: jsonb('meta').$type<{ tags: string[] }>(),
    pinned: boolean('pinned').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  });
  const groups = pgTable('groups', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const usersToGroups = pgTable(
    'users_to_groups',
    {
      userId: integer('user_id')
        .notNull()
        .references(() => users.id),
      groupId: integer('group_id')
        .notNull()
        .references(() => groups.id),
    },
    (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
  );
  return { users, profiles, posts, comments, groups, usersToGroups };
}
export type RelationTables = ReturnType<typeof pgTables>;

function sqliteTables() {
  const users = sqliteTable('users', {
    id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
    name: sqliteText('name').notNull(),
    invitedBy: sqliteInteger('invited_by').references((): AnySQLiteColumn => users.id),
  });
  const profiles = sqliteTable('profiles', {
    id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
    userId: sqliteInteger('user_id')
      .references(() => users.id)
      .unique(),
    bio: sqliteText('bio'),
  });
  const posts = sqliteTable('posts', {
    id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
    title: sqliteText('title').notNull(),
    authorId: sqliteInteger('author_id').references(() => users.id),
    reviewerId: sqliteInteger('reviewer_id').references(() => users.id),
    createdAt: sqliteInteger('created_at', { mode: 'timestamp' }).notNull(),
  });
  const comments = sqliteTable('comments', {
    id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
    postId: sqliteInteger('post_id')
      .notNull()
      .references(() => posts.id),
    body: sqliteText('body').notNull(),
    // Beyond 2^53, so kept as a bigint blob.
    likes: blob('likes', { mode: 'bigint' }).notNull(),
    score: sqliteNumeric('score').notNull(),
    meta: sqliteText('meta', { mode: 'json' }).$type<{ tags: string[] }>(),
    pinned: sqliteInteger('pinned', { mode: 'boolean' }).notNull(),
    at: sqliteInteger('at', { mode: 'timestamp' }).notNull(),
  });
  const groups = sqliteTable('groups', { id: sqliteInteger('id').primaryKey({ autoIncrement: true }), name: sqliteText('name').notNull() });
  const usersToGroups = sqliteTable(
    'users_to_groups',
    {
      userId: sqliteInteger('user_id')
        .notNull()
        .references(() => users.id),
      groupId: sqliteInteger('group_id')
        .notNull()
        .references(() => groups.id),
    },
    (t) => [sqlitePrimaryKey({ columns: [t.userId, t.groupId] })],
  );
  return { users, profiles, posts, comments, groups, usersToGroups };
}

function mysqlTables() {
  const users = mysqlTable('users', {
    id: int('id').primaryKey().autoincrement(),
    name: varchar('name', { length: 255 }).notNull(),
    invitedBy: int('invited_by').references((): AnyMySqlColumn => users.id),
  });
  const profiles = mysqlTable('profiles', {
    id: int('id').primaryKey().autoincrement(),
    userId: int('user_id')
      .references(() => users.id)
      .unique(),
    bio: varchar('bio', { length: 255 }),
  });
  const posts = mysqlTable('posts', {
    id: int('id').primaryKey().autoincrement(),
    title: varchar('title', { length: 255 }).notNull(),
    authorId: int('author_id').references(() => users.id),
    reviewerId: int('reviewer_id').references(() => users.id),
    createdAt: datetime('created_at').notNull(),
  });
  const comments = mysqlTable('comments', {
    id: int('id').primaryKey().autoincrement(),
    postId: int('post_id')
      .notNull()
      .references(() => posts.id),
    body: varchar('body', { length: 255 }).notNull(),
    likes: mysqlBigint('likes', { mode: 'bigint' }).notNull(),
    score: decimal('score', { precision: 6, scale: 2 }).notNull(),
    meta: json('meta').$type<{ tags: string[] }>(),
    pinned: mysqlBoolean('pinned').notNull(),
    at: datetime('at').notNull(),
  });
  const groups = mysqlTable('groups', { id: int('id').primaryKey().autoincrement(), name: varchar('name', { length: 255 }).notNull() });
  const usersToGroups = mysqlTable(
    'users_to_groups',
    {
      userId: int('user_id')
        .notNull()
        .references(() => users.id),
      groupId: int('group_id')
        .notNull()
        .references(() => groups.id),
    },
    (t) => [mysqlPrimaryKey({ columns: [t.userId, t.groupId] })],
  );
  return { users, profiles, posts, comments, groups, usersToGroups };
}

const PG_DDL = `
create table users (id serial primary key, name text not null, invited_by int references users(id));
create table profiles (id serial primary key, user_id int unique references users(id), bio text);
create table posts (id serial primary key, title text not null, author_id int references users(id), reviewer_id int references users(id), created_at timestamp not null);
create table comments (id serial primary key, post_id int not null references posts(id), body text not null, likes bigint not null, score numeric(6,2) not null, meta jsonb, pinned boolean not null, at timestamptz not null);
create table groups (id serial primary key, name text not null);
create table users_to_groups (user_id int not null references users(id), group_id int not null references groups(id), primary key (user_id, group_id));
insert into users (name, invited_by) values ('Ann', null), ('Bob', 1), ('Cy', 2);
insert into profiles (user_id, bio) values (1, 'hello');
insert into posts (title, author_id, reviewer_id, created_at) values
  ('p1', 1, 2, '2024-01-01 10:00:00'), ('p2', 1, null, '2024-01-02 10:00:00'), ('p3', 2, 1, '2024-01-03 10:00:00');
insert into comments (post_id, body, likes, score, meta, pinned, at) values
  (1, 'c1', 9007199254740993, 12.50, '{"tags":["a"]}', true, '2024-02-01 00:00:00+00'),
  (1, 'c2', 1, 0.10, null, false, '2024-02-02 00:00:00+00'),
  (3, 'c3', 2, 3.00, '"just a string"', false, '2024-02-03 00:00:00+00');
insert into groups (name) values ('admins'), ('users');
insert into users_to_groups values (1, 1), (1, 2), (2, 2);
`;

const SQLITE_DDL = `
create table users (id integer primary key autoincrement, name text not null, invited_by integer references users(id));
create table profiles (id integer primary key autoincrement, user_id integer unique references users(id), bio text);
create table posts (id integer primary key autoincrement, title text not null, author_id integer references users(id), reviewer_id integer references users(id), created_at integer not null);
create table comments (id integer primary key autoincrement, post_id integer not null references posts(id), body text not null, likes blob not null, score numeric not null, meta text, pinned integer not null, at integer not null);
create table groups (id integer primary key autoincrement, name text not null);
create table users_to_groups (user_id integer not null references users(id), group_id integer not null references groups(id), primary key (user_id, group_id));
insert into users (name, invited_by) values ('Ann', null), ('Bob', 1), ('Cy', 2);
insert into profiles (user_id, bio) values (1, 'hello');
insert into posts (title, author_id, reviewer_id, created_at) values
  ('p1', 1, 2, unixepoch('2024-01-01 10:00:00')), ('p2', 1, null, unixepoch('2024-01-02 10:00:00')), ('p3', 2, 1, unixepoch('2024-01-03 10:00:00'));
insert into comments (post_id, body, likes, score, meta, pinned, at) values
  (1, 'c1', cast('9007199254740993' as blob), '12.50', '{"tags":["a"]}', 1, unixepoch('2024-02-01 00:00:00')),
  (1, 'c2', cast('1' as blob), '0.10', null, 0, unixepoch('2024-02-02 00:00:00')),
  (3, 'c3', cast('2' as blob), '3.00', '"just a string"', 0, unixepoch('2024-02-03 00:00:00'));
insert into groups (name) values ('admins'), ('users');
insert into users_to_groups values (1, 1), (1, 2), (2, 2);
`;

const MYSQL_DDL = `
create table users (id int auto_increment primary key, name varchar(255) not null, invited_by int references users(id));
create table profiles (id int auto_increment primary key, user_id int unique references users(id), bio varchar(255));
create table posts (id int auto_increment primary key, title varchar(255) not null, author_id int references users(id), reviewer_id int references users(id), created_at datetime not null);
create table comments (id int auto_increment primary key, post_id int not null references posts(id), body varchar(255) not null, likes bigint not null, score decimal(6,2) not null, meta json, pinned boolean not null, at datetime not null);
create table \`groups\` (id int auto_increment primary key, name varchar(255) not null);
create table users_to_groups (user_id int not null references users(id), group_id int not null references \`groups\`(id), primary key (user_id, group_id));
insert into users (name, invited_by) values ('Ann', null), ('Bob', 1), ('Cy', 2);
insert into profiles (user_id, bio) values (1, 'hello');
insert into posts (title, author_id, reviewer_id, created_at) values
  ('p1', 1, 2, '2024-01-01 10:00:00'), ('p2', 1, null, '2024-01-02 10:00:00'), ('p3', 2, 1, '2024-01-03 10:00:00');
insert into comments (post_id, body, likes, score, meta, pinned, at) values
  (1, 'c1', 9007199254740993, 12.50, '{"tags":["a"]}', true, '2024-02-01 00:00:00'),
  (1, 'c2', 1, 0.10, null, false, '2024-02-02 00:00:00'),
  (3, 'c3', 2, 3.00, '"just a string"', false, '2024-02-03 00:00:00');
insert into \`groups\` (name) values ('admins'), ('users');
insert into users_to_groups values (1, 1), (1, 2), (2, 2);
`;

export function relationSchema(dialect: DialectName): { tables: RelationTables; ddl: string } {
  if (dialect === 'pg') return { tables: pgTables(), ddl: PG_DDL };
  if (dialect === 'sqlite') return { tables: sqliteTables() as unknown as RelationTables, ddl: SQLITE_DDL };
  return { tables: mysqlTables() as unknown as RelationTables, ddl: MYSQL_DDL };
}
