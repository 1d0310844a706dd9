/**
 * `npm run bench:seed`: how fast `seed()` (sluice/seed) fills a 10-table schema with foreign keys
 * (bench/seed/schema.ts, 100,000 rows in all). PGlite and better-sqlite3 always run, in memory;
 * PostgreSQL (node-postgres) and MariaDB/MySQL (mysql2) when their URLs are set, each in a
 * database of its own that is dropped afterwards:
 *
 *   SLUICE_PG_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   SLUICE_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench:seed
 *
 * Each backend seeds an empty schema `--runs` times (default 2, emptied by `reset()` between
 * runs); the best run is reported, with rows per second. Writes the "Seeding" section of
 * bench/RESULTS.md (before "Migration kit", which `npm run bench:kit` rewrites to the end).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as pglite } from 'sluice/pglite';
import { reset, seed } from 'sluice/seed';
import { ddlFor, SPEC, tablesFor, type Dialect } from './schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg < 0 ? 2 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, got ${process.argv[runsArg + 1]}`);

const TOTAL = SPEC.reduce((sum, s) => sum + s.rows, 0);

interface Backend {
  name: string;
  dialect: Dialect;
  open(): Promise<{ db: unknown; exec(sql: string): Promise<void>; count(): Promise<number>; close(): Promise<void> }>;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const backends: Backend[] = [
  {
    name: 'pglite',
    dialect: 'pg',
    open: async () => {
      const client = new PGlite();
      return {
        db: pglite({ client }),
        exec: async (sql) => void (await client.exec(sql)),
        count: async () => countRows((sql) => client.query<{ n: number }>(sql).then((r) => r.rows)),
        close: () => client.close(),
      };
    },
  },
  {
    name: 'better-sqlite3',
    dialect: 'sqlite',
    open: async () => {
      const client = new Database(':memory:');
      return {
        db: betterSqlite({ client }),
        exec: async (sql) => void client.exec(sql),
        count: async () => countRows(async (sql) => client.prepare(sql).all() as { n: number }[]),
        close: async () => void client.close(),
      };
    },
  },
];

const pgUrl = process.env.SLUICE_PG_URL;
if (pgUrl) {
  backends.push({
    name: 'postgres (node-postgres)',
    dialect: 'pg',
    open: async () => {
      const name = `bench_seed_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const pool = new pg.Pool({ connectionString: withDatabase(pgUrl, name), max: 4 });
      return {
        db: nodePostgres({ client: pool }),
        exec: async (sql) => void (await pool.query(sql)),
        count: async () => countRows((sql) => pool.query<{ n: number }>(sql).then((r) => r.rows)),
        close: async () => {
          await pool.end();
          await admin.query(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  });
}
const mysqlUrl = process.env.SLUICE_MYSQL_URL;
if (mysqlUrl) {
  backends.push({
    name: 'mariadb (mysql2)',
    dialect: 'mysql',
    open: async () => {
      const name = `bench_seed_${randomBytes(6).toString('hex')}`;
      const admin = await mysql.createConnection(mysqlUrl);
      await admin.query(`create database ${name}`);
      const pool = mysql.createPool({ uri: withDatabase(mysqlUrl, name), connectionLimit: 4 });
      return {
        db: mysql2({ client: pool, mode: 'default' }),
        exec: async (sql) => void (await pool.query(sql)),
        count: async () => countRows(async (sql) => (await pool.query(sql))[0] as { n: number }[]),
        close: async () => {
          await pool.end();
          await admin.query(`drop database if exists ${name}`);
          await admin.end();
        },
      };
    },
  });
}

async function countRows(query: (sql: string) => Promise<{ n: number | string }[]>): Promise<number> {
  let total = 0;
  for (const spec of SPEC) total += Number((await query(`select count(*) as n from ${spec.name}`))[0]!.n);
  return total;
}

const refine = Object.fromEntries(SPEC.map((s) => [s.key, { count: s.rows }]));
const results: { name: string; seconds: number; rowsPerSecond: number }[] = [];
for (const backend of backends) {
  const b = await backend.open();
  try {
    for (const ddl of ddlFor(backend.dialect)) await b.exec(ddl);
    const schema = tablesFor(backend.dialect);
    const db = b.db as Parameters<typeof seed>[0];
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < runs; run++) {
      if (run > 0) await reset(db as never, schema);
      const started = performance.now();
      await seed(db, schema, { seed: 1 }).refine(() => refine as never);
      const ms = performance.now() - started;
      best = Math.min(best, ms);
      const rows = await b.count();
      if (rows !== TOTAL) throw new Error(`${backend.name}: expected ${TOTAL} rows, found ${rows}`);
      process.stderr.write(`${backend.name} run ${run + 1}/${runs}: ${(ms / 1000).toFixed(2)} s\n`);
    }
    results.push({ name: backend.name, seconds: best / 1000, rowsPerSecond: TOTAL / (best / 1000) });
  } finally {
    await b.close();
  }
}

const section = [
  '## Seeding',
  '',
  `\`npm run bench:seed\`: \`seed()\` of \`sluice/seed\` filling ${SPEC.length} tables with foreign keys (bench/seed/schema.ts: ${SPEC.map((s) => `${s.name} ${s.rows.toLocaleString('en-US')}`).join(', ')}; ${TOTAL.toLocaleString('en-US')} rows in all) from empty, best of ${runs} runs per backend (emptied by \`reset()\` between them). Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} when the run ended (the machine is shared).`,
  '',
  '| backend | seconds | rows/s |',
  '| --- | --- | --- |',
  ...results.map((r) => `| ${r.name} | ${r.seconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} |`),
  ...(pgUrl && mysqlUrl ? [] : ['', `Not measured: ${[pgUrl ? '' : 'PostgreSQL (`SLUICE_PG_URL` not set)', mysqlUrl ? '' : 'MariaDB (`SLUICE_MYSQL_URL` not set)'].filter(Boolean).join(', ')}.`]),
  '',
].join('\n');
console.log(section);

// Replaces the section, or puts it before "Migration kit" (bench:kit rewrites from that heading to the end).
const file = join(root, 'bench', 'RESULTS.md');
const current = readFileSync(file, 'utf8');
const at = current.indexOf('\n## Seeding');
let next: string;
if (at >= 0) {
  const end = current.indexOf('\n## ', at + 1);
  next = `${current.slice(0, at).trimEnd()}\n\n${section}${end < 0 ? '' : `\n${current.slice(end + 1)}`}`;
} else {
  const kit = current.indexOf('\n## Migration kit');
  next = kit < 0 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, kit).trimEnd()}\n\n${section}\n${current.slice(kit + 1)}`;
}
writeFileSync(file, next);
