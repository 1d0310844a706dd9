import { SQLDialect } from '../../core/dialect-class.js';
import { entityKind } from '../../core/entity.js';
import type { Casing } from '../../core/render.js';
import { cockroachDialect } from './dialect.js';

/**
 * CockroachDB's SQL rendering without a database.
 *
 * @example
 * new CockroachDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select $1', params: [1] }
 */
export class CockroachDialect extends SQLDialect {
  static override readonly [entityKind]: string = 'CockroachDialect';
  constructor(config?: { casing?: Casing }) {
    super(cockroachDialect, config);
  }
}
