/**
 * The databases the cache suites run on: PGlite and better-sqlite3 always, node-postgres and
 * MariaDB (mysql2) when SLUICE_PG_URL / SLUICE_MYSQL_URL are set. Each target gives the same two
 * tables in its dialect (under PostgreSQL's static types, as the behaviour suite does) and opens
 * databases with a logger that records every statement, so a test can tell a cache hit (no
 * statement) from a query that reached the database.
 */
import { PGlite } from '@electric-sql/pglite';
import Sqlite from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Database } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import type { Cache } from 'sluice/cache/core';
import { int, mysqlTable, timestamp as myTimestamp, varchar } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer, pgTable, text, timestamp } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqliteInt, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { createMysqlDatabase } from '../support/behaviour.js';
import { createPgDatabase } from '../support/targets.js';

export const pgUsers = pgTable('cache_users', { id: integer('id').primaryKey(), name: text('name').notNull(), createdAt: timestamp('created_at', { mode: 'date' }) });
export const pgPosts = pgTable('cache_posts', { id: integer('id').primaryKey(), userId: integer('user_id').notNull(), title: text('title').notNull() });
export type Users = typeof pgUsers;
export type Posts = typeof pgPosts;

const myUsers = mysqlTable('cache_users', { id: int('id').primaryKey(), name: varchar('name', { length: 100 }).notNull(), createdAt: myTimestamp('created_at', { mode: 'date', fsp: 3 }) });
const myPosts = mysqlTable('cache_posts', { id: int('id').primaryKey(), userId: int('user_id').notNull(), title: varchar('title', { length: 100 }).notNull() });
const liteUsers = sqliteTable('cache_users', { id: sqliteInt('id').primaryKey(), name: sqliteText('name').notNull(), createdAt: sqliteInt('created_at', { mode: 'timestamp_ms' }) });
const litePosts = sqliteTable('cache_posts', { id: sqliteInt('id').primaryKey(), userId: sqliteInt('user_id').notNull(), title: sqliteText('title').notNull() });

const pgDdl = ['create table cache_users (id integer primary key, name text not null, created_at timestamp)', 'create table cache_posts (id integer primary key, user_id integer not null, title text not null)'];
const myDdl = ['create table cache_users (id int primary key, name varchar(100) not null, created_at timestamp(3) null)', 'create table cache_posts (id int primary key, user_id int not null, title varchar(100) not null)'];
const liteDdl = ['create table cache_users (id integer primary key, name text not null, created_at integer)', 'create table cache_posts (id integer primary key, user_id integer not null, title text not null)'];

export type CacheDb = Database<'pg', unknown, Record<string, unknown>, undefined>;

export interface CacheTarget {
  name: string;
  dialect: 'pg' | 'mysql' | 'sqlite';
  users: Users;
  posts: Posts;
  /** A database on the target's (shared, per-target) data with this cache; `log` receives every statement. */
  open(cache: Cache | undefined, log: string[], schema?: Record<string, unknown>): CacheDb;
  close(): Promise<void>;
}

type Factory = () => Promise<CacheTarget>;

export const cacheTargets: Record<string, Factory> = {
  pglite: async () => {
    const client = new PGlite();
    for (const s of pgDdl) await client.exec(s);
    return {
      name: 'pglite',
      dialect: 'pg',
      users: pgUsers,
      posts: pgPosts,
      open: (cache, log, schema) => pglite({ client, cache, schema, logger: { logQuery: (q) => log.push(q) } }) as never,
      close: () => client.close(),
    };
  },
  'better-sqlite3': async () => {
    const client = new Sqlite(':memory:');
    for (const s of liteDdl) client.exec(s);
    return {
      name: 'better-sqlite3',
      dialect: 'sqlite',
      users: liteUsers as never,
      posts: litePosts as never,
      open: (cache, log, schema) => betterSqlite({ client, cache, schema, logger: { logQuery: (q) => log.push(q) } }) as never,
      close: async () => {
        client.close();
      },
    };
  },
};

if (process.env.SLUICE_PG_URL) {
  cacheTargets['node-postgres'] = async () => {
    const database = await createPgDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    for (const s of pgDdl) await pool.query(s);
    return {
      name: 'node-postgres',
      dialect: 'pg',
      users: pgUsers,
      posts: pgPosts,
      open: (cache, log, schema) => nodePostgres({ client: pool, cache, schema, logger: { logQuery: (q) => log.push(q) } }) as never,
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
}

if (process.env.SLUICE_MYSQL_URL) {
  cacheTargets.mysql2 = async () => {
    const database = await createMysqlDatabase();
    const pool = mysql.createPool({ uri: database.url, connectionLimit: 4, timezone: 'Z' });
    for (const s of myDdl) await pool.query(s);
    return {
      name: 'mysql2',
      dialect: 'mysql',
      users: myUsers as never,
      posts: myPosts as never,
      open: (cache, log, schema) => mysql2({ client: pool, cache, schema, logger: { logQuery: (q) => log.push(q) } }) as never,
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
}
