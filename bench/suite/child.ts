/**
 * One comparator on one backend, in a process of its own: builds the dataset, checks each
 * scenario's result, measures with mitata and prints one JSON line.
 */
import { measure } from 'mitata';
import { generate } from './data.js';
import type { BackendName } from './backends.js';
import { SCENARIOS, type Scenarios } from './scenarios.js';

const [backend, comparator, size] = process.argv.slice(2) as [BackendName, string, 'small' | 'large'];
const data = generate(size);
const mod = (await import(`./${comparator}.js`)) as { setup(b: BackendName, d: typeof data): Promise<Scenarios> };
const s = await mod.setup(backend, data);

/** Values compared across comparators: JSON with numbers and numeric strings folded to numbers. */
const digest = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : x));

let counter = 0;
const bulkRows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Bulk ${i}`, city: 'City', country: 'Bulkland' }));
const calls: Record<keyof Scenarios, () => unknown> = {
  buildSelectById: () => s.buildSelectById((counter++ % 200) + 1),
  buildJoin: () => s.buildJoin('Japan'),
  buildInsert: () => s.buildInsert(`n${counter++}`),
  selectById: () => s.selectById((counter++ % 200) + 1),
  selectByIdPrepared: () => s.selectByIdPrepared((counter++ % 200) + 1),
  page: () => s.page(((counter++ % 4) * 50)),
  joinAggregate: () => s.joinAggregate(),
  insertReturning: () => s.insertReturning(`ins${counter++}`),
  bulkInsert: () => s.bulkInsert(bulkRows),
  updateById: () => s.updateById((counter++ % 200) + 1, `c${counter}`),
  transaction: () => s.transaction(`tx${counter++}`),
  relational: () => s.relational(),
};

const out: Record<string, { digest?: string; avg?: number; p50?: number; skipped?: string }> = {};
for (const sc of SCENARIOS) {
  try {
    const first = await calls[sc.key]();
    if (sc.checked) {
      // The checked scenarios use fixed arguments for the digest.
      const fixed = sc.key === 'selectById' || sc.key === 'selectByIdPrepared' ? await s[sc.key](7) : sc.key === 'page' ? await s.page(50) : first;
      out[sc.key] = { digest: digest(fixed) };
    } else out[sc.key] = {};
  } catch (e) {
    out[sc.key] = { skipped: (e as Error).message };
    continue;
  }
  const heavy = sc.key === 'bulkInsert' || sc.key === 'relational';
  const stats = await measure(async () => {
    const r = calls[sc.key]();
    if (r && typeof (r as PromiseLike<unknown>).then === 'function') await r;
  }, heavy ? { min_cpu_time: 200e6, max_samples: 30 } : {});
  out[sc.key] = { ...out[sc.key], avg: stats.avg, p50: stats.p50 };
}
process.stdout.write(`${JSON.stringify({ backend, comparator, results: out })}\n`);
process.exit(0);
