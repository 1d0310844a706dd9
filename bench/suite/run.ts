/**
 * `npm run bench`: every comparator on every available backend, each in its own process. Results
 * are checked equal across comparators before any timing is reported; writes bench/RESULTS.md and
 * bench/results/<time>.json.
 *
 *   npm run bench            # large dataset
 *   npm run bench:ci         # small dataset, fewer cycles
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
 * How it measures: on each backend, one process per comparator is started and kept alive. For
 * each scenario, the processes are asked in turn for a batch of about `--batch-ms` (default 100)
 * of mitata samples, `--cycles` times (default 10; bench:ci uses 6), after one warm-up batch each
 * (and, once per process, two seconds of the read scenarios, untimed),
 * and in a rotated order. A comparator's time is the median of its batches. Because the batches
 * of every comparator alternate within the same few seconds, a machine whose speed drifts (a
 * shared VM, a database server on the same CPUs) slows them alike, and the ratios stay
 * comparable; the per-cycle ratios are kept too, and their spread is reported for close calls.
 * `--rounds N` (default 1; `npm run bench` uses 2) repeats all of it with fresh processes and pools
 * the batches: a server round trip's speed also depends on the process (how its connections'
 * server threads and the CPUs' idle states line up), which no interleaving within one set of
 * processes evens out.
 *
 * A partial run, for diagnosis, prints its table and writes only the JSON:
 *
 *   npm run bench:ci -- --backends pglite --scenarios selectById,page
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BACKENDS, POOL_SIZE, type BackendName } from './backends.js';
import type { CheckResult, Command } from './child.js';
import { SCENARIOS, type ScenarioKey } from './scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));
const COMPARATORS = ['raw', 'sluice', 'drizzle', 'kysely'] as const;
type Comparator = (typeof COMPARATORS)[number];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}
function positiveInt(name: string, fallback: number): number {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got ${v}`);
  return n;
}
function subset<T extends string>(name: string, all: readonly T[]): T[] {
  const v = option(name);
  if (v === undefined) return [...all];
  const picked = v.split(',');
  for (const p of picked) if (!all.includes(p as T)) throw new Error(`--${name}: unknown or unavailable "${p}" (choose from ${all.join(', ')})`);
  return picked as T[];
}

const size = (option('size') ?? 'large') as 'small' | 'large';
if (size !== 'small' && size !== 'large') throw new Error(`--size is small or large, got ${size}`);
const cycles = positiveInt('cycles', 10);
const rounds = positiveInt('rounds', 1);
const batchMs = positiveInt('batch-ms', 100);
const backends = subset('backends', BACKENDS);
const scenarioKeys = subset(
  'scenarios',
  SCENARIOS.map((s) => s.key),
);
const partial = backends.length < BACKENDS.length || scenarioKeys.length < SCENARIOS.length;
/** How long each process runs the read scenarios, untimed, before its first batch. */
const WARM_MS = 2000;
/** The scenarios that take milliseconds per call: their batches run longer with fewer samples. */
const HEAVY = new Set<ScenarioKey>(['bulkInsert', 'relational']);

/** A comparator's process: one request at a time, one JSON line back. */
class Worker {
  private readonly lines: AsyncIterator<string>;
  constructor(
    readonly name: Comparator,
    private readonly proc: ChildProcess,
  ) {
    this.lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  }
  static async start(backend: BackendName, name: Comparator): Promise<{ worker: Worker; info: { version?: string } }> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(here, 'child.ts'), backend, name, size], { stdio: ['pipe', 'pipe', 'inherit'] });
    const worker = new Worker(name, proc);
    const ready = (await worker.read()) as { ready?: boolean; info: { version?: string } };
    if (!ready.ready) throw new Error(`${backend} / ${name}: did not start`);
    return { worker, info: ready.info };
  }
  private async read(): Promise<Record<string, unknown>> {
    const next = await this.lines.next();
    if (next.done) throw new Error(`${this.name}: the process ended without answering`);
    const msg = JSON.parse(next.value) as Record<string, unknown>;
    if (typeof msg.error === 'string') throw new Error(`${this.name}: ${msg.error}`);
    return msg;
  }
  request(cmd: Command): Promise<Record<string, unknown>> {
    this.proc.stdin!.write(`${JSON.stringify(cmd)}\n`);
    return this.read();
  }
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.stdin!.write(`${JSON.stringify({ op: 'exit' } satisfies Command)}\n`);
    this.proc.stdin!.end();
    await exited;
  }
  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
  }
}

type Result = CheckResult & { median?: number; batches?: number[] };
const all: Partial<Record<BackendName, Partial<Record<Comparator, Record<string, Result>>>>> = {};
const versions: Partial<Record<BackendName, string>> = {};
const skipped: string[] = [];
const live: Worker[] = [];
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const w of live) w.kill();
    process.exit(130);
  });
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

try {
  for (const backend of backends) {
    const byComp: Partial<Record<Comparator, Record<string, Result>>> = {};
    all[backend] = byComp;
    for (let round = 0; round < rounds; round++) {
      // Started one after another, so loading the dataset never overlaps a measurement.
      const workers: Worker[] = [];
      const checks: Partial<Record<Comparator, Record<string, CheckResult>>> = {};
      for (const name of COMPARATORS) {
        process.stderr.write(`${backend} / ${name}: loading${rounds > 1 ? ` (round ${round + 1} of ${rounds})` : ''}\n`);
        const { worker, info } = await Worker.start(backend, name);
        live.push(worker);
        workers.push(worker);
        if (info.version) versions[backend] = info.version;
        checks[name] = ((await worker.request({ op: 'check' })) as { check: Record<string, CheckResult> }).check;
        if (round === 0) {
          byComp[name] = Object.fromEntries(Object.entries(checks[name]!).map(([k, r]) => [k, { ...r }]));
          for (const [key, r] of Object.entries(checks[name]!)) if (r.skipped !== undefined) skipped.push(`${backend} / ${name} / ${key}: ${r.skipped}`);
        }
      }

      // Equal results before trusting any number: across comparators, and with the first round.
      const mismatches: string[] = [];
      for (const sc of SCENARIOS.filter((s) => s.checked)) {
        const digests = COMPARATORS.filter((c) => checks[c]![sc.key]?.digest !== undefined);
        const first = digests[0] === undefined ? undefined : checks[digests[0]]![sc.key]!.digest;
        for (const c of digests) if (checks[c]![sc.key]!.digest !== first) mismatches.push(`${backend} / ${sc.key}: ${c} differs from ${digests[0]}`);
        for (const c of COMPARATORS) if (checks[c]![sc.key]?.digest !== byComp[c]![sc.key]?.digest) mismatches.push(`${backend} / ${sc.key}: ${c} differs between rounds`);
      }
      if (mismatches.length > 0) throw new Error(`Results differ:\n${mismatches.join('\n')}`);

      for (const w of workers) await w.request({ op: 'warm', ms: WARM_MS });

      for (const sc of SCENARIOS.filter((s) => scenarioKeys.includes(s.key))) {
        const running = workers.filter((w) => {
          const r = byComp[w.name]![sc.key]!;
          return r.na === undefined && r.skipped === undefined;
        });
        if (running.length === 0) continue;
        process.stderr.write(`${backend} / ${sc.key}: ${cycles} cycles of ${running.map((w) => w.name).join(', ')}\n`);
        const heavy = HEAVY.has(sc.key);
        const cmd: Command = { op: 'measure', key: sc.key, ms: heavy ? batchMs * 2 : batchMs, heavy };
        for (const w of running) await w.request(cmd); // warm-up batch, not kept
        for (let c = 0; c < cycles; c++) {
          const order = [...running.slice(c % running.length), ...running.slice(0, c % running.length)];
          for (const w of order) {
            const avg = ((await w.request(cmd)) as { avg: number }).avg;
            const r = byComp[w.name]![sc.key]!;
            (r.batches ??= []).push(avg);
          }
        }
      }
      for (const w of workers) await w.stop();
      live.length = 0;
    }
    for (const results of Object.values(byComp)) for (const r of Object.values(results!)) if (r.batches) r.median = median(r.batches);
  }
} catch (e) {
  for (const w of live) w.kill();
  console.error((e as Error).message);
  process.exit(1);
}
if (skipped.length > 0) process.stderr.write(`Scenarios that failed (shown as "skipped"):\n${skipped.join('\n')}\n`);

const fmt = (ns: number | undefined) => (ns === undefined ? 'n/a' : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`);
/** sluice's batch over the other comparator's batch of the same cycle: first quartile, median, third quartile. */
function pairedRatios(s: Result | undefined, o: Result | undefined): [number, number, number] | undefined {
  if (!s?.batches || !o?.batches || s.batches.length !== o.batches.length) return undefined;
  const r = s.batches.map((x, i) => x / o.batches![i]!).sort((a, b) => a - b);
  const q = (p: number) => r[Math.min(r.length - 1, Math.round(p * (r.length - 1)))]!;
  return [q(0.25), median(r), q(0.75)];
}

let md = `# Benchmark results

Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${size === 'small' ? ':ci' : ''}\` (dataset: ${size}); Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}. Each comparator runs in its own process; results are checked equal across comparators first. Each cell is the median of ${cycles * rounds} batches of mitata samples (about ${batchMs} ms each), taken in turn with the other comparators' batches${rounds > 1 ? `, from ${rounds} rounds of fresh processes` : ''}. Ratios: sluice / raw driver, sluice / drizzle-orm 0.45 and sluice / Kysely 0.28 (below 1 is faster).
`;
const about: Record<BackendName, () => string> = {
  'better-sqlite3': () => 'In memory, synchronous driver.',
  pglite: () => 'PGlite in memory (one connection, in process).',
  postgres: () => `${versions.postgres ?? 'PostgreSQL'} on this machine (\`SLUICE_PG_URL\`), through node-postgres: a \`pg.Pool\` of ${POOL_SIZE} connections (Kysely: \`PostgresDialect\` on that pool).`,
  mariadb: () => `${versions.mariadb ?? 'MariaDB'} on this machine (\`SLUICE_MYSQL_URL\`), through mysql2: a \`mysql2/promise\` pool of ${POOL_SIZE} connections (Kysely: \`MysqlDialect\` on the same pool's callback side).`,
};
const cell = (r: Result | undefined) => (r?.skipped !== undefined ? 'skipped' : fmt(r?.median));
const shown = SCENARIOS.filter((s) => scenarioKeys.includes(s.key));
for (const [backend, byComp] of Object.entries(all) as [BackendName, Partial<Record<Comparator, Record<string, Result>>>][]) {
  md += `\n## ${backend}\n\n${about[backend]()}\n\n| scenario | raw | sluice | drizzle-orm | kysely | sluice / raw | sluice / drizzle | sluice / kysely |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n`;
  for (const sc of shown) {
    const [r, s, d, k] = COMPARATORS.map((c) => byComp[c]?.[sc.key]);
    md += `| ${sc.title} | ${cell(r)} | ${cell(s)} | ${cell(d)} | ${cell(k)} | ${ratio(s?.median, r?.median)} | ${ratio(s?.median, d?.median)} | ${ratio(s?.median, k?.median)} |\n`;
  }
}

// The issue's targets, checked against this run.
const met: string[] = [];
const missed: string[] = [];
const judge = (ok: boolean, text: string) => (ok ? met : missed).push(text);
const title = (key: ScenarioKey) => SCENARIOS.find((s) => s.key === key)!.title;
for (const [backend, byComp] of Object.entries(all) as [BackendName, Partial<Record<Comparator, Record<string, Result>>>][]) {
  const m = (c: Comparator, key: ScenarioKey) => byComp[c]?.[key]?.median;
  const has = (key: ScenarioKey) => scenarioKeys.includes(key) && m('sluice', key) !== undefined;
  // Both ways of reading the row on better-sqlite3 are judged: synchronously, like the raw
  // statement, and awaited, which adds the promise machinery the raw call does not have.
  if (backend === 'better-sqlite3' && has('selectByIdSync') && m('raw', 'selectByIdSync') !== undefined) {
    const x = m('sluice', 'selectByIdSync')! / m('raw', 'selectByIdSync')!;
    judge(x <= 1.5, `${backend}: select by primary key built per call, read with the synchronous .get(), ${x.toFixed(2)}x raw (target at most 1.5x)`);
  }
  if (backend === 'better-sqlite3' && has('selectById') && m('raw', 'selectById') !== undefined) {
    const x = m('sluice', 'selectById')! / m('raw', 'selectById')!;
    judge(x <= 1.5, `${backend}: select by primary key built per call, awaited, ${x.toFixed(2)}x raw (target at most 1.5x)`);
  }
  if (has('selectByIdPrepared') && m('raw', 'selectByIdPrepared') !== undefined) {
    const x = m('sluice', 'selectByIdPrepared')! / m('raw', 'selectByIdPrepared')!;
    judge(x <= 1.05, `${backend}: prepared select by primary key, ${x.toFixed(2)}x raw (target at most 1.05x)`);
  }
  if (has('buildSelectById') && m('drizzle', 'buildSelectById') !== undefined) {
    const x = m('drizzle', 'buildSelectById')! / m('sluice', 'buildSelectById')!;
    judge(x >= 10, `${backend}: toSQL() of a select by id, ${x.toFixed(0)} times faster than drizzle-orm (target at least 10)`);
  }
  if (has('bulkInsert') && m('raw', 'bulkInsert') !== undefined) {
    const x = m('sluice', 'bulkInsert')! / m('raw', 'bulkInsert')!;
    judge(x <= 1.2, `${backend}: bulk insert of 10,000 rows, ${x.toFixed(2)}x raw (target at most 1.2x)`);
  }
  const slower: string[] = [];
  let compared = 0;
  for (const sc of shown) {
    for (const peer of ['drizzle', 'kysely'] as const) {
      const s = byComp.sluice?.[sc.key];
      const p = byComp[peer]?.[sc.key];
      if (s?.median === undefined || p?.median === undefined) continue;
      compared++;
      if (s.median > p.median) {
        const q = pairedRatios(s, p);
        slower.push(`${title(sc.key)}: ${(s.median / p.median).toFixed(2)}x ${peer === 'drizzle' ? 'drizzle-orm' : 'Kysely'}${q ? ` (per-cycle ratios ${q[0].toFixed(2)}–${q[2].toFixed(2)}, median ${q[1].toFixed(2)})` : ''}`);
      }
    }
  }
  if (compared > 0)
    judge(slower.length === 0, `${backend}: no slower than drizzle-orm and Kysely${slower.length === 0 ? ` (${compared} comparisons)` : ` in ${compared - slower.length} of ${compared} comparisons; slower in: ${slower.join('; ')}`}`);
}
md += `\n## Targets\n\n${met.length > 0 ? `Met:\n\n${met.map((t) => `- ${t}`).join('\n')}\n` : ''}${missed.length > 0 ? `\nMissed:\n\n${missed.map((t) => `- ${t}`).join('\n')}\n` : ''}${missed.length === 0 ? '\nNo target missed in this run.\n' : ''}`;

const servers = (['postgres', 'mariadb'] as const).filter((b) => b in all);
const missing = (['postgres', 'mariadb'] as const).filter((b) => !BACKENDS.includes(b));
md += `
## Notes

- Backends measured in this run: ${Object.keys(all).join(', ')}.${missing.length > 0 ? ` Not measured: ${missing.map((b) => `${b} (\`${b === 'postgres' ? 'SLUICE_PG_URL' : 'SLUICE_MYSQL_URL'}\` not set)`).join(', ')}.` : ''}
- How to read a close call: a ratio near 1 on a server backend is within the machine's noise. The per-cycle ratios (sluice's batch over the other tool's batch taken in the same cycle) show how far it moves; where their range spans 1, this run cannot tell the two apart.
- The server backends (PostgreSQL through node-postgres, MariaDB/MySQL through mysql2) run when \`SLUICE_PG_URL\` / \`SLUICE_MYSQL_URL\` are set. Each child process (one comparator on one backend) creates a \`bench_<random>\` database on the server, loads the dataset into it, and drops it when it exits, so comparators never share state.${servers.length > 0 ? ' The servers ran on the same machine as the benchmark, so their timings include a loopback round trip and share the CPUs with it.' : ''}
- "8 / 32 queries in flight": that many "select by primary key, built per call" started at once and awaited together (\`Promise.all\`); the time is one batch's. They need a pool of connections, so they are measured on the server backends only (n/a on the embedded ones). With ${POOL_SIZE} connections per pool (the four comparators' pools are open at once, within PostgreSQL's default limit of 100 connections), some of the 32 wait for a connection, as they do in an application whose pool is smaller than its bursts.
- On better-sqlite3, "built per call" is measured twice: awaited (\`await db.select()...\`), as on every backend, and read with the synchronous \`.get()\`, which sluice and drizzle-orm offer on this driver (Kysely has no synchronous API). The raw statement answers synchronously, so the awaited row also charges sluice, drizzle-orm and Kysely for the promises and the await of each call (the benchmark's included), which the raw call does not pay; the synchronous row compares like with like.
- raw on the server backends: node-postgres \`pool.query(text, values)\` and mysql2 \`pool.query(sql, values)\` per call; "prepared" is a named statement on node-postgres (\`{ name, text, values }\`) and \`pool.execute()\` (a server-side prepared statement) on mysql2. sluice's and drizzle-orm's "prepared" is their own \`.prepare()\`, whatever it sends to the driver. On better-sqlite3, raw, sluice and drizzle-orm read the prepared row synchronously (\`statement.get()\`, \`prepared.get()\`); Kysely has no prepared statements and builds that query per call.
- mariadb has no \`returning\`: "insert one row with returning" inserts and then selects the row by its insert id, as each tool's users do (sluice and drizzle-orm: \`$returningId()\`; raw: mysql2's \`insertId\`; Kysely: \`insertId\` from \`executeTakeFirst()\`); the 3-statement transaction takes the insert id the same way.
- Nested relational query on mariadb: sluice \`db.query.customers.findMany\`; drizzle-orm \`findMany\` in \`mode: 'planetscale'\` with the nested relations sorted by id in JS, because its \`default\` mode joins LATERAL and its nested \`orderBy\` uses a derived table that refers to the outer row, neither of which MariaDB supports; Kysely with a hand-written \`json_arrayagg(json_object(...) order by ...)\` helper, because \`jsonArrayFrom\` of \`kysely/helpers/mysql\` does not run on MariaDB (\`cast(... as json)\` and the same derived table); raw: three queries stitched in JS, as on the other backends.
`;
mkdirSync(join(here, '..', 'results'), { recursive: true });
writeFileSync(join(here, '..', 'results', `${Date.now()}.json`), JSON.stringify({ size, cycles, rounds, batchMs, versions, results: all }, null, 2));
if (partial) process.stderr.write('A partial run (--backends or --scenarios): bench/RESULTS.md is left as it was.\n');
else {
  // The type-checking cost, seeding and migration kit sections come from `npm run bench:types`,
  // `npm run bench:seed` and `npm run bench:kit` and outlive this run: everything from the first of them down is kept.
  const file = join(here, '..', 'RESULTS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = ['\n## Type-checking cost', '\n## Seeding', '\n## Migration kit'].map((h) => previous.indexOf(h)).filter((i) => i >= 0);
  const from = kept.length === 0 ? -1 : Math.min(...kept);
  writeFileSync(file, from < 0 ? md : `${md.trimEnd()}\n${previous.slice(from)}`);
}
console.log(md);
