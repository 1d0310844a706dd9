import { SNAPSHOT_VERSION, unqualifyOwnColumns, type SchemaModel, type Snapshot } from '../model.js';
import { DrizzleSnapshotError, isObject, prevIds } from './drizzle-snapshot-common.js';
import { fromDrizzleMysql } from './drizzle-snapshot-mysql.js';
import { fromDrizzlePg } from './drizzle-snapshot-pg.js';
import { fromDrizzleSqlite } from './drizzle-snapshot-sqlite.js';

export { DrizzleSnapshotError } from './drizzle-snapshot-common.js';

/** The snapshot versions drizzle-kit 0.31 writes, per dialect. */
const readers: Record<string, { version: string; read(json: Record<string, unknown>): SchemaModel }> = {
  postgresql: { version: '7', read: fromDrizzlePg },
  mysql: { version: '5', read: fromDrizzleMysql },
  sqlite: { version: '6', read: fromDrizzleSqlite },
};

/*
 * Where drizzle-kit's spelling and the model's conventions differ, the conversion writes the
 * model's (see the test file for each case against real drizzle-kit output):
 * - PostgreSQL `schema: ""` and a missing `schemaTo` are `'public'`; `timestamp (3)` is `timestamp(3)`.
 * - Numbers and booleans in `default` become their SQL text (`0`, `true`).
 * - A column's own primary key is `<table>_pkey` on PostgreSQL; every primary key is `PRIMARY` on
 *   MySQL and SQLite (neither keeps another name).
 * - A table's own columns are bare in its checks, index expressions and policies.
 * - Index columns that are names are quoted as the dialect quotes (`"a"`, `` `a` ``); `nulls`
 *   defaults to `last` and `order` to `asc`, as drizzle's index builder does; an empty `with` is
 *   undefined; PostgreSQL's `method` is `btree` when unset.
 * - Sequence and identity options drizzle-kit fills in (name `<table>_<column>_seq`, increment 1,
 *   the type's range, start at the range's end, cache 1) are undefined, as the schema left them.
 * - MySQL `onUpdate: true` is `current_timestamp`, with the column's fractional precision.
 * - SQLite's generated expressions lose the parentheses drizzle-kit stores around them.
 * - PostgreSQL view `with` options are `with.<DDL name>` (`with.check_option`); `withNoData`, `using`
 *   and `tablespace` sit next to them.
 * drizzle-kit 0.31 writes SQLite unique constraints as unique indexes; they stay indexes here.
 */

/**
 * A drizzle-kit snapshot (0.x `meta/NNNN_snapshot.json`) in the kit's model: PostgreSQL version
 * "7", MySQL "5" and SQLite "6", as drizzle-kit 0.31 writes them. Older versions and drizzle-kit
 * 1.0's entity-list format are refused with a `DrizzleSnapshotError` naming the version.
 */
export function fromDrizzleSnapshot(json: unknown): Snapshot {
  if (!isObject(json)) throw new DrizzleSnapshotError('drizzle-kit snapshot: expected a JSON object');
  const dialect = json.dialect;
  const version = json.version;
  // drizzle-kit 1.0 (`version` "8" and `dialect` "postgres" on PostgreSQL) lists entities in `ddl`.
  if (Array.isArray(json.ddl)) {
    throw new DrizzleSnapshotError(`drizzle-kit snapshot: unsupported snapshot version ${JSON.stringify(version)} (drizzle-kit 1.0's format, dialect ${JSON.stringify(dialect)}); sluice reads the snapshots drizzle-kit 0.31 writes`);
  }
  if (typeof dialect !== 'string' || !(dialect in readers)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: unsupported dialect ${JSON.stringify(dialect)} (expected postgresql, mysql or sqlite)`);
  const reader = readers[dialect]!;
  if (version !== reader.version) {
    throw new DrizzleSnapshotError(`drizzle-kit snapshot: unsupported snapshot version ${JSON.stringify(version)} for ${dialect} (expected "${reader.version}", as drizzle-kit 0.31 writes; run drizzle-kit up first for older snapshots)`);
  }
  if (typeof json.id !== 'string' || json.id === '') throw new DrizzleSnapshotError('drizzle-kit snapshot: id is missing');
  const { dialect: name, ...model } = reader.read(json);
  return { version: SNAPSHOT_VERSION, dialect: name, id: json.id, prevIds: prevIds(json), ...model, tables: model.tables.map(unqualifyOwnColumns) };
}
