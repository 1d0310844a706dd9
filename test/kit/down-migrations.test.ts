/**
 * down.sql: each migration's reverse, proven on real databases (forward, down, forward again, the
 * catalog compared each time), its destructive and irreversible markers, and how readFolder
 * reads it back.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CUSTOM_DOWN_SQL, generate, loadConfig, MERGE_DOWN_SQL, resolveConfig, reverseAnswers, type ResolvedConfig } from 'sluice/kit';
import { renderMigration } from '../../src/kit/api/generate.js';
import { pull } from '../../src/kit/api/pull.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { readMigrations, writeMigration } from '../../src/kit/migrations/folder.js';
import type { MigrationEntry } from '../../src/kit/migrations/types.js';
import { emptySnapshot, type KitDialectName as AnyKitDialectName, type Snapshot } from '../../src/kit/model.js';

/** The dialects this suite covers (drizzle-kit 0.x's three; CockroachDB has its own suites). */
type KitDialectName = Exclude<AnyKitDialectName, 'cockroach'>;
import { mysql2Session } from '../../src/kit/runner-session-mysql.js';
import { nodePgSession, pgliteSession } from '../../src/kit/runner-session-pg.js';
import { betterSqliteSession } from '../../src/kit/runner-session-sqlite.js';
import { applyStatements, type MigrationSession } from '../../src/kit/runner.js';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { mysqlCatalog, pgCatalogOf, sqliteCatalog } from './acceptance/catalog.js';
import { schemaSteps, seedRows } from './support/down-steps.js';
import { column, snapshot, table } from './support/model-builders.js';
import { tempProject, type TempProject } from './support/project.js';
import { runSluice } from './support/run-cli.js';

interface RoundTripDb {
  session: MigrationSession;
  /** The catalog as sorted lines (PostgreSQL: with the views' definitions). */
  catalog(): Promise<string[]>;
  close(): Promise<void>;
}

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), `sluice-down-${process.pid}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function pgCatalogWithViews(session: MigrationSession): Promise<string[]> {
  const lines = await pgCatalogOf((sql) => session.query(sql));
  const views = await session.query<{ table_name: string; view_definition: string }>(`select table_name, view_definition from information_schema.views where table_schema = 'public'`);
  return [...lines, ...views.map((v) => `view ${v.table_name} ${v.view_definition.replace(/\s+/g, ' ').trim()}`)].sort();
}

const databases: { name: string; dialect: Parameters<typeof schemaSteps>[0]; skip: string | undefined; open(): Promise<RoundTripDb> }[] = [
  {
    name: 'PGlite',
    dialect: 'postgresql',
    skip: undefined,
    open: async () => {
      const client = new PGlite();
      const session = pgliteSession(client);
      return { session, catalog: () => pgCatalogWithViews(session), close: () => client.close() };
    },
  },
  {
    name: 'the PostgreSQL server',
    dialect: 'postgresql',
    skip: pgServerUrl === undefined ? 'needs SLUICE_PG_URL' : undefined,
    open: async () => {
      const database = await createPgDatabase();
      const client = new pg.Client(database.url);
      await client.connect();
      const session = nodePgSession(client);
      const close = async () => {
        await client.end();
        await database.drop();
      };
      return { session, catalog: () => pgCatalogWithViews(session), close };
    },
  },
  {
    name: 'a SQLite file',
    dialect: 'sqlite',
    skip: undefined,
    open: async () => {
      const file = join(tempDir(), 'app.db');
      const client = new Database(file);
      // SQLite keeps each table's CREATE TABLE as last edited: RENAME COLUMN writes the new name in
      // double quotes, ADD COLUMN appends to the text, a rebuild writes it whole. The same table
      // reached two ways is spelled two ways, so quotes and spacing are made one.
      const spelled = (line: string) =>
        line
          .replace(/"([^"]*)"/g, '`$1`')
          .replace(/\s+/g, ' ')
          .replace(/\s*,\s*/g, ', ')
          .replace(/\(\s+/g, '(')
          .replace(/\s+\)/g, ')');
      const catalog = async () => sqliteCatalog(file).map(spelled);
      return { session: betterSqliteSession(client), catalog, close: async () => void client.close() };
    },
  },
  {
    name: 'MariaDB',
    dialect: 'mysql',
    skip: mysqlServerUrl === undefined ? 'needs SLUICE_MYSQL_URL' : undefined,
    open: async () => {
      const database = await createMysqlDatabase();
      const client = await mysql.createConnection(database.url);
      const close = async () => {
        await client.end();
        await database.drop();
      };
      return { session: mysql2Session(client), catalog: () => mysqlCatalog(database.url), close };
    },
  },
];

/** Writes the step's migration as generate does and reads it back through the folder reader. */
function writeStep(out: string, dialect: KitDialectName, prev: Snapshot, next: Snapshot, answers: Record<string, string | null>, n: number): MigrationEntry {
  const diff = diffSnapshots(prev, next, answers);
  if (diff.status !== 'ok') throw new Error(`step ${n} asks about renames: ${JSON.stringify(diff.questions)}`);
  const { sql, downSql } = renderMigration(dialect, prev, next, { changes: diff.changes, answers, breakpoints: true });
  const path = writeMigration(out, { name: `step_${n}`, sql, down: downSql, snapshot: next, now: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) });
  const entry = readMigrations(out).find((e) => path.endsWith(e.name));
  if (entry?.down === undefined) throw new Error(`step ${n}: ${path} has no down.sql`);
  return entry;
}

/** What each dialect's down.sql marks: the reverse of a create or an add loses data, a rename back does not. */
function expectMarkers(step: string, down: NonNullable<MigrationEntry['down']>): void {
  const marked = down.destructive.map((d) => d.statement);
  if (step.startsWith('create tables')) {
    const drops = down.statements.map((s) => s.split('\n').at(-1)!).filter((s) => /^DROP TABLE/.test(s));
    expect(drops).toHaveLength(3);
    expect(marked.filter((s) => /^DROP TABLE/.test(s))).toEqual(drops);
  }
  if (step === 'add a column') expect(marked).toEqual([expect.stringMatching(/^ALTER TABLE [`"]users[`"] DROP COLUMN [`"]bio[`"];$/)]);
  if (step === 'rename a column') {
    expect(down.statements).toEqual([expect.stringMatching(/^ALTER TABLE [`"]users[`"] RENAME COLUMN [`"]full_name[`"] TO [`"]name[`"];$/)]);
    expect(marked).toEqual([]);
  }
  if (step === 'drop a column' || step === 'add an index') expect(marked).toEqual([]);
}

for (const db of databases) {
  const title = `forward, down and forward again leave ${db.name}'s catalog as before and after each step${db.skip === undefined ? '' : ` (${db.skip})`}`;
  it.skipIf(db.skip !== undefined)(
    title,
    async () => {
      const out = tempDir();
      const database = await db.open();
      const apply = (label: string, statements: readonly string[]) => applyStatements(database.session, label, statements);
      const names = async (column: string) => (await database.session.query<Record<string, unknown>>(`select ${column} as v from users order by id`)).map((r) => r.v);
      try {
        let prev: Snapshot = emptySnapshot(db.dialect);
        for (const [i, step] of schemaSteps(db.dialect).entries()) {
          const next: Snapshot = { ...step.schema, id: `step-${i}`, prevIds: i === 0 ? [] : [prev.id] };
          const entry = writeStep(out, db.dialect, prev, next, step.answers, i);
          const down = entry.down!;
          expectMarkers(step.name, down);
          const before = await database.catalog();
          await apply(`${step.name}`, entry.statements);
          const after = await database.catalog();
          expect(after, step.name).not.toEqual(before);

          await apply(`${step.name} (down)`, down.statements);
          expect(await database.catalog(), `${step.name}: down.sql`).toEqual(before);
          if (step.name === 'rename a column') expect(await names('name'), 'the renamed column keeps its rows when renamed back').toEqual(['ann', 'bob']);

          await apply(`${step.name} (again)`, entry.statements);
          expect(await database.catalog(), `${step.name}: forward after down`).toEqual(after);
          if (step.name === 'rename a column') expect(await names('full_name')).toEqual(['ann', 'bob']);
          if (i === 0) for (const row of seedRows) await database.session.execute(row);
          prev = next;
        }
        // Rows in the tables no step dropped came through every down and forward.
        expect(await names('email')).toEqual(['ann@example.com', 'bob@example.com']);
      } finally {
        await database.close();
      }
    },
    120_000,
  );
}

describe('reverseAnswers', () => {
  const users = table('users', [column('id', 'integer'), column('name', 'text'), column('old', 'text')]);
  const people = table('people', [column('id', 'integer'), column('full_name', 'text'), column('nick', 'text')]);
  const prev = snapshot('postgresql', { tables: [users] });
  const next = snapshot('postgresql', { tables: [people] });

  it('turns renames round and answers what the forward diff dropped as created, whatever spelling the hints used', () => {
    // Hints as a user types them: no `public.`, the column scoped by the new table.
    const forward = { 'table:people': 'users', 'column:people.full_name': 'name', 'column:people.nick': null };
    expect(diffSnapshots(prev, next, forward).status).toBe('ok');
    const reversed = reverseAnswers(prev, next, forward);
    expect(reversed).toEqual({ 'table:public.users': 'public.people', 'column:public.users.name': 'full_name', 'column:public.users.old': null });
    const back = diffSnapshots(next, prev, reversed);
    if (back.status !== 'ok') throw new Error(JSON.stringify(back.questions));
    expect(back.changes.map((c) => c.kind)).toEqual(['rename_table', 'rename_column', 'add_column', 'drop_column']);
  });

  it('refuses a forward diff that still has open questions', () => {
    expect(() => reverseAnswers(prev, next, {})).toThrow('Cannot reverse a diff whose renames are not all answered (open: table:public.people)');
  });
});

describe('generate writes down.sql', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());
  const schema = (users: string, more = '') => `import { sqliteTable, integer, text } from 'sluice/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), ${users} });\n${more}`;
  const posts = `export const posts = sqliteTable('posts', { id: integer('id').primaryKey(), userId: integer('user_id').references(() => users.id) });\n`;
  const sqliteProject = async (users: string): Promise<ResolvedConfig> => {
    project = tempProject();
    project.write('sluice.config.ts', `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './schema.ts', out: './migrations' });\n`);
    project.write('schema.ts', schema(users, posts));
    return loadConfig({ cwd: project.dir });
  };
  const next = async (users: string, options: Parameters<typeof generate>[1] = {}) => {
    project!.write('schema.ts', schema(users, posts));
    const result = await generate(await loadConfig({ cwd: project!.dir }), options);
    if (result.status !== 'written') throw new Error(`expected a migration, got ${result.status}`);
    return result;
  };
  const downOf = (path: string) => readFileSync(join(path, 'down.sql'), 'utf8');

  it('marks the reverse of created tables and added columns destructive, and a rename back not; custom is irreversible; a merge has nothing to undo', async () => {
    const config = await sqliteProject("name: text('name')");
    const created = await generate(config, { name: 'init', now: new Date(Date.UTC(2026, 0, 1)) });
    if (created.status !== 'written') throw new Error(created.status);
    expect(downOf(created.path)).toBe('-- sluice:destructive drops table `posts` and all of its rows\nDROP TABLE `posts`;\n--> statement-breakpoint\n-- sluice:destructive drops table `users` and all of its rows\nDROP TABLE `users`;\n');
    expect(created.downSql).toBe(downOf(created.path));

    const added = await next("name: text('name'), bio: text('bio')", { name: 'bio', now: new Date(Date.UTC(2026, 0, 2)) });
    expect(downOf(added.path)).toBe('-- sluice:destructive drops column `bio` of `users` and its data\nALTER TABLE `users` DROP COLUMN `bio`;\n');

    const renamed = await next("fullName: text('full_name'), bio: text('bio')", { name: 'rename', answers: { 'column:users.full_name': 'name' }, now: new Date(Date.UTC(2026, 0, 3)) });
    expect(renamed.sql).toBe('ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`;\n');
    expect(downOf(renamed.path)).toBe('ALTER TABLE `users` RENAME COLUMN `full_name` TO `name`;\n');

    const custom = await next("fullName: text('full_name'), bio: text('bio')", { custom: true, name: 'seed', now: new Date(Date.UTC(2026, 0, 4)) });
    expect(downOf(custom.path)).toBe(CUSTOM_DOWN_SQL);
    expect(CUSTOM_DOWN_SQL).toMatch(/^-- sluice:irreversible\n-- Write the SQL that undoes this migration below, then delete the line above/);

    // A second branch from the custom migration's parent: the next generate merges the two heads.
    const branch = join(config.out, '20260105000000_branch');
    cpSync(custom.path, branch, { recursive: true });
    const snap = JSON.parse(readFileSync(join(branch, 'snapshot.json'), 'utf8')) as Snapshot;
    writeFileSync(join(branch, 'snapshot.json'), JSON.stringify({ ...snap, id: 'bbbbbbbb-0000-4000-8000-000000000000', prevIds: snap.prevIds }));
    const merge = await next("fullName: text('full_name'), bio: text('bio')", { now: new Date(Date.UTC(2026, 0, 6)) });
    expect(merge.statements).toEqual([]);
    expect(downOf(merge.path)).toBe(MERGE_DOWN_SQL);

    const entries = readMigrations(config.out);
    expect(entries.map((e) => [e.down?.irreversible, e.down?.destructive.map((d) => d.reason), e.down?.statements.length])).toEqual([
      [false, ['drops table `posts` and all of its rows', 'drops table `users` and all of its rows'], 2],
      [false, ['drops column `bio` of `users` and its data'], 1],
      [false, [], 1],
      [true, [], 0],
      [true, [], 0],
      [false, [], 0],
    ]);
    expect(entries[1]!.down!.destructive[0]!.statement).toBe('ALTER TABLE `users` DROP COLUMN `bio`;');
  });

  it('--explain returns the down SQL and writes nothing; the CLI prints it under a header, and --json carries it', async () => {
    const config = await sqliteProject("name: text('name')");
    await generate(config, { name: 'init' });
    project!.write('schema.ts', schema("name: text('name'), bio: text('bio')", posts));
    const explain = await generate(await loadConfig({ cwd: project!.dir }), { explain: true });
    if (explain.status !== 'explain') throw new Error(explain.status);
    expect(explain.downSql).toBe('-- sluice:destructive drops column `bio` of `users` and its data\nALTER TABLE `users` DROP COLUMN `bio`;\n');
    expect(readMigrations(config.out)).toHaveLength(1);

    const text = await runSluice(['generate', '--explain'], { cwd: project!.dir });
    expect(text.stdout).toBe(`${explain.sql}-- down.sql\n${explain.downSql}`);
    const json = await runSluice(['generate', '--explain', '--json'], { cwd: project!.dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'explain', sql: explain.sql, downSql: explain.downSql });
  });
});

describe("pull's baseline", () => {
  it('gets a down.sql that drops everything, every statement marked destructive, and running it empties the database', async () => {
    const dir = tempDir();
    const file = join(dir, 'app.db');
    const client = new Database(file);
    client.exec("create table a (id integer primary key, name text not null); create table b (id integer primary key, a_id integer references a(id)); create index b_a_idx on b (a_id); insert into a values (1, 'x');");
    try {
      const config = resolveConfig({ dialect: 'sqlite', schema: './schema.ts', out: join(dir, 'migrations'), dbCredentials: { url: file } }, { cwd: dir });
      const { baseline } = await pull(config);
      const [entry] = readMigrations(config.out);
      expect(baseline).toBeDefined();
      const down = entry!.down!;
      expect(down.statements).toHaveLength(2);
      expect(down.destructive.map((d) => d.statement)).toEqual(['DROP TABLE `b`;', 'DROP TABLE `a`;']);
      await applyStatements(betterSqliteSession(client), 'baseline (down)', down.statements);
      expect(sqliteCatalog(file)).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('marks the drops the renderer does not mark (an enum) as well, on PostgreSQL', async () => {
    const data = join(tempDir(), 'data');
    const client = new PGlite(data);
    await client.exec(`create type mood as enum ('happy', 'sad'); create table people (id integer primary key, mood mood);`);
    await client.close();
    const config = resolveConfig({ dialect: 'postgresql', driver: 'pglite', schema: './schema.ts', out: join(data, '..', 'migrations'), dbCredentials: { url: data } }, { cwd: data });
    await pull(config);
    const down = readMigrations(config.out)[0]!.down!;
    expect(down.statements.map((s) => s.split('\n').at(-1))).toEqual(['DROP TABLE "people" CASCADE;', 'DROP TYPE "public"."mood";']);
    expect(down.destructive.map((d) => d.reason)).toEqual(['drops table people and all its rows', 'drops what the baseline migration created']);
  });
});
