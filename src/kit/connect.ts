import { SluiceError } from '../core/errors.js';
import type { KitDialectName } from './model.js';
import type { MigrationSession } from './runner.js';
import { betterSqliteSession, libsqlSession } from './runner-session-sqlite.js';
import { mssqlSession } from './runner-session-mssql.js';
import { mysql2Session } from './runner-session-mysql.js';
import { cockroachSession, nodePgSession, pgliteSession, postgresJsSession } from './runner-session-pg.js';

/** A database the config names: dialect, optional driver, and `dbCredentials` as written. */
export interface DatabaseTarget {
  dialect: KitDialectName;
  driver: string | undefined;
  credentials: Record<string, unknown> | undefined;
}

/** An open database: a migration session on it and how to close it. */
export interface OpenDatabase {
  session: MigrationSession;
  close(): Promise<void>;
}

/** The driver package a target needs is not installed. */
export class MissingDriverError extends SluiceError {}

/**
 * Opens the config's database with the matching driver: PGlite, node-postgres (`pg`) or
 * postgres.js for PostgreSQL (node-postgres when installed, unless `driver` names one),
 * node-postgres for CockroachDB (a PostgreSQL session whose run lock is a lock row), mysql2
 * for MySQL, better-sqlite3 or libsql for SQLite, mssql for SQL Server. The driver's package is
 * imported on demand.
 */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const creds = target.credentials ?? {};
  const driver = target.driver;
  if (target.dialect === 'postgresql') {
    if (driver === 'pglite') return openPglite(creds);
    if (driver === 'postgres-js') return openPostgresJs(creds);
    if (driver === 'node-postgres') return openNodePg(creds);
    if (driver !== undefined) throw new SluiceError(`Unknown PostgreSQL driver "${driver}": use "pglite", "node-postgres" or "postgres-js"`);
    if (await installed('pg')) return openNodePg(creds);
    if (await installed('postgres')) return openPostgresJs(creds);
    throw new MissingDriverError('Connecting to PostgreSQL needs a driver package: install "pg" (npm i pg) or "postgres" (npm i postgres)');
  }
  if (target.dialect === 'cockroach') {
    // CockroachDB speaks PostgreSQL's protocol; node-postgres is the client the kit uses for it.
    if (driver !== undefined && driver !== 'node-postgres') throw new SluiceError(`Unknown CockroachDB driver "${driver}": CockroachDB connects through node-postgres`);
    return openNodePg(creds, 'CockroachDB', cockroachSession);
  }
  if (target.dialect === 'mysql') {
    if (driver !== undefined && driver !== 'mysql2') throw new SluiceError(`Unknown MySQL driver "${driver}": use "mysql2"`);
    return openMysql(creds);
  }
  if (target.dialect === 'sqlite') {
    if (driver === 'libsql' || driver === 'turso') return openLibsql(creds);
    if (driver !== undefined && driver !== 'better-sqlite3') throw new SluiceError(`Unknown SQLite driver "${driver}": use "better-sqlite3", "libsql" or "turso"`);
    if (driver === 'better-sqlite3' || (await installed('better-sqlite3'))) return openBetterSqlite(creds);
    if (await installed('@libsql/client')) return openLibsql(creds);
    throw new MissingDriverError('Connecting to SQLite needs a driver package: install "better-sqlite3" (npm i better-sqlite3) or "@libsql/client" (npm i @libsql/client)');
  }
  if (target.dialect === 'mssql') {
    if (driver !== undefined) throw new SluiceError(`SQL Server connects with the "mssql" package; no driver "${driver}"`);
    return openMssql(creds);
  }
  throw new SluiceError(`Unknown dialect "${String(target.dialect)}": use "postgresql", "cockroach", "mysql", "sqlite" or "mssql"`);
}

async function installed(pkg: string): Promise<boolean> {
  try {
    await import(pkg);
    return true;
  } catch {
    return false;
  }
}

/** Imports a driver package, or says which one to install. */
async function load<T>(pkg: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingDriverError(`This database needs the "${pkg}" package: install it (npm i ${pkg})`, { cause: e });
    }
    throw e;
  }
}

function str(creds: Record<string, unknown>, key: string): string | undefined {
  const v = creds[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new SluiceError(`dbCredentials.${key} must be a string, got ${typeof v}`);
  return v;
}

function num(creds: Record<string, unknown>, key: string): number | undefined {
  const v = creds[key];
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new SluiceError(`dbCredentials.${key} must be a port number, got ${JSON.stringify(v)}`);
  return n;
}

/** Host/port/user/password/database fields, or an error naming what is missing. */
function fields(creds: Record<string, unknown>, what: string) {
  const host = str(creds, 'host');
  const database = str(creds, 'database');
  if (host === undefined || database === undefined) {
    throw new SluiceError(`${what} needs dbCredentials.url, or dbCredentials.host and dbCredentials.database`);
  }
  return { host, port: num(creds, 'port'), user: str(creds, 'user'), password: str(creds, 'password'), database };
}

async function openPglite(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const { PGlite } = await load('@electric-sql/pglite', () => import('@electric-sql/pglite'));
  const url = str(creds, 'url');
  const inMemory = url === undefined || url === '' || url === ':memory:' || url === 'memory://';
  const client = inMemory ? new PGlite() : new PGlite(url.replace(/^file:(\/\/)?/, ''));
  await client.waitReady;
  return { session: pgliteSession(client), close: () => client.close() };
}

async function openNodePg(creds: Record<string, unknown>, what = 'PostgreSQL', session = nodePgSession): Promise<OpenDatabase> {
  const pg = (await load('pg', () => import('pg'))).default;
  const url = str(creds, 'url');
  const ssl = creds.ssl as boolean | Record<string, unknown> | undefined;
  const base = url !== undefined ? { connectionString: url } : fields(creds, what);
  const pool = new pg.Pool({ ...base, ...(ssl !== undefined ? { ssl } : {}), max: 2 });
  return { session: session(pool), close: () => pool.end() };
}

async function openPostgresJs(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const postgres = (await load('postgres', () => import('postgres'))).default;
  const url = str(creds, 'url');
  const ssl = creds.ssl as boolean | Record<string, unknown> | undefined;
  // Server notices (`... already exists, skipping`) are not the kit's output.
  const options = { max: 2, onnotice: () => {}, ...(ssl !== undefined ? { ssl } : {}) };
  const client = url !== undefined ? postgres(url, options) : postgres({ ...fields(creds, 'PostgreSQL'), username: str(creds, 'user'), ...options });
  return { session: postgresJsSession(client), close: () => client.end() };
}

async function openMysql(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const mysql = (await load('mysql2', () => import('mysql2/promise'))).default;
  const url = str(creds, 'url');
  const ssl = creds.ssl as string | Record<string, unknown> | undefined;
  const pool = url !== undefined ? mysql.createPool({ uri: url, connectionLimit: 2 }) : mysql.createPool({ ...fields(creds, 'MySQL'), ...(ssl !== undefined ? { ssl } : {}), connectionLimit: 2 });
  return { session: mysql2Session(pool), close: () => pool.end() };
}

/**
 * SQL Server through sluice's own node-mssql entry, which reads the URL forms (`mssql://...` and
 * ADO connection strings) and settings the same way `drizzle()` does; the session is made from
 * the pool it opens, as the migrators make theirs from `db.$client`.
 */
async function openMssql(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const { drizzle } = await load('mssql', () => import('../drivers/node-mssql/index.js'));
  const url = str(creds, 'url');
  let connection: string | Record<string, unknown>;
  if (url !== undefined) connection = url;
  else {
    const { host, port, user, password, database } = fields(creds, 'SQL Server');
    connection = { server: host, database, port, user, password, options: creds.options ?? {}, pool: { max: 2 } };
  }
  const pool = drizzle({ connection: connection as never }).$client;
  await pool.connect();
  return { session: mssqlSession(pool), close: () => pool.close() };
}

/** `file:app.db`, `app.db` and `:memory:` as better-sqlite3 takes them. */
function sqlitePath(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  return url.replace(/^file:(\/\/)?/, '');
}

async function openBetterSqlite(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const Database = (await load('better-sqlite3', () => import('better-sqlite3'))).default;
  const url = str(creds, 'url');
  if (url === undefined) throw new SluiceError('SQLite needs dbCredentials.url (a file path, file:app.db or :memory:)');
  const client = new Database(sqlitePath(url));
  return {
    session: betterSqliteSession(client),
    close: async () => {
      client.close();
    },
  };
}

async function openLibsql(creds: Record<string, unknown>): Promise<OpenDatabase> {
  const { createClient } = await load('@libsql/client', () => import('@libsql/client'));
  const url = str(creds, 'url');
  if (url === undefined) throw new SluiceError('libsql needs dbCredentials.url (file:app.db, :memory:, libsql://...)');
  // libsql takes URLs; a bare path is a local file.
  const full = url === ':memory:' || /^[a-z]+:/i.test(url) ? url : `file:${url}`;
  const authToken = str(creds, 'authToken');
  const client = createClient({ url: full, ...(authToken !== undefined ? { authToken } : {}) });
  return {
    session: libsqlSession(client),
    close: async () => {
      client.close();
    },
  };
}
