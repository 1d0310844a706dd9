/**
 * Databases for the SQLite introspection tests: better-sqlite3 and libsql, each on a file in a
 * fresh temporary directory, created from a schema by the kit itself (serialize, diff from an
 * empty snapshot, render, run), and a session wrapper that counts catalog queries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClient } from '@libsql/client';
import { sqliteRender } from '../../../src/dialects/sqlite/kit/ddl.js';
import { sqliteSerialize } from '../../../src/dialects/sqlite/kit/serialize.js';
import type { KitCasing } from '../../../src/kit/dialect.js';
import { diffSnapshots } from '../../../src/kit/diff.js';
import { emptySnapshot, type SchemaModel } from '../../../src/kit/model.js';
import type { MigrationSession } from '../../../src/kit/runner.js';
import { betterSqliteSession, libsqlSession } from '../../../src/kit/runner-session-sqlite.js';

export interface OpenSqlite {
  session: MigrationSession;
  close(): Promise<void>;
}

export interface SqliteDriver {
  name: 'better-sqlite3' | 'libsql';
  open(): Promise<OpenSqlite>;
}

function tempFile(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-introspect-'));
  return { path: join(dir, 'db.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Both SQLite drivers, each opening a new file database. */
export const sqliteDrivers: SqliteDriver[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const file = tempFile();
      const client = new Database(file.path);
      client.pragma('foreign_keys = ON');
      return {
        session: betterSqliteSession(client),
        async close() {
          client.close();
          file.remove();
        },
      };
    },
  },
  {
    name: 'libsql',
    async open() {
      const file = tempFile();
      const client = createClient({ url: `file:${file.path}` });
      return {
        session: libsqlSession(client),
        async close() {
          client.close();
          file.remove();
        },
      };
    },
  },
];

/** The statements that create `model` in an empty database, as `generate` would write them. */
export function createStatements(model: SchemaModel): string[] {
  const diff = diffSnapshots(emptySnapshot('sqlite'), model, {});
  if (diff.status !== 'ok') throw new Error(`diff asked questions: ${JSON.stringify(diff.questions)}`);
  return sqliteRender(diff.changes, { from: emptySnapshot('sqlite'), to: { ...emptySnapshot('sqlite'), ...model } }).map((s) => s.sql);
}

/** Serializes `entities`, creates them in the session's database with the kit's DDL, and returns the serializer's model. */
export async function createFromSchema(session: MigrationSession, entities: readonly unknown[], casing: KitCasing | undefined = undefined): Promise<SchemaModel> {
  const model = sqliteSerialize(entities, { casing });
  await session.transaction(async (tx) => {
    for (const sql of createStatements(model)) await tx.execute(sql);
  });
  return model;
}

/**
 * Takes the session's database from `from` to `to` with the kit's DDL, as the runner does: the
 * foreign-key pragmas a rebuild brings are set outside the transaction.
 */
export async function migrate(session: MigrationSession, from: SchemaModel, to: SchemaModel): Promise<string[]> {
  const diff = diffSnapshots(from, to, {});
  if (diff.status !== 'ok') throw new Error(`diff asked questions: ${JSON.stringify(diff.questions)}`);
  const statements = sqliteRender(diff.changes, { from: { ...emptySnapshot('sqlite'), ...from }, to: { ...emptySnapshot('sqlite'), ...to } }).map((s) => s.sql);
  const body = statements.filter((s) => !/^PRAGMA foreign_keys=(ON|OFF)$/.test(s));
  await session.transaction(
    async (tx) => {
      for (const sql of body) await tx.execute(sql);
    },
    { foreignKeysOff: body.length !== statements.length },
  );
  return statements;
}

/** A session that counts the queries and statements sent through it. */
export function countingSession(inner: MigrationSession): { session: MigrationSession; count(): number } {
  let n = 0;
  const wrap = (s: MigrationSession): MigrationSession => ({
    dialect: s.dialect,
    async execute(sql) {
      n++;
      return s.execute(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      n++;
      return s.query<T>(sql, params);
    },
    transaction: (fn, options) => s.transaction((tx) => fn(wrap(tx)), options),
  });
  return { session: wrap(inner), count: () => n };
}
