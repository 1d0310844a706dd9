import type { KitDialectName } from './model.js';
import type { MigrationEntry } from './migrations/types.js';

// Contract placeholder, replaced by the implementation.

/** What the runner needs from a database connection. */
export interface MigrationSession {
  readonly dialect: KitDialectName;
  /** Runs one statement. */
  execute(sql: string): Promise<void>;
  /** Runs a query and returns its rows as objects. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in a transaction on one connection. */
  transaction<T>(fn: (tx: MigrationSession) => Promise<T>): Promise<T>;
}

export interface MigrationsTableOptions {
  /** Tracking table; default `__sluice_migrations`. */
  table?: string;
  /** PostgreSQL schema of the tracking table; default `sluice`. */
  schema?: string;
}

export interface MigrateResult {
  applied: string[];
  tracking: { table: string; schema: string | undefined; format: 'sluice' | 'drizzle' };
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Recorded in the database, missing from the folder. */
  unknown: string[];
}

export async function runMigrations(session: MigrationSession, entries: MigrationEntry[], options: MigrationsTableOptions & { onMigration?(name: string): void }): Promise<MigrateResult> {
  void session, entries, options;
  throw new Error('runMigrations: not built yet');
}

export async function migrationStatus(session: MigrationSession, entries: MigrationEntry[], options: MigrationsTableOptions): Promise<MigrationStatus> {
  void session, entries, options;
  throw new Error('migrationStatus: not built yet');
}
