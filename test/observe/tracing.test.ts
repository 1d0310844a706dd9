/**
 * `sluice/opentelemetry`: one client span per statement, named `<operation> <table>`, a child of
 * the caller's active span, with the database semantic conventions' attributes; a transaction is
 * a span with its statements under it; a failure records the exception and sets status ERROR.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, SluiceQueryError, sql } from 'sluice';
import { openTelemetry } from 'sluice/opentelemetry';
import { observeTargets, openObserveTarget, RecordingLogger, type ObserveTarget } from './targets.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('sluice-test');
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const named = (name: string): ReadableSpan[] => spans().filter((s) => s.name === name);
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

for (const name of observeTargets) {
  describe(`OpenTelemetry spans on ${name}`, () => {
    let target: ObserveTarget;
    // biome-ignore lint/suspicious/noExplicitAny: the handle of whichever dialect this target is.
    let db: any;
    // biome-ignore lint/suspicious/noExplicitAny: the handle of whichever dialect this target is.
    let withParams: any;
    // biome-ignore lint/suspicious/noExplicitAny: the table of whichever dialect this target is.
    let items: any;
    beforeAll(async () => {
      target = await openObserveTarget(name);
      ({ db, items } = target.open({ tracing: openTelemetry({ tracer }) }));
      withParams = target.open({ tracing: openTelemetry({ tracer, captureParams: true }) }).db;
    });
    beforeEach(async () => {
      await target.reset();
      exporter.reset();
    });
    afterAll(() => target.close());

    it('makes one client span per statement, named for its operation and table, with the conventional attributes', async () => {
      await db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]);
      expect(await db.select().from(items).where(eq(items.id, 2))).toEqual([{ id: 2, name: 'b' }]);
      expect(spans().map((s) => s.name)).toEqual(['insert obs_items', 'select obs_items']);
      const [insert, select] = spans() as [ReadableSpan, ReadableSpan];
      expect(select.kind).toBe(SpanKind.CLIENT);
      expect(select.status.code).toBe(SpanStatusCode.UNSET);
      const q = name === 'mariadb' ? '`' : '"';
      const selectSql = `select ${q}id${q}, ${q}name${q} from ${q}obs_items${q} where ${q}obs_items${q}.${q}id${q} = ${name === 'mariadb' || name === 'better-sqlite3' ? '?' : '$1'}`;
      expect(select.attributes).toMatchObject({
        'db.system': target.system,
        'db.system.name': target.system,
        'db.query.text': selectSql,
        'db.statement': selectSql,
        'db.operation.name': 'select',
        'db.collection.name': 'obs_items',
        'db.response.returned_rows': 1,
      });
      expect(insert.attributes['db.response.affected_rows']).toBe(2);
      expect(insert.attributes['db.operation.name']).toBe('insert');
      // Parameters are not recorded unless asked for.
      expect(Object.keys(select.attributes).filter((k) => k.startsWith('db.query.parameter'))).toEqual([]);
      if (target.server) {
        expect(select.attributes).toMatchObject({ 'db.namespace': target.server.namespace, 'server.address': target.server.host, 'server.port': target.server.port });
      }
      expect(select.endTime[0] * 1e9 + select.endTime[1]).toBeGreaterThanOrEqual(select.startTime[0] * 1e9 + select.startTime[1]);
    });

    it('records parameters when captureParams is set', async () => {
      await withParams.update(items).set({ name: 'x' }).where(eq(items.id, 5));
      const [update] = spans() as [ReadableSpan];
      expect(update.name).toBe('update obs_items');
      expect(update.attributes).toMatchObject({ 'db.query.parameter.0': 'x', 'db.query.parameter.1': 5, 'db.response.affected_rows': 0 });
    });

    it("nests statement spans under the caller's active span", async () => {
      await tracer.startActiveSpan('handle request', async (request) => {
        await db.select().from(items);
        await db.delete(items).where(eq(items.id, 1));
        request.end();
      });
      const request = named('handle request')[0]!;
      expect(named('select obs_items').map(parentOf)).toEqual([request.spanContext().spanId]);
      expect(named('delete obs_items').map(parentOf)).toEqual([request.spanContext().spanId]);
      expect(named('delete obs_items')[0]!.spanContext().traceId).toBe(request.spanContext().traceId);
    });

    it('makes a transaction a span with its statements, begin and commit included, under it', async () => {
      await tracer.startActiveSpan('job', async (job) => {
        await db.transaction(async (tx: typeof db) => {
          await tx.insert(items).values({ id: 3, name: 'c' });
          await tx.select().from(items);
        });
        job.end();
      });
      const job = named('job')[0]!;
      const [transaction] = named('transaction');
      expect(transaction).toBeDefined();
      expect(parentOf(transaction!)).toBe(job.spanContext().spanId);
      expect(transaction!.attributes['db.system']).toBe(target.system);
      const inside = spans().filter((s) => parentOf(s) === transaction!.spanContext().spanId);
      expect(inside.map((s) => s.name)).toEqual([name === 'mariadb' ? 'start transaction' : 'begin', 'insert obs_items', 'select obs_items', 'commit']);
      expect(await db.select().from(items)).toEqual([{ id: 3, name: 'c' }]);
    });

    it('marks a failed statement with status ERROR and the exception, and a transaction it ended', async () => {
      await expect(
        db.transaction(async (tx: typeof db) => {
          await tx.execute(sql`select * from obs_missing_table`);
        }),
      ).rejects.toBeInstanceOf(SluiceQueryError);
      const failed = named('select obs_missing_table')[0]!;
      expect(failed.status.code).toBe(SpanStatusCode.ERROR);
      expect(failed.attributes['error.type']).toBe('SluiceQueryError');
      expect(failed.attributes['db.response.returned_rows']).toBeUndefined();
      expect(failed.events.map((e) => e.name)).toEqual(['exception']);
      expect(failed.events[0]!.attributes!['exception.message']).toMatch(/obs_missing_table/);
      const transaction = named('transaction')[0]!;
      expect(transaction.status.code).toBe(SpanStatusCode.ERROR);
      expect(parentOf(failed)).toBe(transaction.spanContext().spanId);
      expect(named('rollback').map(parentOf)).toEqual([transaction.spanContext().spanId]);
    });

    it.runIf(name === 'better-sqlite3')('traces synchronous calls and a synchronous transaction (better-sqlite3 only: the others are asynchronous)', () => {
      tracer.startActiveSpan('sync work', (work) => {
        db.insert(items).values({ id: 9, name: 'i' }).run();
        expect(db.select().from(items).where(eq(items.id, 9)).get()).toEqual({ id: 9, name: 'i' });
        db.transaction((tx: typeof db) => {
          tx.update(items).set({ name: 'j' }).run();
        });
        work.end();
      });
      const work = named('sync work')[0]!;
      const transaction = named('transaction')[0]!;
      expect(spans().map((s) => [s.name, parentOf(s) === work.spanContext().spanId ? 'work' : parentOf(s) === transaction.spanContext().spanId ? 'transaction' : 'other'])).toEqual([
        ['insert obs_items', 'work'],
        ['select obs_items', 'work'],
        ['begin', 'transaction'],
        ['update obs_items', 'transaction'],
        ['commit', 'transaction'],
        ['transaction', 'work'],
        ['sync work', 'other'],
      ]);
      expect(named('select obs_items')[0]!.attributes['db.response.returned_rows']).toBe(1);
      expect(named('update obs_items')[0]!.attributes['db.response.affected_rows']).toBe(1);
    });

    it.runIf(name === 'node-postgres' || name === 'postgres-js' || name === 'mariadb')('ends an iterator span when the stream ends, with the rows streamed (streaming drivers only)', async () => {
      await db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]);
      exporter.reset();
      const ids: number[] = [];
      for await (const row of db.select().from(items).orderBy(items.id).iterator()) {
        expect(spans()).toHaveLength(0);
        ids.push(row.id);
      }
      expect(ids).toEqual([1, 2]);
      expect(spans().map((s) => [s.name, s.attributes['db.response.returned_rows']])).toEqual([['select obs_items', 2]]);
    });

    it('runs beside a logger: both see each statement', async () => {
      const log = new RecordingLogger();
      const both = target.open({ logger: log, tracing: openTelemetry({ tracer }) }).db;
      await both.select().from(items);
      expect(log.ended.map((e) => e.rowCount)).toEqual([0]);
      expect(spans().map((s) => [s.name, s.attributes['db.response.returned_rows']])).toEqual([['select obs_items', 0]]);
    });
  });
}

describe('span names from the statement text', () => {
  let target: ObserveTarget;
  // biome-ignore lint/suspicious/noExplicitAny: better-sqlite3's handle.
  let db: any;
  beforeAll(async () => {
    target = await openObserveTarget('better-sqlite3');
    db = target.open({ tracing: openTelemetry({ tracer }) }).db;
  });
  beforeEach(() => exporter.reset());
  afterAll(() => target.close());

  it('reads the top level only: a subquery in the select list, a CTE and a derived table do not name the span', async () => {
    await db.execute(sql`select (select count(*) from sqlite_master) as n, id from "obs_items"`);
    await db.execute(sql`with recent as (select id from obs_items) select * from recent`);
    await db.execute(sql`select * from (select 1 as one) as t`);
    await db.execute(sql`/* note */ SELECT 1`);
    await db.execute(sql`update or ignore "main"."obs_items" set name = 'x'`);
    expect(spans().map((s) => [s.name, s.attributes['db.operation.name'], s.attributes['db.collection.name']])).toEqual([
      ['select obs_items', 'select', 'obs_items'],
      ['select recent', 'select', 'recent'],
      ['select', 'select', undefined],
      ['select', 'select', undefined],
      ['update main.obs_items', 'update', 'main.obs_items'],
    ]);
  });

  it('uses the global tracer provider when no tracer is given', async () => {
    const global = openTelemetry();
    trace.setGlobalTracerProvider(provider);
    try {
      const own = target.open({ tracing: global }).db;
      await own.execute(sql`select 1 as one`);
      expect(spans().map((s) => s.instrumentationScope.name)).toEqual(['sluice']);
    } finally {
      trace.disable();
    }
  });
});
