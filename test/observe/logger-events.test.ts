/**
 * A logger with `logQueryEnd` hears of each statement twice: `logQuery` before it is sent and
 * `logQueryEnd` once it has ended, with its duration, the rows it returned or affected, and the
 * error it failed with. Every path a statement takes is covered: awaited and synchronous calls,
 * prepared queries, `.iterator()`, transactions and failures.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, gt, SluiceQueryError, sql } from 'sluice';
import { observeTargets, openObserveTarget, RecordingLogger, type ObserveTarget } from './targets.js';

for (const name of observeTargets) {
  describe(`logQueryEnd on ${name}`, () => {
    let target: ObserveTarget;
    const log = new RecordingLogger();
    // biome-ignore lint/suspicious/noExplicitAny: the handle of whichever dialect this target is.
    let db: any;
    // biome-ignore lint/suspicious/noExplicitAny: the table of whichever dialect this target is.
    let items: any;
    beforeAll(async () => {
      target = await openObserveTarget(name);
      ({ db, items } = target.open({ logger: log }));
    });
    beforeEach(async () => {
      await target.reset();
      log.clear();
    });
    afterAll(() => target.close());

    /** The one statement logged since the last clear, started and ended. */
    const only = () => {
      expect(log.started).toHaveLength(1);
      expect(log.ended).toHaveLength(1);
      const ended = log.ended[0]!;
      expect(ended.sql).toBe(log.started[0]!.sql);
      expect(ended.params).toEqual(log.started[0]!.params);
      expect(ended.durationMs).toBeGreaterThan(0);
      return ended;
    };

    it('reports rows affected by insert, update and delete, and rows returned by a select', async () => {
      await db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
        { id: 3, name: 'c' },
      ]);
      expect(only()).toMatchObject({ params: [1, 'a', 2, 'b', 3, 'c'], rowCount: 3 });
      expect(only().sql).toMatch(/^insert into [`"]obs_items[`"]/);
      expect(only().error).toBeUndefined();

      log.clear();
      const rows = await db.select().from(items).orderBy(items.id);
      expect(rows).toEqual([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
        { id: 3, name: 'c' },
      ]);
      expect(only()).toMatchObject({ params: [], rowCount: 3 });

      log.clear();
      await db.update(items).set({ name: 'z' }).where(gt(items.id, 1));
      expect(only()).toMatchObject({ params: ['z', 1], rowCount: 2 });
      expect(await db.select({ name: items.name }).from(items).orderBy(items.id)).toEqual([{ name: 'a' }, { name: 'z' }, { name: 'z' }]);

      log.clear();
      await db.delete(items).where(eq(items.id, 1));
      expect(only()).toMatchObject({ params: [1], rowCount: 1 });

      log.clear();
      expect(await db.select().from(items).where(eq(items.id, 1))).toEqual([]);
      expect(only().rowCount).toBe(0);
    });

    it.runIf(target_returning(name))('reports the rows a write returns (skipped on MariaDB, which has no returning)', async () => {
      const rows = await db
        .insert(items)
        .values([
          { id: 4, name: 'd' },
          { id: 5, name: 'e' },
        ])
        .returning({ id: items.id });
      expect(rows).toEqual([{ id: 4 }, { id: 5 }]);
      expect(only()).toMatchObject({ rowCount: 2 });
      log.clear();
      expect(await db.delete(items).where(eq(items.id, 4)).returning()).toEqual([{ id: 4, name: 'd' }]);
      expect(only()).toMatchObject({ params: [4], rowCount: 1 });
    });

    it('reports prepared queries with the values they ran with', async () => {
      await db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ]);
      const byId = db
        .select()
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare('obs_by_id');
      log.clear();
      expect(await byId.execute({ id: 2 })).toEqual([{ id: 2, name: 'b' }]);
      expect(only()).toMatchObject({ params: [2], rowCount: 1 });
      log.clear();
      expect(await byId.execute({ id: 9 })).toEqual([]);
      expect(only()).toMatchObject({ params: [9], rowCount: 0 });
    });

    it('reports a failed statement with its error and no row count', async () => {
      await expect(db.execute(sql`select * from obs_missing_table`)).rejects.toBeInstanceOf(SluiceQueryError);
      const ended = only();
      expect(ended.sql).toBe('select * from obs_missing_table');
      expect(ended.rowCount).toBeUndefined();
      expect(ended.error).toBeInstanceOf(SluiceQueryError);
      expect((ended.error as SluiceQueryError).query).toBe('select * from obs_missing_table');
    });

    it('reports the statements of a transaction, its begin and commit included', async () => {
      await db.transaction(async (tx: typeof db) => {
        await tx.insert(items).values({ id: 7, name: 'g' });
        expect(await tx.select().from(items)).toEqual([{ id: 7, name: 'g' }]);
      });
      expect(log.started.map((e) => e.sql)).toEqual(log.ended.map((e) => e.sql));
      const sqls = log.ended.map((e) => e.sql);
      expect(sqls[0]).toMatch(/^(begin|start transaction)/);
      expect(sqls[sqls.length - 1]).toBe('commit');
      expect(log.ended.slice(1, -1).map((e) => e.rowCount)).toEqual([1, 1]);
      for (const e of log.ended) expect(e.durationMs).toBeGreaterThan(0);

      log.clear();
      await expect(
        db.transaction(async (tx: typeof db) => {
          await tx.insert(items).values({ id: 8, name: 'h' });
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(log.ended.map((e) => e.sql).at(-1)).toBe('rollback');
      expect(log.ended).toHaveLength(log.started.length);
      expect(await db.select().from(items)).toEqual([{ id: 7, name: 'g' }]);
    });

    it.runIf(target_streams(name))('reports an iterator once it ends, with the rows it streamed (skipped on PGlite and better-sqlite3, which cannot stream)', async () => {
      await db.insert(items).values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
        { id: 3, name: 'c' },
      ]);
      log.clear();
      const seen: number[] = [];
      for await (const row of db.select().from(items).orderBy(items.id).iterator()) {
        // Not ended while rows are still coming.
        expect(log.ended).toHaveLength(0);
        seen.push(row.id);
      }
      expect(seen).toEqual([1, 2, 3]);
      expect(only()).toMatchObject({ rowCount: 3 });

      log.clear();
      for await (const row of db.select().from(items).orderBy(items.id).iterator()) {
        if (row.id === 2) break;
      }
      expect(only()).toMatchObject({ rowCount: 2 });
    });

    it.runIf(target_sync(name))('reports the synchronous calls: all, get, values and run (better-sqlite3 only: the others are asynchronous)', () => {
      db.insert(items)
        .values([
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ])
        .run();
      expect(only()).toMatchObject({ rowCount: 2 });
      log.clear();
      expect(db.select().from(items).all()).toHaveLength(2);
      expect(only()).toMatchObject({ rowCount: 2 });
      log.clear();
      expect(db.select().from(items).where(eq(items.id, 2)).get()).toEqual({ id: 2, name: 'b' });
      expect(only()).toMatchObject({ params: [2], rowCount: 1 });
      log.clear();
      expect(db.select().from(items).where(eq(items.id, 5)).get()).toBeUndefined();
      expect(only()).toMatchObject({ rowCount: 0 });
      log.clear();
      expect(db.select({ id: items.id }).from(items).values()).toEqual([[1], [2]]);
      expect(only()).toMatchObject({ rowCount: 2 });
      log.clear();
      const byId = db
        .select()
        .from(items)
        .where(eq(items.id, sql.placeholder('id')))
        .prepare();
      expect(byId.execute({ id: 1 }).sync()).toEqual([{ id: 1, name: 'a' }]);
      expect(byId.execute({ id: 2 }).sync()).toEqual([{ id: 2, name: 'b' }]);
      expect(log.ended.map((e) => [e.params, e.rowCount])).toEqual([
        [[1], 1],
        [[2], 1],
      ]);
      log.clear();
      db.update(items).set({ name: 'q' }).run();
      expect(only()).toMatchObject({ rowCount: 2 });
      log.clear();
      expect(() => db.select().from(items).where(sql`no_such_column = 1`).all()).toThrow(SluiceQueryError);
      expect(only().error).toBeInstanceOf(SluiceQueryError);
      log.clear();
      db.transaction((tx: typeof db) => {
        tx.delete(items).where(eq(items.id, 1)).run();
      });
      expect(log.ended.map((e) => [e.sql, e.rowCount])).toEqual([
        ['begin', 0],
        ['delete from "obs_items" where "obs_items"."id" = ?', 1],
        ['commit', 0],
      ]);
    });
  });
}

function target_returning(name: string): boolean {
  return name !== 'mariadb';
}
function target_streams(name: string): boolean {
  return name === 'node-postgres' || name === 'postgres-js' || name === 'mariadb';
}
function target_sync(name: string): boolean {
  return name === 'better-sqlite3';
}
