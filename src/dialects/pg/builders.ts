import type { DialectDelete, DialectInsert, DialectSelect, DialectUpdate } from '../../core/builder-types.js';
import type { NullabilityMap, SelectMode } from '../../core/select-types.js';
import type { AnyTable } from '../../core/table.js';

/**
 * A PostgreSQL select after `$dynamic()`, for helpers that add to any select:
 * `function withPagination<T extends PgSelect>(qb: T, page: number) { return qb.limit(10).offset(page * 10); }`
 */
export type PgSelect<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  'pg',
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A select of the standalone query builder (`qb` of views and `$with`, any dialect) after `$dynamic()`; PostgreSQL selects are ones too. */
export type PgSelectQueryBuilder<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  string,
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A PostgreSQL insert. */
export type PgInsert<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectInsert<'pg', TTable, TRunResult, TReturning>;
/** A PostgreSQL update after `$dynamic()`. */
export type PgUpdate<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectUpdate<'pg', TTable, TRunResult, TReturning>;
/** A PostgreSQL delete after `$dynamic()`. */
export type PgDelete<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectDelete<'pg', TTable, TRunResult, TReturning>;
