/**
 * `npm run bench:kit`: the migration kit against drizzle-kit, in the same run, on generated
 * PostgreSQL schemas (N tables of 10 columns, an index and a foreign key each). Each tool runs
 * as users run it, a CLI process in a project folder, so the times include starting Node and
 * loading the TypeScript schema. Runs alternate between the tools; the median is reported.
 *
 *   npm run bench:kit                       # 1,000 tables, 3 runs each
 *   npm run bench:kit -- --tables 200 --runs 5
 *
 * With `SLUICE_PG_URL` set it also times `pull` and a no-change `push` against the PostgreSQL
 * server, each tool on a database its own migrations made (drizzle-kit's once: `--slow-runs N`).
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
// drizzle-kit's pull and push read the catalog table by table (minutes at 1,000 tables).
const slowRuns = option('slow-runs', 1);
const pgUrl = process.env.SLUICE_PG_URL;

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
  return `${lines.join('\n')}\n`;
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

function time(tool: Tool, expect?: RegExp): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(tool.command[0]!, tool.command.slice(1), { cwd: tool.dir, encoding: 'utf8', input: '', timeout: 20 * 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${tool.name} ${tool.command.slice(1).join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  // A push that found changes, or a pull that wrote nothing, would time something else.
  if (expect !== undefined && !expect.test(r.stdout + r.stderr)) throw new Error(`${tool.name} ${tool.command.slice(1).join(' ')} did not report ${expect}:\n${r.stdout}\n${r.stderr}`);
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
      else if (f.name.endsWith('.sql'))
        n += readFileSync(join(d, f.name), 'utf8')
          .split('--> statement-breakpoint')
          .filter((s) => s.trim()).length;
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
  const introspection = pgUrl === undefined ? undefined : await measureIntrospection(pgUrl, sluiceDir, drizzleDir);
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
    ...(introspection === undefined
      ? ['', 'pull and push: not measured (`SLUICE_PG_URL` not set).']
      : [
          `| \`pull\` (${introspection.counts.sluice} / ${introspection.counts.drizzle} runs) | ${(median(introspection.pull.sluice) / 1000).toFixed(2)} s | ${(median(introspection.pull.drizzle) / 1000).toFixed(2)} s | ${(median(introspection.pull.drizzle) / median(introspection.pull.sluice)).toFixed(1)}x |`,
          `| \`push\`, no changes (${introspection.counts.sluice} / ${introspection.counts.drizzle} runs) | ${(median(introspection.push.sluice) / 1000).toFixed(2)} s | ${(median(introspection.push.drizzle) / 1000).toFixed(2)} s | ${(median(introspection.push.drizzle) / median(introspection.push.sluice)).toFixed(1)}x |`,
          '',
          `pull and push ran against the PostgreSQL server at \`SLUICE_PG_URL\` (${introspection.server}), each tool on a database its own migrations made; drizzle-kit's ${slowRuns === 1 ? 'once' : `${slowRuns} times`}, since each of its runs takes minutes.`,
        ]),
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

/**
 * pull and a no-change push on the server: each tool's generated migrations are applied to a
 * database of its own, then each tool reads its database back.
 */
async function measureIntrospection(url: string, sluiceDir: string, drizzleDir: string) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client(url);
  await admin.connect();
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const names = { sluice: `bench_kit_sluice_${suffix}`, drizzle: `bench_kit_drizzle_${suffix}` };
  const dbUrl = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  try {
    const server = String(((await admin.query('show server_version')).rows[0] as { server_version: string }).server_version);
    for (const name of Object.values(names)) await admin.query(`create database ${name}`);
    writeFileSync(
      join(sluiceDir, 'db.config.ts'),
      `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(dbUrl(names.sluice))} } });\n`,
    );
    writeFileSync(
      join(sluiceDir, 'pull.config.ts'),
      `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './pulled/schema.ts', out: './pulled', dbCredentials: { url: ${JSON.stringify(dbUrl(names.sluice))} } });\n`,
    );
    writeFileSync(
      join(drizzleDir, 'db.config.ts'),
      `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(dbUrl(names.drizzle))} } });\n`,
    );
    writeFileSync(
      join(drizzleDir, 'pull.config.ts'),
      `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './pulled/schema.ts', out: './pulled', dbCredentials: { url: ${JSON.stringify(dbUrl(names.drizzle))} } });\n`,
    );
    const sluiceCli = (...args: string[]): Tool => ({ name: 'sluice', dir: sluiceDir, command: ['node', join(root, 'dist', 'kit', 'cli', 'main.js'), ...args] });
    const drizzleCli = (...args: string[]): Tool => ({ name: 'drizzle-kit', dir: drizzleDir, command: [join(root, 'node_modules', '.bin', 'drizzle-kit'), ...args] });
    time(sluiceCli('migrate', '--config', 'db.config.ts'));
    time(drizzleCli('migrate', '--config', 'db.config.ts'));
    const pull = { sluice: [] as number[], drizzle: [] as number[] };
    const push = { sluice: [] as number[], drizzle: [] as number[] };
    for (let r = 0; r < Math.max(runs, slowRuns); r++) {
      if (r < runs) {
        rmSync(join(sluiceDir, 'pulled'), { recursive: true, force: true });
        pull.sluice.push(time(sluiceCli('pull', '--config', 'pull.config.ts'), /Wrote/));
        push.sluice.push(time(sluiceCli('push', '--config', 'db.config.ts'), /No changes/));
        process.stderr.write(`run ${r + 1} sluice: pull ${pull.sluice.at(-1)!.toFixed(0)} ms, push ${push.sluice.at(-1)!.toFixed(0)} ms\n`);
      }
      if (r < slowRuns) {
        rmSync(join(drizzleDir, 'pulled'), { recursive: true, force: true });
        pull.drizzle.push(time(drizzleCli('pull', '--config', 'pull.config.ts'), /schema\.ts|introspected/i));
        push.drizzle.push(time(drizzleCli('push', '--config', 'db.config.ts'), /No changes detected/i));
        process.stderr.write(`run ${r + 1} drizzle-kit: pull ${pull.drizzle.at(-1)!.toFixed(0)} ms, push ${push.drizzle.at(-1)!.toFixed(0)} ms\n`);
      }
    }
    return { server, pull, push, counts: { sluice: runs, drizzle: slowRuns } };
  } finally {
    for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
