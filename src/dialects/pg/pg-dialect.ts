import type { Casing } from '../../core/render.js';
import { SQLDialect } from '../../core/dialect-class.js';
import { entityKind } from '../../core/entity.js';
import { pgDialect } from './dialect.js';

/**
 * PostgreSQL's SQL rendering without a database.
 *
 * @example
 * new PgDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select $1', params: [1] }
 */
export class PgDialect extends SQLDialect {
  static override readonly [entityKind]: string = 'PgDialect';
  constructor(config?: { casing?: Casing }) {
    super(pgDialect, config);
  }
}
