/**
 * The migration linter on the T-SQL the SQL Server renderer writes: its renames (`EXEC
 * sp_rename`) and `ALTER COLUMN` retypes are read like the other dialects' forms, with column
 * types and nullability known from the migration that made the table.
 */
import { describe, expect, it } from 'vitest';
import { formatMigrationSql } from '../../src/kit/api/sql-file.js';
import { diffSnapshots, type RenameAnswers } from '../../src/kit/diff.js';
import { lintSql, type KnownColumns } from '../../src/kit/lint/index.js';
import type { TableModel } from '../../src/kit/model.js';
import { kitDialect } from '../../src/kit/registry.js';
import { column, snapshot, table } from './support/model-builders.js';

function migrationSql(from: TableModel[], to: TableModel[], answers: RenameAnswers = {}): string {
  const before = snapshot('mssql', { tables: from });
  const after = snapshot('mssql', { tables: to });
  const diff = diffSnapshots(before, after, answers);
  if (diff.status !== 'ok') throw new Error(`open rename questions: ${JSON.stringify(diff.questions)}`);
  return formatMigrationSql(kitDialect('mssql').render(diff.changes, { from: before, to: after }), { breakpoints: true });
}

function lintChange(before: TableModel[], after: TableModel[], answers: RenameAnswers = {}): [string, string][] {
  const known: KnownColumns = new Map();
  expect(lintSql(migrationSql([], before), 'mssql', 'init', { known })).toEqual([]);
  return lintSql(migrationSql(before, after, answers), 'mssql', 'change', { known }).map((f) => [f.rule, f.message]);
}

const users = (columns = [column('id', 'int', { notNull: true }), column('name', 'nvarchar(20)', { default: "N'x'" }), column('age', 'int')], name = 'users') =>
  table(name, columns, { schema: 'dbo', primaryKey: { name: `${name}_pkey`, columns: ['id'] } });

describe('lint on SQL Server migrations', () => {
  it('reads ALTER COLUMN as a type change and a NOT NULL change, judged against the known type', () => {
    const after = users([column('id', 'int', { notNull: true }), column('name', 'nvarchar(10)', { default: "N'x'" }), column('age', 'int', { notNull: true })]);
    expect(lintChange([users()], [after])).toEqual([
      ['type-change', 'changes the type of dbo.users.name from nvarchar(20) to nvarchar(10)'],
      ['not-null-without-default', 'makes column dbo.users.age NOT NULL'],
    ]);
  });

  it('reads sp_rename of a column and of a table as renames, and follows the new names', () => {
    const renamedColumn = users([column('id', 'int', { notNull: true }), column('full_name', 'nvarchar(20)', { default: "N'x'" }), column('age', 'int')]);
    expect(lintChange([users()], [renamedColumn], { 'column:dbo.users.full_name': 'name' })).toEqual([['rename', 'renames column dbo.users.name to full_name']]);
    const people = { ...users(), name: 'people', primaryKey: { name: 'people_pkey', columns: ['id'] } };
    expect(lintChange([users()], [people], { 'table:dbo.people': 'dbo.users' })).toEqual([['rename', 'renames table dbo.users to dbo.people']]);
  });

  it('stays quiet on a table made in the same migration', () => {
    const sql = `${migrationSql([], [users()])}--> statement-breakpoint\nEXEC sp_rename N'[dbo].[users].[age]', N'years', N'COLUMN';\n`;
    expect(lintSql(sql, 'mssql', 'init', { known: new Map() })).toEqual([]);
  });
});
