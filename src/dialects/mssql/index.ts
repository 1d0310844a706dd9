/** `sluice/mssql-core`: SQL Server tables, columns, views, indexes and constraints. */
export * from './columns.js';
export { customType } from './custom-type.js';
export type { CustomTypeFunction, CustomTypeParams, CustomTypeValues } from '../../core/custom-type.js';
export { mssqlDialect } from './dialect.js';
export { MsSqlDialect } from './mssql-dialect.js';
export * from './table.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, uniqueKeyName, type BuiltForeignKey, type BuiltUniqueConstraint } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export { QueryBuilder, View } from '../../core/view.js';
export { getViewConfig, mssqlView, type MsSqlViewConfig, type MsSqlViewOptions } from './view.js';
export type { ExtraConfigColumns, IndexColumnConfig, IndexColumnMethods } from '../../core/table-config.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from '../../core/set-operators.js';
export type * from './builders.js';
export { withReplicas, type WithReplicas } from '../../core/replicas.js';
