/** `sluice/sqlite-core`: SQLite tables, columns, indexes and constraints. */
export * from './columns.js';
export { customType } from './custom-type.js';
export type { CustomTypeFunction, CustomTypeParams, CustomTypeValues } from '../../core/custom-type.js';
export { sqliteDialect } from './dialect.js';
export { SQLiteAsyncDialect, SQLiteDialect, SQLiteSyncDialect } from './sqlite-dialect.js';
export * from './table.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, uniqueKeyName, type BuiltForeignKey, type BuiltUniqueConstraint } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export { QueryBuilder, View } from '../../core/view.js';
export { getViewConfig, sqliteView } from './view.js';
export { except, intersect, union, unionAll } from '../../core/set-operators.js';
export type * from './builders.js';
export { withReplicas, type SQLiteWithReplicas, type WithReplicas } from '../../core/replicas.js';
