/**
 * `sluice rollback` as a user runs it, on PGlite, a SQLite file, the PostgreSQL server and
 * MariaDB: two generated migrations applied, rolled back and applied again reach the same catalog
 * each time, and a rollback that would lose data is refused until --force.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { acceptanceTargets } from './acceptance/targets.js';
import { schemas, v2RenameHints } from './acceptance/schemas.js';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

for (const target of acceptanceTargets()) {
  describe(`sluice rollback on ${target.name}`, () => {
    it('up, rollback, up reaches the same catalog; data-losing steps need --force', async () => {
      project = tempProject();
      const { main } = await target.prepare(project.dir);
      // SQLite keeps each table's CREATE TABLE text as last written: a table renamed back is
      // spelled with double quotes where the original had backticks. The structure is compared.
      const catalog = async () => (await target.catalog(main)).map((line) => (target.dialect === 'sqlite' ? line.replace(/"([^"]*)"/g, '`$1`') : line));
      const cwd = project.dir;
      const sluice = async (...args: string[]) => {
        const run = await runSluice(args, { cwd, env: { NO_COLOR: '1' } });
        expect(run.code, `sluice ${args.join(' ')}: ${run.stderr}`).toBe(0);
        return run.stdout;
      };
      try {
        project.write('sluice.config.ts', target.config(main));
        project.write('src/schema.ts', schemas[target.dialect].v1);
        expect(await sluice('status')).toBe('0 applied, 0 pending, 0 changed, 0 failed, 0 unknown.\n');
        const empty = await catalog();
        await sluice('generate', '--name', 'v1');
        await sluice('migrate');
        const v1 = await catalog();
        project.write('src/schema.ts', schemas[target.dialect].v2);
        await sluice('generate', '--name', 'v2', ...v2RenameHints);
        await sluice('migrate');
        const v2 = await catalog();
        expect(v2).not.toEqual(v1);

        // v2 drops what v1 made (a column, a table) back on the way down: refused, nothing changed.
        const refused = await runSluice(['rollback'], { cwd, env: { NO_COLOR: '1' } });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('Rollback refused, nothing was changed');
        expect(refused.stderr).toMatch(/_v2: .*comments/);
        expect(await catalog()).toEqual(v2);

        expect(await sluice('rollback', '--force')).toMatch(/^rolling back \d{14}_v2\n1 migration rolled back\.\n$/);
        expect(await catalog()).toEqual(v1);
        expect(await sluice('status')).toMatch(/1 applied, 1 pending/);
        await sluice('migrate');
        expect(await catalog()).toEqual(v2);

        expect(await sluice('rollback', '--steps', '2', '--force')).toMatch(/^rolling back \d{14}_v2\nrolling back \d{14}_v1\n2 migrations rolled back\.\n$/);
        expect(await catalog()).toEqual(empty);
        await sluice('migrate');
        expect(await catalog()).toEqual(v2);
        const v1Name = /(\d{14}_v1)/.exec(await sluice('status'))![1]!;
        await sluice('rollback', '--to', v1Name, '--force');
        expect(await catalog()).toEqual(v1);
      } finally {
        await target.drop?.(main);
      }
    }, 180_000);
  });
}
