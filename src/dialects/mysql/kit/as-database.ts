/**
 * A schema's model as MySQL and MariaDB would report it once made: what `push` and
 * `check --db` compare with the introspected model.
 */
import type { IndexModel, SchemaModel, TableModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { mysqlViewDefinitionsAsDatabase } from './introspect-views.js';

/**
 * View queries as the server prints them, and unique indexes on plain columns as unique
 * constraints: the catalog keeps no difference between `CREATE UNIQUE INDEX` and
 * `CONSTRAINT ... UNIQUE` (both are a unique key), and introspection reads such a key as a
 * constraint, so a `uniqueIndex()` would otherwise compare as a dropped constraint and a new index.
 */
export async function mysqlAsDatabase(session: MigrationSession, model: SchemaModel): Promise<SchemaModel> {
  const withViews = await mysqlViewDefinitionsAsDatabase(session, model);
  return { ...withViews, tables: withViews.tables.map(uniqueIndexesAsConstraints) };
}

function uniqueIndexesAsConstraints(table: TableModel): TableModel {
  const keys = table.indexes.filter((i) => plainColumns(i) !== undefined);
  if (keys.length === 0) return table;
  return {
    ...table,
    indexes: table.indexes.filter((i) => !keys.includes(i)),
    uniques: [...table.uniques, ...keys.map((i) => ({ name: i.name, columns: plainColumns(i)!, nullsNotDistinct: false }))],
  };
}

/** The column names of a unique btree index on whole columns in ascending order, the only kind introspection reads as a constraint. */
function plainColumns(index: IndexModel): string[] | undefined {
  if (!index.unique || index.where !== undefined || (index.method !== undefined && index.method.toLowerCase() !== 'btree')) return undefined;
  const names: string[] = [];
  for (const c of index.columns) {
    const m = /^`((?:[^`]|``)+)`$/.exec(c.expression);
    if (c.isExpression || c.order !== 'asc' || m === null) return undefined;
    names.push(m[1]!.replace(/``/g, '`'));
  }
  return names;
}
