/**
 * `sluice/opentelemetry`: one OpenTelemetry span per statement, named and attributed after the
 * database semantic conventions, and one per transaction with its statements under it.
 *
 * @example
 * import { openTelemetry } from 'sluice/opentelemetry';
 * const db = drizzle({ client, tracing: openTelemetry() });
 */
import { type Attributes, context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { ObservedDatabase, QueryEnd, QueryInfo, QueryObserver } from '../core/observe.js';
import { describeStatement } from './statement.js';

export interface OpenTelemetryOptions {
  /** The tracer spans come from; by default `trace.getTracer('sluice')` of the global provider. */
  tracer?: Tracer;
  /**
   * Records each parameter as `db.query.parameter.<index>`. Off by default: parameters may carry
   * personal data or secrets.
   */
  captureParams?: boolean;
  /** Also records `db.statement`, the SQL under its older attribute name. Default true. */
  legacyAttributes?: boolean;
}

/** `db.system` values of the semantic conventions, by sluice dialect. */
const SYSTEMS: Record<string, string> = { pg: 'postgresql', mysql: 'mysql', sqlite: 'sqlite', mssql: 'mssql', cockroach: 'cockroachdb' };
/** The stable conventions' `db.system.name`, where it differs from `db.system`. */
const SYSTEM_NAMES: Record<string, string> = { mssql: 'microsoft.sql_server' };

/**
 * Traces statements with OpenTelemetry: pass it as `tracing` to any driver's `drizzle()`.
 * Each statement is a client span named `<operation> <table>` (`select users`), a child of the
 * active span, with `db.system`, `db.system.name`, `db.query.text` (and `db.statement`),
 * `db.operation.name`, `db.collection.name`, `db.namespace`, `server.address`, `server.port` where
 * known, and `db.response.returned_rows` or `db.response.affected_rows` once it ends. A failed
 * statement's span records the exception and has status ERROR. `db.transaction()` is a span
 * (`transaction`) with its statements inside it.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): QueryObserver {
  const tracer = options.tracer ?? trace.getTracer('sluice');
  const captureParams = options.captureParams === true;
  const legacy = options.legacyAttributes !== false;
  // The attributes every span of a database shares, made once per database.
  const shared = new WeakMap<ObservedDatabase, Attributes>();
  const base = (db: ObservedDatabase): Attributes => {
    let attrs = shared.get(db);
    if (attrs === undefined) {
      const system = SYSTEMS[db.dialect] ?? db.dialect;
      attrs = { 'db.system': system, 'db.system.name': SYSTEM_NAMES[db.dialect] ?? system };
      if (db.namespace) attrs['db.namespace'] = db.namespace;
      if (db.host) attrs['server.address'] = db.host;
      if (db.port !== undefined && db.host) attrs['server.port'] = Number(db.port);
      shared.set(db, attrs);
    }
    return attrs;
  };
  return {
    start(q: QueryInfo): QueryEnd {
      const { operation, collection } = describeStatement(q.sql);
      const attributes: Attributes = { ...base(q.database), 'db.query.text': q.sql };
      if (legacy) attributes['db.statement'] = q.sql;
      if (operation) attributes['db.operation.name'] = operation;
      if (collection) attributes['db.collection.name'] = collection;
      if (captureParams) for (let i = 0; i < q.params.length; i++) attributes[`db.query.parameter.${i}`] = shown(q.params[i]);
      const name = operation ? (collection ? `${operation} ${collection}` : operation) : String(attributes['db.system']);
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, context.active());
      return (o) => {
        if (o.error !== undefined) failed(span, o.error);
        else if (o.rowCount !== undefined) span.setAttribute(o.affected ? 'db.response.affected_rows' : 'db.response.returned_rows', o.rowCount);
        span.end();
      };
    },
    transaction<T>(db: ObservedDatabase, run: () => T): T {
      return tracer.startActiveSpan('transaction', { kind: SpanKind.CLIENT, attributes: base(db) }, (span) => {
        let result: T;
        try {
          result = run();
        } catch (e) {
          failed(span, e);
          span.end();
          throw e;
        }
        if (result && typeof (result as unknown as PromiseLike<unknown>).then === 'function') {
          return Promise.resolve(result as unknown as PromiseLike<unknown>).then(
            (v) => {
              span.end();
              return v;
            },
            (e: unknown) => {
              failed(span, e);
              span.end();
              throw e;
            },
          ) as T;
        }
        span.end();
        return result;
      });
    },
  };
}

function failed(span: Span, error: unknown): void {
  if (error instanceof Error) {
    span.recordException(error);
    span.setAttribute('error.type', error.name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  } else {
    span.recordException(String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  }
}

/** A parameter as an attribute value: strings, numbers and booleans as they are, the rest as JSON. */
function shown(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
