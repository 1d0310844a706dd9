import type { ResolvedConfig } from '../config-validate.js';
import { filterModel } from '../load-schema.js';
import { isPgFamily, type SchemaModel } from '../model.js';
import { kitDialect } from '../registry.js';
import type { MigrationSession } from '../runner.js';

/**
 * The live database's model, narrowed to what the project manages: the config's table and schema
 * filters, and on PostgreSQL and CockroachDB (SQL Server) without a `schemaFilter`, `public` (`dbo`) plus the schemas the project
 * declares (other schemas in the database are not the project's to drop). Roles are compared
 * only where the project declares them, since every database has roles of its own. A tracking
 * table the config names (`migrations.table`) is left out like the default ones introspection
 * already skips.
 */
export async function databaseModel(session: MigrationSession, config: ResolvedConfig, project: SchemaModel | undefined, onProgress?: (step: string) => void): Promise<SchemaModel> {
  const model = withoutTrackingTable(await kitDialect(config.dialect).introspect(session, { onProgress }), config);
  const home = isPgFamily(config.dialect) ? 'public' : config.dialect === 'mssql' ? 'dbo' : undefined;
  const schemaFilter = config.schemaFilter ?? (home !== undefined && project !== undefined ? [home, ...project.schemas] : undefined);
  const filtered = filterModel(model, { tablesFilter: config.tablesFilter, schemaFilter });
  if (project === undefined) return filtered;
  const declared = new Set(project.roles.map((r) => r.name));
  return { ...filtered, roles: filtered.roles.filter((r) => declared.has(r.name)) };
}

function withoutTrackingTable(model: SchemaModel, config: ResolvedConfig): SchemaModel {
  const { table, schema } = config.migrations;
  // On PostgreSQL without a configured schema the table lives in `sluice` or `drizzle`, which introspection skips.
  if (table === undefined || (isPgFamily(config.dialect) && schema === undefined)) return model;
  const isTracking = (t: { schema: string | undefined; name: string }) => t.name === table && (schema === undefined || (t.schema ?? 'public') === schema);
  return { ...model, tables: model.tables.filter((t) => !isTracking(t)) };
}
