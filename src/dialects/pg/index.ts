/** `sluice/pg-core`: PostgreSQL tables, columns, enums, schemas, indexes and constraints. */
export * from './columns.js';
export { customType } from './custom-type.js';
export type { CustomTypeFunction, CustomTypeParams, CustomTypeValues } from '../../core/custom-type.js';
export { cidr, inet, macaddr, macaddr8 } from './network-columns.js';
export { bit, halfvec, sparsevec, vector } from './vector-columns.js';
export { line, point } from './geometry-columns.js';
export { pgDialect } from './dialect.js';
export { PgDialect } from './pg-dialect.js';
export * from './table.js';
export { PgPolicy, pgPolicy, PgRole, pgRole, type PgPolicyConfig, type PgPolicyToOption, type PgRoleConfig } from './policies.js';
export { isPgSequence, PgSequence, pgSequence, type PgSequenceOptions } from './sequence.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, uniqueKeyName, type BuiltForeignKey, type BuiltUniqueConstraint } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export type { PgLockConfig as LockConfig, PgLockStrength as LockStrength } from '../../core/locking.js';
export { QueryBuilder, View } from '../../core/view.js';
export {
  getMaterializedViewConfig,
  getViewConfig,
  isPgMaterializedView,
  isPgView,
  pgMaterializedView,
  pgView,
  type PgMaterializedViewConfig,
  type PgViewConfig,
} from './view.js';
export { RefreshMaterializedView } from '../../core/refresh-view.js';
export type { ExtraConfigColumns, IndexColumnConfig, IndexColumnMethods } from '../../core/table-config.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from '../../core/set-operators.js';
export type { PgDatabase } from './database.js';
export type * from './builders.js';
export { withReplicas, type PgWithReplicas, type WithReplicas } from '../../core/replicas.js';
