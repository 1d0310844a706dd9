/**
 * The kit's programmatic commands: generate, export, check, migrate, status, up. Unit tests cover
 * the migration.sql layout and the choice of the previous snapshot; the rest run the differ,
 * serializers, renderers, folders and runner end to end on every dialect.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { check, emptySnapshot, exportSql, formatMigrationSql, generate, loadConfig, migrate, status, up, type ResolvedConfig, type Snapshot } from 'sluice/kit';
import { defaultName } from '../../src/kit/api/generate.js';
import { headsOf, previousState, type HistoryEntry } from '../../src/kit/api/history.js';
import type { MigrationEntry } from '../../src/kit/migrations/types.js';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { table as tableModel } from './support/model-builders.js';
import { repoNodeModules, tempProject, type TempProject } from './support/project.js';

let project: TempProject;
afterEach(() => project?.remove());

describe('migration.sql layout', () => {
  it("joins statements with drizzle-kit's breakpoint, each ending in one ';'", () => {
    expect(formatMigrationSql([{ sql: 'CREATE TABLE "a" ("id" integer)' }, { sql: 'CREATE INDEX "i" ON "a" ("id");' }], { breakpoints: true })).toBe(
      'CREATE TABLE "a" ("id" integer);\n--> statement-breakpoint\nCREATE INDEX "i" ON "a" ("id");\n',
    );
  });

  it('joins with plain newlines when breakpoints are off', () => {
    expect(formatMigrationSql([{ sql: 'select 1' }, { sql: 'select 2' }], { breakpoints: false })).toBe('select 1;\nselect 2;\n');
  });

  it('puts a destructive comment line above a statement that can lose data', () => {
    expect(formatMigrationSql([{ sql: 'ALTER TABLE "a" DROP COLUMN "b"', destructive: 'drops column a.b and its data' }, { sql: 'select 1' }], { breakpoints: true })).toBe(
      '-- destructive: drops column a.b and its data\nALTER TABLE "a" DROP COLUMN "b";\n--> statement-breakpoint\nselect 1;\n',
    );
  });

  it('is empty for no statements', () => {
    expect(formatMigrationSql([], { breakpoints: true })).toBe('');
  });
});

describe('the previous snapshot', () => {
  const snap = (id: string, prevIds: string[], dialect: Snapshot['dialect'] = 'sqlite'): Snapshot => ({ ...emptySnapshot(dialect), id, prevIds });
  const entry = (name: string, snapshot: Snapshot | undefined, problem?: string): HistoryEntry => ({
    entry: { name, format: 'sluice', sql: '', statements: [], hash: '', createdAt: 0, snapshot, path: `/m/${name}/migration.sql`, transaction: true, down: undefined } satisfies MigrationEntry,
    snapshot,
    problem,
  });

  it('is the empty schema for a new project', () => {
    expect(previousState([], 'postgresql')).toEqual({ prev: emptySnapshot('postgresql'), prevIds: [] });
  });

  it('is the last of a chain', () => {
    const a = snap('a', []);
    const b = snap('b', ['a']);
    const c = snap('c', ['b']);
    const { prev, prevIds } = previousState([entry('1', a), entry('2', b), entry('3', c)], 'sqlite');
    expect(prev).toBe(c);
    expect(prevIds).toEqual(['c']);
  });

  it('lists both heads after branches meet, starting from the newest', () => {
    const a = snap('a', []);
    const b = snap('b', ['a']);
    const c = snap('c', ['a']);
    const { prev, prevIds } = previousState([entry('1', a), entry('2', b), entry('3', c)], 'sqlite');
    expect(prev).toBe(c);
    expect(prevIds).toEqual(['b', 'c']);
    expect(headsOf([a, b, c, snap('m', ['b', 'c'])]).map((s) => s.id)).toEqual(['m']);
  });

  it('refuses a history with an unreadable snapshot or another dialect', () => {
    expect(() => previousState([entry('1', undefined, 'no snapshot (/m/meta/0000_snapshot.json is missing)')], 'sqlite')).toThrow('cannot tell the current schema: migration 1 has no snapshot (/m/meta/0000_snapshot.json is missing)');
    expect(() => previousState([entry('1', snap('a', [], 'mysql'))], 'sqlite')).toThrow("migration 1 is for mysql, but the config's dialect is sqlite");
  });

  it('names a migration after what it does', () => {
    const table = tableModel('users', [], { schema: undefined });
    expect(defaultName([{ kind: 'create_table', table }])).toBe('create_users');
    expect(
      defaultName([
        { kind: 'create_table', table },
        { kind: 'drop_table', table: { ...table, name: 'old' } },
      ]),
    ).toBe('create_users_and_more');
    expect(defaultName([{ kind: 'enable_rls', table: { schema: 'app', name: 'posts' } }])).toBe('alter_posts');
    expect(defaultName([{ kind: 'create_schema', name: 'auth' }])).toBe('create_auth');
    expect(defaultName([])).toBe('merge');
  });
});

// ---------------------------------------------------------------------------------------------
// End to end.

const sqliteUsers = (columns: string) => `import { sqliteTable, integer, text } from 'sluice/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), ${columns} });\n`;

async function sqliteProject(columns: string, extra = ''): Promise<ResolvedConfig> {
  project = tempProject();
  project.write('sluice.config.ts', `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './src/schema.ts', out: './migrations', dbCredentials: { url: './app.db' }${extra} });\n`);
  project.write('src/schema.ts', sqliteUsers(columns));
  return loadConfig({ cwd: project.dir });
}

const folders = (config: ResolvedConfig) =>
  existsSync(config.out)
    ? readdirSync(config.out)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
const readSql = (path: string) => readFileSync(join(path, 'migration.sql'), 'utf8');
const readSnapshot = (path: string) => JSON.parse(readFileSync(join(path, 'snapshot.json'), 'utf8')) as Snapshot;

describe('generate', () => {
  it('writes the first migration and its snapshot, then nothing while the schema is unchanged', async () => {
    const config = await sqliteProject("name: text('name').notNull()");
    const result = await generate(config, { name: 'init', now: new Date('2026-11-30T12:00:00Z') });
    expect(result.status).toBe('written');
    if (result.status !== 'written') return;
    expect(folders(config)).toEqual(['20261130120000_init']);
    expect(result.path).toBe(join(config.out, '20261130120000_init'));
    expect(readSql(result.path)).toBe(result.sql);
    expect(result.sql).toMatch(/^create table [`"]users[`"] \(\s*[`"]id[`"] integer primary key not null,\s*[`"]name[`"] text not null\s*\);\n$/i);
    const snapshot = readSnapshot(result.path);
    expect(snapshot).toEqual(result.snapshot);
    expect(snapshot.version).toBe('1');
    expect(snapshot.dialect).toBe('sqlite');
    expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(snapshot.prevIds).toEqual([]);
    expect(snapshot.tables.map((t) => [t.name, t.columns.map((c) => c.name)])).toEqual([['users', ['id', 'name']]]);

    expect(await generate(config, {})).toEqual({ status: 'no-changes' });
    expect(folders(config)).toEqual(['20261130120000_init']);
  });

  it('chains the next migration to the last snapshot, and migrate applies both to the database', async () => {
    let config = await sqliteProject("name: text('name').notNull()");
    const first = await generate(config, { name: 'init' });
    project.write('src/schema.ts', sqliteUsers("name: text('name').notNull(), email: text('email')"));
    config = await loadConfig({ cwd: project.dir });
    const second = await generate(config, { name: 'add_email' });
    if (first.status !== 'written' || second.status !== 'written') throw new Error(`expected two migrations, got ${first.status}, ${second.status}`);
    expect(second.sql).toMatch(/^alter table [`"]users[`"] add [`"]email[`"] text;\n$/i);
    expect(second.snapshot.prevIds).toEqual([first.snapshot.id]);

    const applied: string[] = [];
    const result = await migrate(config, { onMigration: (name) => applied.push(name) });
    expect(result.applied).toEqual(folders(config));
    expect(applied).toEqual(folders(config));
    const db = new Database(project.path('app.db'));
    try {
      db.prepare('insert into users (id, name, email) values (?, ?, ?)').run(1, 'Ann', 'ann@example.com');
      expect(db.prepare('select id, name, email from users').all()).toEqual([{ id: 1, name: 'Ann', email: 'ann@example.com' }]);
    } finally {
      db.close();
    }
    expect(await status(config)).toEqual({ applied: folders(config), changed: [], failed: [], pending: [], unknown: [] });
    expect((await migrate(config)).applied).toEqual([]);
  });

  it('asks about renames through resolve, and the answer keeps the data', async () => {
    let config = await sqliteProject("name: text('name')");
    await generate(config, { name: 'init' });
    await migrate(config);
    const db = new Database(project.path('app.db'));
    db.prepare("insert into users (id, name) values (1, 'Ann')").run();
    db.close();

    project.write('src/schema.ts', sqliteUsers("fullName: text('full_name')"));
    config = await loadConfig({ cwd: project.dir });
    expect(await generate(config, {})).toEqual({
      status: 'questions',
      questions: [{ entity: 'column', scope: 'users', added: 'full_name', candidates: ['name'] }],
      answers: {},
    });
    expect(folders(config)).toHaveLength(1);
    const asked: string[] = [];
    const result = await generate(config, {
      name: 'rename',
      resolve: async (questions) => {
        asked.push(...questions.map((q) => `${q.entity}:${q.scope ?? ''}.${q.added}`));
        return { 'column:users.full_name': 'name' };
      },
    });
    expect(asked).toEqual(['column:users.full_name']);
    if (result.status !== 'written') throw new Error(result.status);
    expect(result.sql).toMatch(/^alter table [`"]users[`"] rename column [`"]name[`"] to [`"]full_name[`"];\n$/i);
    await migrate(config);
    const after = new Database(project.path('app.db'));
    expect(after.prepare('select id, full_name from users').all()).toEqual([{ id: 1, full_name: 'Ann' }]);
    after.close();
  });

  it('marks destructive statements and honours breakpoints: false', async () => {
    let config = await sqliteProject("name: text('name'), age: integer('age')", ', breakpoints: false');
    await generate(config, { name: 'init' });
    project.write('src/schema.ts', sqliteUsers(''));
    config = await loadConfig({ cwd: project.dir });
    const result = await generate(config, { name: 'drop' });
    if (result.status !== 'written') throw new Error(result.status);
    expect(result.statements.every((s) => s.destructive !== undefined)).toBe(true);
    expect(result.sql).toMatch(/^-- destructive: [^\n]+\nalter table [`"]users[`"] drop column [`"]name[`"];\n-- destructive: [^\n]+\nalter table [`"]users[`"] drop column [`"]age[`"];\n$/i);
    expect(result.sql).not.toContain('statement-breakpoint');
  });

  it('--explain returns the SQL and writes nothing; --custom writes a comment and the snapshot', async () => {
    const config = await sqliteProject("name: text('name')");
    const explain = await generate(config, { explain: true });
    expect(explain.status).toBe('explain');
    if (explain.status === 'explain') expect(explain.sql).toMatch(/^create table [`"]users[`"]/i);
    expect(folders(config)).toEqual([]);

    const custom = await generate(config, { custom: true, name: 'seed' });
    if (custom.status !== 'written') throw new Error(custom.status);
    expect(readSql(custom.path)).toBe('-- Custom SQL migration file, put your code below! --\n');
    expect(readSnapshot(custom.path).tables.map((t) => t.name)).toEqual(['users']);
    // The custom migration's snapshot is the schema, so nothing is left to generate.
    expect(await generate(config, {})).toEqual({ status: 'no-changes' });
  });

  it('rejects a migration name that cannot be a folder name', async () => {
    const config = await sqliteProject("name: text('name')");
    await expect(generate(config, { name: 'add users' })).rejects.toThrow("migration name 'add users' may only hold letters, digits, '_' and '-'");
  });
});

describe('check', () => {
  it('passes a chain, finds two branches from one parent, and passes again after generate merges them', async () => {
    let config = await sqliteProject("name: text('name')");
    const init = await generate(config, { name: 'init', now: new Date('2026-01-01T00:00:00Z') });
    project.write('src/schema.ts', sqliteUsers("name: text('name'), a: text('a')"));
    config = await loadConfig({ cwd: project.dir });
    const branchA = await generate(config, { name: 'branch_a', now: new Date('2026-01-02T00:00:00Z') });
    if (init.status !== 'written' || branchA.status !== 'written') throw new Error('expected migrations');
    expect(check(config)).toEqual({ ok: true, migrations: 2, errors: [] });

    // Another branch made its own migration from init: same parent, written by hand here.
    const other = join(config.out, '20260103000000_branch_b');
    cpSync(branchA.path, other, { recursive: true });
    const snapshot = readSnapshot(other);
    writeFileSync(join(other, 'snapshot.json'), JSON.stringify({ ...snapshot, id: 'bbbbbbbb-0000-4000-8000-000000000000' }));
    const forked = check(config);
    expect(forked.ok).toBe(false);
    expect(forked.errors).toEqual([
      `the history has 2 heads (20260102000000_branch_a, 20260103000000_branch_b): 20260102000000_branch_a and 20260103000000_branch_b both follow 20260101000000_init. Run generate to write a merge migration.`,
    ]);

    const merge = await generate(config, { name: 'merge' });
    if (merge.status !== 'written') throw new Error(merge.status);
    expect(merge.snapshot.prevIds).toEqual([branchA.snapshot.id, 'bbbbbbbb-0000-4000-8000-000000000000']);
    expect(check(config)).toEqual({ ok: true, migrations: 4, errors: [] });
  });

  it('reports a missing parent and an unreadable snapshot', async () => {
    const config = await sqliteProject("name: text('name')");
    const init = await generate(config, { name: 'init' });
    if (init.status !== 'written') throw new Error(init.status);
    writeFileSync(join(init.path, 'snapshot.json'), JSON.stringify({ ...init.snapshot, prevIds: ['11111111-1111-4111-8111-111111111111'] }));
    expect(check(config).errors).toEqual([`${folders(config)[0]}: its previous snapshot 11111111-1111-4111-8111-111111111111 is not in the folder`]);
    writeFileSync(join(init.path, 'snapshot.json'), '{ not json');
    expect(() => check(config)).toThrow(/snapshot\.json/);
  });
});

describe('export', () => {
  it("prints the whole schema's DDL without a database or migrations", async () => {
    const config = await sqliteProject("name: text('name').notNull()");
    const { sql } = await exportSql(config);
    expect(sql).toMatch(/^create table [`"]users[`"] \(\s*[`"]id[`"] integer primary key not null,\s*[`"]name[`"] text not null\s*\);\n$/i);
    expect(folders(config)).toEqual([]);
    const db = new Database(':memory:');
    db.exec(sql);
    expect(db.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([{ name: 'users' }]);
    db.close();
  });
});

const pgSchemaFile = `import { pgEnum, pgSchema, pgTable, serial, text, integer } from 'sluice/pg-core';
export const app = pgSchema('app');
export const mood = pgEnum('mood', ['happy', 'sad']);
export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), mood: mood('mood') });
export const posts = app.table('posts', { id: serial('id').primaryKey(), userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }) });
`;

describe('PostgreSQL', () => {
  it('generates and applies a schema with an enum, a second schema and a foreign key on PGlite', async () => {
    project = tempProject();
    project.write('sluice.config.ts', "export default { dialect: 'postgresql', driver: 'pglite', schema: './schema.ts', dbCredentials: { url: './pgdata' } };\n");
    project.write('schema.ts', pgSchemaFile);
    const config = await loadConfig({ cwd: project.dir });
    const result = await generate(config, { name: 'init' });
    if (result.status !== 'written') throw new Error(result.status);
    expect(result.sql).toMatch(/create schema "app";/i);
    expect(result.sql).toMatch(/create type "public"\."mood" as enum\('happy', 'sad'\);/i);
    expect(result.sql).toMatch(/references "public"\."users"\("id"\) on delete cascade/i);
    expect((await migrate(config)).applied).toEqual(folders(config));
    expect(await status(config)).toEqual({ applied: folders(config), changed: [], failed: [], pending: [], unknown: [] });

    const client = new PGlite(project.path('pgdata'));
    try {
      await client.exec("insert into users (name, mood) values ('Ann', 'happy'); insert into app.posts (user_id) values (1);");
      expect((await client.query('select u.name, u.mood, p.id from users u join app.posts p on p.user_id = u.id')).rows).toEqual([{ name: 'Ann', mood: 'happy', id: 1 }]);
    } finally {
      await client.close();
    }
  });

  it.skipIf(!pgServerUrl)('applies migrations to a PostgreSQL server database (needs SLUICE_PG_URL)', async () => {
    const database = await createPgDatabase();
    try {
      project = tempProject();
      project.write('sluice.config.ts', `export default { dialect: 'postgresql', schema: './schema.ts', dbCredentials: { url: ${JSON.stringify(database.url)} } };\n`);
      project.write('schema.ts', pgSchemaFile);
      const config = await loadConfig({ cwd: project.dir });
      await generate(config, { name: 'init' });
      expect((await migrate(config)).applied).toEqual(folders(config));
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query("select table_schema, table_name from information_schema.tables where table_name in ('users', 'posts') order by 1, 2");
        expect(rows).toEqual([
          { table_schema: 'app', table_name: 'posts' },
          { table_schema: 'public', table_name: 'users' },
        ]);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('MySQL', () => {
  it.skipIf(!mysqlServerUrl)('generates and applies migrations on the server (needs SLUICE_MYSQL_URL)', async () => {
    const database = await createMysqlDatabase();
    try {
      project = tempProject();
      project.write('sluice.config.ts', `export default { dialect: 'mysql', schema: './schema.ts', dbCredentials: { url: ${JSON.stringify(database.url)} } };\n`);
      project.write(
        'schema.ts',
        "import { mysqlTable, int, varchar } from 'sluice/mysql-core';\nexport const users = mysqlTable('users', { id: int('id').primaryKey().autoincrement(), email: varchar('email', { length: 255 }).notNull().unique() });\n",
      );
      const config = await loadConfig({ cwd: project.dir });
      const result = await generate(config, { name: 'init' });
      if (result.status !== 'written') throw new Error(result.status);
      expect(result.sql).toMatch(/create table `users` \(/i);
      expect(result.sql).toMatch(/`email` varchar\(255\) not null/i);
      expect((await migrate(config)).applied).toEqual(folders(config));
      const conn = await mysql.createConnection(database.url);
      try {
        await conn.query("insert into users (email) values ('a@example.com')");
        await expect(conn.query("insert into users (email) values ('a@example.com')")).rejects.toThrow(/Duplicate entry/);
      } finally {
        await conn.end();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('a drizzle-kit project', () => {
  const drizzleSchema = (columns: string) => `import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name').notNull()${columns} });\n`;

  it("generates only the new change on top of drizzle-kit's journal, and up converts the folder", async () => {
    project = tempProject();
    project.write('drizzle.config.ts', "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './drizzle', dbCredentials: { url: './app.db' } });\n");
    project.write('schema.ts', drizzleSchema(''));
    project.link('drizzle-orm');
    project.link('drizzle-kit');
    execFileSync(join(repoNodeModules, '.bin', 'drizzle-kit'), ['generate', '--name', 'init'], { cwd: project.dir, stdio: 'pipe' });
    expect(existsSync(project.path('drizzle/meta/_journal.json'))).toBe(true);
    // The project moves to sluice: drizzle-orm and drizzle-kit go; the imports resolve to sluice.
    rmSync(project.path('node_modules'), { recursive: true });

    project.write('schema.ts', drizzleSchema(", email: text('email')"));
    const config = await loadConfig({ cwd: project.dir });
    const result = await generate(config, { name: 'add_email' });
    if (result.status !== 'written') throw new Error(result.status);
    expect(result.sql).toMatch(/^alter table [`"]users[`"] add [`"]email[`"] text;\n$/i);
    expect(result.snapshot.prevIds).toHaveLength(1);
    expect(check(config)).toEqual({ ok: true, migrations: 2, errors: [] });

    // Back to drizzle-kit's folder alone, as a project has it when it moves over.
    rmSync(result.path, { recursive: true });
    const converted = await up(config);
    expect(converted.converted.map((c) => c.from)).toEqual(['0000_init']);
    expect(existsSync(project.path('drizzle/.drizzle-backup'))).toBe(true);
    expect((await up(config)).converted).toEqual([]);
    expect(check(config)).toEqual({ ok: true, migrations: 1, errors: [] });
  });
});
