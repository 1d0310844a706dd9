/**
 * The databases the large-values stress suite runs on, each in a database of its own: PGlite,
 * node-postgres and postgres.js (PostgreSQL), mysql2 (MariaDB), better-sqlite3 and libsql (a SQLite
 * file in WAL mode, as an application keeps one). Each has the two tables the suite writes: `blobs`
 * (a text and a binary column) and `bulk` (several columns, for inserts beyond the parameter limit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import postgres from 'postgres';
import type { Database as SluiceDatabase, Logger } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { boolean as myBoolean, int, longblob, longtext, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { boolean, bytea, integer, pgTable, text } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { blob, integer as liteInteger, sqliteTable, text as liteText } from 'sluice/sqlite-core';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

export type LargeDialect = 'pg' | 'mysql' | 'sqlite';

function pgTables() {
  return {
    blobs: pgTable('blobs', { id: integer('id').primaryKey(), body: text('body'), data: bytea('data') }),
    bulk: pgTable('bulk', { id: integer('id').primaryKey(), name: text('name').notNull(), amount: integer('amount').notNull(), flag: boolean('flag').notNull(), note: text('note') }),
  };
}
type Tables = ReturnType<typeof pgTables>;

// Every dialect's tables are held under PostgreSQL's static type, so one test body serves all.
function mysqlTables(): Tables {
  return {
    blobs: mysqlTable('blobs', { id: int('id').primaryKey(), body: longtext('body'), data: longblob('data') }),
    bulk: mysqlTable('bulk', { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull(), amount: int('amount').notNull(), flag: myBoolean('flag').notNull(), note: longtext('note') }),
  } as unknown as Tables;
}

function sqliteTables(): Tables {
  return {
    blobs: sqliteTable('blobs', { id: liteInteger('id').primaryKey(), body: liteText('body'), data: blob('data') }),
    bulk: sqliteTable('bulk', {
      id: liteInteger('id').primaryKey(),
      name: liteText('name').notNull(),
      amount: liteInteger('amount').notNull(),
      flag: liteInteger('flag', { mode: 'boolean' }).notNull(),
      note: liteText('note'),
    }),
  } as unknown as Tables;
}

const DDL: Record<LargeDialect, string[]> = {
  pg: ['create table blobs (id integer primary key, body text, data bytea)', 'create table bulk (id integer primary key, name text not null, amount integer not null, flag boolean not null, note text)'],
  mysql: ['create table blobs (id int primary key, body longtext, data longblob)', 'create table bulk (id int primary key, name varchar(64) not null, amount int not null, flag boolean not null, note longtext)'],
  sqlite: ['create table blobs (id integer primary key, body text, data blob)', 'create table bulk (id integer primary key, name text not null, amount integer not null, flag integer not null, note text)'],
};

export interface LargeTarget {
  name: string;
  dialect: LargeDialect;
  tables: Tables;
  /** A handle on the target's database (typed as PostgreSQL's, see above). */
  db: SluiceDatabase<'pg', unknown>;
  /** Runs one raw statement and returns its rows (as objects). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

type Open = (logger: Logger) => Promise<Omit<LargeTarget, 'tables' | 'dialect' | 'name'>>;

const openers: { name: string; dialect: LargeDialect; open: Open }[] = [
  {
    name: 'pglite',
    dialect: 'pg',
    open: async (logger) => {
      const client = new PGlite();
      return {
        db: pglite({ client, logger }) as never,
        query: async (s) => (await client.query<Record<string, unknown>>(s)).rows,
        close: () => client.close(),
      };
    },
  },
];

if (pgServerUrl) {
  openers.push(
    {
      name: 'node-postgres',
      dialect: 'pg',
      open: async (logger) => {
        const database = await createPgDatabase();
        const pool = new pg.Pool({ connectionString: database.url, max: 4 });
        return {
          db: nodePostgres({ client: pool, logger }) as never,
          query: async (s) => (await pool.query(s)).rows,
          close: async () => {
            await endPool(pool, database);
          },
        };
      },
    },
    {
      name: 'postgres-js',
      dialect: 'pg',
      open: async (logger) => {
        const database = await createPgDatabase();
        const client = postgres(database.url, { max: 4, onnotice: () => {} });
        return {
          db: postgresJs({ client, logger }) as never,
          query: async (s) => [...(await client.unsafe(s))] as Record<string, unknown>[],
          close: async () => {
            await client.end();
            await database.drop();
          },
        };
      },
    },
  );
}

if (mysqlServerUrl) {
  openers.push({
    name: 'mysql2',
    dialect: 'mysql',
    open: async (logger) => {
      const database = await createMysqlDatabase();
      const pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
      return {
        db: mysql2({ client: pool, logger }) as never,
        query: async (s) => (await pool.query(s))[0] as Record<string, unknown>[],
        close: async () => {
          await pool.end();
          await database.drop();
        },
      };
    },
  });
}

/**
 * Ends a node-postgres pool, then drops its database once the server has seen every connection
 * go: `pool.end()` resolves before the clients have closed, and the forced drop would terminate a
 * closing client, whose error then has no listener.
 */
export async function endPool(pool: pg.Pool, database: { name: string; drop(): Promise<void> }): Promise<void> {
  await pool.end();
  const admin = new pg.Client({ connectionString: pgServerUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [database.name]);
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
  await database.drop();
}

/** A SQLite file in WAL mode in a directory of its own, removed on close. */
function sqliteFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-large-'));
  return { file: join(dir, 'large.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

openers.push(
  {
    name: 'better-sqlite3',
    dialect: 'sqlite',
    open: async (logger) => {
      const { file, remove } = sqliteFile();
      const client = new Database(file);
      client.pragma('journal_mode = WAL');
      return {
        db: betterSqlite({ client, logger }) as never,
        query: async (s) => {
          const statement = client.prepare(s);
          if (statement.reader) return statement.all() as Record<string, unknown>[];
          statement.run();
          return [];
        },
        close: async () => {
          client.close();
          remove();
        },
      };
    },
  },
  {
    name: 'libsql',
    dialect: 'sqlite',
    open: async (logger) => {
      const { file, remove } = sqliteFile();
      const client = createClient({ url: `file:${file}` });
      await client.execute('pragma journal_mode = WAL');
      return {
        db: libsql({ client, logger }) as never,
        query: async (s) => (await client.execute(s)).rows.map((r) => ({ ...r })),
        close: async () => {
          client.close();
          remove();
        },
      };
    },
  },
);

/** The targets of this run: the embedded engines always, the servers when their URLs are set. */
export function largeTargetNames(): { name: string; dialect: LargeDialect }[] {
  return openers.map(({ name, dialect }) => ({ name, dialect }));
}

/** Opens a target with its two tables created. */
export async function openLargeTarget(name: string, logger: Logger): Promise<LargeTarget> {
  const o = openers.find((x) => x.name === name);
  if (!o) throw new Error(`unknown target ${name}`);
  const t = await o.open(logger);
  for (const statement of DDL[o.dialect]) await t.query(statement);
  const tables = o.dialect === 'pg' ? pgTables() : o.dialect === 'mysql' ? mysqlTables() : sqliteTables();
  return { ...t, name, dialect: o.dialect, tables };
}
