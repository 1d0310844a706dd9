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

/**
 * A string the database or driver cannot store as it is (NUL in PostgreSQL text, NUL in text read
 * back by libsql): refused before it is sent, instead of failing on the server or coming back cut.
 * Names the column when the value was bound to one.
 */
export class UnstorableStringError extends SluiceError {
  constructor(
    message: string,
    readonly table: string | undefined,
    readonly column: string | undefined,
  ) {
    super(message);
  }
}

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
