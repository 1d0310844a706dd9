import type { DialectDelete, DialectInsert, DialectSelect, DialectUpdate } from '../../core/builder-types.js';
import type { NullabilityMap, SelectMode } from '../../core/select-types.js';
import type { AnyTable } from '../../core/table.js';

/**
 * A MySQL select after `$dynamic()`, for helpers that add to any select:
 * `function withPagination<T extends MySqlSelect>(qb: T, page: number) { return qb.limit(10).offset(page * 10); }`
 */
export type MySqlSelect<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  'mysql',
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A select of the standalone query builder (`qb` of views and `$with`, any dialect) after `$dynamic()`; MySQL selects are ones too. */
export type MySqlSelectQueryBuilder<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  string,
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A MySQL insert. */
export type MySqlInsert<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectInsert<'mysql', TTable, TRunResult, TReturning>;
/** A MySQL update after `$dynamic()`. */
export type MySqlUpdate<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectUpdate<'mysql', TTable, TRunResult, TReturning>;
/** A MySQL delete after `$dynamic()`. */
export type MySqlDelete<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectDelete<'mysql', TTable, TRunResult, TReturning>;
