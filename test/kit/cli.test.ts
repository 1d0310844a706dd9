/**
 * The `sluice` binary: argument handling, help, exit codes, output modes and error reporting, and
 * the commands end to end on each dialect.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Reporter } from '../../src/kit/cli/reporter.js';
import { askRenames, renameFlag } from '../../src/kit/cli/prompt.js';
import { parseRenameHint, renameKey, type RenameQuestion } from 'sluice/kit';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

let project: TempProject;
afterEach(() => project?.remove());

const sqliteConfig = (extra = '') => `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './migrations', dbCredentials: { url: './app.db' }${extra} });\n`;
const usersSchema = (columns: string) => `import { sqliteTable, integer, text } from 'sluice/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), ${columns} });\n`;

describe('arguments, help and exit codes', () => {
  const cwd = '/';

  it('--help lists the commands and documents exit codes', async () => {
    const run = await runSluice(['--help'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sluice \d+\.\d+\.\d+/);
    for (const name of ['generate', 'migrate', 'check', 'export', 'status', 'up', 'push', 'pull', 'lint']) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(run.stdout).not.toContain('Not available yet');
    expect(run.stdout).toContain('  0  done, or nothing to do\n  1  error\n  2  input needed');
    expect((await runSluice(['-h'], { cwd })).stdout).toBe(run.stdout);
  });

  it('no command prints the help on stderr and fails', async () => {
    const run = await runSluice([], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Usage: sluice <command> [flags]');
    expect(run.stdout).toBe('');
  });

  it('each command has its own --help', async () => {
    const run = await runSluice(['generate', '--help'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: sluice generate [--name <name>] [--custom] [--explain] [--rename <hint>]... [--json]');
    expect(run.stdout).toContain('create:column:public.users.full_name');
    expect((await runSluice(['--config', 'x.ts', 'migrate', '-h'], { cwd })).stdout).toContain('Usage: sluice migrate [--lock-timeout <s>] [--allow-changed] [--json]');
  });

  it('--version prints the package version', async () => {
    const version = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    expect(await runSluice(['--version'], { cwd })).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown command or flag is an error naming it', async () => {
    const command = await runSluice(['generat'], { cwd });
    expect(command).toEqual({ code: 1, stdout: '', stderr: "error unknown command 'generat'. Commands: generate, migrate, rollback, check, export, status, up, push, pull, lint (sluice --help).\n" });
    const flag = await runSluice(['generate', '--nme', 'x'], { cwd });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe("error Unknown option '--nme' (sluice generate --help)\n");
    const misplaced = await runSluice(['migrate', '--rename', 'a=b'], { cwd });
    expect(misplaced.code).toBe(1);
    expect(misplaced.stderr).toContain("Unknown option '--rename'");
    const positional = await runSluice(['check', 'extra'], { cwd });
    expect(positional.code).toBe(1);
    expect(positional.stderr).toContain("Unexpected argument 'extra'");
  });

  it("introspect is pull under drizzle-kit's other name, and push and pull check their flags", async () => {
    expect((await runSluice(['introspect', '--help'], { cwd })).stdout).toBe((await runSluice(['pull', '--help'], { cwd })).stdout);
    expect((await runSluice(['pull', '--help'], { cwd })).stdout).toContain('--relations <v>');
    expect((await runSluice(['push', '--help'], { cwd })).stdout).toContain('--force');
    const bad = await runSluice(['push', '--casing', 'camel'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Unknown option '--casing'");
  });
});

describe('errors', () => {
  it('prints the message without a stack trace, exit 1', async () => {
    project = tempProject();
    const run = await runSluice(['check'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error no config file in ${project.dir}: create sluice.config.ts (or drizzle.config.ts), or pass --config <path>\n`);
  });

  it('prints the stack with --verbose or SLUICE_DEBUG', async () => {
    project = tempProject();
    const verbose = await runSluice(['check', '--verbose'], { cwd: project.dir });
    expect(verbose.stderr).toMatch(/^error no config file[^\n]*\nConfigError: no config file.*\n\s+at /s);
    const debug = await runSluice(['check'], { cwd: project.dir, env: { SLUICE_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('with --json the error is the one JSON object', async () => {
    project = tempProject();
    project.write('sluice.config.ts', "export default { dialect: 'sqlite', schema: './schema.ts', driver: 'mysql2' };\n");
    const run = await runSluice(['check', '--json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'error',
      error: { name: 'ConfigError', message: `${project.path('sluice.config.ts')}: unknown \`driver\` 'mysql2' for dialect 'sqlite': expected one of 'better-sqlite3', 'libsql', 'turso'` },
    });
  });

  it('a syntax error in the schema names the file and line, exit 1', async () => {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig());
    project.write('schema.ts', "import { sqliteTable } from 'sluice/sqlite-core';\nexport const t = sqliteTable('t', {\n  id: integer('id'),,\n});\n");
    const run = await runSluice(['export'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error schema cannot load ${project.path('schema.ts')}: .*schema\\.ts:3:\\d+\\n$`));
  });

  it('--config points at another file', async () => {
    project = tempProject();
    project.write('conf/kit.ts', "export default { dialect: 'sqlite' };\n");
    const run = await runSluice(['export', '--config', 'conf/kit.ts'], { cwd: project.dir });
    expect(run.stderr).toBe(`error ${project.path('conf/kit.ts')}: \`schema\` is required: a file, folder or glob of schema files, or a list of them\n`);
  });
});

describe('reporter', () => {
  const capture = (isTTY: boolean) => {
    const o = { isTTY, text: '', write: (t: string) => (o.text += t) };
    return o;
  };

  it('colours only on a terminal without NO_COLOR', () => {
    const tty = capture(true);
    new Reporter(tty, capture(false), { json: false, env: {} }).line(new Reporter(tty, capture(false), { json: false, env: {} }).style('green', 'ok'));
    expect(tty.text).toBe('\u001b[32mok\u001b[39m\n');
    const noColor = capture(true);
    const r = new Reporter(noColor, capture(false), { json: false, env: { NO_COLOR: '1' } });
    r.line(r.style('green', 'ok'));
    expect(noColor.text).toBe('ok\n');
    const pipe = capture(false);
    const p = new Reporter(pipe, capture(false), { json: false, env: {} });
    p.line(p.style('red', 'x'));
    expect(pipe.text).toBe('x\n');
  });

  it('shows progress on a terminal stderr only, and clears it before output', () => {
    const out = capture(false);
    const err = capture(true);
    const r = new Reporter(out, err, { json: false, env: {} });
    r.progress('Working...');
    r.line('done');
    expect(err.text).toBe('\r\u001b[KWorking...\r\u001b[K');
    expect(out.text).toBe('done\n');
    const quiet = capture(false);
    new Reporter(out, quiet, { json: false, env: {} }).progress('Working...');
    expect(quiet.text).toBe('');
  });

  it('in JSON mode prints only the result object', () => {
    const out = capture(true);
    const r = new Reporter(out, capture(false), { json: true, env: {} });
    r.line('hidden');
    r.result({ status: 'ok', n: r.style('bold', 'plain') });
    expect(JSON.parse(out.text)).toEqual({ status: 'ok', n: 'plain' });
  });
});

describe('asking rename questions on a terminal', () => {
  const questions: RenameQuestion[] = [
    { entity: 'column', scope: 'users', added: 'full_name', candidates: ['name', 'nick'] },
    { entity: 'column', scope: 'users', added: 'handle', candidates: ['name', 'nick'] },
  ];
  const terminal = (answers: string[], end: boolean) => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!/Choice \[[^\]]*\]: $/.test(text)) return;
      if (answers.length > 0) stdin.write(`${answers.shift()}\n`);
      else if (end) stdin.end();
    });
    const reporter = new Reporter(stdout, { write: () => true }, { json: false, env: {} });
    return { io: { stdin, stdout }, reporter, output: () => text };
  };

  it('lists the candidates and "created", re-asks on a bad answer, and offers a taken candidate once', async () => {
    const t = terminal(['x', '2', '2'], false);
    const answers = await askRenames(questions, t.io, t.reporter);
    expect(answers).toEqual({ 'column:users.full_name': 'nick', 'column:users.handle': null });
    expect(t.output()).toBe(
      'Is column full_name in users new, or renamed?\n  1) renamed from name\n  2) renamed from nick\n  3) created (new column)\nChoice [1-3]: ' +
        'Type a number from 1 to 3.\nChoice [1-3]: ' +
        'Is column handle in users new, or renamed?\n  1) renamed from name\n  2) created (new column)\nChoice [1-2]: ',
    );
  });

  it('stops with an error when the input ends', async () => {
    const t = terminal(['1'], true);
    await expect(askRenames(questions, t.io, t.reporter)).rejects.toThrow('the input ended before every rename question was answered; nothing was written');
  });
});

describe('rename flags', () => {
  const column: RenameQuestion = { entity: 'column', scope: 'public.users', added: 'full_name', candidates: ['name', 'nick'] };
  const table: RenameQuestion = { entity: 'table', scope: undefined, added: 'public.people', candidates: ['public.users'] };

  it('spells the --rename flag that answers a question', () => {
    expect(renameFlag(column, 'name')).toBe('--rename column:public.users.name=full_name');
    expect(renameFlag(column, null)).toBe('--rename create:column:public.users.full_name');
    expect(renameFlag(table, 'public.users')).toBe('--rename table:public.users=public.people');
    expect(renameFlag(table, null)).toBe('--rename create:table:public.people');
  });

  it("(with the kit's parts) the printed flags parse back to the question's answer", () => {
    for (const q of [column, table]) {
      for (const from of [...q.candidates, null]) {
        const hint = renameFlag(q, from).slice('--rename '.length);
        expect(parseRenameHint(hint)).toEqual({ key: renameKey(q), from });
      }
    }
  });
});

describe('commands end to end', () => {
  const folders = () => (existsSync(project.path('migrations')) ? readdirSync(project.path('migrations')).sort() : []);

  it('generate without a terminal lists the open rename questions with their flags, exit 2, writes nothing', async () => {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig());
    project.write('schema.ts', usersSchema("name: text('name')"));
    expect((await runSluice(['generate', '--name', 'init'], { cwd: project.dir })).code).toBe(0);
    project.write('schema.ts', usersSchema("fullName: text('full_name')"));
    const before = folders();
    const run = await runSluice(['generate'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Nothing was written');
    expect(run.stdout).toContain('--rename column:users.name=full_name');
    expect(run.stdout).toContain('--rename create:column:users.full_name');
    expect(folders()).toEqual(before);

    const json = await runSluice(['generate', '--json'], { cwd: project.dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      status: 'questions',
      questions: [{ entity: 'column', scope: 'users', added: 'full_name', candidates: ['name'], flags: ['--rename column:users.name=full_name', '--rename create:column:users.full_name'] }],
    });

    const answered = await runSluice(['generate', '--name', 'rename', '--rename', 'column:users.name=full_name'], { cwd: project.dir });
    expect(answered.code).toBe(0);
    const folder = folders().find((f) => f.endsWith('_rename'))!;
    expect(readFileSync(project.path('migrations', folder, 'migration.sql'), 'utf8')).toMatch(/alter table [`"]users[`"] rename column [`"]name[`"] to [`"]full_name[`"];/i);
  });

  it('generate on a terminal asks, and the answer decides', async () => {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig());
    project.write('schema.ts', usersSchema("name: text('name')"));
    await runSluice(['generate', '--name', 'init'], { cwd: project.dir });
    project.write('schema.ts', usersSchema("fullName: text('full_name')"));
    const run = await runSluice(['generate', '--name', 'ask'], { cwd: project.dir, tty: true, answers: ['7', '2'], env: { NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Is column full_name in users new, or renamed?\n  1) renamed from name\n  2) created (new column)\n');
    expect(run.stdout).toContain('Type a number from 1 to 2.');
    const folder = folders().find((f) => f.endsWith('_ask'))!;
    const sql = readFileSync(project.path('migrations', folder, 'migration.sql'), 'utf8');
    expect(sql).toMatch(/add [`"]full_name[`"]/i);
    expect(sql).toMatch(/-- destructive: .*\n.*drop column [`"]name[`"]/i);
  });

  it('generate on a terminal stops with an error when the input ends before an answer', async () => {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig());
    project.write('schema.ts', usersSchema("name: text('name')"));
    await runSluice(['generate', '--name', 'init'], { cwd: project.dir });
    project.write('schema.ts', usersSchema("fullName: text('full_name')"));
    const before = folders();
    const run = await runSluice(['generate'], { cwd: project.dir, tty: true, endInput: true, env: { NO_COLOR: '1' } });
    expect(run.code).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the erase-line escape (ESC [K) the prompt writes to a terminal
    expect(run.stderr.replace(/\r\u001b\[K[^\r\n]*(?=\r)/g, '').replace(/\r\u001b\[K/g, '')).toBe('error the input ended before every rename question was answered; nothing was written\n');
    expect(folders()).toEqual(before);
  });

  it('migrate prints each applied migration; a failing migration prints it, its statement and the database error', async () => {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig());
    project.write('schema.ts', usersSchema("name: text('name')"));
    await runSluice(['generate', '--name', 'init'], { cwd: project.dir });
    const first = await runSluice(['migrate'], { cwd: project.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applying \d{14}_init\n1 migration applied\.\n$/);
    expect((await runSluice(['migrate'], { cwd: project.dir })).stdout).toBe('No pending migrations.\n');

    await runSluice(['generate', '--custom', '--name', 'broken'], { cwd: project.dir });
    const broken = folders().find((f) => f.endsWith('_broken'))!;
    project.write(`migrations/${broken}/migration.sql`, "insert into users (id, name) values (1, 'a');\n--> statement-breakpoint\ninsert into nowhere values (1);\n");
    const run = await runSluice(['migrate'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(broken);
    expect(run.stderr).toContain('insert into nowhere values (1)');
    expect(run.stderr).toContain('no such table: nowhere');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const json = JSON.parse((await runSluice(['migrate', '--json'], { cwd: project.dir })).stdout) as { status: string; error: { migration: string; statement: string } };
    expect(json.status).toBe('error');
    expect(json.error.migration).toBe(broken);
    expect(json.error.statement).toContain('insert into nowhere');

    const status = await runSluice(['status', '--json'], { cwd: project.dir });
    expect(JSON.parse(status.stdout)).toEqual({ status: 'ok', applied: [folders()[0]], changed: [], failed: [], pending: [broken], unknown: [] });
  });

  it('built binary runs with node (dist/kit/cli/main.js)', () => {
    const main = resolve(import.meta.dirname, '../../dist/kit/cli/main.js');
    if (!existsSync(main)) execFileSync('npm', ['run', 'build'], { cwd: resolve(import.meta.dirname, '../..'), stdio: 'ignore' });
    project = tempProject();
    project.write('drizzle.config.ts', `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts' });\n`);
    project.write('schema.ts', `import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\nexport const t = sqliteTable('t', { id: integer('id') });\n`);
    const run = spawnSync(process.execPath, [main, 'export'], { cwd: project.dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^create table [`"]t[`"] \(\s*[`"]id[`"] integer\s*\);?\n$/i);
  });
});
