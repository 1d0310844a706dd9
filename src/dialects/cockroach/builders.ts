import type { DialectDelete, DialectInsert, DialectSelect, DialectUpdate } from '../../core/builder-types.js';
import type { Database } from '../../core/database.js';
import type { NullabilityMap, SelectMode } from '../../core/select-types.js';
import type { AnyTable } from '../../core/table.js';

/** A CockroachDB select after `$dynamic()`, for helpers that add to any select. */
export type CockroachSelect<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  'cockroach',
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A CockroachDB insert. */
export type CockroachInsert<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectInsert<'cockroach', TTable, TRunResult, TReturning>;
/** A CockroachDB update after `$dynamic()`. */
export type CockroachUpdate<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectUpdate<'cockroach', TTable, TRunResult, TReturning>;
/** A CockroachDB delete after `$dynamic()`. */
export type CockroachDelete<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectDelete<'cockroach', TTable, TRunResult, TReturning>;
/** A CockroachDB database handle, whatever the driver. */
export type CockroachDatabase<TRunResult = unknown, TSchema extends Record<string, unknown> = Record<string, never>> = Database<'cockroach', TRunResult, TSchema>;
