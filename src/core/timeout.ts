import { SchemaError, SluiceTimeoutError, UnsupportedError } from './errors.js';
import type { DriverConnection } from './session.js';

/** Reads a time limit option: a whole, positive number of milliseconds. */
export function timeoutMs(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new SchemaError(`${option}: the timeout is a whole number of milliseconds greater than 0, not ${String(value)}`);
  return value;
}

/** The error for a driver that cannot cancel a statement, naming it and the option asked for. */
export function cannotCancel(driverName: string | undefined, option: string): UnsupportedError {
  return new UnsupportedError(
    `${driverName ?? 'this driver'}: ${option} needs a driver that can cancel a running statement (node-postgres, postgres-js, mysql2); ${driverName ?? 'this one'} cannot, so the option is refused rather than ignored`,
  );
}

/** One timer for a whole transaction: every statement in it is cancelled when it expires. */
export class Deadline {
  expired = false;
  /** Settles when the time is up (never, once cleared). */
  readonly reached: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(readonly ms: number) {
    this.reached = new Promise((resolve) => {
      this.timer = setTimeout(() => {
        this.expired = true;
        resolve();
      }, ms);
    });
  }
  clear(): void {
    clearTimeout(this.timer);
  }
}

/**
 * A connection whose statements are limited in time: each one to `statementMs` (a query timeout),
 * all of them to a transaction's `deadline`. When a limit expires the driver cancels the statement
 * on the server (its `cancellable` hook) and the call rejects with a {@link SluiceTimeoutError};
 * after a transaction's deadline every further call rejects at once. Streams (`iterate`) run
 * without a limit: a long read is what they are for.
 */
export class LimitedConnection implements DriverConnection {
  readonly iterate: DriverConnection['iterate'];
  readonly combineRuns: DriverConnection['combineRuns'];
  /** The statements running now, each settled once its cancellation (if any) is done too. */
  private readonly running = new Set<Promise<unknown>>();
  constructor(
    readonly inner: DriverConnection,
    readonly statementMs: number | undefined,
    readonly deadline: Deadline | undefined,
    readonly driverName: string | undefined,
  ) {
    this.iterate = inner.iterate?.bind(inner);
    this.combineRuns = inner.combineRuns?.bind(inner);
  }

  arrays(sql: string, params: unknown[], name?: string): Promise<unknown[][]> {
    return this.limit(sql, (conn) => conn.arrays(sql, params, name));
  }

  execute(sql: string, params: unknown[]): Promise<unknown> {
    return this.limit(sql, (conn) => conn.execute(sql, params));
  }

  /** Settles when no statement of this connection is running. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  cancellable<T>(run: (conn: DriverConnection) => Promise<T>, expired: Promise<void>): Promise<T> {
    const inner = this.inner;
    if (!inner.cancellable) return Promise.reject(cannotCancel(this.driverName, '.timeout()'));
    return inner.cancellable(run, expired);
  }

  private limit<T>(sql: string, call: (conn: DriverConnection) => Promise<T>): Promise<T> {
    const p = this.run(sql, call);
    this.running.add(p);
    const done = () => this.running.delete(p);
    p.then(done, done);
    return p;
  }

  private async run<T>(sql: string, call: (conn: DriverConnection) => Promise<T>): Promise<T> {
    const { deadline, statementMs, inner } = this;
    if (deadline?.expired) throw new SluiceTimeoutError('transaction', deadline.ms, sql);
    if (!inner.cancellable) throw cannotCancel(this.driverName, deadline ? 'transaction({ timeout })' : 'a query timeout');
    let expired: 'query' | 'transaction' | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limits: Promise<void>[] = [];
    if (statementMs !== undefined) {
      limits.push(
        new Promise((resolve) => {
          timer = setTimeout(() => {
            expired ??= 'query';
            resolve();
          }, statementMs);
        }),
      );
    }
    if (deadline) {
      limits.push(
        deadline.reached.then(() => {
          expired ??= 'transaction';
        }),
      );
    }
    try {
      // A statement that finished anyway (MySQL's SLEEP() returns early when its query is
      // killed) keeps its result: it ran, and reporting a failure could make a caller repeat a write.
      return await inner.cancellable(call, limits.length === 1 ? limits[0]! : Promise.race(limits));
    } catch (e) {
      if (expired === 'query') throw new SluiceTimeoutError('query', statementMs!, sql);
      if (expired === 'transaction') throw new SluiceTimeoutError('transaction', deadline!.ms, sql);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Runs a transaction body against its deadline: when the time is up the body is abandoned (its
 * later statements reject, its running one is cancelled) and this rejects with a
 * {@link SluiceTimeoutError}, so the caller rolls the transaction back at once.
 */
export function raceDeadline<T>(deadline: Deadline, conn: LimitedConnection, body: Promise<T>): Promise<T> {
  // The abandoned body rejects later, when its cancelled statement does; nobody awaits it then.
  body.catch(() => undefined);
  const expired = deadline.reached.then(async (): Promise<never> => {
    // The rollback waits until the cancelled statement has ended, so a cancellation that lands
    // late can only ever stop that statement, never the rollback.
    await conn.settled();
    throw new SluiceTimeoutError('transaction', deadline.ms, undefined);
  });
  return Promise.race([body, expired]);
}

/**
 * What each driver's `cancellable` does: runs one statement and, when `expired` settles first,
 * starts `cancel` (a cancel request, `KILL QUERY`, ...). The call ends only after the
 * cancellation has been delivered, so a late one cannot stop the connection's next statement.
 */
export async function cancelWhenExpired<T>(run: () => Promise<T>, expired: Promise<void>, cancel: () => Promise<unknown> | undefined): Promise<T> {
  let finished = false;
  let cancelling: Promise<unknown> | undefined;
  void expired.then(() => {
    if (!finished) cancelling = cancel();
  });
  try {
    return await run();
  } finally {
    finished = true;
    await cancelling;
  }
}
