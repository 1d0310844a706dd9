import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { packageRoot } from '../package-root.js';
import { HANDLERS } from './commands.js';
import { COMMANDS, GLOBAL_OPTIONS, commandHelp, toolHelp, ALIASES } from './commands-spec.js';
import { Reporter, type Output } from './reporter.js';

/** The process the CLI runs in, injectable so tests run it in process. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
}

/**
 * Runs the `sluice` command line and returns its exit code: 0 done or nothing to do, 1 error,
 * 2 input needed.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes('--verbose') || (io.env.SLUICE_DEBUG !== undefined && io.env.SLUICE_DEBUG !== '' && io.env.SLUICE_DEBUG !== '0');
  const plain = new Reporter(io.stdout, io.stderr, { json: false, env: io.env });
  const index = commandIndex(argv);
  const name = index === -1 ? undefined : (ALIASES[argv[index]!] ?? argv[index]!);
  const rest = index === -1 ? [...argv] : [...argv.slice(0, index), ...argv.slice(index + 1)];
  const spec = name === undefined ? undefined : COMMANDS[name];
  if (name !== undefined && spec === undefined) {
    plain.error(
      `unknown command '${name}'. Commands: ${Object.keys(COMMANDS)
        .filter((c) => COMMANDS[c]!.unavailable !== true)
        .join(', ')} (sluice --help).`,
    );
    return 1;
  }

  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...spec?.options }, strict: true, allowPositionals: spec?.positionals === true });
    values = parsed.values as typeof values;
    positionals = parsed.positionals;
  } catch (error) {
    plain.error(`${error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error)} (sluice ${name ?? ''}${name === undefined ? '' : ' '}--help)`);
    return 1;
  }

  if (values.version === true && name === undefined) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (spec === undefined || name === undefined) {
    if (values.help === true) {
      io.stdout.write(toolHelp(packageVersion()));
      return 0;
    }
    io.stderr.write(toolHelp(packageVersion()));
    return 1;
  }
  if (values.help === true) {
    io.stdout.write(commandHelp(spec));
    return 0;
  }
  if (spec.unavailable === true) {
    plain.error(`sluice ${name} is not available yet.`);
    return 1;
  }

  const reporter = new Reporter(io.stdout, io.stderr, { json: values.json === true, env: io.env });
  try {
    const config = await loadConfig({ cwd: io.cwd, config: values.config as string | undefined });
    if (debug) config.verbose = true;
    return await HANDLERS[name]!(config, { flags: values, positionals, reporter, stdin: io.stdin, stdout: io.stdout, cwd: io.cwd });
  } catch (error) {
    reporter.error(errorMessage(error), errorDetails(error));
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** Position of the command word: the first argument that is not a flag or `--config`'s value. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config') i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

/** The message, plus the migration and statement a migration error carries when its message lacks them. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [error.message];
  const { migration, statement } = error as { migration?: unknown; statement?: unknown };
  if (typeof migration === 'string' && !error.message.includes(migration)) lines.push(`migration: ${migration}`);
  if (typeof statement === 'string' && !error.message.includes(statement.slice(0, 200))) lines.push(`statement: ${statement}`);
  const cause = error.cause;
  if ((migration !== undefined || statement !== undefined) && cause instanceof Error && !error.message.includes(cause.message)) lines.push(`database: ${cause.message}`);
  return lines.join('\n');
}

function errorDetails(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return {};
  const details: Record<string, unknown> = { name: error.name };
  const { migration, statement } = error as { migration?: unknown; statement?: unknown };
  if (migration !== undefined) details.migration = migration;
  if (statement !== undefined) details.statement = statement;
  return details;
}

function packageVersion(): string {
  const file = join(packageRoot, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
