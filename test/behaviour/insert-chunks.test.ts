/**
 * Inserts with more parameters than one statement may bind (`Dialect.maxParams`) are split into
 * statements that each stay under the limit, counting every parameter a statement binds: the
 * rows', those of an upsert's `set` (repeated in each chunk), and those inside SQL values. The
 * chunks run in one transaction, or a savepoint inside one, so a failure anywhere leaves nothing.
 * Checked on every target by the SQL text and parameters of each statement and by the rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql, SluiceQueryError } from 'sluice';
import { integer, pgTable, text } from 'sluice/pg-core';
import { int, mysqlTable, varchar } from 'sluice/mysql-core';
import { integer as liteInteger, sqliteTable, text as liteText } from 'sluice/sqlite-core';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget, StatementLog } from '../support/behaviour.js';

function tables() {
  return {
    pg: () => pgTable('chunk_items', { id: integer('id').primaryKey(), name: text('name').notNull(), note: text('note') }),
    mysql: () => mysqlTable('chunk_items', { id: int('id').primaryKey(), name: varchar('name', { length: 40 }).notNull(), note: varchar('note', { length: 40 }) }) as unknown as ReturnType<typeof pgItems>,
    sqlite: () => sqliteTable('chunk_items', { id: liteInteger('id').primaryKey(), name: liteText('name').notNull(), note: liteText('note') }) as unknown as ReturnType<typeof pgItems>,
  };
}
const pgItems = () => pgTable('chunk_items', { id: integer('id').primaryKey(), name: text('name').notNull(), note: text('note') });

const DDL = {
  pg: 'create table chunk_items (id integer primary key, name text not null, note text)',
  mysql: 'create table chunk_items (id int primary key, name varchar(40) not null, note varchar(40))',
  sqlite: 'create table chunk_items (id integer primary key, name text not null, note text)',
};

/** The affected-row count of a driver's run result, read where that driver keeps it. */
function affectedRows(driver: string, result: unknown): number | undefined {
  const r = result as Record<string, number> & [Record<string, number>];
  const counts: Record<string, () => number | undefined> = {
    pglite: () => r.affectedRows,
    'node-postgres': () => r.rowCount,
    cockroach: () => r.rowCount,
    'postgres-js': () => r.count,
    mysql2: () => r[0].affectedRows,
    'better-sqlite3': () => r.changes,
    libsql: () => r.rowsAffected,
  };
  return counts[driver]!();
}

for (const { name, dialect } of behaviourTargets()) {
  describe(`inserts split under the parameter limit on ${name}`, () => {
    const items = byDialect(dialect, tables())();
    const S = (pgText: string) => sqlFor(dialect, pgText);
    const log = new StatementLog();
    let target: BehaviourTarget;
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    let max: number;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(DDL[dialect]);
      db = await target.open({ logger: log });
      max = (db as unknown as { session: { renderer: { dialect: { maxParams: number } } } }).session.renderer.dialect.maxParams;
    });
    beforeEach(async () => {
      await target.exec('delete from chunk_items');
      log.last = [];
    });
    afterAll(() => target.close());
    const inserts = () => log.last.filter((q) => q.sql.startsWith(S('insert into "chunk_items"')));
    const count = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(items))[0]!.n);
    const rows = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ id: from + i, name: `n${from + i}` }));

    it('fills each statement up to the limit and keeps the rows in order, and sums the affected rows', async () => {
      const perChunk = Math.floor(max / 2);
      const n = 2 * perChunk + 3;
      const result = await db.insert(items).values(rows(n));
      // The driver's own run result, counting the rows of every chunk.
      expect(affectedRows(name, result)).toBe(n);
      const statements = inserts();
      expect(statements.map((q) => q.params.length)).toEqual([2 * perChunk, 2 * perChunk, 6]);
      // Each chunk starts where the one before ended.
      expect(statements.map((q) => q.params[0])).toEqual([1, perChunk + 1, 2 * perChunk + 1]);
      expect(statements[2]!.sql).toBe(S('insert into "chunk_items" ("id", "name") values ($1, $2), ($3, $4), ($5, $6)'));
      expect(await count()).toBe(n);
    });

    it("counts the upsert's set parameters, which every chunk repeats", async () => {
      const n = Math.floor(max / 2) + 1;
      await db
        .insert(items)
        .values(rows(n))
        .onConflictDoUpdate({ target: items.id, set: { name: 'again', note: 'upserted' } });
      const statements = inserts();
      expect(statements.length).toBe(2);
      for (const q of statements) expect(q.params.length).toBeLessThanOrEqual(max);
      expect(statements[1]!.params.slice(-2)).toEqual(['again', 'upserted']);
      expect(await count()).toBe(n);
    });

    it('counts every parameter inside an SQL value', async () => {
      // Every tenth row's name is a concatenation that binds two parameters instead of one.
      const n = Math.floor(max / 2) + 1;
      const concat = dialect === 'mysql' ? (a: string, b: string) => sql`concat(${a}, ${b})` : (a: string, b: string) => sql`${a} || ${b}`;
      const values = rows(n).map((r) => (r.id % 10 === 0 ? { ...r, name: concat('n', String(r.id)) } : r));
      await db.insert(items).values(values as never);
      const statements = inserts();
      expect(statements.length).toBe(2);
      const first = statements[0]!.params.length;
      expect(first).toBeLessThanOrEqual(max);
      expect(first).toBeGreaterThan(max - 3);
      expect(first + statements[1]!.params.length).toBe(2 * n + Math.floor(n / 10));
      expect(await count()).toBe(n);
      expect(await db.select({ name: items.name }).from(items).where(sql`${items.id} = ${10}`)).toEqual([{ name: 'n10' }]);
    });

    it.skipIf(name !== 'libsql')('in db.batch() (libsql only), sends the chunks with the batch, in its transaction', async () => {
      const perChunk = Math.floor(max / 2);
      const batch = (db as unknown as { batch(q: unknown[]): Promise<unknown[]> }).batch.bind(db);
      const [ids, total] = (await batch([
        db
          .insert(items)
          .values(rows(perChunk + 2))
          .returning({ id: items.id }),
        db.select({ n: sql<number>`count(*)` }).from(items),
      ])) as [{ id: number }[], { n: number }[]];
      expect(inserts().map((q) => q.params.length)).toEqual([2 * perChunk, 4]);
      expect(ids.map((r) => r.id)).toEqual(Array.from({ length: perChunk + 2 }, (_, i) => i + 1));
      expect(total).toEqual([{ n: perChunk + 2 }]);
      // A failing chunk fails the whole batch: nothing of it stays.
      const failing = rows(perChunk + 2, 10 * max);
      failing[perChunk + 1] = { id: 1, name: 'dup' };
      await expect(batch([db.insert(items).values({ id: 0, name: 'first' }), db.insert(items).values(failing)])).rejects.toBeInstanceOf(SluiceQueryError);
      expect(await count()).toBe(perChunk + 2);
    });

    it('inside a transaction, a failing chunk undoes its own chunks only (a savepoint)', async () => {
      const perChunk = Math.floor(max / 2);
      await db.transaction(async (tx) => {
        await tx.insert(items).values({ id: 0, name: 'kept' });
        // The second chunk collides with row 0.
        const failing = rows(2 * perChunk);
        failing[perChunk + 1] = { id: 0, name: 'dup' };
        await expect(tx.insert(items).values(failing)).rejects.toBeInstanceOf(SluiceQueryError);
      });
      expect(await db.select({ id: items.id, name: items.name }).from(items)).toEqual([{ id: 0, name: 'kept' }]);
    });
  });
}
