import { SQLDialect } from '../../core/dialect-class.js';
import { entityKind } from '../../core/entity.js';
import type { Casing } from '../../core/render.js';
import { mysqlDialect } from './dialect.js';

/**
 * MySQL's SQL rendering without a database.
 *
 * @example
 * new MySqlDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select ?', params: [1] }
 */
export class MySqlDialect extends SQLDialect {
  static override readonly [entityKind]: string = 'MySqlDialect';
  constructor(config?: { casing?: Casing }) {
    super(mysqlDialect, config);
  }
}
