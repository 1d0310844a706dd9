import { relative } from 'node:path';
import { exportSql } from '../api/export.js';
import { generate } from '../api/generate.js';
import { up } from '../api/up.js';
import { push, type DataLoss } from '../api/push.js';
import { pull } from '../api/pull.js';
import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { parseRenameHint, type RenameAnswers, type RenameQuestion } from '../diff.js';
import { checkCommand } from './command-check.js';
import { lintCommand, printFinding } from './command-lint.js';
import { migrateCommand, rollbackCommand, statusCommand } from './command-migrate.js';
import { askRenames, askYesNo, renameFlag } from './prompt.js';
import type { Output, Reporter } from './reporter.js';

/** What a command gets besides the config: its flags, the terminal and the reporter. */
export interface CommandContext {
  flags: Record<string, string | boolean | string[] | undefined>;
  /** Arguments that are not flags (only for commands whose spec takes them). */
  positionals: string[];
  reporter: Reporter;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
  stdout: Output;
  cwd: string;
}

export type CommandHandler = (config: ResolvedConfig, ctx: CommandContext) => Promise<number>;

/** Exit code: the command needs input it could not ask for (open rename questions without a terminal). */
export const EXIT_INPUT_NEEDED = 2;

function renameAnswers(flags: CommandContext['flags']): RenameAnswers {
  const answers: RenameAnswers = {};
  for (const hint of (flags.rename as string[] | undefined) ?? []) {
    const { key, from } = parseRenameHint(hint);
    answers[key] = from;
  }
  return answers;
}

/** Prints open rename questions with the flag that answers each; the caller exits with EXIT_INPUT_NEEDED. */
function reportQuestions(reporter: Reporter, command: string, open: readonly RenameQuestion[]): void {
  const questions = open.map((q) => ({ ...q, flags: [...q.candidates.map((c) => renameFlag(q, c)), renameFlag(q, null)] }));
  if (reporter.json) {
    reporter.result({ status: 'questions', questions });
    return;
  }
  reporter.line(`Some changes could be renames. Nothing was ${command === 'push' ? 'changed' : 'written'}; run ${command} again with one flag per question:`);
  for (const q of questions) {
    reporter.line();
    reporter.line(reporter.style('bold', `${q.entity} ${q.added}${q.scope === undefined ? '' : ` in ${q.scope}`}`));
    for (const [i, c] of q.candidates.entries()) reporter.line(`  renamed from ${c}:`.padEnd(36) + q.flags[i]!);
    reporter.line('  created, not renamed:'.padEnd(36) + q.flags.at(-1)!);
  }
}

const generateCommand: CommandHandler = async (config, { flags, reporter, stdin, stdout, cwd }) => {
  const answers = renameAnswers(flags);
  const interactive = stdin.isTTY === true && stdout.isTTY === true && !reporter.json;
  reporter.progress('Reading the schema and the migrations folder...');
  const result = await generate(config, {
    name: flags.name as string | undefined,
    custom: flags.custom === true,
    explain: flags.explain === true,
    answers,
    resolve: interactive
      ? (questions) => {
          reporter.clearProgress();
          return askRenames(questions, { stdin, stdout: stdout as unknown as NodeJS.WritableStream }, reporter);
        }
      : undefined,
  });
  switch (result.status) {
    case 'no-changes':
      if (reporter.json) reporter.result({ status: 'no-changes' });
      else reporter.line('No changes: the schema matches the last migration, nothing written.');
      return 0;
    case 'questions':
      reportQuestions(reporter, 'generate', result.questions);
      return EXIT_INPUT_NEEDED;
    case 'explain':
      if (reporter.json) reporter.result({ status: 'explain', sql: result.sql, downSql: result.downSql, statements: result.statements });
      else {
        reporter.line(result.sql === '' ? '-- no statements' : result.sql.trimEnd());
        reporter.line('-- down.sql');
        reporter.line(result.downSql.trimEnd());
      }
      return 0;
    case 'written': {
      const path = relative(cwd, result.path) || result.path;
      if (reporter.json) {
        reporter.result({ status: 'written', name: result.name, path: result.path, sql: result.sql, downSql: result.downSql, statements: result.statements, lint: result.lint });
        return 0;
      }
      const count = result.statements.length;
      reporter.line(`${reporter.style('green', 'Wrote')} ${path} (${count} statement${count === 1 ? '' : 's'})`);
      for (const s of result.statements) if (s.destructive !== undefined) reporter.line(`  ${reporter.style('yellow', 'destructive:')} ${s.destructive}`);
      for (const f of result.lint) printFinding(reporter, f, 'warning');
      if (config.verbose) reporter.line(result.sql.trimEnd());
      return 0;
    }
  }
};

const exportCommand: CommandHandler = async (config, { reporter }) => {
  const result = await exportSql(config);
  if (reporter.json) reporter.result({ status: 'ok', sql: result.sql, statements: result.statements });
  else reporter.line(result.sql.trimEnd());
  return 0;
};

const upCommand: CommandHandler = async (config, { reporter, cwd }) => {
  const result = await up(config);
  if (reporter.json) reporter.result({ status: 'ok', converted: result.converted });
  else if (result.converted.length === 0) reporter.line('Nothing to convert: the folder is already in sluice layout.');
  else {
    for (const c of result.converted) reporter.line(`${c.from} -> ${c.to}`);
    reporter.line(`${result.converted.length} migration${result.converted.length === 1 ? '' : 's'} converted; the old files are in ${relative(cwd, config.out) || '.'}/.drizzle-backup/.`);
  }
  return 0;
};

const pushCommand: CommandHandler = async (config, { flags, reporter, stdin, stdout }) => {
  const interactive = stdin.isTTY === true && stdout.isTTY === true && !reporter.json;
  const io = { stdin, stdout: stdout as unknown as NodeJS.WritableStream };
  const listLosses = (losses: readonly DataLoss[]) => {
    for (const l of losses) reporter.line(`  ${reporter.style(l.rows > 0 ? 'yellow' : 'dim', l.rows > 0 ? 'data loss:' : 'no rows:')} ${l.reason}${l.rows > 0 ? ` (${l.rows} row${l.rows === 1 ? '' : 's'})` : ''}`);
  };
  reporter.progress('Reading the schema and the database...');
  const result = await push(config, {
    answers: renameAnswers(flags),
    explain: flags.explain === true,
    force: flags.force === true,
    onProgress: (step) => reporter.progress(step),
    resolve: interactive
      ? (questions) => {
          reporter.clearProgress();
          return askRenames(questions, io, reporter);
        }
      : undefined,
    confirm: interactive
      ? async (losses) => {
          reporter.clearProgress();
          reporter.line('These statements would lose data:');
          listLosses(losses);
          return askYesNo('Apply them?', io);
        }
      : undefined,
  });
  reporter.clearProgress();
  const plan = (statements: readonly { sql: string }[]) => {
    if (config.verbose || flags.explain === true) for (const s of statements) reporter.line(`${s.sql};`);
  };
  switch (result.status) {
    case 'no-changes':
      if (reporter.json) reporter.result({ status: 'no-changes' });
      else reporter.line('No changes: the database matches the schema.');
      return 0;
    case 'questions':
      reportQuestions(reporter, 'push', result.questions);
      return EXIT_INPUT_NEEDED;
    case 'explain':
      if (reporter.json) reporter.result({ status: 'explain', statements: result.statements, losses: result.losses });
      else {
        reporter.line(`${result.statements.length} statement${result.statements.length === 1 ? '' : 's'} would run (nothing was changed):`);
        plan(result.statements);
        listLosses(result.losses);
      }
      return 0;
    case 'needs-confirmation':
      if (reporter.json) reporter.result({ status: 'needs-confirmation', statements: result.statements, losses: result.losses });
      else {
        reporter.line('Nothing was changed: these statements would lose data. Run push on a terminal to confirm, or with --force:');
        listLosses(result.losses.filter((l) => l.rows > 0));
      }
      return EXIT_INPUT_NEEDED;
    case 'applied':
      if (reporter.json) reporter.result({ status: 'applied', statements: result.statements, losses: result.losses });
      else {
        plan(result.statements);
        reporter.line(`${reporter.style('green', 'Pushed')}: ${result.statements.length} statement${result.statements.length === 1 ? '' : 's'} applied.`);
      }
      return 0;
  }
};

const pullCommand: CommandHandler = async (config, { flags, reporter, cwd }) => {
  const casing = flags.casing ?? 'camel';
  if (casing !== 'camel' && casing !== 'preserve') throw new KitError(`--casing takes camel or preserve, not '${String(casing)}'`);
  const relations = flags.relations ?? 'v1';
  if (relations !== 'v1' && relations !== 'v2') throw new KitError(`--relations takes v1 or v2, not '${String(relations)}'`);
  reporter.progress('Reading the database...');
  const result = await pull(config, { casing, relations, init: flags.init === true, onProgress: (step) => reporter.progress(step) });
  reporter.clearProgress();
  if (reporter.json) {
    reporter.result({ status: 'ok', ...result });
    return 0;
  }
  const rel = (p: string) => relative(cwd, p) || p;
  reporter.line(`${reporter.style('green', 'Wrote')} ${rel(result.schemaPath)} and ${rel(result.relationsPath)} (${result.tables} table${result.tables === 1 ? '' : 's'})`);
  if (result.baseline === undefined) reporter.line('The migrations folder already holds migrations: no baseline written.');
  else reporter.line(`${reporter.style('green', 'Wrote')} ${rel(result.baseline)} (baseline${result.recorded ? ', recorded as applied' : '; sluice pull --init records it as applied'})`);
  return 0;
};

/** Command name -> handler. */
export const HANDLERS: Record<string, CommandHandler> = {
  generate: generateCommand,
  migrate: migrateCommand,
  check: checkCommand,
  export: exportCommand,
  status: statusCommand,
  rollback: rollbackCommand,
  up: upCommand,
  push: pushCommand,
  pull: pullCommand,
  lint: lintCommand,
};
