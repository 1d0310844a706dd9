/**
 * `sluice check --db` and `--schema` on PGlite, a SQLite file and (with their URLs set) the
 * PostgreSQL server and MariaDB: a database migrated from a schema with enums, foreign keys,
 * indexes, checks, views and defaults shows no difference, through a history with renames; a
 * hand-made change is named and undone by the SQL the check prints; pending migrations are listed;
 * schema changes no migration captures are found until generate writes them.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase, checkSchema, generate, loadConfig, migrate, renameKey, type RenameAnswers, type RenameQuestion, type ResolvedConfig } from 'sluice/kit';
import { describeChange } from 'sluice/kit';
import type { Change } from '../../src/kit/changes.js';
import { acceptanceTargets, type Target } from './acceptance/targets.js';
import { column, enumModel, index, indexColumn } from './support/model-builders.js';
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
      expect(descriptions(pending)).toEqual(
        expect.arrayContaining(['table posts exists in the database, not in the migrations', 'table articles exists in the migrations, not in the database', 'column users.name exists in the database, not in the migrations']),
      );
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
      expect(cli.stdout).toContain(
        `1 migration checked: the history is consistent.\ndrift the database differs from the migrations in ${expected.length} places:\n${expected.map((d) => `  ${d.description}\n`).join('')}SQL that would make the database match the migrations:\n`,
      );
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

describe('a difference in a line', () => {
  const sides = { from: 'the database', to: 'the migrations' };
  const users = { schema: 'public', name: 'users' };

  it('says which side has what, with names as the user wrote them', () => {
    const cases: [Change, string][] = [
      [{ kind: 'add_enum_value', enum: enumModel('mood', ['happy', 'sad', 'ok']), value: 'ok', before: undefined }, "enum mood has value 'ok' in the migrations, not in the database"],
      [{ kind: 'recreate_enum', from: enumModel('mood', ['happy', 'sad']), to: enumModel('mood', ['happy']), columns: [] }, "enum mood has values 'happy' in the migrations, 'happy', 'sad' in the database"],
      [
        { kind: 'alter_column', table: users, from: column('age', 'integer'), to: column('age', 'bigint', { notNull: true }), aspects: ['type', 'notNull'] },
        'column users.age differs: type bigint in the migrations, integer in the database; nullability not null in the migrations, nullable in the database',
      ],
      [
        { kind: 'drop_index', table: { schema: 'app', name: 'posts' }, index: index('posts_title_idx', [indexColumn('title'), indexColumn('lower("body")', { isExpression: true })], { unique: true }) },
        'index unique posts_title_idx (title, lower("body")) of app.posts exists in the database, not in the migrations',
      ],
      [{ kind: 'enable_rls', table: users }, 'row level security of users is on in the migrations, off in the database'],
    ];
    for (const [change, line] of cases) expect(describeChange(change, sides)).toBe(line);
  });

  it('falls back to the kind and the name for a kind it has no wording for', () => {
    expect(describeChange({ kind: 'set_comment', table: users } as unknown as Change, sides)).toBe('set_comment users');
  });
});

if (!process.env.SLUICE_PG_URL)
  describe('check --db on the PostgreSQL server', () => {
    it.skip('is skipped: SLUICE_PG_URL is not set', () => {});
  });
if (!process.env.SLUICE_MYSQL_URL)
  describe('check --db on MariaDB', () => {
    it.skip('is skipped: SLUICE_MYSQL_URL is not set', () => {});
  });

describe('sluice check --db and --schema on a SQLite project', () => {
  const config = (extra = '') => `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './migrations', dbCredentials: { url: './app.db' }${extra} });\n`;
  const users = (columns: string) => `import { sqliteTable, integer, text } from 'sluice/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), ${columns} });\n`;
  const folders = () => readdirSync(project.path('migrations')).sort();
  const sluice = (...args: string[]) => runSluice(args, { cwd: project.dir });

  it('lists pending migrations, differences with their SQL, and ungenerated changes with possible renames; --json says the same', async () => {
    project = tempProject();
    project.write('sluice.config.ts', config());
    project.write('schema.ts', users("name: text('name')"));
    expect((await sluice('generate', '--name', 'init')).code).toBe(0);
    expect((await sluice('migrate')).code).toBe(0);
    expect(JSON.parse((await sluice('check', '--db', '--schema', '--json')).stdout)).toEqual({
      status: 'ok',
      migrations: 1,
      errors: [],
      pending: [],
      differences: [],
      statements: [],
      statementsProblem: null,
      schemaChanges: [],
      renameQuestions: [],
    });

    project.write('schema.ts', users("name: text('name'), age: integer('age')"));
    expect((await sluice('generate', '--name', 'age')).code).toBe(0);
    project.write('schema.ts', users("fullName: text('full_name'), age: integer('age')"));
    const age = folders().find((f) => f.endsWith('_age'))!;
    const text = await sluice('check', '--schema', '--db');
    expect(text).toEqual({
      code: 1,
      stdout: [
        '2 migrations checked: the history is consistent.',
        `pending 1 pending: ${age}; run sluice migrate`,
        'drift the database differs from the migrations in 1 place:',
        '  column users.age exists in the migrations, not in the database',
        'SQL that would make the database match the migrations:',
        '  ALTER TABLE `users` ADD `age` integer;',
        'ungenerated the schema has 2 changes no migration captures; run sluice generate:',
        '  column users.full_name exists in the schema, not in the migrations',
        '  column users.name exists in the migrations, not in the schema',
        '  column users.full_name may be renamed from name (generate asks)',
        '',
      ].join('\n'),
      stderr: '',
    });
    const json = await sluice('check', '--db', '--schema', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      status: 'error',
      migrations: 2,
      errors: [],
      pending: [age],
      differences: [{ kind: 'add_column', description: 'column users.age exists in the migrations, not in the database' }],
      statements: ['ALTER TABLE `users` ADD `age` integer'],
      statementsProblem: null,
      schemaChanges: [
        { kind: 'add_column', description: 'column users.full_name exists in the schema, not in the migrations' },
        { kind: 'drop_column', description: 'column users.name exists in the migrations, not in the schema' },
      ],
      renameQuestions: [{ entity: 'column', scope: 'users', added: 'full_name', candidates: ['name'] }],
    });
    // Without flags, check is the folder check it was.
    expect(await sluice('check')).toEqual({ code: 0, stdout: '2 migrations checked: the history is consistent.\n', stderr: '' });

    expect((await sluice('migrate')).code).toBe(0);
    expect(await sluice('check', '--db')).toEqual({ code: 0, stdout: '2 migrations checked: the history is consistent.\nThe database matches the migrations.\n', stderr: '' });
  });

  it('is an error naming why when the folder has no migrations or several heads', async () => {
    project = tempProject();
    project.write('sluice.config.ts', config());
    project.write('schema.ts', users("name: text('name')"));
    expect(await sluice('check', '--db')).toEqual({
      code: 1,
      stdout: `0 migrations checked: the history is consistent.\nerror --db: ${project.path('migrations')} does not exist: there is no snapshot to compare with (run sluice generate)\n`,
      stderr: '',
    });
    // A new project's schema is all ungenerated.
    const fresh = await sluice('check', '--schema');
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('ungenerated the schema has 1 change no migration captures; run sluice generate:\n  table users exists in the schema, not in the migrations\n');

    await sluice('generate', '--name', 'init');
    project.write('schema.ts', users("name: text('name'), age: integer('age')"));
    await sluice('generate', '--name', 'a');
    const a = folders().find((f) => f.endsWith('_a'))!;
    const b = `${String(Number(a.slice(0, 14)) + 1)}_b`;
    cpSync(project.path('migrations', a), project.path('migrations', b), { recursive: true });
    const snapshot = project.path('migrations', b, 'snapshot.json');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').replace(/"id": "[^"]+"/, `"id": "${randomUUID()}"`));
    const forked = await sluice('check', '--db', '--json');
    expect(forked.code).toBe(1);
    const result = JSON.parse(forked.stdout) as { errors: string[]; differences: unknown; pending: unknown };
    expect(result.errors.at(-1)).toBe(`--db: the migrations end in 2 heads (${a}, ${b}), not one state: run sluice generate to write a merge migration`);
    expect(result.errors[0]).toMatch(/^the history has 2 heads/);
    expect(result).toMatchObject({ differences: null, pending: null });
  });

  it('leaves out a tracking table the config names', async () => {
    project = tempProject();
    project.write('sluice.config.ts', config(", migrations: { table: 'schema_history' }"));
    project.write('schema.ts', users("name: text('name')"));
    await sluice('generate', '--name', 'init');
    expect((await sluice('migrate')).code).toBe(0);
    expect(await sluice('check', '--db')).toEqual({ code: 0, stdout: '1 migration checked: the history is consistent.\nThe database matches the migrations.\n', stderr: '' });
  });

  it('documents --db, --schema and the JSON object in its help', async () => {
    const help = await runSluice(['check', '--help'], { cwd: '/' });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: sluice check [--db] [--schema] [--json]');
    expect(help.stdout).toContain('--db               also compare the database');
    expect(help.stdout).toContain('with --db: pending: string[], differences: { kind, description }[], statements: string[]');
  });
});
