/** The root of every error sluice throws. */
export class SluiceError extends Error {
  /** Takes a message, or Drizzle's form `{ message, cause }` (`new DrizzleError({ message })`). */
  constructor(message: string | { message?: string; cause?: unknown }, options?: { cause?: unknown }) {
    if (typeof message === 'object' && message !== null) super(message.message, 'cause' in message ? { cause: message.cause } : options);
    else super(message, options);
    this.name = new.target.name;
  }
}

/** A statement failed in the database. Carries the SQL, its parameters and the driver's error. */
export class SluiceQueryError extends SluiceError {
  readonly query: string;
  readonly params: unknown[];
  constructor(query: string, params: unknown[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Failed query: ${reason}\nquery: ${query}\nparams: ${formatParams(params)}`, { cause });
    this.query = query;
    this.params = params;
  }
}

/**
 * A time limit expired: a statement's (`.timeout(ms)`, `drizzle({ queryTimeout })`) or a
 * transaction's (`db.transaction(fn, { timeout })`). The statement was cancelled on the server;
 * a transaction's was rolled back. `limit` says which limit it was and `timeoutMs` how long it was.
 */
export class SluiceTimeoutError extends SluiceError {
  readonly limit: 'query' | 'transaction';
  readonly timeoutMs: number;
  /** The statement running when the limit expired, if one was. */
  readonly query: string | undefined;
  constructor(limit: 'query' | 'transaction', timeoutMs: number, query: string | undefined) {
    const what = limit === 'query' ? `query timeout of ${timeoutMs} ms expired; the statement was cancelled` : `transaction timeout of ${timeoutMs} ms expired; the transaction was rolled back`;
    super(query === undefined ? what : `${what}\nquery: ${query}`);
    this.limit = limit;
    this.timeoutMs = timeoutMs;
    this.query = query;
  }
}

/** Thrown by `tx.rollback()`; the transaction that catches it rolls back and rethrows it. */
export class TransactionRollbackError extends SluiceError {
  constructor() {
    super('Rollback');
  }
}

/** Something that cannot be expressed for the current dialect. */
export class UnsupportedError extends SluiceError {}

/** A schema or builder was used in a way that cannot produce correct SQL. */
export class SchemaError extends SluiceError {}

/** A driver's `drizzle()` was called with arguments or options it cannot connect with. */
export class DriverConfigError extends SluiceError {}

function formatParams(params: unknown[]): string {
  try {
    return JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(params);
  }
}

/**
 * Drizzle's names for the same errors, so code that catches `DrizzleError` (every error sluice
 * throws) or `DrizzleQueryError` (a failed statement) works unchanged.
 */
export { SluiceError as DrizzleError, SluiceQueryError as DrizzleQueryError };
