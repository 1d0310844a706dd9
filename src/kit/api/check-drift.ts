import { existsSync } from 'node:fs';
import type { ChangeKind, Statement } from '../changes.js';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import { describeChange, type DiffSides } from '../describe-change.js';
import { renameKey, type RenameAnswers, type RenameQuestion } from '../diff.js';
import { filterModel, loadSchemaModel } from '../load-schema.js';
import { readMigrations } from '../migrations/folder.js';
import { emptySnapshot, type KitDialectName, type SchemaModel, type Snapshot } from '../model.js';
import { kitDialect } from '../registry.js';
import { migrationStatus } from '../runner.js';
import { databaseModel } from './database-model.js';
import { headsOf, previousState, readHistory } from './history.js';
import { diffWithAnswers } from './resolve-diff.js';

/** One thing that differs between two sides, in a line. */
export interface Difference {
  kind: ChangeKind;
  description: string;
}

export interface DatabaseCheckResult {
  /** No pending migrations and no differences. */
  ok: boolean;
  /** Migrations of the folder the database has not recorded. */
  pending: string[];
  /** What differs between the database and the migrations' end state. */
  differences: Difference[];
  /** The statements that would make the database match the migrations' end state. */
  statements: Statement[];
}

export interface SchemaCheckResult {
  /** The schema has nothing the migrations do not capture. */
  ok: boolean;
  /** What the schema has that the last migration's snapshot does not, each thing that could be a rename counted as not one. */
  changes: Difference[];
  /** What could be renames: each is a change too, which `generate` would ask about. */
  questions: RenameQuestion[];
}

const DATABASE_SIDES: DiffSides = { from: 'the database', to: 'the migrations' };
const SCHEMA_SIDES: DiffSides = { from: 'the migrations', to: 'the schema' };

/**
 * Compares the live database with the state the out folder's migrations end in (the head
 * snapshot), read as `push` reads it. Pending migrations are listed, and the comparison still
 * runs (they show up as differences). Nothing that disappeared is taken for a rename: a drift
 * check never asks, and a renamed column in the database is a column the migrations lack.
 *
 * @example
 * const { ok, pending, differences } = await checkDatabase(await loadConfig());
 */
export async function checkDatabase(config: ResolvedConfig, options: { onProgress?: ((step: string) => void) | undefined } = {}): Promise<DatabaseCheckResult> {
  if (config.dbCredentials === undefined && !(config.dialect === 'postgresql' && config.driver === 'pglite')) {
    throw new KitError(`${config.configPath ?? 'config'}: \`dbCredentials\` is required to check the database`);
  }
  const head = filterModel(headSnapshot(config), config);
  const db = await openDatabase({ dialect: config.dialect, driver: config.driver, credentials: config.dbCredentials });
  try {
    const { pending } = await migrationStatus(db.session, readMigrations(config.out), config.migrations);
    const dialect = kitDialect(config.dialect);
    const end = dialect.asDatabaseSpells === undefined ? head : await dialect.asDatabaseSpells(db.session, head);
    const live = await databaseModel(db.session, config, end, options.onProgress);
    const diff = await diffWithAnswers(live, end, {}, async (questions) => notRenames(questions));
    // Unreachable: every question gets an answer.
    if (diff.status === 'questions') throw new KitError(`the drift check left rename questions open: ${diff.questions.map(renameKey).join(', ')}`);
    const differences = diff.changes.map((c) => ({ kind: c.kind, description: describeChange(c, DATABASE_SIDES) }));
    const statements = diff.changes.length === 0 ? [] : dialect.render(diff.changes, { from: asSnapshot(live, config.dialect), to: asSnapshot(end, config.dialect) });
    return { ok: pending.length === 0 && differences.length === 0, pending, differences, statements };
  } finally {
    await db.close();
  }
}

/**
 * Whether the schema has changes no migration captures: diffs the out folder's head snapshot
 * (the empty schema for a folder without migrations) with the schema, as `generate` would, but
 * writes nothing and asks nothing.
 *
 * @example
 * const { ok, changes } = await checkSchema(await loadConfig());
 */
export async function checkSchema(config: ResolvedConfig): Promise<SchemaCheckResult> {
  const history = readHistory(config.out);
  const prev = history.length === 0 ? emptySnapshot(config.dialect) : headSnapshot(config, history);
  const schema = await loadSchemaModel(config);
  const questions: RenameQuestion[] = [];
  const diff = await diffWithAnswers(prev, schema, {}, async (open) => {
    questions.push(...open);
    return notRenames(open);
  });
  if (diff.status === 'questions') throw new KitError(`the schema check left rename questions open: ${diff.questions.map(renameKey).join(', ')}`);
  const changes = diff.changes.map((c) => ({ kind: c.kind, description: describeChange(c, SCHEMA_SIDES) }));
  return { ok: changes.length === 0 && questions.length === 0, changes, questions };
}

/**
 * The state the migrations end in: the one head snapshot of the out folder. No migrations, a
 * migration without a snapshot, or several heads (branches not merged yet) leave no single end
 * state, and each is an error saying so.
 */
function headSnapshot(config: ResolvedConfig, history = readHistory(config.out)): Snapshot {
  if (history.length === 0) {
    throw new KitError(`${existsSync(config.out) ? `${config.out} holds no migrations` : `${config.out} does not exist`}: there is no snapshot to compare with (run sluice generate)`);
  }
  const { prev, prevIds } = previousState(history, config.dialect);
  if (prevIds.length > 1) {
    const heads = headsOf(history.map((h) => h.snapshot!));
    const names = heads.map((s) => history.find((h) => h.snapshot?.id === s.id)?.entry.name ?? s.id);
    throw new KitError(`the migrations end in ${heads.length} heads (${names.join(', ')}), not one state: run sluice generate to write a merge migration`);
  }
  return prev;
}

/** Every question answered "created, not renamed". */
function notRenames(questions: readonly RenameQuestion[]): RenameAnswers {
  return Object.fromEntries(questions.map((q) => [renameKey(q), null]));
}

function asSnapshot(model: SchemaModel, dialect: KitDialectName): Snapshot {
  return { ...emptySnapshot(dialect), ...model };
}
