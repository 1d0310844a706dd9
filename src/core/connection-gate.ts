import { SluiceError } from './errors.js';

interface Waiter {
  /** A transaction (which needs the connection to itself) or a plain statement (which may share it). */
  exclusive: boolean;
  grant(): void;
}

/**
 * Orders the work on a database handle that has ONE connection (better-sqlite3, a local libsql
 * client, a `pg.Client`, a mysql2 `Connection`). A transaction there is a state of the connection,
 * so anything sent on it while a transaction is open runs inside that transaction: a second
 * `begin` fails, a reader sees half a transfer, and a write is rolled back with someone else's work.
 *
 * Transactions therefore hold the gate alone, one after the other, and statements sent on the
 * handle itself (not on `tx`) wait while one is open. Statements may run together: they queue in
 * the driver, each whole. Waiters are served in arrival order, so a stream of statements cannot
 * starve a waiting transaction, and a transaction only begins once every statement sent before it
 * has finished, so none of them can land inside it.
 */
export class ConnectionGate {
  /** Whether a transaction holds the connection: the one check the idle path pays. */
  held = false;
  /** Statements running now. */
  private running = 0;
  private readonly queue: Waiter[] = [];

  /** Runs a statement once no transaction holds the connection (at once when none is open or waiting). */
  async shared<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.held || this.queue.length > 0) await new Promise<void>((grant) => this.queue.push({ exclusive: false, grant }));
    else this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.pump();
    }
  }

  /** Runs a transaction with the connection to itself, after the transactions and statements before it. */
  async exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.held || this.running > 0 || this.queue.length > 0) await new Promise<void>((grant) => this.queue.push({ exclusive: true, grant }));
    else this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
      this.pump();
    }
  }

  /** Nothing holds, uses or waits for the connection. */
  idle(): boolean {
    return !this.held && this.running === 0 && this.queue.length === 0;
  }

  /**
   * Takes the gate now, for a transaction that began synchronously (better-sqlite3) and turned out
   * to continue asynchronously; `release` gives it back.
   */
  take(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.pump();
  }

  /** Hands the connection on: to the transaction at the head of the queue, or to every statement up to the next transaction. */
  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.exclusive) {
        if (this.held || this.running > 0) return;
        this.held = true;
      } else {
        if (this.held) return;
        this.running++;
      }
      this.queue.shift();
      next.grant();
    }
  }
}

/** What a synchronous call gets when it arrives while an asynchronous transaction holds the connection. */
export function transactionOpenError(what: string): SluiceError {
  return new SluiceError(`${what}: a transaction is open on this connection, and a synchronous call cannot wait for it to end. Await the query (it then runs after the transaction), or run it on the transaction's tx if it belongs to it`);
}

/** Whether `fn` is an `async function`: its result is a promise, so it may wait for the connection. */
export function isAsyncFunction(fn: unknown): boolean {
  return typeof fn === 'function' && Object.prototype.toString.call(fn) === '[object AsyncFunction]';
}
