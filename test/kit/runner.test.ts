import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/kit/migrations/folder.js';
import { MigrationChangedError, MigrationError, migrationStatus, runMigrations, type MigrationSession, type RunLockOptions } from '../../src/kit/runner.js';
import { libsqlSession } from '../../src/kit/runner-session-sqlite.js';
import { behaviourTargets, openBehaviourTarget, sqlFor, type BehaviourTarget, type DialectName } from '../support/behaviour.js';
import { runnerSessions, writeFolderMigration, writeJournalMigrations } from './support/migration-folders.js';

/** Wraps a session to keep every statement it runs, inside transactions too. */
function recording(inner: MigrationSession, log: string[]): MigrationSession {
  return {
    dialect: inner.dialect,
    execute: (sql) => {
      log.push(sql);
      return inner.execute(sql);
    },
    query: (sql, params) => {
      log.push(sql);
      return inner.query(sql, params);
    },
    transaction: (fn, options) => inner.transaction((tx) => fn(recording(tx, log)), options),
    ...(inner.exclusive ? { exclusive: <T>(fn: (conn: MigrationSession) => Promise<T>, lock?: RunLockOptions) => inner.exclusive!((conn) => fn(recording(conn, log)), lock) } : {}),
  };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const stamp = (name: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(name)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
};

for (const { name, dialect } of behaviourTargets()) {
  describe(`runner on ${name}`, () => {
    let target: BehaviourTarget;
    let session: MigrationSession;
    let log: string[];
    let dir: string;
    const q = (pgText: string) => sqlFor(dialect, pgText);
    const pg = dialect === 'pg';
    const ours = pg ? '"sluice"."__sluice_migrations"' : q('"__sluice_migrations"');

    beforeEach(async () => {
      target = await openBehaviourTarget(name);
      const db = (await target.open()) as unknown as { $client: never };
      log = [];
      session = recording(runnerSessions[name]!(db.$client), log);
      dir = mkdtempSync(join(tmpdir(), 'sluice-runner-'));
    });
    afterEach(async () => {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const folder = (name: string, sql: string) => writeFolderMigration(dir, name, sql);
    const journal = (entries: { tag: string; when: number; sql: string }[]) => writeJournalMigrations(dir, entries);

    /**
     * Creates a migrations table as drizzle-orm's migrator does (in schema `drizzle` on
     * PostgreSQL), with drizzle 1.0's `name` and `applied_at` columns when `withName`; returns its
     * quoted name.
     */
    async function createDrizzleTable(name: string, withName = false): Promise<string> {
      const extra = withName ? byDialectSql(dialect, { pg: ', name text, applied_at timestamptz', sqlite: ', name text, applied_at text', mysql: ', name text, applied_at timestamp null' }) : '';
      await target.exec(
        byDialectSql(dialect, {
          pg: `create schema drizzle; create table drizzle.${name} (id serial primary key, hash text not null, created_at bigint${extra});`,
          sqlite: `CREATE TABLE ${name} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric${extra});`,
          mysql: `create table ${name} (id serial primary key, hash text not null, created_at bigint${extra});`,
        }),
      );
      return pg ? `"drizzle"."${name}"` : q(`"${name}"`);
    }

    async function tableExists(table: string, schema?: string): Promise<boolean> {
      const sql = byDialectSql(dialect, {
        pg: `select count(*) as n from information_schema.tables where table_schema = '${schema ?? 'public'}' and table_name = '${table}'`,
        mysql: `select count(*) as n from information_schema.tables where table_schema = database() and table_name = '${table}'`,
        sqlite: `select count(*) as n from sqlite_master where type = 'table' and name = '${table}'`,
      });
      const [row] = await session.query<{ n: unknown }>(sql);
      return Number(row!.n) > 0;
    }

    async function tracked(table = ours): Promise<{ name: string; hash: string; created_at: number }[]> {
      const rows = await session.query<{ name: string; hash: string; created_at: unknown }>(`select name, hash, created_at from ${table} order by id`);
      return rows.map((r) => ({ name: r.name, hash: r.hash, created_at: Number(r.created_at) }));
    }

    const M1 = '20261101000000_create_t1';
    const M2 = '20261102000000_fill_t1';
    const M3 = '20261103000000_create_t2';
    const m1Sql = q('create table "t1" (id int primary key, v varchar(20))');
    const m2Sql = q(`insert into "t1" (id, v) values (1, 'a');\n--> statement-breakpoint\ninsert into "t1" (id, v) values (2, 'b');\n`);
    const m3Sql = q('create table "t2" (id int)');

    it('applies every migration in folder order, records each, and applies nothing the second time', async () => {
      folder(M3, m3Sql);
      folder(M1, m1Sql);
      folder(M2, m2Sql);
      const started: string[] = [];
      const result = await runMigrations(session, readMigrations(dir), { onMigration: (n) => started.push(n) });
      expect(started).toEqual([M1, M2, M3]);
      expect(result).toEqual({ applied: [M1, M2, M3], tracking: { table: '__sluice_migrations', schema: pg ? 'sluice' : undefined, format: 'sluice' } });

      const state = 'state varchar(16), statements_done integer, error text';
      const create = byDialectSql(dialect, {
        pg: `create table if not exists "sluice"."__sluice_migrations" (id serial primary key, name text not null unique, hash text not null, created_at bigint not null, applied_at timestamptz not null default now(), ${state})`,
        mysql: `create table if not exists \`__sluice_migrations\` (id bigint unsigned not null auto_increment primary key, name varchar(255) not null unique, hash varchar(64) not null, created_at bigint not null, applied_at timestamp not null default current_timestamp, ${state})`,
        sqlite: `create table if not exists "__sluice_migrations" (id integer primary key autoincrement, name text not null unique, hash text not null, created_at integer not null, applied_at text not null default current_timestamp, ${state})`,
      });
      const insert = pg ? `insert into ${ours} ("name", "hash", "created_at") values ($1, $2, $3)` : q(`insert into ${ours} ("name", "hash", "created_at") values (?, ?, ?)`);
      const sent = log.filter((s) => !/information_schema|pragma_table_info|^select name, hash/.test(s));
      if (dialect === 'mysql') {
        // MySQL commits DDL as it goes: the row is claimed as running first and counts each statement.
        const claim = 'insert into `__sluice_migrations` (`name`, `hash`, `created_at`, `state`, `statements_done`) values (?, ?, ?, ?, ?)';
        const progress = 'update `__sluice_migrations` set `state` = ?, `statements_done` = ?, `error` = ? where `name` = ?';
        expect(sent).toEqual([create, claim, m1Sql, progress, claim, q(`insert into "t1" (id, v) values (1, 'a');`), progress, q(`insert into "t1" (id, v) values (2, 'b');`), progress, claim, m3Sql, progress]);
      } else {
        expect(sent).toEqual([...(pg ? ['create schema if not exists "sluice"'] : []), create, m1Sql, insert, q(`insert into "t1" (id, v) values (1, 'a');`), q(`insert into "t1" (id, v) values (2, 'b');`), insert, m3Sql, insert]);
      }

      expect(await session.query(q('select id, v from "t1" order by id'))).toEqual([
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ]);
      expect(await tableExists('t2')).toBe(true);
      expect(await tracked()).toEqual([
        { name: M1, hash: sha(m1Sql), created_at: stamp(M1) },
        { name: M2, hash: sha(m2Sql), created_at: stamp(M2) },
        { name: M3, hash: sha(m3Sql), created_at: stamp(M3) },
      ]);

      log.length = 0;
      expect((await runMigrations(session, readMigrations(dir), { onMigration: (n) => started.push(n) })).applied).toEqual([]);
      expect(started).toHaveLength(3);
      expect(log.filter((s) => /t1|t2/.test(s))).toEqual([]);
      expect(await session.query(q('select count(*) as n from "t1"'))).toEqual([{ n: expect.anything() }]);
      expect(Number((await session.query<{ n: unknown }>(q('select count(*) as n from "t1"')))[0]!.n)).toBe(2);
    });

    // drizzle-kit 0.x journals with `breakpoints: false` hold scripts; mysql2 runs one statement per call.
    if (dialect !== 'mysql') {
      it('runs a migration without breakpoints as one script', async () => {
        folder(M1, 'create table "x1" (id int);\ncreate table "x2" (id int);\ninsert into "x2" values (7);');
        expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual([M1]);
        expect(await session.query('select id from "x2"')).toEqual([{ id: 7 }]);
        expect(await tableExists('x1')).toBe(true);
      });
    }

    it('applies a migration merged from an older branch (older name, added later)', async () => {
      folder(M1, m1Sql);
      folder(M3, m3Sql);
      expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual([M1, M3]);
      folder(M2, m2Sql);
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: [M1, M3], changed: [], failed: [], pending: [M2], unknown: [] });
      expect((await runMigrations(session, readMigrations(dir), {})).applied).toEqual([M2]);
      expect(Number((await session.query<{ n: unknown }>(q('select count(*) as n from "t1"')))[0]!.n)).toBe(2);
      expect((await tracked()).map((r) => r.name)).toEqual([M1, M3, M2]);
    });

    it(`stops at a failing statement with the database's message, the migration and the statement${pg || dialect === 'sqlite' ? ', leaving that migration rolled back' : ''}`, async () => {
      folder(M1, m1Sql);
      const bad = q('insert into "nope" (id) values (1);');
      folder('20261105000000_broken', `${q('create table "t3" (id int);')}\n--> statement-breakpoint\n${bad}`);
      folder('20261106000000_after', q('create table "t4" (id int)'));
      const error = await runMigrations(session, readMigrations(dir), {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigrationError);
      const e = error as MigrationError;
      expect(e.migration).toBe('20261105000000_broken');
      expect(e.statement).toBe(bad);
      expect(e.cause).toBeInstanceOf(Error);
      const dbMessage = byDialectSql(dialect, { pg: 'relation "nope" does not exist', sqlite: 'no such table: nope', mysql: "nope' doesn't exist" });
      expect(e.message).toContain(dialect === 'mysql' ? 'Migration 20261105000000_broken failed at statement 2 of 2: ' : 'Migration 20261105000000_broken failed: ');
      expect(e.message).toContain(dbMessage);
      expect(e.message).toContain(`statement: ${bad}`);

      expect(await tableExists('t1')).toBe(true);
      expect(await tableExists('t4')).toBe(false);
      // MySQL commits DDL as it runs: the table stays, and the migration is recorded as failed.
      expect(await tableExists('t3')).toBe(dialect === 'mysql');
      expect((await tracked()).map((r) => r.name)).toEqual(dialect === 'mysql' ? [M1, '20261105000000_broken'] : [M1]);
    });

    it('shortens a long failing statement in the message and keeps it whole in the error', async () => {
      const long = q(`insert into "nope" (id) values (${'1'.padEnd(300, '0')})`);
      folder(M1, long);
      const e = (await runMigrations(session, readMigrations(dir), {}).catch((x: unknown) => x)) as MigrationError;
      expect(e.statement).toBe(long);
      expect(e.message).toContain(`statement: ${long.slice(0, 200)}...`);
      expect(e.message).not.toContain(long);
    });

    it("adopts drizzle's tracking table: journal entries it recorded (by created_at) are not run again", async () => {
      const a = q('create table "t_a" (id int)');
      const b = q('create table "t_b" (id int)');
      const c = q('create table "t_c" (id int)');
      journal([
        { tag: '0000_a', when: 1700000000000, sql: a },
        { tag: '0001_b', when: 1700000100000, sql: b },
        { tag: '0002_c', when: 1700000200000, sql: c },
      ]);
      const D = '20261130000000_d';
      folder(D, q('create table "t_d" (id int)'));
      // As drizzle-orm 0.31's migrator leaves it after applying the first two entries (the
      // second file was edited since: its hash no longer matches, its created_at does).
      const drizzleTable = await createDrizzleTable('__drizzle_migrations');
      await target.exec(`${a}; ${b};`);
      await target.exec(q(`insert into ${drizzleTable} (hash, created_at) values ('${sha(a)}', 1700000000000), ('edited-since', 1700000100000)`));

      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: ['0000_a'], changed: ['0001_b'], failed: [], pending: ['0002_c', D], unknown: [] });
      // An applied file that was edited stops the run, by name, before anything runs.
      const refused = await runMigrations(session, readMigrations(dir), {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationChangedError);
      expect((refused as MigrationChangedError).migrations).toEqual(['0001_b']);
      expect((refused as Error).message).toContain('Migration 0001_b changed after it was applied');
      expect(await tableExists('t_c')).toBe(false);
      const result = await runMigrations(session, readMigrations(dir), { allowChanged: true });
      expect(result).toEqual({ applied: ['0002_c', D], tracking: { table: '__drizzle_migrations', schema: pg ? 'drizzle' : undefined, format: 'drizzle' } });
      // drizzle 0.x's columns, plus the state columns on MySQL, which records progress per statement.
      const insert = byDialectSql(dialect, {
        pg: `insert into ${drizzleTable} ("hash", "created_at") values ($1, $2)`,
        sqlite: `insert into ${drizzleTable} ("hash", "created_at") values (?, ?)`,
        mysql: 'insert into `__drizzle_migrations` (`hash`, `created_at`, `state`, `statements_done`) values (?, ?, ?, ?)',
      });
      expect(log).toContain(insert);
      expect(await tableExists('t_c')).toBe(true);
      expect(await tableExists('t_d')).toBe(true);
      expect(await tableExists('__sluice_migrations', pg ? 'sluice' : undefined)).toBe(false);
      const rows = await session.query<{ hash: string; created_at: unknown }>(`select hash, created_at from ${drizzleTable} order by created_at`);
      expect(rows.map((r) => [r.hash, Number(r.created_at)])).toEqual([
        [sha(a), 1700000000000],
        ['edited-since', 1700000100000],
        [sha(c), 1700000200000],
        [sha(q('create table "t_d" (id int)')), stamp(D)],
      ]);
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: ['0000_a', '0002_c', D], changed: ['0001_b'], failed: [], pending: [], unknown: [] });
      expect((await runMigrations(session, readMigrations(dir), { allowChanged: true })).applied).toEqual([]);
    });

    it("matches drizzle 1.0 rows by name when drizzle's table has a name column", async () => {
      const I = '20250101000000_init';
      const N = '20250102000000_next';
      folder(I, q('create table "t_i" (id int)'));
      folder(N, q('create table "t_n" (id int)'));
      const drizzleTable = await createDrizzleTable('__drizzle_migrations', true);
      await target.exec(q('create table "t_i" (id int)'));
      await target.exec(q(`insert into ${drizzleTable} (hash, created_at, name) values ('${sha(q('create table "t_i" (id int)'))}', 1, '${I}')`));
      expect((await runMigrations(session, readMigrations(dir), { table: '__drizzle_migrations' })).applied).toEqual([N]);
      const rows = await session.query<{ name: string; created_at: unknown }>(`select name, created_at from ${drizzleTable} order by created_at`);
      expect(rows.map((r) => [r.name, Number(r.created_at)])).toEqual([
        [I, 1],
        [N, stamp(N)],
      ]);
    });

    it('finds a custom-named drizzle table where drizzle-orm put it and keeps its format', async () => {
      const a = q('create table "t_a" (id int)');
      journal([
        { tag: '0000_a', when: 1700000000000, sql: a },
        { tag: '0001_b', when: 1700000100000, sql: q('create table "t_b" (id int)') },
      ]);
      const custom = await createDrizzleTable('my_migrations');
      await target.exec(`${a};`);
      await target.exec(q(`insert into ${custom} (hash, created_at) values ('${sha(a)}', 1700000000000)`));
      const result = await runMigrations(session, readMigrations(dir), { table: 'my_migrations' });
      expect(result).toEqual({ applied: ['0001_b'], tracking: { table: 'my_migrations', schema: pg ? 'drizzle' : undefined, format: 'drizzle' } });
      const rows = await session.query<{ created_at: unknown }>(`select created_at from ${custom} order by created_at`);
      expect(rows.map((r) => Number(r.created_at))).toEqual([1700000000000, 1700000100000]);
      if (pg) expect(await tableExists('my_migrations', 'sluice')).toBe(false);
    });

    it("creates drizzle's table in drizzle's format when it is configured and missing", async () => {
      folder(M1, m1Sql);
      const result = await runMigrations(session, readMigrations(dir), { table: '__drizzle_migrations' });
      expect(result.tracking).toEqual({ table: '__drizzle_migrations', schema: pg ? 'drizzle' : undefined, format: 'drizzle' });
      const drizzleTable = pg ? '"drizzle"."__drizzle_migrations"' : q('"__drizzle_migrations"');
      expect(log).toContain(`create table if not exists ${drizzleTable} (id serial primary key, hash text not null, created_at ${dialect === 'sqlite' ? 'numeric' : 'bigint'}, state varchar(16), statements_done integer, error text)`);
      const rows = await session.query<{ hash: string; created_at: unknown }>(`select hash, created_at from ${drizzleTable}`);
      expect(rows.map((r) => [r.hash, Number(r.created_at)])).toEqual([[sha(m1Sql), stamp(M1)]]);
      expect((await runMigrations(session, readMigrations(dir), { table: '__drizzle_migrations' })).applied).toEqual([]);
    });

    it('uses a configured table and schema', async () => {
      folder(M1, m1Sql);
      const result = await runMigrations(session, readMigrations(dir), { table: 'app_migrations', schema: 'app' });
      expect(result.tracking).toEqual({ table: 'app_migrations', schema: pg ? 'app' : undefined, format: 'sluice' });
      if (pg) expect(log).toContain('create schema if not exists "app"');
      expect(await tableExists('app_migrations', pg ? 'app' : undefined)).toBe(true);
      expect(await tableExists('__sluice_migrations', pg ? 'sluice' : undefined)).toBe(false);
      expect((await tracked(pg ? '"app"."app_migrations"' : q('"app_migrations"'))).map((r) => r.name)).toEqual([M1]);
      // Another table knows nothing of it.
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: [], changed: [], failed: [], pending: [M1], unknown: [] });
      expect(await migrationStatus(session, readMigrations(dir), { table: 'app_migrations', schema: 'app' })).toEqual({ applied: [M1], changed: [], failed: [], pending: [], unknown: [] });
    });

    // Two sessions of one SQLite connection would share its transaction; that is not two runners.
    it.runIf(dialect !== 'sqlite')('lets two runners at once apply each migration once (not on SQLite: one in-memory connection cannot run two)', async () => {
      folder(M1, m1Sql);
      folder(M2, m2Sql);
      folder(M3, m3Sql);
      const entries = readMigrations(dir);
      const db = (await target.open()) as unknown as { $client: never };
      const other = runnerSessions[name]!(db.$client);
      const [x, y] = await Promise.all([runMigrations(session, entries, {}), runMigrations(other, entries, {})]);
      expect([...x.applied, ...y.applied].sort()).toEqual([M1, M2, M3]);
      expect((await tracked()).map((r) => r.name)).toEqual([M1, M2, M3]);
      expect(Number((await session.query<{ n: unknown }>(q('select count(*) as n from "t1"')))[0]!.n)).toBe(2);
    });

    it('reports recorded migrations missing from the folder as unknown', async () => {
      folder(M1, m1Sql);
      folder(M2, m2Sql);
      await runMigrations(session, readMigrations(dir), {});
      rmSync(join(dir, M2), { recursive: true });
      folder(M3, m3Sql);
      expect(await migrationStatus(session, readMigrations(dir), {})).toEqual({ applied: [M1], changed: [], failed: [], pending: [M3], unknown: [M2] });
    });

    if (dialect === 'sqlite') {
      const setup = [
        'PRAGMA foreign_keys=ON;',
        'create table parent (id integer primary key);',
        'create table child (id integer primary key, parent_id integer not null references parent(id) on delete cascade);',
        'insert into parent values (1), (2);',
        'insert into child values (10, 1), (11, 1), (12, 2);',
      ].join('\n');
      // What drizzle-kit generates to change a SQLite table: a rebuild between two pragmas.
      const rebuild = [
        'PRAGMA foreign_keys=OFF;',
        "CREATE TABLE `__new_parent` (`id` integer PRIMARY KEY NOT NULL, `name` text DEFAULT 'x' NOT NULL);",
        'INSERT INTO `__new_parent`("id") SELECT "id" FROM `parent`;',
        'DROP TABLE `parent`;',
        'ALTER TABLE `__new_parent` RENAME TO `parent`;',
        'PRAGMA foreign_keys=ON;',
      ];
      const foreignKeys = async () => Number((await session.query<{ foreign_keys: unknown }>('PRAGMA foreign_keys'))[0]!.foreign_keys);

      it('keeps cascade children through a table rebuild by turning foreign keys off outside the transaction', async () => {
        await target.exec(setup);
        expect(await foreignKeys()).toBe(1);
        folder('20261201000000_rebuild', rebuild.join('\n--> statement-breakpoint\n'));
        await runMigrations(session, readMigrations(dir), {});
        expect(await session.query('select id, parent_id from child order by id')).toEqual([
          { id: 10, parent_id: 1 },
          { id: 11, parent_id: 1 },
          { id: 12, parent_id: 2 },
        ]);
        expect(await session.query('select id, name from parent order by id')).toEqual([
          { id: 1, name: 'x' },
          { id: 2, name: 'x' },
        ]);
        expect(await foreignKeys()).toBe(1);
        const i = log.indexOf('PRAGMA foreign_key_check');
        expect(i).toBeGreaterThan(log.indexOf('ALTER TABLE `__new_parent` RENAME TO `parent`;'));
        expect(log).not.toContain('PRAGMA foreign_keys=OFF;');
      });

      it('loses the children when the same statements run inside one transaction (why the pragma is hoisted)', async () => {
        await target.exec(setup);
        await session.transaction(async (tx) => {
          for (const s of rebuild) await tx.execute(s);
        });
        expect(await session.query('select id from child')).toEqual([]);
      });

      it('rolls back and lists the violations when the migration leaves broken foreign keys', async () => {
        await target.exec(setup);
        folder('20261201000000_orphan', ['PRAGMA foreign_keys = off', 'insert into child values (99, 12345);', 'PRAGMA foreign_keys=on;'].join('\n--> statement-breakpoint\n'));
        const e = (await runMigrations(session, readMigrations(dir), {}).catch((x: unknown) => x)) as MigrationError;
        expect(e).toBeInstanceOf(MigrationError);
        expect(e.message).toContain('Migration 20261201000000_orphan failed: foreign key violations after the migration: child row 99 -> parent');
        expect(await session.query('select id from child where id = 99')).toEqual([]);
        expect(await tracked()).toEqual([]);
        expect(await foreignKeys()).toBe(1);
      });
    }
  });
}

function byDialectSql(dialect: DialectName, values: { pg: string; sqlite: string; mysql: string }): string {
  return values[dialect];
}

describe('runner on a libsql file database (a client with several connections)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-libsql-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("turns foreign keys off on the transaction's own connection and back on before returning it", async () => {
    const client = createClient({ url: `file:${join(dir, 'app.db')}` });
    try {
      await client.executeMultiple(
        'PRAGMA foreign_keys=ON; create table parent (id integer primary key); create table child (id integer primary key, parent_id integer references parent(id) on delete cascade); insert into parent values (1); insert into child values (10, 1);',
      );
      const mig = join(dir, 'migrations', '20261201000000_rebuild');
      mkdirSync(mig, { recursive: true });
      writeFileSync(
        join(mig, 'migration.sql'),
        'PRAGMA foreign_keys=OFF;--> statement-breakpoint\ncreate table __new_parent (id integer primary key, n int);--> statement-breakpoint\ninsert into __new_parent (id) select id from parent;--> statement-breakpoint\ndrop table parent;--> statement-breakpoint\nalter table __new_parent rename to parent;--> statement-breakpoint\nPRAGMA foreign_keys=ON;',
      );
      const session = libsqlSession(client);
      expect((await runMigrations(session, readMigrations(join(dir, 'migrations')), {})).applied).toEqual(['20261201000000_rebuild']);
      expect((await client.execute('select id, parent_id from child')).rows.map((r) => [r[0], r[1]])).toEqual([[10, 1]]);
      // No connection goes back to the client with foreign keys off: hold two at once and ask both.
      const [t1, t2] = [await client.transaction('deferred'), await client.transaction('deferred')];
      expect([(await t1.execute('PRAGMA foreign_keys')).rows[0]![0], (await t2.execute('PRAGMA foreign_keys')).rows[0]![0]]).toEqual([1, 1]);
      t1.close();
      t2.close();
    } finally {
      client.close();
    }
  });
});
