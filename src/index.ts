/**
 * sluice: a type-safe SQL ORM. This entry holds what every dialect shares: the `sql` tag,
 * operators, aggregates, ordering, aliases, inference helpers and errors.
 */
export * from './core/index.js';
