/**
 * Connections killed from a second connection, for the fault suites: each target is one driver in
 * one call form (a pool sluice creates, a pool the user passes, a single client), on a database of
 * its own with a `ledger` table. `kill()` ends a backend (PostgreSQL) or thread (MariaDB) by the id
 * the connection reported for itself, so only connections of this suite are ever killed.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import postgres from 'postgres';
import { sql, type Database, type SQL } from 'sluice';
import { int, mysqlTable, text as mysqlText } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { integer, pgTable, text } from 'sluice/pg-core';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { createMysqlDatabase, mysqlServerUrl } from './behaviour.js';
import { createPgDatabase, pgServerUrl } from './targets.js';

export const pgLedger = pgTable('ledger', { id: integer('id').primaryKey(), note: text('note').notNull() });
export const mysqlLedger = mysqlTable('ledger', { id: int('id').primaryKey(), note: mysqlText('note').notNull() });
const ledgerDdl = 'create table ledger (id integer primary key, note text not null)';

// biome-ignore lint/suspicious/noExplicitAny: the targets mix dialects; each test picks its table by `dialect`
export type AnyDb = Database<any, unknown, Record<string, never>>;

export interface FaultTarget {
  /** e.g. `node-postgres (pool from a URL)`. */
  name: string;
  dialect: 'pg' | 'mysql';
  /** One connection: after it is killed, later calls reject instead of getting a new one. */
  single: boolean;
  db: AnyDb;
  /** The ledger table of this dialect. */
  ledger: typeof pgLedger | typeof mysqlLedger;
  /** A statement that takes `seconds` on the server. */
  sleep(seconds: number): SQL;
  /** An expression that takes `seconds` on the server, to select. */
  sleepExpr(seconds: number): SQL<unknown>;
  /** How many statements of other connections to this database are running a sleep now. */
  sleeping(): Promise<number>;
  /** The id of the connection a statement runs on, as an expression to select. */
  backendSql: SQL<number>;
  /** The id the server knows the connection running `db` (or `tx`) by. */
  backendId(db: AnyDb): Promise<number>;
  /** Ends that connection from a second connection, and waits until the server has let it go. */
  kill(id: number): Promise<void>;
  /** Whether the connection is still running a statement on the server. */
  busy(id: number): Promise<boolean>;
  /** Rows of the ledger, by id. */
  ids(): Promise<number[]>;
  close(): Promise<void>;
}

/** The rows of a driver's `db.execute()` result (node-postgres, postgres.js, mysql2). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` is false (the server let the connection go), for at most two seconds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && (await check()); i++) await pause(20);
}

type Make = (options: { queryTimeout?: number }) => Promise<FaultTarget>;

async function pgTarget(name: string, open: (url: string, options: { queryTimeout?: number }) => { db: AnyDb; end(): Promise<void> }, single: boolean, options: { queryTimeout?: number }): Promise<FaultTarget> {
  const database = await createPgDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(ledgerDdl);
  const { db, end } = open(database.url, options);
  const state = async (pid: number) => (await admin.query<{ state: string }>('select state from pg_stat_activity where pid = $1', [pid])).rows[0]?.state;
  return {
    name,
    dialect: 'pg',
    single,
    db,
    ledger: pgLedger,
    sleep: (seconds) => sql`select pg_sleep(${seconds})`,
    sleepExpr: (seconds) => sql`pg_sleep(${seconds})`,
    sleeping: async () => Number((await admin.query("select count(*) as n from pg_stat_activity where datname = current_database() and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()")).rows[0].n),
    backendSql: sql<number>`pg_backend_pid()`,
    backendId: async (d) => Number(rowsOf(await d.execute(sql`select pg_backend_pid() as id`))[0]!.id),
    kill: async (pid) => {
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await until(async () => (await state(pid)) !== undefined);
    },
    busy: async (pid) => (await state(pid)) === 'active',
    ids: async () => (await admin.query<{ id: number }>('select id from ledger order by id')).rows.map((r) => r.id),
    close: async () => {
      await end().catch(() => undefined);
      await admin.end();
      await database.drop();
    },
  };
}

async function mysqlTarget(name: string, open: (url: string, options: { queryTimeout?: number }) => Promise<{ db: AnyDb; end(): Promise<void> }>, single: boolean, options: { queryTimeout?: number }): Promise<FaultTarget> {
  const database = await createMysqlDatabase();
  const admin = await mysql.createConnection(database.url);
  await admin.query(ledgerDdl);
  const { db, end } = await open(database.url, options);
  const command = async (id: number) => {
    const [rows] = await admin.query('select command, info from information_schema.processlist where id = ?', [id]);
    return (rows as { command: string; info: string | null }[])[0];
  };
  return {
    name,
    dialect: 'mysql',
    single,
    db,
    ledger: mysqlLedger,
    sleep: (seconds) => sql`select sleep(${seconds})`,
    sleepExpr: (seconds) => sql`sleep(${seconds})`,
    sleeping: async () => {
      const [rows] = await admin.query("select count(*) as n from information_schema.processlist where db = database() and command = 'Query' and info like '%sleep(%' and id <> connection_id()");
      return Number((rows as { n: number }[])[0]!.n);
    },
    backendSql: sql<number>`connection_id()`,
    backendId: async (d) => Number(rowsOf(await d.execute(sql`select connection_id() as id`))[0]!.id),
    kill: async (id) => {
      await admin.query(`kill ${Number(id)}`);
      await until(async () => (await command(id)) !== undefined);
    },
    busy: async (id) => (await command(id))?.command === 'Query',
    ids: async () => {
      const [rows] = await admin.query('select id from ledger order by id');
      return (rows as { id: number }[]).map((r) => r.id);
    },
    close: async () => {
      await end().catch(() => undefined);
      await admin.end();
      await database.drop();
    },
  };
}

const targets: Record<string, Make> = {};

if (pgServerUrl) {
  targets['node-postgres (pool from a URL)'] = (o) =>
    pgTarget(
      'node-postgres (pool from a URL)',
      (url, options) => {
        const db = nodePostgres({ connection: { connectionString: url, max: 4 }, ...options });
        return { db, end: () => db.$client.end() };
      },
      false,
      o,
    );
  targets['node-postgres (pool passed in)'] = (o) =>
    pgTarget(
      'node-postgres (pool passed in)',
      (url, options) => {
        const pool = new pg.Pool({ connectionString: url, max: 4 });
        return { db: nodePostgres(pool, options), end: () => pool.end() };
      },
      false,
      o,
    );
  targets['postgres-js'] = (o) =>
    pgTarget(
      'postgres-js',
      (url, options) => {
        const client = postgres(url, { max: 4, onnotice: () => {} });
        return { db: postgresJs(client, options), end: () => client.end({ timeout: 1 }) };
      },
      false,
      o,
    );
}

if (mysqlServerUrl) {
  targets['mysql2 (pool)'] = (o) =>
    mysqlTarget(
      'mysql2 (pool)',
      async (url, options) => {
        const pool = mysql.createPool({ uri: url, connectionLimit: 4 });
        return { db: mysql2(pool, options), end: () => pool.end() };
      },
      false,
      o,
    );
}

/** Single connections: after a kill they reject every later call; nothing reconnects them. */
const singles: Record<string, Make> = {};
if (pgServerUrl) {
  singles['node-postgres (client)'] = (o) =>
    pgTarget(
      'node-postgres (client)',
      (url, options) => {
        const client = new pg.Client({ connectionString: url });
        const connected = client.connect();
        const db = nodePostgres(client, options);
        return { db: Object.assign(db, { connected }), end: () => client.end() };
      },
      true,
      o,
    );
}
if (mysqlServerUrl) {
  singles['mysql2 (connection)'] = (o) =>
    mysqlTarget(
      'mysql2 (connection)',
      async (url, options) => {
        const conn = await mysql.createConnection(url);
        return { db: mysql2(conn, options), end: () => conn.end() };
      },
      true,
      o,
    );
}

/** The pooled targets available in this run (servers set in SLUICE_PG_URL / SLUICE_MYSQL_URL). */
export function faultTargetNames(): string[] {
  return Object.keys(targets);
}

export function singleTargetNames(): string[] {
  return Object.keys(singles);
}

export async function openFaultTarget(name: string, options: { queryTimeout?: number } = {}): Promise<FaultTarget> {
  const make = targets[name] ?? singles[name];
  if (!make) throw new Error(`unknown fault target ${name}`);
  const t = await make(options);
  const connected = (t.db as { connected?: Promise<unknown> }).connected;
  if (connected) await connected;
  return t;
}

/**
 * Collects uncaught exceptions and unhandled rejections while a suite runs: a connection fault
 * must reach the caller as a rejection, never as an event nobody listens to.
 */
export function watchUncaught(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const onError = (e: unknown) => seen.push(e);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    seen,
    stop: () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

/** Runs `p` and returns how long it took to settle and what it rejected with (undefined: it resolved). */
export async function timed(p: PromiseLike<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = performance.now();
  try {
    await p;
    return { ms: performance.now() - start, error: undefined };
  } catch (e) {
    return { ms: performance.now() - start, error: e ?? new Error('rejected with nothing') };
  }
}
