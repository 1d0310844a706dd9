import { SchemaError } from './errors.js';

/** How `db.transaction(fn, { retry })` runs a transaction again after a serialization failure. */
export interface TransactionRetryOptions {
  /** How many times `fn` may run in all, the first attempt included; default 5. */
  maxAttempts?: number;
  /** The pause before the first retry, in milliseconds; each retry doubles it. Default 20. */
  initialDelayMs?: number;
  /** The longest pause between attempts, in milliseconds; default 2000. */
  maxDelayMs?: number;
  /** Called before each retry with the error that ended the attempt, its number (1-based) and the pause. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * SQLSTATEs after which the whole transaction may simply run again: serialization failure
 * (CockroachDB's "restart transaction", PostgreSQL at `repeatable read` and `serializable`,
 * MySQL's deadlock) and PostgreSQL's detected deadlock.
 */
const RETRYABLE = new Set(['40001', '40P01']);

/** The SQLSTATE a driver's error carries: `code` on node-postgres, postgres.js and PGlite, `sqlState` on mysql2. */
function sqlState(error: object): string | undefined {
  const e = error as { code?: unknown; sqlState?: unknown };
  if (typeof e.sqlState === 'string') return e.sqlState;
  return typeof e.code === 'string' ? e.code : undefined;
}

/**
 * Whether an error (a `SluiceQueryError` or the driver's own) says the transaction lost a
 * serialization conflict or a deadlock (SQLSTATE 40001 or 40P01), so running it again may
 * succeed. It reads the driver's error through the `cause` chain.
 *
 * @example
 * try {
 *   await db.transaction(transfer, { isolationLevel: 'serializable' });
 * } catch (e) {
 *   if (isRetryable(e)) queueForLater();
 *   else throw e;
 * }
 */
export function isRetryable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 8 && e !== null && typeof e === 'object'; depth++) {
    const state = sqlState(e);
    if (state !== undefined && RETRYABLE.has(state)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  onRetry: TransactionRetryOptions['onRetry'];
}

/** Reads `retry: true` or the options object, rejecting settings that cannot mean anything. */
export function retryPolicy(retry: true | TransactionRetryOptions): RetryPolicy {
  const o = retry === true ? {} : retry;
  if (o === null || typeof o !== 'object') throw new SchemaError(`transaction({ retry }): retry is true or { maxAttempts, initialDelayMs, maxDelayMs }, not ${String(o)}`);
  const policy = { maxAttempts: o.maxAttempts ?? 5, initialDelayMs: o.initialDelayMs ?? 20, maxDelayMs: o.maxDelayMs ?? 2000, onRetry: o.onRetry };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new SchemaError(`transaction({ retry }): maxAttempts must be a whole number of at least 1, not ${String(o.maxAttempts)}`);
  for (const key of ['initialDelayMs', 'maxDelayMs'] as const) {
    if (typeof policy[key] !== 'number' || !(policy[key] >= 0) || !Number.isFinite(policy[key])) throw new SchemaError(`transaction({ retry }): ${key} must be a number of milliseconds (0 or more), not ${String(o[key])}`);
  }
  return policy;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails with an error that is not retryable, or has run
 * `maxAttempts` times (then the last error is rethrown). The pause doubles from `initialDelayMs`
 * up to `maxDelayMs`, and a random half of it is left out so that the transactions that
 * conflicted do not all come back at the same moment and conflict again.
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (n >= policy.maxAttempts || !isRetryable(e)) throw e;
      const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (n - 1));
      const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
      policy.onRetry?.(e, n, delay);
      await sleep(delay);
    }
  }
}
