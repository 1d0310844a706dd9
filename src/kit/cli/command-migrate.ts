import { migrate, resolve, rollback, status, type LockWaitOptions } from '../api/migrate.js';
import { KitError } from '../config-errors.js';
import type { CommandContext, CommandHandler } from './commands.js';
import type { Reporter } from './reporter.js';

/** `sluice migrate` (and `migrate resolve`), `sluice status`, `sluice rollback`. */

/** `--lock-timeout <seconds>` as milliseconds, and the line printed while waiting. */
function lockWait(flags: CommandContext['flags'], reporter: Reporter): LockWaitOptions {
  const raw = flags['lock-timeout'];
  let lockTimeout: number | undefined;
  if (raw !== undefined) {
    const seconds = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new KitError(`--lock-timeout takes a number of seconds (0 or more), not '${String(raw)}'`);
    lockTimeout = Math.round(seconds * 1000);
  }
  return {
    lockTimeout,
    onLockWait: () => {
      const limit = lockTimeout === undefined ? '' : ` (up to ${raw as string} s)`;
      if (reporter.json) reporter.progress(`Waiting for another migration run to finish${limit}...`);
      else reporter.line(`${reporter.style('yellow', 'waiting')} another migration run holds the lock of this database; waiting for it to finish${limit}...`);
    },
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const migrateCommand: CommandHandler = async (config, ctx) => {
  const { flags, positionals, reporter } = ctx;
  if (positionals[0] === 'resolve') return resolveCommand(config, ctx);
  if (positionals.length > 0) throw new KitError(`sluice migrate takes no argument '${positionals[0]!}' (did you mean \`sluice migrate resolve <name> --applied|--rolled-back\`?)`);
  if (flags.applied !== undefined || flags['rolled-back'] !== undefined) throw new KitError('--applied and --rolled-back belong to `sluice migrate resolve <name>`');
  reporter.progress('Connecting...');
  const result = await migrate(config, {
    ...lockWait(flags, reporter),
    allowChanged: flags['allow-changed'] === true,
    onMigration: (name) => {
      reporter.line(`${reporter.style('green', 'applying')} ${name}`);
      reporter.progress(`Applying ${name}...`);
    },
  });
  if (reporter.json) reporter.result({ status: 'ok', applied: result.applied, tracking: result.tracking });
  else if (result.applied.length === 0) reporter.line('No pending migrations.');
  else reporter.line(`${plural(result.applied.length, 'migration')} applied.`);
  return 0;
};

const resolveCommand: CommandHandler = async (config, { flags, positionals, reporter }) => {
  const name = positionals[1];
  const applied = flags.applied === true;
  const rolledBack = flags['rolled-back'] === true;
  if (name === undefined || positionals.length > 2 || applied === rolledBack) {
    throw new KitError('usage: sluice migrate resolve <name> --applied | --rolled-back (exactly one: --applied when all of its changes are in place, --rolled-back when none are)');
  }
  await resolve(config, name, applied ? 'applied' : 'rolled-back', lockWait(flags, reporter));
  if (reporter.json) reporter.result({ status: 'ok', migration: name, resolved: applied ? 'applied' : 'rolled-back' });
  else reporter.line(applied ? `${name} is recorded as applied.` : `${name} is recorded as rolled back: the next migrate runs it again.`);
  return 0;
};

export const statusCommand: CommandHandler = async (config, { reporter }) => {
  reporter.progress('Connecting...');
  const result = await status(config);
  if (reporter.json) {
    reporter.result({ status: 'ok', ...result });
    return 0;
  }
  for (const name of result.applied) reporter.line(`${reporter.style('green', 'applied')}  ${name}`);
  for (const name of result.changed) reporter.line(`${reporter.style('red', 'changed')}  ${name} (edited after it was applied)`);
  for (const f of result.failed) {
    const progress = f.statementsDone === undefined ? '' : ` after ${f.statementsDone}${f.statements === undefined ? '' : ` of ${f.statements}`} statements`;
    reporter.line(`${reporter.style('red', f.state === 'failed' ? 'failed ' : 'interrupted')}  ${f.name}${progress}${f.error === undefined ? '' : `: ${f.error}`}`);
  }
  for (const name of result.pending) reporter.line(`${reporter.style('yellow', 'pending')}  ${name}`);
  for (const name of result.unknown) reporter.line(`${reporter.style('red', 'unknown')}  ${name} (recorded in the database, not in the folder)`);
  reporter.line(`${result.applied.length} applied, ${result.pending.length} pending, ${result.changed.length} changed, ${result.failed.length} failed, ${result.unknown.length} unknown.`);
  if (result.failed.length > 0) reporter.line(`Resolve a failed migration with \`sluice migrate resolve <name> --applied|--rolled-back\` once the database is fixed.`);
  return 0;
};

export const rollbackCommand: CommandHandler = async (config, { flags, reporter }) => {
  let steps: number | undefined;
  if (flags.steps !== undefined) {
    steps = Number(flags.steps);
    if (!Number.isInteger(steps) || steps < 1) throw new KitError(`--steps takes a whole number of at least 1, not '${String(flags.steps)}'`);
  }
  reporter.progress('Connecting...');
  const result = await rollback(config, {
    ...lockWait(flags, reporter),
    steps,
    to: flags.to as string | undefined,
    force: flags.force === true,
    onMigration: (name) => reporter.line(`${reporter.style('yellow', 'rolling back')} ${name}`),
  });
  if (reporter.json) reporter.result({ status: 'ok', rolledBack: result.rolledBack });
  else reporter.line(result.rolledBack.length === 0 ? 'Nothing to roll back.' : `${plural(result.rolledBack.length, 'migration')} rolled back.`);
  return 0;
};
