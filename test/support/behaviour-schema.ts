/**
 * The builder suite's tables in each dialect, with the DDL that creates them and the SQL that
 * resets them to the same four users, four posts and two accounts everywhere.
 */
import { boolean, integer, pgTable, serial, text, timestamp } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { boolean as mysqlBoolean, datetime, int, json, mysqlTable, serial as mysqlSerial, text as mysqlText, varchar } from 'sluice/mysql-core';
import type { DialectName } from './behaviour.js';

const onUpdate = () => '2030-01-01 00:00:00';
const slug = () => 'generated-slug';

function pgTables() {
  return {
    users: pgTable('users', {
      id: serial('id').primaryKey(),
      name: text('name').notNull(),
      email: text('email').notNull().unique(),
      age: integer('age'),
      verified: boolean('verified').notNull().default(false),
      tags: text('tags').array(),
      invitedBy: integer('invited_by'),
      updatedAt: timestamp('updated_at', { mode: 'string' }).$onUpdate(onUpdate),
    }),
    posts: pgTable('posts', {
      id: serial('id').primaryKey(),
      title: text('title').notNull(),
      authorId: integer('author_id'),
      views: integer('views').notNull().default(0),
      slug: text('slug').$defaultFn(slug),
    }),
    accounts: pgTable('accounts', { userId: integer('user_id').primaryKey(), balance: integer('balance').notNull() }),
    snake: pgTable('snake_people', { personId: serial().primaryKey(), firstName: text().notNull() }),
  };
}
export type BuilderTables = ReturnType<typeof pgTables>;

function sqliteTables() {
  return {
    users: sqliteTable('users', {
      id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
      name: sqliteText('name').notNull(),
      email: sqliteText('email').notNull().unique(),
      age: sqliteInteger('age'),
      verified: sqliteInteger('verified', { mode: 'boolean' }).notNull().default(false),
      // SQLite has no arrays: the tags are a JSON array in text.
      tags: sqliteText('tags', { mode: 'json' }).$type<string[]>(),
      invitedBy: sqliteInteger('invited_by'),
      updatedAt: sqliteText('updated_at').$onUpdate(onUpdate),
    }),
    posts: sqliteTable('posts', {
      id: sqliteInteger('id').primaryKey({ autoIncrement: true }),
      title: sqliteText('title').notNull(),
      authorId: sqliteInteger('author_id'),
      views: sqliteInteger('views').notNull().default(0),
      slug: sqliteText('slug').$defaultFn(slug),
    }),
    accounts: sqliteTable('accounts', { userId: sqliteInteger('user_id').primaryKey(), balance: sqliteInteger('balance').notNull() }),
    snake: sqliteTable('snake_people', { personId: sqliteInteger().primaryKey({ autoIncrement: true }), firstName: sqliteText().notNull() }),
  };
}

function mysqlTables() {
  return {
    users: mysqlTable('users', {
      id: mysqlSerial('id').primaryKey(),
      name: varchar('name', { length: 255 }).notNull(),
      email: varchar('email', { length: 255 }).notNull().unique(),
      age: int('age'),
      verified: mysqlBoolean('verified').notNull().default(false),
      // MySQL has no arrays: the tags are a JSON array.
      tags: json('tags').$type<string[]>(),
      invitedBy: int('invited_by'),
      updatedAt: datetime('updated_at', { mode: 'string' }).$onUpdate(onUpdate),
    }),
    posts: mysqlTable('posts', {
      id: mysqlSerial('id').primaryKey(),
      title: varchar('title', { length: 255 }).notNull(),
      authorId: int('author_id'),
      views: int('views').notNull().default(0),
      slug: varchar('slug', { length: 255 }).$defaultFn(slug),
    }),
    accounts: mysqlTable('accounts', { userId: int('user_id').primaryKey(), balance: int('balance').notNull() }),
    snake: mysqlTable('snake_people', { personId: mysqlSerial().primaryKey(), firstName: mysqlText().notNull() }),
  };
}

const PG = {
  ddl: `
create table users (id serial primary key, name text not null, email text not null unique, age integer, verified boolean not null default false,
  tags text[], invited_by integer, updated_at timestamp);
create table posts (id serial primary key, title text not null, author_id integer, views integer not null default 0, slug text);
create table accounts (user_id integer primary key, balance integer not null);
create table snake_people (person_id serial primary key, first_name text not null);`,
  reset: `truncate users, posts, accounts, snake_people restart identity;
insert into users (name, email, age, verified, tags, invited_by) values
  ('Ann', 'ann@x.io', 30, true, '{a,b}', null), ('Bob', 'bob@x.io', 17, false, '{b}', 1), ('Cy', 'cy@x.io', 45, true, null, 1), ('Dee', 'dee@x.io', null, false, '{}', 2);
insert into posts (title, author_id, views) values ('p1', 1, 10), ('p2', 1, 20), ('p3', 2, 5), ('orphan', null, 1);
insert into accounts values (1, 500), (2, 50);`,
};

const SQLITE = {
  ddl: `
create table users (id integer primary key autoincrement, name text not null, email text not null unique, age integer, verified integer not null default 0,
  tags text, invited_by integer, updated_at text);
create table posts (id integer primary key autoincrement, title text not null, author_id integer, views integer not null default 0, slug text);
create table accounts (user_id integer primary key, balance integer not null);
create table snake_people (person_id integer primary key autoincrement, first_name text not null);`,
  reset: `delete from users; delete from posts; delete from accounts; delete from snake_people; delete from sqlite_sequence;
insert into users (name, email, age, verified, tags, invited_by) values
  ('Ann', 'ann@x.io', 30, 1, '["a","b"]', null), ('Bob', 'bob@x.io', 17, 0, '["b"]', 1), ('Cy', 'cy@x.io', 45, 1, null, 1), ('Dee', 'dee@x.io', null, 0, '[]', 2);
insert into posts (title, author_id, views) values ('p1', 1, 10), ('p2', 1, 20), ('p3', 2, 5), ('orphan', null, 1);
insert into accounts values (1, 500), (2, 50);`,
};

const MYSQL = {
  ddl: `
create table users (id serial primary key, name varchar(255) not null, email varchar(255) not null unique, age int, verified boolean not null default false,
  tags json, invited_by int, updated_at datetime);
create table posts (id serial primary key, title varchar(255) not null, author_id int, views int not null default 0, slug varchar(255));
create table accounts (user_id int primary key, balance int not null);
create table snake_people (person_id serial primary key, first_name text not null);`,
  reset: `truncate users; truncate posts; truncate accounts; truncate snake_people;
insert into users (name, email, age, verified, tags, invited_by) values
  ('Ann', 'ann@x.io', 30, true, '["a","b"]', null), ('Bob', 'bob@x.io', 17, false, '["b"]', 1), ('Cy', 'cy@x.io', 45, true, null, 1), ('Dee', 'dee@x.io', null, false, '[]', 2);
insert into posts (title, author_id, views) values ('p1', 1, 10), ('p2', 1, 20), ('p3', 2, 5), ('orphan', null, 1);
insert into accounts values (1, 500), (2, 50);`,
};

export interface BuilderSchema {
  tables: BuilderTables;
  ddl: string;
  reset: string;
}

export function builderSchema(dialect: DialectName): BuilderSchema {
  if (dialect === 'pg') return { tables: pgTables(), ...PG };
  if (dialect === 'sqlite') return { tables: sqliteTables() as unknown as BuilderTables, ...SQLITE };
  return { tables: mysqlTables() as unknown as BuilderTables, ...MYSQL };
}
