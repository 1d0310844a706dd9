import { SQLDialect } from '../../core/dialect-class.js';
import { entityKind } from '../../core/entity.js';
import type { Casing } from '../../core/render.js';
import { mssqlDialect } from './dialect.js';

/**
 * SQL Server's SQL rendering without a database.
 *
 * @example
 * new MsSqlDialect().sqlToQuery(sql`select ${1}`); // { sql: 'select @p1', params: [1] }
 */
export class MsSqlDialect extends SQLDialect {
  static override readonly [entityKind]: string = 'MsSqlDialect';
  constructor(config?: { casing?: Casing }) {
    super(mssqlDialect, config);
  }
}
