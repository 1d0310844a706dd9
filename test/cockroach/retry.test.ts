/**
 * `db.transaction(fn, { retry })` against the PostgreSQL server at `serializable`, with real
 * conflicting transactions on two connections: through sluice/node-postgres, sluice/cockroach
 * (pointed at PostgreSQL) and sluice/postgres-js. A barrier makes both transactions read before
 * either writes, so the second writer fails with SQLSTATE 40001 every time, not by chance.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import postgres from 'postgres';
import { eq, isRetryable, SchemaError, SluiceQueryError, sql, UnsupportedError, type Database as SluiceDatabase } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as cockroach } from 'sluice/cockroach';
import { int4, cockroachTable } from 'sluice/cockroach-core';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { NO_PG } from './support.js';

const counters = cockroachTable('counters', { id: int4().primaryKey(), value: int4().notNull() });

type Db = SluiceDatabase<string, unknown>;
interface Target {
  name: string;
  db: Db;
  end(): Promise<unknown>;
}

/** Resolves for everyone once `n` parties have arrived. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    if (++arrived === n) open();
    return opened;
  };
}

const serializable = { isolationLevel: 'serializable' } as const;
const fast = { initialDelayMs: 5, maxDelayMs: 40 };

describe.skipIf(!pgServerUrl)(`transaction retry on the PostgreSQL server ${pgServerUrl ? '' : NO_PG}`.trim(), () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  const targets: Target[] = [];
  beforeAll(async () => {
    database = await createPgDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('create table counters (id int4 primary key, value int4 not null)');
    await admin.end();
    const pool = () => new pg.Pool({ connectionString: database.url, max: 4 });
    const np = pool();
    targets.push({ name: 'sluice/node-postgres', db: nodePostgres({ client: np }) as unknown as Db, end: () => np.end() });
    const cp = pool();
    targets.push({ name: 'sluice/cockroach (on PostgreSQL)', db: cockroach({ client: cp }) as unknown as Db, end: () => cp.end() });
    const pj = postgres(database.url, { max: 4, onnotice: () => {} });
    targets.push({ name: 'sluice/postgres-js', db: postgresJs({ client: pj }) as unknown as Db, end: () => pj.end() });
  });
  afterAll(async () => {
    for (const t of targets) await t.end();
    await database?.drop();
  });

  for (const name of ['sluice/node-postgres', 'sluice/cockroach (on PostgreSQL)', 'sluice/postgres-js']) {
    describe(name, () => {
      let db: Db;
      beforeEach(async () => {
        db = targets.find((t) => t.name === name)!.db;
        await db.execute('delete from counters');
        await db.insert(counters).values({ id: 1, value: 0 });
      });
      const value = async () => (await db.select({ value: counters.value }).from(counters).where(eq(counters.id, 1)))[0]!.value;

      /** Two read-then-increment transactions whose reads both happen before either write. */
      function conflicting(config: object) {
        const bothRead = barrier(2);
        const runs = { a: 0, b: 0 };
        const bump = (who: 'a' | 'b') =>
          db.transaction(async (tx) => {
            const attempt = ++runs[who];
            const [row] = await tx.select({ value: counters.value }).from(counters).where(eq(counters.id, 1));
            // Only the first attempts meet: a retry must not wait for a partner that has finished.
            if (attempt === 1) await bothRead();
            await tx
              .update(counters)
              .set({ value: row!.value + 1 })
              .where(eq(counters.id, 1));
            return row!.value;
          }, config);
        return { runs, results: Promise.allSettled([bump('a'), bump('b')]) };
      }

      it('with retry both transactions succeed, the loser runs twice, and no increment is lost', async () => {
        const retried: unknown[] = [];
        const { runs, results } = conflicting({ ...serializable, retry: { ...fast, maxAttempts: 4, onRetry: (e: unknown) => retried.push(e) } });
        const settled = await results;
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
        // One read 0 and wrote 1; the retried one read the committed 1 and wrote 2.
        expect(settled.map((s) => (s as PromiseFulfilledResult<number>).value).sort()).toEqual([0, 1]);
        expect(runs.a + runs.b).toBe(3);
        expect(Math.max(runs.a, runs.b)).toBe(2);
        expect(retried).toHaveLength(1);
        expect(isRetryable(retried[0])).toBe(true);
        expect(await value()).toBe(2);
      });

      it('without retry the 40001 surfaces as a retryable SluiceQueryError', async () => {
        const { runs, results } = conflicting(serializable);
        const settled = await results;
        const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
        expect(failed).toHaveLength(1);
        const error = failed[0]!.reason as SluiceQueryError;
        expect(error).toBeInstanceOf(SluiceQueryError);
        expect((error.cause as { code?: string }).code).toBe('40001');
        expect(isRetryable(error)).toBe(true);
        expect(runs.a + runs.b).toBe(2);
        expect(await value()).toBe(1);
      });

      it('rethrows the last error once maxAttempts are used up', async () => {
        let runs = 0;
        const retried: number[] = [];
        const error = await db
          .transaction(
            async (tx) => {
              runs++;
              await tx.select().from(counters).where(eq(counters.id, 1));
              // Another connection changes the row after this transaction's snapshot, every attempt.
              await db
                .update(counters)
                .set({ value: sql`${counters.value} + 100` })
                .where(eq(counters.id, 1));
              await tx.update(counters).set({ value: -1 }).where(eq(counters.id, 1));
            },
            { ...serializable, retry: { ...fast, maxAttempts: 3, onRetry: (_e: unknown, attempt: number) => retried.push(attempt) } },
          )
          .catch((e: unknown) => e);
        expect(runs).toBe(3);
        expect(retried).toEqual([1, 2]);
        expect(error).toBeInstanceOf(SluiceQueryError);
        expect(isRetryable(error)).toBe(true);
        expect(await value()).toBe(300);
      });

      it('does not retry an error that is not a serialization failure', async () => {
        let runs = 0;
        const error = await db
          .transaction(
            async (tx) => {
              runs++;
              await tx.insert(counters).values({ id: 1, value: 5 });
            },
            { retry: true },
          )
          .catch((e: unknown) => e);
        expect(runs).toBe(1);
        expect((error as SluiceQueryError).cause).toMatchObject({ code: '23505' });
        expect(isRetryable(error)).toBe(false);
      });

      it('retries the whole transaction when a nested savepoint fails with 40001', async () => {
        const runs = { outer: 0, inner: 0 };
        const result = await db.transaction(
          async (tx) => {
            runs.outer++;
            await tx.select().from(counters).where(eq(counters.id, 1));
            if (runs.outer === 1) {
              await db.update(counters).set({ value: 10 }).where(eq(counters.id, 1));
            }
            await tx.transaction(async (inner) => {
              runs.inner++;
              await inner
                .update(counters)
                .set({ value: sql`${counters.value} + 1` })
                .where(eq(counters.id, 1));
            });
            return runs.outer;
          },
          { ...serializable, retry: fast },
        );
        expect(result).toBe(2);
        expect(runs).toEqual({ outer: 2, inner: 2 });
        expect(await value()).toBe(11);
      });
    });
  }
});

describe('retry options', () => {
  it('reject settings that cannot mean anything, naming them', async () => {
    const db = cockroach({ client: new pg.Pool({ connectionString: 'postgresql://nobody@127.0.0.1:9/none' }) });
    await expect(db.transaction(async () => 1, { retry: { maxAttempts: 0 } })).rejects.toThrow(SchemaError);
    await expect(db.transaction(async () => 1, { retry: { maxAttempts: 0 } })).rejects.toThrow('maxAttempts must be a whole number of at least 1, not 0');
    await expect(db.transaction(async () => 1, { retry: { initialDelayMs: -1 } })).rejects.toThrow('initialDelayMs must be a number of milliseconds');
  });

  it('is refused on a synchronous driver, which reports no SQLSTATE to retry on', () => {
    const db = betterSqlite(new Database(':memory:'));
    expect(() => db.transaction(() => 1, { retry: true })).toThrow(UnsupportedError);
    expect(() => db.transaction(() => 1, { retry: true })).toThrow('sqlite: transaction({ retry }) needs a driver that reports SQLSTATEs; better-sqlite3 is synchronous and reports none');
    expect(db.transaction(() => 1, { retry: false })).toBe(1);
  });

  it('isRetryable reads the SQLSTATE through the cause chain', () => {
    expect(isRetryable(new SluiceQueryError('commit', [], Object.assign(new Error('restart transaction'), { code: '40001' })))).toBe(true);
    expect(isRetryable(new SluiceQueryError('update', [], Object.assign(new Error('deadlock detected'), { code: '40P01' })))).toBe(true);
    expect(isRetryable(Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', sqlState: '40001' }))).toBe(true);
    expect(isRetryable(new SluiceQueryError('insert', [], Object.assign(new Error('duplicate key'), { code: '23505' })))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});
