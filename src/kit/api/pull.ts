import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemaSource } from '../codegen.js';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import { diffSnapshots } from '../diff.js';
import { readMigrations, writeMigration } from '../migrations/folder.js';
import { emptySnapshot, SNAPSHOT_VERSION, type Snapshot } from '../model.js';
import { kitDialect } from '../registry.js';
import { runMigrations } from '../runner.js';
import { databaseModel } from './database-model.js';
import { downStatements, formatDownSql } from './down-sql.js';
import { formatMigrationSql } from './sql-file.js';

export interface PullOptions {
  /** TypeScript keys: camelCase (default) or the database's names as they are. */
  casing?: 'camel' | 'preserve' | undefined;
  /** `relations.ts` with v1 `relations()` (default) or v2 `defineRelations()`. */
  relations?: 'v1' | 'v2' | undefined;
  /** Record the baseline migration as applied: the database already is what it describes. */
  init?: boolean | undefined;
  onProgress?: ((step: string) => void) | undefined;
}

export interface PullResult {
  schemaPath: string;
  relationsPath: string;
  tables: number;
  /** The baseline migration's folder; undefined when the folder already held migrations. */
  baseline: string | undefined;
  /** Whether the baseline was recorded as applied (`init`). */
  recorded: boolean;
}

/**
 * Writes the database's schema as TypeScript (`schema.ts`, `relations.ts` in the out folder) and,
 * into an empty migrations folder, a baseline migration with its snapshot, so that `generate`
 * continues from the database as it is.
 *
 * @example
 * const { schemaPath } = await pull(await loadConfig(), { casing: 'camel', init: true });
 */
export async function pull(config: ResolvedConfig, options: PullOptions = {}): Promise<PullResult> {
  if (config.dbCredentials === undefined && !(config.dialect === 'postgresql' && config.driver === 'pglite')) {
    throw new KitError(`${config.configPath ?? 'config'}: \`dbCredentials\` is required to pull from a database`);
  }
  const db = await openDatabase({ dialect: config.dialect, driver: config.driver, credentials: config.dbCredentials });
  try {
    const model = await databaseModel(db.session, config, undefined, options.onProgress);
    const source = generateSchemaSource(model, { dialect: config.dialect, casing: options.casing ?? 'camel', relations: options.relations ?? 'v1', configCasing: config.casing });
    mkdirSync(config.out, { recursive: true });
    const schemaPath = join(config.out, 'schema.ts');
    const relationsPath = join(config.out, 'relations.ts');
    writeFileSync(schemaPath, source.schema);
    writeFileSync(relationsPath, source.relations);

    const hasMigrations = existsSync(config.out) && readMigrations(config.out).length > 0;
    if (hasMigrations) return { schemaPath, relationsPath, tables: model.tables.length, baseline: undefined, recorded: false };
    const empty = emptySnapshot(config.dialect);
    const snapshot: Snapshot = { ...model, version: SNAPSHOT_VERSION, dialect: config.dialect, id: randomUUID(), prevIds: [] };
    const diff = diffSnapshots(empty, model, {});
    if (diff.status !== 'ok') throw new KitError('creating a schema from nothing asked about renames');
    const statements = kitDialect(config.dialect).render(diff.changes, { from: empty, to: snapshot });
    // Undoing the baseline drops everything the database held: every statement loses data.
    const down = downStatements(config.dialect, empty, snapshot, {}).map((s) => ({ ...s, destructive: s.destructive ?? 'drops what the baseline migration created' }));
    const baseline = writeMigration(config.out, {
      name: 'pull',
      sql: formatMigrationSql(statements, { breakpoints: config.breakpoints }),
      down: formatDownSql(down, { breakpoints: config.breakpoints }),
      snapshot,
    });
    if (options.init === true) {
      const entry = readMigrations(config.out).find((e) => baseline.endsWith(e.name));
      if (entry === undefined) throw new KitError(`the baseline migration ${baseline} could not be read back`);
      await runMigrations(db.session, [entry], { ...config.migrations, recordOnly: true });
    }
    return { schemaPath, relationsPath, tables: model.tables.length, baseline, recorded: options.init === true };
  } finally {
    await db.close();
  }
}
