import type { IntrospectOptions } from '../../../kit/dialect.js';
import type { SchemaModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';

// Contract placeholder, replaced by the implementation.
export async function mysqlIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  void session, options;
  throw new Error('mysqlIntrospect: not built yet');
}
