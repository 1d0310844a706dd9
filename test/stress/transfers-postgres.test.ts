/**
 * Transfers under concurrency on PostgreSQL (node-postgres pool). One transfer in four runs at
 * `serializable` without locks (serialization failures), the others at `read committed`, locking
 * the payer's row first (deadlocks, detected after 20 ms instead of the default second so that
 * the run stays short). See transfer-suite.ts for what is checked.
 */
import pg from 'pg';
import type { TransactionConfig } from 'sluice';
import { drizzle } from 'sluice/node-postgres';
import { describe } from 'vitest';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { type AnyDb, retry, transferCase } from './transfer-suite.js';

// Durability is not under test: without waiting for a flush per commit the run takes a fraction of the time.
const session = '-c deadlock_timeout=20ms -c synchronous_commit=off';

describe('transfers under concurrency on PostgreSQL', () => {
  transferCase(
    'postgres (node-postgres pool)',
    pgServerUrl
      ? async () => {
          const database = await createPgDatabase();
          const pool = new pg.Pool({ connectionString: database.url, max: 16, options: session });
          return {
            dialect: 'pg',
            db: drizzle(pool) as unknown as AnyDb,
            config: (i: number): TransactionConfig => (i % 4 === 0 ? { isolationLevel: 'serializable', retry } : { retry }),
            lock: (i: number) => i % 4 !== 0,
            expects: 'serialization failures',
            // PostgreSQL finds a deadlock only after deadlock_timeout: a hotter pair spends the run waiting.
            hotShare: 0.01,
            close: async () => {
              await pool.end();
              await database.drop();
            },
          };
        }
      : undefined,
  );
});
