import type { MigrationConfig } from '../../kit/migrations/migrate.js';
import { migrateSession } from '../../kit/migrations/migrate.js';
import { postgresJsSession } from '../../kit/runner-session-pg.js';
import type { PostgresJsClient, PostgresJsDatabase } from './index.js';

export type { MigrationConfig };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction where the database allows it (see `sluice/kit`'s runner).
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TClient extends PostgresJsClient, TRelations>(db: PostgresJsDatabase<TSchema, TClient, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(postgresJsSession(db.$client), config);
}
