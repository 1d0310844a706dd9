import { runMigrations, type MigrateResult, type MigrationSession } from '../runner.js';
import { readMigrations } from './folder.js';

/** The options of every driver's `migrate(db, config)`, as Drizzle's. */
export interface MigrationConfig {
  /** The folder `generate` writes to (ours, or drizzle-kit's 0.x or 1.0 layout). */
  migrationsFolder: string;
  /** Tracking table; default `__sluice_migrations`, or drizzle's `__drizzle_migrations` when only it exists. */
  migrationsTable?: string;
  /** PostgreSQL schema of the tracking table; default `sluice` (`drizzle` for drizzle's table). */
  migrationsSchema?: string;
}

/** Reads the folder and applies what the database has not recorded: what each driver's `migrate()` does. */
export function migrateSession(session: MigrationSession, config: MigrationConfig): Promise<MigrateResult> {
  return runMigrations(session, readMigrations(config.migrationsFolder), { table: config.migrationsTable, schema: config.migrationsSchema });
}
