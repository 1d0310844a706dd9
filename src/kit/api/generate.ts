import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Change, Statement } from '../changes.js';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import type { RenameAnswers, RenameQuestion } from '../diff.js';
import { CUSTOM_DOWN_SQL, downStatements, formatDownSql, MERGE_DOWN_SQL } from './down-sql.js';
import { diffWithAnswers } from './resolve-diff.js';
import { knownColumnsOf, lintSql, type LintFinding } from '../lint/index.js';
import { loadSchemaModel } from '../load-schema.js';
import { NO_TRANSACTION } from '../migrations/directives.js';
import { writeMigration } from '../migrations/folder.js';
import { SNAPSHOT_VERSION, type KitDialectName, type SchemaModel, type Snapshot } from '../model.js';
import { kitDialect } from '../registry.js';
import { previousState, readHistory } from './history.js';
import { formatMigrationSql } from './sql-file.js';

/** The first line of a `--custom` migration. */
export const CUSTOM_MIGRATION_SQL = '-- Custom SQL migration file, put your code below! --\n';

export interface GenerateOptions {
  /** The migration's name (folder `<timestamp>_<name>`); derived from the changes when omitted. */
  name?: string | undefined;
  /** Write an empty migration (a comment line) with the current snapshot, for hand-written SQL. */
  custom?: boolean | undefined;
  /** Compute the SQL and write nothing. */
  explain?: boolean | undefined;
  /** Rename answers known up front (`parseRenameHint` of `--rename` hints). */
  answers?: RenameAnswers | undefined;
  /**
   * Called while the differ has open rename questions; returns answers to add (the CLI asks on a
   * terminal). Without it, or when it returns undefined, `generate` returns the questions.
   */
  resolve?: ((questions: RenameQuestion[]) => Promise<RenameAnswers | undefined>) | undefined;
  /** The migration folder's timestamp; default now. */
  now?: Date | undefined;
}

export type GenerateResult =
  | { status: 'no-changes' }
  | { status: 'questions'; questions: RenameQuestion[]; answers: RenameAnswers }
  | { status: 'explain'; sql: string; downSql: string; statements: Statement[]; changes: Change[] }
  | { status: 'written'; name: string; path: string; sql: string; downSql: string; statements: Statement[]; changes: Change[]; snapshot: Snapshot; lint: LintFinding[] };

/**
 * Diffs the schema against the out folder's latest snapshot and writes the next migration
 * (`migration.sql` + `snapshot.json`) with the `down.sql` that undoes it, made from the reverse
 * diff.
 *
 * @example
 * const result = await generate(await loadConfig(), { name: 'add_users' });
 * if (result.status === 'written') console.log(result.path);
 */
export async function generate(config: ResolvedConfig, options: GenerateOptions = {}): Promise<GenerateResult> {
  if (options.name !== undefined && !/^[A-Za-z0-9_-]+$/.test(options.name)) throw new KitError(`migration name '${options.name}' may only hold letters, digits, '_' and '-'`);
  const { prev, prevIds } = previousState(readHistory(config.out), config.dialect);
  const model = await loadSchemaModel(config);
  const next = toSnapshot(model, config.dialect, prevIds);

  if (options.custom === true) {
    if (options.explain === true) return { status: 'explain', sql: CUSTOM_MIGRATION_SQL, downSql: CUSTOM_DOWN_SQL, statements: [], changes: [] };
    const name = options.name ?? 'custom';
    const path = writeMigration(config.out, { name, sql: CUSTOM_MIGRATION_SQL, down: CUSTOM_DOWN_SQL, snapshot: next, now: options.now });
    return { status: 'written', name, path, sql: CUSTOM_MIGRATION_SQL, downSql: CUSTOM_DOWN_SQL, statements: [], changes: [], snapshot: next, lint: [] };
  }

  const diff = await diffWithAnswers(prev, next, options.answers, options.resolve);
  if (diff.status === 'questions') return diff;
  const changes = diff.changes;
  // Branches that met need a merge migration even when the schema did not change.
  if (changes.length === 0 && prevIds.length < 2) return { status: 'no-changes' };

  const { statements, sql, downSql } = renderMigration(config.dialect, prev, next, { changes, answers: diff.answers, breakpoints: config.breakpoints });
  if (options.explain === true) return { status: 'explain', sql, downSql, statements, changes };
  const name = options.name ?? defaultName(changes);
  const path = writeMigration(config.out, { name, sql, down: downSql, snapshot: next, now: options.now });
  // The linter's warnings on what was written; the previous snapshot says what the columns were.
  const lint = lintSql(sql, config.dialect, basename(path), { known: knownColumnsOf(prev) });
  return { status: 'written', name, path, sql, downSql, statements, changes, snapshot: next, lint };
}

/**
 * A migration's files from the forward diff's changes: `migration.sql` and the `down.sql` that
 * takes `next` back to `prev` (the reverse diff, with the rename answers that settled the forward
 * one). No changes is a merge migration, whose down.sql has nothing to undo.
 */
export function renderMigration(dialect: KitDialectName, prev: Snapshot, next: Snapshot, forward: { changes: readonly Change[]; answers: RenameAnswers; breakpoints: boolean }): { statements: Statement[]; sql: string; downSql: string } {
  const kit = kitDialect(dialect);
  const statements = kit.render(forward.changes, { from: prev, to: next });
  // A file the dialect cannot run in a transaction says so on its first line, which the runner reads.
  const header = (list: readonly Statement[]) => (kit.outsideTransaction?.(list) === true ? `${NO_TRANSACTION}\n` : '');
  const sql = `${header(statements)}${formatMigrationSql(statements, { breakpoints: forward.breakpoints })}`;
  const down = forward.changes.length === 0 ? [] : downStatements(dialect, prev, next, forward.answers);
  const downSql = forward.changes.length === 0 ? MERGE_DOWN_SQL : `${header(down)}${formatDownSql(down, { breakpoints: forward.breakpoints })}`;
  return { statements, sql, downSql };
}

/** The model as the next snapshot, identity first so snapshot.json reads top down. */
function toSnapshot(model: SchemaModel, dialect: KitDialectName, prevIds: string[]): Snapshot {
  const { schemas, enums, sequences, tables, views, roles } = model;
  return { version: SNAPSHOT_VERSION, dialect, id: randomUUID(), prevIds, schemas, enums, sequences, tables, views, roles };
}

/** A readable folder name from what the migration does: `create_users`, `alter_posts`, `merge`. */
export function defaultName(changes: readonly Change[]): string {
  const first = changes[0];
  if (first === undefined) return 'merge';
  const subject = (() => {
    switch (first.kind) {
      case 'create_table':
        return `create_${first.table.name}`;
      case 'drop_table':
        return `drop_${first.table.name}`;
      case 'rename_table':
        return `rename_${first.from.name}`;
      case 'create_enum':
        return `create_${first.enum.name}`;
      case 'create_schema':
        return `create_${first.name}`;
      default:
        return 'table' in first && typeof first.table === 'object' && 'name' in first.table ? `alter_${first.table.name}` : first.kind;
    }
  })();
  const name = subject.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  return changes.length > 1 && !name.startsWith('alter_') ? `${name}_and_more` : name;
}
