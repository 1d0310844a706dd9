/**
 * Money transfers between accounts, run by concurrent workers through `db.transaction`, and the
 * checks that nothing was lost: the total never changes (watched from a concurrent reader on `db`
 * during the run, and at the end), every committed transfer is in the ledger exactly once, and the
 * rolled-back ones are not. The same tables on every dialect, built with its own table builders.
 */
import { eq, isRetryable, sql, TransactionRollbackError, type Database, type TransactionConfig } from 'sluice';
import { int as mysqlInt, mysqlTable } from 'sluice/mysql-core';
import { integer as pgInteger, pgTable } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable } from 'sluice/sqlite-core';
import { seededRandom } from './seeded-random.js';

export type TransferDialect = 'pg' | 'mysql' | 'sqlite';

function tablesFor(dialect: TransferDialect) {
  switch (dialect) {
    case 'pg':
      return {
        accounts: pgTable('accounts', { id: pgInteger('id').primaryKey(), balance: pgInteger('balance').notNull() }),
        ledger: pgTable('ledger', { id: pgInteger('id').primaryKey(), fromId: pgInteger('from_id').notNull(), toId: pgInteger('to_id').notNull(), amount: pgInteger('amount').notNull() }),
      };
    case 'mysql':
      return {
        accounts: mysqlTable('accounts', { id: mysqlInt('id').primaryKey(), balance: mysqlInt('balance').notNull() }),
        ledger: mysqlTable('ledger', { id: mysqlInt('id').primaryKey(), fromId: mysqlInt('from_id').notNull(), toId: mysqlInt('to_id').notNull(), amount: mysqlInt('amount').notNull() }),
      };
    case 'sqlite':
      return {
        accounts: sqliteTable('accounts', { id: sqliteInteger('id').primaryKey(), balance: sqliteInteger('balance').notNull() }),
        ledger: sqliteTable('ledger', { id: sqliteInteger('id').primaryKey(), fromId: sqliteInteger('from_id').notNull(), toId: sqliteInteger('to_id').notNull(), amount: sqliteInteger('amount').notNull() }),
      };
  }
}

/**
 * The statements that create the two tables; the check keeps a balance from going below zero, so
 * a transfer that overdraws is an error, never a silent negative.
 */
export const transferDdl = [
  'create table accounts (id integer primary key, balance integer not null check (balance >= 0))',
  'create table ledger (id integer primary key, from_id integer not null, to_id integer not null, amount integer not null)',
];

// The builders differ per dialect only in their types; the harness drives them through one shape.
type AnyDb = Database<string, unknown, Record<string, unknown>, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: one harness drives the pg, mysql and sqlite tables alike
type Loose = any;

export interface TransferOptions {
  dialect: TransferDialect;
  /** Transfers in all, shared out among the workers. */
  transfers: number;
  workers: number;
  accounts: number;
  /** Each account's opening balance. */
  opening: number;
  /** Share of transfers that end with `tx.rollback()`, throw an error, or roll a savepoint back. */
  rollbackRate?: number;
  throwRate?: number;
  savepointRate?: number;
  /**
   * Share of transfers between accounts 1 and 2, either way: a hot pair on which concurrent
   * transfers really do conflict (and deadlock, where rows are locked), and balances run low.
   */
  hotShare?: number;
  /** The transaction options of transfer `i` (isolation level, retry). */
  config?: (i: number) => TransactionConfig | undefined;
  /** Whether transfer `i` locks the payer's row (`for update`) before it updates the payee's, so both orders occur. */
  lock?: (i: number) => boolean;
  /** Yields to the event loop between statements, so transfers interleave on single connections. */
  interleave?: boolean;
  seed?: number;
}

export interface TransferResult {
  committed: number;
  rolledBack: number;
  thrown: number;
  /** Transfers refused inside the transaction for lack of funds (rolled back). */
  insufficient: number;
  savepointsRolledBack: number;
  serializationRetries: number;
  deadlockRetries: number;
  /** Transfers whose retries ran out: a retryable error surfaced to the caller. */
  gaveUp: number;
  /** Errors that are none of the above: the run failed. */
  unexpected: unknown[];
  /** Totals the concurrent reader saw, and how many of them differed from the opening total. */
  readerChecks: number;
  readerMismatches: number[];
  wallMs: number;
  /** CPU time this process spent meanwhile: on a busy machine, what the wall time would shrink towards. */
  cpuMs: number;
  /** Ids the workers saw commit, and ids in the ledger, both sorted. */
  committedIds: number[];
  ledgerIds: number[];
  openingTotal: number;
  finalTotal: number;
  /** Accounts whose final balance is not opening + credits - debits per the ledger. */
  unbalancedAccounts: number[];
  negativeAccounts: number[];
}

class PlannedFailure extends Error {}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether a retryable error was a deadlock (PostgreSQL 40P01, MySQL 1213) rather than a serialization failure. */
function isDeadlock(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 8 && e !== null && typeof e === 'object'; i++) {
    const x = e as { code?: unknown; errno?: unknown; cause?: unknown };
    if (x.code === '40P01' || x.code === 'ER_LOCK_DEADLOCK' || x.errno === 1213) return true;
    e = x.cause;
  }
  return false;
}

/** Creates the tables (on `exec`, raw SQL) and the accounts; returns the tables for the dialect. */
export async function setUpTransfers(db: AnyDb, options: Pick<TransferOptions, 'dialect' | 'accounts' | 'opening'>) {
  const tables = tablesFor(options.dialect);
  for (const statement of transferDdl) await db.execute(sql.raw(statement));
  const rows = Array.from({ length: options.accounts }, (_, i) => ({ id: i + 1, balance: options.opening }));
  await (db as Loose).insert(tables.accounts).values(rows);
  return tables;
}

/** Runs the transfers with a concurrent reader and checks the books afterwards. */
export async function runTransfers(db: AnyDb, options: TransferOptions): Promise<TransferResult> {
  const { accounts, ledger } = tablesFor(options.dialect) as Loose;
  const rand = seededRandom(options.seed ?? 0x5eed);
  const r: TransferResult = {
    committed: 0,
    rolledBack: 0,
    thrown: 0,
    insufficient: 0,
    savepointsRolledBack: 0,
    serializationRetries: 0,
    deadlockRetries: 0,
    gaveUp: 0,
    unexpected: [],
    readerChecks: 0,
    readerMismatches: [],
    wallMs: 0,
    cpuMs: 0,
    committedIds: [],
    ledgerIds: [],
    openingTotal: options.accounts * options.opening,
    finalTotal: Number.NaN,
    unbalancedAccounts: [],
    negativeAccounts: [],
  };
  const total = async (): Promise<number> => {
    const [row] = await (db as Loose).select({ total: sql<number>`sum(${accounts.balance})`.mapWith(Number) }).from(accounts);
    return row.total;
  };
  const committed: number[] = [];
  // The reader checks the total after every few transfers rather than on a timer: on a synchronous
  // driver the whole run may never yield to timers.
  let finished = 0;
  let wake: (() => void) | undefined;
  const readEvery = Math.max(1, Math.floor(options.workers / 2));
  const pause = options.interleave ? tick : () => undefined;

  const transfer = async (i: number) => {
    let from = 1 + Math.floor(rand() * options.accounts);
    let to = 1 + Math.floor(rand() * (options.accounts - 1));
    if (to >= from) to++;
    if (rand() < (options.hotShare ?? 0)) {
      from = rand() < 0.5 ? 1 : 2;
      to = 3 - from;
    }
    const amount = 1 + Math.floor(rand() * 50);
    const roll = rand();
    const ending = roll < (options.rollbackRate ?? 0) ? 'rollback' : roll < (options.rollbackRate ?? 0) + (options.throwRate ?? 0) ? 'throw' : 'commit';
    const savepoint = rand() < (options.savepointRate ?? 0);
    const lock = options.lock?.(i) ?? false;
    const config = options.config?.(i);
    const retry = config?.retry;
    const onRetry = (e: unknown, ...rest: [number, number]) => {
      if (isDeadlock(e)) r.deadlockRetries++;
      else r.serializationRetries++;
      if (retry && retry !== true) retry.onRetry?.(e, ...rest);
    };
    let short = false;
    try {
      await db.transaction(
        async (tx: Loose) => {
          short = false;
          const read = (id: number) => {
            const q = tx.select({ balance: accounts.balance }).from(accounts).where(eq(accounts.id, id));
            return lock ? q.for('update') : q;
          };
          // The payer's row is locked here, the payee's by its update below: opposite transfers
          // take the same two locks in opposite orders.
          const [payer] = await read(from);
          await pause();
          if (payer.balance < amount) {
            short = true;
            tx.rollback();
          }
          await tx
            .update(accounts)
            .set({ balance: sql`${accounts.balance} - ${amount}` })
            .where(eq(accounts.id, from));
          await pause();
          if (savepoint) {
            // Work inside a savepoint that rolls back must leave no trace, the outer transaction going on.
            try {
              await tx.transaction(async (sp: Loose) => {
                await sp
                  .update(accounts)
                  .set({ balance: sql`${accounts.balance} + 1000000` })
                  .where(eq(accounts.id, to));
                await sp.insert(ledger).values({ id: -1 - i, fromId: from, toId: to, amount: 1000000 });
                sp.rollback();
              });
            } catch (e) {
              if (!(e instanceof TransactionRollbackError)) throw e;
              r.savepointsRolledBack++;
            }
          }
          await tx
            .update(accounts)
            .set({ balance: sql`${accounts.balance} + ${amount}` })
            .where(eq(accounts.id, to));
          await tx.insert(ledger).values({ id: i, fromId: from, toId: to, amount });
          if (ending === 'rollback') tx.rollback();
          if (ending === 'throw') throw new PlannedFailure(`transfer ${i} fails on purpose`);
        },
        config && { ...config, ...(retry ? { retry: { ...(retry === true ? {} : retry), onRetry } } : {}) },
      );
      committed.push(i);
      r.committed++;
    } catch (e) {
      if (e instanceof TransactionRollbackError) {
        if (short) r.insufficient++;
        else r.rolledBack++;
      } else if (e instanceof PlannedFailure) r.thrown++;
      else if (isRetryable(e)) r.gaveUp++;
      else r.unexpected.push(e);
    } finally {
      if (++finished % readEvery === 0) wake?.();
    }
  };

  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  let running = true;
  const reader = (async () => {
    while (running) {
      const seen = await total();
      r.readerChecks++;
      if (seen !== r.openingTotal) r.readerMismatches.push(seen);
      if (running)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  })();
  const workers = Array.from({ length: options.workers }, async () => {
    while (next < options.transfers) await transfer(next++);
  });
  try {
    await Promise.all(workers);
  } finally {
    running = false;
    wake?.();
    await reader;
  }
  r.wallMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  r.cpuMs = Math.round((used.user + used.system) / 1000);

  r.finalTotal = await total();
  r.committedIds = committed.sort((a, b) => a - b);
  const logged: { id: number; fromId: number; toId: number; amount: number }[] = await (db as Loose).select().from(ledger).orderBy(ledger.id);
  r.ledgerIds = logged.map((row) => row.id);
  const expected = new Map<number, number>();
  for (let id = 1; id <= options.accounts; id++) expected.set(id, options.opening);
  for (const t of logged) {
    expected.set(t.fromId, (expected.get(t.fromId) ?? Number.NaN) - t.amount);
    expected.set(t.toId, (expected.get(t.toId) ?? Number.NaN) + t.amount);
  }
  const balances: { id: number; balance: number }[] = await (db as Loose).select().from(accounts).orderBy(accounts.id);
  for (const a of balances) {
    if (a.balance !== expected.get(a.id)) r.unbalancedAccounts.push(a.id);
    if (a.balance < 0) r.negativeAccounts.push(a.id);
  }
  return r;
}

/** The outcome in one line, for the stress figures. */
export function describeTransfers(r: TransferResult, transfers: number, workers: number): string {
  return (
    `${transfers} transfers by ${workers} workers in ${(r.wallMs / 1000).toFixed(1)} s (${(r.cpuMs / 1000).toFixed(1)} s CPU here): ${r.committed} committed, ${r.rolledBack} rolled back, ${r.insufficient} refused (funds), ` +
    `${r.thrown} thrown, ${r.savepointsRolledBack} savepoints rolled back, ${r.serializationRetries} serialization retries, ${r.deadlockRetries} deadlock retries, ` +
    `${r.gaveUp} gave up retrying; ${r.readerChecks} reader checks, total ${r.finalTotal} of ${r.openingTotal}`
  );
}
