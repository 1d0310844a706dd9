/**
 * One comparator on one backend, in a process of its own, driven by `run.ts` over stdin/stdout
 * (one JSON object per line each way). It loads the dataset and answers:
 *
 *   { op: 'check' }                  each scenario's result digest (or why it does not apply)
 *   { op: 'warm', ms }               runs the read scenarios for about `ms`, untimed
 *   { op: 'measure', key, ms, heavy } one batch of one scenario, timed with mitata for about `ms`
 *   { op: 'exit' }                   closes the backend and exits
 *
 * The coordinator keeps every comparator's process alive at once and asks them for batches in
 * turn, so the comparators of a scenario are measured in the same stretches of time. A server
 * backend's database (created by the comparator's setup) is dropped before the process exits,
 * whether it succeeded, failed or was interrupted.
 */
import { createInterface } from 'node:readline';
import { measure } from 'mitata';
import { generate } from './data.js';
import { backendInfo, closeBackends, isServer, type BackendName } from './backends.js';
import { NotApplicable, SCENARIOS, type ScenarioKey, type Scenarios } from './scenarios.js';

const [backend, comparator, size] = process.argv.slice(2) as [BackendName, string, 'small' | 'large'];

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void closeBackends().finally(() => process.exit(130));
  });
}

/** Values compared across comparators: JSON with numbers and numeric strings folded to numbers. */
const digest = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : x));

export type CheckResult = { digest?: string; skipped?: string; na?: string };
export type Command = { op: 'check' } | { op: 'warm'; ms: number } | { op: 'measure'; key: ScenarioKey; ms: number; heavy: boolean } | { op: 'exit' };

const send = (msg: unknown) => process.stdout.write(`${JSON.stringify(msg)}\n`);

async function start(): Promise<Record<ScenarioKey, () => unknown> & { fixed: Partial<Record<ScenarioKey, () => unknown>> }> {
  const data = await generate(size);
  const mod = (await import(`./${comparator}.js`)) as { setup(b: BackendName, d: typeof data): Promise<Scenarios> };
  const s = await mod.setup(backend, data);

  let counter = 0;
  const bulkRows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Bulk ${i}`, city: 'City', country: 'Bulkland' }));
  /** Selects by primary key, one per id, started at once and awaited together. */
  const inflight = (ids: number[]) => Promise.all(ids.map((id) => s.selectById(id)));
  /** The same, results sorted by id for the digest. */
  const inflightSorted = async (ids: number[]) => ((await inflight(ids)) as { id: number }[]).sort((a, b) => Number(a.id) - Number(b.id));
  const nextIds = (n: number) => Array.from({ length: n }, () => (counter++ % 200) + 1);
  const fixedIds = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 200) + 1);
  return {
    buildSelectById: () => s.buildSelectById((counter++ % 200) + 1),
    buildJoin: () => s.buildJoin('Japan'),
    buildInsert: () => s.buildInsert(`n${counter++}`),
    selectById: () => s.selectById((counter++ % 200) + 1),
    selectByIdSync: () => s.selectByIdSync((counter++ % 200) + 1),
    selectByIdPrepared: () => s.selectByIdPrepared((counter++ % 200) + 1),
    inflight8: () => inflight(nextIds(8)),
    inflight32: () => inflight(nextIds(32)),
    page: () => s.page((counter++ % 4) * 50),
    joinAggregate: () => s.joinAggregate(),
    insertReturning: () => s.insertReturning(`ins${counter++}`),
    bulkInsert: () => s.bulkInsert(bulkRows),
    updateById: () => s.updateById((counter++ % 200) + 1, `c${counter}`),
    transaction: () => s.transaction(`tx${counter++}`),
    relational: () => s.relational(),
    /** The checked scenarios' digests come from fixed arguments. */
    fixed: {
      selectById: () => s.selectById(7),
      selectByIdSync: () => s.selectByIdSync(7),
      selectByIdPrepared: () => s.selectByIdPrepared(7),
      inflight8: () => inflightSorted(fixedIds(8)),
      inflight32: () => inflightSorted(fixedIds(32)),
      page: () => s.page(50),
    },
  };
}

/**
 * The function mitata times for each scenario, made once so every batch times the same function:
 * the scenario itself (mitata awaits it only when it returns a promise, so a synchronous answer
 * from better-sqlite3 is not charged a microtask per call). A fresh async wrapper per batch, as
 * an earlier version had, made batch times jump between two levels.
 */
const timed = new Map<ScenarioKey, () => unknown>();

/** Runs each scenario once, in the table's order (reads before writes), and digests the checked ones. */
async function check(calls: Awaited<ReturnType<typeof start>>): Promise<Record<string, CheckResult>> {
  const out: Record<string, CheckResult> = {};
  for (const sc of SCENARIOS) {
    if (sc.serverOnly && !isServer(backend)) {
      out[sc.key] = { na: 'server backends only' };
      continue;
    }
    try {
      const fn = calls[sc.key];
      const result = fn();
      // mitata awaits a function's result when it is a promise; a query builder that is only
      // thenable (a write left unawaited in the scenario) is resolved into one, as `await` would.
      const thenable = result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function';
      timed.set(sc.key, thenable && !(result instanceof Promise) ? () => Promise.resolve(fn()) : fn);
      const first = await result;
      const fixed = calls.fixed[sc.key];
      out[sc.key] = sc.checked ? { digest: digest(fixed ? await fixed() : first) } : {};
    } catch (e) {
      out[sc.key] = e instanceof NotApplicable ? { na: e.message } : { skipped: (e as Error).message };
    }
  }
  return out;
}

let exitCode = 0;
try {
  const calls = await start();
  send({ ready: true, info: backendInfo });
  for await (const line of createInterface({ input: process.stdin })) {
    const cmd = JSON.parse(line) as Command;
    if (cmd.op === 'exit') break;
    if (cmd.op === 'check') {
      send({ check: await check(calls) });
      continue;
    }
    if (cmd.op === 'warm') {
      // Compiles the hot paths (PGlite's WebAssembly included, which V8 optimizes only once it
      // has run a while) before anything is timed.
      const reads: ScenarioKey[] = ['selectById', 'selectByIdPrepared', 'page', 'joinAggregate', 'relational'];
      const until = performance.now() + cmd.ms;
      while (performance.now() < until) for (const key of reads) await calls[key]();
      send({ warmed: true });
      continue;
    }
    const fn = timed.get(cmd.key);
    if (!fn) throw new Error(`${cmd.key}: not checked before measuring`);
    // One batch: mitata's own warm-up, then samples until about `ms` of time has been spent.
    // A heavy scenario (milliseconds per call) settles for fewer samples.
    const stats = await measure(fn, { min_cpu_time: cmd.ms * 1e6, min_samples: cmd.heavy ? 2 : 12 });
    send({ avg: stats.avg, ticks: stats.ticks });
  }
} catch (e) {
  process.stderr.write(`${backend} / ${comparator}: ${(e as Error).stack ?? String(e)}\n`);
  send({ error: (e as Error).message });
  exitCode = 1;
} finally {
  await closeBackends();
}
process.exit(exitCode);
