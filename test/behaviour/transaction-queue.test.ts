/**
 * A database handle with ONE connection (better-sqlite3, a local libsql client, a `pg.Client`, a
 * mysql2 `Connection`, PGlite) queues its transactions: many in flight at once all commit, one
 * after the other. A statement on `db` while a transaction is open waits for it to end, so it never
 * runs inside someone else's transaction: a reader never sees half a transfer, and a write is not
 * rolled back with another's work. A synchronous call that cannot wait says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import BetterSqlite from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { eq, SluiceError, sql, type Database } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as pglite } from 'sluice/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { runTransfers, setUpTransfers, type TransferDialect } from '../support/transfers.js';

type AnyDb = Database<string, unknown, Record<string, unknown>, unknown>;

interface Handle {
  dialect: TransferDialect;
  db: AnyDb;
  close(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'sluice-txq-'));
let files = 0;
let pgliteClient: PGlite | undefined;
beforeAll(async () => {
  pgliteClient = new PGlite();
  await pgliteClient.waitReady;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pgliteClient?.close();
});

const handles: Record<string, (() => Promise<Handle>) | undefined> = {
  'better-sqlite3 (file)': async () => {
    const client = new BetterSqlite(join(dir, `b${++files}.db`));
    // Durability is not under test: without a sync per commit the 200 commits take milliseconds.
    client.pragma('synchronous = off');
    return {
      dialect: 'sqlite',
      db: betterSqlite(client) as unknown as AnyDb,
      close: async () => {
        client.close();
      },
    };
  },
  'libsql (file)': async () => {
    const client = createClient({ url: `file:${join(dir, `l${++files}.db`)}` });
    await client.execute('pragma synchronous = off');
    return {
      dialect: 'sqlite',
      db: libsql(client) as unknown as AnyDb,
      close: async () => {
        client.close();
      },
    };
  },
  'libsql (:memory:)': async () => {
    const client = createClient({ url: ':memory:' });
    return {
      dialect: 'sqlite',
      db: libsql(client) as unknown as AnyDb,
      close: async () => {
        client.close();
      },
    };
  },
  pglite: async () => {
    // One engine for both cases, started before them (it takes seconds), its tables dropped after each.
    const client = pgliteClient!;
    return {
      dialect: 'pg',
      db: pglite(client) as unknown as AnyDb,
      close: async () => {
        await client.exec('drop table if exists accounts, ledger');
      },
    };
  },
  'node-postgres (pg.Client)': pgServerUrl
    ? async () => {
        const database = await createPgDatabase();
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        return {
          dialect: 'pg',
          db: nodePostgres(client) as unknown as AnyDb,
          close: async () => {
            await client.end();
            await database.drop();
          },
        };
      }
    : undefined,
  'mysql2 (Connection)': mysqlServerUrl
    ? async () => {
        const database = await createMysqlDatabase();
        const client = await mysql.createConnection(database.url);
        return {
          dialect: 'mysql',
          db: mysql2(client) as unknown as AnyDb,
          close: async () => {
            await client.end();
            await database.drop();
          },
        };
      }
    : undefined,
};

// biome-ignore lint/suspicious/noExplicitAny: the tables differ per dialect only in their types
type Loose = any;

for (const [name, open] of Object.entries(handles)) {
  describe.skipIf(!open)(`one connection: ${name}${open ? '' : ' (skipped: its server URL is not set)'}`, () => {
    it('200 concurrent transfers by 32 workers all commit, and a reader on db never sees half of one', async () => {
      const h = await open!();
      const transfers = 200;
      try {
        await setUpTransfers(h.db, { dialect: h.dialect, accounts: 10, opening: 1000 });
        const r = await runTransfers(h.db, { dialect: h.dialect, transfers, workers: 32, accounts: 10, opening: 1000, interleave: true });
        expect(r.unexpected.map(String)).toEqual([]);
        expect(r.committed + r.insufficient).toBe(transfers);
        expect(r.readerChecks).toBeGreaterThan(0);
        expect(r.readerMismatches).toEqual([]);
        expect(r.finalTotal).toBe(10_000);
        expect(r.ledgerIds).toEqual(r.committedIds);
        expect(r.unbalancedAccounts).toEqual([]);
      } finally {
        await h.close();
      }
    });

    it('a write on db while a transaction is open waits for it, and is not rolled back with it', async () => {
      const h = await open!();
      try {
        const { ledger } = (await setUpTransfers(h.db, { dialect: h.dialect, accounts: 2, opening: 10 })) as Loose;
        const db = h.db as Loose;
        let entered!: () => void;
        const inside = new Promise<void>((resolve) => {
          entered = resolve;
        });
        let proceed!: () => void;
        const gate = new Promise<void>((resolve) => {
          proceed = resolve;
        });
        const order: string[] = [];
        const tx = db
          .transaction(async (tx: Loose) => {
            await tx.insert(ledger).values({ id: 1, fromId: 1, toId: 2, amount: 1 });
            entered();
            await gate;
            order.push('rollback');
            tx.rollback();
          })
          .catch((e: unknown) => e);
        await inside;
        const write = db
          .insert(ledger)
          .values({ id: 2, fromId: 2, toId: 1, amount: 2 })
          .then(() => order.push('write'));
        // The write is queued, not sent: the transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(order).toEqual([]);
        proceed();
        await Promise.all([tx, write]);
        expect(order).toEqual(['rollback', 'write']);
        const rows = await db.select({ id: ledger.id }).from(ledger);
        expect(rows).toEqual([{ id: 2 }]);
      } finally {
        await h.close();
      }
    });
  });
}

// .iterator() streams on these two; the stream holds the connection until the loop ends.
for (const name of ['node-postgres (pg.Client)', 'mysql2 (Connection)']) {
  const open = handles[name];
  describe.skipIf(!open)(`one connection: .iterator() on ${name}${open ? '' : ' (skipped: its server URL is not set)'}`, () => {
    it('waits for the open transaction, and a transaction asked for meanwhile begins after the loop', async () => {
      const h = await open!();
      try {
        const { accounts } = (await setUpTransfers(h.db, { dialect: h.dialect, accounts: 3, opening: 10 })) as Loose;
        const db = h.db as Loose;
        const order: string[] = [];
        let proceed!: () => void;
        const held = new Promise<void>((resolve) => {
          proceed = resolve;
        });
        const first = db.transaction(async (tx: Loose) => {
          await tx.update(accounts).set({ balance: 0 }).where(eq(accounts.id, 1));
          await held;
          await tx.update(accounts).set({ balance: 20 }).where(eq(accounts.id, 2));
          order.push('first committed');
        });
        const seen: number[] = [];
        let second: Promise<void> | undefined;
        const loop = (async () => {
          for await (const row of db.select().from(accounts).orderBy(accounts.id).iterator()) {
            if (seen.length === 0) {
              order.push('loop started');
              // Asked for while the stream holds the connection: it must wait for the loop to end.
              second = db.transaction(async (tx: Loose) => {
                order.push('second began');
                await tx.update(accounts).set({ balance: 0 }).where(eq(accounts.id, 3));
              });
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            seen.push(row.balance);
          }
          order.push('loop ended');
        })();
        await new Promise((resolve) => setTimeout(resolve, 20));
        proceed();
        await Promise.all([first, loop]);
        await second;
        expect(order).toEqual(['first committed', 'loop started', 'loop ended', 'second began']);
        // The stream saw the first transaction whole, and nothing of the second.
        expect(seen).toEqual([0, 20, 10]);
      } finally {
        await h.close();
      }
    });
  });
}

describe('better-sqlite3: synchronous calls during an open async transaction', () => {
  it('throw a clear error, while awaited ones wait, and the idle path stays synchronous', async () => {
    const client = new BetterSqlite(':memory:');
    const db = betterSqlite(client);
    const { accounts } = (await setUpTransfers(db as unknown as AnyDb, { dialect: 'sqlite', accounts: 2, opening: 10 })) as Loose;
    // No transaction open: a synchronous answer, as before.
    expect(db.select().from(accounts).where(eq(accounts.id, 1)).all()).toEqual([{ id: 1, balance: 10 }]);

    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const tx = db.transaction(async (tx) => {
      await tx.update(accounts).set({ balance: 5 }).where(eq(accounts.id, 1));
      await gate;
      await tx.update(accounts).set({ balance: 15 }).where(eq(accounts.id, 2));
    });
    expect(() => db.select().from(accounts).all()).toThrow(SluiceError);
    expect(() => db.select().from(accounts).all()).toThrow(/better-sqlite3: a transaction is open on this connection.*Await the query/);
    expect(() => db.run(sql`select 1`)).toThrow(/a transaction is open on this connection/);
    expect(() => db.transaction((t) => t.select().from(accounts).all())).toThrow(/db\.transaction\(\) with a synchronous callback: a transaction is open/);
    // Awaited, the same query waits and sees the transfer whole.
    const read = db.select().from(accounts).orderBy(accounts.id);
    const prepared = db.select().from(accounts).orderBy(accounts.id).prepare().execute();
    const [rows] = await Promise.all([read, prepared, (async () => proceed())()]);
    await tx;
    expect(rows).toEqual([
      { id: 1, balance: 5 },
      { id: 2, balance: 15 },
    ]);
    expect(await prepared).toEqual(rows);
    // The gate is free again: synchronous calls work.
    expect(db.select().from(accounts).all()).toEqual(rows);
    expect(db.transaction((t) => t.select().from(accounts).all())).toEqual(rows);
    client.close();
  });
});
