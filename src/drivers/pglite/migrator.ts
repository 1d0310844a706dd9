import type { MigrationConfig } from '../../kit/migrations/migrate.js';
import { migrateSession } from '../../kit/migrations/migrate.js';
import { pgliteSession } from '../../kit/runner-session-pg.js';
import type { PgliteDatabase } from './index.js';

export type { MigrationConfig };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction where the database allows it (see `sluice/kit`'s runner).
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TRelations>(db: PgliteDatabase<TSchema, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(pgliteSession(db.$client), config);
}
