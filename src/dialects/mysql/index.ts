/** `sluice/mysql-core`: MySQL tables, columns, views, indexes and constraints. */
export * from './columns.js';
export { customType } from './custom-type.js';
export type { CustomTypeFunction, CustomTypeParams, CustomTypeValues } from '../../core/custom-type.js';
export { mysqlDialect } from './dialect.js';
export { MySqlDialect } from './mysql-dialect.js';
export * from './table.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, uniqueKeyName, type BuiltForeignKey, type BuiltUniqueConstraint } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export type { IndexConfig, IndexForHint } from '../../core/index-hints.js';
export type { MySqlLockConfig as LockConfig, MySqlLockStrength as LockStrength } from '../../core/locking.js';
export { QueryBuilder, View } from '../../core/view.js';
export { getViewConfig, mysqlView, type MySqlViewConfig } from './view.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from '../../core/set-operators.js';
export type * from './builders.js';
export { withReplicas, type MySqlWithReplicas, type WithReplicas } from '../../core/replicas.js';
