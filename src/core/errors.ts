/** The root of every error sluice throws. */
export class SluiceError extends Error {
  /** Takes a message, or Drizzle's form `{ message, cause }` (`new DrizzleError({ message })`). */
  constructor(message: string | { message?: string; cause?: unknown }, options?: { cause?: unknown }) {
    if (typeof message === 'object' && message !== null) super(message.message, 'cause' in message ? { cause: message.cause } : options);
    else super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A statement failed in the database. Carries the SQL, its parameters and the driver's error. The
 * message shows the parameter values only when asked (`showParams`: the database has a logger or
 * `debugParams: true`), so personal data in them does not reach logs that print errors; `params`
 * stays readable by code but is not enumerable, so inspecting or serialising the error omits it.
 */
export class SluiceQueryError extends SluiceError {
  readonly query: string;
  declare readonly params: unknown[];
  constructor(query: string, params: unknown[], cause: unknown, options?: { showParams?: boolean }) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Failed query: ${reason}\nquery: ${query}\nparams: ${options?.showParams ? formatParams(params) : hiddenParams(params)}`, { cause });
    this.query = query;
    Object.defineProperty(this, 'params', { value: params, enumerable: false, writable: false, configurable: true });
    if (!options?.showParams) hideDriverValues(cause);
  }
}

/**
 * Drivers put the values on their own errors too, which `util.inspect` prints with the cause:
 * PGlite's `params`, postgres.js's `parameters`, mysql2's `sql` with the values written in. They
 * stay readable, but no longer enumerable, as postgres.js itself does unless debugging.
 */
function hideDriverValues(cause: unknown): void {
  if (typeof cause !== 'object' || cause === null) return;
  for (const key of ['params', 'parameters', 'sql', 'args']) {
    const d = Object.getOwnPropertyDescriptor(cause, key);
    if (d?.enumerable && d.configurable) Object.defineProperty(cause, key, { ...d, enumerable: false });
  }
}

function hiddenParams(params: unknown[]): string {
  if (params.length === 0) return '[]';
  return `${params.length} hidden (err.params holds them; drizzle({ debugParams: true }) or a logger shows them here)`;
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

/**
 * A value a column cannot take (a string for an integer, an invalid Date, a value outside the
 * column's enum), found before the statement is sent. Names the table and the column.
 */
export class ColumnValueError extends SchemaError {
  constructor(
    readonly table: string,
    readonly column: string,
    problem: string,
  ) {
    super(`${table}.${column}: ${problem}`);
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

/** `seed()`/`reset()` (`sluice/seed`) cannot fill or empty the schema as asked: names the table and column. */
export class SeedError extends SluiceError {}
