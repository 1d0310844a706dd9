/**
 * `sluice/cockroach-core`: CockroachDB tables, columns, enums, schemas, views, indexes and
 * constraints. Indexes are the shared ones: a hash-sharded index is
 * `index('i').using('hash', t.col).with({ bucket_count: 8 })`, an inverted one
 * `index('i').using('gin', t.doc)`.
 */
export {
  bigint,
  bit,
  bool,
  boolean,
  char,
  CockroachColumnBuilder,
  CockroachDateTimeBuilder,
  CockroachInt8Builder,
  CockroachIntBuilder,
  CockroachUuidBuilder,
  date,
  decimal,
  doublePrecision,
  float,
  inet,
  int2,
  int4,
  int8,
  integer,
  interval,
  jsonb,
  numeric,
  real,
  smallint,
  string,
  text,
  time,
  timestamp,
  uniqueRowid,
  uuid,
  varbit,
  varchar,
  vector,
  type CockroachArrayDimensions,
} from './columns.js';
export { geometry } from './geometry.js';
export { cockroachEnum, isCockroachEnum, type CockroachEnum, type CockroachEnumObject } from './enum.js';
export { customType } from './custom-type.js';
export type { CustomTypeFunction, CustomTypeParams, CustomTypeValues } from '../../core/custom-type.js';
export { cockroachDialect } from './dialect.js';
export { CockroachDialect } from './cockroach-dialect.js';
export * from './table.js';
export { isPgSequence as isCockroachSequence, PgSequence as CockroachSequence, type PgSequenceOptions as CockroachSequenceOptions } from '../pg/sequence.js';
export { cockroachSequence } from './sequence.js';
export { check, foreignKey, index, primaryKey, unique, uniqueIndex, Index, PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, uniqueKeyName, type BuiltForeignKey, type BuiltUniqueConstraint } from '../../core/constraints.js';
export { alias } from '../../core/table.js';
export type { PgLockConfig as LockConfig, PgLockStrength as LockStrength } from '../../core/locking.js';
export { QueryBuilder, View } from '../../core/view.js';
export {
  cockroachMaterializedView,
  cockroachView,
  getMaterializedViewConfig,
  getViewConfig,
  isCockroachMaterializedView,
  isCockroachView,
  type CockroachMaterializedViewConfig,
  type CockroachViewConfig,
} from './view.js';
export { RefreshMaterializedView } from '../../core/refresh-view.js';
export type { ExtraConfigColumns, IndexColumnConfig, IndexColumnMethods } from '../../core/table-config.js';
export { except, exceptAll, intersect, intersectAll, union, unionAll } from '../../core/set-operators.js';
export type * from './builders.js';
export { withReplicas, type WithReplicas } from '../../core/replicas.js';
