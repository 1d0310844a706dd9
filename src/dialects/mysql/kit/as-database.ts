/**
 * A schema's model as MySQL and MariaDB would report it once made: what `push` and
 * `check --db` compare with the introspected model.
 */
import type { SchemaModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { uniqueIndexesAsConstraints } from '../../../kit/unique-keys.js';
import { mysqlViewDefinitionsAsDatabase } from './introspect-views.js';

/**
 * View queries as the server prints them, and unique indexes on plain columns as unique
 * constraints: the catalog keeps no difference between `CREATE UNIQUE INDEX` and
 * `CONSTRAINT ... UNIQUE` (both are a unique key), and introspection reads such a key as a
 * constraint, so a `uniqueIndex()` would otherwise compare as a dropped constraint and a new index.
 */
export async function mysqlAsDatabase(session: MigrationSession, model: SchemaModel): Promise<SchemaModel> {
  return uniqueIndexesAsConstraints(await mysqlViewDefinitionsAsDatabase(session, model), () => true);
}
