import type { MigrationConfig, RollbackConfig } from '../../kit/migrations/migrate.js';
import { migrateSession, rollbackSession } from '../../kit/migrations/migrate.js';
import type { RollbackResult } from '../../kit/runner-rollback.js';
import { betterSqliteSession } from '../../kit/runner-session-sqlite.js';
import type { BetterSQLite3Database } from './index.js';

export type { MigrationConfig, RollbackConfig, RollbackResult };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction where the database allows it (see `sluice/kit`'s runner).
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TRelations>(db: BetterSQLite3Database<TSchema, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(betterSqliteSession(db.$client), config);
}

/**
 * Undoes the latest applied migrations (one by default; `steps`, or `to` a migration that stays)
 * with their down.sql, and removes their records. Steps marked as losing data need `force`.
 *
 * @example
 * await rollback(db, { migrationsFolder: './drizzle', steps: 1 });
 */
export async function rollback<TSchema extends Record<string, unknown>, TRelations>(db: BetterSQLite3Database<TSchema, TRelations>, config: RollbackConfig): Promise<RollbackResult> {
  return rollbackSession(betterSqliteSession(db.$client), config);
}
