import type { DeleteQuery } from './delete.js';
import type { InsertQuery } from './insert.js';
import type { NullabilityMap, SelectMode } from './select-types.js';
import type { SelectQuery } from './select.js';
import type { AnyTable } from './table.js';
import type { UpdateQuery } from './update.js';

// The shapes behind each dialect's exported builder types (`PgSelect`, `SQLiteUpdate`, ...).
// They are dynamic builders, as `$dynamic()` returns them: a helper typed with one takes the
// builder after `$dynamic()` and may call any method, as often as it needs.

/** A dynamic select of dialect `TDialect`; the defaults take any such select. */
export type DialectSelect<
  TDialect extends string,
  TTableName extends string = string,
  TSelection = unknown,
  TSelectMode extends SelectMode = SelectMode,
  TNullabilityMap extends NullabilityMap = NullabilityMap,
  TSources extends Record<string, unknown> = Record<string, unknown>,
> = SelectQuery<TDialect, TTableName, TSelection, TSources, TNullabilityMap, TSelectMode, true, never>;

/** An insert of dialect `TDialect`. */
export type DialectInsert<TDialect extends string, TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = InsertQuery<TTable, TRunResult, TReturning, TDialect>;

/** A dynamic update of dialect `TDialect`. */
export type DialectUpdate<TDialect extends string, TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = UpdateQuery<TTable, TRunResult, TReturning, TDialect, unknown, NullabilityMap, true, never>;

/** A dynamic delete of dialect `TDialect`. */
export type DialectDelete<TDialect extends string, TTable extends AnyTable = AnyTable, TRunResult = unknown, TReturning = unknown> = DeleteQuery<TTable, TRunResult, TReturning, TDialect, true, never>;
