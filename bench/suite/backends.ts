/**
 * The raw clients each child process opens, loaded with the same dataset: the embedded backends
 * (better-sqlite3, PGlite) in memory, the server backends (PostgreSQL, MariaDB) in a database of
 * the process's own, created at start and dropped by `closeBackends()`.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { MYSQL_DDL, PG_DDL, SQLITE_DDL, type Dataset } from './data.js';

export type BackendName = 'better-sqlite3' | 'pglite' | 'postgres' | 'mariadb';

/** Embedded backends always; a server backend when its URL is set (`SLUICE_PG_URL`, `SLUICE_MYSQL_URL`). */
export const BACKENDS: BackendName[] = ['better-sqlite3', 'pglite', ...(process.env.SLUICE_PG_URL ? (['postgres'] as const) : []), ...(process.env.SLUICE_MYSQL_URL ? (['mariadb'] as const) : [])];

/** Server backends: reached over the network through a pool, so queries can be in flight together. */
export const isServer = (backend: BackendName): boolean => backend === 'postgres' || backend === 'mariadb';

/**
 * Connections per pool on the server backends (pg `max`, mysql2 `connectionLimit`). The four
 * comparators' processes are alive at once, so their pools together stay under PostgreSQL's
 * default `max_connections` of 100.
 */
export const POOL_SIZE = 20;

/** What the opened server reported, for the results file. */
export const backendInfo: { version?: string } = {};

const cleanups: (() => Promise<void>)[] = [];

/**
 * Ends the pools and drops the databases this process created, newest first. Every step runs even
 * if an earlier one failed; calling it again does nothing.
 */
export async function closeBackends(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      process.stderr.write(`bench cleanup: ${(e as Error).message}\n`);
    }
  }
}

/** A fresh database name per process, so comparators (and concurrent runs) never share state. */
const databaseName = () => `bench_${randomBytes(6).toString('hex')}`;

/** `url` with its database (path) replaced. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The dataset as positional rows, in the tables' column order. */
function tableRows(data: Dataset): [table: string, rows: unknown[][]][] {
  return [
    ['customers', data.customers.map((r) => [r.id, r.name, r.city, r.country])],
    ['employees', data.employees.map((r) => [r.id, r.name, r.reportsTo])],
    ['products', data.products.map((r) => [r.id, r.name, r.price, r.supplier])],
    ['orders', data.orders.map((r) => [r.id, r.customerId, r.employeeId, r.orderedAt])],
    ['order_details', data.details.map((r) => [r.id, r.orderId, r.productId, r.quantity, r.unitPrice])],
  ];
}

export function openSqlite(data: Dataset): Database.Database {
  const db = new Database(':memory:');
  for (const ddl of SQLITE_DDL) db.exec(ddl);
  const load = db.transaction(() => {
    const c = db.prepare('insert into customers values (?, ?, ?, ?)');
    for (const r of data.customers) c.run(r.id, r.name, r.city, r.country);
    const e = db.prepare('insert into employees values (?, ?, ?)');
    for (const r of data.employees) e.run(r.id, r.name, r.reportsTo);
    const p = db.prepare('insert into products values (?, ?, ?, ?)');
    for (const r of data.products) p.run(r.id, r.name, r.price, r.supplier);
    const o = db.prepare('insert into orders values (?, ?, ?, ?)');
    for (const r of data.orders) o.run(r.id, r.customerId, r.employeeId, r.orderedAt);
    const d = db.prepare('insert into order_details values (?, ?, ?, ?, ?)');
    for (const r of data.details) d.run(r.id, r.orderId, r.productId, r.quantity, r.unitPrice);
  });
  load();
  return db;
}

export async function openPglite(data: Dataset): Promise<PGlite> {
  const db = new PGlite();
  for (const ddl of PG_DDL) await db.exec(ddl);
  const copy = async (table: string, rows: Record<string, unknown>[], cols: string[]) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = chunk.map((r) => `(${cols.map((c) => `$${params.push(r[c])}`).join(', ')})`);
      await db.query(`insert into ${table} values ${values.join(', ')}`, params);
    }
  };
  await copy('customers', data.customers, ['id', 'name', 'city', 'country']);
  await copy('employees', data.employees, ['id', 'name', 'reportsTo']);
  await copy('products', data.products, ['id', 'name', 'price', 'supplier']);
  await copy('orders', data.orders, ['id', 'customerId', 'employeeId', 'orderedAt']);
  await copy('order_details', data.details, ['id', 'orderId', 'productId', 'quantity', 'unitPrice']);
  for (const t of ['customers', 'employees', 'products', 'orders', 'order_details', 'bulk']) await db.exec(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  return db;
}

/** Runs one statement on a short-lived connection to the server's own database (`SLUICE_PG_URL`). */
async function pgAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL at `SLUICE_PG_URL`: creates `bench_<random>`, loads the dataset (multi-row inserts of
 * 1,000 rows) and returns a `pg.Pool` of `POOL_SIZE` connections on it. `closeBackends()` ends the pool and
 * drops the database (`with (force)`, so a connection left behind cannot keep it alive).
 */
export async function openPostgres(data: Dataset): Promise<pg.Pool> {
  const url = process.env.SLUICE_PG_URL;
  if (!url) throw new Error('SLUICE_PG_URL is not set');
  const name = databaseName();
  await pgAdmin(url, `create database ${name}`);
  let pool: pg.Pool | undefined;
  cleanups.push(async () => {
    try {
      await pool?.end();
    } finally {
      await pgAdmin(url, `drop database if exists ${name} with (force)`);
    }
  });
  pool = new pg.Pool({ connectionString: withDatabase(url, name), max: POOL_SIZE });
  // An idle client losing its connection must not take the process down before cleanup.
  pool.on('error', (e) => process.stderr.write(`pg pool: ${e.message}\n`));
  for (const ddl of PG_DDL) await pool.query(ddl);
  for (const [table, rows] of tableRows(data)) {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = chunk.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
      await pool.query(`insert into ${table} values ${values.join(', ')}`, params);
    }
  }
  for (const t of ['customers', 'employees', 'products', 'orders', 'order_details', 'bulk']) await pool.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  await pool.query('analyze');
  backendInfo.version = (await pool.query<{ v: string }>(`select 'PostgreSQL ' || current_setting('server_version') as v`)).rows[0]!.v;
  return pool;
}

/** Runs one statement on a short-lived connection to `SLUICE_MYSQL_URL`. */
async function mysqlAdmin(url: string, statement: string): Promise<void> {
  const conn = await mysql.createConnection(url);
  try {
    await conn.query(statement);
  } finally {
    await conn.end();
  }
}

/**
 * MariaDB (or MySQL) at `SLUICE_MYSQL_URL`: creates `bench_<random>`, loads the dataset
 * (multi-row inserts of 5,000 rows, mysql2 expanding `values ?`) and returns a mysql2/promise pool
 * of `POOL_SIZE` connections on it. `closeBackends()` ends the pool and drops the database.
 */
export async function openMariadb(data: Dataset): Promise<mysql.Pool> {
  const url = process.env.SLUICE_MYSQL_URL;
  if (!url) throw new Error('SLUICE_MYSQL_URL is not set');
  const name = databaseName();
  await mysqlAdmin(url, `create database ${name}`);
  let pool: mysql.Pool | undefined;
  cleanups.push(async () => {
    try {
      await pool?.end();
    } finally {
      await mysqlAdmin(url, `drop database if exists ${name}`);
    }
  });
  pool = mysql.createPool({ uri: withDatabase(url, name), connectionLimit: POOL_SIZE });
  for (const ddl of MYSQL_DDL) await pool.query(ddl);
  for (const [table, rows] of tableRows(data)) {
    for (let i = 0; i < rows.length; i += 5000) await pool.query(`insert into ${table} values ?`, [rows.slice(i, i + 5000)]);
  }
  await pool.query('analyze table customers, employees, products, orders, order_details, bulk');
  const [[row]] = (await pool.query('select version() as v')) as unknown as [[{ v: string }]];
  backendInfo.version = row.v.includes('MariaDB') ? `MariaDB ${row.v.split('-')[0]}` : `MySQL ${row.v}`;
  return pool;
}
