/** SQL Server inserts, upserts (merge), updates and deletes with output: text, parameters, T-SQL. */
import { describe, expect, it } from 'vitest';
import { alias, eq, excluded, gt, onConflict, SchemaError, sql, UnsupportedError } from 'sluice';
import { int, mssqlTable, nvarchar } from 'sluice/mssql-core';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectAllTsql, expectSql } from './helpers.js';
import { cities, events, posts, schema, tags, users } from './schema.js';

const { db } = mssqlRenderDb({ schema });
const userCols = 'inserted.[id], inserted.[name], inserted.[email], inserted.[verified], inserted.[city_id], inserted.[balance], inserted.[visits], inserted.[avatar], inserted.[prefs], inserted.[created_at]';

describe('insert', () => {
  it('one row; the identity column is left to the server', async () => {
    await expectSql(db.insert(users).values({ name: 'Ann', email: 'a@x' }), 'insert into [users] ([name], [email]) values (@p1, @p2)', ['Ann', 'a@x']);
  });

  it('several rows; a value missing in one row is default', async () => {
    await expectSql(
      db.insert(users).values([
        { name: 'Ann', email: 'a@x', verified: true },
        { name: 'Bob', email: 'b@x' },
      ]),
      'insert into [users] ([name], [email], [verified]) values (@p1, @p2, @p3), (@p4, @p5, default)',
      ['Ann', 'a@x', true, 'Bob', 'b@x'],
    );
  });

  it('values are encoded by their columns (json, bigint, schema-qualified table)', async () => {
    await expectSql(db.insert(users).values({ name: 'A', email: 'e', prefs: { theme: 'dark' }, visits: 12n }), 'insert into [users] ([name], [email], [visits], [prefs]) values (@p1, @p2, @p3, @p4)', ['A', 'e', '12', '{"theme":"dark"}']);
    await expectSql(db.insert(events).values({ kind: 'login' }), 'insert into [audit].[events] ([kind]) values (@p1)', ['login']);
  });

  it('only defaults: default values, and (default) rows for several', async () => {
    const counters = mssqlTable('counters', { id: int('id').identity().primaryKey(), note: nvarchar('note', { length: 10 }) });
    await expectSql(db.insert(counters).values({}), 'insert into [counters] default values');
    await expectSql(db.insert(counters).values([{}, {}]), 'insert into [counters] ([note]) values (default), (default)');
  });

  it('output()/returning() put output inserted.* between the columns and values', async () => {
    await expectSql(db.insert(users).values({ name: 'Ann', email: 'a@x' }).returning(), `insert into [users] ([name], [email]) output ${userCols} values (@p1, @p2)`, ['Ann', 'a@x']);
    await expectSql(
      db
        .insert(users)
        .values({ name: 'Ann', email: 'a@x' })
        .output({ id: users.id, upper: sql<string>`upper(${users.name})` }),
      'insert into [users] ([name], [email]) output inserted.[id], upper(inserted.[name]) values (@p1, @p2)',
      ['Ann', 'a@x'],
    );
    // Drizzle's MSSQL form: output() before values().
    await expectSql(db.insert(cities).output({ id: cities.id }).values({ name: 'Oslo' }), 'insert into [cities] ([name]) output inserted.[id] values (@p1)', ['Oslo']);
    const counters = mssqlTable('counters', { id: int('id').identity().primaryKey() });
    await expectSql(db.insert(counters).values({}).returning(), 'insert into [counters] output inserted.[id] default values');
  });

  it('returned rows decode like a select', async () => {
    const { db: rdb, answers, statements } = mssqlRenderDb({ schema });
    answers.push([[5, true, '10']]);
    const rows = await rdb.insert(users).values({ name: 'Ann', email: 'a@x' }).output({ id: users.id, verified: users.verified, visits: users.visits });
    expect(rows).toEqual([{ id: 5, verified: true, visits: 10n }]);
    await expectAllTsql(statements);
  });

  it('insert ... select', async () => {
    await expectSql(db.insert(tags).select(db.select({ id: posts.id, label: posts.title }).from(posts).where(gt(posts.views, 10))), 'insert into [tags] ([id], [label]) select [id], [title] from [posts] where [posts].[views] > @p1', [10]);
  });

  it('an identity column given a value is an error naming it', () => {
    expect(() =>
      db
        .insert(cities)
        .values({ id: 3, name: 'x' } as never)
        .toSQL(),
    ).toThrow(/column "id" is generated always as identity; the server assigns it/);
  });

  it('more rows than 2,100 parameters allow run in chunks inside one transaction', async () => {
    const { db: rdb, statements } = mssqlRenderDb({ schema });
    const rows = Array.from({ length: 1100 }, (_, i) => ({ name: `n${i}`, email: `e${i}` }));
    await rdb.insert(users).values(rows);
    // Two parameters a row: 1050 rows fit under 2,100, and T-SQL allows 1000 rows in one VALUES list.
    expect(statements.map((s) => s.sql.slice(0, 40))).toEqual(['begin transaction', 'insert into [users] ([name], [email]) va', 'insert into [users] ([name], [email]) va', 'commit transaction']);
    expect(statements[1]!.params).toHaveLength(2000);
    expect(statements[2]!.params).toHaveLength(200);
    expect(statements[1]!.sql.endsWith('(@p1999, @p2000)')).toBe(true);
    await expectAllTsql(statements);
  });

  it('wide rows chunk by the parameter limit', async () => {
    const { db: rdb, statements } = mssqlRenderDb({ schema });
    const rows = Array.from({ length: 500 }, (_, i) => ({ name: `n${i}`, email: `e${i}`, verified: true, cityId: 1, balance: '1.00' }));
    await rdb.insert(users).values(rows);
    // Five parameters a row: 420 rows make 2,100.
    expect(statements.map((s) => s.params.length)).toEqual([0, 2100, 400, 0]);
    await expectAllTsql(statements);
  });
});

describe('upsert as merge', () => {
  it('onConflictDoUpdate({ target, set }) with excluded values', async () => {
    await expectSql(
      db
        .insert(tags)
        .values([
          { id: 1, label: 'a' },
          { id: 2, label: 'b' },
        ])
        .onConflictDoUpdate({ target: tags.id, set: { label: sql`${excluded.label} + N'!'` } }),
      "merge into [tags] with (holdlock) using (values (@p1, @p2), (@p3, @p4)) as [excluded] ([id], [label]) on [tags].[id] = [excluded].[id] when matched then update set [label] = [excluded].[label] + N'!' when not matched then insert ([id], [label]) values ([excluded].[id], [excluded].[label]);",
      [1, 'a', 2, 'b'],
    );
  });

  it("the seed's onConflict(col).doUpdateSet({ ... excluded ... }) form, with a where", async () => {
    await expectSql(
      db
        .insert(tags)
        .values({ id: 1, label: 'a' })
        .onConflict(onConflict(tags.id).doUpdateSet({ label: excluded.label }, gt(tags.id, 0))),
      'merge into [tags] with (holdlock) using (values (@p1, @p2)) as [excluded] ([id], [label]) on [tags].[id] = [excluded].[id] when matched and [tags].[id] > @p3 then update set [label] = [excluded].[label] when not matched then insert ([id], [label]) values ([excluded].[id], [excluded].[label]);',
      [1, 'a', 0],
    );
  });

  it('onConflictDoNothing() matches on the primary key and only inserts', async () => {
    await expectSql(
      db.insert(tags).values({ id: 1, label: 'a' }).onConflictDoNothing(),
      'merge into [tags] with (holdlock) using (values (@p1, @p2)) as [excluded] ([id], [label]) on [tags].[id] = [excluded].[id] when not matched then insert ([id], [label]) values ([excluded].[id], [excluded].[label]);',
      [1, 'a'],
    );
  });

  it('a set value that is a plain value is bound; returning() puts output inserted.* before the final ;', async () => {
    await expectSql(
      db
        .insert(users)
        .values({ name: 'Ann', email: 'a@x' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Ann 2' } })
        .returning({ id: users.id }),
      'merge into [users] with (holdlock) using (values (@p1, @p2)) as [excluded] ([name], [email]) on [users].[email] = [excluded].[email] when matched then update set [name] = @p3 when not matched then insert ([name], [email]) values ([excluded].[name], [excluded].[email]) output inserted.[id];',
      ['Ann', 'a@x', 'Ann 2'],
    );
  });

  it('rows that leave a column to its default write the declared default', async () => {
    await expectSql(
      db
        .insert(users)
        .values([
          { name: 'A', email: 'a', verified: true },
          { name: 'B', email: 'b' },
        ])
        .onConflictDoNothing({ target: users.email }),
      'merge into [users] with (holdlock) using (values (@p1, @p2, @p3), (@p4, @p5, @p6)) as [excluded] ([name], [email], [verified]) on [users].[email] = [excluded].[email] when not matched then insert ([name], [email], [verified]) values ([excluded].[name], [excluded].[email], [excluded].[verified]);',
      ['A', 'a', true, 'B', 'b', false],
    );
  });

  it('what merge cannot express throws naming the dialect', () => {
    expect(() => db.insert(users).values({ name: 'A', email: 'a' }).onConflictDoNothing({ target: users.id }).toSQL()).toThrow(/mssql: the upsert's rows give no value for its target \[id\]/);
    expect(() =>
      db
        .insert(tags)
        .values({ id: 1, label: 'a' })
        .onConflictDoUpdate({ target: tags.id, set: { label: 'b' }, targetWhere: gt(tags.id, 1) })
        .toSQL(),
    ).toThrow(UnsupportedError);
    expect(() =>
      db
        .insert(tags)
        .select(db.select({ id: posts.id, label: posts.title }).from(posts))
        .onConflictDoNothing()
        .toSQL(),
    ).toThrow(/mssql: an upsert of insert\(...\).select\(\) is not supported/);
  });
});

describe('update', () => {
  it('set and where', async () => {
    await expectSql(db.update(users).set({ name: 'X', verified: false }).where(eq(users.id, 1)), 'update [users] set [name] = @p1, [verified] = @p2 where [users].[id] = @p3', ['X', false, 1]);
  });

  it('a set value may be an expression', async () => {
    await expectSql(
      db
        .update(posts)
        .set({ views: sql`${posts.views} + 1` })
        .where(eq(posts.id, 2)),
      'update [posts] set [views] = [views] + 1 where [posts].[id] = @p1',
      [2],
    );
  });

  it('returning()/output() write output inserted.* after set', async () => {
    await expectSql(db.update(posts).set({ title: 'T' }).where(eq(posts.id, 2)).returning({ id: posts.id, title: posts.title }), 'update [posts] set [title] = @p1 output inserted.[id], inserted.[title] where [posts].[id] = @p2', ['T', 2]);
    await expectSql(db.update(posts).set({ title: 'T' }).output(), 'update [posts] set [title] = @p1 output inserted.[id], inserted.[author_id], inserted.[title], inserted.[views]', ['T']);
  });

  it('output({ inserted, deleted }) reads the rows after and before the update', async () => {
    const q = db
      .update(posts)
      .set({ views: 0 })
      .output({ deleted: { oldViews: posts.views }, inserted: { newViews: posts.views, id: posts.id } });
    await expectSql(q, 'update [posts] set [views] = @p1 output inserted.[views], inserted.[id], deleted.[views]', [0]);
    const { db: rdb, answers } = mssqlRenderDb({ schema });
    answers.push([[0, 7, 41]]);
    expect(
      await rdb
        .update(posts)
        .set({ views: 0 })
        .output({ deleted: { oldViews: posts.views }, inserted: { newViews: posts.views, id: posts.id } }),
    ).toEqual([{ inserted: { newViews: 0, id: 7 }, deleted: { oldViews: 41 } }]);
    await expectSql(db.update(posts).set({ views: 1 }).output({ deleted: true }), 'update [posts] set [views] = @p1 output deleted.[id], deleted.[author_id], deleted.[title], deleted.[views]', [1]);
  });

  it('update ... from another table, with output naming both', async () => {
    await expectSql(
      db.update(users).set({ verified: true }).from(cities).where(eq(users.cityId, cities.id)).returning({ id: users.id, city: cities.name }),
      'update [users] set [verified] = @p1 output inserted.[id], [cities].[name] from [cities] where [users].[city_id] = [cities].[id]',
      [true],
    );
  });

  it('an aliased table is updated by its alias, listed under from', async () => {
    const u = alias(users, 'u');
    await expectSql(db.update(u).set({ name: 'x' }).where(eq(u.id, 1)).returning({ id: u.id }), 'update [u] set [name] = @p1 output inserted.[id] from [users] [u] where [u].[id] = @p2', ['x', 1]);
    await expectSql(db.update(u).set({ name: 'x' }).from(cities).where(eq(u.cityId, cities.id)), 'update [u] set [name] = @p1 from [users] [u], [cities] where [u].[city_id] = [cities].[id]', ['x']);
  });

  it('order by / limit on an update throws naming the dialect', () => {
    expect(() => db.update(users).set({ name: 'x' }).limit(1).toSQL()).toThrow(/mssql: update with orderBy\(\)\/limit\(\) is not supported/);
  });
});

describe('delete', () => {
  it('where, and output deleted.* before it', async () => {
    await expectSql(db.delete(posts).where(eq(posts.id, 3)), 'delete from [posts] where [posts].[id] = @p1', [3]);
    await expectSql(db.delete(posts).where(eq(posts.id, 3)).returning({ id: posts.id }), 'delete from [posts] output deleted.[id] where [posts].[id] = @p1', [3]);
    await expectSql(db.delete(posts).output(), 'delete from [posts] output deleted.[id], deleted.[author_id], deleted.[title], deleted.[views]');
  });

  it('an aliased table is deleted from by its alias', async () => {
    const p = alias(posts, 'p');
    await expectSql(db.delete(p).where(eq(p.views, 0)).returning({ id: p.id }), 'delete [p] output deleted.[id] from [posts] [p] where [p].[views] = @p1', [0]);
  });

  it('a CTE before a delete', async () => {
    const old = db.$with('old').as(db.select({ id: posts.id }).from(posts).where(eq(posts.views, 0)));
    await expectSql(
      db
        .with(old)
        .delete(posts)
        .where(eq(posts.id, sql`(select min(${old.id}) from ${old})`)),
      'with [old] as (select [id] from [posts] where [posts].[views] = @p1) delete from [posts] where [posts].[id] = (select min([old].[id]) from [old])',
      [0],
    );
  });

  it('a write inside a CTE throws naming the dialect', () => {
    const w = db.$with('w').as(db.delete(posts).returning({ id: posts.id }));
    expect(() => db.with(w).select().from(w).toSQL()).toThrow(/mssql: an insert, update or delete cannot be the body of a CTE/);
  });

  it("MySQL's insert methods throw naming the dialect at run time too", async () => {
    const loose = db as unknown as { insert(t: unknown): { values(v: unknown): Record<string, (...a: unknown[]) => { toSQL(): unknown }> } };
    expect(() => loose.insert(tags).values({ id: 1, label: 'a' }).ignore!().toSQL()).toThrow(/mssql: insert ... ignore\(\) is not supported; use onConflictDoNothing\(\)/);
    expect(() => loose.insert(tags).values({ id: 1, label: 'a' }).onDuplicateKeyUpdate!({ set: { label: 'b' } }).toSQL()).toThrow(/mssql: onDuplicateKeyUpdate\(\) is MySQL's/);
    const { db: rdb } = mssqlRenderDb({ schema });
    const q = (rdb as unknown as { insert(t: unknown): { values(v: unknown): { $returningId(): Promise<unknown> } } }).insert(tags).values({ id: 1, label: 'a' }).$returningId();
    await expect(q).rejects.toThrow(/mssql: \$returningId\(\) is MySQL only; use returning\(\)/);
  });

  it('a missing not-null value is an error naming the column', () => {
    expect(() =>
      db
        .insert(posts)
        .values({ title: 't' } as never)
        .toSQL(),
    ).toThrow(SchemaError);
  });
});
