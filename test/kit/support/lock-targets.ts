/**
 * Databases that several processes can share, for the run-lock tests: the PostgreSQL server and
 * MariaDB when their URLs are set, and a SQLite file always. Each makes a fresh database, holds
 * the lock a migration run takes from a separate connection, and runs queries.
 */
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationSession } from '../../../src/kit/runner.js';
import { mysql2Session } from '../../../src/kit/runner-session-mysql.js';
import { nodePgSession } from '../../../src/kit/runner-session-pg.js';
import { betterSqliteSession } from '../../../src/kit/runner-session-sqlite.js';
import { createMysqlDatabase, mysqlServerUrl } from '../../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../../support/targets.js';

export interface LockDatabase {
  dialect: 'postgresql' | 'mysql' | 'sqlite';
  /** dbCredentials for a sluice config. */
  credentials: { url: string };
  /** Takes the run lock on a connection of its own; resolves to its release. */
  holdLock(): Promise<() => Promise<void>>;
  /** A runner session on a connection of its own. */
  session(): Promise<{ session: MigrationSession; close(): Promise<void> }>;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

export interface LockTarget {
  name: string;
  create(): Promise<LockDatabase>;
}

/** The key and name the runner's locks use (src/kit/runner-session-pg.ts, -mysql.ts). */
const PG_LOCK = 'select pg_advisory_lock(7308623465336165)';
const MYSQL_LOCK = "concat('sluice_migrations:', left(database(), 40))";

const pgTarget: LockTarget = {
  name: 'PostgreSQL server',
  async create() {
    const db = await createPgDatabase();
    const client = async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    };
    return {
      dialect: 'postgresql',
      credentials: { url: db.url },
      async holdLock() {
        const c = await client();
        await c.query(PG_LOCK);
        return () => c.end();
      },
      async session() {
        const c = await client();
        return { session: nodePgSession(c), close: () => c.end() };
      },
      async query<T>(sql: string) {
        const c = await client();
        try {
          return (await c.query(sql)).rows as T[];
        } finally {
          await c.end();
        }
      },
      drop: db.drop,
    };
  },
};

const mysqlTarget: LockTarget = {
  name: 'MariaDB',
  async create() {
    const db = await createMysqlDatabase();
    const client = () => mysql.createConnection(db.url);
    return {
      dialect: 'mysql',
      credentials: { url: db.url },
      async holdLock() {
        const c = await client();
        await c.query(`select get_lock(${MYSQL_LOCK}, 0)`);
        return () => c.end();
      },
      async session() {
        const c = await client();
        return { session: mysql2Session(c), close: () => c.end() };
      },
      async query<T>(sql: string) {
        const c = await client();
        try {
          return (await c.query(sql))[0] as T[];
        } finally {
          await c.end();
        }
      },
      drop: db.drop,
    };
  },
};

const sqliteTarget: LockTarget = {
  name: 'SQLite file',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-lock-'));
    const file = join(dir, 'app.db');
    new Database(file).close();
    return {
      dialect: 'sqlite',
      credentials: { url: file },
      async holdLock() {
        // A write transaction: what each migration's BEGIN IMMEDIATE waits for.
        const c = new Database(file);
        c.exec('BEGIN IMMEDIATE');
        return async () => {
          c.exec('COMMIT');
          c.close();
        };
      },
      async session() {
        const c = new Database(file);
        return {
          session: betterSqliteSession(c),
          close: async () => {
            c.close();
          },
        };
      },
      async query<T>(sql: string) {
        const c = new Database(file, { readonly: true });
        try {
          return c.prepare(sql).all() as T[];
        } finally {
          c.close();
        }
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** The targets available in this run. */
export const lockTargets: LockTarget[] = [...(pgServerUrl ? [pgTarget] : []), ...(mysqlServerUrl ? [mysqlTarget] : []), sqliteTarget];
