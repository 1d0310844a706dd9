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
 * runs); the best run is reported, with rows per second. In the same run and on the same database
 * the peers of bench/seed/peers.ts are timed the same way: the raw driver writing the rows seed()
 * produced, and drizzle-seed filling the same tables. Writes the "Seeding" section of
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
import { drizzle as drizzleBetterSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleMysql2 } from 'drizzle-orm/mysql2';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as pglite } from 'sluice/pglite';
import { reset, seed } from 'sluice/seed';
import { drizzleTablesFor } from './drizzle-schema.js';
import { BATCH_ROWS, type RawClient, rawStatements, timeDrizzleSeed, timeRaw } from './peers.js';
import { ddlFor, SPEC, tablesFor, type Dialect } from './schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg < 0 ? 2 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer, got ${process.argv[runsArg + 1]}`);

const version = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const drizzleSeedVersion = version('drizzle-seed');
const drizzleOrmVersion = version('drizzle-orm');

const loadAtStart = loadavg()[0]!;
const TOTAL = SPEC.reduce((sum, s) => sum + s.rows, 0);

interface Backend {
  name: string;
  dialect: Dialect;
  /** `db` is sluice's database, `peer` drizzle-orm's on the same client, `raw` the client itself. */
  open(): Promise<{ db: unknown; peer: unknown; raw: RawClient; exec(sql: string): Promise<void>; count(): Promise<number>; close(): Promise<void> }>;
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
        peer: drizzlePglite({ client }),
        raw: { dialect: 'pg', rows: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows, run: async (s) => void (await client.query(s.sql, s.params)) },
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
        peer: drizzleBetterSqlite({ client }),
        raw: { dialect: 'sqlite', rows: async (sql) => client.prepare(sql).all() as Record<string, unknown>[], run: async (s) => void client.prepare(s.sql).run(...s.params) },
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
        peer: drizzleNodePostgres({ client: pool }),
        raw: { dialect: 'pg', rows: async (sql) => (await pool.query<Record<string, unknown>>(sql)).rows, run: async (s) => void (await pool.query(s.sql, s.params)) },
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
        // Without `mode`: drizzle-orm 0.45's isConfig() rejects any config that has one (its check
        // `mode !== 'default' || mode !== 'planetscale'` is always true) and takes the object for the client.
        peer: drizzleMysql2({ client: pool }),
        raw: { dialect: 'mysql', rows: async (sql) => (await pool.query(sql))[0] as Record<string, unknown>[], run: async (s) => void (await pool.query(s.sql, s.params)) },
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

/** Best of `runs` timings (milliseconds each), checking after each that every row is there. */
async function bestOf(label: string, count: () => Promise<number>, time: (run: number) => Promise<number>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const ms = await time(run);
    best = Math.min(best, ms);
    const rows = await count();
    if (rows !== TOTAL) throw new Error(`${label}: expected ${TOTAL} rows, found ${rows}`);
    process.stderr.write(`${label} run ${run + 1}/${runs}: ${(ms / 1000).toFixed(2)} s\n`);
  }
  return best / 1000;
}

/**
 * An error as one table cell: the first line of its message and of its cause (drizzle-orm's
 * "Failed query: ..." holds the database's own error there), cut short, without the pipes that
 * would split the cell. The whole error goes to stderr.
 */
const cell = (err: unknown) => {
  const line = (e: unknown, max: number) => {
    const text = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replaceAll('|', '/');
    return text.length > max ? `${text.slice(0, max)}...` : text;
  };
  const cause = err instanceof Error && err.cause !== undefined ? `: ${line(err.cause, 200)}` : '';
  return `${line(err, 100)}${cause}`;
};

const refine = Object.fromEntries(SPEC.map((s) => [s.key, { count: s.rows }]));
const results: { name: string; seconds: number; rowsPerSecond: number; raw: number; drizzle: number | string }[] = [];
for (const backend of backends) {
  const b = await backend.open();
  try {
    for (const ddl of ddlFor(backend.dialect)) await b.exec(ddl);
    const schema = tablesFor(backend.dialect);
    const db = b.db as Parameters<typeof seed>[0];
    const seconds = await bestOf(`${backend.name} sluice`, b.count, async (run) => {
      if (run > 0) await reset(db as never, schema);
      const started = performance.now();
      await seed(db, schema, { seed: 1 }).refine(() => refine as never);
      return performance.now() - started;
    });
    // The last seed's rows, written again through the bare client.
    const statements = await rawStatements(b.raw);
    const raw = await bestOf(`${backend.name} raw driver`, b.count, async () => {
      await reset(db as never, schema);
      return timeRaw(b.raw, statements);
    });
    let drizzle: number | string;
    try {
      drizzle = await bestOf(`${backend.name} drizzle-seed`, b.count, () => timeDrizzleSeed(b.peer, drizzleTablesFor(backend.dialect)));
    } catch (err) {
      process.stderr.write(`${backend.name} drizzle-seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      drizzle = cell(err);
    }
    results.push({ name: backend.name, seconds, rowsPerSecond: TOTAL / seconds, raw, drizzle });
  } finally {
    await b.close();
  }
}

const section = [
  '## Seeding',
  '',
  `\`npm run bench:seed\`: \`seed()\` of \`sluice/seed\` filling ${SPEC.length} tables with foreign keys (bench/seed/schema.ts: ${SPEC.map((s) => `${s.name} ${s.rows.toLocaleString('en-US')}`).join(', ')}; ${TOTAL.toLocaleString('en-US')} rows in all) from empty, best of ${runs} runs per backend (emptied by \`reset()\` between them). Node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} when the run started and ${loadavg()[0]!.toFixed(1)} when it ended (the machine is shared).`,
  '',
  '| backend | sluice s | rows/s | raw driver s | drizzle-seed s | sluice/raw | drizzle-seed/sluice |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => {
    const drizzle = typeof r.drizzle === 'number' ? [r.drizzle.toFixed(2), `${(r.drizzle / r.seconds).toFixed(2)}x`] : [`failed: ${r.drizzle}`, 'n/a'];
    const cells = [r.name, r.seconds.toFixed(2), Math.round(r.rowsPerSecond).toLocaleString('en-US'), r.raw.toFixed(2), drizzle[0], `${(r.seconds / r.raw).toFixed(2)}x`, drizzle[1]];
    return `| ${cells.join(' | ')} |`;
  }),
  '',
  '- **sluice s**: `seed()` generating and inserting every row (rows/s is the same figure per row).',
  `- **raw driver s**: the rows the last \`seed()\` wrote, read back and built into statements before the timer, inserted through the bare client in multi-row INSERTs of ${BATCH_ROWS.toLocaleString('en-US')} rows (seed()'s batch), parents first: the writes alone, the floor for any seeder.`,
  `- **drizzle-seed s**: drizzle-seed ${drizzleSeedVersion}'s \`seed()\` on drizzle-orm ${drizzleOrmVersion} over the same client, filling the same tables (bench/seed/drizzle-schema.ts) with the same counts through \`refine\`, emptied by its own \`reset()\` between runs.`,
  '- **sluice/raw**: what generating the values and going through the ORM cost on top of the bare writes (1.00x would be free).',
  '- **drizzle-seed/sluice**: above 1.00x drizzle-seed took longer than sluice for the same tables and counts.',
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
