import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import { readMigrations } from '../migrations/folder.js';
import type { MigrationEntry } from '../migrations/types.js';
import { resolveMigration, type ResolveOutcome } from '../runner-resolve.js';
import { rollbackMigrations, type RollbackResult } from '../runner-rollback.js';
import { migrationStatus, runMigrations, type MigrateResult, type MigrationSession, type MigrationStatus } from '../runner.js';
import { existsSync } from 'node:fs';

/** How a kit command waits for another migration run. */
export interface LockWaitOptions {
  /** Milliseconds to wait for another run's lock; default 300000. */
  lockTimeout?: number | undefined;
  /** Called once when another run holds the lock and this one starts waiting. */
  onLockWait?: (() => void) | undefined;
}

export interface MigrateOptions extends LockWaitOptions {
  onMigration?(name: string): void;
  /** Run even though applied migrations' files were edited since they ran. */
  allowChanged?: boolean | undefined;
}

/**
 * Applies the out folder's pending migrations to the config's database.
 *
 * @example
 * const { applied } = await migrate(await loadConfig(), { onMigration: (name) => console.log(name) });
 */
export async function migrate(config: ResolvedConfig, options: MigrateOptions = {}): Promise<MigrateResult> {
  return withDatabase(config, (session, entries) =>
    runMigrations(session, entries, {
      ...config.migrations,
      ...(options.onMigration === undefined ? {} : { onMigration: options.onMigration }),
      allowChanged: options.allowChanged === true,
      lock: { timeoutMs: options.lockTimeout, onWait: options.onLockWait },
    }),
  );
}

/**
 * Where each migration stands: applied, pending, changed since applied, failed, or recorded in
 * the database without a file in the folder.
 *
 * @example
 * const { pending, failed } = await status(await loadConfig());
 */
export async function status(config: ResolvedConfig): Promise<MigrationStatus> {
  return withDatabase(config, (session, entries) => migrationStatus(session, entries, config.migrations));
}

/**
 * Records how a failed migration was fixed by hand: `applied` (its changes are all in place) or
 * `rolled-back` (none are; the next migrate runs it again).
 *
 * @example
 * await resolve(await loadConfig(), '20261130120000_add_index', 'rolled-back');
 */
export async function resolve(config: ResolvedConfig, name: string, outcome: ResolveOutcome, options: LockWaitOptions = {}): Promise<void> {
  await withDatabase(config, (session, entries) => resolveMigration(session, entries, name, outcome, { ...config.migrations, lock: { timeoutMs: options.lockTimeout, onWait: options.onLockWait } }));
}

export interface RollbackOptions extends LockWaitOptions {
  /** How many of the latest applied migrations to undo; default 1. */
  steps?: number | undefined;
  /** Undo every migration applied after this one (it stays applied). */
  to?: string | undefined;
  /** Run down.sql statements that lose data, and down files marked irreversible. */
  force?: boolean | undefined;
  onMigration?(name: string): void;
}

/**
 * Undoes the latest applied migrations with their down.sql, newest first.
 *
 * @example
 * const { rolledBack } = await rollback(await loadConfig(), { steps: 2 });
 */
export async function rollback(config: ResolvedConfig, options: RollbackOptions = {}): Promise<RollbackResult> {
  return withDatabase(config, (session, entries) =>
    rollbackMigrations(session, entries, {
      ...config.migrations,
      steps: options.steps,
      to: options.to,
      force: options.force,
      lock: { timeoutMs: options.lockTimeout, onWait: options.onLockWait },
      ...(options.onMigration === undefined ? {} : { onMigration: options.onMigration }),
    }),
  );
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
