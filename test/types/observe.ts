/**
 * Loggers: Drizzle's `logQuery` alone still fits, `logQueryEnd` is optional and typed by its
 * event; `tracing` takes `openTelemetry()` or any `QueryObserver`, and nothing else.
 */
import type { Tracer } from '@opentelemetry/api';
import { DefaultLogger, type Logger, type QueryLogEvent, type QueryObserver, type QueryOutcome } from 'sluice';
import { drizzle } from 'sluice/better-sqlite3';
import { drizzle as pglite } from 'sluice/pglite';
import { openTelemetry, type OpenTelemetryOptions } from 'sluice/opentelemetry';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

// Drizzle's logger shape is a logger as it is.
const drizzleStyle: Logger = { logQuery: (_query: string, _params: unknown[]) => undefined };
drizzle({ logger: drizzleStyle });
drizzle({ logger: true });
drizzle({ logger: new DefaultLogger() });

// logQueryEnd receives the event with its duration, row count and error.
const timed: Logger = {
  logQuery() {},
  logQueryEnd(event) {
    expectType<Equal<typeof event, QueryLogEvent>>();
    expectType<Equal<typeof event.durationMs, number>>();
    expectType<Equal<typeof event.rowCount, number | undefined>>();
    expectType<Equal<typeof event.error, unknown>>();
    expectType<Equal<typeof event.sql, string>>();
  },
};
pglite({ logger: timed });

// A class logger with both methods.
class Timing implements Logger {
  logQuery(_query: string, _params: unknown[]): void {}
  logQueryEnd(_event: QueryLogEvent): void {}
}
drizzle({ logger: new Timing() });

// @ts-expect-error: a logger needs logQuery
drizzle({ logger: { logQueryEnd() {} } });
// @ts-expect-error: logQueryEnd takes the event, not the query text
const wrongEnd: Logger = { logQuery() {}, logQueryEnd(_sql: string) {} };

// Tracing: openTelemetry() or any observer.
const tracing = openTelemetry({ captureParams: true });
expectType<Equal<typeof tracing, QueryObserver>>();
drizzle({ tracing, logger: true });
pglite({ tracing: openTelemetry() });
declare const tracer: Tracer;
const options: OpenTelemetryOptions = { tracer, captureParams: false };
openTelemetry(options);
const counting: QueryObserver = {
  start(query) {
    expectType<Equal<typeof query.sql, string>>();
    expectType<Equal<typeof query.database.dialect, string>>();
    return (outcome) => {
      expectType<Equal<typeof outcome, QueryOutcome>>();
    };
  },
};
drizzle({ tracing: counting });
// @ts-expect-error: tracing takes an observer, not a flag
drizzle({ tracing: true });
// @ts-expect-error: captureParams is a boolean
openTelemetry({ captureParams: 'yes' });

export { wrongEnd };
