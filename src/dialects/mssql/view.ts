import { readViewConfig, type ViewDefinition } from '../../core/table-config.js';
import { viewBuilder, type View, type ViewFunction } from '../../core/view.js';

/** The options a SQL Server view takes before `.as()`: `.with({ encryption, schemaBinding, viewMetadata, checkOption })`. */
export type MsSqlViewOptions = 'with';

/**
 * A SQL Server view, defined by a query (its columns follow the selection) or by SQL with
 * declared columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = mssqlView('adults').as((qb) => qb.select({ id: users.id }).from(users).where(gte(users.age, 18)));
 */
export const mssqlView: ViewFunction<MsSqlViewOptions> = viewBuilder<MsSqlViewOptions>('mssql', undefined);

/** A SQL Server view's definition, with the options given to `.with()`. */
export type MsSqlViewConfig = ViewDefinition & { with?: { encryption?: boolean; schemaBinding?: boolean; viewMetadata?: boolean; checkOption?: boolean } };

/** Reads a view's definition (name, schema, fields, defining SQL, options) as the kit sees it. */
export function getViewConfig(view: View): MsSqlViewConfig {
  return readViewConfig(view, 'getViewConfig');
}
