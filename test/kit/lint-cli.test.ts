/**
 * `sluice lint` and generate's lint warnings, run in process: exit codes, the text and JSON
 * output, positional names and --since, over sluice folders and drizzle-kit journals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFolderMigration, writeJournalMigrations } from './support/migration-folders.js';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

let project: TempProject;
afterEach(() => project?.remove());

const sqliteConfig = `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './migrations', dbCredentials: { url: './app.db' } });\n`;
const pgConfig = `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './schema.ts', out: './drizzle', dbCredentials: { url: 'postgres://nobody@127.0.0.1:1/none' } });\n`;
const usersSchema = (columns: string) => `import { sqliteTable, integer, text } from 'sluice/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), ${columns} });\n`;

const dropColumn = {
  why: "    why: The column's values are lost, and code still running during the deploy that reads or writes the column fails.\n",
  instead: '    instead: Stop using the column in code first and deploy that; drop it in a later migration.\n',
};

describe('sluice lint on a project generate wrote (SQLite)', () => {
  const folders = () => readdirSync(project.path('migrations')).sort();

  /** Two migrations: `init` creates users (no findings), `drop_name` drops users.name. */
  async function twoMigrations(): Promise<{ init: string; drop: string; generated: Awaited<ReturnType<typeof runSluice>> }> {
    project = tempProject();
    project.write('sluice.config.ts', sqliteConfig);
    project.write('schema.ts', usersSchema("name: text('name'), email: text('email')"));
    const init = await runSluice(['generate', '--name', 'init'], { cwd: project.dir });
    expect(init.code).toBe(0);
    expect(init.stdout).not.toContain('warning');
    project.write('schema.ts', usersSchema("email: text('email')"));
    const generated = await runSluice(['generate', '--name', 'drop_name'], { cwd: project.dir });
    const [first, second] = folders();
    return { init: first!, drop: second!, generated };
  }

  it('generate prints the findings on what it wrote as warnings and still exits 0', async () => {
    const { drop, generated } = await twoMigrations();
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain(`warning ${drop}  drop-column  drops column users.name\n    ALTER TABLE \`users\` DROP COLUMN \`name\`\n${dropColumn.why}${dropColumn.instead}`);

    project.write('schema.ts', usersSchema(''));
    const json = await runSluice(['generate', '--name', 'drop_email', '--json'], { cwd: project.dir });
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { status: string; lint: { migration: string; rule: string; message: string }[] };
    expect(result.status).toBe('written');
    expect(result.lint.map((f) => [f.migration, f.rule, f.message])).toEqual([[folders()[2], 'drop-column', 'drops column users.email']]);
  });

  it('exits 1 listing each finding with why and instead, and a summary', async () => {
    const { drop } = await twoMigrations();
    const run = await runSluice(['lint'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${drop}  drop-column  drops column users.name\n    ALTER TABLE \`users\` DROP COLUMN \`name\`\n${dropColumn.why}${dropColumn.instead}\n` +
        '1 finding in 2 migrations linted. Accept one on purpose with `-- sluice:lint-ignore <rule>` above its statement.\n',
    );
    expect(run.stderr).toBe('');
  });

  it('exits 0 when clean; a positional name lints just that migration, --since the ones after', async () => {
    const { init, drop } = await twoMigrations();
    expect(await runSluice(['lint', init], { cwd: project.dir })).toEqual({ code: 0, stdout: '1 migration linted: no findings.\n', stderr: '' });
    const since = await runSluice(['lint', '--since', init], { cwd: project.dir });
    expect(since.code).toBe(1);
    expect(since.stdout).toContain(`${drop}  drop-column`);
    expect(since.stdout).toContain('1 finding in 1 migration linted.');
    expect(await runSluice(['lint', '--since', drop], { cwd: project.dir })).toEqual({ code: 0, stdout: '0 migrations linted: no findings.\n', stderr: '' });
  });

  it('an accepted finding is clean; an unknown migration name is an error naming it', async () => {
    const { drop } = await twoMigrations();
    const sql = readFileSync(project.path('migrations', drop, 'migration.sql'), 'utf8');
    project.write(`migrations/${drop}/migration.sql`, sql.replace('ALTER TABLE', '-- sluice:lint-ignore drop-column\nALTER TABLE'));
    expect(await runSluice(['lint'], { cwd: project.dir })).toEqual({ code: 0, stdout: '2 migrations linted: no findings.\n', stderr: '' });
    const unknown = await runSluice(['lint', 'nope'], { cwd: project.dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(`error No migration named 'nope' in ${project.path('migrations')}\n`);
    const since = await runSluice(['lint', '--since', 'nope', '--json'], { cwd: project.dir });
    expect(since.code).toBe(1);
    expect(JSON.parse(since.stdout)).toEqual({ status: 'error', error: { name: 'KitError', message: `No migration named 'nope' in ${project.path('migrations')}` } });
  });

  it('--json prints one object with the status, the count and the findings', async () => {
    const { init, drop } = await twoMigrations();
    const run = await runSluice(['lint', '--json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      status: 'findings',
      migrations: 2,
      findings: [{ migration: drop, rule: 'drop-column', statement: 'ALTER TABLE `users` DROP COLUMN `name`', message: 'drops column users.name', reason: dropColumn.why.slice(9, -1), alternative: dropColumn.instead.slice(13, -1) }],
    });
    const clean = await runSluice(['lint', init, '--json'], { cwd: project.dir });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ status: 'ok', migrations: 1, findings: [] });
  });
});

describe('sluice lint on hand-written and drizzle-kit migrations (PostgreSQL, no database needed)', () => {
  it('lints a drizzle-kit journal and sluice folders after it, judging types by the earlier SQL', async () => {
    project = tempProject();
    project.write('sluice.config.ts', pgConfig);
    project.write('schema.ts', "import { pgTable, integer } from 'sluice/pg-core';\nexport const t = pgTable('t', { id: integer('id') });\n");
    writeJournalMigrations(project.path('drizzle'), [
      { tag: '0000_init', when: 1_700_000_000_000, sql: 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" varchar(20)\n);\n--> statement-breakpoint\nCREATE INDEX "users_name_idx" ON "users" USING btree ("name");' },
      { tag: '0001_widen', when: 1_700_000_100_000, sql: 'ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE varchar(50);' },
    ]);
    writeFolderMigration(project.path('drizzle'), '20261130120000_index', '-- sluice:no-transaction\nCREATE INDEX CONCURRENTLY "users_lower_idx" ON "users" (lower("name"));\n');
    writeFolderMigration(project.path('drizzle'), '20261130130000_retype', 'ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE integer USING "name"::integer;\nCREATE UNIQUE INDEX "users_name_key" ON "users" ("name");\n');
    const run = await runSluice(['lint'], { cwd: project.dir, env: { NO_COLOR: '1' } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => !l.startsWith('    '))).toEqual([
      '20261130130000_retype  type-change  changes the type of users.name from varchar(50) to integer',
      '20261130130000_retype  index-not-concurrent  creates unique index users_name_key on users without CONCURRENTLY',
      '',
      '2 findings in 4 migrations linted. Accept one on purpose with `-- sluice:lint-ignore <rule>` above its statement.',
      '',
    ]);
    expect(await runSluice(['lint', '0000_init', '0001_widen', '20261130120000_index'], { cwd: project.dir })).toEqual({ code: 0, stdout: '3 migrations linted: no findings.\n', stderr: '' });
  });

  it('lint --help documents the flags and the rules', async () => {
    const run = await runSluice(['lint', '--help'], { cwd: '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: sluice lint [<migration>...] [--since <name>] [--json]');
    expect(run.stdout).toContain('foreign-key-not-valid, rename.');
  });
});
