/**
 * What Drizzle's relational suites (0.45 era, relations v1) also exercise beyond the queries
 * themselves: on better-sqlite3 every prepared statement's `execute()` result offers `sync()`
 * (Drizzle's `insertStmt.execute().sync()`, the "async api" tests), not only relational ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'sluice';
import { behaviourTargets, openBehaviourTarget, type BehaviourTarget } from '../support/behaviour.js';
import { relationSchema } from '../support/relation-schema.js';

type Sync<T> = { sync(): T };

for (const { name, dialect } of behaviourTargets()) {
  describe(`relational suite extras on ${name}`, () => {
    const { tables, ddl } = relationSchema(dialect);
    const { groups } = tables;
    let target: BehaviourTarget;
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;

    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      db = await target.open();
    });
    afterAll(async () => {
      await target.close();
    });

    if (name === 'better-sqlite3') {
      it('prepared insert, select, update, delete and $count: execute() has sync(), with placeholders, and stays awaitable', async () => {
        const insert = db
          .insert(groups)
          .values({ id: sql.placeholder('id'), name: sql.placeholder('name') } as never)
          .prepare();
        const inserted = insert.execute({ id: 101, name: 'g101' }) as unknown as Promise<{ changes: number }> & Sync<{ changes: number }>;
        expect(inserted.sync()).toMatchObject({ changes: 1 });
        expect(await inserted).toMatchObject({ changes: 1 });
        await insert.execute({ id: 102, name: 'g102' });

        const select = db
          .select({ id: groups.id, name: groups.name })
          .from(groups)
          .where(eq(groups.id, sql.placeholder('id')))
          .prepare();
        const selected = select.execute({ id: 102 }) as unknown as Promise<unknown> & Sync<unknown>;
        expect(selected.sync()).toEqual([{ id: 102, name: 'g102' }]);
        expect(await selected).toEqual([{ id: 102, name: 'g102' }]);

        const update = db
          .update(groups)
          .set({ name: sql.placeholder('name') } as never)
          .where(eq(groups.id, 101))
          .returning({ name: groups.name })
          .prepare();
        expect((update.execute({ name: 'renamed' }) as unknown as Sync<unknown>).sync()).toEqual([{ name: 'renamed' }]);

        const count = db.$count(groups, sql`${groups.id} > 100`);
        expect((count.prepare().execute() as unknown as Sync<unknown>).sync()).toBe(2);

        const del = db.delete(groups).where(sql`${groups.id} > 100`).prepare();
        expect((del.execute() as unknown as Sync<{ changes: number }>).sync()).toMatchObject({ changes: 2 });
        expect(await db.select({ id: groups.id }).from(groups).where(sql`${groups.id} > 100`).orderBy(asc(groups.id))).toEqual([]);
      });

      it('a failing prepared statement rejects and its sync() throws the same error', async () => {
        const select = db
          .select({ id: groups.id })
          .from(groups)
          .where(eq(groups.id, sql.placeholder('id')))
          .prepare();
        const missing = select.execute({}) as unknown as Promise<unknown> & Sync<unknown>;
        expect(() => missing.sync()).toThrow('No value for placeholder "id"');
        await expect(missing).rejects.toThrow('No value for placeholder "id"');
      });
    } else {
      it(`prepared execute() on ${name} is a plain promise, without sync()`, async () => {
        const select = db.select({ id: groups.id }).from(groups).where(eq(groups.id, -1)).prepare();
        const pending = select.execute();
        expect('sync' in pending).toBe(false);
        expect(await pending).toEqual([]);
      });
    }
  });
}
