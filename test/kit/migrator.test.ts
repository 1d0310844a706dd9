import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { drizzle as drizzleOrmSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleOrmSqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzleOrmPglite } from 'drizzle-orm/pglite';
import { migrate as drizzleOrmPgliteMigrate } from 'drizzle-orm/pglite/migrator';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { migrate as betterSqliteMigrate, rollback as betterSqliteRollback } from 'sluice/better-sqlite3/migrator';
import { migrate as cockroachMigrate, rollback as cockroachRollback } from 'sluice/cockroach/migrator';
import { migrate as libsqlMigrate, rollback as libsqlRollback } from 'sluice/libsql/migrator';
import { migrate as mysql2Migrate, rollback as mysql2Rollback } from 'sluice/mysql2/migrator';
import { migrate as nodePgMigrate, rollback as nodePgRollback } from 'sluice/node-postgres/migrator';
import { drizzle as pglite } from 'sluice/pglite';
import { migrate as pgliteMigrate, rollback as pgliteRollback } from 'sluice/pglite/migrator';
import { migrate as postgresJsMigrate, rollback as postgresJsRollback } from 'sluice/postgres-js/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissingDriverError, openDatabase } from '../../src/kit/connect.js';
import { readMigrations } from '../../src/kit/migrations/folder.js';
import { migrationStatus, runMigrations } from '../../src/kit/runner.js';
import { betterSqliteSession } from '../../src/kit/runner-session-sqlite.js';
import { behaviourTargets, createMysqlDatabase, mysqlServerUrl, openBehaviourTarget, sqlFor } from '../support/behaviour.js';
import { runnerSessions, writeFolderMigration, writeJournalMigrations } from './support/migration-folders.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

type MigrateFn = (db: never, config: { migrationsFolder: string; migrationsTable?: string; migrationsSchema?: string }) => Promise<void>;
const migrators: Record<string, MigrateFn> = {
  pglite: pgliteMigrate as MigrateFn,
  'node-postgres': nodePgMigrate as MigrateFn,
  'postgres-js': postgresJsMigrate as MigrateFn,
  'better-sqlite3': betterSqliteMigrate as MigrateFn,
  libsql: libsqlMigrate as MigrateFn,
  mysql2: mysql2Migrate as MigrateFn,
  cockroach: cockroachMigrate as MigrateFn,
};

type RollbackFn = (db: never, config: { migrationsFolder: string; migrationsTable?: string; migrationsSchema?: string; steps?: number; force?: boolean }) => Promise<{ rolledBack: string[] }>;
const rollbacks: Record<string, RollbackFn> = {
  pglite: pgliteRollback as RollbackFn,
  'node-postgres': nodePgRollback as RollbackFn,
  'postgres-js': postgresJsRollback as RollbackFn,
  'better-sqlite3': betterSqliteRollback as RollbackFn,
  libsql: libsqlRollback as RollbackFn,
  mysql2: mysql2Rollback as RollbackFn,
  cockroach: cockroachRollback as RollbackFn,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-migrator-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const folder = (name: string, sql: string) => writeFolderMigration(dir, name, sql);
const journal = (entries: { tag: string; when: number; sql: string }[]) => writeJournalMigrations(dir, entries);

for (const { name, dialect } of behaviourTargets()) {
  describe(`migrate() from sluice/${name}/migrator`, () => {
    it('applies the folder through the db, once, into the configured table', async () => {
      const target = await openBehaviourTarget(name);
      try {
        const db = await target.open();
        const q = (s: string) => sqlFor(dialect, s);
        folder('20261101000000_users', q('create table "users" (id int primary key, email varchar(100) not null)'));
        folder('20261102000000_seed', q(`insert into "users" (id, email) values (1, 'a@x.io');\n--> statement-breakpoint\ninsert into "users" (id, email) values (2, 'b@x.io');`));
        const migrate = migrators[name]!;
        const config = { migrationsFolder: dir, migrationsTable: 'schema_history', migrationsSchema: 'meta' };
        await migrate(db as never, config);
        await migrate(db as never, config);
        // Checked through a plain session on the same client, not through the code under test.
        const check = runnerSessions[name]!((db as unknown as { $client: never }).$client);
        expect(await check.query(q('select id, email from "users" order by id'))).toEqual([
          { id: 1, email: 'a@x.io' },
          { id: 2, email: 'b@x.io' },
        ]);
        const history = dialect === 'pg' ? '"meta"."schema_history"' : q('"schema_history"');
        expect(await check.query(`select name from ${history} order by id`)).toEqual([{ name: '20261101000000_users' }, { name: '20261102000000_seed' }]);

        // rollback() from the same module undoes the latest with its down.sql.
        writeFileSync(join(dir, '20261102000000_seed', 'down.sql'), q('delete from "users" where id in (1, 2)'));
        expect(await rollbacks[name]!(db as never, config)).toEqual({ rolledBack: ['20261102000000_seed'] });
        expect(await check.query(q('select count(*) as n from "users"'))).toEqual([{ n: expect.anything() }]);
        expect(Number((await check.query<{ n: unknown }>(q('select count(*) as n from "users"')))[0]!.n)).toBe(0);
        expect(await check.query(`select name from ${history} order by id`)).toEqual([{ name: '20261101000000_users' }]);
        await migrate(db as never, config);
        expect(Number((await check.query<{ n: unknown }>(q('select count(*) as n from "users"')))[0]!.n)).toBe(2);
      } finally {
        await target.close();
      }
    });
  });
}

describe("moving over from drizzle-orm's own migrator", () => {
  const a = 'CREATE TABLE "a" (id integer primary key);';
  const b = 'CREATE TABLE "b" (id integer primary key, a_id integer);';
  const c = 'CREATE TABLE "c" (id integer primary key);';

  it('PGlite: drizzle-orm applied the journal; sluice applies only the new entry and drizzle-orm then sees nothing to do', async () => {
    journal([
      { tag: '0000_a', when: 1700000000000, sql: a },
      { tag: '0001_b', when: 1700000100000, sql: b },
    ]);
    const client = new PGlite();
    try {
      await drizzleOrmPgliteMigrate(drizzleOrmPglite(client), { migrationsFolder: dir });
      journal([
        { tag: '0000_a', when: 1700000000000, sql: a },
        { tag: '0001_b', when: 1700000100000, sql: b },
        { tag: '0002_c', when: 1700000200000, sql: c },
      ]);
      const db = pglite({ client });
      await pgliteMigrate(db, { migrationsFolder: dir });
      const recorded = await client.query<{ hash: string; created_at: string }>('select hash, created_at from drizzle.__drizzle_migrations order by id');
      expect(recorded.rows.map((r) => Number(r.created_at))).toEqual([1700000000000, 1700000100000, 1700000200000]);
      expect(recorded.rows[2]!.hash).toBe(readMigrations(dir)[2]!.hash);
      expect((await client.query(`select to_regclass('c') as t, to_regclass('sluice.__sluice_migrations') as ours`)).rows).toEqual([{ t: 'c', ours: null }]);
      await drizzleOrmPgliteMigrate(drizzleOrmPglite(client), { migrationsFolder: dir });
      expect((await client.query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows).toEqual([{ n: 3 }]);
    } finally {
      await client.close();
    }
  });

  it('better-sqlite3: the same, on SQLite', async () => {
    journal([
      { tag: '0000_a', when: 1700000000000, sql: a },
      { tag: '0001_b', when: 1700000100000, sql: b },
    ]);
    const client = new Database(':memory:');
    try {
      drizzleOrmSqliteMigrate(drizzleOrmSqlite({ client }), { migrationsFolder: dir });
      journal([
        { tag: '0000_a', when: 1700000000000, sql: a },
        { tag: '0001_b', when: 1700000100000, sql: b },
        { tag: '0002_c', when: 1700000200000, sql: c },
      ]);
      const db = betterSqlite({ client });
      expect(await migrationStatus(betterSqliteSession(client), readMigrations(dir), {})).toEqual({ applied: ['0000_a', '0001_b'], changed: [], failed: [], pending: ['0002_c'], unknown: [] });
      await betterSqliteMigrate(db, { migrationsFolder: dir });
      expect(client.prepare('select created_at from __drizzle_migrations order by created_at').all()).toEqual([{ created_at: 1700000000000 }, { created_at: 1700000100000 }, { created_at: 1700000200000 }]);
      expect(client.prepare("select name from sqlite_master where type = 'table' and name in ('c', '__sluice_migrations')").all()).toEqual([{ name: 'c' }]);
      drizzleOrmSqliteMigrate(drizzleOrmSqlite({ client }), { migrationsFolder: dir });
      expect(client.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual({ n: 3 });
    } finally {
      client.close();
    }
  });
});

describe('openDatabase', () => {
  const folderWith = (sql: string) => {
    folder('20261101000000_t', sql);
    return readMigrations(dir);
  };

  it('opens PGlite in memory and in a data directory', async () => {
    for (const url of [undefined, ':memory:', 'memory://']) {
      const { session, close } = await openDatabase({ dialect: 'postgresql', driver: 'pglite', credentials: url === undefined ? undefined : { url } });
      expect(await session.query('select 1 + 1 as n')).toEqual([{ n: 2 }]);
      await close();
    }
    const data = join(dir, 'pgdata');
    let opened = await openDatabase({ dialect: 'postgresql', driver: 'pglite', credentials: { url: data } });
    expect((await runMigrations(opened.session, folderWith('create table t (id int)'), {})).applied).toEqual(['20261101000000_t']);
    await opened.close();
    opened = await openDatabase({ dialect: 'postgresql', driver: 'pglite', credentials: { url: data } });
    expect(await migrationStatus(opened.session, readMigrations(dir), {})).toEqual({ applied: ['20261101000000_t'], changed: [], failed: [], pending: [], unknown: [] });
    await opened.close();
  }, 120_000); // five PGlite instances start one after another

  it('opens SQLite files with better-sqlite3 (path or file: URL) and libsql', async () => {
    const file = join(dir, 'app.db');
    for (const [driver, url] of [
      [undefined, file],
      ['better-sqlite3', `file:${file}`],
      ['libsql', `file:${file}`],
      ['turso', file],
    ] as const) {
      const { session, close } = await openDatabase({ dialect: 'sqlite', driver, credentials: { url } });
      await session.execute('create table if not exists hits (n integer); insert into hits values (1)');
      expect(await session.query('select count(*) as n from hits')).toEqual([{ n: expect.any(Number) }]);
      await close();
    }
    const { session, close } = await openDatabase({ dialect: 'sqlite', driver: undefined, credentials: { url: file } });
    expect(await session.query('select count(*) as n from hits')).toEqual([{ n: 4 }]);
    await close();
  });

  it('says what is wrong with a target', async () => {
    await expect(openDatabase({ dialect: 'postgresql', driver: 'pgx', credentials: {} })).rejects.toThrow('Unknown PostgreSQL driver "pgx": use "pglite", "node-postgres" or "postgres-js"');
    await expect(openDatabase({ dialect: 'sqlite', driver: 'd1', credentials: { url: ':memory:' } })).rejects.toThrow('Unknown SQLite driver "d1"');
    await expect(openDatabase({ dialect: 'mysql', driver: 'planetscale', credentials: {} })).rejects.toThrow('Unknown MySQL driver "planetscale"');
    await expect(openDatabase({ dialect: 'sqlite', driver: undefined, credentials: {} })).rejects.toThrow('SQLite needs dbCredentials.url');
    await expect(openDatabase({ dialect: 'postgresql', driver: 'node-postgres', credentials: { host: 'localhost' } })).rejects.toThrow('PostgreSQL needs dbCredentials.url, or dbCredentials.host and dbCredentials.database');
    await expect(openDatabase({ dialect: 'postgresql', driver: 'node-postgres', credentials: { url: 42n } as never })).rejects.toThrow('dbCredentials.url must be a string, got bigint');
    expect(MissingDriverError.prototype).toBeInstanceOf(Error);
  });

  it.runIf(pgServerUrl)('opens PostgreSQL with node-postgres (default) and postgres.js, from a url or fields (needs SLUICE_PG_URL)', async () => {
    const database = await createPgDatabase();
    try {
      const url = new URL(database.url);
      const fields = { host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), database: database.name };
      for (const [driver, credentials] of [
        [undefined, { url: database.url }],
        ['postgres-js', { url: database.url }],
        ['node-postgres', fields],
        ['postgres-js', fields],
      ] as const) {
        const { session, close } = await openDatabase({ dialect: 'postgresql', driver, credentials });
        expect(await session.query('select current_database() as db')).toEqual([{ db: database.name }]);
        await close();
      }
    } finally {
      await database.drop();
    }
  });

  it.runIf(mysqlServerUrl)('opens MySQL with mysql2 from a url or fields (needs SLUICE_MYSQL_URL)', async () => {
    const database = await createMysqlDatabase();
    try {
      const url = new URL(database.url);
      for (const credentials of [{ url: database.url }, { host: url.hostname, port: Number(url.port), user: decodeURIComponent(url.username), database: database.name }]) {
        const { session, close } = await openDatabase({ dialect: 'mysql', driver: undefined, credentials });
        expect(await session.query('select database() as db')).toEqual([{ db: database.name }]);
        await close();
      }
    } finally {
      await database.drop();
    }
  });
});
