/**
 * One comparator on one backend, in a process of its own: builds the dataset, checks each
 * scenario's result, measures with mitata and prints one JSON line. A server backend's database
 * (created by the comparator's setup) is dropped before the process exits, whether it succeeded,
 * failed or was interrupted.
 */
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

type Result = { digest?: string; avg?: number; p50?: number; skipped?: string; na?: string };

async function main(): Promise<{ backend: BackendName; comparator: string; info: typeof backendInfo; results: Record<string, Result> }> {
  const data = generate(size);
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
  const calls: Record<ScenarioKey, () => unknown> = {
    buildSelectById: () => s.buildSelectById((counter++ % 200) + 1),
    buildJoin: () => s.buildJoin('Japan'),
    buildInsert: () => s.buildInsert(`n${counter++}`),
    selectById: () => s.selectById((counter++ % 200) + 1),
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
  };
  /** The checked scenarios' digests come from fixed arguments. */
  const fixed: Partial<Record<ScenarioKey, () => unknown>> = {
    selectById: () => s.selectById(7),
    selectByIdPrepared: () => s.selectByIdPrepared(7),
    inflight8: () => inflightSorted(fixedIds(8)),
    inflight32: () => inflightSorted(fixedIds(32)),
    page: () => s.page(50),
  };

  const out: Record<string, Result> = {};
  for (const sc of SCENARIOS) {
    if (sc.serverOnly && !isServer(backend)) {
      out[sc.key] = { na: 'server backends only' };
      continue;
    }
    try {
      const first = await calls[sc.key]();
      if (sc.checked) out[sc.key] = { digest: digest(fixed[sc.key] ? await fixed[sc.key]!() : first) };
      else out[sc.key] = {};
    } catch (e) {
      out[sc.key] = e instanceof NotApplicable ? { na: e.message } : { skipped: (e as Error).message };
      continue;
    }
    const heavy = sc.key === 'bulkInsert' || sc.key === 'relational';
    const stats = await measure(async () => {
      const r = calls[sc.key]();
      if (r && typeof (r as PromiseLike<unknown>).then === 'function') await r;
    }, heavy ? { min_cpu_time: 200e6, max_samples: 30 } : {});
    out[sc.key] = { ...out[sc.key], avg: stats.avg, p50: stats.p50 };
  }
  return { backend, comparator, info: backendInfo, results: out };
}

let exitCode = 0;
try {
  const result = await main();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (e) {
  process.stderr.write(`${backend} / ${comparator}: ${(e as Error).stack ?? String(e)}\n`);
  exitCode = 1;
} finally {
  await closeBackends();
}
process.exit(exitCode);
