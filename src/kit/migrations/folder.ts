import type { Snapshot } from '../model.js';
import type { MigrationEntry } from './types.js';

// Contract placeholder, replaced by the implementation.

/** Every migration in a folder (ours, drizzle-kit 0.x journal, drizzle-kit 1.0 folders), in apply order. */
export function readMigrations(dir: string): MigrationEntry[] {
  void dir;
  throw new Error('readMigrations: not built yet');
}

/** Writes `<out>/<YYYYMMDDHHMMSS>_<name>/migration.sql` and `snapshot.json`; returns the folder's path. */
export function writeMigration(out: string, migration: { name: string; sql: string; snapshot: Snapshot; now?: Date }): string {
  void out, migration;
  throw new Error('writeMigration: not built yet');
}
