/**
 * The runner's sessions by driver name, and writers for the two migration folder layouts the
 * runner reads: sluice's (`<name>/migration.sql`) and drizzle-kit's journal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationSession } from '../../../src/kit/runner.js';
import { mysql2Session } from '../../../src/kit/runner-session-mysql.js';
import { cockroachSession, nodePgSession, pgliteSession, postgresJsSession } from '../../../src/kit/runner-session-pg.js';
import { betterSqliteSession, libsqlSession } from '../../../src/kit/runner-session-sqlite.js';

/** The runner session for each behaviour target's driver, made from the driver's client. */
export const runnerSessions: Record<string, (client: never) => MigrationSession> = {
  pglite: pgliteSession,
  'node-postgres': nodePgSession,
  'postgres-js': postgresJsSession,
  'better-sqlite3': betterSqliteSession,
  libsql: libsqlSession,
  mysql2: mysql2Session,
  // sluice/cockroach on the PostgreSQL server, with CockroachDB's lock row instead of an advisory lock.
  cockroach: cockroachSession,
};

/** Writes `<dir>/<name>/migration.sql`, a migration in sluice's folder layout. */
export function writeFolderMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

/** Writes drizzle-kit's layout: `meta/_journal.json` listing the entries and a `<tag>.sql` file for each. */
export function writeJournalMigrations(dir: string, entries: { tag: string; when: number; sql: string }[]): void {
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const meta = { version: '7', dialect: 'x', entries: entries.map((e, idx) => ({ idx, version: '7', when: e.when, tag: e.tag, breakpoints: true })) };
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(meta));
  for (const e of entries) writeFileSync(join(dir, `${e.tag}.sql`), e.sql);
}
