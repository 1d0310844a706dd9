/**
 * The one hook every statement goes through when a database has a logger or tracing: an observer
 * is told when a statement starts and, through the function it returns, how it ended. Logging
 * and `sluice/opentelemetry` are both observers; without either the session holds none and
 * checks that once per statement.
 */

/** The database a statement runs on, as observers report it. */
export interface ObservedDatabase {
  /** The dialect's name: `pg`, `mysql`, `sqlite`, `mssql` or `cockroach`. */
  readonly dialect: string;
  /** The driver's entry point (`pglite`, `node-postgres`, ...), when the driver names itself. */
  readonly driver: string | undefined;
  /** The database (or schema, on MySQL) name, when the client's configuration gives it. */
  readonly namespace?: string;
  /** The server's host name or address, when the client's configuration gives it. */
  readonly host?: string;
  /** The server's port, when the client's configuration gives it. */
  readonly port?: number;
}

/** A statement about to run. */
export interface QueryInfo {
  readonly sql: string;
  readonly params: unknown[];
  readonly database: ObservedDatabase;
}

/** How a statement ended. */
export interface QueryOutcome {
  /**
   * Rows returned (selects, `returning`, and for `.iterator()` the rows streamed), or rows a write
   * affected when the driver reports them (`affected` is then true); undefined when unknown.
   */
  readonly rowCount: number | undefined;
  /** True when `rowCount` counts rows a write affected rather than rows returned. */
  readonly affected?: boolean;
  /** The error the statement failed with (as sluice throws it); absent on success. */
  readonly error?: unknown;
}

/** Called once when a statement has ended, with how it ended. */
export type QueryEnd = (outcome: QueryOutcome) => void;

/**
 * Watches statements: `start` is called just before each statement is sent (in the context of the
 * code that runs it), and the function it returns, if any, once the statement has ended.
 */
export interface QueryObserver {
  start(query: QueryInfo): QueryEnd | undefined;
  /**
   * Wraps a whole `db.transaction(...)` (begin, body and commit or rollback, and every retry): a
   * tracer opens a span around it so the statements inside nest under it. Returns what `run`
   * returns, a value on a synchronous driver or a promise.
   */
  transaction?<T>(database: ObservedDatabase, run: () => T): T;
}

/** The end event a logger's optional `logQueryEnd` receives. */
export interface QueryLogEvent {
  sql: string;
  params: unknown[];
  /** Milliseconds from just before the statement was sent until its result (or error) came back. */
  durationMs: number;
  /** Rows returned, or affected by a write when the driver reports it; undefined when unknown. */
  rowCount: number | undefined;
  /** The error the statement failed with; absent on success. */
  error?: unknown;
}

/** Receives every statement before it runs and, with `logQueryEnd`, how long it took and its rows. */
export interface Logger {
  logQuery(query: string, params: unknown[]): void;
  /**
   * Optional (a sluice extension): called once each statement has ended, with its duration, row
   * count and error. Statements are timed only when the logger has this method.
   */
  logQueryEnd?(event: QueryLogEvent): void;
}

/** Prints each statement and its parameters to the console. */
export class DefaultLogger implements Logger {
  logQuery(query: string, params: unknown[]): void {
    const shown = params.map((p) => {
      try {
        return typeof p === 'bigint' ? p.toString() : JSON.stringify(p);
      } catch {
        return String(p);
      }
    });
    console.log(`Query: ${query}${shown.length ? ` -- params: [${shown.join(', ')}]` : ''}`);
  }
}

/** A logger as an observer: `logQuery` before each statement, `logQueryEnd` (timed) after it. */
export function loggerObserver(logger: Logger): QueryObserver {
  if (typeof logger.logQueryEnd !== 'function') {
    return {
      start(q) {
        logger.logQuery(q.sql, q.params);
        return undefined;
      },
    };
  }
  return {
    start(q) {
      logger.logQuery(q.sql, q.params);
      const began = performance.now();
      return (o) => {
        const event: QueryLogEvent = { sql: q.sql, params: q.params, durationMs: performance.now() - began, rowCount: o.rowCount };
        if (o.error !== undefined) event.error = o.error;
        logger.logQueryEnd!(event);
      };
    },
  };
}

/** Both observers, the first told first; undefined when neither is given. */
export function combineObservers(a: QueryObserver | undefined, b: QueryObserver | undefined): QueryObserver | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const combined: QueryObserver = {
    start(q) {
      const endA = a.start(q);
      const endB = b.start(q);
      if (endA === undefined) return endB;
      if (endB === undefined) return endA;
      return (o) => {
        endA(o);
        endB(o);
      };
    },
  };
  if (a.transaction || b.transaction) {
    combined.transaction = <T>(database: ObservedDatabase, run: () => T): T => {
      const inner = b.transaction ? () => b.transaction!(database, run) : run;
      return a.transaction ? a.transaction(database, inner) : inner();
    };
  }
  return combined;
}

/**
 * What a session observes with: the observer, the database it reports, and how the driver counts
 * the rows of a run result. Made once per database.
 */
export class Observation {
  constructor(
    readonly observer: QueryObserver,
    readonly database: ObservedDatabase,
    /** The driver's count of rows in its own run result, when it reports one. */
    private readonly rowsOf: ((result: unknown) => number | undefined) | undefined,
  ) {}

  start(sql: string, params: unknown[]): QueryEnd | undefined {
    return this.observer.start({ sql, params, database: this.database });
  }

  /** The rows a run result reports (affected by a write, or returned by `db.execute`). */
  runRows(result: unknown): number | undefined {
    return this.rowsOf === undefined ? undefined : this.rowsOf(result);
  }

  /** Runs a whole transaction under the observer's `transaction` hook, if it has one. */
  transaction<T>(run: () => T): T {
    const observer = this.observer;
    return observer.transaction === undefined ? run() : observer.transaction(this.database, run);
  }
}
