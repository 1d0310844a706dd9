/**
 * SQLite and MySQL behaviour Drizzle users rely on: raw SQL
 * (`db.run/all/get/values`) inside a libsql `db.batch([...])`, where it must run with the other
 * statements in the batch's one round trip and transaction, not on its own before the batch; and
 * `getTableConfig` foreign keys whose `onUpdate`/`onDelete` hold the actions (not the builder's
 * setters) plus MySQL's index method under `config.using`, as Drizzle's built objects have them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, SluiceQueryError, type Logger } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql, type LibSQLDatabase } from 'sluice/libsql';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';

const people = sqliteTable('sm_people', { id: integer('id').primaryKey(), name: text('name').notNull().unique() });
const DDL = 'create table sm_people (id integer primary key, name text not null unique)';

describe('libsql batch with raw SQL', () => {
  let db: LibSQLDatabase;
  const logged: string[] = [];
  const logger: Logger = { logQuery: (q) => void logged.push(q) };
  beforeAll(async () => {
    db = libsql({ connection: ':memory:', logger });
    await db.run(sql.raw(DDL));
  });
  afterAll(() => db.$client.close());

  it('runs db.run/all/get/values in the batch and shapes each result', async () => {
    logged.length = 0;
    const [inserted, run, all, first, values] = await db.batch([
      db.insert(people).values({ id: 1, name: 'Ann' }).returning({ id: people.id }),
      db.run(sql`insert into sm_people (id, name) values (${2}, ${'Bob'})`),
      db.all<{ id: number; name: string }>(sql`select id, name from sm_people order by id`),
      db.get<{ id: number; name: string }>(sql`select id, name from sm_people order by id desc`),
      db.values(sql`select id, name from sm_people order by id`),
    ]);
    expect(inserted).toEqual([{ id: 1 }]);
    expect(run).toMatchObject({ rowsAffected: 1, lastInsertRowid: 2n });
    expect(all).toEqual([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ]);
    expect(first).toEqual({ id: 2, name: 'Bob' });
    expect(values.map((r) => Array.from(r))).toEqual([
      [1, 'Ann'],
      [2, 'Bob'],
    ]);
    // each statement ran once, in the batch's order
    expect(logged).toEqual([
      'insert into "sm_people" ("id", "name") values (?, ?) returning "id"',
      'insert into sm_people (id, name) values (?, ?)',
      'select id, name from sm_people order by id',
      'select id, name from sm_people order by id desc',
      'select id, name from sm_people order by id',
    ]);
  });

  it('rolls a raw statement back with the rest of a failing batch', async () => {
    await db.run(sql`delete from sm_people`);
    await expect(db.batch([db.run(sql`insert into sm_people (id, name) values (10, 'Cy')`), db.insert(people).values({ id: 11, name: 'Cy' })])).rejects.toBeInstanceOf(SluiceQueryError);
    expect(await db.all(sql`select id from sm_people`)).toEqual([]);
  });

  it('runs raw SQL when awaited, again on each await', async () => {
    await db.run(sql`delete from sm_people`);
    const count = db.get<{ n: number }>(sql`select count(*) as n from sm_people`);
    expect(await count).toEqual({ n: 0 });
    await db.insert(people).values({ id: 20, name: 'Dee' });
    expect(await count).toEqual({ n: 1 });
    expect(count.toSQL()).toEqual({ sql: 'select count(*) as n from sm_people', params: [] });
  });
});

describe('raw SQL on better-sqlite3 stays synchronous', () => {
  it('returns rows and results directly', () => {
    const db = betterSqlite();
    db.run(sql.raw(DDL));
    expect(db.run(sql`insert into sm_people (id, name) values (1, 'Ann')`)).toMatchObject({ changes: 1 });
    expect(db.all(sql`select id, name from sm_people`)).toEqual([{ id: 1, name: 'Ann' }]);
    expect(db.get(sql`select name from sm_people`)).toEqual({ name: 'Ann' });
    expect(db.values(sql`select id, name from sm_people`)).toEqual([[1, 'Ann']]);
  });
});

describe('getTableConfig foreign keys and index methods, as Drizzle builds them', () => {
  it('sqlite: onUpdate/onDelete hold the actions of inline and table-level keys', async () => {
    const { foreignKey, getTableConfig, integer: int, sqliteTable: table } = await import('sluice/sqlite-core');
    const parent = table('sm_parent', { id: int('id').primaryKey() });
    const child = table('sm_child', { id: int('id'), pid: int('pid').references(() => parent.id, { onDelete: 'cascade' }) }, (t) => [foreignKey({ columns: [t.id], foreignColumns: [parent.id], name: 'sm_child_fk' }).onUpdate('restrict')]);
    const fks = getTableConfig(child).foreignKeys;
    expect(fks.map((fk) => [fk.getName(), fk.onDelete, fk.onUpdate])).toEqual([
      ['sm_child_pid_sm_parent_id_fk', 'cascade', undefined],
      ['sm_child_fk', undefined, 'restrict'],
    ]);
    expect(fks[0]!.reference().foreignTable).toBe(parent);
  });
  it('mysql: key actions and the index method under `using`', async () => {
    const { foreignKey, getTableConfig, index, int, mysqlTable } = await import('sluice/mysql-core');
    const parent = mysqlTable('sm_parent', { id: int('id').primaryKey() });
    const child = mysqlTable('sm_child', { id: int('id'), pid: int('pid') }, (t) => [
      foreignKey({ columns: [t.pid], foreignColumns: [parent.id] })
        .onDelete('set null')
        .onUpdate('no action'),
      index('sm_child_pid').on(t.pid).using('btree'),
    ]);
    const { foreignKeys, indexes } = getTableConfig(child);
    expect(foreignKeys.map((fk) => [fk.onDelete, fk.onUpdate])).toEqual([['set null', 'no action']]);
    expect([indexes[0]!.config.name, indexes[0]!.config.using]).toEqual(['sm_child_pid', 'btree']);
  });
  it('pg: key actions of a column reference', async () => {
    const { getTableConfig, integer, pgTable } = await import('sluice/pg-core');
    const parent = pgTable('sm_parent', { id: integer('id').primaryKey() });
    const child = pgTable('sm_child', { pid: integer('pid').references(() => parent.id, { onDelete: 'cascade', onUpdate: 'set default' }) });
    expect(getTableConfig(child).foreignKeys.map((fk) => [fk.onDelete, fk.onUpdate])).toEqual([['cascade', 'set default']]);
  });
});
