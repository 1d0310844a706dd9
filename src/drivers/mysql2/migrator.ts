import type { MigrationConfig } from '../../kit/migrations/migrate.js';
import { migrateSession } from '../../kit/migrations/migrate.js';
import { mysql2Session } from '../../kit/runner-session-mysql.js';
import type { MySql2Client, MySql2Database } from './index.js';

export type { MigrationConfig };

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
