/**
 * The kit as a user runs it: the real `sluice` binary from a packed install, in a project of its
 * own, on PGlite, the PostgreSQL server, a SQLite file and MariaDB. v1 -> generate -> migrate,
 * rows in, v2 (renames, drops, adds, a type change, an index, a foreign key, an enum value) ->
 * generate (which must ask about renames, then take hints) -> migrate, rows kept, a second
 * generate writes nothing, and a programmatic migrate of the same folder into a fresh database
 * gives the same catalog.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, installPacked, type Installed } from './acceptance/project.js';
import { schemas, v2RenameHints } from './acceptance/schemas.js';
import { acceptanceTargets, sqliteTarget } from './acceptance/targets.js';

const targets = acceptanceTargets();

let installed: Installed;
beforeAll(() => {
  installed = installPacked();
}, 180_000);
afterAll(() => installed?.remove());

describe.each(targets)('sluice CLI from a packed install on $name', (target) => {
  it('generates and applies v1 and v2, keeps rows, then finds nothing to do', async () => {
    const slug = target.name.toLowerCase().replace(/\W+/g, '-');
    const project = createProject(installed, slug, '');
    const db = await target.prepare(project.dir);
    try {
      project.write('sluice.config.ts', target.config(db.main));
      project.write('src/schema.ts', schemas[target.dialect].v1);

      const first = project.sluice('generate', '--name', 'init');
      expect(first.stderr + first.stdout, 'generate v1').not.toMatch(/error/i);
      expect(first.code).toBe(0);
      const [init] = project.migrations();
      expect(init).toMatch(/^\d{14}_init$/);
      const initSql = project.read(`drizzle/${init}/migration.sql`);
      expect(initSql).toMatch(/create table/i);
      expect(JSON.parse(project.read(`drizzle/${init}/snapshot.json`))).toMatchObject({ prevIds: [] });

      const applied = project.sluice('migrate');
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain(init);
      await target.exec(db.main, `insert into users (name, email) values ('Ada', 'ada@example.com')`);
      await target.exec(db.main, `insert into posts (title, author_id) values ('Hello', 1)`);

      // v2 renames a table and a column: without a terminal, generate must ask and write nothing.
      project.write('src/schema.ts', schemas[target.dialect].v2);
      const asked = project.sluice('generate', '--name', 'v2');
      expect(asked.code).toBe(2);
      expect(asked.stdout + asked.stderr).toContain('--rename');
      expect(project.migrations()).toEqual([init]);

      const second = project.sluice('generate', '--name', 'v2', ...v2RenameHints);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
      const [, v2] = project.migrations();
      expect(v2).toMatch(/^\d{14}_v2$/);
      const v2Sql = project.read(`drizzle/${v2}/migration.sql`);
      expect(v2Sql).toMatch(/destructive/i);
      expect(v2Sql).not.toMatch(/drop table [`"]?posts/i);
      expect(JSON.parse(project.read(`drizzle/${v2}/snapshot.json`)).prevIds).toEqual([JSON.parse(project.read(`drizzle/${init}/snapshot.json`)).id]);

      const applied2 = project.sluice('migrate');
      expect(applied2.stderr).toBe('');
      expect(applied2.code).toBe(0);
      expect(applied2.stdout).toContain(v2);
      expect(applied2.stdout).not.toContain(init);

      const again = project.sluice('generate', '--name', 'nothing');
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/no changes/i);
      expect(project.migrations()).toEqual([init, v2]);

      const status = project.sluice('status', '--json');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ applied: [init, v2], pending: [], unknown: [] });

      // The rows survived the renames and the rebuilds.
      expect(await target.exec(db.main, `select full_name, email from users`)).toEqual([{ full_name: 'Ada', email: 'ada@example.com' }]);
      expect(await target.exec(db.main, `select title, author_id from articles`)).toEqual([{ title: 'Hello', author_id: 1 }]);

      const catalog = await target.catalog(db.main);
      const text = catalog.join('\n');
      expect(text).toMatch(/full_name/);
      expect(text).not.toMatch(/\bnickname\b/);
      expect(text).not.toMatch(/\blegacy\b/);
      expect(text).not.toMatch(/\bposts\b/);
      expect(text).toMatch(/users_age_idx/);
      expect(text).toMatch(/comments/);
      expect(catalog.some((l) => /articles/.test(l) && /author_id/.test(l) && /users/.test(l) && /cascade/i.test(l))).toBe(true);
      if (target.dialect === 'postgresql') expect(catalog).toContain('enum mood happy,sad,ok');
      if (target.dialect === 'mysql') expect(text).toMatch(/enum\('happy','sad','ok'\)/);

      // The same folder, applied by a program on a fresh database, gives the same catalog.
      project.write('migrate.mjs', target.migrateScript(db.fresh));
      project.node('migrate.mjs');
      expect(await target.catalog(db.fresh)).toEqual(catalog);
    } finally {
      await target.drop?.(db.main);
      await target.drop?.(db.fresh);
    }
  }, 300_000);
});

describe('sluice CLI errors from a packed install', () => {
  it('a schema file that does not parse exits 1 naming the file and line', () => {
    const project = createProject(installed, 'syntax-error', sqliteTarget.config('./app.db'));
    project.write('src/schema.ts', `import { integer, sqliteTable } from 'sluice/sqlite-core';\n\nexport const t = sqliteTable('t', { id: integer('id') ;\n`);
    const r = project.sluice('generate');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/src[/\\]schema\.ts.*:3/);
    expect(project.migrations()).toEqual([]);
  });

  it('a failing migration exits 1 with the database error, the migration and the statement, and leaves the database as it was', async () => {
    const project = createProject(installed, 'failing-migration', sqliteTarget.config('./app.db'));
    project.write('src/schema.ts', `import { integer, sqliteTable } from 'sluice/sqlite-core';\nexport const t = sqliteTable('t', { id: integer('id').primaryKey() });\n`);
    expect(project.sluice('generate', '--name', 'init').code).toBe(0);
    expect(project.sluice('migrate').code).toBe(0);
    const custom = project.sluice('generate', '--custom', '--name', 'bad');
    expect(custom.code).toBe(0);
    const [, bad] = project.migrations();
    project.write(`drizzle/${bad}/migration.sql`, 'create table half_done (id integer);\n--> statement-breakpoint\ninsert into missing_table values (1);\n');
    const r = project.sluice('migrate');
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('no such table: missing_table');
    expect(out).toContain(bad);
    expect(out).toContain('insert into missing_table');
    expect(await sqliteTarget.exec(join(project.dir, 'app.db'), `select name from sqlite_master where name = 'half_done'`)).toEqual([]);
    const status = JSON.parse(project.sluice('status', '--json').stdout) as { pending: string[] };
    expect(status.pending).toEqual([bad]);
  });
});
