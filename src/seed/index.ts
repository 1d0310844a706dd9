/**
 * `sluice/seed`: Drizzle's `drizzle-seed` for sluice. `seed(db, schema)` fills every table of a
 * schema with deterministic, realistic rows (parents before children, foreign keys drawn from the
 * parents' keys); `.refine(f => ...)` sets counts, generators and children per row; `reset(db,
 * schema)` empties the tables.
 *
 * @example
 * await seed(db, schema, { count: 100, seed: 42 }).refine((f) => ({
 *   users: { columns: { age: f.int({ minValue: 18, maxValue: 99 }) }, with: { posts: 3 } },
 * }));
 */
import { SeedPromise, type SeedDatabase } from './seed.js';
import type { SeedOptions } from './types.js';

export { reset, type ResetDatabase } from './reset.js';
export { generatorFunctions, type GeneratorFunctions } from './functions.js';
export { Generator, type CommonParams, type GeneratorContext } from './generator.js';
export { SeedPromise, type SeedDatabase } from './seed.js';
export type { RefineConfig, SeedOptions, SeedTableKeys, TableRefinement, WithCount } from './types.js';
export { SeedError } from '../core/errors.js';

/** Fills every table of `schema` with `count` (10) rows per table, the same rows for the same `seed`. */
export function seed<TSchema extends Record<string, unknown>>(db: SeedDatabase, schema: TSchema, options: SeedOptions = {}): SeedPromise<TSchema> {
  return new SeedPromise(db, schema, options);
}
