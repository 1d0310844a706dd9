/**
 * Column defaults on SQLite inserts, on better-sqlite3 and libsql. SQLite's VALUES has no DEFAULT
 * keyword, so a column's declared `.default()` is written by the insert itself (a value bound, SQL
 * inline), as Drizzle does: the row holds the schema's default whatever default, if any, the
 * table was created with, and whichever other rows share the statement.
 */
import { sql, type Database } from 'sluice';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourTargets, openBehaviourTarget, StatementLog, type BehaviourTarget } from '../support/behaviour.js';

const flags = sqliteTable('flags', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
  source: text('source').default(sql`'s' || 'ql'`),
  note: text('note'),
});
/** Tables with nothing a row must give: `counters` has a rowid, `keyed` is `without rowid`. */
const counters = sqliteTable('counters', { id: integer('id').primaryKey(), note: text('note') });
const keyed = sqliteTable('keyed', { id: integer('id').primaryKey(), note: text('note') });

describe.each(
  behaviourTargets()
    .filter((t) => t.dialect === 'sqlite')
    .map((t) => t.name),
)('column defaults on %s', (name) => {
  let target: BehaviourTarget;
  let db: Database<'sqlite', unknown, Record<string, never>>;
  const log = new StatementLog();

  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    // The table declares none of the schema's defaults, and `verified` is not null.
    await target.exec(`create table flags (id integer primary key, name text not null, verified integer not null, source text, note text);
      create table counters (id integer primary key, note text default 'x');
      create table keyed (id integer primary key, note text) without rowid`);
    db = (await target.open({ logger: log })) as never;
  });
  afterAll(async () => {
    await target?.close();
  });

  it("writes the schema's default for a column no row gives, in one row or many", async () => {
    await db.insert(flags).values({ name: 'one' });
    expect(log.last.at(-1)).toEqual({ sql: 'insert into "flags" ("name", "verified", "source") values (?, ?, \'s\' || \'ql\')', params: ['one', 0] });
    await db.insert(flags).values([
      { name: 'two', verified: true },
      { name: 'three', note: 'n' },
    ]);
    expect(log.last.at(-1)).toEqual({
      sql: 'insert into "flags" ("name", "verified", "source", "note") values (?, ?, \'s\' || \'ql\', ?), (?, ?, \'s\' || \'ql\', ?)',
      params: ['two', 1, null, 'three', 0, 'n'],
    });
    expect(await db.select().from(flags).orderBy(flags.id)).toEqual([
      { id: 1, name: 'one', verified: false, source: 'sql', note: null },
      { id: 2, name: 'two', verified: true, source: 'sql', note: null },
      { id: 3, name: 'three', verified: false, source: 'sql', note: 'n' },
    ]);
  });

  it('inserts several rows of nothing but defaults through the one-column key, which a table without rowid lacks', async () => {
    await db.insert(counters).values([{}, {}]);
    expect(log.last.at(-1)).toEqual({ sql: 'insert into "counters" ("id") values (null), (null)', params: [] });
    expect(await db.select().from(counters).orderBy(counters.id)).toEqual([
      { id: 1, note: 'x' },
      { id: 2, note: 'x' },
    ]);
    // Without a rowid, an integer key is not assigned: SQLite refuses the null key by its name.
    await expect(db.insert(keyed).values([{}, {}])).rejects.toThrow(/NOT NULL constraint failed: keyed.id/);
    expect(log.last.at(-1)).toEqual({ sql: 'insert into "keyed" ("id") values (null), (null)', params: [] });
  });
});
