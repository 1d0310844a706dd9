/** `sluice/pg-core`: PostgreSQL tables, columns, enums, schemas, indexes and constraints. */
export * from './columns.js';
export { pgDialect } from './dialect.js';
export * from './table.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export type { PgLockConfig as LockConfig, PgLockStrength as LockStrength } from '../../core/locking.js';
export { QueryBuilder, View } from '../../core/view.js';
export { pgView, pgMaterializedView } from './view.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from '../../core/set-operators.js';
export type { PgDatabase } from './database.js';
