/**
 * Connections killed from a second connection (pg_terminate_backend, MariaDB's KILL) in the middle
 * of a transaction, while a statement runs, between queries and while rows stream: the pending
 * call rejects with a SluiceError within a bounded time, nothing written before the kill stays,
 * a pool goes on serving with new connections, and the process never sees an uncaught exception
 * (node-postgres and mysql2 emit 'error' on clients nobody listens to, which would end it).
 */
import { alias, eq, SluiceError, SluiceQueryError } from 'sluice';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnyDb, type FaultTarget, faultTargetNames, openFaultTarget, singleTargetNames, timed, watchUncaught } from '../support/faults.js';

const BOUND_MS = 3000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const watcher = watchUncaught();
afterAll(() => watcher.stop());

function suite(name: string, single: boolean) {
  describe(name, () => {
    let t: FaultTarget;
    let next = 1;
    // A single connection is dead after its kill, so each case gets a new one.
    (single ? beforeEach : beforeAll)(async () => {
      t = await openFaultTarget(name);
    });
    (single ? afterEach : afterAll)(async () => {
      await t?.close();
    });
    afterEach(async () => {
      // Late 'error' events arrive after the socket closes.
      await pause(100);
      expect(watcher.seen.splice(0).map(String)).toEqual([]);
    });

    const insert = (db: AnyDb, id: number) => db.insert(t.ledger).values({ id, note: `row ${id}` });

    /** On a pool: the next calls get a fresh connection and succeed; on one connection they reject clearly. */
    async function afterKill(): Promise<void> {
      if (single) {
        const { ms, error } = await timed(t.db.select().from(t.ledger));
        expect(error).toBeInstanceOf(SluiceError);
        expect(ms).toBeLessThan(BOUND_MS);
        return;
      }
      const id = next++;
      await Promise.all([0, 1, 2, 3, 4, 5].map(() => t.db.select().from(t.ledger)));
      await t.db.transaction(async (tx) => {
        await insert(tx, id);
      });
      expect(await t.db.select().from(t.ledger).where(eq(t.ledger.id, id))).toEqual([{ id, note: `row ${id}` }]);
    }

    it('a statement in flight in a transaction: the transaction rejects and nothing is committed', async () => {
      const id = next++;
      let killing: Promise<void> | undefined;
      const { ms, error } = await timed(
        t.db.transaction(async (tx) => {
          await insert(tx, id);
          const backend = await t.backendId(tx);
          killing = pause(150).then(() => t.kill(backend));
          await tx.execute(t.sleep(5));
          await insert(tx, id + 1000);
        }),
      );
      await killing;
      expect(error).toBeInstanceOf(SluiceQueryError);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(await t.ids()).not.toContain(id);
      await afterKill();
    });

    it('between statements of a transaction: the next statement and the transaction reject', async () => {
      const id = next++;
      const { ms, error } = await timed(
        t.db.transaction(async (tx) => {
          await insert(tx, id);
          await t.kill(await t.backendId(tx));
          await pause(50);
          await insert(tx, id + 1000);
        }),
      );
      expect(error).toBeInstanceOf(SluiceQueryError);
      expect(ms).toBeLessThan(BOUND_MS + 2000);
      expect(await t.ids()).not.toContain(id);
      expect(await t.ids()).not.toContain(id + 1000);
      await afterKill();
    });

    it('between queries, while the connection is idle', async () => {
      const backend = await t.backendId(t.db);
      await t.kill(backend);
      await pause(100);
      await afterKill();
    });

    // postgres.js has no .iterator() in sluice.
    it.skipIf(name.startsWith('postgres-js'))('while rows stream through .iterator()', async () => {
      // A result far larger than the socket's buffers (a cross join), so the server is still
      // sending when its connection dies; the limit only bounds a kill that went wrong.
      const many = Array.from({ length: 2000 }, (_, i) => ({ id: 100_000 + i, note: 'x'.repeat(200) }));
      await t.db.insert(t.ledger).values(many);
      const other = alias(t.ledger, 'other');
      try {
        // Each row names the connection streaming it, so the loop can kill that one.
        const { ms, error } = await timed(
          (async () => {
            const rows = t.db.select({ n: t.ledger.id, note: other.note, backend: t.backendSql }).from(t.ledger).crossJoin(other).limit(2_000_000).iterator();
            let killed = false;
            for await (const row of rows) {
              if (!killed) {
                killed = true;
                await t.kill(Number(row.backend));
              }
            }
          })(),
        );
        expect(error).toBeInstanceOf(SluiceQueryError);
        expect(ms).toBeLessThan(BOUND_MS + 2000);
        await afterKill();
      } finally {
        if (!single) await t.db.delete(t.ledger);
      }
    });
  });
}

for (const name of faultTargetNames()) suite(name, false);
for (const name of singleTargetNames()) suite(name, true);
