import type { Snapshot } from '../model.js';

/** Where a migration on disk came from. */
export type MigrationFormat = 'sluice' | 'drizzle-journal' | 'drizzle-folders';

/** One migration as read from a migrations folder, in any supported layout. */
export interface MigrationEntry {
  /** `20261130120000_add_users` (ours, drizzle-kit 1.0) or `0003_brave_wolf` (drizzle-kit 0.x tag). */
  name: string;
  format: MigrationFormat;
  /** The migration's SQL file as written. */
  sql: string;
  /** Its statements, split on `--> statement-breakpoint` (empty ones dropped). */
  statements: string[];
  /** sha256 hex of `sql`, as drizzle's tracking table records it. */
  hash: string;
  /** Milliseconds: the folder's timestamp, or drizzle's journal `when`. */
  createdAt: number;
  /** The schema after this migration, when the folder holds one. */
  snapshot: Snapshot | undefined;
  /** Path of the migration's SQL file, for messages. */
  path: string;
  /** False when the file starts with `-- sluice:no-transaction`. */
  transaction: boolean;
  /** The folder's `down.sql`, when it has one. */
  down: DownMigration | undefined;
}

/** A migration's `down.sql`: the SQL that undoes it. */
export interface DownMigration {
  sql: string;
  /** Its statements, split as the migration's are. */
  statements: string[];
  path: string;
  /** False when the file starts with `-- sluice:no-transaction`. */
  transaction: boolean;
  /**
   * The file still holds `-- sluice:irreversible` (written for a hand-written migration, whose
   * reverse sluice cannot compute): rollback refuses it without `force`.
   */
  irreversible: boolean;
  /** Statements marked `-- sluice:destructive <reason>` (they lose data): refused without `force`. */
  destructive: { statement: string; reason: string }[];
}
