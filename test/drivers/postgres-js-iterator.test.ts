/**
 * `.iterator()` on postgres.js reads a portal (postgres.js's cursor) a thousand rows a round trip,
 * outside any transaction; leaving the loop early closes it, so a pool of one connection serves
 * the next query at once.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { drizzle } from 'sluice/postgres-js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

describe.skipIf(!pgServerUrl)('postgres-js: .iterator() (needs SLUICE_PG_URL)', () => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let client: postgres.Sql;
  beforeAll(async () => {
    database = await createPgDatabase();
    client = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  const numbers = (db: ReturnType<typeof drizzle>, n: number) => db.select({ n: sql<number>`n` }).from(sql`generate_series(1, ${sql.raw(String(n))}) as g(n)`);

  it('streams every row of a result larger than one fetch, in order', async () => {
    const db = drizzle({ client });
    let count = 0;
    let last = 0;
    for await (const row of numbers(db, 25_000).iterator()) {
      expect(row.n).toBe(last + 1);
      last = row.n;
      count++;
    }
    expect(count).toBe(25_000);
  });

  it('closes the portal when the loop leaves early, and the one connection serves the next query', async () => {
    const db = drizzle({ client });
    let n = 0;
    for await (const _ of numbers(db, 1_000_000).iterator()) if (++n === 1500) break;
    expect(n).toBe(1500);
    const start = performance.now();
    expect(await numbers(db, 3)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // Had the portal been read to its end first, a million rows would take seconds.
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
