/**
 * sluice/cockroach: the SQL text of each statement kind, and the same statements run through
 * sluice/cockroach on the PostgreSQL server with their rows asserted (when SLUICE_PG_URL is set).
 * Every statement here is valid PostgreSQL as well as CockroachDB; the CockroachDB-only syntax
 * (`as of system time`, `unique_rowid()`) is asserted as text in cockroach-only.test.ts.
 */
import { TransactionRollbackError } from 'sluice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, SEED, type Db } from './cases.js';
import { DDL, schema } from './schema.js';
import { NO_PG, openOnPostgres, pgServerUrl, renderOnly, type ServerDatabase } from './support.js';

describe('sluice/cockroach: SQL text', () => {
  const db = renderOnly(schema);
  for (const c of cases) {
    it(c.name, () => {
      expect(c.build(db).toSQL()).toEqual({ sql: c.sql, params: c.params });
    });
  }
});

describe('sluice/cockroach on the PostgreSQL server: rows', () => {
  let server: ServerDatabase<typeof schema>;
  beforeAll(async () => {
    if (!pgServerUrl) return;
    server = await openOnPostgres({ schema });
    await server.exec(DDL);
    await server.exec(SEED);
  });
  afterAll(async () => server?.close());

  for (const c of cases) {
    it.skipIf(!pgServerUrl)(`${c.name} ${pgServerUrl ? '' : NO_PG}`.trim(), async () => {
      let rows: unknown;
      // Each case runs in a transaction that is rolled back, so writes leave the seed as it was.
      await server.db
        .transaction(async (tx) => {
          rows = await c.build(tx as unknown as Db);
          tx.rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof TransactionRollbackError)) throw e;
        });
      expect(rows).toEqual(c.rows);
    });
  }
});
