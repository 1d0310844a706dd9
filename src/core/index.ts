export * from './aggregates.js';
export * from './column.js';
export { CountQuery } from './count.js';
export { Database, Transaction, runInTransaction } from './database.js';
export { DeleteQuery } from './delete.js';
export type { Dialect, LockingConfig, RawShape, ReturnedIdsInsert, TransactionConfig, UpsertClause, UpsertRenderer } from './dialect.js';
export { entityKind, is } from './entity.js';
export * from './errors.js';
export { isRetryable, type TransactionRetryOptions } from './retry.js';
export { excluded, ExcludedRef, InsertBuilder, InsertQuery, onConflict, OnConflictClause, type InsertValue, type UpdateSet } from './insert.js';
export * from './operators.js';
export { cosineDistance, hammingDistance, innerProduct, jaccardDistance, l1Distance, l2Distance } from './vector-distance.js';
export { PreparedQuery, QueryBase, type BatchableRaw, type MaybeSyncRaw } from './query-base.js';
export { DialectSQL, PlaceholderSlot, Renderer, type Casing, type Query } from './render.js';
export type * from './select-types.js';
export { SelectBuilder } from './select-builder.js';
export { SelectQuery } from './select.js';
export { DefaultLogger, type Logger, type ObservedDatabase, type QueryEnd, type QueryInfo, type QueryLogEvent, type QueryObserver, type QueryOutcome } from './observe.js';
export { Session, type Driver, type DriverConnection } from './session.js';
export * from './sql.js';
export { Subquery, type SubqueryWithSelection } from './subquery.js';
export {
  alias,
  createTable,
  getTableColumns,
  getTableName,
  Table,
  TableMeta,
  type AnyTable,
  type BuildColumns,
  type InferInsertModel,
  type InferSelectModel,
  type TableConfig,
  type TableWithColumns,
} from './table.js';
export { UpdateBuilder, UpdateQuery } from './update.js';
export { getViewName, getViewSelectedFields, isTable, isView, type TableDefinition, type ViewDefinition } from './table-config.js';
export { View } from './view.js';
export { SQLDialect } from './dialect-class.js';
export { defineRelations, DefinedRelations, Many, One, RelationColumn, Relations, relations, RelationV2 } from './relations.js';
export { RelationalQuery, type RelationalQueryConfig } from './relational-query.js';
export { withReplicas, type MySqlWithReplicas, type PgWithReplicas, type SQLiteWithReplicas, type WithReplicas } from './replicas.js';
export type * from './relational-types.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from './set-operators.js';
