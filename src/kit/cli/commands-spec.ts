import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec {
  summary: string;
  usage: string;
  options: Options;
  /** Lines describing the command's own flags. */
  flags: string[];
  /** Takes positional arguments (names); without this, one is refused as an unknown argument. */
  positionals?: boolean;
  /** Not built yet: listed under "coming" in the help and refused when run. */
  unavailable?: boolean;
}

const json = { type: 'boolean' } as const;

/** The binary's commands, their flags and help text. */
export const COMMANDS: Record<string, CommandSpec> = {
  generate: {
    summary: 'Write the next migration from the difference between the schema and the last snapshot',
    usage: 'sluice generate [--name <name>] [--custom] [--explain] [--rename <hint>]... [--json]',
    options: { name: { type: 'string' }, custom: { type: 'boolean' }, explain: { type: 'boolean' }, rename: { type: 'string', multiple: true }, json },
    flags: [
      '--name <name>      the migration folder is <timestamp>_<name> (default: from its changes)',
      '--custom           write an empty migration.sql for hand-written SQL, with the current snapshot',
      '--explain          print the SQL and write nothing',
      '--rename <hint>    answer a rename question up front; repeatable:',
      '                     table:public.users=public.people   (table users was renamed to people)',
      '                     column:public.users.name=full_name (a column of table public.users)',
      '                     enum:public.mood=public.feeling, schema:old=new, view:..., sequence:..., role:..., policy:...',
      '                     create:column:public.users.full_name  (new, not a rename)',
      '--json             print the result as one JSON object',
    ],
  },
  migrate: {
    summary: 'Apply the pending migrations to the database in dbCredentials (one run at a time)',
    usage: 'sluice migrate [--lock-timeout <s>] [--allow-changed] [--json]\n       sluice migrate resolve <name> --applied | --rolled-back',
    positionals: true,
    options: { 'lock-timeout': { type: 'string' }, 'allow-changed': { type: 'boolean' }, applied: { type: 'boolean' }, 'rolled-back': { type: 'boolean' }, json },
    flags: [
      '--lock-timeout <s> seconds to wait while another migrate holds the lock (default 300)',
      '--allow-changed    run even though applied migrations were edited since they ran',
      '--json             print the result as one JSON object',
      'A migration that fails part way where it cannot be rolled back (MySQL, whose DDL commits,',
      'or a migration starting with -- sluice:no-transaction) is recorded as failed, and migrate',
      'refuses to run until you fix the database and record what it holds:',
      '  resolve <name> --applied      all of its changes are in place',
      '  resolve <name> --rolled-back  none are; the next migrate runs it again',
    ],
  },
  rollback: {
    summary: 'Undo the latest applied migrations with their down.sql',
    usage: 'sluice rollback [--steps <n> | --to <name>] [--force] [--lock-timeout <s>] [--json]',
    options: { steps: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, 'lock-timeout': { type: 'string' }, json },
    flags: [
      '--steps <n>        how many of the latest applied migrations to undo (default 1)',
      '--to <name>        undo every migration applied after <name> (it stays applied)',
      '--force            run down steps marked as losing data (-- sluice:destructive) or irreversible',
      '--lock-timeout <s> seconds to wait while another migrate holds the lock (default 300)',
      '--json             print the result as one JSON object',
    ],
  },
  check: {
    summary: 'Check the migrations folder; with --db the database, with --schema the schema, against the migrations',
    usage: 'sluice check [--db] [--schema] [--json]',
    options: { db: { type: 'boolean' }, schema: { type: 'boolean' }, json },
    flags: [
      '--db               also compare the database in dbCredentials with the state the migrations end in:',
      '                     pending migrations, each difference, and the SQL that would make it match',
      '                     (nothing is taken for a rename; nothing is changed)',
      '--schema           also check that the schema has no changes a migration does not capture',
      '                     (what sluice generate would write; possible renames count as changes)',
      '--json             print the result as one JSON object:',
      '                     { status: "ok" | "error", migrations, errors: string[],',
      '                       with --db: pending: string[], differences: { kind, description }[], statements: string[],',
      '                       with --schema: schemaChanges: { kind, description }[], renameQuestions }',
      '                     (null where that check could not run; its reason is in errors)',
      'Exits 1 when the folder is inconsistent, the database has drifted or has pending migrations,',
      'or the schema has ungenerated changes.',
    ],
  },
  export: {
    summary: "Print the whole schema's DDL (no database, no migrations folder)",
    usage: 'sluice export [--sql] [--json]',
    options: { sql: { type: 'boolean' }, json },
    flags: ['--sql              SQL output (the default and only format)', '--json             print the result as one JSON object'],
  },
  status: {
    summary: 'List applied, pending, changed, failed and unknown migrations',
    usage: 'sluice status [--json]',
    options: { json },
    flags: ['--json             print the result as one JSON object'],
  },
  up: {
    summary: "Convert a drizzle-kit 0.x migrations folder to sluice's layout (SQL kept byte for byte)",
    usage: 'sluice up [--json]',
    options: { json },
    flags: ['--json             print the result as one JSON object'],
  },
  push: {
    summary: 'Make the database match the schema directly, without a migration (for development)',
    usage: 'sluice push [--force] [--explain] [--rename <hint>]... [--verbose] [--json]',
    options: { force: { type: 'boolean' }, explain: { type: 'boolean' }, rename: { type: 'string', multiple: true }, json },
    flags: [
      '--force            apply statements that lose rows without asking',
      '--explain          print the plan (and, with --verbose, its SQL) and change nothing',
      '--rename <hint>    answer a rename question up front, as for generate; repeatable',
      '--json             print the result as one JSON object',
      'Statements that would lose rows are listed with the rows they touch and need a yes on a',
      'terminal or --force; without either, push exits 2 and changes nothing. On PostgreSQL and',
      'SQLite the whole push runs in one transaction. --verbose prints the SQL.',
    ],
  },
  pull: {
    summary: 'Write schema.ts and relations.ts from the database into the out folder, with a baseline migration (alias: introspect)',
    usage: 'sluice pull [--casing camel|preserve] [--relations v1|v2] [--init] [--json]',
    options: { casing: { type: 'string' }, relations: { type: 'string' }, init: { type: 'boolean' }, json },
    flags: [
      '--casing <c>       TypeScript keys: camel (default) or preserve (the database names)',
      '--relations <v>    relations.ts with v1 relations() (default) or v2 defineRelations()',
      '--init             record the baseline migration as applied (the database already matches it)',
      '--json             print the result as one JSON object',
    ],
  },
  lint: {
    summary: 'Report risky statements in migrations (drops, table rewrites, blocking index builds, renames)',
    usage: 'sluice lint [<migration>...] [--since <name>] [--json]',
    options: { since: { type: 'string' }, json },
    positionals: true,
    flags: [
      '<migration>...     lint just these migrations (default: all)',
      '--since <name>     lint the migrations after this one',
      '--json             print the result as one JSON object',
      'Exits 1 when there are findings. `-- sluice:lint-ignore <rule>[, <rule>...]` (or `*`) above a',
      'statement accepts its findings of those rules. Rules: drop-column, drop-table,',
      'not-null-without-default, type-change, table-rebuild, index-not-concurrent,',
      'foreign-key-not-valid, rename.',
    ],
  },
};

/** Other names of commands, as drizzle-kit spells them. */
export const ALIASES: Record<string, string> = { introspect: 'pull' };

/** Flags every command takes. */
export const GLOBAL_OPTIONS: Options = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  verbose: { type: 'boolean' },
};

const globalFlags = [
  '--config <path>    config file (default: sluice.config.{ts,mts,js,mjs}, then drizzle.config.*)',
  '--verbose          print stack traces of errors (also SLUICE_DEBUG=1)',
  '-h, --help         this help; `sluice <command> --help` for a command',
  '--version          print the version',
];

const exitCodes = ['Exit codes:', '  0  done, or nothing to do', '  1  error', '  2  input needed (open rename questions without a terminal: pass --rename)'];

/** `sluice --help`. */
export function toolHelp(version: string): string {
  const available = Object.entries(COMMANDS).filter(([, c]) => c.unavailable !== true);
  const coming = Object.entries(COMMANDS).filter(([, c]) => c.unavailable === true);
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  return [
    `sluice ${version}: migrations for sluice (and drizzle-kit) projects`,
    '',
    'Usage: sluice <command> [flags]',
    '',
    'Commands:',
    ...available.map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    ...(coming.length === 0 ? [] : ['Not available yet:', ...coming.map(([name]) => `  ${name}`), '']),
    'Flags:',
    ...globalFlags.map((f) => `  ${f}`),
    '',
    ...exitCodes,
    '',
  ].join('\n');
}

/** `sluice <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  return [`${spec.summary}`, '', `Usage: ${spec.usage}`, '', 'Flags:', ...spec.flags.map((f) => `  ${f}`), ...globalFlags.map((f) => `  ${f}`), '', ...exitCodes, ''].join('\n');
}
