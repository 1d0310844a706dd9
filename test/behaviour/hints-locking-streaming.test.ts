/**
 * MySQL index hints, row locking with `.for()` and streaming with `.iterator()`, on every target
 * of the behaviour suite. Index hints exist on MySQL only; row locks on PostgreSQL and MySQL
 * (SQLite locks whole databases); streaming on node-postgres and postgres-js (cursors) and mysql2 (the
 * protocol's row stream). Each case checks the SQL text and the rows, or the error that names the
 * dialect or driver without the feature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt, SchemaError, sql, SluiceQueryError, UnsupportedError } from 'sluice';
import { index, integer, pgTable, text, alias } from 'sluice/pg-core';
import { index as mysqlIndex, int, mysqlTable, varchar } from 'sluice/mysql-core';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'sluice/sqlite-core';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget, type DialectName, StatementLog } from '../support/behaviour.js';

function pgTables() {
  const items = pgTable('mx_items', { id: integer('id').primaryKey(), name: text('name').notNull(), grp: integer('grp').notNull() });
  const tags = pgTable('mx_tags', { id: integer('id').primaryKey(), itemId: integer('item_id').notNull(), label: text('label').notNull() });
  return { items, tags, nameIdx: index('mx_items_name').on(items.name), grpIdx: index('mx_items_grp').on(items.grp), tagItemIdx: index('mx_tags_item').on(tags.itemId) };
}
type Tables = ReturnType<typeof pgTables>;

function mysqlTables(): Tables {
  const items = mysqlTable('mx_items', { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull(), grp: int('grp').notNull() }, (t) => [mysqlIndex('mx_items_name').on(t.name), mysqlIndex('mx_items_grp').on(t.grp)]);
  const tags = mysqlTable('mx_tags', { id: int('id').primaryKey(), itemId: int('item_id').notNull(), label: varchar('label', { length: 50 }).notNull() });
  return { items, tags, nameIdx: mysqlIndex('mx_items_name').on(items.name), grpIdx: mysqlIndex('mx_items_grp').on(items.grp), tagItemIdx: mysqlIndex('mx_tags_item').on(tags.itemId) } as unknown as Tables;
}

function sqliteTables(): Tables {
  const items = sqliteTable('mx_items', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull(), grp: sqliteInteger('grp').notNull() });
  const tags = sqliteTable('mx_tags', { id: sqliteInteger('id').primaryKey(), itemId: sqliteInteger('item_id').notNull(), label: sqliteText('label').notNull() });
  return { items, tags, nameIdx: index('mx_items_name').on(items.name), grpIdx: index('mx_items_grp').on(items.grp), tagItemIdx: index('mx_tags_item').on(tags.itemId) } as unknown as Tables;
}

const ROWS = `insert into mx_items (id, name, grp) values (1, 'Ann', 1), (2, 'Bob', 1), (3, 'Cy', 2), (4, 'Dee', 2), (5, 'Eve', 3);
insert into mx_tags (id, item_id, label) values (1, 1, 'red'), (2, 1, 'blue'), (3, 3, 'green'), (4, 5, 'red');`;

const DDL: Record<DialectName, string> = {
  pg: `create table mx_items (id integer primary key, name text not null, grp integer not null);
create index mx_items_name on mx_items (name); create index mx_items_grp on mx_items (grp);
create table mx_tags (id integer primary key, item_id integer not null, label text not null); create index mx_tags_item on mx_tags (item_id);
${ROWS}`,
  sqlite: `create table mx_items (id integer primary key, name text not null, grp integer not null);
create index mx_items_name on mx_items (name); create index mx_items_grp on mx_items (grp);
create table mx_tags (id integer primary key, item_id integer not null, label text not null); create index mx_tags_item on mx_tags (item_id);
${ROWS}`,
  mysql: `create table mx_items (id int primary key, name varchar(50) not null, grp int not null, index mx_items_name (name), index mx_items_grp (grp));
create table mx_tags (id int primary key, item_id int not null, label varchar(50) not null, index mx_tags_item (item_id));
${ROWS}`,
};

/** The targets whose driver streams rows with `.iterator()`. */
const STREAMING = new Set(['node-postgres', 'postgres-js', 'mysql2', 'cockroach']);

for (const { name, dialect } of behaviourTargets()) {
  describe(`index hints, locking and iterators on ${name}`, () => {
    const { items, tags, nameIdx, grpIdx, tagItemIdx } = byDialect(dialect, { pg: pgTables, mysql: mysqlTables, sqlite: sqliteTables })();
    const S = (pgText: string) => sqlFor(dialect, pgText);
    const log = new StatementLog();
    let target: BehaviourTarget;
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(DDL[dialect]);
      db = await target.open({ logger: log });
    });
    afterAll(() => target.close());
    const lastSql = () => log.last[log.last.length - 1]!.sql;
    /** The index-hint argument, past the PostgreSQL-typed handle that rejects it by type. */
    const hints = (h: Record<string, unknown>) => h as never;

    describe('index hints (MySQL only)', () => {
      if (dialect !== 'mysql') {
        it(`rejects index hints naming ${dialect}, on from() and on joins`, () => {
          expect(() =>
            db
              .select()
              .from(items, hints({ useIndex: nameIdx }))
              .toSQL(),
          ).toThrow(UnsupportedError);
          expect(() =>
            db
              .select()
              .from(items, hints({ useIndex: nameIdx }))
              .toSQL(),
          ).toThrow(`${db.dialect.name}: index hints (useIndex, forceIndex, ignoreIndex) are not supported`);
          expect(() =>
            db
              .select()
              .from(items)
              .leftJoin(tags, eq(tags.itemId, items.id), hints({ forceIndex: 'mx_tags_item' }))
              .toSQL(),
          ).toThrow(`${db.dialect.name}: index hints`);
        });
        return;
      }
      it('uses an index given as the index object, in a list or alone, or by name', async () => {
        const q = db
          .select()
          .from(items, hints({ useIndex: [nameIdx] }))
          .where(eq(items.name, 'Dee'));
        expect(q.toSQL()).toEqual({ sql: 'select `id`, `name`, `grp` from `mx_items` use index (`mx_items_name`) where `mx_items`.`name` = ?', params: ['Dee'] });
        expect(await q).toEqual([{ id: 4, name: 'Dee', grp: 2 }]);
        const single = db
          .select({ id: items.id })
          .from(items, hints({ useIndex: nameIdx }))
          .where(eq(items.name, 'Dee'));
        expect(single.toSQL().sql).toBe('select `id` from `mx_items` use index (`mx_items_name`) where `mx_items`.`name` = ?');
        expect(await single).toEqual([{ id: 4 }]);
        const byName = db
          .select({ id: items.id })
          .from(items, hints({ useIndex: 'mx_items_name' }))
          .where(eq(items.name, 'Dee'));
        expect(byName.toSQL().sql).toBe(single.toSQL().sql);
        expect(await byName).toEqual([{ id: 4 }]);
      });
      it('takes several indexes, and force and ignore hints together', async () => {
        const several = db
          .select({ id: items.id })
          .from(items, hints({ useIndex: [nameIdx, grpIdx] }))
          .where(and(eq(items.name, 'Cy'), eq(items.grp, 2)));
        expect(several.toSQL().sql).toBe('select `id` from `mx_items` use index (`mx_items_name`, `mx_items_grp`) where (`mx_items`.`name` = ? and `mx_items`.`grp` = ?)');
        expect(await several).toEqual([{ id: 3 }]);
        const forced = db
          .select({ id: items.id })
          .from(items, hints({ forceIndex: nameIdx, ignoreIndex: [grpIdx] }))
          .where(gt(items.grp, 1))
          .orderBy(items.id);
        expect(forced.toSQL().sql).toBe('select `id` from `mx_items` force index (`mx_items_name`) ignore index (`mx_items_grp`) where `mx_items`.`grp` > ? order by `mx_items`.`id`');
        expect(await forced).toEqual([{ id: 3 }, { id: 4 }, { id: 5 }]);
      });
      it("passes the server's refusal on: an index the table lacks, use and force together", async () => {
        await expect(db.select().from(items, hints({ useIndex: ['some_other_index'] }))).rejects.toThrow(SluiceQueryError);
        await expect(db.select().from(items, hints({ useIndex: ['some_other_index'] }))).rejects.toThrow(/some_other_index/);
        const both = db.select().from(items, hints({ useIndex: nameIdx, forceIndex: grpIdx }));
        expect(both.toSQL().sql).toBe('select `id`, `name`, `grp` from `mx_items` use index (`mx_items_name`) force index (`mx_items_grp`)');
        await expect(both).rejects.toThrow(/USE INDEX and FORCE INDEX/);
      });
      it('hints joined tables: left join and cross join', async () => {
        const q = db
          .select({ id: items.id, label: tags.label })
          .from(items)
          .leftJoin(tags, eq(tags.itemId, items.id), hints({ useIndex: tagItemIdx }))
          .where(eq(items.grp, 1))
          .orderBy(items.id, tags.id);
        expect(q.toSQL().sql).toBe(
          'select `mx_items`.`id`, `mx_tags`.`label` from `mx_items` left join `mx_tags` use index (`mx_tags_item`) on `mx_tags`.`item_id` = `mx_items`.`id` where `mx_items`.`grp` = ? order by `mx_items`.`id`, `mx_tags`.`id`',
        );
        expect(await q).toEqual([
          { id: 1, label: 'red' },
          { id: 1, label: 'blue' },
          { id: 2, label: null },
        ]);
        const cross = db
          .select({ a: items.id, b: tags.id })
          .from(items)
          .crossJoin(tags, hints({ ignoreIndex: [tagItemIdx] }))
          .where(and(eq(items.id, 1), gt(tags.id, 2)))
          .orderBy(tags.id);
        expect(cross.toSQL().sql).toBe('select `mx_items`.`id`, `mx_tags`.`id` from `mx_items` cross join `mx_tags` ignore index (`mx_tags_item`) where (`mx_items`.`id` = ? and `mx_tags`.`id` > ?) order by `mx_tags`.`id`');
        expect(await cross).toEqual([
          { a: 1, b: 3 },
          { a: 1, b: 4 },
        ]);
      });
      it('writes the hint after an alias, where MySQL reads it', async () => {
        const other = alias(items, 'other');
        const q = db
          .select({ id: other.id })
          .from(other, hints({ useIndex: nameIdx }))
          .where(eq(other.name, 'Eve'));
        expect(q.toSQL().sql).toBe('select `id` from `mx_items` `other` use index (`mx_items_name`) where `other`.`name` = ?');
        expect(await q).toEqual([{ id: 5 }]);
      });
      it('rejects hints on subqueries and SQL, unnamed indexes and unknown options', () => {
        const sq = db.select().from(items).as('sq');
        expect(() => db.select().from(sq, hints({ useIndex: nameIdx }))).toThrow(SchemaError);
        expect(() => db.select().from(sq, hints({ useIndex: nameIdx }))).toThrow('index hints apply to tables only, not to the subquery, view or SQL "sq"');
        expect(() =>
          db
            .select()
            .from(items)
            .leftJoin(sq, eq(sq.id, items.id), hints({ useIndex: nameIdx })),
        ).toThrow('index hints apply to tables only');
        expect(() => db.select().from(items, hints({ useIndex: mysqlIndex().on(items.name as never) }))).toThrow('useIndex on "mx_items": the index has no name');
        expect(() => db.select().from(items, hints({ useIndex: [42] }))).toThrow('useIndex on "mx_items": expected index(\'name\') objects or index names, got 42');
        expect(() => db.select().from(items, hints({ useIndexes: nameIdx }))).toThrow('unknown option "useIndexes"');
      });
      it('leaves the statement as it was when no hint is given', () => {
        expect(db.select({ id: items.id }).from(items, hints({})).toSQL().sql).toBe('select `id` from `mx_items`');
        expect(
          db
            .select({ id: items.id })
            .from(items, hints({ useIndex: [] }))
            .toSQL().sql,
        ).toBe('select `id` from `mx_items`');
      });
    });

    describe('row locking with .for()', () => {
      if (dialect === 'sqlite') {
        it('rejects .for() naming sqlite, which locks whole databases', () => {
          expect(() => db.select().from(items).for('update').toSQL()).toThrow(UnsupportedError);
          expect(() => db.select().from(items).for('share', { skipLocked: true }).toSQL()).toThrow('sqlite: row locking (for share) is not supported');
        });
        return;
      }
      const strengths = byDialect(dialect, {
        pg: [
          ['update', {}, 'for update'],
          ['no key update', {}, 'for no key update'],
          ['share', {}, 'for share'],
          ['key share', {}, 'for key share'],
          ['update', { noWait: true }, 'for update nowait'],
          ['update', { skipLocked: true }, 'for update skip locked'],
          ['share', { skipLocked: true }, 'for share skip locked'],
          ['no key update', { of: items, noWait: true }, 'for no key update of "mx_items" nowait'],
        ],
        // MariaDB has no `for share`; `lock in share mode` is what MySQL 8 and MariaDB both read.
        mysql: [
          ['update', {}, 'for update'],
          ['share', {}, 'lock in share mode'],
          ['update', { noWait: true }, 'for update nowait'],
          ['update', { skipLocked: true }, 'for update skip locked'],
          ['share', { noWait: true }, 'lock in share mode nowait'],
          ['share', { skipLocked: true }, 'lock in share mode skip locked'],
        ],
        sqlite: [],
      } as Record<DialectName, [string, Record<string, unknown>, string][]>);
      for (const [strength, config, clause] of strengths) {
        it(`writes and runs ${clause} inside a transaction`, async () => {
          const rows = await db.transaction(async (tx) => {
            const q = tx
              .select({ id: items.id })
              .from(items)
              .where(eq(items.grp, 2))
              .orderBy(items.id)
              .for(strength as 'update', config);
            expect(q.toSQL().sql).toBe(S(`select "id" from "mx_items" where "mx_items"."grp" = $1 order by "mx_items"."id" ${clause}`));
            return q;
          });
          expect(rows).toEqual([{ id: 3 }, { id: 4 }]);
        });
      }
      it('puts the lock after limit and offset, and locks joined rows', async () => {
        await db.transaction(async (tx) => {
          const q = tx.select({ id: items.id, label: tags.label }).from(items).innerJoin(tags, eq(tags.itemId, items.id)).orderBy(tags.id).limit(2).offset(1).for('update', { skipLocked: true });
          expect(q.toSQL().sql).toBe(S('select "mx_items"."id", "mx_tags"."label" from "mx_items" inner join "mx_tags" on "mx_tags"."item_id" = "mx_items"."id" order by "mx_tags"."id" limit $1 offset $2 for update skip locked'));
          expect(await q).toEqual([
            { id: 1, label: 'blue' },
            { id: 3, label: 'green' },
          ]);
        });
      });
      if (dialect === 'pg') {
        it('locks the rows of the tables named by of', async () => {
          await db.transaction(async (tx) => {
            const q = tx
              .select({ id: items.id, label: tags.label })
              .from(items)
              .innerJoin(tags, eq(tags.itemId, items.id))
              .where(eq(items.id, 3))
              .for('share', { of: [items, tags] });
            expect(q.toSQL().sql).toBe('select "mx_items"."id", "mx_tags"."label" from "mx_items" inner join "mx_tags" on "mx_tags"."item_id" = "mx_items"."id" where "mx_items"."id" = $1 for share of "mx_items", "mx_tags"');
            expect(await q).toEqual([{ id: 3, label: 'green' }]);
          });
        });
      } else {
        it('rejects what MySQL cannot lock, naming mysql: other strengths, of tables', () => {
          expect(() => db.select().from(items).for('no key update').toSQL()).toThrow('mysql: for no key update is not supported');
          expect(() => db.select().from(items).for('key share').toSQL()).toThrow('mysql: for key share is not supported');
          expect(() => db.select().from(items).for('update', { of: items }).toSQL()).toThrow('mysql: for update of <table> is not supported');
        });
        it('locks a select with index hints', async () => {
          await db.transaction(async (tx) => {
            const q = tx
              .select({ id: items.id })
              .from(items, hints({ forceIndex: grpIdx }))
              .where(eq(items.grp, 3))
              .for('update');
            expect(q.toSQL().sql).toBe('select `id` from `mx_items` force index (`mx_items_grp`) where `mx_items`.`grp` = ? for update');
            expect(await q).toEqual([{ id: 5 }]);
          });
        });
      }
      it('rejects options that exclude each other, unknown strengths and of without tables', () => {
        expect(() =>
          db
            .select()
            .from(items)
            .for('update', { noWait: true, skipLocked: true } as never),
        ).toThrow(SchemaError);
        expect(() =>
          db
            .select()
            .from(items)
            .for('update', { noWait: true, skipLocked: true } as never),
        ).toThrow("for('update'): noWait and skipLocked exclude each other");
        expect(() =>
          db
            .select()
            .from(items)
            .for('exclusive' as never),
        ).toThrow('for(): unknown lock strength "exclusive" (update, no key update, share, key share)');
        expect(() =>
          db
            .select()
            .from(items)
            .for('update', { of: 'mx_items' } as never),
        ).toThrow("for('update', { of }): expected tables, got mx_items");
      });
    });

    describe('streaming with .iterator()', () => {
      if (!STREAMING.has(name)) {
        it(`rejects .iterator() naming ${name}, which cannot stream rows`, async () => {
          const iterate = async () => {
            for await (const row of db.select().from(items).iterator()) expect(row).toBeUndefined();
          };
          await expect(iterate()).rejects.toThrow(UnsupportedError);
          await expect(iterate()).rejects.toThrow(`${name}: .iterator() is not supported by this driver; it streams rows on node-postgres, postgres-js and mysql2`);
        });
        return;
      }
      const collect = async <T>(it: AsyncIterable<T>) => {
        const out: T[] = [];
        for await (const row of it) out.push(row);
        return out;
      };
      it('yields the rows awaiting the query gives, mapped and nested, and logs the statement', async () => {
        const q = db
          .select({ id: items.id, item: { name: items.name, grp: items.grp }, tag: { label: tags.label }, upper: sql<string>`upper(${items.name})` })
          .from(items)
          .leftJoin(tags, eq(tags.itemId, items.id))
          .orderBy(asc(items.id), asc(tags.id));
        log.last = [];
        const streamed = await collect(q.iterator());
        expect(lastSql()).toBe(
          S(
            'select "mx_items"."id", "mx_items"."name", "mx_items"."grp", "mx_tags"."label", upper("mx_items"."name") from "mx_items" left join "mx_tags" on "mx_tags"."item_id" = "mx_items"."id" order by "mx_items"."id" asc, "mx_tags"."id" asc',
          ),
        );
        expect(streamed).toEqual(await q);
        expect(streamed.slice(0, 3)).toEqual([
          { id: 1, item: { name: 'Ann', grp: 1 }, tag: { label: 'red' }, upper: 'ANN' },
          { id: 1, item: { name: 'Ann', grp: 1 }, tag: { label: 'blue' }, upper: 'ANN' },
          { id: 2, item: { name: 'Bob', grp: 1 }, tag: null, upper: 'BOB' },
        ]);
        expect(streamed).toHaveLength(6);
      });
      it('streams whole rows, an empty result, and prepared queries with placeholders', async () => {
        expect(await collect(db.select().from(items).where(eq(items.grp, 3)).iterator())).toEqual([{ id: 5, name: 'Eve', grp: 3 }]);
        expect(await collect(db.select().from(items).where(eq(items.grp, 99)).iterator())).toEqual([]);
        const prepared = db
          .select({ id: items.id })
          .from(items)
          .where(gt(items.id, sql.placeholder('min')))
          .orderBy(items.id)
          .prepare();
        expect(await collect(prepared.iterator({ min: 3 }))).toEqual([{ id: 4 }, { id: 5 }]);
        expect(await collect(prepared.iterator({ min: 4 }))).toEqual([{ id: 5 }]);
        const insert = db.insert(items).values({ id: 9, name: 'x', grp: 9 }).prepare();
        expect(() => (insert as unknown as { iterator(): unknown }).iterator()).toThrow('.iterator() streams the rows of selects only');
      });
      it('streams inside a transaction, which sees its own writes and goes on after a break', async () => {
        await db
          .transaction(async (tx) => {
            await tx.insert(items).values({ id: 6, name: 'Fay', grp: 3 });
            const seen: number[] = [];
            for await (const row of tx.select({ id: items.id }).from(items).orderBy(items.id).iterator()) {
              seen.push(row.id);
              if (row.id === 2) break;
            }
            expect(seen).toEqual([1, 2]);
            expect(await collect(tx.select({ id: items.id }).from(items).where(eq(items.grp, 3)).orderBy(items.id).iterator())).toEqual([{ id: 5 }, { id: 6 }]);
            tx.rollback();
          })
          .catch((e: Error) => expect(e.name).toBe('TransactionRollbackError'));
        expect(await db.select({ id: items.id }).from(items).where(eq(items.id, 6))).toEqual([]);
      });
      it('rejects with the statement when the server refuses it, and the database goes on', async () => {
        const bad = db.select({ id: items.id }).from(items).where(sql`no_such_column = 1`);
        await expect(collect(bad.iterator())).rejects.toThrow(SluiceQueryError);
        await expect(collect(bad.iterator())).rejects.toThrow(/no_such_column/);
        expect(await db.select({ id: items.id }).from(items).where(eq(items.id, 1))).toEqual([{ id: 1 }]);
      });
      it('leaves an error thrown by the loop body as it is', async () => {
        const boom = new Error('stop here');
        const run = async () => {
          for await (const row of db.select().from(items).iterator()) if (row.id) throw boom;
        };
        await expect(run()).rejects.toBe(boom);
        expect(await db.select({ id: items.id }).from(items).where(eq(items.id, 2))).toEqual([{ id: 2 }]);
      });
    });
  });
}
