/**
 * sluice/cockroach/migrator on the PostgreSQL server: migrate and rollback through the shared
 * runner, and the run lock CockroachDB gets instead of an advisory lock, a row of
 * `__sluice_migrations_lock` (plain SQL, so PostgreSQL runs it as CockroachDB would), with two
 * concurrent runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { drizzle } from 'sluice/cockroach';
import { migrate, rollback } from 'sluice/cockroach/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationLockTimeoutError } from '../../src/kit/runner-lock.js';
import { writeFolderMigration } from '../kit/support/migration-folders.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { NO_PG } from './support.js';

const LOCK_DDL = 'create table if not exists "__sluice_migrations_lock" (id int4 primary key, holder text not null, acquired_at timestamptz not null default now())';

describe.skipIf(!pgServerUrl)(`sluice/cockroach/migrator on the PostgreSQL server ${pgServerUrl ? '' : NO_PG}`.trim(), () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let dir: string;
  const pools: pg.Pool[] = [];
  const open = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    pools.push(pool);
    return drizzle({ client: pool });
  };
  const query = async <T>(sql: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const applied = async () => (await query<{ name: string }>('select name from sluice.__sluice_migrations order by name')).map((r) => r.name);

  beforeEach(async () => {
    database = await createPgDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sluice-crdb-m-'));
    writeFolderMigration(dir, '20261101000000_users', 'create table users (id int8 primary key default 1, name text not null)');
    // A migration that takes a while, so that a second run would overlap it without the lock.
    writeFolderMigration(dir, '20261102000000_posts', 'select pg_sleep(0.3);\n--> statement-breakpoint\ncreate table posts (id int8 primary key, author_id int8 references users (id))');
  });
  afterEach(async () => {
    for (const p of pools.splice(0)) await p.end();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, records, leaves the lock free, and rolls back', async () => {
    writeFolderMigration(dir, '20261103000000_drop_me', 'create table scratch (id int4)');
    const db = open();
    await migrate(db, { migrationsFolder: dir });
    expect(await applied()).toEqual(['20261101000000_users', '20261102000000_posts', '20261103000000_drop_me']);
    expect(await query('select * from "__sluice_migrations_lock"')).toEqual([]);
    // No advisory lock was taken on the way.
    expect(await query("select * from pg_locks where locktype = 'advisory'")).toEqual([]);

    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, '20261103000000_drop_me', 'down.sql'), 'drop table scratch');
    const result = await rollback(db, { migrationsFolder: dir, force: true });
    expect(result).toMatchObject({ rolledBack: ['20261103000000_drop_me'] });
    expect(await applied()).toEqual(['20261101000000_users', '20261102000000_posts']);
    expect(await query("select table_name from information_schema.tables where table_name = 'scratch'")).toEqual([]);
    expect(await query('select * from "__sluice_migrations_lock"')).toEqual([]);
  });

  it('two concurrent runs wait for the lock row and apply each migration once', async () => {
    await query(LOCK_DDL);
    await query(`insert into "__sluice_migrations_lock" (id, holder) values (1, 'someone else')`);
    const runs = [migrate(open(), { migrationsFolder: dir, lockTimeout: 20_000 }), migrate(open(), { migrationsFolder: dir, lockTimeout: 20_000 })];
    await new Promise((r) => setTimeout(r, 400));
    // Both wait while the row is held: nothing is applied.
    expect(await query("select table_name from information_schema.tables where table_name in ('users', 'posts')")).toEqual([]);
    await query('delete from "__sluice_migrations_lock"');
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await applied()).toEqual(['20261101000000_users', '20261102000000_posts']);
    expect(await query('select count(*)::int as n from sluice.__sluice_migrations')).toEqual([{ n: 2 }]);
    expect(await query('select * from "__sluice_migrations_lock"')).toEqual([]);
  });

  it('two runs started together without a held lock still apply each migration once', async () => {
    const settled = await Promise.allSettled([migrate(open(), { migrationsFolder: dir }), migrate(open(), { migrationsFolder: dir }), migrate(open(), { migrationsFolder: dir })]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await applied()).toEqual(['20261101000000_users', '20261102000000_posts']);
  });

  it('times out naming the lock table when a stale row holds it, with nothing applied', async () => {
    await query(LOCK_DDL);
    await query(`insert into "__sluice_migrations_lock" (id, holder) values (1, 'a run that died')`);
    const error = await migrate(open(), { migrationsFolder: dir, lockTimeout: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationLockTimeoutError);
    expect((error as Error).message).toContain('the migration lock row in "__sluice_migrations_lock" (if the run that took it is gone, delete that row) for 400 ms');
    expect(await query("select table_name from information_schema.tables where table_name in ('users', 'posts')")).toEqual([]);
    // The row that was there is still the other holder's.
    expect(await query('select holder from "__sluice_migrations_lock"')).toEqual([{ holder: 'a run that died' }]);
  });
});
