import { is } from '../../core/entity.js';
import { TableMeta } from '../../core/table.js';
import { readViewConfig, type ViewDefinition } from '../../core/table-config.js';
import { View, viewBuilder, type ViewFunction } from '../../core/view.js';

/** The options a CockroachDB view takes before `.as()`. */
export type CockroachViewOptions = never;
/** The options a CockroachDB materialized view takes before `.as()`. */
export type CockroachMaterializedViewOptions = 'withNoData';

/** @internal `cockroachView` of a schema. */
export function cockroachViewWithSchema(schema: string | undefined): ViewFunction<CockroachViewOptions> {
  return viewBuilder<CockroachViewOptions>('cockroach', schema);
}
/** @internal `cockroachMaterializedView` of a schema. */
export function cockroachMaterializedViewWithSchema(schema: string | undefined): ViewFunction<CockroachMaterializedViewOptions> {
  return viewBuilder<CockroachMaterializedViewOptions>('cockroach', schema, true);
}

/**
 * A CockroachDB view, defined by a query (its columns follow the selection) or by SQL with
 * declared columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = cockroachView('adults').as((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(gte(users.age, 18)));
 */
export const cockroachView = cockroachViewWithSchema(undefined);

/**
 * A materialized view: selected from like a view, refreshed with `db.refreshMaterializedView(view)`.
 *
 * @example
 * export const totals = cockroachMaterializedView('totals').as((qb) => qb.select({ n: count() }).from(orders));
 */
export const cockroachMaterializedView = cockroachMaterializedViewWithSchema(undefined);

/** A CockroachDB view's definition. */
export type CockroachViewConfig = ViewDefinition;
/** A materialized view's definition. */
export type CockroachMaterializedViewConfig = ViewDefinition & { withNoData?: boolean };

/** Reads a view's definition (name, schema, fields, defining SQL) as the kit sees it. */
export function getViewConfig(view: View): CockroachViewConfig {
  return readViewConfig(view, 'getViewConfig');
}
/** Reads a materialized view's definition, including `withNoData`. */
export function getMaterializedViewConfig(view: View): CockroachMaterializedViewConfig {
  return readViewConfig(view, 'getMaterializedViewConfig');
}

/** Whether a value is a (non-materialized) CockroachDB view. */
export function isCockroachView(value: unknown): value is View {
  return is(value, View) && value[TableMeta].dialect === 'cockroach' && !value.materialized;
}
/** Whether a value is a CockroachDB materialized view. */
export function isCockroachMaterializedView(value: unknown): value is View {
  return is(value, View) && value[TableMeta].dialect === 'cockroach' && value.materialized;
}
