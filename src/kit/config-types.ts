import type { ConnectionOptions } from 'node:tls';
import type { KitCasing } from './dialect.js';

/** What every dialect's config accepts. Paths are relative to the directory the command runs in. */
export interface CommonConfig {
  /** Schema files: a file, a folder (every .ts/.js file in it), a glob, or a list of those. */
  schema: string | string[];
  /** The migrations folder; default `./drizzle`. */
  out?: string;
  /** Table names to include (globs; `!` excludes). */
  tablesFilter?: string | string[];
  /** Schema names to include (globs; `!` excludes). */
  schemaFilter?: string | string[];
  /** How column names are derived from TypeScript keys that have no explicit name. */
  casing?: KitCasing;
  /** Separate statements with `--> statement-breakpoint` lines; default true. */
  breakpoints?: boolean;
  strict?: boolean;
  /** Print every statement a command runs. */
  verbose?: boolean;
}

/** TLS settings PostgreSQL drivers accept. */
export type PgSsl = boolean | 'require' | 'allow' | 'prefer' | 'verify-full' | ConnectionOptions;

export type PgCredentials = { url: string } | { host: string; port?: number; user?: string; password?: string; database: string; ssl?: PgSsl };

/** A PostgreSQL project (PGlite, node-postgres or postgres.js). */
export interface PgConfig extends CommonConfig {
  dialect: 'postgresql';
  driver?: 'pglite' | 'node-postgres' | 'postgres-js';
  dbCredentials?: PgCredentials;
  migrations?: {
    /** Tracking table; default `__sluice_migrations` (or drizzle's, when the database has it). */
    table?: string;
    /** Schema of the tracking table; default `sluice`. */
    schema?: string;
  };
}

/** A CockroachDB project: node-postgres underneath, credentials as PostgreSQL's. */
export interface CockroachConfig extends CommonConfig {
  dialect: 'cockroach';
  dbCredentials?: PgCredentials;
  migrations?: {
    /** Tracking table; default `__sluice_migrations`. */
    table?: string;
    /** Schema of the tracking table; default `sluice`. */
    schema?: string;
  };
}

export type MysqlCredentials = { url: string } | { host: string; port?: number; user?: string; password?: string; database: string; ssl?: string | Record<string, unknown> };

/** A MySQL or MariaDB project (mysql2). */
export interface MysqlConfig extends CommonConfig {
  dialect: 'mysql';
  dbCredentials?: MysqlCredentials;
  migrations?: { table?: string };
}

export interface SqliteCredentials {
  /** `file:app.db`, `app.db`, `:memory:`, or a libsql/Turso URL. */
  url: string;
  authToken?: string;
}

/** A SQLite project (better-sqlite3, or libsql/Turso). */
export interface SqliteConfig extends CommonConfig {
  dialect: 'sqlite';
  driver?: 'better-sqlite3' | 'libsql' | 'turso';
  dbCredentials?: SqliteCredentials;
  migrations?: { table?: string };
}

/** drizzle-kit's spelling of SQLite over libsql: `dialect: 'turso'`. */
export interface TursoConfig extends CommonConfig {
  dialect: 'turso';
  dbCredentials?: SqliteCredentials;
  migrations?: { table?: string };
}

/**
 * `url` is `mssql://user:password@host:1433/database?encrypt=true` or an ADO connection string
 * (`Server=host;Database=app;...`); `options` are the `mssql` package's (tedious) options.
 */
export type MssqlCredentials = { url: string } | { host: string; port?: number; user?: string; password?: string; database: string; options?: Record<string, unknown> };

/** A SQL Server project (the `mssql` package). */
export interface MssqlConfig extends CommonConfig {
  dialect: 'mssql';
  dbCredentials?: MssqlCredentials;
  /** Tracking table; default `__sluice_migrations` in the login's default schema (or drizzle's `drizzle.__drizzle_migrations`, when the database has it). */
  migrations?: { table?: string; schema?: string };
}

/** A `sluice.config.ts` (or `drizzle.config.ts`) default export. */
export type Config = PgConfig | MysqlConfig | SqliteConfig | TursoConfig | MssqlConfig | CockroachConfig;
