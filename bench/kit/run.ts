/**
 * `npm run bench:kit`: the migration kit against drizzle-kit, in the same run, on generated
 * PostgreSQL schemas (N tables of 10 columns, an index and a foreign key each). Each tool runs
 * as users run it, a CLI process in a project folder, so the times include starting Node and
 * loading the TypeScript schema. Runs alternate between the tools; the median is reported.
 *
 *   npm run bench:kit                       # 1,000 tables, 3 runs each
 *   npm run bench:kit -- --tables 200 --runs 5
 *
 * Writes the "Migration kit" section of bench/RESULTS.md (a partial run with --tables other than
 * 1000 only prints).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got ${process.argv[i + 1]}`);
  return n;
}
const tables = option('tables', 1000);
const runs = option('runs', 3);

/** The schema module, importing from `orm` (`sluice` or `drizzle-orm`). */
function schemaSource(orm: string, n: number): string {
  const lines = [`import { boolean, index, integer, numeric, pgTable, serial, text, timestamp, varchar } from '${orm}/pg-core';`, ''];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? '' : `.references(() => t${i - 1}.id, { onDelete: 'cascade' })`;
    lines.push(
      `export const t${i} = pgTable('table_${i}', {`,
      `  id: serial('id').primaryKey(),`,
      `  parentId: integer('parent_id')${parent},`,
      `  name: varchar('name', { length: 120 }).notNull(),`,
      `  email: text('email').notNull().unique(),`,
      `  score: integer('score').default(0),`,
      `  price: numeric('price', { precision: 10, scale: 2 }),`,
      `  active: boolean('active').notNull().default(true),`,
      `  note: text('note'),`,
      `  createdAt: timestamp('created_at').notNull().defaultNow(),`,
      `  updatedAt: timestamp('updated_at'),`,
      `}, (t) => [index('table_${i}_name_idx').on(t.name)]);`,
    );
  }
  return lines.join('\n') + '\n';
}

interface Tool {
  name: string;
  dir: string;
  command: string[];
}

function project(base: string, name: string, orm: string, configFile: string, config: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'schema.ts'), schemaSource(orm, tables));
  writeFileSync(join(dir, configFile), config);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  mkdirSync(join(dir, 'node_modules'));
  for (const pkg of ['drizzle-orm', 'drizzle-kit']) symlinkSync(join(root, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
  symlinkSync(root, join(dir, 'node_modules', 'sluice'), 'dir');
  return dir;
}

function time(tool: Tool): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(tool.command[0]!, tool.command.slice(1), { cwd: tool.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${tool.name} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Both tools' migration folders hold the same number of statements, or the comparison is void. */
function statementCount(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(d, f.name));
      else if (f.name.endsWith('.sql')) n += readFileSync(join(d, f.name), 'utf8').split('--> statement-breakpoint').filter((s) => s.trim()).length;
    }
  };
  walk(dir);
  return n;
}

if (!existsSync(join(root, 'dist', 'kit', 'cli', 'main.js'))) throw new Error('build first: npm run build');
const base = mkdtempSync(join(tmpdir(), 'sluice-bench-kit-'));
try {
  const sluiceDir = project(base, 'sluice-app', 'sluice', 'sluice.config.ts', `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle' });\n`);
  const drizzleDir = project(base, 'drizzle-app', 'drizzle-orm', 'drizzle.config.ts', `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle' });\n`);
  const sluice: Tool = { name: 'sluice', dir: sluiceDir, command: ['node', join(root, 'dist', 'kit', 'cli', 'main.js'), 'generate'] };
  const drizzle: Tool = { name: 'drizzle-kit', dir: drizzleDir, command: [join(root, 'node_modules', '.bin', 'drizzle-kit'), 'generate'] };

  const results: Record<string, { first: number[]; again: number[] }> = { sluice: { first: [], again: [] }, 'drizzle-kit': { first: [], again: [] } };
  for (let r = 0; r < runs; r++) {
    for (const tool of r % 2 === 0 ? [sluice, drizzle] : [drizzle, sluice]) {
      rmSync(join(tool.dir, 'drizzle'), { recursive: true, force: true });
      results[tool.name]!.first.push(time(tool));
      results[tool.name]!.again.push(time(tool));
      process.stderr.write(`run ${r + 1}/${runs} ${tool.name}: ${results[tool.name]!.first.at(-1)!.toFixed(0)} ms, no change ${results[tool.name]!.again.at(-1)!.toFixed(0)} ms\n`);
    }
  }
  const counts = { sluice: statementCount(join(sluiceDir, 'drizzle')), drizzle: statementCount(join(drizzleDir, 'drizzle')) };
  if (counts.sluice !== counts.drizzle) throw new Error(`the tools wrote different numbers of statements: sluice ${counts.sluice}, drizzle-kit ${counts.drizzle}`);

  const row = (label: string, key: 'first' | 'again') => {
    const s = median(results.sluice![key]);
    const d = median(results['drizzle-kit']![key]);
    return `| ${label} | ${(s / 1000).toFixed(2)} s | ${(d / 1000).toFixed(2)} s | ${(d / s).toFixed(1)}x |`;
  };
  const version = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const section = [
    '## Migration kit',
    '',
    `\`npm run bench:kit\`: PostgreSQL schema of ${tables} tables (10 columns, an index and a foreign key each; ${counts.sluice} statements), each tool run as a CLI process in its own project, median of ${runs} alternating runs. drizzle-kit ${version('drizzle-kit')} with drizzle-orm ${version('drizzle-orm')}; Node ${process.version}.`,
    '',
    '| command | sluice | drizzle-kit | drizzle-kit / sluice |',
    '| --- | --- | --- | --- |',
    row('`generate`, first migration', 'first'),
    row('`generate`, no changes', 'again'),
    '',
  ].join('\n');
  console.log(section);
  if (tables === 1000) {
    const file = join(root, 'bench', 'RESULTS.md');
    const current = readFileSync(file, 'utf8');
    const at = current.indexOf('\n## Migration kit');
    writeFileSync(file, `${at < 0 ? current.trimEnd() : current.slice(0, at).trimEnd()}\n\n${section}`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
