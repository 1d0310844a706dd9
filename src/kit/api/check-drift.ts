import { existsSync } from 'node:fs';
import { SluiceError } from '../../core/errors.js';
import type { Change, ChangeKind, Statement } from '../changes.js';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { openDatabase } from '../connect.js';
import { describeChange, type DiffSides } from '../describe-change.js';
import { renameKey, type RenameAnswers, type RenameQuestion } from '../diff.js';
import { filterModel, loadSchemaModel } from '../load-schema.js';
import { readMigrations } from '../migrations/folder.js';
import { same } from '../diff-order.js';
import { emptySnapshot, qualifiedName, type KitDialectName, type SchemaModel, type Snapshot } from '../model.js';
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
  /**
   * Why there are no statements although there are differences: the dialect cannot render them
   * (SQLite cannot rebuild a table with rows into one with a new NOT NULL column without a default).
   */
  statementsProblem: string | undefined;
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
    const differences = ownDifferences(diff.changes).map((c) => ({ kind: c.kind, description: describeChange(c, DATABASE_SIDES) }));
    const { statements, problem } = render(config.dialect, diff.changes, live, end);
    return { ok: pending.length === 0 && differences.length === 0, pending, differences, statements, statementsProblem: problem };
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
  const changes = ownDifferences(diff.changes).map((c) => ({ kind: c.kind, description: describeChange(c, SCHEMA_SIDES) }));
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

/** How to pair a drop with a create of the same object: its kind of object, its name, and what to compare. */
const REMADE: Record<string, (c: Change) => { pair: string; key: string; value: unknown } | undefined> = {
  drop_view: (c) => (c.kind === 'drop_view' ? { pair: 'view', key: qualifiedName(c.view), value: c.view } : undefined),
  create_view: (c) => (c.kind === 'create_view' ? { pair: 'view', key: qualifiedName(c.view), value: c.view } : undefined),
  drop_foreign_key: (c) => (c.kind === 'drop_foreign_key' ? { pair: 'fk', key: `${qualifiedName(c.table)}.${c.foreignKey.name}`, value: c.foreignKey } : undefined),
  add_foreign_key: (c) => (c.kind === 'add_foreign_key' ? { pair: 'fk', key: `${qualifiedName(c.table)}.${c.foreignKey.name}`, value: c.foreignKey } : undefined),
  drop_index: (c) => (c.kind === 'drop_index' ? { pair: 'index', key: `${qualifiedName(c.table)}.${c.index.name}`, value: c.index } : undefined),
  create_index: (c) => (c.kind === 'create_index' ? { pair: 'index', key: `${qualifiedName(c.table)}.${c.index.name}`, value: c.index } : undefined),
  drop_unique: (c) => (c.kind === 'drop_unique' ? { pair: 'unique', key: `${qualifiedName(c.table)}.${c.unique.name}`, value: c.unique } : undefined),
  add_unique: (c) => (c.kind === 'add_unique' ? { pair: 'unique', key: `${qualifiedName(c.table)}.${c.unique.name}`, value: c.unique } : undefined),
  drop_check: (c) => (c.kind === 'drop_check' ? { pair: 'check', key: `${qualifiedName(c.table)}.${c.check.name}`, value: c.check } : undefined),
  add_check: (c) => (c.kind === 'add_check' ? { pair: 'check', key: `${qualifiedName(c.table)}.${c.check.name}`, value: c.check } : undefined),
  drop_policy: (c) => (c.kind === 'drop_policy' ? { pair: 'policy', key: `${qualifiedName(c.table)}.${c.policy.name}`, value: c.policy } : undefined),
  create_policy: (c) => (c.kind === 'create_policy' ? { pair: 'policy', key: `${qualifiedName(c.table)}.${c.policy.name}`, value: c.policy } : undefined),
};

/**
 * The changes that are differences of their own: the differ drops and makes again, unchanged,
 * what depends on something that changes (a view over a table losing a column, a foreign key
 * over a retyped column), and such a pair is part of the SQL, not something that differs.
 */
function ownDifferences(changes: readonly Change[]): Change[] {
  const seen = new Map<string, { change: Change; value: unknown }[]>();
  for (const change of changes) {
    const entry = REMADE[change.kind]?.(change);
    if (entry === undefined) continue;
    const id = `${entry.pair}\0${entry.key}`;
    seen.set(id, [...(seen.get(id) ?? []), { change, value: entry.value }]);
  }
  const remade = new Set<Change>();
  for (const pair of seen.values()) {
    if (pair.length === 2 && pair[0]!.change.kind !== pair[1]!.change.kind && same(pair[0]!.value, pair[1]!.value)) for (const p of pair) remade.add(p.change);
  }
  return changes.filter((c) => !remade.has(c));
}

/** The statements for the differences, or why the dialect refuses to make them: the differences are the finding, the SQL a help. */
function render(dialect: KitDialectName, changes: Change[], live: SchemaModel, end: SchemaModel): { statements: Statement[]; problem: string | undefined } {
  if (changes.length === 0) return { statements: [], problem: undefined };
  try {
    return { statements: kitDialect(dialect).render(changes, { from: asSnapshot(live, dialect), to: asSnapshot(end, dialect) }), problem: undefined };
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    return { statements: [], problem: error.message };
  }
}

/** Every question answered "created, not renamed". */
function notRenames(questions: readonly RenameQuestion[]): RenameAnswers {
  return Object.fromEntries(questions.map((q) => [renameKey(q), null]));
}

function asSnapshot(model: SchemaModel, dialect: KitDialectName): Snapshot {
  return { ...emptySnapshot(dialect), ...model };
}
