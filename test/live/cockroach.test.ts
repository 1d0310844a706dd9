/**
 * sluice/cockroach against a live CockroachDB, run only when SLUICE_COCKROACH_URL is set (e.g.
 * `postgresql://root@localhost:26257/defaultdb?sslmode=disable`): the statements the PostgreSQL
 * suite runs, transactions and retries under real contention, CockroachDB-only syntax
 * (`unique_rowid()`, `as of system time`, hash-sharded and inverted indexes), and migrate/rollback
 * through sluice/cockroach/migrator. Each run makes its own database and drops it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eq, isRetryable, sql, TransactionRollbackError } from 'sluice';
import { drizzle, type NodeCockroachDatabase } from 'sluice/cockroach';
import { migrate, rollback } from 'sluice/cockroach/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, SEED, type Db } from '../cockroach/cases.js';
import { DDL, events, schema, users } from '../cockroach/schema.js';
import { writeFolderMigration } from '../kit/support/migration-folders.js';

const url = process.env.SLUICE_COCKROACH_URL || undefined;
const NOT_RUN = '(not run: SLUICE_COCKROACH_URL is not set)';
const live = (name: string) => (url ? name : `${name} ${NOT_RUN}`);

describe.skipIf(!url)(live('sluice/cockroach on a live CockroachDB'), () => {
  const name = `sluice_t_${randomBytes(6).toString('hex')}`;
  let pool: pg.Pool;
  let db: NodeCockroachDatabase<typeof schema, pg.Pool>;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await admin(`create database "${name}"`);
    const dbUrl = new URL(url!);
    dbUrl.pathname = `/${name}`;
    pool = new pg.Pool({ connectionString: dbUrl.toString(), max: 4, options: '-c TimeZone=UTC' });
    db = drizzle({ client: pool, schema }) as NodeCockroachDatabase<typeof schema, pg.Pool>;
    await pool.query(DDL);
    await pool.query(SEED);
  });
  afterAll(async () => {
    await pool?.end();
    if (url) await admin(`drop database if exists "${name}" cascade`);
  });

  describe('the statements the PostgreSQL suite runs', () => {
    for (const c of cases) {
      it(c.name, async () => {
        expect(c.build(db as unknown as Db).toSQL()).toEqual({ sql: c.sql, params: c.params });
        let rows: unknown;
        await db
          .transaction(async (tx) => {
            rows = await c.build(tx as unknown as Db);
            tx.rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof TransactionRollbackError)) throw e;
          });
        expect(rows).toEqual(c.rows);
      });
    }
  });

  it('unique_rowid() keys, hash-sharded and inverted indexes', async () => {
    await pool.query(`create table events (
      id int8 primary key default unique_rowid(), kind string not null, at timestamptz not null default now(), payload jsonb,
      index events_at_idx (at) using hash with (bucket_count = 8),
      inverted index events_payload_idx (payload)
    )`);
    const rows = await db
      .insert(events)
      .values([
        { kind: 'a', payload: { tag: 'x' } },
        { kind: 'b', payload: { tag: 'y' } },
      ])
      .returning({ id: events.id, kind: events.kind });
    expect(rows.map((r) => typeof r.id)).toEqual(['bigint', 'bigint']);
    expect(rows[0]!.id).not.toBe(rows[1]!.id);
    const found = await db.select({ kind: events.kind }).from(events).where(sql`${events.payload} @> '{"tag":"y"}'`);
    expect(found).toEqual([{ kind: 'b' }]);
    const indexes = await pool.query(`select index_name from [show indexes from events] where index_name in ('events_at_idx', 'events_payload_idx') group by index_name order by index_name`);
    expect(indexes.rows.map((r) => r.index_name)).toEqual(['events_at_idx', 'events_payload_idx']);
  });

  it('reads as of system time', async () => {
    // A time before the user was inserted sees no such row; now sees it.
    await db.insert(users).values({ id: 50, name: 'Late' });
    const before = await db
      .select({ id: users.id })
      .from(users)
      .asOfSystemTime(sql`'-1h'`)
      .where(eq(users.id, 50))
      .catch((e: unknown) => e);
    // Older than the database itself is an error on CockroachDB; either way the row is not there.
    if (Array.isArray(before)) expect(before).toEqual([]);
    else expect(String(before)).toMatch(/before|GC|threshold|does not exist/i);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await db.select({ id: users.id }).from(users).asOfSystemTime('-1ms').where(eq(users.id, 50))).toEqual([{ id: 50 }]);
    await db.delete(users).where(eq(users.id, 50));
  });

  it('retries conflicting serializable transactions until both commit', async () => {
    await pool.query('create table counters (id int4 primary key, value int4 not null); insert into counters values (1, 0)');
    let runs = 0;
    let arrived = 0;
    let open!: () => void;
    const bothRead = new Promise<void>((r) => {
      open = r;
    });
    const bump = () =>
      db.transaction(
        async (tx) => {
          const first = ++runs <= 2;
          const { rows } = await tx.execute<{ value: number }>(sql`select value from counters where id = 1`);
          if (first && ++arrived === 2) open();
          if (first) await bothRead;
          await tx.execute(sql`update counters set value = ${Number(rows![0]!.value) + 1} where id = 1`);
        },
        { isolationLevel: 'serializable', retry: { maxAttempts: 10, initialDelayMs: 10, maxDelayMs: 200 } },
      );
    await Promise.all([bump(), bump()]);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect((await pool.query('select value from counters where id = 1')).rows[0].value).toBe(2);
  });

  it('surfaces an unretried conflict as a retryable error', async () => {
    await pool.query('create table if not exists counters2 (id int4 primary key, value int4 not null); upsert into counters2 values (1, 0)');
    let arrived = 0;
    let open!: () => void;
    const bothRead = new Promise<void>((r) => {
      open = r;
    });
    const bump = () =>
      db.transaction(
        async (tx) => {
          const { rows } = await tx.execute<{ value: number }>(sql`select value from counters2 where id = 1`);
          if (++arrived === 2) open();
          await bothRead;
          await tx.execute(sql`update counters2 set value = ${Number(rows![0]!.value) + 1} where id = 1`);
        },
        { isolationLevel: 'serializable' },
      );
    const settled = await Promise.allSettled([bump(), bump()]);
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) expect(isRetryable(f.reason)).toBe(true);
  });

  it('migrates and rolls back through sluice/cockroach/migrator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-crdb-live-'));
    try {
      writeFolderMigration(dir, '20261101000000_a', 'create table mig_a (id int8 primary key default unique_rowid(), name string not null)');
      writeFolderMigration(dir, '20261102000000_b', 'create table mig_b (id uuid primary key default gen_random_uuid())');
      writeFileSync(join(dir, '20261102000000_b', 'down.sql'), 'drop table mig_b');
      await Promise.all([migrate(db, { migrationsFolder: dir }), migrate(drizzle({ client: pool }), { migrationsFolder: dir })]);
      const applied = await pool.query('select name from sluice.__sluice_migrations order by name');
      expect(applied.rows.map((r) => r.name)).toEqual(['20261101000000_a', '20261102000000_b']);
      expect((await pool.query('select count(*)::int as n from "__sluice_migrations_lock"')).rows).toEqual([{ n: 0 }]);
      expect(await rollback(db, { migrationsFolder: dir, force: true })).toEqual({ rolledBack: ['20261102000000_b'] });
      const left = await pool.query("select table_name from information_schema.tables where table_name in ('mig_a', 'mig_b') order by table_name");
      expect(left.rows.map((r) => r.table_name)).toEqual(['mig_a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
