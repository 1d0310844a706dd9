import { rollbackMigrations, type RollbackResult } from '../runner-rollback.js';
import { runMigrations, type MigrateResult, type MigrationSession } from '../runner.js';
import { readMigrations } from './folder.js';

/** The options of every driver's `migrate(db, config)`: Drizzle's, and sluice's own. */
export interface MigrationConfig {
  /** The folder `generate` writes to (ours, or drizzle-kit's 0.x or 1.0 layout). */
  migrationsFolder: string;
  /** Tracking table; default `__sluice_migrations`, or drizzle's `__drizzle_migrations` when only it exists. */
  migrationsTable?: string;
  /** Schema of the tracking table (PostgreSQL, SQL Server); default `sluice` on PostgreSQL, the login's default schema on SQL Server (`drizzle` for drizzle's table). */
  migrationsSchema?: string;
  /** How long to wait for another migration run to finish, in milliseconds; default 300000 (5 minutes). */
  lockTimeout?: number;
  /** Run even though applied migrations' files were edited since they ran; default false (such a run throws `MigrationChangedError`). */
  allowChanged?: boolean;
}

/** The options of every driver's `rollback(db, config)`. */
export interface RollbackConfig extends Omit<MigrationConfig, 'allowChanged'> {
  /** How many of the latest applied migrations to undo; default 1. */
  steps?: number;
  /** Undo every migration applied after this one (it stays applied). */
  to?: string;
  /** Run down.sql statements that lose data, and down files marked irreversible. */
  force?: boolean;
}

/** Reads the folder and applies what the database has not recorded: what each driver's `migrate()` does. */
export function migrateSession(session: MigrationSession, config: MigrationConfig): Promise<MigrateResult> {
  return runMigrations(session, readMigrations(config.migrationsFolder), {
    table: config.migrationsTable,
    schema: config.migrationsSchema,
    allowChanged: config.allowChanged === true,
    lock: { timeoutMs: config.lockTimeout },
  });
}

/** Undoes the latest applied migrations with their down.sql: what each driver's `rollback()` does. */
export function rollbackSession(session: MigrationSession, config: RollbackConfig): Promise<RollbackResult> {
  return rollbackMigrations(session, readMigrations(config.migrationsFolder), {
    table: config.migrationsTable,
    schema: config.migrationsSchema,
    steps: config.steps,
    to: config.to,
    force: config.force,
    lock: { timeoutMs: config.lockTimeout },
  });
}
