/**
 * `npm run bench:types`: what type-checking a project costs as its schema grows. Generated
 * projects of 50, 200 and 500 tables, with v1 `relations()` and v2 `defineRelations()`, schema
 * only and with five typical queries per table (bench/types/generate.ts), each checked with
 * `tsc --extendedDiagnostics --noEmit` (TypeScript from node_modules). The same projects are
 * checked against drizzle-orm 0.45 (v1 relations; it has no `defineRelations`) and drizzle-orm's
 * 1.0 release candidate (v2; it dropped the v1 relational API) in the same run. sluice is checked
 * through its built declarations (dist/), as users get it, so `npm run build` runs first.
 *
 *   npm run bench:types                     # 50, 200 and 500 tables
 *   npm run bench:types -- --tables 50,200  # only prints
 *   npm run bench:types -- --jobs 1         # one tsc at a time (default 2)
 *   npm run bench:types -- --only sluice    # one tool (only prints)
 *
 * Writes the "Type-checking cost" section of bench/RESULTS.md when run with the default sizes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProject, type ProjectSpec, type RelationsApi } from './generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const defaultSizes = [50, 200, 500];

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${what} takes positive integers, got ${text}`);
  return n;
}
const sizes =
  argument('tables')
    ?.split(',')
    .map((t) => positive(t, 'tables')) ?? defaultSizes;
const jobs = positive(argument('jobs') ?? '2', 'jobs');

const modules = join(root, 'node_modules');
const pkgVersion = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const drizzleDir = realpathSync(join(modules, 'drizzle-orm'));
const rcDir = realpathSync(join(modules, 'drizzle-orm-rc'));
const pglite = join(modules, '@electric-sql', 'pglite');

interface Tool {
  name: string;
  /** What `drizzle-orm`/`sluice` resolves to in the project. */
  packages: Record<string, string>;
  orm: ProjectSpec['orm'];
  apis: RelationsApi[];
}
const allTools: Tool[] = [
  { name: 'sluice', orm: 'sluice', packages: { sluice: root }, apis: ['v1', 'v2'] },
  { name: `drizzle-orm ${pkgVersion(drizzleDir)}`, orm: 'drizzle-orm', packages: { 'drizzle-orm': drizzleDir }, apis: ['v1'] },
  { name: `drizzle-orm ${pkgVersion(rcDir)}`, orm: 'drizzle-orm', packages: { 'drizzle-orm': rcDir }, apis: ['v2'] },
];
const only = argument('only');
const tools = only === undefined ? allTools : allTools.filter((t) => t.name.startsWith(only));
if (tools.length === 0) throw new Error(`--only ${only} names none of ${allTools.map((t) => t.name).join(', ')}`);

interface Measure {
  instantiations: number;
  types: number;
  memoryKb: number;
  seconds: number;
}
interface Case {
  tool: Tool;
  spec: ProjectSpec;
  dir: string;
  result?: Measure;
  error?: string;
}

const tsc = join(modules, 'typescript', 'bin', 'tsc');
const typescriptVersion = pkgVersion(join(modules, 'typescript'));

function diagnostic(out: string, label: string): number {
  const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out);
  if (!m) throw new Error(`tsc printed no "${label}"`);
  return Number(m[1]);
}

function check(c: Case): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', tsc, '--extendedDiagnostics', '--noEmit', '-p', c.dir], { cwd: c.dir });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      // A project that does not compile measures nothing worth comparing: report its first errors.
      if (code !== 0 || /error TS\d+/.test(out))
        c.error =
          out
            .split('\n')
            .filter((l) => /error TS/.test(l))
            .slice(0, 3)
            .join('\n') || `tsc exited with ${code}`;
      else {
        c.result = {
          instantiations: diagnostic(out, 'Instantiations'),
          types: diagnostic(out, 'Types'),
          memoryKb: diagnostic(out, 'Memory used'),
          seconds: diagnostic(out, 'Check time'),
        };
      }
      done();
    });
  });
}

async function runAll(cases: Case[]): Promise<void> {
  // The largest projects first, so that two slow ones do not end up last on one core.
  const queue = [...cases].sort((a, b) => b.spec.tables - a.spec.tables);
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const start = Date.now();
      await check(c);
      const what = c.result ? `${c.result.instantiations.toLocaleString('en-US')} instantiations` : `failed: ${c.error}`;
      console.error(`${c.tool.name} ${c.spec.api} ${c.spec.tables} tables ${c.spec.queries ? 'with queries' : 'schema only'}: ${what} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

const millions = (n: number) => `${(n / 1e6).toFixed(2)}M`;
const thousands = (n: number) => `${(n / 1e3).toFixed(0)}k`;

const base = mkdtempSync(join(tmpdir(), 'sluice-bench-types-'));
try {
  const cases: Case[] = [];
  for (const tool of tools) {
    for (const api of tool.apis) {
      for (const tables of sizes) {
        for (const queries of [false, true]) {
          const spec: ProjectSpec = { tables, api, queries, orm: tool.orm };
          const dir = join(base, `${tool.orm}-${cases.length}`);
          writeProject(dir, spec, { ...tool.packages, '@electric-sql/pglite': pglite });
          cases.push({ tool, spec, dir });
        }
      }
    }
  }
  await runAll(cases);
  const section = report(cases);
  console.log(section);
  if (sizes.join(',') === defaultSizes.join(',') && only === undefined) writeSection(section);
} finally {
  rmSync(base, { recursive: true, force: true });
}

function report(cases: Case[]): string {
  const find = (tool: Tool, api: RelationsApi, tables: number, queries: boolean) => cases.find((c) => c.tool === tool && c.spec.api === api && c.spec.tables === tables && c.spec.queries === queries)?.result;
  const rows: string[] = [];
  for (const api of ['v1', 'v2'] as const) {
    for (const queries of [false, true]) {
      for (const tables of sizes) {
        for (const tool of tools.filter((t) => t.apis.includes(api))) {
          const c = cases.find((x) => x.tool === tool && x.spec.api === api && x.spec.tables === tables && x.spec.queries === queries)!;
          const kind = queries ? 'with queries' : 'schema only';
          if (!c.result) {
            rows.push(`| ${api} | ${kind} | ${tables} | ${tool.name} | failed | | | | | |`);
            continue;
          }
          const r = c.result;
          const smaller = sizes.filter((s) => s < tables).at(-1);
          const prev = smaller === undefined ? undefined : find(tool, api, smaller, queries);
          const growth = prev ? `${(r.instantiations / prev.instantiations).toFixed(2)}x` : '';
          const comparator = tools.find((t) => t !== allTools[0] && t.apis.includes(api));
          const theirs = tool === allTools[0] && comparator ? find(comparator, api, tables, queries) : undefined;
          const ratio = theirs ? `${(r.instantiations / theirs.instantiations).toFixed(2)}x` : '';
          rows.push(`| ${api} | ${kind} | ${tables} | ${tool.name} | ${millions(r.instantiations)} | ${growth} | ${ratio} | ${thousands(r.types)} | ${Math.round(r.memoryKb / 1024)} MB | ${r.seconds.toFixed(1)} s |`);
        }
      }
    }
  }
  const targets = targetLines(cases, find);
  const failures = cases.filter((c) => c.error).map((c) => `- ${c.tool.name} ${c.spec.api} ${c.spec.tables} tables${c.spec.queries ? ' with queries' : ''}: ${c.error}`);
  return [
    '## Type-checking cost',
    '',
    `\`npm run bench:types\`: generated PostgreSQL projects of N tables (10 columns each; every table has a parent one-relation and a children many-relation), with v1 \`relations()\` or v2 \`defineRelations()\`, schema and \`drizzle()\` only or with five typical queries per table (select with where, insert, update, \`findMany\` with \`with\`, \`findFirst\` with columns and where). Each project is checked with \`tsc --extendedDiagnostics --noEmit\` (TypeScript ${typescriptVersion}, \`skipLibCheck\`); sluice through its built declarations. drizzle-orm ${pkgVersion(drizzleDir)} has only v1 relations and ${pkgVersion(rcDir)} only v2, so each is compared on its API. Growth: instantiations against the next smaller size; vs drizzle: sluice's instantiations over the drizzle-orm release's on the same project. Node ${process.version}.`,
    '',
    '| relations | project | tables | tool | instantiations | growth | vs drizzle | types | memory | check time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(targets.length ? ['', ...targets] : []),
    ...(failures.length ? ['', 'Projects that did not compile:', '', ...failures] : []),
  ].join('\n');
}

/**
 * The issue's targets, on v1 relations with queries (where the cost used to grow with the square
 * of the table count): 500 tables at most 2.7x the 200-table project, and at most 0.35x
 * drizzle-orm 0.45's instantiations.
 */
function targetLines(cases: Case[], find: (tool: Tool, api: RelationsApi, tables: number, queries: boolean) => Measure | undefined): string[] {
  const ours = allTools[0]!;
  const theirs = allTools[1]!;
  const at500 = find(ours, 'v1', 500, true);
  const at200 = find(ours, 'v1', 200, true);
  const drizzle500 = find(theirs, 'v1', 500, true);
  const verdict = (value: number, limit: number) => `${value.toFixed(2)}x (target at most ${limit}x: ${value <= limit ? 'met' : `missed by ${(value - limit).toFixed(2)}x`})`;
  const lines: string[] = [];
  if (at500 && at200) lines.push(`- sluice, v1 with queries, 500 tables against 200: ${verdict(at500.instantiations / at200.instantiations, 2.7)}`);
  if (at500 && drizzle500) lines.push(`- sluice against ${theirs.name}, v1 with queries, 500 tables: ${verdict(at500.instantiations / drizzle500.instantiations, 0.35)}`);
  return lines;
}

/** Replaces the section in bench/RESULTS.md, or puts it before the "Migration kit" section. */
function writeSection(section: string): void {
  const file = join(root, 'bench', 'RESULTS.md');
  const current = readFileSync(file, 'utf8');
  const heading = '\n## Type-checking cost';
  const at = current.indexOf(heading);
  let next: string;
  if (at >= 0) {
    const end = current.indexOf('\n## ', at + heading.length);
    next = `${current.slice(0, at).trimEnd()}\n\n${section}\n${end < 0 ? '' : `\n${current.slice(end + 1)}`}`;
  } else {
    const kit = current.indexOf('\n## Migration kit');
    next = kit < 0 ? `${current.trimEnd()}\n\n${section}\n` : `${current.slice(0, kit).trimEnd()}\n\n${section}\n\n${current.slice(kit + 1)}`;
  }
  writeFileSync(file, next);
}
