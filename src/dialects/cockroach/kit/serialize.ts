/**
 * CockroachDB's serializer hooks: PostgreSQL's (same schemas, enums, sequences, key names,
 * literals) with CockroachDB's type spelling and index conventions. Choices the model leaves open:
 * - A column's type is CockroachDB's own name in lower case (`int8`, `string`, `timestamptz(3)`,
 *   `decimal(10,2)`; see `cockroachType`), the spelling introspection gives back.
 * - Indexes are never `concurrently` (CockroachDB builds every index online), and their `NULLS`
 *   order is each direction's default (CockroachDB's order follows the direction alone).
 * - A hash-sharded index has method `hash` and its bucket count as `with.bucket_count`
 *   (CockroachDB's default, 16, when the schema gives none); an inverted index has method `gin`.
 */
import type { SerializeOptions } from '../../../kit/dialect.js';
import type { SchemaModel, TableModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { serializeSchema, type SerializeHooks } from '../../../kit/serialize.js';
import { pgViewDefinitionsAsDatabase } from '../../pg/kit/introspect-views.js';
import { pgEntitiesOf, pgSerializeHooks, withoutOuterParens } from '../../pg/kit/serialize.js';
import { is } from '../../../core/entity.js';
import { cockroachDialect } from '../dialect.js';
import { isCockroachEnum } from '../enum.js';
import { CockroachSchema } from '../table.js';
import { indexColumnOrder } from './introspect-normalize.js';
import { cockroachType } from './types.js';

/** CockroachDB's part of the shared serializer. */
export const cockroachSerializeHooks: SerializeHooks = {
  ...pgSerializeHooks,
  name: 'cockroach',
  tableDialect: 'cockroach',
  dialect: cockroachDialect,
  columnType(column) {
    const pg = pgSerializeHooks.columnType(column);
    return pg.typeSchema === undefined ? { type: cockroachType(pg.type), typeSchema: undefined } : pg;
  },
  // PostgreSQL's literals, told the type in PostgreSQL's words (a Date default of `timestamptz` is written with its zone).
  literal: (column, value, type) => pgSerializeHooks.literal(column, value, type.replace(/^timestamptz(\(\d+\))?/, 'timestamp$1 with time zone')),
  entities: pgEntitiesOf({ isEnum: isCockroachEnum, schemaName: (e) => (is(e, CockroachSchema) ? e.schemaName : undefined) }),
};

/**
 * The model of a CockroachDB schema module's exports.
 *
 * @example
 * const model = cockroachSerialize(Object.values(await import('./schema.js')), { casing: undefined });
 */
export function cockroachSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  const model = withoutOuterParens(serializeSchema(entities, options, cockroachSerializeHooks));
  return { ...model, tables: model.tables.map(cockroachIndexes) };
}

/** CockroachDB's bucket count for a hash-sharded index that names none (`sql.defaults.default_hash_sharded_index_bucket_count`). */
export const DEFAULT_BUCKET_COUNT = '16';

function cockroachIndexes(table: TableModel): TableModel {
  return {
    ...table,
    indexes: table.indexes.map((i) => ({
      ...i,
      concurrently: false,
      columns: i.columns.map(indexColumnOrder),
      // The database reports the count it used, so the model says it too and DDL writes it.
      with: i.method === 'hash' && i.with?.bucket_count === undefined ? { ...i.with, bucket_count: DEFAULT_BUCKET_COUNT } : i.with,
    })),
  };
}

/**
 * The schema's model as CockroachDB reports it: view queries printed by the database (scratch
 * views, dropped again), and a unique index on plain columns as the unique constraint
 * CockroachDB's catalog lists it as (every unique index is one there).
 */
export async function cockroachAsDatabaseSpells(session: MigrationSession, model: SchemaModel): Promise<SchemaModel> {
  const views = await pgViewDefinitionsAsDatabase(session, model, 'drop');
  return { ...views, tables: views.tables.map(uniqueIndexesAsConstraints) };
}

function uniqueIndexesAsConstraints(table: TableModel): TableModel {
  const plain = (i: TableModel['indexes'][number]) => i.unique && i.where === undefined && (i.method ?? 'btree') === 'btree' && i.columns.every((c) => !c.isExpression && c.order === 'asc');
  return {
    ...table,
    indexes: table.indexes.filter((i) => !plain(i)),
    uniques: [...table.uniques, ...table.indexes.filter(plain).map((i) => ({ name: i.name, columns: i.columns.map((c) => c.expression.replace(/^"(.*)"$/, '$1').replace(/""/g, '"')), nullsNotDistinct: false }))],
  };
}
