/**
 * Invariants under concurrency, one stress file per database: 32 workers run 10,000 money transfers
 * between 100 accounts, with random `tx.rollback()`, random thrown errors and nested savepoints
 * that roll back. The total never changes (a reader on `db` checks it during the run, and it is
 * checked at the end), every committed transfer is in the ledger exactly once and no rolled-back
 * one is, and no balance goes below zero. Where the database reports conflicts, they are provoked
 * on purpose and must come back as retryable errors that `transaction(fn, { retry })` runs again,
 * never as a lost or doubled transfer.
 */
import type { Database, TransactionConfig } from 'sluice';
import { expect, it } from 'vitest';
import { describeTransfers, runTransfers, setUpTransfers, type TransferDialect } from '../support/transfers.js';
import { figure } from './figures.js';

export const TRANSFERS = 10_000;
export const WORKERS = 32;
const ACCOUNTS = 100;
const OPENING = 1_000;

export type AnyDb = Database<string, unknown, Record<string, unknown>, unknown>;

export interface TransferTarget {
  dialect: TransferDialect;
  db: AnyDb;
  /** The options of transfer `i`: isolation level, and retry where the driver reports SQLSTATEs. */
  config?: (i: number) => TransactionConfig | undefined;
  /** Whether transfer `i` locks the payer's row (`for update`) before it updates the payee's. */
  lock?: (i: number) => boolean;
  /** Share of transfers between accounts 1 and 2 (default 5%), where conflicts concentrate. */
  hotShare?: number;
  /** The conflicts the target is set up to produce, which must then have happened and been retried. */
  expects?: 'serialization failures' | 'deadlocks';
  close(): Promise<void>;
}

/** Retries soon and often: the conflicts are provoked on purpose and clear at once. */
export const retry = { maxAttempts: 30, initialDelayMs: 1, maxDelayMs: 100 };

/** One case: the transfers on a target, their figures recorded, and the books checked. */
export function transferCase(name: string, open: (() => Promise<TransferTarget>) | undefined): void {
  it.skipIf(!open)(`${name}: ${TRANSFERS} transfers by ${WORKERS} workers lose nothing${open ? '' : ' (skipped: its server URL is not set)'}`, async () => {
    const t = await open!();
    try {
      await setUpTransfers(t.db, { dialect: t.dialect, accounts: ACCOUNTS, opening: OPENING });
      const r = await runTransfers(t.db, {
        dialect: t.dialect,
        transfers: TRANSFERS,
        workers: WORKERS,
        accounts: ACCOUNTS,
        opening: OPENING,
        rollbackRate: 0.1,
        throwRate: 0.05,
        savepointRate: 0.1,
        hotShare: t.hotShare ?? 0.05,
        config: t.config,
        lock: t.lock,
        // On a server, a pause while the payer's row is locked lets opposite transfers cross.
        interleave: t.expects !== undefined,
      });
      figure(`transfers / ${name}`, describeTransfers(r, TRANSFERS, WORKERS));
      expect(r.unexpected.map(String)).toEqual([]);
      expect(r.committed + r.rolledBack + r.insufficient + r.thrown + r.gaveUp).toBe(TRANSFERS);
      // Every conflict was retried until its transfer went through.
      expect(r.gaveUp).toBe(0);
      expect(r.rolledBack).toBeGreaterThan(0);
      expect(r.thrown).toBeGreaterThan(0);
      expect(r.savepointsRolledBack).toBeGreaterThan(0);
      expect(r.readerChecks).toBeGreaterThan(100);
      expect(r.readerMismatches).toEqual([]);
      expect(r.finalTotal).toBe(r.openingTotal);
      expect(r.ledgerIds).toEqual(r.committedIds);
      expect(r.unbalancedAccounts).toEqual([]);
      expect(r.negativeAccounts).toEqual([]);
      if (t.expects === 'serialization failures') expect(r.serializationRetries).toBeGreaterThan(0);
      if (t.expects === 'deadlocks') expect(r.deadlockRetries).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
}
