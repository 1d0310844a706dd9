import { KitError } from '../config-errors.js';
import type { ResolvedConfig } from '../config-validate.js';
import { lintSql, type KnownColumns, type LintFinding } from '../lint/index.js';
import { readMigrations } from '../migrations/folder.js';

export interface LintOptions {
  /** Lint just these migrations (by name); an unknown name is an error. */
  names?: readonly string[] | undefined;
  /** Lint the migrations after this one (by name; with `names`, those of them after it); an unknown name is an error. */
  since?: string | undefined;
}

export interface LintResult {
  /** How many migrations were linted. */
  migrations: number;
  /** Their findings, in folder order, then statement order. */
  findings: LintFinding[];
}

/**
 * Lints the out folder's migrations (all of them by default) for statements that are risky on a
 * live database. Every migration is read in order, the ones not asked for included, so a type
 * change is judged against the column's type as earlier migrations made it.
 *
 * @example
 * const { findings } = lint(await loadConfig(), { since: '20261130120000_add_users' });
 * if (findings.length > 0) process.exitCode = 1;
 */
export function lint(config: ResolvedConfig, options: LintOptions = {}): LintResult {
  const entries = readMigrations(config.out);
  const names = new Set(entries.map((e) => e.name));
  const wanted = options.names === undefined || options.names.length === 0 ? undefined : new Set(options.names);
  for (const name of [...(wanted ?? []), ...(options.since === undefined ? [] : [options.since])]) {
    if (!names.has(name)) throw new KitError(`No migration named '${name}' in ${config.out}`);
  }
  const start = options.since === undefined ? 0 : entries.findIndex((e) => e.name === options.since) + 1;
  const known: KnownColumns = new Map();
  const findings: LintFinding[] = [];
  let migrations = 0;
  entries.forEach((entry, i) => {
    const found = lintSql(entry.sql, config.dialect, entry.name, { known });
    if (i < start || (wanted !== undefined && !wanted.has(entry.name))) return;
    migrations++;
    findings.push(...found);
  });
  return { migrations, findings };
}
