import { readViewConfig, type ViewDefinition } from '../../core/table-config.js';
import { viewBuilder, type View } from '../../core/view.js';

/**
 * A SQLite view, defined by a query (its columns follow the selection) or by SQL with declared
 * columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = sqliteView('adults').as((qb) => qb.select({ id: users.id }).from(users).where(gte(users.age, 18)));
 */
export const sqliteView = viewBuilder('sqlite', undefined);

/** Reads a view's definition (name, fields, defining SQL) as the kit sees it. */
export function getViewConfig(view: View): ViewDefinition {
  return readViewConfig(view, 'getViewConfig');
}
