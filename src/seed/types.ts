import type { AnyTable } from '../core/table.js';
import type { View } from '../core/view.js';
import type { Generator } from './generator.js';

/** The keys of a schema object that hold tables (not relations, enums or views). */
export type SeedTableKeys<TSchema> = {
  [K in keyof TSchema & string]: TSchema[K] extends View ? never : TSchema[K] extends AnyTable ? K : never;
}[keyof TSchema & string];

type ColumnsOf<TSchema, K extends SeedTableKeys<TSchema>> = TSchema[K] extends AnyTable ? TSchema[K]['_']['columns'] : never;

/**
 * How many children each row gets: a number, or weighted choices of a count or of counts to pick
 * from (`[{ weight: 0.7, count: [1, 2] }, { weight: 0.3, count: 5 }]`).
 */
export type WithCount = number | { weight: number; count: number | number[] }[];

/** One table's refinement: its row count, its columns' generators (`false` leaves a column out) and its children per row. */
export type TableRefinement<TSchema, K extends SeedTableKeys<TSchema>> = {
  count?: number;
  columns?: { [C in keyof ColumnsOf<TSchema, K>]?: Generator | false };
  with?: { [T in SeedTableKeys<TSchema>]?: WithCount };
};

/** What `refine()`'s callback returns: refinements by the schema's table keys. */
export type RefineConfig<TSchema> = { [K in SeedTableKeys<TSchema>]?: TableRefinement<TSchema, K> };

/** Options of `seed()`. */
export interface SeedOptions {
  /** Rows per table unless refined (10). */
  count?: number;
  /** The seed of the random streams: the same seed gives the same rows (0 by default). */
  seed?: number;
  /** Drizzle's generator version; sluice has one set of generators and accepts the option for compatibility. */
  version?: number | string;
}

/** Rejects keys of `T` that `Shape` does not have, at any depth of plain objects (not generators). */
export type Exact<T, Shape> = T extends Generator | false | number | readonly unknown[] ? T : T extends object ? { [K in keyof T]: K extends keyof Shape ? Exact<T[K], NonNullable<Shape[K]>> : never } : T;
