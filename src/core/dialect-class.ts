import type { Dialect } from './dialect.js';
import { entityKind } from './entity.js';
import { PlaceholderSlot, Renderer, type Casing, type Query } from './render.js';
import { Placeholder, type SQLWrapper } from './sql.js';

/**
 * A dialect as an object users hold: renders `sql` fragments to `{ sql, params }` without a
 * database. Each `-core` entry exports its subclass (`PgDialect`, `MySqlDialect`, ...).
 */
export class SQLDialect {
  static readonly [entityKind]: string = 'SQLDialect';
  /** @internal */
  readonly renderer: Renderer;

  constructor(dialect: Dialect, config?: { casing?: Casing }) {
    this.renderer = new Renderer(dialect, config?.casing);
  }

  /**
   * Renders an `sql` fragment (or anything with `getSQL()`) for this dialect.
   *
   * @example
   * new PgDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select $1', params: [1] }
   */
  sqlToQuery(fragment: SQLWrapper): Query {
    const q = this.renderer.sqlToQuery(fragment.getSQL());
    return { sql: q.sql, params: q.params.map((p) => (p instanceof PlaceholderSlot ? new Placeholder(p.name) : p)) };
  }

  /** Quotes an identifier: `"users"` on PostgreSQL, `` `users` `` on MySQL. */
  escapeName(name: string): string {
    return this.renderer.dialect.quote(name);
  }

  /** The placeholder of the parameter at a 0-based position: `$1` on PostgreSQL, `?` elsewhere. */
  escapeParam(index: number): string {
    return this.renderer.dialect.param(index + 1);
  }

  /** A string literal with its quotes doubled: `'it''s'`. */
  escapeString(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
  }
}
