/**
 * down.sql: each migration's reverse, proven on real databases (forward, down, forward again, the
 * catalog compared each time), its destructive and irreversible markers, and how readFolder
 * reads it back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { renderMigration } from '../../src/kit/api/generate.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { readMigrations, writeMigration } from '../../src/kit/migrations/folder.js';
import type { MigrationEntry } from '../../src/kit/migrations/types.js';
import { emptySnapshot, type KitDialectName, type Snapshot } from '../../src/kit/model.js';
import { mysql2Session } from '../../src/kit/runner-session-mysql.js';
import { nodePgSession, pgliteSession } from '../../src/kit/runner-session-pg.js';
import { betterSqliteSession } from '../../src/kit/runner-session-sqlite.js';
import { applyStatements, type MigrationSession } from '../../src/kit/runner.js';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { mysqlCatalog, pgCatalogOf, sqliteCatalog } from './acceptance/catalog.js';
import { schemaSteps, seedRows } from './support/down-steps.js';

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

const databases: { name: string; dialect: KitDialectName; skip: string | undefined; open(): Promise<RoundTripDb> }[] = [
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
      return { session, catalog: () => pgCatalogWithViews(session), close: async () => (await client.end(), await database.drop()) };
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
        line.replace(/"([^"]*)"/g, '`$1`').replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
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
      return { session: mysql2Session(client), catalog: () => mysqlCatalog(database.url), close: async () => (await client.end(), await database.drop()) };
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

for (const db of databases) {
  const title = `forward, down and forward again leave ${db.name}'s catalog as before and after each step${db.skip === undefined ? '' : ` (${db.skip})`}`;
  it.skipIf(db.skip !== undefined)(title, async () => {
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
  }, 120_000);
}
