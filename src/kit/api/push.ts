import type { Change, Statement } from '../changes.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import type { RenameAnswers, RenameQuestion } from '../diff.js';
import { diffWithAnswers } from './resolve-diff.js';
import { loadSchemaModel } from '../load-schema.js';
import { emptySnapshot, type KitDialectName, type SchemaModel, type Snapshot, type TableModel } from '../model.js';
import { kitDialect } from '../registry.js';
import { applyStatements, type MigrationSession } from '../runner.js';
import { KitError } from '../config-errors.js';
import { databaseModel } from './database-model.js';
import type { TableRef } from '../changes.js';

/** A change that can lose data, and how many rows it touches in the database now. */
export interface DataLoss {
  reason: string;
  rows: number;
}

export interface PushOptions {
  /** Rename answers known up front (`--rename` hints). */
  answers?: RenameAnswers | undefined;
  /** Asks open rename questions (the CLI on a terminal); without it they are returned. */
  resolve?: ((questions: RenameQuestion[]) => Promise<RenameAnswers | undefined>) | undefined;
  /** Compute the plan and change nothing. */
  explain?: boolean | undefined;
  /** Apply even when rows would be lost. */
  force?: boolean | undefined;
  /** Asked when rows would be lost and `force` is not set (the CLI on a terminal); without it the push stops. */
  confirm?: ((losses: DataLoss[]) => Promise<boolean>) | undefined;
  onProgress?: ((step: string) => void) | undefined;
}

export type PushResult =
  | { status: 'no-changes' }
  | { status: 'questions'; questions: RenameQuestion[]; answers: RenameAnswers }
  | { status: 'explain'; statements: Statement[]; losses: DataLoss[] }
  /** Rows would be lost and nobody confirmed: nothing was changed. */
  | { status: 'needs-confirmation'; statements: Statement[]; losses: DataLoss[] }
  | { status: 'applied'; statements: Statement[]; losses: DataLoss[] };

/**
 * Makes the database match the schema without a migration (for development): introspects it,
 * diffs, and applies the statements, in one transaction where the database's DDL is
 * transactional (PostgreSQL, SQLite). Statements that would lose rows need `force` or `confirm`.
 *
 * @example
 * const result = await push(await loadConfig(), { force: process.argv.includes('--force') });
 */
export async function push(config: ResolvedConfig, options: PushOptions = {}): Promise<PushResult> {
  if (config.dbCredentials === undefined && !(config.dialect === 'postgresql' && config.driver === 'pglite')) {
    throw new KitError(`${config.configPath ?? 'config'}: \`dbCredentials\` is required to push to a database`);
  }
  const declared = await loadSchemaModel(config);
  const db = await openDatabase({ dialect: config.dialect, driver: config.driver, credentials: config.dbCredentials });
  try {
    const dialect = kitDialect(config.dialect);
    const project = dialect.asDatabaseSpells === undefined ? declared : await dialect.asDatabaseSpells(db.session, declared);
    const live = await databaseModel(db.session, config, project, options.onProgress);
    const diff = await diffWithAnswers(live, project, options.answers, options.resolve);
    if (diff.status === 'questions') return diff;
    const changes = diff.changes;
    if (changes.length === 0) return { status: 'no-changes' };
    const from = asSnapshot(live, config.dialect);
    const statements = kitDialect(config.dialect).render(changes, { from, to: asSnapshot(project, config.dialect) });
    const losses = await dataLosses(db.session, changes, live);
    if (options.explain === true) return { status: 'explain', statements, losses };
    const lossy = losses.filter((l) => l.rows > 0);
    if (lossy.length > 0 && options.force !== true && !(options.confirm !== undefined && (await options.confirm(lossy)))) {
      return { status: 'needs-confirmation', statements, losses };
    }
    await applyStatements(
      db.session,
      'push',
      statements.map((s) => s.sql),
    );
    return { status: 'applied', statements, losses };
  } finally {
    await db.close();
  }
}

function asSnapshot(model: SchemaModel, dialect: KitDialectName): Snapshot {
  return { ...emptySnapshot(dialect), ...model };
}

/**
 * What each data-losing change would touch: a dropped table's rows, a dropped or retyped column's
 * values, the nulls of a column becoming NOT NULL (the statement fails on them), the rows of an
 * enum value that goes away.
 */
export async function dataLosses(session: MigrationSession, changes: readonly Change[], live: SchemaModel): Promise<DataLoss[]> {
  const q = quoter(session.dialect);
  const qualifies = session.dialect === 'postgresql' || session.dialect === 'mssql';
  const name = (t: TableRef) => (t.schema === undefined || !qualifies ? q(t.name) : `${q(t.schema)}.${q(t.name)}`);
  const count = async (sql: string): Promise<number> => {
    const [row] = await session.query<Record<string, unknown>>(sql);
    return Number(Object.values(row ?? {})[0] ?? 0);
  };
  const exists = (t: TableRef) => live.tables.some((x: TableModel) => x.name === t.name && (x.schema ?? 'public') === (t.schema ?? 'public'));
  const out: DataLoss[] = [];
  // Renames run first in the migration, so a changed table may still have its old name now.
  const oldName = new Map<string, TableRef>();
  for (const c of changes) if (c.kind === 'rename_table') oldName.set(`${c.to.schema}.${c.to.name}`, c.from);
  const current = (t: TableRef): TableRef => oldName.get(`${t.schema}.${t.name}`) ?? t;
  const renamedColumns = new Map<string, string>();
  for (const c of changes) if (c.kind === 'rename_column') renamedColumns.set(`${c.table.schema}.${c.table.name}.${c.to}`, c.from);
  const column = (t: TableRef, c: string) => q(renamedColumns.get(`${t.schema}.${t.name}.${c}`) ?? c);
  for (const c of changes) {
    if (c.kind === 'drop_table') {
      out.push({ reason: `drops table ${c.table.name}`, rows: await count(`select count(*) from ${name(c.table)}`) });
    } else if (c.kind === 'drop_column' && exists(current(c.table))) {
      out.push({ reason: `drops column ${c.table.name}.${c.column.name}`, rows: await count(`select count(*) from ${name(current(c.table))} where ${column(c.table, c.column.name)} is not null`) });
    } else if (c.kind === 'alter_column' && exists(current(c.table))) {
      const t = name(current(c.table));
      if (c.aspects.includes('type')) {
        out.push({ reason: `changes the type of ${c.table.name}.${c.to.name} from ${c.from.type} to ${c.to.type}`, rows: await count(`select count(*) from ${t} where ${column(c.table, c.to.name)} is not null`) });
      }
      if (c.aspects.includes('notNull') && c.to.notNull && !c.from.notNull) {
        out.push({ reason: `makes ${c.table.name}.${c.to.name} NOT NULL (rows holding null make it fail)`, rows: await count(`select count(*) from ${t} where ${column(c.table, c.to.name)} is null`) });
      }
    } else if (c.kind === 'recreate_enum') {
      const gone = c.from.values.filter((v) => !c.to.values.includes(v));
      for (const use of c.columns) {
        if (gone.length === 0 || !exists(current(use.table))) continue;
        const list = gone.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
        out.push({
          reason: `removes ${gone.join(', ')} from enum ${c.from.name} used by ${use.table.name}.${use.column.name}`,
          rows: await count(`select count(*) from ${name(current(use.table))} where ${column(use.table, use.column.name)}::text in (${list})`),
        });
      }
    }
  }
  return out;
}

function quoter(dialect: KitDialectName): (name: string) => string {
  if (dialect === 'mssql') return (n) => `[${n.replace(/]/g, ']]')}]`;
  return dialect === 'mysql' ? (n) => `\`${n.replace(/`/g, '``')}\`` : (n) => `"${n.replace(/"/g, '""')}"`;
}
