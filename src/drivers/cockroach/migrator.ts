import type { MigrationConfig, RollbackConfig } from '../../kit/migrations/migrate.js';
import { migrateSession, rollbackSession } from '../../kit/migrations/migrate.js';
import type { RollbackResult } from '../../kit/runner-rollback.js';
import { cockroachSession } from '../../kit/runner-session-pg.js';
import type { NodeCockroachClient, NodeCockroachDatabase } from './index.js';

export type { MigrationConfig, RollbackConfig, RollbackResult };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction (see `sluice/kit`'s runner). CockroachDB has no advisory locks, so one run
 * at a time is ensured by a row of `__sluice_migrations_lock`, taken at the start and deleted at
 * the end; a run that was killed leaves it, and the next run times out naming it.
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TClient extends NodeCockroachClient, TRelations>(db: NodeCockroachDatabase<TSchema, TClient, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(cockroachSession(db.$client), config);
}

/**
 * Undoes the latest applied migrations (one by default; `steps`, or `to` a migration that stays)
 * with their down.sql, and removes their records. Steps marked as losing data need `force`.
 *
 * @example
 * await rollback(db, { migrationsFolder: './drizzle', steps: 1 });
 */
export async function rollback<TSchema extends Record<string, unknown>, TClient extends NodeCockroachClient, TRelations>(db: NodeCockroachDatabase<TSchema, TClient, TRelations>, config: RollbackConfig): Promise<RollbackResult> {
  return rollbackSession(cockroachSession(db.$client), config);
}
