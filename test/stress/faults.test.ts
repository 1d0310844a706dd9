/**
 * Repeated faults on the server drivers (node-postgres, postgres.js, mysql2 pools): backends and
 * threads killed in the middle of a transaction (a statement in flight, or between statements),
 * killed while idle in the pool, and statements and transactions cancelled by their time limits,
 * each round followed by normal traffic. Every faulted call must reject within the bound with a
 * SluiceError, nothing it wrote may stay, the pool must serve what follows, and the process must
 * see no uncaught exception.
 */
import { eq, gte, SluiceError, SluiceTimeoutError } from 'sluice';
import { afterAll, describe, expect, it } from 'vitest';
import { type AnyDb, faultTargetNames, openFaultTarget, timed, watchUncaught } from '../support/faults.js';
import { figure } from './figures.js';

/** Rounds of each kind of fault per driver. */
const ROUNDS = 25;
/** The most a faulted call may take to reject. */
const BOUND_MS = 3000;
/** Ids of rows written by faulted calls start here; rows of normal traffic stay below. */
const FAULTED = 1_000_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const watcher = watchUncaught();
afterAll(() => watcher.stop());

const pooled = faultTargetNames().filter((name) => !name.includes('passed in'));

describe.skipIf(pooled.length === 0)('connections killed and statements cancelled, over and over', () => {
  for (const name of pooled) {
    it(name, async () => {
      const t = await openFaultTarget(name);
      const stats = { killMidTx: 0, killIdle: 0, timeouts: 0, rejected: 0, maxMs: 0, served: 0 };
      let faultedId = FAULTED;
      let normalId = 1;
      const normalIds: number[] = [];
      const row = (id: number) => ({ id, note: `row ${id}` });
      const slow = (db: AnyDb, seconds: number) =>
        db
          .select({ id: t.ledger.id, slept: t.sleepExpr(seconds) })
          .from(t.ledger)
          .where(eq(t.ledger.id, 0));

      /** Counts a faulted call: it must have rejected with a SluiceError within the bound. */
      const faulted = (outcome: { ms: number; error: unknown }, kind: string) => {
        if (!(outcome.error instanceof SluiceError)) throw new Error(`${name}: ${kind} did not reject with a SluiceError: ${String(outcome.error)}`);
        stats.rejected++;
        stats.maxMs = Math.max(stats.maxMs, outcome.ms);
        expect(outcome.ms, kind).toBeLessThan(BOUND_MS);
      };

      /** Normal traffic after a fault: a committed transaction and a few reads, all of which must succeed. */
      const traffic = async () => {
        const id = normalId++;
        await t.db.transaction(async (tx) => {
          await tx.insert(t.ledger).values(row(id));
        });
        normalIds.push(id);
        await Promise.all([t.db.select().from(t.ledger).where(eq(t.ledger.id, id)), t.db.$count(t.ledger), t.db.select().from(t.ledger).where(eq(t.ledger.id, 0))]);
        stats.served += 4;
      };

      const killMidTransaction = async (inFlight: boolean) => {
        const id = faultedId++;
        let killing: Promise<void> | undefined;
        const outcome = await timed(
          t.db.transaction(async (tx) => {
            await tx.insert(t.ledger).values(row(id));
            const backend = await t.backendId(tx);
            if (inFlight) {
              killing = pause(30).then(() => t.kill(backend));
              await tx.execute(t.sleep(5));
            } else {
              await t.kill(backend);
            }
            await tx.insert(t.ledger).values(row(faultedId++));
          }),
        );
        await killing;
        stats.killMidTx++;
        faulted(outcome, 'a transaction whose connection was killed');
      };

      const killIdle = async () => {
        await t.kill(await t.backendId(t.db));
        // The pool hears of the closed socket on its next turn of the event loop.
        await pause(20);
        stats.killIdle++;
      };

      const timeout = async (round: number) => {
        stats.timeouts++;
        if (round % 2 === 0) {
          // Normal statements run beside the one cancelled, on other connections of the pool.
          const [outcome] = await Promise.all([timed(slow(t.db, 5).timeout(100)), t.db.select().from(t.ledger).where(eq(t.ledger.id, 0))]);
          expect(outcome.error).toBeInstanceOf(SluiceTimeoutError);
          faulted(outcome, 'a statement past its .timeout()');
          stats.served++;
        } else {
          const id = faultedId++;
          const outcome = await timed(
            t.db.transaction(
              async (tx) => {
                await tx.insert(t.ledger).values(row(id));
                await slow(tx, 5);
              },
              { timeout: 100 },
            ),
          );
          expect(outcome.error).toBeInstanceOf(SluiceTimeoutError);
          faulted(outcome, 'a transaction past its timeout');
        }
      };

      const start = performance.now();
      try {
        await t.db.insert(t.ledger).values(row(0));
        for (let round = 0; round < ROUNDS; round++) {
          await killMidTransaction(round % 2 === 0);
          await traffic();
          await killIdle();
          await traffic();
          await timeout(round);
          await traffic();
        }
        // Nothing a faulted call wrote stayed; everything normal traffic committed did, once.
        expect(await t.db.$count(t.ledger, gte(t.ledger.id, FAULTED))).toBe(0);
        expect(await t.ids()).toEqual([0, ...normalIds]);
        expect(await t.sleeping()).toBe(0);
        await pause(100);
        expect(watcher.seen.splice(0).map(String)).toEqual([]);
      } finally {
        await t.close();
      }
      const injected = stats.killMidTx + stats.killIdle + stats.timeouts;
      // Idle kills have no pending call to reject: the queries after them are what must succeed.
      expect(stats.rejected).toBe(stats.killMidTx + stats.timeouts);
      figure(
        `faults / ${name}`,
        `${injected} faults injected (${stats.killMidTx} kills mid-transaction, ${stats.killIdle} kills between queries, ${stats.timeouts} timeouts), ${stats.rejected} pending calls rejected, max ${Math.round(stats.maxMs)} ms to reject, ${stats.served} queries served after, 0 half-committed rows, 0 uncaught, ${Math.round((performance.now() - start) / 100) / 10} s`,
      );
    });
  }
});
