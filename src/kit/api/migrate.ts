import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import { readMigrations } from '../migrations/folder.js';
import type { MigrationEntry } from '../migrations/types.js';
import { migrationStatus, runMigrations, type MigrateResult, type MigrationSession, type MigrationStatus } from '../runner.js';
import { existsSync } from 'node:fs';

/**
 * Applies the out folder's pending migrations to the config's database.
 *
 * @example
 * const { applied } = await migrate(await loadConfig(), { onMigration: (name) => console.log(name) });
 */
export async function migrate(config: ResolvedConfig, options: { onMigration?(name: string): void } = {}): Promise<MigrateResult> {
  return withDatabase(config, (session, entries) => runMigrations(session, entries, { ...config.migrations, ...(options.onMigration === undefined ? {} : { onMigration: options.onMigration }) }));
}

/**
 * Which of the out folder's migrations the database has applied, which are pending, and which it
 * recorded that the folder does not hold.
 *
 * @example
 * const { pending } = await status(await loadConfig());
 */
export async function status(config: ResolvedConfig): Promise<MigrationStatus> {
  return withDatabase(config, (session, entries) => migrationStatus(session, entries, config.migrations));
}

async function withDatabase<T>(config: ResolvedConfig, fn: (session: MigrationSession, entries: MigrationEntry[]) => Promise<T>): Promise<T> {
  if (config.dbCredentials === undefined) throw new KitError(`${config.configPath ?? 'config'}: \`dbCredentials\` is required to connect to the database`);
  const entries = existsSync(config.out) ? readMigrations(config.out) : [];
  const db = await openDatabase({ dialect: config.dialect, driver: config.driver, credentials: config.dbCredentials });
  try {
    return await fn(db.session, entries);
  } finally {
    await db.close();
  }
}
