import type { DialectDelete, DialectInsert, DialectSelect, DialectUpdate } from '../../core/builder-types.js';
import type { NullabilityMap, SelectMode } from '../../core/select-types.js';
import type { AnyTable } from '../../core/table.js';
import type { SQLiteTag } from '../../core/query-base.js';

/**
 * A SQLite select (synchronous or not) after `$dynamic()`, for helpers that add to any select:
 * `function withPagination<T extends SQLiteSelect>(qb: T, page: number) { return qb.limit(10).offset(page * 10); }`
 */
export type SQLiteSelect<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  SQLiteTag,
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A select of the standalone query builder (`qb` of views and `$with`, any dialect) after `$dynamic()`; SQLite selects (of either driver kind) are ones too. */
export type SQLiteSelectQueryBuilder<TTableName extends string = string, TSelection = unknown, TSelectMode extends SelectMode = SelectMode, TNullabilityMap extends NullabilityMap = NullabilityMap> = DialectSelect<
  string,
  TTableName,
  TSelection,
  TSelectMode,
  TNullabilityMap
>;
/** A SQLite insert. */
export type SQLiteInsert<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectInsert<SQLiteTag, TTable, TRunResult, TReturning>;
/** A SQLite update after `$dynamic()`. */
export type SQLiteUpdate<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectUpdate<SQLiteTag, TTable, TRunResult, TReturning>;
/** A SQLite delete after `$dynamic()`. */
export type SQLiteDelete<TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DialectDelete<SQLiteTag, TTable, TRunResult, TReturning>;
