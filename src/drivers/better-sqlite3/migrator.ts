import type { MigrationConfig } from '../../kit/migrations/migrate.js';
import { migrateSession } from '../../kit/migrations/migrate.js';
import { betterSqliteSession } from '../../kit/runner-session-sqlite.js';
import type { BetterSQLite3Database } from './index.js';

export type { MigrationConfig };

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
