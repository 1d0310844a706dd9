import type { Database } from '../../core/database.js';

/** A PostgreSQL database handle, whatever the driver. */
export type PgDatabase<TRunResult = unknown, TSchema extends Record<string, unknown> = Record<string, never>> = Database<'pg', TRunResult, TSchema>;
