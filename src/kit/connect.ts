import type { KitDialectName } from './model.js';
import type { MigrationSession } from './runner.js';

// Contract placeholder, replaced by the implementation.

/** A database the config names: dialect, optional driver, and `dbCredentials` as written. */
export interface DatabaseTarget {
  dialect: KitDialectName;
  driver: string | undefined;
  credentials: Record<string, unknown> | undefined;
}

/** Opens the config's database with the matching sluice driver. */
export async function openDatabase(target: DatabaseTarget): Promise<{ session: MigrationSession; close(): Promise<void> }> {
  void target;
  throw new Error('openDatabase: not built yet');
}
