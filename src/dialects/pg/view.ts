import { viewBuilder } from '../../core/view.js';

/**
 * A PostgreSQL view, defined by a query (its columns follow the selection) or by SQL with
 * declared columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = pgView('adults').as((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(gte(users.age, 18)));
 */
export const pgView = viewBuilder('pg', undefined);

/** A materialized view; queried like a view (refreshing it is the kit's and the database's business). */
export const pgMaterializedView = viewBuilder('pg', undefined, true);
