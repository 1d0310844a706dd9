/**
 * `sluice migrate`, `migrate resolve` and `status` on a SQLite file as a user runs them: a
 * migration that fails part way outside a transaction, an edited applied migration, and the
 * flags' errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

let project: TempProject;
afterEach(() => project?.remove());

const config = `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './migrations', dbCredentials: { url: './app.db' } });\n`;
const BREAK = '\n--> statement-breakpoint\n';

function setUp(): TempProject {
  const p = tempProject();
  p.write('sluice.config.ts', config);
  p.write('schema.ts', 'export {};\n');
  p.write('migrations/20261101000000_init/migration.sql', 'create table t (id integer)');
  return p;
}

describe('sluice migrate safety on a SQLite file', () => {
  it('a migration failing part way outside a transaction is reported, shown as failed, blocks migrate, and resolve unblocks it', async () => {
    project = setUp();
    const broken = '20261102000000_broken';
    project.write(`migrations/${broken}/migration.sql`, `-- sluice:no-transaction\ncreate table half (id integer)${BREAK}insert into nowhere values (1)`);
    const cwd = project.dir;

    const run = await runSluice(['migrate'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`applying 20261101000000_init\napplying ${broken}\n`);
    expect(run.stderr).toContain(`Migration ${broken} failed at statement 2 of 2: no such table: nowhere`);
    expect(run.stderr).toContain(`sluice migrate resolve ${broken} --applied`);

    const status = await runSluice(['status'], { cwd, env: { NO_COLOR: '1' } });
    expect(status.code).toBe(0);
    expect(status.stdout).toBe(
      `applied  20261101000000_init\nfailed   ${broken} after 1 of 2 statements: statement 2 of 2: no such table: nowhere\n` +
        '1 applied, 0 pending, 0 changed, 1 failed, 0 unknown.\n' +
        'Resolve a failed migration with `sluice migrate resolve <name> --applied|--rolled-back` once the database is fixed.\n',
    );
    const json = JSON.parse((await runSluice(['status', '--json'], { cwd })).stdout) as { failed: unknown[] };
    expect(json.failed).toEqual([{ name: broken, state: 'failed', statementsDone: 1, statements: 2, error: 'statement 2 of 2: no such table: nowhere' }]);

    const blocked = await runSluice(['migrate'], { cwd });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`Migration ${broken} failed after 1 statement: statement 2 of 2: no such table: nowhere. No migration runs until it is resolved.`);

    expect((await runSluice(['migrate', 'resolve', broken], { cwd })).stderr).toContain('usage: sluice migrate resolve <name> --applied | --rolled-back');
    expect((await runSluice(['migrate', 'resolve', broken, '--applied', '--rolled-back'], { cwd })).code).toBe(1);
    expect((await runSluice(['migrate', 'resovle'], { cwd })).stderr).toContain("sluice migrate takes no argument 'resovle'");

    // The fix: the half-made table dropped by hand, the file corrected, the outcome recorded.
    project.write(`migrations/${broken}/migration.sql`, `-- sluice:no-transaction\ncreate table half (id integer)${BREAK}insert into half values (1)`);
    const sqlite = (await import('better-sqlite3')).default;
    const db = new sqlite(`${cwd}/app.db`);
    db.exec('drop table half');
    db.close();
    const resolved = await runSluice(['migrate', 'resolve', broken, '--rolled-back'], { cwd });
    expect(resolved).toMatchObject({ code: 0, stdout: `${broken} is recorded as rolled back: the next migrate runs it again.\n` });
    const again = await runSluice(['migrate'], { cwd });
    expect(again).toMatchObject({ code: 0, stdout: `applying ${broken}\n1 migration applied.\n` });
  });

  it('an edited applied migration stops migrate by name; --allow-changed goes on; status lists it as changed', async () => {
    project = setUp();
    const cwd = project.dir;
    expect((await runSluice(['migrate'], { cwd })).code).toBe(0);
    project.write('migrations/20261101000000_init/migration.sql', 'create table t (id integer, v text)');
    project.write('migrations/20261102000000_next/migration.sql', 'create table u (id integer)');
    const refused = await runSluice(['migrate'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Migration 20261101000000_init changed after it was applied');
    expect(refused.stderr).toContain('--allow-changed');
    const allowed = await runSluice(['migrate', '--allow-changed'], { cwd });
    expect(allowed).toMatchObject({ code: 0, stdout: 'applying 20261102000000_next\n1 migration applied.\n' });
    const status = await runSluice(['status'], { cwd, env: { NO_COLOR: '1' } });
    expect(status.stdout).toContain('changed  20261101000000_init (edited after it was applied)\n');
    expect(status.stdout).toContain('1 applied, 0 pending, 1 changed, 0 failed, 0 unknown.');
  });

  it('--lock-timeout takes seconds', async () => {
    project = setUp();
    const bad = await runSluice(['migrate', '--lock-timeout', 'soon'], { cwd: project.dir });
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain("--lock-timeout takes a number of seconds (0 or more), not 'soon'");
    expect(await runSluice(['migrate', '--lock-timeout', '2.5'], { cwd: project.dir })).toMatchObject({ code: 0, stdout: 'applying 20261101000000_init\n1 migration applied.\n' });
  });
});
