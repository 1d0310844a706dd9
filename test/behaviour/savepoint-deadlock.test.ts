/**
 * A deadlock inside a nested transaction (a savepoint) on MySQL/MariaDB rolls back the whole
 * transaction, savepoint included. The caller must get the deadlock, which `isRetryable()` knows,
 * not the "SAVEPOINT sp1 does not exist" of the rollback that followed it; with `retry` the
 * transaction then runs again and commits.
 */
import mysql from 'mysql2/promise';
import { eq, isRetryable, sql } from 'sluice';
import { int, mysqlTable } from 'sluice/mysql-core';
import { drizzle } from 'sluice/mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';

const rows = mysqlTable('pairs', { id: int('id').primaryKey(), n: int('n').notNull() });

describe.skipIf(!mysqlServerUrl)(`a deadlock inside a savepoint on mysql2${mysqlServerUrl ? '' : ' (skipped: SLUICE_MYSQL_URL is not set)'}`, () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let pool: mysql.Pool;
  let db: ReturnType<typeof drizzle>;
  beforeAll(async () => {
    database = await createMysqlDatabase();
    pool = mysql.createPool({ uri: database.url, connectionLimit: 4 });
    db = drizzle(pool);
    await db.execute(sql`create table pairs (id int primary key, n int not null)`);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  /** Two transactions lock rows 1 and 2, then each, inside a savepoint, wants the other's row. */
  const crossed = (retry: boolean) => {
    let locked = 0;
    let bothLocked!: () => void;
    const ready = new Promise<void>((resolve) => {
      bothLocked = resolve;
    });
    let attempts = 0;
    const side = (mine: number, theirs: number) =>
      db.transaction(
        async (tx) => {
          attempts++;
          await tx.select().from(rows).where(eq(rows.id, mine)).for('update');
          if (++locked === 2) bothLocked();
          await ready;
          await tx.transaction(async (sp) => {
            await sp
              .update(rows)
              .set({ n: sql`${rows.n} + 1` })
              .where(eq(rows.id, theirs));
          });
        },
        retry ? { retry: { maxAttempts: 5, initialDelayMs: 1 } } : undefined,
      );
    return { both: Promise.allSettled([side(1, 2), side(2, 1)]), attempts: () => attempts };
  };

  it('rejects with the deadlock, which is retryable, not with the failed rollback to the savepoint', async () => {
    await db.execute(sql`delete from pairs`);
    await db.insert(rows).values([
      { id: 1, n: 0 },
      { id: 2, n: 0 },
    ]);
    const results = await crossed(false).both;
    const failed = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/deadlock/i);
    expect(failed[0]!.message).not.toMatch(/SAVEPOINT .* does not exist/);
    expect(isRetryable(failed[0])).toBe(true);
    // The winner's increment only: the loser's transaction was rolled back whole.
    expect(await db.select({ n: rows.n }).from(rows).orderBy(rows.id)).toEqual(expect.arrayContaining([{ n: 0 }, { n: 1 }]));
  });

  it('with retry, the loser runs again and both commit', async () => {
    await db.execute(sql`delete from pairs`);
    await db.insert(rows).values([
      { id: 1, n: 0 },
      { id: 2, n: 0 },
    ]);
    const run = crossed(true);
    const results = await run.both;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(run.attempts()).toBe(3);
    expect(await db.select({ n: rows.n }).from(rows).orderBy(rows.id)).toEqual([{ n: 1 }, { n: 1 }]);
  });
});
