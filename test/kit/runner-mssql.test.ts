/**
 * The migration runner on SQL Server, through `mssqlSession` over a recording stand-in for an
 * `mssql` pool (no SQL Server runs here; test/live/mssql.test.ts runs the same against one). Each
 * runner path's statements are asserted as text, in order, with the connection they ran on, and
 * every one is parsed as T-SQL, so a slip in the tracking table's SQL cannot hide in a snapshot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateSession, rollbackSession } from '../../src/kit/migrations/migrate.js';
import { MigrationError, MigrationLockTimeoutError, UnresolvedMigrationError } from '../../src/kit/runner.js';
import { mssqlSession, type MssqlMigrationPool } from '../../src/kit/runner-session-mssql.js';
import { FakeMssqlServer } from '../support/fake-mssql.js';
import { assertTsql } from '../support/tsql.js';
import { writeFolderMigration } from './support/migration-folders.js';

const LOCK = "exec sp_getapplock @Resource = N'sluice_migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0";
const HELD = "select applock_mode(N'public', N'sluice_migrations', N'Session') as [mode]";
const UNLOCK = "exec sp_releaseapplock @Resource = N'sluice_migrations', @LockOwner = N'Session'";
const columnsOf = (table: string, schema = 'schema_name()') => `select column_name as name from information_schema.columns where table_schema = ${schema} and table_name = N'${table}'`;
const OURS = columnsOf('__sluice_migrations');
// drizzle-orm's SQL Server migrator keeps its table in schema `drizzle`.
const DRIZZLES = columnsOf('__drizzle_migrations', "N'drizzle'");
const DRIZZLE_READ = 'select name, hash, created_at, state, statements_done, error from [drizzle].[__drizzle_migrations] order by created_at';
const CREATE =
  "if object_id(N'[__sluice_migrations]', N'U') is null create table [__sluice_migrations] ([id] bigint identity(1, 1) not null primary key, [name] nvarchar(255) not null unique, [hash] nvarchar(64) not null, [created_at] bigint not null, [applied_at] datetime2 not null default sysutcdatetime(), [state] nvarchar(16), [statements_done] int, [error] nvarchar(max))";
const READ = 'select name, hash, created_at, state, statements_done, error from [__sluice_migrations] order by id';
const RECORD = 'insert into [__sluice_migrations] ([name], [hash], [created_at]) values (@p1, @p2, @p3)';
const CLAIM = 'insert into [__sluice_migrations] ([name], [hash], [created_at], [state], [statements_done]) values (@p1, @p2, @p3, @p4, @p5)';
const SET_STATE = 'update [__sluice_migrations] set [state] = @p1, [statements_done] = @p2, [error] = @p3 where [name] = @p4';
const DELETE = 'delete from [__sluice_migrations] where [name] = @p1';

const INIT = '20240101000000_init';
const USERS = 'create table [users] ([id] int identity(1, 1) not null primary key, [name] nvarchar(100) not null)';
const USERS_INDEX = 'create index [users_name] on [users] ([name])';
const POSTS = 'create table [posts] ([id] int not null primary key, [user_id] int not null)';

describe('runner on SQL Server (mssqlSession)', () => {
  let server: FakeMssqlServer;
  let pool: MssqlMigrationPool;
  let dir: string;

  beforeEach(() => {
    server = new FakeMssqlServer();
    pool = new server.Pool({ server: 'db.example', database: 'app' }) as unknown as MssqlMigrationPool;
    dir = mkdtempSync(join(tmpdir(), 'sluice-mssql-runner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const session = () => mssqlSession(pool);
  const migrate = (extra: { lockTimeout?: number } = {}) => migrateSession(session(), { migrationsFolder: dir, ...extra });
  /** Every statement sent, each checked to parse as T-SQL. */
  const sent = async () => {
    for (const r of server.sent) if (r.sql !== '') await assertTsql(r.sql);
    return server.texts();
  };

  it('creates the tracking table, then applies each migration in a transaction with its record, holding the app lock on a pinned connection', async () => {
    writeFolderMigration(dir, INIT, `${USERS};\n--> statement-breakpoint\n${USERS_INDEX};`);
    await migrate();
    expect(await sent()).toEqual([LOCK, HELD, OURS, DRIZZLES, OURS, OURS, CREATE, OURS, OURS, READ, 'begin transaction', READ, `${USERS};`, `${USERS_INDEX};`, RECORD, 'commit', UNLOCK]);
    // Everything ran on the one-connection pool made for the run lock; none on the user's pool.
    expect(new Set(server.sent.map((r) => r.on))).toEqual(new Set(['pinned#1']));
    expect(server.sent.find((r) => r.sql === RECORD)!.params).toEqual([INIT, expect.stringMatching(/^[0-9a-f]{64}$/), Date.UTC(2024, 0, 1)]);
    // DDL goes as a batch (CREATE VIEW and the like must start one); parameterised queries as queries.
    expect(server.sent.filter((r) => r.kind === 'batch').map((r) => r.sql)).toEqual([LOCK, CREATE, `${USERS};`, `${USERS_INDEX};`, UNLOCK]);
    expect(server.lockHolder).toBeUndefined();
    expect(server.tables.get('__sluice_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it('applies only what is not recorded yet, and nothing on a second run', async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    await migrate();
    writeFolderMigration(dir, '20240201000000_posts', `${POSTS};`);
    server.sent.length = 0;
    await migrate();
    // The table exists: found, its columns read once more, and no DDL.
    expect(await sent()).toEqual([LOCK, HELD, OURS, OURS, READ, 'begin transaction', READ, `${POSTS};`, RECORD, 'commit', UNLOCK]);
    server.sent.length = 0;
    await migrate();
    expect(await sent()).toEqual([LOCK, HELD, OURS, OURS, READ, UNLOCK]);
  });

  it('adds the three state columns to a tracking table that lacks them (ALTER TABLE ... ADD, no COLUMN keyword)', async () => {
    server.tables.set('__sluice_migrations', { columns: ['id', 'name', 'hash', 'created_at', 'applied_at'], rows: [] });
    writeFolderMigration(dir, INIT, `${USERS};`);
    await migrate();
    expect((await sent()).slice(0, 11)).toEqual([
      LOCK,
      HELD,
      OURS,
      OURS,
      OURS,
      OURS,
      'alter table [__sluice_migrations] add [state] nvarchar(16)',
      'alter table [__sluice_migrations] add [statements_done] int',
      'alter table [__sluice_migrations] add [error] nvarchar(max)',
      OURS,
      READ,
    ]);
    expect(server.tables.get('__sluice_migrations')!.columns).toEqual(['id', 'name', 'hash', 'created_at', 'applied_at', 'state', 'statements_done', 'error']);
  });

  it('rolls a failing migration back with its record, so the next run starts it again', async () => {
    writeFolderMigration(dir, INIT, `${USERS};\n--> statement-breakpoint\nselect 'fail!';`);
    const error = await migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toContain(INIT);
    expect(((error as MigrationError).cause as { number?: number }).number).toBe(50000);
    expect((await sent()).slice(-6)).toEqual(['begin transaction', READ, `${USERS};`, "select 'fail!';", 'rollback', UNLOCK]);
    expect(server.tables.get('__sluice_migrations')!.rows).toEqual([]);
  });

  it('runs a no-transaction migration statement by statement, recording its progress', async () => {
    writeFolderMigration(dir, INIT, `-- sluice:no-transaction\n${USERS};\n--> statement-breakpoint\n${USERS_INDEX};`);
    await migrate();
    const tail = (await sent()).slice(10);
    expect(tail).toEqual([CLAIM, `-- sluice:no-transaction\n${USERS};`, SET_STATE, `${USERS_INDEX};`, SET_STATE, UNLOCK]);
    const updates = server.sent.filter((r) => r.sql === SET_STATE).map((r) => r.params);
    expect(updates).toEqual([
      ['running', 1, null, INIT],
      [null, null, null, INIT],
    ]);
    expect(server.sent.find((r) => r.sql === CLAIM)!.params.slice(3)).toEqual(['running', 0]);
  });

  it('records a failed no-transaction migration as failed, and the next run refuses until it is resolved', async () => {
    writeFolderMigration(dir, INIT, `-- sluice:no-transaction\n${USERS};\n--> statement-breakpoint\nselect 'fail!';`);
    await expect(migrate()).rejects.toBeInstanceOf(MigrationError);
    const failed = server.sent.filter((r) => r.sql === SET_STATE).at(-1)!;
    expect(failed.params.slice(0, 2)).toEqual(['failed', 1]);
    expect(String(failed.params[2])).toMatch(/^statement 2 of 2: Statement failed/);
    server.sent.length = 0;
    await expect(migrate()).rejects.toBeInstanceOf(UnresolvedMigrationError);
    expect(await sent()).toEqual([LOCK, HELD, OURS, OURS, READ, UNLOCK]);
  });

  it('rolls back the latest migration with its down.sql and deletes its record, in one transaction', async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    writeFolderMigration(dir, '20240201000000_posts', `${POSTS};`);
    writeFileSync(join(dir, '20240201000000_posts', 'down.sql'), 'drop table [posts];');
    await migrate();
    server.sent.length = 0;
    const result = await rollbackSession(session(), { migrationsFolder: dir });
    expect(result.rolledBack).toEqual(['20240201000000_posts']);
    const texts = await sent();
    // The records are read again inside the transaction before the down runs.
    expect(texts).toEqual([LOCK, HELD, OURS, OURS, READ, 'begin transaction', READ, 'drop table [posts];', DELETE, 'commit', UNLOCK]);
    expect(server.sent.find((r) => r.sql === DELETE)!.params).toEqual(['20240201000000_posts']);
    expect(server.tables.get('__sluice_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it('polls for the app lock while another run holds it, and applies once it is released', async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    server.lockHolder = 'someone else';
    setTimeout(() => {
      server.lockHolder = undefined;
    }, 300);
    await migrate({ lockTimeout: 5000 });
    const texts = await sent();
    const tries = texts.filter((t) => t === LOCK).length;
    expect(tries).toBeGreaterThan(1);
    expect(texts.slice(0, 2)).toEqual([LOCK, HELD]);
    expect(texts.at(-1)).toBe(UNLOCK);
    expect(server.tables.get('__sluice_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it('gives up after the lock timeout with nothing applied, and closes the pinned connection', async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    server.lockHolder = 'someone else';
    await expect(migrate({ lockTimeout: 300 })).rejects.toBeInstanceOf(MigrationLockTimeoutError);
    expect(new Set(await sent())).toEqual(new Set([LOCK, HELD]));
    expect(server.tables.has('__sluice_migrations')).toBe(false);
    expect(server.lockHolder).toBe('someone else');
  });

  it('uses sp_getapplock as a statement and applock_mode to read the outcome, since `exec @r = ...` does not parse', async () => {
    // The checker rejects what T-SQL parsers reject, so the statements above are a real test.
    await expect(assertTsql("declare @r int; exec @r = sp_getapplock @Resource = N'sluice_migrations'")).rejects.toThrow(/sqlparser \(mssql\) rejects it/);
    await expect(assertTsql('select 1 from [t] where [a] = ?')).rejects.toThrow('positional ? parameter');
    await expect(assertTsql('alter table "__sluice_migrations" add "state" nvarchar(16)')).rejects.toThrow('double-quoted identifier');
    await assertTsql(LOCK);
    await assertTsql(HELD);
  });

  it("adopts drizzle's table in schema drizzle: applies only what it lacks, records with the name, compares its text columns as nvarchar", async () => {
    // As drizzle-orm's SQL Server migrator makes it: text columns, which T-SQL cannot compare.
    server.schemas.add('drizzle');
    server.tables.set('drizzle.__drizzle_migrations', { columns: ['id', 'hash', 'created_at', 'name', 'applied_at'], textColumns: ['hash', 'name'], rows: [{ id: 1, hash: 'old', created_at: 1, name: INIT }] });
    writeFolderMigration(dir, INIT, `${USERS};`);
    writeFolderMigration(dir, '20240201000000_posts', `-- sluice:no-transaction\n${POSTS};`);
    writeFileSync(join(dir, '20240201000000_posts', 'down.sql'), 'drop table [posts];');
    await migrateSession(session(), { migrationsFolder: dir, allowChanged: true });
    const d = '[drizzle].[__drizzle_migrations]';
    const setState = `update ${d} set [state] = @p1, [statements_done] = @p2, [error] = @p3 where cast([name] as nvarchar(max)) = @p4`;
    expect(await sent()).toEqual([
      LOCK,
      HELD,
      OURS,
      DRIZZLES,
      DRIZZLES,
      DRIZZLES,
      DRIZZLES,
      `alter table ${d} add [state] nvarchar(16)`,
      `alter table ${d} add [statements_done] int`,
      `alter table ${d} add [error] nvarchar(max)`,
      DRIZZLES,
      DRIZZLE_READ,
      `insert into ${d} ([name], [hash], [created_at], [state], [statements_done]) values (@p1, @p2, @p3, @p4, @p5)`,
      `-- sluice:no-transaction\n${POSTS};`,
      setState,
      UNLOCK,
    ]);
    expect(server.tables.get('drizzle.__drizzle_migrations')!.rows.map((r) => [r.name, r.state ?? null])).toEqual([
      [INIT, null],
      ['20240201000000_posts', null],
    ]);
    server.sent.length = 0;
    await rollbackSession(session(), { migrationsFolder: dir });
    expect((await sent()).slice(-6)).toEqual(['begin transaction', DRIZZLE_READ, 'drop table [posts];', `delete from ${d} where cast([name] as nvarchar(max)) = @p1`, 'commit', UNLOCK]);
    expect(server.tables.get('drizzle.__drizzle_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it("creates drizzle's table, and its schema, when migrationsTable names it", async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    await migrateSession(session(), { migrationsFolder: dir, migrationsTable: '__drizzle_migrations' });
    const texts = await sent();
    expect(texts.slice(0, 8)).toEqual([
      LOCK,
      HELD,
      DRIZZLES,
      DRIZZLES,
      DRIZZLES,
      "if schema_id(N'drizzle') is null exec(N'create schema [drizzle]')",
      "if object_id(N'[drizzle].[__drizzle_migrations]', N'U') is null create table [drizzle].[__drizzle_migrations] ([id] bigint identity(1, 1) not null primary key, [hash] nvarchar(max) not null, [created_at] bigint, [name] nvarchar(max), [applied_at] datetime2 not null default sysutcdatetime(), [state] nvarchar(16), [statements_done] int, [error] nvarchar(max))",
      DRIZZLES,
    ]);
    expect(texts).toContain('insert into [drizzle].[__drizzle_migrations] ([name], [hash], [created_at]) values (@p1, @p2, @p3)');
    expect(server.tables.get('drizzle.__drizzle_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it('keeps its own table in the schema configured, creating the schema when missing', async () => {
    writeFolderMigration(dir, INIT, `${USERS};`);
    await migrateSession(session(), { migrationsFolder: dir, migrationsSchema: 'ops' });
    const texts = await sent();
    expect(texts.slice(2, 8)).toEqual([
      columnsOf('__sluice_migrations', "N'ops'"),
      columnsOf('__drizzle_migrations', "N'ops'"),
      columnsOf('__sluice_migrations', "N'ops'"),
      columnsOf('__sluice_migrations', "N'ops'"),
      "if schema_id(N'ops') is null exec(N'create schema [ops]')",
      CREATE.replaceAll('[__sluice_migrations]', '[ops].[__sluice_migrations]'),
    ]);
    expect(texts).toContain('insert into [ops].[__sluice_migrations] ([name], [hash], [created_at]) values (@p1, @p2, @p3)');
    expect(server.tables.get('ops.__sluice_migrations')!.rows.map((r) => r.name)).toEqual([INIT]);
  });

  it('makes the run-lock pool with the same settings and exactly one long-lived connection', async () => {
    const made: Record<string, unknown>[] = [];
    const Base = server.Pool;
    class Spy extends Base {
      constructor(config?: Record<string, unknown>) {
        super(config);
        made.push(config ?? {});
      }
    }
    pool = new Spy({ server: 'db.example', database: 'app', pool: { max: 10 } }) as unknown as MssqlMigrationPool;
    made.length = 0;
    writeFolderMigration(dir, INIT, `${USERS};`);
    await migrate();
    expect(made).toEqual([{ server: 'db.example', database: 'app', pool: { max: 1, min: 1, idleTimeoutMillis: 2 ** 31 - 1 } }]);
    expect((pool as unknown as { connected: boolean }).connected).toBe(true);
  });
});
