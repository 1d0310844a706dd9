import type { MigrationConfig, RollbackConfig } from '../../kit/migrations/migrate.js';
import { migrateSession, rollbackSession } from '../../kit/migrations/migrate.js';
import type { RollbackResult } from '../../kit/runner-rollback.js';
import { mssqlSession } from '../../kit/runner-session-mssql.js';
import type { NodeMssqlDatabase } from './index.js';

export type { MigrationConfig, RollbackConfig, RollbackResult };

/**
 * Applies the migrations in `config.migrationsFolder` that the database has not recorded, each in
 * its own transaction with its record (SQL Server's DDL is transactional), while holding an
 * application lock that lets one run at a time change the database (see `sluice/kit`'s runner).
 *
 * @example
 * await migrate(db, { migrationsFolder: './drizzle' });
 */
export async function migrate<TSchema extends Record<string, unknown>, TRelations>(db: NodeMssqlDatabase<TSchema, TRelations>, config: MigrationConfig): Promise<void> {
  await migrateSession(mssqlSession(db.$client), config);
}

/**
 * Undoes the latest applied migrations (one by default; `steps`, or `to` a migration that stays)
 * with their down.sql, and removes their records. Steps marked as losing data need `force`.
 *
 * @example
 * await rollback(db, { migrationsFolder: './drizzle', steps: 1 });
 */
export async function rollback<TSchema extends Record<string, unknown>, TRelations>(db: NodeMssqlDatabase<TSchema, TRelations>, config: RollbackConfig): Promise<RollbackResult> {
  return rollbackSession(mssqlSession(db.$client), config);
}
