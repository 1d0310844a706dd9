/**
 * Time limits (a sluice extension): `.timeout(ms)` on a query, `drizzle({ queryTimeout })` for
 * every statement, `db.transaction(fn, { timeout })`. An expired statement is cancelled on the
 * server (it no longer shows as running there), the call rejects with a SluiceTimeoutError within
 * a bound, and the same pool or single connection serves the next query; an expired transaction
 * is rolled back. Drivers that cannot cancel refuse the options by name.
 */
import Database from 'better-sqlite3';
import { createClient } from '@libsql/client';
import { eq, SchemaError, SluiceTimeoutError, sql, UnsupportedError } from 'sluice';
import pg from 'pg';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as cockroach } from 'sluice/cockroach';
import { drizzle as libsql } from 'sluice/libsql';
import { integer, sqliteTable } from 'sluice/sqlite-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AnyDb, type FaultTarget, faultTargetNames, openFaultTarget, singleTargetNames, timed, watchUncaught } from '../support/faults.js';

const BOUND_MS = 1500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const watcher = watchUncaught();
afterAll(() => watcher.stop());

function expectTimeout(error: unknown, limit: 'query' | 'transaction', ms: number): void {
  expect(error).toBeInstanceOf(SluiceTimeoutError);
  const e = error as SluiceTimeoutError;
  expect(e.limit).toBe(limit);
  expect(e.timeoutMs).toBe(ms);
  expect(e.message).toContain(`${limit} timeout of ${ms} ms expired`);
}

for (const name of [...faultTargetNames(), ...singleTargetNames()]) {
  describe(name, () => {
    let t: FaultTarget;
    let limited: FaultTarget;
    beforeAll(async () => {
      t = await openFaultTarget(name);
      limited = await openFaultTarget(name, { queryTimeout: 200 });
      for (const target of [t, limited]) await target.db.insert(target.ledger).values({ id: 0, note: 'seed' });
    });
    afterAll(async () => {
      await t?.close();
      await limited?.close();
    });
    afterEach(async () => {
      await pause(50);
      expect(watcher.seen.splice(0).map(String)).toEqual([]);
    });

    const slow = (target: FaultTarget, db: AnyDb, seconds: number) =>
      db
        .select({ id: target.ledger.id, slept: target.sleepExpr(seconds) })
        .from(target.ledger)
        .where(eq(target.ledger.id, 0));

    it('.timeout(ms) cancels the statement on the server, and the connection serves the next query', async () => {
      const { ms, error } = await timed(slow(t, t.db, 5).timeout(200));
      expectTimeout(error, 'query', 200);
      expect((error as SluiceTimeoutError).query).toMatch(/sleep\(/);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(await t.sleeping()).toBe(0);
      expect(await t.db.select().from(t.ledger)).toEqual([{ id: 0, note: 'seed' }]);
      // A statement within its limit is not disturbed.
      expect(await slow(t, t.db, 0.05).timeout(2000)).toHaveLength(1);
    });

    it('.timeout(ms) on $count and on writes', async () => {
      const count = await timed(t.db.$count(t.ledger, sql`${t.sleepExpr(5)} is not null`).timeout(200));
      expectTimeout(count.error, 'query', 200);
      expect(count.ms).toBeLessThan(BOUND_MS);
      const update = await timed(
        t.db
          .update(t.ledger)
          .set({ note: 'changed' })
          .where(sql`${t.sleepExpr(5)} is not null`)
          .timeout(200),
      );
      expectTimeout(update.error, 'query', 200);
      expect(update.ms).toBeLessThan(BOUND_MS);
      expect(await t.sleeping()).toBe(0);
      expect(await t.db.select().from(t.ledger)).toEqual([{ id: 0, note: 'seed' }]);
    });

    it('drizzle({ queryTimeout }) limits every statement; .timeout() replaces it for one', async () => {
      const { ms, error } = await timed(slow(limited, limited.db, 5));
      expectTimeout(error, 'query', 200);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(await limited.sleeping()).toBe(0);
      expect(await slow(limited, limited.db, 0.4).timeout(3000)).toHaveLength(1);
      // Inside a transaction too.
      const inTx = await timed(limited.db.transaction(async (tx) => slow(limited, tx, 5)));
      expectTimeout(inTx.error, 'query', 200);
      expect(await limited.db.select().from(limited.ledger)).toEqual([{ id: 0, note: 'seed' }]);
    });

    it('transaction({ timeout }) cancels the running statement, rolls back, and later calls on tx reject', async () => {
      let saved: AnyDb | undefined;
      const { ms, error } = await timed(
        t.db.transaction(
          async (tx) => {
            saved = tx;
            await tx.insert(t.ledger).values({ id: 1, note: 'written before the limit' });
            await slow(t, tx, 5);
          },
          { timeout: 300 },
        ),
      );
      expectTimeout(error, 'transaction', 300);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(await t.ids()).toEqual([0]);
      expect(await t.sleeping()).toBe(0);
      const late = await timed(saved!.select().from(t.ledger));
      expectTimeout(late.error, 'transaction', 300);
      expect(await t.db.select().from(t.ledger)).toEqual([{ id: 0, note: 'seed' }]);
    });

    it('transaction({ timeout }) also ends a callback that is busy outside the database', async () => {
      let wrote = false;
      const { ms, error } = await timed(
        t.db.transaction(
          async (tx) => {
            await tx.insert(t.ledger).values({ id: 2, note: 'rolled back' });
            await pause(1000);
            await tx.insert(t.ledger).values({ id: 3, note: 'never written' });
            wrote = true;
          },
          { timeout: 200 },
        ),
      );
      expectTimeout(error, 'transaction', 200);
      expect(ms).toBeLessThan(BOUND_MS);
      await pause(1000);
      expect(wrote).toBe(false);
      expect(await t.ids()).toEqual([0]);
      // A transaction within its limit commits.
      await t.db.transaction(async (tx) => tx.insert(t.ledger).values({ id: 4, note: 'kept' }), { timeout: 5000 });
      expect(await t.ids()).toEqual([0, 4]);
      await t.db.delete(t.ledger).where(eq(t.ledger.id, 4));
    });
  });
}

describe('drivers that cannot cancel a statement refuse the options by name (PGlite takes the same path as libsql)', () => {
  const things = sqliteTable('things', { id: integer('id').primaryKey() });

  it('better-sqlite3 (synchronous)', () => {
    const client = new Database(':memory:');
    client.exec('create table things (id integer primary key)');
    const db = betterSqlite({ client });
    expect(() => betterSqlite({ client, queryTimeout: 100 })).toThrow(/better-sqlite3: drizzle\(\{ queryTimeout \}\) needs a driver that can cancel/);
    expect(() => db.transaction(() => 1, { timeout: 100 })).toThrow(UnsupportedError);
    return expect(db.select().from(things).timeout(100)).rejects.toThrow(/better-sqlite3: \.timeout\(\) needs a driver that can cancel/);
  });

  it('libsql', async () => {
    const client = createClient({ url: ':memory:' });
    await client.execute('create table things (id integer primary key)');
    const db = libsql({ client });
    expect(() => libsql({ client, queryTimeout: 100 })).toThrow(/libsql: drizzle\(\{ queryTimeout \}\)/);
    await expect(db.select().from(things).timeout(100)).rejects.toThrow(UnsupportedError);
    await expect(db.transaction(async () => 1, { timeout: 100 })).rejects.toThrow(/libsql: transaction\(\{ timeout \}\)/);
    client.close();
  });

  it('sluice/cockroach (CockroachDB has no pg_cancel_backend)', async () => {
    // No connection is made: the option is refused when the database is created.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    expect(() => cockroach({ client: pool, queryTimeout: 100 })).toThrow(/cockroach: drizzle\(\{ queryTimeout \}\) needs a driver that can cancel/);
    await expect(cockroach({ client: pool }).transaction(async () => 1, { timeout: 100 })).rejects.toThrow(UnsupportedError);
    await pool.end();
  });

  it('a limit that is not a whole number of milliseconds above 0 is refused', () => {
    const db = betterSqlite({ client: new Database(':memory:') });
    expect(() => db.select().from(things).timeout(0)).toThrow(SchemaError);
    expect(() => db.select().from(things).timeout(1.5)).toThrow(/\.timeout\(\): the timeout is a whole number of milliseconds/);
    expect(() => betterSqlite({ client: new Database(':memory:'), queryTimeout: -1 })).toThrow(/drizzle\(\{ queryTimeout \}\)/);
  });
});
