/** The T-SQL checker itself: it must reject what SQL Server would, or the suites prove nothing. */
import { describe, expect, it } from 'vitest';
import { assertTsql, forbiddenToken, tsqlProblem } from '../support/tsql.js';

describe('assertTsql', () => {
  it.each([
    'select top (@p1) [id] from [users] where [users].[id] = @p2',
    'select [id] from [users] order by [id] offset @p1 rows fetch next @p2 rows only',
    'insert into [users] ([name]) output inserted.[id] values (@p1)',
    'insert into [users] output inserted.[id] default values',
    'delete [p] output deleted.[id] from [posts] [p] where [p].[id] = @p1',
    'merge into [users] using (values (@p1, @p2)) as [excluded] ([id], [name]) on [users].[id] = [excluded].[id] when matched then update set [name] = [excluded].[name] when not matched then insert ([id], [name]) values ([excluded].[id], [excluded].[name]);',
    'save transaction sp1',
    'rollback transaction sp1',
    'begin transaction',
    "select [a] from [t] where [a] = N'it''s'",
  ])('accepts %s', async (sql) => {
    expect(await tsqlProblem(sql)).toBeUndefined();
  });

  it.each([
    ['select * from [users] limit 1', /no limit/],
    ['insert into [users] ([a]) values (@p1) returning [id]', /no returning/],
    ['select [a] from [t] where [a] ilike @p1', /no ilike/],
    ['select [a] from [t] where [a] = $1', /\$1-style/],
    ['select [a] from [t] where [a] = ?', /positional \?/],
    ['insert into [t] ([a]) values (@p1) on conflict do nothing', /on conflict/],
    ['select [a] from [t] where [b] = true', /boolean literal/],
    ['select "a" from [t]', /double-quoted/],
    ['select [a] || [b] from [t]', /\|\|/],
    ['select [a]::int from [t]', /::/],
    ['select [a] from [t] order by [a] offset 5', /offset without rows/],
    ['select [a] from [t] for update', /for update/],
    ['select [a] from [t] cross join lateral (select 1 as [x]) [l]', /lateral/],
    ['select [a] from [t] whre [a] = 1', /rejects it/],
    ['save transaction [sp1]', /./],
    ['rollback transaction sp1 extra', /./],
    ['select [a] from [t] where', /rejects it/],
    ['merge into [t] using (values (@p1)) as [s] ([a]) on [t].[a] = [s].[a] when matched then update set', /rejects it/],
  ])('rejects %s', async (sql, why) => {
    const problem = await tsqlProblem(sql);
    expect(problem).toMatch(why);
    await expect(assertTsql(sql)).rejects.toThrow(sql);
  });

  it('reads quoted text as text, not as tokens', () => {
    expect(forbiddenToken("select N'limit 1 returning true || $1' as [limit]")).toBeUndefined();
  });

  it.each(['select [a] from [t] where [a] <=> @p1', "select [a] from [t] where [a] similar to N'x'", 'select [a] from [t] qualify [a] = 1'])(
    'runs plain statements through node-sql-parser too: %s (sqlparser-rs lets it through)',
    async (sql) => {
      expect(await tsqlProblem(sql)).toMatch(/node-sql-parser \(transactsql\) rejects it/);
    },
  );
});
