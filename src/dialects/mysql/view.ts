import { viewBuilder } from '../../core/view.js';

/**
 * A MySQL view, defined by a query (its columns follow the selection) or by SQL with declared
 * columns; `.existing()` maps a view the database already has.
 *
 * @example
 * export const adults = mysqlView('adults').as((qb) => qb.select({ id: users.id }).from(users).where(gte(users.age, 18)));
 */
export const mysqlView = viewBuilder('mysql', undefined);
