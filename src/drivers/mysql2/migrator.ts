import type { MigrationConfig, RollbackConfig } from '../../kit/migrations/migrate.js';
import { migrateSession, rollbackSession } from '../../kit/migrations/migrate.js';
import type { RollbackResult } from '../../kit/runner-rollback.js';
import { mysql2Session } from '../../kit/runner-session-mysql.js';
import type { MySql2Client, MySql2Database } from './index.js';

export type { MigrationConfig, RollbackConfig, RollbackResult };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction where the database allows it (see `sluice/kit`'s runner).
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TClient extends MySql2Client, TRelations>(db: MySql2Database<TSchema, TClient, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(mysql2Session(db.$client), config);
}

/**
 * Undoes the latest applied migrations (one by default; `steps`, or `to` a migration that stays)
 * with their down.sql, and removes their records. Steps marked as losing data need `force`.
 *
 * @example
 * await rollback(db, { migrationsFolder: './drizzle', steps: 1 });
 */
export async function rollback<TSchema extends Record<string, unknown>, TClient extends MySql2Client, TRelations>(db: MySql2Database<TSchema, TClient, TRelations>, config: RollbackConfig): Promise<RollbackResult> {
  return rollbackSession(mysql2Session(db.$client), config);
}
