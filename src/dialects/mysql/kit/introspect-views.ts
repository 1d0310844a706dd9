/**
 * MySQL and MariaDB store a view's query as their own rewrite of it (qualified columns, `AS`
 * aliases), never the text the schema rendered, so a schema's view compares with a database's
 * only once the server has printed both.
 */
import type { SchemaModel, ViewModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { normalizeViewDefinition } from './introspect-normalize.js';

/**
 * The model with each view's definition as the server prints it: each view is created under a
 * scratch name, read back from `information_schema.views` and dropped (MySQL's DDL commits, so
 * there is no transaction to roll back). A view whose query does not run against the database as
 * it is keeps its text, so it still compares as changed.
 *
 * @example
 * const schemaSide = await mysqlViewDefinitionsAsDatabase(session, mysqlSerialize(exports, options));
 */
export async function mysqlViewDefinitionsAsDatabase(session: MigrationSession, model: SchemaModel): Promise<SchemaModel> {
  const candidates = model.views.filter((v) => v.definition !== undefined);
  if (candidates.length === 0) return model;
  const [current] = await session.query<{ db: string | null }>('select database() as db');
  const database = current?.db ?? '';
  const printed = new Map<ViewModel, string>();
  for (const [i, view] of candidates.entries()) {
    const scratch = `\`__sluice_view_${i}\``;
    try {
      await session.execute(`create or replace view ${scratch} as ${view.definition!}`);
      const [row] = await session.query<{ def: string | null }>('select view_definition as def from information_schema.views where table_schema = database() and table_name = ?', [`__sluice_view_${i}`]);
      if (row?.def != null) printed.set(view, normalizeViewDefinition(row.def, database));
    } catch {
      // The query needs what the push has yet to create: the view keeps the schema's text.
    } finally {
      await session.execute(`drop view if exists ${scratch}`);
    }
  }
  return { ...model, views: model.views.map((v) => (printed.has(v) ? { ...v, definition: printed.get(v)! } : v)) };
}
