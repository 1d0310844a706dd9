/**
 * CockroachDB introspection: PostgreSQL's catalog queries (CockroachDB keeps `pg_catalog`), with
 * CockroachDB's variants and one query of its own for hidden columns, read into the same model.
 * Sessions on CockroachDB are PostgreSQL sessions (node-postgres).
 */
import { SluiceError } from '../../../core/errors.js';
import type { IntrospectOptions } from '../../../kit/dialect.js';
import { isPgFamily, type SchemaModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { selectSchemas } from '../../pg/kit/introspect-queries.js';
import { cockroachModelFromCatalog } from './introspect-normalize.js';
import { COCKROACH_SYSTEM_SCHEMAS, readCockroachCatalog } from './introspect-queries.js';

/**
 * The model of a CockroachDB database's schemas (`options.schemas`, or every schema but the
 * system ones, CockroachDB's `crdb_internal`/`pg_extension` and the kit's `sluice`/`drizzle`).
 *
 * @example
 * const model = await cockroachIntrospect(nodePgSession(pool), {});
 */
export async function cockroachIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  if (!isPgFamily(session.dialect)) throw new SluiceError(`cockroachIntrospect: the session is a ${session.dialect} session; CockroachDB is reached through a PostgreSQL session (node-postgres)`);
  for (const s of options.schemas ?? []) {
    if (typeof s !== 'string' || s === '') throw new SluiceError(`cockroachIntrospect: options.schemas holds ${JSON.stringify(s)}, not a schema name`);
  }
  const schemas = await selectSchemas(session, options.schemas, COCKROACH_SYSTEM_SCHEMAS);
  const rows = await readCockroachCatalog(session, schemas, options.onProgress);
  return cockroachModelFromCatalog(rows, schemas);
}
