/** Mistakes in a v2 object filter are reported as SchemaErrors naming the operator and column. */
import { defineRelations, SchemaError } from 'sluice';
import { drizzle } from 'sluice/better-sqlite3';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { describe, expect, it } from 'vitest';

const users = sqliteTable('users', { id: integer().primaryKey(), name: text() });
const relations = defineRelations({ users }, () => ({}));

describe('object filters', () => {
  const db = drizzle({ relations });
  db.run('create table users (id integer primary key, name text)');
  db.run("insert into users values (1, 'Ann'), (2, 'Bob')");

  it('compares in and notIn with the array given', async () => {
    expect(await db.query.users.findMany({ where: { id: { in: [2] } } })).toEqual([{ id: 2, name: 'Bob' }]);
    expect(await db.query.users.findMany({ where: { id: { notIn: [2] } } })).toEqual([{ id: 1, name: 'Ann' }]);
  });

  it('rejects an in or notIn that is not an array', async () => {
    const where = { id: { in: 2 } } as unknown as { id: { in: number[] } };
    await expect(async () => await db.query.users.findMany({ where })).rejects.toThrow(SchemaError);
    await expect(async () => await db.query.users.findMany({ where })).rejects.toThrow(/filter operator "in" on column "id" takes an array/);
  });
});
