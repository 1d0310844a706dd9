/**
 * better-sqlite3's synchronous calls with `memoryCache()`: `.all()`, `.get()`, `.sync()` and
 * awaiting read through the cache without a promise, and `.run()` invalidates. Also the writes
 * that only PostgreSQL expresses (a CTE that inserts), on PGlite.
 */
import { PGlite } from '@electric-sql/pglite';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eq, relations, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { memoryCache } from 'sluice/cache/core';
import { integer, pgTable, text } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as int, sqliteTable, text as txt } from 'sluice/sqlite-core';

const items = sqliteTable('items', { id: int('id').primaryKey(), name: txt('name').notNull() });
const tags = sqliteTable('tags', { id: int('id').primaryKey(), itemId: int('item_id').notNull(), label: txt('label').notNull() });
const itemsRelations = relations(items, ({ many }) => ({ tags: many(tags) }));
const tagsRelations = relations(tags, ({ one }) => ({ item: one(items, { fields: [tags.itemId], references: [items.id] }) }));

function open() {
  const client = new Sqlite(':memory:');
  client.exec('create table items (id integer primary key, name text not null); create table tags (id integer primary key, item_id integer not null, label text not null)');
  client.exec("insert into items values (1, 'a'), (2, 'b'); insert into tags values (1, 1, 'x')");
  const log: string[] = [];
  const db = betterSqlite({ client, cache: memoryCache({ global: true }), schema: { items, tags, itemsRelations, tagsRelations }, logger: { logQuery: (q) => log.push(q) } });
  return { db, log, reads: () => log.filter((s) => s.startsWith('select')).length };
}

describe('memoryCache on better-sqlite3, synchronously', () => {
  it('.all(), .get() and awaiting are served from the cache; .run() invalidates', async () => {
    const { db, reads } = open();
    const q = () => db.select().from(items).orderBy(items.id);
    expect(q().all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(q().all()).toHaveLength(2);
    expect(await q()).toHaveLength(2);
    expect(reads()).toBe(1);
    // get() reads one row: an entry of its own.
    expect(q().get()).toEqual({ id: 1, name: 'a' });
    expect(q().get()).toEqual({ id: 1, name: 'a' });
    expect(reads()).toBe(2);
    db.insert(items).values({ id: 0, name: 'z' }).run();
    expect(q().get()).toEqual({ id: 0, name: 'z' });
    expect(q().all()).toHaveLength(3);
    expect(reads()).toBe(4);
    db.update(items).set({ name: 'zz' }).where(eq(items.id, 0)).run();
    expect(await q()).toContainEqual({ id: 0, name: 'zz' });
    db.delete(items).where(eq(items.id, 0)).run();
    expect(q().all()).toHaveLength(2);
    expect(reads()).toBe(6);
  });

  it('a prepared select with placeholders, and a relational query with sync()', () => {
    const { db, reads } = open();
    const byId = db
      .select()
      .from(items)
      .where(eq(items.id, sql.placeholder('id')))
      .prepare();
    expect(byId.all({ id: 1 })).toEqual([{ id: 1, name: 'a' }]);
    expect(byId.all({ id: 1 })).toEqual([{ id: 1, name: 'a' }]);
    expect(byId.get({ id: 2 })).toEqual({ id: 2, name: 'b' });
    expect(reads()).toBe(2);
    const withTags = () => db.query.items.findMany({ with: { tags: { columns: { label: true } } }, orderBy: items.id }).sync();
    expect(withTags()).toEqual([
      { id: 1, name: 'a', tags: [{ label: 'x' }] },
      { id: 2, name: 'b', tags: [] },
    ]);
    withTags();
    expect(reads()).toBe(3);
    db.insert(tags).values({ id: 2, itemId: 2, label: 'y' }).run();
    expect(withTags()[1]!.tags).toEqual([{ label: 'y' }]);
    expect(reads()).toBe(4);
  });

  it('a synchronous transaction invalidates after commit, a rolled back one does not', () => {
    const { db, reads } = open();
    const names = () =>
      db
        .select({ name: items.name })
        .from(items)
        .orderBy(items.id)
        .all()
        .map((r) => r.name);
    expect(names()).toEqual(['a', 'b']);
    expect(() =>
      db.transaction((tx) => {
        tx.update(items).set({ name: 'gone' }).run();
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(names()).toEqual(['a', 'b']);
    expect(reads()).toBe(1);
    db.transaction((tx) => {
      tx.update(items).set({ name: 'c' }).where(eq(items.id, 1)).run();
    });
    expect(names()).toEqual(['c', 'b']);
    expect(reads()).toBe(2);
  });
});

describe('memoryCache on PGlite: writes inside CTEs', () => {
  it('a select whose CTE inserts is a write: not cached, and it invalidates the table', async () => {
    const client = new PGlite();
    await client.exec("create table notes (id integer primary key, body text not null); insert into notes values (1, 'one')");
    const notes = pgTable('notes', { id: integer('id').primaryKey(), body: text('body').notNull() });
    const log: string[] = [];
    const db = pglite({ client, cache: memoryCache({ global: true }), logger: { logQuery: (q) => log.push(q) } });
    const all = () => db.select().from(notes).orderBy(notes.id);
    expect(await all()).toEqual([{ id: 1, body: 'one' }]);
    const added = db.$with('added').as(db.insert(notes).values({ id: 2, body: 'two' }).returning({ id: notes.id }));
    expect(await db.with(added).select().from(added)).toEqual([{ id: 2 }]);
    expect(await all()).toEqual([
      { id: 1, body: 'one' },
      { id: 2, body: 'two' },
    ]);
    expect(log.filter((s) => s.startsWith('select')).length).toBe(2);
    expect(log.filter((s) => s.startsWith('with')).length).toBe(1);
    await client.close();
  });
});
