/**
 * `npm run bench`: every comparator on every available backend, each in its own process. Results
 * are checked equal across comparators before any timing is reported; writes bench/RESULTS.md and
 * bench/results/<time>.json.
 *
 *   npm run bench            # large dataset
 *   npm run bench:ci         # small dataset
 *
 * The embedded backends (better-sqlite3, PGlite) always run; the server backends when their URL
 * is set, each child process in a `bench_<random>` database of its own, dropped when it exits:
 *
 *   SLUICE_PG_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   SLUICE_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench:ci
 *
 * sluice is measured as users install it: the built package (`dist/`, which both scripts build
 * first), not the TypeScript sources.
 *
 * `--rounds N` (default 3; bench:ci uses 2) runs every comparator N times per backend, in a
 * rotated order, and keeps each scenario's fastest round: on a shared machine whose speed drifts,
 * the best of several interleaved rounds compares the tools at the same speed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKENDS, POOL_SIZE, type BackendName } from './backends.js';
import { SCENARIOS } from './scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));
const size = process.argv.includes('--size') ? (process.argv[process.argv.indexOf('--size') + 1] as 'small' | 'large') : 'large';
const COMPARATORS = ['raw', 'sluice', 'drizzle', 'kysely'];
const rounds = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : 3;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a positive integer, got ${process.argv[process.argv.indexOf('--rounds') + 1]}`);

type Result = { digest?: string; avg?: number; p50?: number; skipped?: string; na?: string };
const all: Record<string, Record<string, Record<string, Result>>> = {};
/** The server version each server backend reported. */
const versions: Partial<Record<BackendName, string>> = {};
const skipped: string[] = [];
for (const backend of BACKENDS) {
  all[backend] = {};
  for (let round = 0; round < rounds; round++) {
  for (const comparator of [...COMPARATORS.slice(round % COMPARATORS.length), ...COMPARATORS.slice(0, round % COMPARATORS.length)]) {
    process.stderr.write(`${backend} / ${comparator} (round ${round + 1} of ${rounds}) ...\n`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'child.ts'), backend, comparator, size], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.trim().split('\n').pop()!;
    const parsed = JSON.parse(line) as { info?: { version?: string }; results: Record<string, Result> };
    const prev = all[backend]![comparator];
    if (prev === undefined) all[backend]![comparator] = parsed.results;
    else {
      // Keep each scenario's fastest round; its results must be the same every round.
      for (const [key, r] of Object.entries(parsed.results)) {
        const p = prev[key];
        if (p === undefined) prev[key] = r;
        else if (p.digest !== r.digest) throw new Error(`${backend} / ${comparator} / ${key}: results differ between rounds`);
        else if (r.avg !== undefined && (p.avg === undefined || r.avg < p.avg)) prev[key] = r;
      }
    }
    if (parsed.info?.version) versions[backend] = parsed.info.version;
    for (const [key, r] of Object.entries(parsed.results)) if (r.skipped !== undefined && round === 0) skipped.push(`${backend} / ${comparator} / ${key}: ${r.skipped}`);
  }
  }
}
if (skipped.length > 0) process.stderr.write(`Scenarios that failed (shown as "skipped"):\n${skipped.join('\n')}\n`);

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
let md = `# Benchmark results\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${size === 'small' ? ':ci' : ''}\` (dataset: ${size}); Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}. Mean time per operation (mitata), each comparator in its own process, the fastest of ${rounds} interleaved round${rounds > 1 ? 's' : ''}, results checked equal across comparators first. Ratios: sluice / raw driver, sluice / drizzle-orm 0.45 and sluice / Kysely 0.28 (below 1 is faster).\n`;
const about: Record<BackendName, () => string> = {
  'better-sqlite3': () => 'In memory, synchronous driver.',
  pglite: () => 'PGlite in memory (one connection, in process).',
  postgres: () => `${versions.postgres ?? 'PostgreSQL'} on this machine (\`SLUICE_PG_URL\`), through node-postgres: a \`pg.Pool\` of ${POOL_SIZE} connections (Kysely: \`PostgresDialect\` on that pool).`,
  mariadb: () =>
    `${versions.mariadb ?? 'MariaDB'} on this machine (\`SLUICE_MYSQL_URL\`), through mysql2: a \`mysql2/promise\` pool of ${POOL_SIZE} connections (Kysely: \`MysqlDialect\` on the same pool's callback side).`,
};
const cell = (r: Result | undefined) => (r?.skipped !== undefined ? 'skipped' : fmt(r?.avg));
for (const [backend, byComp] of Object.entries(all)) {
  md += `\n## ${backend}\n\n${about[backend as BackendName]()}\n\n| scenario | raw | sluice | drizzle-orm | kysely | sluice / raw | sluice / drizzle | sluice / kysely |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n`;
  for (const sc of SCENARIOS) {
    const r = byComp['raw']?.[sc.key]?.avg;
    const s = byComp['sluice']?.[sc.key]?.avg;
    const d = byComp['drizzle']?.[sc.key]?.avg;
    const k = byComp['kysely']?.[sc.key]?.avg;
    md += `| ${sc.title} | ${cell(byComp['raw']?.[sc.key])} | ${cell(byComp['sluice']?.[sc.key])} | ${cell(byComp['drizzle']?.[sc.key])} | ${cell(byComp['kysely']?.[sc.key])} | ${ratio(s, r)} | ${ratio(s, d)} | ${ratio(s, k)} |\n`;
  }
}
const servers = (['postgres', 'mariadb'] as const).filter((b) => b in all);
const missing = (['postgres', 'mariadb'] as const).filter((b) => !(b in all));
md += `
## Notes

- Backends measured in this run: ${Object.keys(all).join(', ')}.${missing.length > 0 ? ` Not measured: ${missing.map((b) => `${b} (\`${b === 'postgres' ? 'SLUICE_PG_URL' : 'SLUICE_MYSQL_URL'}\` not set)`).join(', ')}.` : ''}
- The server backends (PostgreSQL through node-postgres, MariaDB/MySQL through mysql2) run when \`SLUICE_PG_URL\` / \`SLUICE_MYSQL_URL\` are set. Each child process (one comparator on one backend) creates a \`bench_<random>\` database on the server, loads the dataset into it, and drops it when it exits, so comparators never share state.${servers.length > 0 ? ' The servers ran on the same machine as the benchmark, so their timings include a loopback round trip and share the CPUs with it.' : ''}
- "8 / 32 queries in flight": that many "select by primary key, built per call" started at once and awaited together (\`Promise.all\`); the time is one batch's. They need a pool of connections, so they are measured on the server backends only (n/a on the embedded ones).
- raw on the server backends: node-postgres \`pool.query(text, values)\` and mysql2 \`pool.query(sql, values)\` per call; "prepared" is a named statement on node-postgres (\`{ name, text, values }\`) and \`pool.execute()\` (a server-side prepared statement) on mysql2. sluice's and drizzle-orm's "prepared" is their own \`.prepare()\`, whatever it sends to the driver. On better-sqlite3, raw, sluice and drizzle-orm read the prepared row synchronously (\`statement.get()\`, \`prepared.get()\`); Kysely has no prepared statements and builds that query per call.
- mariadb has no \`returning\`: "insert one row with returning" inserts and then selects the row by its insert id, as each tool's users do (sluice and drizzle-orm: \`$returningId()\`; raw: mysql2's \`insertId\`; Kysely: \`insertId\` from \`executeTakeFirst()\`); the 3-statement transaction takes the insert id the same way.
- Nested relational query on mariadb: sluice \`db.query.customers.findMany\`; drizzle-orm \`findMany\` in \`mode: 'planetscale'\` with the nested relations sorted by id in JS, because its \`default\` mode joins LATERAL and its nested \`orderBy\` uses a derived table that refers to the outer row, neither of which MariaDB supports; Kysely with a hand-written \`json_arrayagg(json_object(...) order by ...)\` helper, because \`jsonArrayFrom\` of \`kysely/helpers/mysql\` does not run on MariaDB (\`cast(... as json)\` and the same derived table); raw: three queries stitched in JS, as on the other backends.
`;
writeFileSync(join(here, '..', 'RESULTS.md'), md);
mkdirSync(join(here, '..', 'results'), { recursive: true });
writeFileSync(join(here, '..', 'results', `${Date.now()}.json`), JSON.stringify(all, null, 2));
console.log(md);
