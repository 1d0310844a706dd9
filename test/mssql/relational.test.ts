/**
 * SQL Server relational queries (v1 `relations()` and v2 `defineRelations()`): rows are built by
 * `for json path` and aggregated by `string_agg`, in a derived table since T-SQL aggregates take
 * no subquery. The SQL text is asserted and parsed as T-SQL; the answers a driver would give are
 * decoded as a plain select decodes them.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectAllTsql } from './helpers.js';
import { relationsV2, schema, users } from './schema.js';

/** A row as `for json path` writes it: one key per position. */
const jsonRow = (...values: unknown[]) => JSON.stringify(Object.fromEntries(values.map((v, i) => [String(i), v])));

describe('relational queries (v1)', () => {
  it('nested many and one relations with where, orderBy, limit and extras', async () => {
    const { db, statements, answers } = mssqlRenderDb({ schema });
    answers.push([[1, 'Ann', 'ann', `[${jsonRow('Hello', `[${jsonRow('first!')}]`)}]`, jsonRow(3, 'Oslo')]]);
    const rows = await db.query.users.findMany({
      columns: { id: true, name: true },
      where: (u, { eq }) => eq(u.verified, true),
      extras: { lower: sql<string>`lower(${users.name})`.as('lower') },
      with: {
        posts: { columns: { title: true }, orderBy: (p, { desc }) => [desc(p.views)], with: { comments: { columns: { body: true }, limit: 2 } } },
        city: true,
      },
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toBe(
      'select [users0].[id], [users0].[name], lower([users0].[name]), ' +
        "(select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N',') within group (order by [t].[__n]), N']') from (select " +
        '(select [posts1].[title] as [0], json_query(' +
        "(select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N','), N']') from (select top (@p1) (select [comments2].[body] as [0] for json path, without_array_wrapper, include_null_values) as [__j] from [comments] [comments2] where [comments2].[post_id] = [posts1].[id]) [t])" +
        ') as [1] for json path, without_array_wrapper, include_null_values) as [__j], row_number() over (order by [posts1].[views] desc) as [__n] from [posts] [posts1] where [posts1].[author_id] = [users0].[id]) [t]), ' +
        '(select top (@p2) (select [city3].[id] as [0], [city3].[name] as [1] for json path, without_array_wrapper, include_null_values) from [cities] [city3] where [city3].[id] = [users0].[city_id]) ' +
        'from [users] [users0] where [users0].[verified] = @p3',
    );
    expect(statements[0]!.params).toEqual([2, 1, true]);
    await expectAllTsql(statements);
    expect(rows).toEqual([{ id: 1, name: 'Ann', lower: 'ann', posts: [{ title: 'Hello', comments: [{ body: 'first!' }] }], city: { id: 3, name: 'Oslo' } }]);
  });

  it('values inside JSON decode exactly as a plain select decodes them', async () => {
    const { db, statements, answers } = mssqlRenderDb({ schema });
    // for json writes bit as true/false and datetime2 as ISO text without a zone; sluice casts
    // bigint and decimal to text and binary to hex so none is rounded or base64-encoded.
    answers.push([[10, jsonRow('Ann', true, '1234567890.12', '9007199254740993', '6869', null, '2024-05-06T07:08:09.123')]]);
    const row = await db.query.posts.findFirst({ columns: { id: true }, with: { author: { columns: { name: true, verified: true, balance: true, visits: true, avatar: true, createdAt: true, prefs: true } } } });
    expect(statements[0]!.sql).toBe(
      'select top (@p1) [posts0].[id], (select top (@p2) (select [author1].[name] as [0], [author1].[verified] as [1], cast([author1].[balance] as nvarchar(64)) as [2], cast([author1].[visits] as nvarchar(64)) as [3], convert(varchar(max), [author1].[avatar], 2) as [4], [author1].[prefs] as [5], [author1].[created_at] as [6] for json path, without_array_wrapper, include_null_values) from [users] [author1] where [author1].[id] = [posts0].[author_id]) from [posts] [posts0]',
    );
    await expectAllTsql(statements);
    // The same values as a plain select reads them from the driver.
    const { db: plain, answers: plainAnswers } = mssqlRenderDb({ schema });
    plainAnswers.push([['Ann', true, 1234567890.12, '9007199254740993', Buffer.from('hi'), null, new Date('2024-05-06T07:08:09.123Z')]]);
    const [direct] = await plain.select({ name: users.name, verified: users.verified, balance: users.balance, visits: users.visits, avatar: users.avatar, prefs: users.prefs, createdAt: users.createdAt }).from(users);
    expect(row).toEqual({ id: 10, author: direct });
    expect(direct).toEqual({ name: 'Ann', verified: true, balance: '1234567890.12', visits: 9007199254740993n, avatar: Buffer.from('hi'), prefs: null, createdAt: new Date('2024-05-06T07:08:09.123Z') });
  });

  it('a missing one-relation is null and an empty many-relation is []', async () => {
    const { db, answers } = mssqlRenderDb({ schema });
    answers.push([[1, '[]', null]]);
    expect(await db.query.users.findMany({ columns: { id: true }, with: { posts: { columns: { id: true } }, city: { columns: { name: true } } } })).toEqual([{ id: 1, posts: [], city: null }]);
  });

  it('root limit and offset are offset ... fetch; a relation paged by offset orders by (select null)', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db.query.users.findMany({ columns: { id: true }, limit: 5, offset: 10, orderBy: (u, { asc }) => [asc(u.id)] });
    await db.query.users.findMany({ columns: { id: true }, with: { posts: { columns: { id: true }, offset: 1 } } });
    expect(statements).toEqual([
      { sql: 'select [users0].[id] from [users] [users0] order by [users0].[id] asc offset @p1 rows fetch next @p2 rows only', params: [10, 5] },
      {
        sql: "select [users0].[id], (select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N','), N']') from (select (select [posts1].[id] as [0] for json path, without_array_wrapper, include_null_values) as [__j] from [posts] [posts1] where [posts1].[author_id] = [users0].[id] order by (select null) offset @p1 rows) [t]) from [users] [users0]",
        params: [1],
      },
    ]);
    await expectAllTsql(statements);
  });

  it('a relation paged with an order numbers its rows and pages by the number', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db.query.users.findMany({ columns: { id: true }, with: { posts: { columns: { id: true }, orderBy: (p, { desc }) => [desc(p.id)], limit: 2, offset: 1 } } });
    expect(statements[0]!.sql).toBe(
      "select [users0].[id], (select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N',') within group (order by [t].[__n]), N']') from (select (select [posts1].[id] as [0] for json path, without_array_wrapper, include_null_values) as [__j], row_number() over (order by [posts1].[id] desc) as [__n] from [posts] [posts1] where [posts1].[author_id] = [users0].[id] order by [__n] offset @p1 rows fetch next @p2 rows only) [t]) from [users] [users0]",
    );
    expect(statements[0]!.params).toEqual([1, 2]);
    await expectAllTsql(statements);
  });
});

describe('relational queries (v2)', () => {
  it('many-to-many through a junction, one relation, object where and orderBy, limit', async () => {
    const { db, statements, answers } = mssqlRenderDb({ relations: relationsV2 });
    answers.push([[4, `[${jsonRow('sql')},${jsonRow('tsql')}]`, jsonRow('Ann')]]);
    const rows = await db.query.posts.findMany({ columns: { id: true }, with: { tags: { columns: { label: true } }, author: { columns: { name: true } } }, where: { views: { gt: 5 } }, orderBy: { id: 'desc' }, limit: 3 });
    expect(statements[0]!.sql).toBe(
      "select top (@p1) [posts0].[id], (select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N','), N']') from (select (select [tags1].[label] as [0] for json path, without_array_wrapper, include_null_values) as [__j] from [tags] [tags1] inner join [post_tags] [tags1_j] on [tags1_j].[tag_id] = [tags1].[id] where [tags1_j].[post_id] = [posts0].[id]) [t]), (select top (@p2) (select [author2].[name] as [0] for json path, without_array_wrapper, include_null_values) from [users] [author2] where [author2].[id] = [posts0].[author_id]) from [posts] [posts0] where [posts0].[views] > @p3 order by [posts0].[id] desc",
    );
    expect(statements[0]!.params).toEqual([3, 1, 5]);
    await expectAllTsql(statements);
    expect(rows).toEqual([{ id: 4, tags: [{ label: 'sql' }, { label: 'tsql' }], author: { name: 'Ann' } }]);
  });

  it('findFirst with a nested relation filter and extras', async () => {
    const { db, statements, answers } = mssqlRenderDb({ relations: relationsV2 });
    answers.push([[1, 'ANN', `[${jsonRow(7, `[${jsonRow('c')}]`)}]`]]);
    const row = await db.query.users.findFirst({
      columns: { id: true },
      extras: { upper: (u, { sql }) => sql<string>`upper(${u.name})` },
      with: { posts: { columns: { id: true }, where: { views: { gte: 1 } }, with: { comments: { columns: { body: true } } } } },
      where: { name: { like: 'A%' } },
    });
    expect(row).toEqual({ id: 1, upper: 'ANN', posts: [{ id: 7, comments: [{ body: 'c' }] }] });
    expect(statements[0]!.params).toEqual([1, 1, 'A%']);
    expect(statements[0]!.sql.startsWith('select top (@p1) [users0].[id], upper([users0].[name]), ')).toBe(true);
    await expectAllTsql(statements);
  });
});
