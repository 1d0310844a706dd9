/** SQL Server selects: text, parameters, and every statement parsed as T-SQL. */
import { describe, expect, it } from 'vitest';
import { alias, and, asc, avg, between, count, countDistinct, desc, eq, exists, getTableColumns, gt, gte, ilike, inArray, isNotNull, isNull, like, lt, max, min, ne, not, notInArray, or, sql, sum, UnsupportedError } from 'sluice';
import { except, intersect, union, unionAll } from 'sluice/mssql-core';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectSql } from './helpers.js';
import { cities, events, posts, schema, users } from './schema.js';

const { db } = mssqlRenderDb({ schema });
const all = '[id], [name], [email], [verified], [city_id], [balance], [visits], [avatar], [prefs], [created_at]';

describe('select: columns, where and operators', () => {
  it('a whole table', async () => {
    await expectSql(db.select().from(users), `select ${all} from [users]`);
  });

  it('a partial selection with an expression and a schema-qualified table', async () => {
    await expectSql(db.select({ id: events.id, upper: sql<string>`upper(${events.kind})` }).from(events), 'select [id], upper([audit].[events].[kind]) from [audit].[events]');
  });

  it('comparison operators bind parameters as @pN', async () => {
    await expectSql(
      db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, 1), ne(users.name, 'x'), gt(users.id, 2), gte(users.id, 3), lt(users.id, 4), between(users.id, 5, 6))),
      'select [id] from [users] where ([users].[id] = @p1 and [users].[name] <> @p2 and [users].[id] > @p3 and [users].[id] >= @p4 and [users].[id] < @p5 and [users].[id] between @p6 and @p7)',
      [1, 'x', 2, 3, 4, 5, 6],
    );
  });

  it('booleans are bound as parameters, never as true/false literals', async () => {
    await expectSql(db.select({ id: users.id }).from(users).where(eq(users.verified, true)), 'select [id] from [users] where [users].[verified] = @p1', [true]);
  });

  it('like, ilike (as lower() like lower()), null checks, or/not', async () => {
    await expectSql(
      db
        .select({ id: users.id })
        .from(users)
        .where(or(like(users.name, 'a%'), ilike(users.email, '%@X.com'), isNull(users.cityId), not(isNotNull(users.balance)))),
      'select [id] from [users] where ([users].[name] like @p1 or lower([users].[email]) like lower(@p2) or [users].[city_id] is null or not ([users].[balance] is not null))',
      ['a%', '%@X.com'],
    );
  });

  it('inArray with values, with an empty list (1 = 0 / 1 = 1) and with a subquery', async () => {
    await expectSql(
      db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.id, [1, 2])),
      'select [id] from [users] where [users].[id] in (@p1, @p2)',
      [1, 2],
    );
    await expectSql(db.select({ id: users.id }).from(users).where(inArray(users.id, [])), 'select [id] from [users] where 1 = 0');
    await expectSql(db.select({ id: users.id }).from(users).where(notInArray(users.id, [])), 'select [id] from [users] where 1 = 1');
    await expectSql(
      db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.id, db.select({ id: posts.authorId }).from(posts))),
      'select [id] from [users] where [users].[id] in (select [author_id] from [posts])',
    );
  });

  it('exists with a correlated subquery', async () => {
    await expectSql(
      db
        .select({ id: users.id })
        .from(users)
        .where(exists(db.select({ one: sql`1` }).from(posts).where(eq(posts.authorId, users.id)))),
      'select [id] from [users] where exists (select 1 from [posts] where [posts].[author_id] = [users].[id])',
    );
  });

  it('a bracket inside a name is doubled', async () => {
    const { MsSqlDialect } = await import('sluice/mssql-core');
    expect(new MsSqlDialect().escapeName('we]ird')).toBe('[we]]ird]');
    expect(new MsSqlDialect().sqlToQuery(sql`select ${1}, ${sql.identifier('a]b')}`)).toEqual({ sql: 'select @p1, [a]]b]', params: [1] });
  });
});

describe('select: joins, aliases, subqueries, CTEs', () => {
  it('inner, left, right and full joins', async () => {
    await expectSql(db.select({ u: users.id, c: cities.name }).from(users).innerJoin(cities, eq(users.cityId, cities.id)), 'select [users].[id], [cities].[name] from [users] inner join [cities] on [users].[city_id] = [cities].[id]');
    await expectSql(db.select({ u: users.id, c: cities.name }).from(users).leftJoin(cities, eq(users.cityId, cities.id)), 'select [users].[id], [cities].[name] from [users] left join [cities] on [users].[city_id] = [cities].[id]');
    await expectSql(db.select({ u: users.id, c: cities.name }).from(users).rightJoin(cities, eq(users.cityId, cities.id)), 'select [users].[id], [cities].[name] from [users] right join [cities] on [users].[city_id] = [cities].[id]');
    await expectSql(db.select({ u: users.id, c: cities.name }).from(users).fullJoin(cities, eq(users.cityId, cities.id)), 'select [users].[id], [cities].[name] from [users] full join [cities] on [users].[city_id] = [cities].[id]');
    await expectSql(db.select({ u: users.id, c: cities.name }).from(users).crossJoin(cities), 'select [users].[id], [cities].[name] from [users] cross join [cities]');
  });

  it('a self join through an alias', async () => {
    const other = alias(users, 'other');
    await expectSql(db.select({ a: users.id, b: other.id }).from(users).innerJoin(other, eq(users.email, other.email)), 'select [users].[id], [other].[id] from [users] inner join [users] [other] on [users].[email] = [other].[email]');
  });

  it('a subquery in from, named columns', async () => {
    const sq = db
      .select({ authorId: posts.authorId, n: count().as('n') })
      .from(posts)
      .groupBy(posts.authorId)
      .as('sq');
    await expectSql(
      db.select({ name: users.name, n: sq.n }).from(users).innerJoin(sq, eq(sq.authorId, users.id)),
      'select [users].[name], [sq].[n] from [users] inner join (select [author_id], count(*) as [n] from [posts] group by [posts].[author_id]) [sq] on [sq].[author_id] = [users].[id]',
    );
  });

  it('a CTE', async () => {
    const top = db.$with('top_authors').as(db.select({ authorId: posts.authorId }).from(posts).where(gt(posts.views, 100)));
    await expectSql(
      db
        .with(top)
        .select({ name: users.name })
        .from(users)
        .where(inArray(users.id, db.select({ id: top.authorId }).from(top))),
      'with [top_authors] as (select [author_id] from [posts] where [posts].[views] > @p1) select [name] from [users] where [users].[id] in (select [author_id] from [top_authors])',
      [100],
    );
  });

  it('lateral joins throw naming the dialect', () => {
    const sq = db.select({ id: posts.id }).from(posts).as('p');
    // @ts-expect-error: lateral joins exist only on PostgreSQL
    expect(() => db.select().from(users).leftJoinLateral(sq, sql`1 = 1`).toSQL()).toThrow(UnsupportedError);
    // @ts-expect-error: lateral joins exist only on PostgreSQL
    expect(() => db.select().from(users).leftJoinLateral(sq, sql`1 = 1`).toSQL()).toThrow(/mssql: lateral joins/);
  });
});

describe('select: grouping, distinct, aggregates, $count', () => {
  it('group by and having with aggregates', async () => {
    await expectSql(
      db
        .select({ city: users.cityId, n: count(), d: countDistinct(users.name), s: sum(users.balance), a: avg(users.balance), lo: min(users.id), hi: max(users.id) })
        .from(users)
        .groupBy(users.cityId)
        .having(gt(count(), 1)),
      'select [city_id], count(*), count(distinct [users].[name]), sum([users].[balance]), avg([users].[balance]), min([users].[id]), max([users].[id]) from [users] group by [users].[city_id] having count(*) > @p1',
      [1],
    );
  });

  it('distinct, and distinct with top', async () => {
    await expectSql(db.selectDistinct({ name: users.name }).from(users), 'select distinct [name] from [users]');
    await expectSql(db.selectDistinct({ name: users.name }).from(users).limit(3), 'select distinct top (@p1) [name] from [users]', [3]);
  });

  it('distinct on throws naming the dialect', () => {
    expect(() => db.selectDistinctOn([users.name], { name: users.name }).from(users).toSQL()).toThrow(/mssql: selectDistinctOn is not supported/);
  });

  it('$count, awaited and inside a selection', async () => {
    const { db: rdb, statements, answers } = mssqlRenderDb({ schema });
    answers.push([[7]]);
    expect(await rdb.$count(users, eq(users.verified, true))).toBe(7);
    expect(statements).toEqual([{ sql: 'select count(*) from [users] where [users].[verified] = @p1', params: [true] }]);
    await expectSql(db.select({ id: users.id, posts: db.$count(posts, eq(posts.authorId, users.id)) }).from(users), 'select [id], (select count(*) from [posts] where [posts].[author_id] = [users].[id]) from [users]');
  });
});

describe('select: order, limit, offset, top', () => {
  it('a limit alone is top (n)', async () => {
    await expectSql(db.select({ id: users.id }).from(users).where(eq(users.verified, true)).limit(10), 'select top (@p1) [id] from [users] where [users].[verified] = @p2', [10, true]);
  });

  it('a limit with an order is top (n) ... order by', async () => {
    await expectSql(db.select({ id: users.id }).from(users).orderBy(desc(users.createdAt), asc(users.id)).limit(5), 'select top (@p1) [id] from [users] order by [users].[created_at] desc, [users].[id] asc', [5]);
  });

  it('limit and offset are offset ... fetch next', async () => {
    await expectSql(db.select({ id: users.id }).from(users).orderBy(users.id).limit(10).offset(20), 'select [id] from [users] order by [users].[id] offset @p1 rows fetch next @p2 rows only', [20, 10]);
  });

  it('an offset without an order orders by (select null)', async () => {
    await expectSql(db.select({ id: users.id }).from(users).offset(5), 'select [id] from [users] order by (select null) offset @p1 rows', [5]);
    await expectSql(db.select({ id: users.id }).from(users).limit(2).offset(5), 'select [id] from [users] order by (select null) offset @p1 rows fetch next @p2 rows only', [5, 2]);
  });

  it("Drizzle's MSSQL spellings: select().top(n).from(t) and offset(n).fetch(m)", async () => {
    await expectSql(db.select({ id: users.id }).top(3).from(users).orderBy(users.id), 'select top (@p1) [id] from [users] order by [users].[id]', [3]);
    await expectSql(db.select({ id: users.id }).from(users).orderBy(users.id).offset(20).fetch(10), 'select [id] from [users] order by [users].[id] offset @p1 rows fetch next @p2 rows only', [20, 10]);
  });

  it('a negative limit means no limit', async () => {
    await expectSql(db.select({ id: users.id }).from(users).limit(-1), 'select [id] from [users]');
  });

  it('limit and offset as placeholders in a prepared statement', async () => {
    const { db: rdb, statements } = mssqlRenderDb({ schema });
    const q = rdb
      .select({ id: users.id })
      .from(users)
      .where(eq(users.name, sql.placeholder('name')))
      .orderBy(users.id)
      .limit(sql.placeholder('n'))
      .offset(sql.placeholder('skip'))
      .prepare();
    await q.execute({ name: 'ann', n: 3, skip: 6 });
    await q.execute({ name: 'bob', n: 1, skip: 0 });
    expect(statements).toEqual([
      { sql: 'select [id] from [users] where [users].[name] = @p1 order by [users].[id] offset @p2 rows fetch next @p3 rows only', params: ['ann', 6, 3] },
      { sql: 'select [id] from [users] where [users].[name] = @p1 order by [users].[id] offset @p2 rows fetch next @p3 rows only', params: ['bob', 0, 1] },
    ]);
  });

  it("MySQL's index hints throw naming the dialect", () => {
    const loose = db.select().from as unknown as (t: unknown, hints: unknown) => { toSQL(): unknown };
    expect(() => loose.call(db.select(), users, { useIndex: 'users_email' }).toSQL()).toThrow(/mssql: index hints \(useIndex, forceIndex, ignoreIndex\) are not supported/);
  });

  it('row locking throws, pointing at table hints', () => {
    // @ts-expect-error: for() exists only on PostgreSQL and MySQL selects
    expect(() => db.select().from(users).for('update').toSQL()).toThrow(/mssql: SQL Server has no "for update" clause/);
  });
});

describe('select: set operations', () => {
  const a = () => db.select({ id: users.id }).from(users).where(eq(users.verified, true));
  const b = () => db.select({ id: posts.authorId }).from(posts);

  it('union, union all, intersect and except, parenthesised', async () => {
    await expectSql(a().union(b()), '(select [id] from [users] where [users].[verified] = @p1) union (select [author_id] from [posts])', [true]);
    await expectSql(unionAll(a(), b()), '(select [id] from [users] where [users].[verified] = @p1) union all (select [author_id] from [posts])', [true]);
    await expectSql(intersect(a(), b()), '(select [id] from [users] where [users].[verified] = @p1) intersect (select [author_id] from [posts])', [true]);
    await expectSql(except(a(), b()), '(select [id] from [users] where [users].[verified] = @p1) except (select [author_id] from [posts])', [true]);
    await expectSql(union(a(), b(), b()), '((select [id] from [users] where [users].[verified] = @p1) union (select [author_id] from [posts])) union (select [author_id] from [posts])', [true]);
  });

  it('a compound select with order and limit takes offset ... fetch (there is no select to put top in)', async () => {
    await expectSql(a().union(b()).orderBy(asc(users.id)).limit(3), '(select [id] from [users] where [users].[verified] = @p1) union (select [author_id] from [posts]) order by [id] asc offset 0 rows fetch next @p2 rows only', [true, 3]);
  });

  it('intersect all and except all throw naming the dialect', () => {
    expect(() => a().intersectAll(b()).toSQL()).toThrow(/mssql: intersect all is not supported/);
    expect(() => a().exceptAll(b()).toSQL()).toThrow(/mssql: except all is not supported/);
  });
});

describe('select: rows decode as SQL Server drivers hand them', () => {
  it('bit, bigint, decimal, binary, json and datetime2 columns', async () => {
    const { db: rdb, answers } = mssqlRenderDb({ schema });
    const at = new Date('2024-05-06T07:08:09.123Z');
    answers.push([[1, 'Ann', 'a@x', 1, null, 12.5, '9007199254740993', Buffer.from('hi'), '{"theme":"dark"}', at]]);
    const [row] = await rdb.select().from(users);
    expect(row).toEqual({ id: 1, name: 'Ann', email: 'a@x', verified: true, cityId: null, balance: '12.5', visits: 9007199254740993n, avatar: Buffer.from('hi'), prefs: { theme: 'dark' }, createdAt: at });
    expect(Object.keys(getTableColumns(users))).toHaveLength(10);
  });
});
