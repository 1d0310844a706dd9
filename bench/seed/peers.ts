/**
 * The two figures `npm run bench:seed` sets next to sluice's `seed()` on each backend:
 *
 * - the raw driver: the rows sluice's seed produced, read back once and inserted again through the
 *   driver's own client in multi-row INSERT statements of seed()'s batch size, parents first. The
 *   statements (text and parameters) are built before the timer starts, so what is timed is the
 *   writes alone: the floor any seeder pays.
 * - drizzle-seed: its `seed()` on a drizzle-orm database over the same kind of client, filling the
 *   same tables (bench/seed/drizzle-schema.ts) with the same counts through `refine`.
 */
import { reset as drizzleReset, seed as drizzleSeed } from 'drizzle-seed';
import { type Dialect, SPEC, snake } from './schema.js';

/** Rows per INSERT statement: seed()'s own batch (src/seed/seed.ts, BATCH_ROWS). */
export const BATCH_ROWS = 2500;

/** One parameterised statement, ready to send. */
export interface RawStatement {
  sql: string;
  params: unknown[];
}

/** The raw client of one backend, as the peers use it. */
export interface RawClient {
  dialect: Dialect;
  /** Rows of a select, as the driver returns them. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs one parameterised write. */
  run(statement: RawStatement): Promise<void>;
}

const columnsOf = (spec: (typeof SPEC)[number]) => ['id', ...Object.keys(spec.columns).map(snake)];

/**
 * The rows now in the tables (those seed() wrote), turned into INSERT statements of BATCH_ROWS rows
 * each, parents first and rows in key order, so that a self reference (employees.manager_id, which
 * seed() points at earlier rows) names a row already written.
 */
export async function rawStatements(client: RawClient): Promise<RawStatement[]> {
  const q = (n: string) => (client.dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const out: RawStatement[] = [];
  for (const spec of SPEC) {
    const columns = columnsOf(spec);
    const rows = await client.rows(`select ${columns.map(q).join(', ')} from ${q(spec.name)} order by id`);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      const params: unknown[] = [];
      const tuples = batch.map((row) => {
        const marks = columns.map((c) => {
          params.push(row[c]);
          return client.dialect === 'pg' ? `$${params.length}` : '?';
        });
        return `(${marks.join(', ')})`;
      });
      out.push({ sql: `insert into ${q(spec.name)} (${columns.map(q).join(', ')}) values ${tuples.join(', ')}`, params });
    }
  }
  return out;
}

/** Sends the statements one after another and returns the milliseconds they took. */
export async function timeRaw(client: RawClient, statements: RawStatement[]): Promise<number> {
  const started = performance.now();
  for (const statement of statements) await client.run(statement);
  return performance.now() - started;
}

/** Empties the tables with drizzle-seed's `reset()`, then times its `seed()` with the spec's counts. */
export async function timeDrizzleSeed(db: unknown, schema: Record<string, unknown>): Promise<number> {
  const counts = Object.fromEntries(SPEC.map((s) => [s.key, { count: s.rows }]));
  await drizzleReset(db as never, schema);
  const started = performance.now();
  await drizzleSeed(db as never, schema, { seed: 1 }).refine(() => counts as never);
  return performance.now() - started;
}
