import { pgSequence, type PgSequence, type PgSequenceOptions } from '../pg/sequence.js';

/**
 * Declares a sequence (CockroachDB has them, though `unique_rowid()` and UUID keys scale better).
 *
 * @example
 * export const orderNumbers = cockroachSequence('order_numbers', { startWith: 1000 });
 */
export function cockroachSequence(name: string, options?: PgSequenceOptions, schema?: string): PgSequence {
  return pgSequence(name, options, schema);
}
