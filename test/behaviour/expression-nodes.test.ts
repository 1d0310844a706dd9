/**
 * Operators the builders reason about tag their SQL with what it is; the text they render is
 * unchanged by the tag. A select filtered by its primary key equal to a value reads the tag to
 * know it returns one row at most.
 */
import { and, asc, desc, eq, gt, Param, sql } from 'sluice';
import { drizzle } from 'sluice/better-sqlite3';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { describe, expect, it } from 'vitest';

const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });

describe('expression nodes', () => {
  it('comparisons and orderings say what they are', () => {
    const byId = eq(users.id, 2);
    expect(byId.node).toEqual({ kind: 'comparison', op: '=', left: users.id, right: new Param(2, users.id) });
    expect(gt(users.id, 2).node).toMatchObject({ kind: 'comparison', op: '>' });
    expect(desc(users.name).node).toEqual({ kind: 'ordering', direction: 'desc', expr: users.name });
    expect(asc(users.name).node).toEqual({ kind: 'ordering', direction: 'asc', expr: users.name });
    // One condition renders as itself, so it keeps its meaning; appended text drops it.
    expect(and(byId)!.node).toBe(byId.node);
    expect(sql`${users.id} = ${2}`.node).toBeUndefined();
    expect(eq(users.id, 2).append(sql` or true`).node).toBeUndefined();
  });

  it('render as before, and a primary-key lookup returns its row on the single-row path', () => {
    const db = drizzle();
    db.run(sql`create table users (id integer primary key, name text not null)`);
    db.insert(users)
      .values([
        { id: 1, name: 'Ann' },
        { id: 2, name: 'Bob' },
      ])
      .run();
    const q = db
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.id, 2)));
    expect(q.toSQL()).toEqual({ sql: 'select "name" from "users" where "users"."id" = ?', params: [2] });
    expect(q.all()).toEqual([{ name: 'Bob' }]);
    expect(db.select({ name: users.name }).from(users).where(eq(users.id, 3)).all()).toEqual([]);
    const ordered = db.select({ name: users.name }).from(users).orderBy(desc(users.name));
    expect(ordered.toSQL().sql).toBe('select "name" from "users" order by "users"."name" desc');
    expect(ordered.all()).toEqual([{ name: 'Bob' }, { name: 'Ann' }]);
  });
});
