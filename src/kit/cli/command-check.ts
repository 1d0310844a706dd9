import { check } from '../api/check.js';
import { checkDatabase, checkSchema, type DatabaseCheckResult, type SchemaCheckResult } from '../api/check-drift.js';
import { KitError } from '../config-errors.js';
import type { CommandHandler } from './commands.js';
import type { Reporter } from './reporter.js';

/**
 * `sluice check`: the folder check always; with `--db` the database against the migrations' end
 * state, with `--schema` the schema against the last snapshot. A check that cannot run (several
 * heads, no snapshot) is an error line like the folder's, so the other checks still report.
 */
export const checkCommand: CommandHandler = async (config, { flags, reporter }) => {
  const folder = check(config);
  const errors = [...folder.errors];
  const attempt = async <T>(label: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof KitError)) throw error;
      errors.push(`${label}: ${error.message}`);
      return undefined;
    }
  };
  if (flags.db === true) reporter.progress('Reading the database...');
  const database = flags.db === true ? await attempt('--db', () => checkDatabase(config, { onProgress: (step) => reporter.progress(step) })) : undefined;
  if (flags.schema === true) reporter.progress('Reading the schema...');
  const schema = flags.schema === true ? await attempt('--schema', () => checkSchema(config)) : undefined;
  reporter.clearProgress();
  const ok = errors.length === 0 && database?.ok !== false && schema?.ok !== false;

  if (reporter.json) {
    reporter.result({
      status: ok ? 'ok' : 'error',
      migrations: folder.migrations,
      errors,
      ...(flags.db === true ? { pending: database?.pending ?? null, differences: database?.differences ?? null, statements: database?.statements.map((s) => s.sql) ?? null, statementsProblem: database?.statementsProblem ?? null } : {}),
      ...(flags.schema === true ? { schemaChanges: schema?.changes ?? null, renameQuestions: schema?.questions ?? null } : {}),
    });
    return ok ? 0 : 1;
  }
  if (folder.ok) reporter.line(`${folder.migrations} migration${folder.migrations === 1 ? '' : 's'} checked: the history is consistent.`);
  for (const error of errors) reporter.line(`${reporter.style('red', 'error')} ${error}`);
  if (database !== undefined) reportDatabase(reporter, database);
  if (schema !== undefined) reportSchema(reporter, schema);
  return ok ? 0 : 1;
};

function reportDatabase(reporter: Reporter, result: DatabaseCheckResult): void {
  const { pending, differences, statements } = result;
  if (pending.length > 0) reporter.line(`${reporter.style('yellow', 'pending')} ${pending.length} pending: ${pending.join(', ')}; run sluice migrate`);
  if (differences.length === 0) {
    reporter.line(pending.length === 0 ? 'The database matches the migrations.' : 'Apart from the pending migrations, the database matches the migrations.');
    return;
  }
  reporter.line(`${reporter.style('red', 'drift')} the database differs from the migrations in ${differences.length} place${differences.length === 1 ? '' : 's'}:`);
  for (const d of differences) reporter.line(`  ${d.description}`);
  if (result.statementsProblem !== undefined) {
    reporter.line(`No SQL is shown: ${result.statementsProblem}`);
    return;
  }
  reporter.line('SQL that would make the database match the migrations:');
  for (const s of statements) {
    if (s.destructive !== undefined) reporter.line(`  ${reporter.style('yellow', `-- destructive: ${s.destructive}`)}`);
    reporter.line(`  ${s.sql.trim().replace(/;+$/, '').replace(/\n/g, '\n  ')};`);
  }
}

function reportSchema(reporter: Reporter, result: SchemaCheckResult): void {
  if (result.ok) {
    reporter.line('The schema matches the migrations.');
    return;
  }
  const count = result.changes.length;
  reporter.line(`${reporter.style('red', 'ungenerated')} the schema has ${count} change${count === 1 ? '' : 's'} no migration captures; run sluice generate:`);
  for (const c of result.changes) reporter.line(`  ${c.description}`);
  for (const q of result.questions) {
    reporter.line(`  ${q.entity} ${q.scope === undefined ? '' : `${q.scope}.`}${q.added} may be renamed from ${q.candidates.join(' or ')} (generate asks)`);
  }
}
