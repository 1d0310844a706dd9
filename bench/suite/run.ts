/**
 * `npm run bench`: every comparator on every backend, each in its own process. Results are
 * checked equal across comparators before any timing is reported; writes bench/RESULTS.md and
 * bench/results/<time>.json.
 *
 *   npm run bench            # large dataset
 *   npm run bench:ci         # small dataset
 *
 * sluice is measured as users install it: the built package (`dist/`, which both scripts build
 * first), not the TypeScript sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKENDS } from './backends.js';
import { SCENARIOS } from './scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));
const size = process.argv.includes('--size') ? (process.argv[process.argv.indexOf('--size') + 1] as 'small' | 'large') : 'large';
const COMPARATORS = ['raw', 'sluice', 'drizzle', 'kysely'];

type Result = { digest?: string; avg?: number; p50?: number; skipped?: string };
const all: Record<string, Record<string, Record<string, Result>>> = {};
for (const backend of BACKENDS) {
  all[backend] = {};
  for (const comparator of COMPARATORS) {
    process.stderr.write(`${backend} / ${comparator} ...\n`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'child.ts'), backend, comparator, size], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.trim().split('\n').pop()!;
    all[backend]![comparator] = (JSON.parse(line) as { results: Record<string, Result> }).results;
  }
}

// Equal results before trusting any number.
const mismatches: string[] = [];
for (const [backend, byComp] of Object.entries(all)) {
  for (const sc of SCENARIOS.filter((s) => s.checked)) {
    const digests = Object.entries(byComp).filter(([, r]) => r[sc.key]?.digest !== undefined);
    const first = digests[0]?.[1][sc.key]?.digest;
    for (const [comp, r] of digests) if (r[sc.key]!.digest !== first) mismatches.push(`${backend} / ${sc.key}: ${comp} differs from ${digests[0]![0]}`);
  }
}
if (mismatches.length > 0) {
  console.error(`Results differ between comparators:\n${mismatches.join('\n')}`);
  process.exit(1);
}

const fmt = (ns: number | undefined) => (ns === undefined ? 'n/a' : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`);
let md = `# Benchmark results\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${size === 'small' ? ':ci' : ''}\` (dataset: ${size}); Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}. Mean time per operation (mitata), each comparator in its own process, results checked equal across comparators first. Ratios: sluice / raw driver, sluice / drizzle-orm 0.45 and sluice / Kysely 0.28 (below 1 is faster).\n`;
for (const [backend, byComp] of Object.entries(all)) {
  md += `\n## ${backend}\n\n| scenario | raw | sluice | drizzle-orm | kysely | sluice / raw | sluice / drizzle | sluice / kysely |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n`;
  for (const sc of SCENARIOS) {
    const r = byComp['raw']?.[sc.key]?.avg;
    const s = byComp['sluice']?.[sc.key]?.avg;
    const d = byComp['drizzle']?.[sc.key]?.avg;
    const k = byComp['kysely']?.[sc.key]?.avg;
    md += `| ${sc.title} | ${fmt(r)} | ${fmt(s)} | ${fmt(d)} | ${fmt(k)} | ${ratio(s, r)} | ${ratio(s, d)} | ${ratio(s, k)} |\n`;
  }
}
md += `\nThe PostgreSQL/MariaDB server backends are not in this suite yet.\n`;
writeFileSync(join(here, '..', 'RESULTS.md'), md);
mkdirSync(join(here, '..', 'results'), { recursive: true });
writeFileSync(join(here, '..', 'results', `${Date.now()}.json`), JSON.stringify(all, null, 2));
console.log(md);
