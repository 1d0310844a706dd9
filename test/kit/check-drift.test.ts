/**
 * `sluice check --db` and `--schema` on PGlite, a SQLite file and (with their URLs set) the
 * PostgreSQL server and MariaDB: a database migrated from a schema with enums, foreign keys,
 * indexes, checks, views and defaults shows no difference, through a history with renames; a
 * hand-made change is named and undone by the SQL the check prints; pending migrations are listed;
 * schema changes no migration captures are found until generate writes them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase, checkSchema, generate, loadConfig, migrate, renameKey, type RenameAnswers, type RenameQuestion, type ResolvedConfig } from 'sluice/kit';
import { acceptanceTargets, type Target } from './acceptance/targets.js';
import { schemas } from './acceptance/schemas.js';
import { driftExtras } from './support/drift-schemas.js';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

let project: TempProject;
afterEach(() => project?.remove());

const clean = { ok: true, pending: [], differences: [], statements: [], statementsProblem: undefined };
const richSchema = (target: Target) => schemas[target.dialect].v2 + driftExtras[target.dialect];

/** v2's renames (posts -> articles, users.name -> full_name); everything else is new. */
async function v2Renames(questions: RenameQuestion[]): Promise<RenameAnswers> {
  const renamed: Record<string, string> = { articles: 'posts', full_name: 'name' };
  const answer = (q: RenameQuestion) => q.candidates.find((c) => c.replace(/^public\./, '') === renamed[q.added.replace(/^public\./, '')]) ?? null;
  return Object.fromEntries(questions.map((q) => [renameKey(q), answer(q)]));
}

async function withTarget(target: Target, fn: (config: ResolvedConfig, location: string) => Promise<void>): Promise<void> {
  project = tempProject();
  const db = await target.prepare(project.dir);
  try {
    project.write('sluice.config.ts', target.config(db.main));
    await fn(await loadConfig({ cwd: project.dir }), db.main);
  } finally {
    await target.drop?.(db.main);
    await target.drop?.(db.fresh);
  }
}

const descriptions = (result: { differences: { description: string }[] }) => result.differences.map((d) => d.description);

/** The SQL a hand-made change (a column added, an index dropped, a default changed) is undone by, without the view the differ drops and makes again. */
const undoSql: Record<Target['dialect'], string[]> = {
  postgresql: ['DROP VIEW "public"."adults"', 'ALTER TABLE "articles" ALTER COLUMN "views" SET DEFAULT 0', 'ALTER TABLE "users" DROP COLUMN "nickname"', 'CREATE INDEX "users_age_idx" ON "users" USING btree ("age")'],
  mysql: ['DROP VIEW `adults`', 'ALTER TABLE `articles` MODIFY COLUMN `views` int DEFAULT 0', 'ALTER TABLE `users` DROP COLUMN `nickname`', 'CREATE INDEX `users_age_idx` ON `users` (`age`)'],
  sqlite: ['DROP VIEW `adults`', 'ALTER TABLE `users` DROP COLUMN `nickname`', 'CREATE INDEX `users_age_idx` ON `users` ("age")'],
};

describe.each(acceptanceTargets())('check --db and --schema on $name', (target: Target) => {
  const qualified = (name: string) => (target.dialect === 'postgresql' ? `public.${name}` : name);

  it('finds no difference right after migrate, through a second migration with renames; lists pending migrations until then', async () => {
    await withTarget(target, async (config) => {
      project.write('src/schema.ts', schemas[target.dialect].v1);
      expect((await generate(config, { name: 'init', now: new Date('2026-01-01T00:00:00Z') })).status).toBe('written');
      expect(await checkSchema(config)).toEqual({ ok: true, changes: [], questions: [] });
      const unmigrated = await checkDatabase(config);
      expect(unmigrated.ok).toBe(false);
      expect(unmigrated.pending).toEqual(['20260101000000_init']);
      expect(descriptions(unmigrated)).toEqual(expect.arrayContaining(['table users exists in the migrations, not in the database', 'table legacy exists in the migrations, not in the database']));
      expect(unmigrated.statements.map((s) => s.sql)).toEqual(expect.arrayContaining([expect.stringMatching(/^CREATE TABLE [`"]users[`"]/)]));
      await migrate(config);
      expect(await checkDatabase(config)).toEqual(clean);

      project.write('src/schema.ts', richSchema(target));
      const ungenerated = await checkSchema(config);
      expect(ungenerated.ok).toBe(false);
      expect(ungenerated.questions).toEqual(expect.arrayContaining([{ entity: 'table', scope: undefined, added: qualified('articles'), candidates: [qualified('legacy'), qualified('posts')] }]));
      expect(ungenerated.changes).toEqual(
        expect.arrayContaining([
          { kind: 'create_table', description: 'table tags exists in the schema, not in the migrations' },
          { kind: 'add_column', description: 'column users.full_name exists in the schema, not in the migrations' },
          { kind: 'drop_table', description: 'table posts exists in the migrations, not in the schema' },
          { kind: 'create_view', description: 'view adults exists in the schema, not in the migrations' },
        ]),
      );
      const v2 = await generate(config, { name: 'v2', resolve: v2Renames, now: new Date('2026-01-02T00:00:00Z') });
      expect(v2.status === 'written' && v2.changes.some((c) => c.kind === 'rename_table')).toBe(true);
      expect(await checkSchema(config)).toEqual({ ok: true, changes: [], questions: [] });
      const pending = await checkDatabase(config);
      expect(pending.ok).toBe(false);
      expect(pending.pending).toEqual(['20260102000000_v2']);
      // No renames are guessed: the renamed table is one the database has and the migrations do not.
      expect(descriptions(pending)).toEqual(expect.arrayContaining(['table posts exists in the database, not in the migrations', 'table articles exists in the migrations, not in the database', 'column users.name exists in the database, not in the migrations']));
      await migrate(config);
      expect(await checkDatabase(config)).toEqual(clean);
    });
  });

  it('names a hand-made change, prints the SQL that undoes it, and finds an ungenerated schema change', async () => {
    await withTarget(target, async (config, location) => {
      project.write('src/schema.ts', richSchema(target));
      await generate(config, { name: 'init', now: new Date('2026-01-01T00:00:00Z') });
      await migrate(config);
      const matching = await runSluice(['check', '--db', '--schema'], { cwd: project.dir });
      expect(matching).toEqual({ code: 0, stdout: '1 migration checked: the history is consistent.\nThe database matches the migrations.\nThe schema matches the migrations.\n', stderr: '' });

      await target.exec(location, 'alter table users add column nickname text');
      await target.exec(location, target.dialect === 'mysql' ? 'drop index users_age_idx on users' : 'drop index users_age_idx');
      // SQLite has no statement that changes a default.
      if (target.dialect !== 'sqlite') await target.exec(location, 'alter table articles alter column views set default 5');
      const drift = await checkDatabase(config);
      const expected = [
        ...(target.dialect === 'sqlite' ? [] : [{ kind: 'alter_column', description: 'column articles.views differs: default 0 in the migrations, 5 in the database' }]),
        { kind: 'drop_column', description: 'column users.nickname exists in the database, not in the migrations' },
        { kind: 'create_index', description: 'index users_age_idx (age) of users exists in the migrations, not in the database' },
      ];
      expect(drift).toMatchObject({ ok: false, pending: [], differences: expected, statementsProblem: undefined });
      expect(drift.statements.slice(0, -1).map((s) => s.sql)).toEqual(undoSql[target.dialect]);
      expect(drift.statements.at(-1)!.sql).toMatch(/^CREATE (ALGORITHM = undefined\nSQL SECURITY definer\n)?VIEW [`"](public[`"]\.[`"])?adults[`"] AS/);

      const cli = await runSluice(['check', '--db'], { cwd: project.dir });
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`1 migration checked: the history is consistent.\ndrift the database differs from the migrations in ${expected.length} places:\n${expected.map((d) => `  ${d.description}\n`).join('')}SQL that would make the database match the migrations:\n`);
      expect(cli.stdout).toContain(`  -- destructive: ${drift.statements.find((s) => s.sql.includes('DROP COLUMN'))!.destructive}\n  ${undoSql[target.dialect].find((s) => s.includes('DROP COLUMN'))};\n`);

      for (const statement of drift.statements) await target.exec(location, statement.sql);
      expect(await checkDatabase(config)).toEqual(clean);

      project.write('src/schema.ts', richSchema(target).replace("bio: text('bio'),", "bio: text('bio'),\n  nickname: text('nickname'),"));
      expect(await checkSchema(config)).toEqual({ ok: false, changes: [{ kind: 'add_column', description: 'column users.nickname exists in the schema, not in the migrations' }], questions: [] });
      const schemaCli = await runSluice(['check', '--schema'], { cwd: project.dir });
      expect(schemaCli).toEqual({
        code: 1,
        stdout: '1 migration checked: the history is consistent.\nungenerated the schema has 1 change no migration captures; run sluice generate:\n  column users.nickname exists in the schema, not in the migrations\n',
        stderr: '',
      });
      await generate(config, { name: 'nickname', now: new Date('2026-01-02T00:00:00Z') });
      expect(await checkSchema(config)).toEqual({ ok: true, changes: [], questions: [] });
      expect((await runSluice(['check', '--schema'], { cwd: project.dir })).code).toBe(0);
    });
  });
});
