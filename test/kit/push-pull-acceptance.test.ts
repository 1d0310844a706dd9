/**
 * `sluice push` and `sluice pull` as a user runs them: the real binary from a packed install, in
 * a project of its own, without a terminal, on PGlite, a SQLite file and (with their URLs set)
 * PostgreSQL and MariaDB. Push into an empty database reaches the catalog `migrate` reaches; a
 * second push changes nothing; a push that would lose rows stops with exit 2 until --force; pull
 * writes a schema that compiles under strict TypeScript and round-trips to no changes; a push that
 * fails part way leaves the database as it was where DDL is transactional.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceTargets, type Target } from './acceptance/targets.js';
import { createProject, installPacked, type Installed } from './acceptance/project.js';
import { schemas } from './acceptance/schemas.js';

const root = resolve(import.meta.dirname, '../..');
let installed: Installed;
beforeAll(() => {
  installed = installPacked();
}, 180_000);
afterAll(() => installed?.remove());

describe.each(acceptanceTargets())('sluice push and pull from a packed install on $name', (target: Target) => {
  it("push reaches migrate's catalog, then changes nothing; a data-losing push needs --force", async () => {
    const slug = `push-${target.name.toLowerCase().replace(/\W+/g, '-')}`;
    const project = createProject(installed, slug, '');
    const db = await target.prepare(project.dir);
    try {
      project.write('sluice.config.ts', target.config(db.main));
      project.write('src/schema.ts', schemas[target.dialect].v1);

      const first = project.sluice('push');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Pushed/);
      const again = project.sluice('push');
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/No changes/);

      // The same schema through generate + migrate on a second database: the same catalog.
      project.write('migrated.config.ts', target.config(db.fresh).replace("out: './drizzle'", "out: './migrated'"));
      expect(project.sluice('generate', '--config', 'migrated.config.ts').code).toBe(0);
      expect(project.sluice('migrate', '--config', 'migrated.config.ts').code).toBe(0);
      expect(await target.catalog(db.main)).toEqual(await target.catalog(db.fresh));

      // Dropping a column that holds values: no terminal and no --force -> exit 2, nothing changed.
      await target.exec(db.main, `insert into users (name, email, nickname) values ('Ada', 'ada@example.com', 'ada')`);
      const before = await target.catalog(db.main);
      project.write('src/schema.ts', schemas[target.dialect].v1.replace(/\n\s*nickname: text\('nickname'\),/, ''));
      const refused = project.sluice('push');
      expect(refused.code).toBe(2);
      expect(refused.stdout).toMatch(/nickname.*\(1 row\)/);
      expect(await target.catalog(db.main)).toEqual(before);
      const explained = project.sluice('push', '--explain', '--verbose');
      expect(explained.code).toBe(0);
      expect(explained.stdout).toMatch(/drop column/i);
      expect(await target.catalog(db.main)).toEqual(before);
      const forced = project.sluice('push', '--force');
      expect(forced.code).toBe(0);
      expect((await target.catalog(db.main)).join('\n')).not.toMatch(/nickname/);
      expect(await target.exec(db.main, `select name from users`)).toEqual([{ name: 'Ada' }]);
    } finally {
      await target.drop?.(db.main);
      await target.drop?.(db.fresh);
    }
  }, 300_000);

  it.runIf(target.dialect !== 'mysql')(
    'a push that fails part way changes nothing (one transaction; not on MySQL, whose DDL commits as it goes)',
    async () => {
      const slug = `push-fail-${target.name.toLowerCase().replace(/\W+/g, '-')}`;
      const project = createProject(installed, slug, '');
      const db = await target.prepare(project.dir);
      try {
        project.write('sluice.config.ts', target.config(db.main));
        project.write('src/schema.ts', schemas[target.dialect].v1);
        expect(project.sluice('push').code).toBe(0);
        await target.exec(db.main, `insert into users (name, email) values ('Ada', 'ada@example.com')`);
        const before = await target.catalog(db.main);
        // A new table, then NOT NULL on a column whose only row holds null: the second statement fails.
        const v1 = schemas[target.dialect].v1;
        const extra = target.dialect === 'postgresql' ? `\nexport const extra = pgTable('extra', { id: serial('id').primaryKey() });\n` : `\nexport const extra = sqliteTable('extra', { id: integer('id').primaryKey() });\n`;
        project.write('src/schema.ts', v1.replace("age: integer('age'),", "age: integer('age').notNull(),") + extra);
        const failed = project.sluice('push', '--force');
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(/null/i);
        expect(await target.catalog(db.main)).toEqual(before);
        expect(await target.exec(db.main, `select name from users`)).toEqual([{ name: 'Ada' }]);
      } finally {
        await target.drop?.(db.main);
        await target.drop?.(db.fresh);
      }
    },
    300_000,
  );

  it('pull writes a schema that compiles and round-trips to no changes', async () => {
    const slug = `pull-${target.name.toLowerCase().replace(/\W+/g, '-')}`;
    const project = createProject(installed, slug, '');
    const db = await target.prepare(project.dir);
    try {
      project.write('sluice.config.ts', target.config(db.main));
      project.write('src/schema.ts', schemas[target.dialect].v2);
      expect(project.sluice('generate').code).toBe(0);
      expect(project.sluice('migrate').code).toBe(0);

      // A second project config that pulls into ./pulled and then generates against what it wrote.
      project.write('pull.config.ts', target.config(db.main).replace("schema: './src/schema.ts'", "schema: './pulled/schema.ts'").replace("out: './drizzle'", "out: './pulled'"));
      const pulled = project.sluice('pull', '--config', 'pull.config.ts', '--init');
      expect(pulled.stderr).toBe('');
      expect(pulled.code).toBe(0);
      const schema = project.read('pulled/schema.ts');
      for (const table of ['users', 'articles', 'comments']) expect(schema).toContain(`'${table}'`);
      expect(schema).toMatch(/primaryKey\(/);
      expect(schema).toMatch(/references\(|foreignKey\(/);
      if (target.dialect === 'postgresql') expect(schema).toMatch(/pgEnum\('mood', \['happy', 'sad', 'ok'\]\)/);
      const generated = project.sluice('generate', '--config', 'pull.config.ts');
      expect(generated.code).toBe(0);
      expect(generated.stdout).toMatch(/No changes/);
      const status = JSON.parse(project.sluice('status', '--config', 'pull.config.ts', '--json').stdout) as { pending: string[] };
      expect(status.pending).toEqual([]);

      // Strict TypeScript over the pulled files, against the installed package's types.
      project.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: true, types: [] }, include: ['pulled/*.ts'] }));
      execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project.dir, encoding: 'utf8' });
    } finally {
      await target.drop?.(db.main);
      await target.drop?.(db.fresh);
    }
  }, 300_000);
});
