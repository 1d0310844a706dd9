import type { DialectDelete, DialectInsert, DialectSelect, DialectUpdate } from '../../core/builder-types.js';
import type { NullabilityMap, SelectMode } from '../../core/select-types.js';
import type { AnyTable } from '../../core/table.js';

/**
 * A SQL Server select after `$dynamic()`, for helpers that add to any select:
 * `function withPagination<T extends MsSqlSelect>(qb: T, page: number) { return qb.orderBy(users.id).limit(10).offset(page * 10); }`
 */
export type MsSqlSelect<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  'mssql',
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A select of the standalone query builder (`qb` of views and `$with`, any dialect) after `$dynamic()`; SQL Server selects are ones too. */
export type MsSqlSelectQueryBuilder<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  string,
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A SQL Server insert; `.output()` (and its alias `.returning()`) give the inserted rows. */
export type MsSqlInsert<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectInsert<'mssql', TTable, TRunResult, TReturning>;
/** A SQL Server update after `$dynamic()`. */
export type MsSqlUpdate<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectUpdate<'mssql', TTable, TRunResult, TReturning>;
/** A SQL Server delete after `$dynamic()`. */
export type MsSqlDelete<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectDelete<'mssql', TTable, TRunResult, TReturning>;
