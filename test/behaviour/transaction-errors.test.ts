/**
 * A transaction whose `commit` fails (a deferred constraint checked at commit on PostgreSQL)
 * rejects with a SluiceQueryError naming the statement, as a failed query does, and the logger
 * sees the commit, PGlite's too, though it commits inside its own API.
 */
import { SluiceQueryError, sql } from 'sluice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementLog } from '../support/behaviour.js';
import { openTarget, targetNames, type PgTarget } from '../support/targets.js';

for (const name of targetNames()) {
  describe(`a failing commit on ${name}`, () => {
    let target: PgTarget;
    const log = new StatementLog();
    const table = `tx_commit_${process.pid}`;
    beforeAll(async () => {
      target = await openTarget(name);
      await target.exec(`create table ${table} (id integer, constraint ${table}_u unique (id) deferrable initially deferred)`);
    });
    afterAll(async () => {
      await target.exec(`drop table if exists ${table}`);
      await target.close();
    });

    it('rejects with SluiceQueryError for the commit statement, logged like the others', async () => {
      const db = await target.open({ logger: log });
      log.last = [];
      const failure = await db
        .transaction(async (tx) => {
          // Both rows go in: the unique check waits for the commit.
          await tx.execute(sql.raw(`insert into ${table} (id) values (1), (1)`));
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SluiceQueryError);
      expect((failure as SluiceQueryError).query).toBe('commit');
      expect((failure as SluiceQueryError).message).toMatch(/^Failed query: .*unique.*\nquery: commit\n/s);
      expect(log.last.map((q) => q.sql)).toEqual(['begin', `insert into ${table} (id) values (1), (1)`, 'commit']);
      // node-postgres answers { rows }, postgres.js the rows themselves.
      const res = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
      expect(Array.isArray(res) ? [...res] : res.rows).toEqual([{ n: 0 }]);
    });
  });
}
