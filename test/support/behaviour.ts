/**
 * The targets of the shared behaviour suite, across dialects: every PostgreSQL target of
 * `targets.ts`, SQLite on better-sqlite3 and libsql (always), and MySQL through mysql2 when
 * SLUICE_MYSQL_URL is set (CI sets it). Each target gets a database of its own.
 *
 * The suite is about runtime behaviour: it holds every dialect's tables under the PostgreSQL
 * tables' static type, so one test body serves all targets. Each dialect's own types are proven
 * in `test/types/`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createClient } from '@libsql/client';
import mysql from 'mysql2/promise';
import type { Database as SluiceDatabase, Logger } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { drizzle as mysql2 } from 'sluice/mysql2';
import pg from 'pg';
import { drizzle as cockroach } from 'sluice/cockroach';
import { createPgDatabase, openTarget, pgServerUrl, targetNames as pgTargetNames } from './targets.js';

export type DialectName = 'pg' | 'sqlite' | 'mysql';

export interface OpenOptions<TSchema, TRelations> {
  schema?: TSchema;
  relations?: TRelations;
  casing?: 'snake_case' | 'camelCase';
  logger?: boolean | Logger;
}

export interface BehaviourTarget {
  /** e.g. `pglite`, `better-sqlite3`, `mysql2` */
  name: string;
  dialect: DialectName;
  /** A database handle on the target's database (typed as PostgreSQL's; see the module note). */
  open<TSchema extends Record<string, unknown>, TRelations = undefined>(opts?: OpenOptions<TSchema, TRelations>): Promise<SluiceDatabase<'pg', unknown, TSchema, TRelations>>;
  /** Runs raw SQL (several statements allowed) on the target's database. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

type Factory = () => Promise<BehaviourTarget>;

const factories: Record<string, { dialect: DialectName; make: Factory }> = {};
for (const name of pgTargetNames()) {
  factories[name] = { dialect: 'pg', make: async () => ({ ...(await openTarget(name)), dialect: 'pg' }) };
}
async function betterSqliteTarget(): Promise<BehaviourTarget> {
  const client = new Database(':memory:');
  return {
    name: 'better-sqlite3',
    dialect: 'sqlite',
    open: async (opts) => betterSqlite({ client, ...opts }) as never,
    exec: async (sql) => {
      client.exec(sql);
    },
    close: async () => {
      client.close();
    },
  };
}
async function libsqlTarget(): Promise<BehaviourTarget> {
  const client = createClient({ url: ':memory:' });
  return {
    name: 'libsql',
    dialect: 'sqlite',
    open: async (opts) => libsql({ client, ...opts }) as never,
    exec: (sql) => client.executeMultiple(sql),
    close: async () => client.close(),
  };
}
/**
 * sluice/cockroach on the PostgreSQL server: CockroachDB's dialect differs from PostgreSQL's only
 * where CockroachDB does, so the suite's PostgreSQL statements run through it unchanged, as they
 * would on CockroachDB; the few differences are cases that say so.
 */
async function cockroachOnPgTarget(): Promise<BehaviourTarget> {
  const database = await createPgDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 8, options: '-c TimeZone=UTC' });
  return {
    name: 'cockroach',
    dialect: 'pg',
    open: async (opts) => cockroach({ client: pool, ...opts }) as never,
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
if (pgServerUrl) factories.cockroach = { dialect: 'pg', make: cockroachOnPgTarget };
factories['better-sqlite3'] = { dialect: 'sqlite', make: betterSqliteTarget };
factories.libsql = { dialect: 'sqlite', make: libsqlTarget };

/** The MySQL-protocol server the mysql2 target runs on (unset: the target is not registered). */
export const mysqlServerUrl: string | undefined = process.env.SLUICE_MYSQL_URL || undefined;

/**
 * Creates an empty database `sluice_t_<random>` on the server at SLUICE_MYSQL_URL; `drop()`
 * removes it.
 */
export async function createMysqlDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!mysqlServerUrl) throw new Error('SLUICE_MYSQL_URL is not set');
  const name = `sluice_t_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection(mysqlServerUrl);
  await admin.query(`create database \`${name}\``);
  await admin.end();
  const url = new URL(mysqlServerUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = await mysql.createConnection(mysqlServerUrl!);
      await c.query(`drop database if exists \`${name}\``);
      await c.end();
    },
  };
}

async function mysql2Target(): Promise<BehaviourTarget> {
  const database = await createMysqlDatabase();
  const pool = mysql.createPool({ uri: database.url, connectionLimit: 8, timezone: 'Z' });
  // Raw setup SQL comes as scripts; one connection of its own runs several statements at once.
  const admin = await mysql.createConnection({ uri: database.url, multipleStatements: true });
  return {
    name: 'mysql2',
    dialect: 'mysql',
    open: async (opts) => mysql2({ client: pool, ...opts }) as never,
    exec: async (sql) => {
      await admin.query(sql);
    },
    close: async () => {
      await admin.end();
      await pool.end();
      await database.drop();
    },
  };
}
if (mysqlServerUrl) factories.mysql2 = { dialect: 'mysql', make: mysql2Target };

/** The targets available in this run, with their dialects. */
export function behaviourTargets(): { name: string; dialect: DialectName }[] {
  return Object.entries(factories).map(([name, f]) => ({ name, dialect: f.dialect }));
}

export function openBehaviourTarget(name: string): Promise<BehaviourTarget> {
  const f = factories[name];
  if (!f) throw new Error(`unknown target ${name}`);
  return f.make();
}

/**
 * The suite writes expected SQL in PostgreSQL's form; this turns it into the dialect's where the
 * only differences are placeholders (`?`) and identifier quotes (MySQL's backticks).
 */
export function sqlFor(dialect: DialectName, pgText: string): string {
  if (dialect === 'pg') return pgText;
  const text = pgText.replace(/\$\d+/g, '?');
  return dialect === 'mysql' ? text.replace(/"/g, '`') : text;
}

/** A value that differs by dialect in more than placeholders and quotes. */
export function byDialect<T>(dialect: DialectName, values: { pg: T; sqlite: T; mysql: T }): T {
  return values[dialect];
}

/** A logger that keeps every statement a database ran, so tests can assert the SQL sent. */
export class StatementLog implements Logger {
  last: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params: unknown[]): void {
    this.last.push({ sql, params });
  }
}

/**
 * The setup every behaviour suite repeats: opens the target once, creates its tables, resets
 * their rows and the log before each test, closes after. Call inside `describe`; read `db` in tests.
 */
export function useBehaviourDatabase(name: string, schema: { ddl: string; reset: string }): { readonly db: Awaited<ReturnType<BehaviourTarget['open']>>; log: StatementLog; lastQuery(): { sql: string; params: unknown[] } } {
  let target: BehaviourTarget;
  let db: Awaited<ReturnType<BehaviourTarget['open']>> | undefined;
  const log = new StatementLog();
  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec(schema.ddl);
    db = await target.open({ logger: log });
  });
  beforeEach(async () => {
    await target.exec(schema.reset);
    log.last = [];
  });
  afterAll(() => target.close());
  return {
    get db() {
      if (db === undefined) throw new Error('the behaviour database is opened in beforeAll; read db inside a test');
      return db;
    },
    log,
    lastQuery: () => log.last[log.last.length - 1]!,
  };
}
