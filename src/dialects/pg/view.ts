import { is } from '../../core/entity.js';
import { TableMeta } from '../../core/table.js';
import { readViewConfig, type ViewDefinition } from '../../core/table-config.js';
import { View, viewBuilder, type ViewFunction } from '../../core/view.js';

/** The options a PostgreSQL view takes before `.as()`. */
export type PgViewOptions = 'with';
/** The options a materialized view takes before `.as()`. */
export type PgMaterializedViewOptions = 'with' | 'using' | 'tablespace' | 'withNoData';

/** @internal `pgView` of a schema. */
export function pgViewWithSchema(schema: string | undefined): ViewFunction<PgViewOptions> {
  return viewBuilder<PgViewOptions>('pg', schema);
}
/** @internal `pgMaterializedView` of a schema. */
export function pgMaterializedViewWithSchema(schema: string | undefined): ViewFunction<PgMaterializedViewOptions> {
  return viewBuilder<PgMaterializedViewOptions>('pg', schema, true);
}

/**
 * A PostgreSQL view, defined by a query (its columns follow the selection) or by SQL with
 * declared columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = pgView('adults').as((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(gte(users.age, 18)));
 */
export const pgView = pgViewWithSchema(undefined);

/**
 * A materialized view: selected from like a view, refreshed with `db.refreshMaterializedView(view)`.
 *
 * @example
 * export const totals = pgMaterializedView('totals').withNoData().as((qb) => qb.select({ n: count() }).from(orders));
 */
export const pgMaterializedView = pgMaterializedViewWithSchema(undefined);

/** A PostgreSQL view's definition, with its `with` options. */
export type PgViewConfig = ViewDefinition & { with?: Record<string, unknown> };
/** A materialized view's definition, with its storage options. */
export type PgMaterializedViewConfig = PgViewConfig & { using?: string; tablespace?: string; withNoData?: boolean };

/** Reads a view's definition (name, schema, fields, defining SQL, options) as the kit sees it. */
export function getViewConfig(view: View): PgViewConfig {
  return readViewConfig(view, 'getViewConfig');
}

/** Reads a materialized view's definition, including `using`, `tablespace` and `withNoData`. */
export function getMaterializedViewConfig(view: View): PgMaterializedViewConfig {
  return readViewConfig(view, 'getMaterializedViewConfig');
}

/** Whether a value is a (non-materialized) PostgreSQL view. */
export function isPgView(value: unknown): value is View {
  return isViewOf(value, false);
}
/** Whether a value is a PostgreSQL materialized view. */
export function isPgMaterializedView(value: unknown): value is View {
  return isViewOf(value, true);
}

function isViewOf(value: unknown, materialized: boolean): boolean {
  return is(value, View) && value[TableMeta].dialect === 'pg' && value.materialized === materialized;
}
