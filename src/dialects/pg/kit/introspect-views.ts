/**
 * View definitions have no text normal form: PostgreSQL keeps the parsed query and prints its own
 * rewrite of it (`pg_get_viewdef`), never the text the schema rendered. The one way to compare a
 * schema's view with a database's is to let the database print both, so this gives a model's
 * view definitions in the database's spelling.
 */
import { SluiceError } from '../../../core/errors.js';
import type { SchemaModel, ViewModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { ident } from './ddl-names.js';
import { stripOuterParens } from './introspect-normalize.js';

/** `pg_get_viewdef` text as introspection reports it: trimmed, without the final `;` or outer parentheses. */
export function viewDefinitionText(printed: string): string {
  return stripOuterParens(printed.trim().replace(/;$/, ''));
}

/** Ends the scratch transaction: the views are created only to read back how PostgreSQL prints them. */
class Rollback extends SluiceError {
  constructor() {
    super('view introspection rolls back its scratch views');
  }
}

/**
 * The model with each view's definition as the database prints it: every view is created under
 * a scratch name in its schema inside a transaction that is rolled back, and read back with
 * `pg_get_viewdef`. A view whose query does not run against the database as it is (a table or
 * column the schema adds and the database lacks) keeps its text, so it still compares as changed.
 * With `scratch: 'drop'` the views are created outside a transaction and dropped one by one.
 *
 * @example
 * const schemaSide = await pgViewDefinitionsAsDatabase(session, pgSerialize(exports, options));
 */
export async function pgViewDefinitionsAsDatabase(session: MigrationSession, model: SchemaModel, scratch: 'rollback' | 'drop' = 'rollback'): Promise<SchemaModel> {
  const printed = new Map<ViewModel, string>();
  const candidates = model.views.filter((v) => v.definition !== undefined);
  if (candidates.length === 0) return model;
  if (scratch === 'drop') {
    // CockroachDB (25.1 and later) commits the open transaction before DDL, so a rollback would
    // not remove the scratch views: each is dropped as soon as it is read.
    for (const [i, view] of candidates.entries()) {
      const name = `${ident(view.schema ?? 'public')}.${ident(`__sluice_view_${i}`)}`;
      try {
        await session.execute(`create view ${name} as (${view.definition!})`);
      } catch {
        continue;
      }
      try {
        const [row] = await session.query<{ def: string }>(`select pg_get_viewdef($1::regclass, true) as def`, [name]);
        if (row) printed.set(view, viewDefinitionText(row.def));
      } finally {
        await session.execute(`drop view ${name}`);
      }
    }
    return { ...model, views: model.views.map((v) => (printed.has(v) ? { ...v, definition: printed.get(v)! } : v)) };
  }
  try {
    await session.transaction(async (tx) => {
      for (const [i, view] of candidates.entries()) {
        const scratch = `${ident(view.schema ?? 'public')}.${ident(`__sluice_view_${i}`)}`;
        // A failed statement aborts the transaction, so each attempt gets a savepoint.
        await tx.execute('savepoint sluice_view');
        try {
          await tx.execute(`create view ${scratch} as (${view.definition!})`);
          const [row] = await tx.query<{ def: string }>(`select pg_get_viewdef($1::regclass, true) as def`, [scratch]);
          if (row) printed.set(view, viewDefinitionText(row.def));
          await tx.execute('release savepoint sluice_view');
        } catch {
          await tx.execute('rollback to savepoint sluice_view');
        }
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return { ...model, views: model.views.map((v) => (printed.has(v) ? { ...v, definition: printed.get(v)! } : v)) };
}
