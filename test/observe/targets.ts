/**
 * The databases the logging and tracing suites run on, each with one `obs_items` table and what it
 * can do (`returning`, streaming `.iterator()`, synchronous calls). PGlite and better-sqlite3 always
 * run; node-postgres and postgres.js when SLUICE_PG_URL is set, MariaDB (mysql2) when
 * SLUICE_MYSQL_URL is, each in a database of its own.
 */
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import pg from 'pg';
import postgres from 'postgres';
import type { Logger, QueryObserver } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer as pgInteger, pgTable, text as pgText } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

export const pgItems = pgTable('obs_items', { id: pgInteger('id').primaryKey(), name: pgText('name').notNull() });
export const sqliteItems = sqliteTable('obs_items', { id: integer('id').primaryKey(), name: text('name').notNull() });
export const mysqlItems = mysqlTable('obs_items', { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull() });

export interface ObserveOptions {
  logger?: boolean | Logger;
  tracing?: QueryObserver;
}

export interface ObserveTarget {
  name: string;
  /** The `db.system` its spans report. */
  system: string;
  /** `db.namespace`, `server.address` and `server.port` when the client's configuration gives them. */
  server?: { namespace: string; host: string; port: number };
  returning: boolean;
  streams: boolean;
  sync: boolean;
  /** A database on the target; `items` is its `obs_items` table, empty. */
  // biome-ignore lint/suspicious/noExplicitAny: one handle type across dialects; the suites use the shared API.
  open(options: ObserveOptions): { db: any; items: any };
  /** Empties `obs_items`. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const DDL = 'create table obs_items (id integer primary key, name varchar(50) not null)';

type Factory = () => Promise<ObserveTarget>;

const factories: Record<string, Factory> = {
  pglite: async () => {
    const client = new PGlite();
    await client.exec(DDL);
    return {
      name: 'pglite',
      system: 'postgresql',
      returning: true,
      streams: false,
      sync: false,
      open: (o) => ({ db: pglite({ client, ...o }), items: pgItems }),
      reset: async () => void (await client.exec('delete from obs_items')),
      close: () => client.close(),
    };
  },
  'better-sqlite3': async () => {
    const client = new Database(':memory:');
    client.exec(DDL);
    return {
      name: 'better-sqlite3',
      system: 'sqlite',
      returning: true,
      streams: false,
      sync: true,
      open: (o) => ({ db: betterSqlite({ client, ...o }), items: sqliteItems }),
      reset: async () => void client.exec('delete from obs_items'),
      close: async () => void client.close(),
    };
  },
};

if (pgServerUrl) {
  factories['node-postgres'] = async () => {
    const database = await createPgDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await pool.query(DDL);
    const url = new URL(database.url);
    return {
      name: 'node-postgres',
      system: 'postgresql',
      server: { namespace: database.name, host: url.hostname, port: Number(url.port || 5432) },
      returning: true,
      streams: true,
      sync: false,
      open: (o) => ({ db: nodePostgres({ client: pool, ...o }), items: pgItems }),
      reset: async () => void (await pool.query('delete from obs_items')),
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
  factories['postgres-js'] = async () => {
    const database = await createPgDatabase();
    const client = postgres(database.url, { max: 4, onnotice: () => undefined });
    await client.unsafe(DDL);
    const url = new URL(database.url);
    return {
      name: 'postgres-js',
      system: 'postgresql',
      server: { namespace: database.name, host: url.hostname, port: Number(url.port || 5432) },
      returning: true,
      streams: true,
      sync: false,
      open: (o) => ({ db: postgresJs({ client, ...o }), items: pgItems }),
      reset: async () => void (await client.unsafe('delete from obs_items')),
      close: async () => {
        await client.end();
        await database.drop();
      },
    };
  };
}

if (mysqlServerUrl) {
  factories.mariadb = async () => {
    const database = await createMysqlDatabase();
    const pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
    await pool.query(DDL);
    const url = new URL(database.url);
    return {
      name: 'mariadb',
      system: 'mysql',
      server: { namespace: database.name, host: url.hostname, port: Number(url.port || 3306) },
      returning: false,
      streams: true,
      sync: false,
      open: (o) => ({ db: mysql2({ client: pool, ...o }), items: mysqlItems }),
      reset: async () => void (await pool.query('delete from obs_items')),
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
}

/** The targets available here, by name. */
export const observeTargets: string[] = Object.keys(factories);

export function openObserveTarget(name: string): Promise<ObserveTarget> {
  return factories[name]!();
}

/** A logger that keeps what it is told, in order. */
export class RecordingLogger implements Logger {
  started: { sql: string; params: unknown[] }[] = [];
  ended: { sql: string; params: unknown[]; durationMs: number; rowCount: number | undefined; error?: unknown }[] = [];
  logQuery(sql: string, params: unknown[]): void {
    this.started.push({ sql, params });
  }
  logQueryEnd(event: { sql: string; params: unknown[]; durationMs: number; rowCount: number | undefined; error?: unknown }): void {
    this.ended.push(event);
  }
  clear(): void {
    this.started = [];
    this.ended = [];
  }
}
