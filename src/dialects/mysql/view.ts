import { readViewConfig, type ViewDefinition } from '../../core/table-config.js';
import { viewBuilder, type View, type ViewFunction } from '../../core/view.js';

/** The options a MySQL view takes before `.as()`. */
export type MySqlViewOptions = 'algorithm' | 'sqlSecurity' | 'withCheckOption';

/**
 * A MySQL view, defined by a query (its columns follow the selection) or by SQL with declared
 * columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = mysqlView('adults').as((qb) => qb.select({ id: users.id }).from(users).where(gte(users.age, 18)));
 */
export const mysqlView: ViewFunction<MySqlViewOptions> = viewBuilder<MySqlViewOptions>('mysql', undefined);

/** A MySQL view's definition, with its `algorithm`, `sqlSecurity` and `withCheckOption`. */
export type MySqlViewConfig = ViewDefinition & { algorithm?: 'undefined' | 'merge' | 'temptable'; sqlSecurity?: 'definer' | 'invoker'; withCheckOption?: 'cascaded' | 'local' };

/** Reads a view's definition (name, schema, fields, defining SQL, options) as the kit sees it. */
export function getViewConfig(view: View): MySqlViewConfig {
  return readViewConfig(view, 'getViewConfig');
}
