/**
 * `generate` for a SQL Server project, end to end through the kit API: the fixture schema's first
 * migration and a second version's (add, rename by hint, retype, drop an index, add a foreign
 * key), with its down.sql, asserted as text, and every statement parsed as T-SQL. No SQL Server
 * runs here; test/live/mssql-kit.test.ts applies the same migrations when SLUICE_MSSQL_URL is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, loadConfig, parseRenameHint, type ResolvedConfig } from 'sluice/kit';
import { splitStatements } from '../../src/kit/migrations/folder.js';
import { mssqlFixtureSource } from './support/mssql-kit-fixture.js';
import { unparsedTsql } from './support/mssql-tsql.js';
import { tempProject, type TempProject } from './support/project.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

async function mssqlProject(version: 1 | 2): Promise<ResolvedConfig> {
  project ??= tempProject();
  project.write('sluice.config.ts', "import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'mssql', schema: './src/schema.ts', out: './migrations' });\n");
  project.write('src/schema.ts', mssqlFixtureSource(version));
  return loadConfig({ cwd: project.dir });
}

const firstSql = `CREATE SCHEMA [billing];
--> statement-breakpoint
CREATE TABLE [dbo].[users] (
\t[id] int IDENTITY(1, 1) NOT NULL,
\t[email] nvarchar(255) NOT NULL,
\t[name] nvarchar(100) NOT NULL CONSTRAINT [users_name_default] DEFAULT N'anon',
\t[bio] nvarchar(max),
\t[notes] varchar(max),
\t[active] bit NOT NULL CONSTRAINT [users_active_default] DEFAULT 1,
\t[balance] decimal(10,2) NOT NULL CONSTRAINT [users_balance_default] DEFAULT 0.00,
\t[created_at] datetime2(3) NOT NULL CONSTRAINT [users_created_at_default] DEFAULT getdate(),
\t[deleted_at] datetime2(3),
\t[avatar] varbinary(max),
\tCONSTRAINT [users_pkey] PRIMARY KEY ([id]),
\tCONSTRAINT [users_email_unique] UNIQUE ([email]),
\tCONSTRAINT [users_balance_check] CHECK ([balance] >= 0)
);
--> statement-breakpoint
CREATE TABLE [billing].[invoices] (
\t[id] int IDENTITY(1, 1) NOT NULL,
\t[user_id] int NOT NULL,
\t[amount] decimal(12,2) NOT NULL,
\t[issued_at] datetime2(7) NOT NULL CONSTRAINT [invoices_issued_at_default] DEFAULT getdate(),
\tCONSTRAINT [invoices_pkey] PRIMARY KEY ([id])
);
--> statement-breakpoint
CREATE TABLE [dbo].[posts] (
\t[id] bigint IDENTITY(1000, 1) NOT NULL,
\t[author_id] int NOT NULL,
\t[title] nvarchar(200) NOT NULL,
\t[body] nvarchar(max),
\t[published] bit NOT NULL CONSTRAINT [posts_published_default] DEFAULT 0,
\tCONSTRAINT [posts_pkey] PRIMARY KEY ([id])
);
--> statement-breakpoint
CREATE INDEX [posts_author_id_index] ON [dbo].[posts] ([author_id]);
--> statement-breakpoint
CREATE INDEX [users_name_index] ON [dbo].[users] ([name]);
--> statement-breakpoint
CREATE UNIQUE INDEX [users_email_live_unique] ON [dbo].[users] ([email]) WHERE [deleted_at] is null;
--> statement-breakpoint
ALTER TABLE [billing].[invoices] ADD CONSTRAINT [invoices_user_id_users_id_fk] FOREIGN KEY ([user_id]) REFERENCES [dbo].[users]([id]) ON DELETE NO ACTION ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_author_id_users_id_fk] FOREIGN KEY ([author_id]) REFERENCES [dbo].[users]([id]) ON DELETE CASCADE ON UPDATE NO ACTION;
--> statement-breakpoint
CREATE VIEW [dbo].[active_users] AS select [id], [email] from [users] where [users].[active] = 1;
`;

describe('generate for SQL Server', () => {
  it('writes the fixture schema as T-SQL, then a second version and its down.sql', async () => {
    let config = await mssqlProject(1);
    const first = await generate(config, { name: 'init', now: new Date('2026-11-30T12:00:00Z') });
    if (first.status !== 'written') throw new Error(`expected a migration, got ${first.status}`);
    expect(first.sql).toBe(firstSql);
    expect(readFileSync(join(first.path, 'migration.sql'), 'utf8')).toBe(first.sql);
    expect(first.snapshot.dialect).toBe('mssql');
    expect(await unparsedTsql(first.statements.map((s) => s.sql))).toEqual([]);
    expect(first.downSql).toBe(
      [
        'DROP VIEW [dbo].[active_users];',
        'ALTER TABLE [billing].[invoices] DROP CONSTRAINT [invoices_user_id_users_id_fk];',
        'ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_author_id_users_id_fk];',
        '-- sluice:destructive drops table invoices and its rows\nDROP TABLE [billing].[invoices];',
        '-- sluice:destructive drops table posts and its rows\nDROP TABLE [dbo].[posts];',
        '-- sluice:destructive drops table users and its rows\nDROP TABLE [dbo].[users];',
        'DROP SCHEMA [billing];',
      ].join('\n--> statement-breakpoint\n') + '\n',
    );
    expect(await unparsedTsql(splitStatements(first.downSql))).toEqual([]);

    config = await mssqlProject(2);
    // Without the hint the title -> headline change is a question, not a guess.
    const asked = await generate(config, {});
    expect(asked).toEqual({
      status: 'questions',
      questions: [
        { entity: 'column', scope: 'dbo.posts', added: 'editor_id', candidates: ['title'] },
        { entity: 'column', scope: 'dbo.posts', added: 'headline', candidates: ['title'] },
      ],
      answers: {},
    });

    const hint = parseRenameHint('posts.title=headline');
    const second = await generate(config, { name: 'v2', answers: { [hint.key]: hint.from }, now: new Date('2026-11-30T13:00:00Z') });
    if (second.status !== 'written') throw new Error(`expected a migration, got ${second.status}`);
    expect(second.snapshot.prevIds).toEqual([first.snapshot.id]);
    expect(second.sql).toBe(
      [
        "EXEC sp_rename N'[dbo].[posts].[title]', N'headline', N'COLUMN';",
        // The differ drops and makes again the views over a table whose column changes type.
        'DROP VIEW [dbo].[active_users];',
        'DROP INDEX [posts_author_id_index] ON [dbo].[posts];',
        'ALTER TABLE [dbo].[posts] ADD [editor_id] int;',
        'ALTER TABLE [dbo].[users] ADD [phone] nvarchar(32);',
        'ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_name_default];',
        'DROP INDEX [users_name_index] ON [dbo].[users];',
        // Widening keeps every value: not destructive. The index and the default on the column are taken off around it.
        'ALTER TABLE [dbo].[users] ALTER COLUMN [name] nvarchar(150) NOT NULL;',
        'CREATE INDEX [users_name_index] ON [dbo].[users] ([name]);',
        "ALTER TABLE [dbo].[users] ADD CONSTRAINT [users_name_default] DEFAULT N'anon' FOR [name];",
        'ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_editor_id_users_id_fk] FOREIGN KEY ([editor_id]) REFERENCES [dbo].[users]([id]) ON DELETE NO ACTION ON UPDATE NO ACTION;',
        'CREATE VIEW [dbo].[active_users] AS select [id], [email] from [users] where [users].[active] = 1;',
      ].join('\n--> statement-breakpoint\n') + '\n',
    );
    expect(await unparsedTsql(second.statements.map((s) => s.sql))).toEqual([]);
    expect(second.downSql).toBe(
      [
        "EXEC sp_rename N'[dbo].[posts].[headline]', N'title', N'COLUMN';",
        'DROP VIEW [dbo].[active_users];',
        'ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_editor_id_users_id_fk];',
        'ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_name_default];',
        'DROP INDEX [users_name_index] ON [dbo].[users];',
        '-- sluice:destructive changes the type of users.name from nvarchar(150) to nvarchar(100)\nALTER TABLE [dbo].[users] ALTER COLUMN [name] nvarchar(100) NOT NULL;',
        'CREATE INDEX [users_name_index] ON [dbo].[users] ([name]);',
        "ALTER TABLE [dbo].[users] ADD CONSTRAINT [users_name_default] DEFAULT N'anon' FOR [name];",
        '-- sluice:destructive drops column editor_id of posts and its values\nALTER TABLE [dbo].[posts] DROP COLUMN [editor_id];',
        '-- sluice:destructive drops column phone of users and its values\nALTER TABLE [dbo].[users] DROP COLUMN [phone];',
        'CREATE INDEX [posts_author_id_index] ON [dbo].[posts] ([author_id]);',
        'CREATE VIEW [dbo].[active_users] AS select [id], [email] from [users] where [users].[active] = 1;',
      ].join('\n--> statement-breakpoint\n') + '\n',
    );
    expect(await unparsedTsql(splitStatements(second.downSql))).toEqual([]);

    expect(await generate(config, {})).toEqual({ status: 'no-changes' });
  });
});
