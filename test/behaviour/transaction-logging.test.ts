/**
 * The logger sees the statements that begin and end a transaction wherever sluice sends them
 * (node-postgres, postgres.js, mysql2, better-sqlite3), and where the driver's own API sends
 * them for sluice (libsql, PGlite, whose options sluice sends as `set transaction ...` after its
 * begin), as Drizzle's logger does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { behaviourTargets, openBehaviourTarget, StatementLog, type BehaviourTarget } from '../support/behaviour.js';

/** What each driver sends around a transaction body: begin (with options), then commit or rollback. */
const sends: Record<string, { begin: string; options?: string[]; commit: string; rollback: string } | undefined> = {
  'node-postgres': { begin: 'begin', options: ['begin isolation level serializable read only'], commit: 'commit', rollback: 'rollback' },
  'postgres-js': { begin: 'begin', options: ['begin isolation level serializable read only'], commit: 'commit', rollback: 'rollback' },
  // sluice/cockroach runs on node-postgres's driver.
  cockroach: { begin: 'begin', options: ['begin isolation level serializable read only'], commit: 'commit', rollback: 'rollback' },
  mysql2: { begin: 'start transaction', options: ['set transaction isolation level serializable', 'start transaction read only'], commit: 'commit', rollback: 'rollback' },
  'better-sqlite3': { begin: 'begin', commit: 'commit', rollback: 'rollback' },
  libsql: { begin: 'begin immediate', commit: 'commit', rollback: 'rollback' },
  pglite: { begin: 'begin', options: ['begin', 'set transaction isolation level serializable read only'], commit: 'commit', rollback: 'rollback' },
};

for (const { name, dialect } of behaviourTargets()) {
  describe(`transaction statements in the log on ${name}`, () => {
    let target: BehaviourTarget;
    const log = new StatementLog();
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      db = await target.open({ logger: log });
    });
    afterAll(() => target.close());
    const logged = () => log.last.map((q) => q.sql);
    const probe = sql`select 1 as one`;

    it('logs begin and commit around a committed body, and rollback after a throw', async () => {
      log.last = [];
      await db.transaction(async (tx) => {
        await tx.execute(probe);
      });
      const s = sends[name];
      expect(logged()).toEqual(s ? [s.begin, 'select 1 as one', s.commit] : ['select 1 as one']);

      log.last = [];
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(probe);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(logged()).toEqual(s ? [s.begin, 'select 1 as one', s.rollback] : ['select 1 as one']);
    });

    it.skipIf(dialect === 'sqlite')('logs the statements that set transaction options (PostgreSQL and MySQL; SQLite has none of these options)', async () => {
      log.last = [];
      await db.transaction(
        async (tx) => {
          await tx.execute(probe);
        },
        { isolationLevel: 'serializable', accessMode: 'read only' },
      );
      const s = sends[name];
      const options = s?.options ?? ['set transaction isolation level serializable read only'];
      expect(logged()).toEqual([...options, 'select 1 as one', ...(s ? [s.commit] : [])]);
    });
  });
}
