/**
 * What `push` counts before a data-losing change on SQL Server: the count queries name tables in
 * their schema with [brackets] and are T-SQL. (Running push needs a SQL Server; the queries are
 * checked here against a session that records them.)
 */
import { describe, expect, it } from 'vitest';
import { dataLosses } from '../../src/kit/api/push.js';
import type { Change } from '../../src/kit/changes.js';
import type { MigrationSession } from '../../src/kit/runner.js';
import { tsqlProblem } from '../support/tsql.js';
import { column, schemaModel, table } from './support/model-builders.js';

describe('push on SQL Server: counting what a change would lose', () => {
  it('counts rows and values with bracket-quoted, schema-qualified T-SQL', async () => {
    const sent: string[] = [];
    const session = {
      dialect: 'mssql',
      query: async (sql: string) => {
        sent.push(sql);
        return [{ '': sent.length * 10 }];
      },
    } as unknown as MigrationSession;
    const invoices = table('invoices', [column('id', 'int'), column('note', 'nvarchar(20)')], { schema: 'billing' });
    const users = table('users', [column('id', 'int'), column('age', 'int')], { schema: 'dbo' });
    const changes: Change[] = [
      { kind: 'drop_table', table: invoices },
      { kind: 'drop_column', table: { schema: 'dbo', name: 'users' }, column: column('age', 'int') },
      { kind: 'alter_column', table: { schema: 'dbo', name: 'users' }, from: column('id', 'int'), to: column('id', 'smallint', { notNull: true }), aspects: ['type', 'notNull'] },
    ];
    const losses = await dataLosses(session, changes, schemaModel('mssql', { tables: [invoices, users] }));
    expect(sent).toEqual([
      'select count(*) from [billing].[invoices]',
      'select count(*) from [dbo].[users] where [age] is not null',
      'select count(*) from [dbo].[users] where [id] is not null',
      'select count(*) from [dbo].[users] where [id] is null',
    ]);
    expect(losses.map((l) => l.rows)).toEqual([10, 20, 30, 40]);
    for (const sql of sent) expect(await tsqlProblem(sql), sql).toBeUndefined();
  });
});
