import type { Statement } from '../changes.js';
import type { ResolvedConfig } from '../config-validate.js';
import { diffSnapshots } from '../diff.js';
import { loadSchemaModel } from '../load-schema.js';
import { emptySnapshot, SNAPSHOT_VERSION, type Snapshot } from '../model.js';
import { kitDialect } from '../registry.js';
import { formatMigrationSql } from './sql-file.js';

/**
 * The DDL that creates the whole schema from nothing, without a database or the migrations folder.
 *
 * @example
 * const { sql } = await exportSql(await loadConfig());
 */
export async function exportSql(config: ResolvedConfig): Promise<{ sql: string; statements: Statement[]; snapshot: Snapshot }> {
  const model = await loadSchemaModel(config);
  const from = emptySnapshot(config.dialect);
  const to: Snapshot = { ...model, version: SNAPSHOT_VERSION, dialect: config.dialect, id: from.id, prevIds: [] };
  // From nothing there is nothing a new name could have been renamed from, so no questions arise.
  const diff = diffSnapshots(from, to, {});
  const changes = diff.status === 'ok' ? diff.changes : [];
  const statements = kitDialect(config.dialect).render(changes, { from, to });
  return { sql: formatMigrationSql(statements, { breakpoints: config.breakpoints }), statements, snapshot: to };
}
