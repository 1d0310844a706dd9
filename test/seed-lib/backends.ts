/**
 * The schema the seed-lib suites fill, written once per dialect with the same table and column
 * keys, and the backends they run on: PGlite and better-sqlite3 always, node-postgres and MariaDB
 * when SLUICE_PG_URL / SLUICE_MYSQL_URL are set. Each backend gets a database of its own.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Logger } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { boolean as myBoolean, decimal as myDecimal, int, mysqlEnum, mysqlTable, primaryKey as myPrimaryKey, text as myText, timestamp as myTimestamp, varchar as myVarchar, type AnyMySqlColumn } from 'sluice/mysql-core';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { boolean, integer, numeric, pgEnum, pgTable, primaryKey, serial, text, timestamp, varchar, type AnyPgColumn } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqInteger, primaryKey as sqPrimaryKey, real as sqReal, sqliteTable, text as sqText, type AnySQLiteColumn } from 'sluice/sqlite-core';
import { relations } from 'sluice';
import { createMysqlDatabase } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

export const ROLES = ['guest', 'user', 'admin'] as const;

export const roleEnum = pgEnum('seed_role', ROLES);
const pgUsers = pgTable('users', {
  id: serial().primaryKey(),
  name: text().notNull(),
  email: varchar({ length: 120 }).notNull().unique(),
  role: roleEnum().notNull(),
  age: integer(),
  active: boolean().notNull(),
  createdAt: timestamp('created_at').notNull(),
  invitedBy: integer('invited_by').references((): AnyPgColumn => pgUsers.id),
});
const pgPosts = pgTable('posts', {
  id: integer().primaryKey(),
  title: varchar({ length: 40 }).notNull(),
  price: numeric({ precision: 6, scale: 2 }).notNull(),
  authorId: integer('author_id')
    .notNull()
    .references(() => pgUsers.id),
});
const pgTags = pgTable('tags', { code: varchar({ length: 12 }).primaryKey(), label: text().notNull() });
const pgPostTags = pgTable(
  'post_tags',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => pgPosts.id),
    tagCode: varchar('tag_code', { length: 12 })
      .notNull()
      .references(() => pgTags.code),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagCode] })],
);
const pgProfiles = pgTable('profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => pgUsers.id),
  bio: text().notNull(),
});
/** The PostgreSQL schema, with relations and an enum next to the tables, as `import * as schema` gives them. */
export const pgSchema = {
  roleEnum,
  users: pgUsers,
  posts: pgPosts,
  tags: pgTags,
  postTags: pgPostTags,
  profiles: pgProfiles,
  usersRelations: relations(pgUsers, ({ many }) => ({ posts: many(pgPosts) })),
};

const sqUsers = sqliteTable('users', {
  id: sqInteger().primaryKey(),
  name: sqText().notNull(),
  email: sqText({ length: 120 }).notNull().unique(),
  role: sqText({ enum: ROLES }).notNull(),
  age: sqInteger(),
  active: sqInteger({ mode: 'boolean' }).notNull(),
  createdAt: sqInteger('created_at', { mode: 'timestamp' }).notNull(),
  invitedBy: sqInteger('invited_by').references((): AnySQLiteColumn => sqUsers.id),
});
const sqPosts = sqliteTable('posts', {
  // A unique key rather than SQLite's rowid alias, so seed() gives it values as it does PostgreSQL's `integer primary key`.
  id: sqInteger().notNull().unique(),
  title: sqText({ length: 40 }).notNull(),
  price: sqReal().notNull(),
  authorId: sqInteger('author_id')
    .notNull()
    .references(() => sqUsers.id),
});
const sqTags = sqliteTable('tags', { code: sqText({ length: 12 }).primaryKey(), label: sqText().notNull() });
const sqPostTags = sqliteTable(
  'post_tags',
  {
    postId: sqInteger('post_id')
      .notNull()
      .references(() => sqPosts.id),
    tagCode: sqText('tag_code')
      .notNull()
      .references(() => sqTags.code),
  },
  (t) => [sqPrimaryKey({ columns: [t.postId, t.tagCode] })],
);
const sqProfiles = sqliteTable('profiles', {
  userId: sqInteger('user_id')
    .notNull()
    .unique()
    .references(() => sqUsers.id),
  bio: sqText().notNull(),
});
export const sqliteSchema = { users: sqUsers, posts: sqPosts, tags: sqTags, postTags: sqPostTags, profiles: sqProfiles };

const myUsers = mysqlTable('users', {
  id: int().primaryKey().autoincrement(),
  name: myText().notNull(),
  email: myVarchar({ length: 120 }).notNull().unique(),
  role: mysqlEnum(ROLES).notNull(),
  age: int(),
  active: myBoolean().notNull(),
  createdAt: myTimestamp('created_at').notNull(),
  invitedBy: int('invited_by').references((): AnyMySqlColumn => myUsers.id),
});
const myPosts = mysqlTable('posts', {
  id: int().primaryKey(),
  title: myVarchar({ length: 40 }).notNull(),
  price: myDecimal({ precision: 6, scale: 2 }).notNull(),
  authorId: int('author_id')
    .notNull()
    .references(() => myUsers.id),
});
const myTags = mysqlTable('tags', { code: myVarchar({ length: 12 }).primaryKey(), label: myText().notNull() });
const myPostTags = mysqlTable(
  'post_tags',
  {
    postId: int('post_id')
      .notNull()
      .references(() => myPosts.id),
    tagCode: myVarchar('tag_code', { length: 12 })
      .notNull()
      .references(() => myTags.code),
  },
  (t) => [myPrimaryKey({ columns: [t.postId, t.tagCode] })],
);
const myProfiles = mysqlTable('profiles', {
  userId: int('user_id')
    .primaryKey()
    .references(() => myUsers.id),
  bio: myText().notNull(),
});
export const mysqlSchema = { users: myUsers, posts: myPosts, tags: myTags, postTags: myPostTags, profiles: myProfiles };

const PG_DDL = `
create type seed_role as enum ('guest', 'user', 'admin');
create table users (id serial primary key, name text not null, email varchar(120) not null unique, role seed_role not null, age integer, active boolean not null, created_at timestamp not null, invited_by integer references users(id));
create table posts (id integer primary key, title varchar(40) not null, price numeric(6, 2) not null, author_id integer not null references users(id));
create table tags (code varchar(12) primary key, label text not null);
create table post_tags (post_id integer not null references posts(id), tag_code varchar(12) not null references tags(code), primary key (post_id, tag_code));
create table profiles (user_id integer primary key references users(id), bio text not null);`;

const SQLITE_DDL = `
create table users (id integer primary key, name text not null, email text not null unique, role text not null, age integer, active integer not null, created_at integer not null, invited_by integer references users(id));
create table posts (id integer not null unique, title text not null, price real not null, author_id integer not null references users(id));
create table tags (code text primary key, label text not null);
create table post_tags (post_id integer not null references posts(id), tag_code text not null references tags(code), primary key (post_id, tag_code));
create table profiles (user_id integer not null unique references users(id), bio text not null);`;

const MYSQL_DDL = [
  "create table users (id int auto_increment primary key, name text not null, email varchar(120) not null unique, role enum('guest', 'user', 'admin') not null, age int, active boolean not null, created_at timestamp not null, invited_by int, foreign key (invited_by) references users(id))",
  'create table posts (id int primary key, title varchar(40) not null, price decimal(6, 2) not null, author_id int not null, foreign key (author_id) references users(id))',
  'create table tags (code varchar(12) primary key, label text not null)',
  'create table post_tags (post_id int not null, tag_code varchar(12) not null, primary key (post_id, tag_code), foreign key (post_id) references posts(id), foreign key (tag_code) references tags(code))',
  'create table profiles (user_id int primary key, bio text not null, foreign key (user_id) references users(id))',
];

/** A backend the suites run on: a sluice database with the schema's tables created, and raw reads for checks. */
export interface SeedBackend {
  name: string;
  dialect: 'pg' | 'sqlite' | 'mysql';
  schema: typeof pgSchema;
  /** The database, typed as PostgreSQL's (the suites use only what every dialect has). */
  db: ReturnType<typeof pglite<typeof pgSchema>>;
  /** Rows of a raw query, as plain objects. */
  query(text: string): Promise<Record<string, unknown>[]>;
  /** Statements the database ran since the last call. */
  takeLog(): string[];
  close(): Promise<void>;
}

type Opener = () => Promise<SeedBackend>;

function recorder(): { logger: Logger; take(): string[] } {
  let log: string[] = [];
  return {
    logger: { logQuery: (q) => log.push(q) },
    take: () => {
      const out = log;
      log = [];
      return out;
    },
  };
}

const openers: Record<string, Opener> = {
  pglite: async () => {
    const client = new PGlite();
    await client.exec(PG_DDL);
    const rec = recorder();
    return {
      name: 'pglite',
      dialect: 'pg',
      schema: pgSchema,
      db: pglite({ client, schema: pgSchema, logger: rec.logger }),
      query: async (text) => (await client.query<Record<string, unknown>>(text)).rows,
      takeLog: rec.take,
      close: () => client.close(),
    };
  },
  'better-sqlite3': async () => {
    const client = new Database(':memory:');
    client.exec(SQLITE_DDL);
    const rec = recorder();
    return {
      name: 'better-sqlite3',
      dialect: 'sqlite',
      schema: sqliteSchema as unknown as typeof pgSchema,
      db: betterSqlite({ client, logger: rec.logger }) as never,
      query: async (text) => client.prepare(text).all() as Record<string, unknown>[],
      takeLog: rec.take,
      close: async () => {
        client.close();
      },
    };
  },
};

if (pgServerUrl) {
  openers['node-postgres'] = async () => {
    const database = await createPgDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4, options: '-c TimeZone=UTC' });
    await pool.query(PG_DDL);
    const rec = recorder();
    return {
      name: 'node-postgres',
      dialect: 'pg',
      schema: pgSchema,
      db: nodePostgres({ client: pool, schema: pgSchema, logger: rec.logger }) as never,
      query: async (text) => (await pool.query(text)).rows,
      takeLog: rec.take,
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
}

if (process.env.SLUICE_MYSQL_URL) {
  openers.mariadb = async () => {
    const database = await createMysqlDatabase();
    const pool = mysql.createPool({ uri: database.url, connectionLimit: 4, timezone: 'Z' });
    for (const ddl of MYSQL_DDL) await pool.query(ddl);
    const rec = recorder();
    return {
      name: 'mariadb',
      dialect: 'mysql',
      schema: mysqlSchema as unknown as typeof pgSchema,
      db: mysql2({ client: pool, logger: rec.logger, mode: 'default' }) as never,
      query: async (text) => (await pool.query(text))[0] as Record<string, unknown>[],
      takeLog: rec.take,
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
}

/** The backends of this run (the server ones only when their URL is set). */
export const backendNames = Object.keys(openers);

export function openBackend(name: string): Promise<SeedBackend> {
  return openers[name]!();
}
