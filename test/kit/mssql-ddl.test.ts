/**
 * The SQL Server DDL renderer: the exact SQL for each change, and every statement parsed as
 * T-SQL (there is no SQL Server here; the live suite is test/live/mssql-kit.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/core/errors.js';
import { mssqlRender } from '../../src/dialects/mssql/kit/ddl.js';
import type { Change, Statement } from '../../src/kit/changes.js';
import type { ColumnModel, IndexColumnModel, IndexModel, Snapshot, TableModel, ViewModel } from '../../src/kit/model.js';
import { column, foreignKey, identity, index, indexColumn, snapshot, table as sharedTable, view as sharedView } from './support/model-builders.js';
import { unparsedTsql } from './support/mssql-tsql.js';

const rendered: string[] = [];
const sqls = (statements: Statement[]) => {
  const out = statements.map((s) => s.sql);
  rendered.push(...out);
  return out;
};

const col = column;
const table = (name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel => sharedTable(name, columns, { schema: 'dbo', ...extra });
const idx = (name: string, columns: (string | Partial<IndexColumnModel>)[], extra: Partial<IndexModel> = {}): IndexModel =>
  index(
    name,
    columns.map((c) => indexColumn('', typeof c === 'string' ? { expression: `[${c}]` } : { expression: '', ...c })),
    extra,
  );
const view = (name: string, definition: string | undefined, extra: Partial<ViewModel> = {}): ViewModel => sharedView(name, definition, { schema: 'dbo', ...extra });
const snap = (tables: TableModel[] = [], views: ViewModel[] = [], schemas: string[] = []): Snapshot => snapshot('mssql', { tables, views, schemas });
const ref = (name: string, schema = 'dbo') => ({ schema, name });
const render = (changes: Change[], from: Snapshot = snap(), to: Snapshot = snap()) => sqls(mssqlRender(changes, { from, to }));

const users = table(
  'users',
  [
    col('id', 'int', { notNull: true, identity: identity('always', { startWith: '1', increment: '1' }) }),
    col('email', 'nvarchar(255)', { notNull: true }),
    col('bio', 'nvarchar(max)'),
    col('active', 'bit', { notNull: true, default: '1' }),
    col('price', 'decimal(10,2)'),
    col('created_at', 'datetime2(3)', { notNull: true, default: 'getdate()' }),
    col('name', 'nvarchar(100)', { default: "N'anon'" }),
    col('email_len', 'int', { generated: { as: 'len([email])', type: 'stored' }, notNull: true }),
    col('bio_len', 'int', { generated: { as: 'len([bio])', type: 'virtual' } }),
  ],
  {
    primaryKey: { name: 'users_pkey', columns: ['id'] },
    uniques: [{ name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false }],
    checks: [{ name: 'users_price_check', expression: '[price] >= 0' }],
  },
);

const usersSql = [
  'CREATE TABLE [dbo].[users] (',
  '\t[id] int IDENTITY(1, 1) NOT NULL,',
  '\t[email] nvarchar(255) NOT NULL,',
  '\t[bio] nvarchar(max),',
  '\t[active] bit NOT NULL CONSTRAINT [users_active_default] DEFAULT 1,',
  '\t[price] decimal(10,2),',
  '\t[created_at] datetime2(3) NOT NULL CONSTRAINT [users_created_at_default] DEFAULT getdate(),',
  "\t[name] nvarchar(100) CONSTRAINT [users_name_default] DEFAULT N'anon',",
  '\t[email_len] AS (len([email])) PERSISTED NOT NULL,',
  '\t[bio_len] AS (len([bio])),',
  '\tCONSTRAINT [users_pkey] PRIMARY KEY ([id]),',
  '\tCONSTRAINT [users_email_unique] UNIQUE ([email]),',
  '\tCONSTRAINT [users_price_check] CHECK ([price] >= 0)',
  ')',
].join('\n');

describe('mssqlRender: tables and schemas', () => {
  it('creates a table with identity, named defaults, computed columns, its key, uniques and checks', () => {
    expect(render([{ kind: 'create_table', table: users }], snap(), snap([users]))).toEqual([usersSql]);
  });

  it('creates, drops and moves into schemas, and refuses a schema rename with the way out', () => {
    expect(render([{ kind: 'create_schema', name: 'app' }])).toEqual(['CREATE SCHEMA [app]']);
    expect(render([{ kind: 'drop_schema', name: 'app' }])).toEqual(['DROP SCHEMA [app]']);
    expect(render([{ kind: 'move_table', table: ref('users', 'app'), fromSchema: 'dbo' }])).toEqual(['ALTER SCHEMA [app] TRANSFER [dbo].[users]']);
    expect(() => render([{ kind: 'rename_schema', from: 'app', to: 'core' }])).toThrow(/schema app cannot be renamed to core: SQL Server has no ALTER SCHEMA \.\.\. RENAME/);
  });

  it('drops a table as destructive and renames it with its default constraints', () => {
    const statements = mssqlRender([{ kind: 'drop_table', table: users }], { from: snap([users]), to: snap() });
    expect(statements).toEqual([{ sql: 'DROP TABLE [dbo].[users]', destructive: 'drops table users and its rows' }]);
    const people = { ...users, name: 'people' };
    expect(render([{ kind: 'rename_table', from: ref('users'), to: ref('people') }], snap([users]), snap([people]))).toEqual([
      "EXEC sp_rename N'[dbo].[users]', N'people'",
      "EXEC sp_rename N'[dbo].[users_active_default]', N'people_active_default', N'OBJECT'",
      "EXEC sp_rename N'[dbo].[users_created_at_default]', N'people_created_at_default', N'OBJECT'",
      "EXEC sp_rename N'[dbo].[users_name_default]', N'people_name_default', N'OBJECT'",
    ]);
  });

  it('moves a table to another schema, then renames it and its defaults there', () => {
    const moved = { ...users, schema: 'app', name: 'people' };
    expect(
      render(
        [
          { kind: 'move_table', table: ref('users', 'app'), fromSchema: 'dbo' },
          { kind: 'rename_table', from: ref('users', 'app'), to: ref('people', 'app') },
        ],
        snap([users]),
        snap([moved], [], ['app']),
      ),
    ).toEqual([
      'ALTER SCHEMA [app] TRANSFER [dbo].[users]',
      "EXEC sp_rename N'[app].[users]', N'people'",
      "EXEC sp_rename N'[app].[users_active_default]', N'people_active_default', N'OBJECT'",
      "EXEC sp_rename N'[app].[users_created_at_default]', N'people_created_at_default', N'OBJECT'",
      "EXEC sp_rename N'[app].[users_name_default]', N'people_name_default', N'OBJECT'",
    ]);
    expect(render([{ kind: 'rename_view', from: view('a', 'select 1 as [x]'), to: view('b', 'select 1 as [x]', { schema: 'app' }) }])).toEqual(['ALTER SCHEMA [app] TRANSFER [dbo].[a]', "EXEC sp_rename N'[app].[a]', N'b'"]);
  });

  it('quotes names holding ] and qualifies by schema', () => {
    const odd = table('we]ird', [col('a]b', 'int')], { schema: 'app' });
    expect(render([{ kind: 'create_table', table: odd }])).toEqual(['CREATE TABLE [app].[we]]ird] (\n\t[a]]b] int\n)']);
  });
});

describe('mssqlRender: columns', () => {
  const t = ref('users');

  it('adds a column with its named default, and an identity column', () => {
    expect(render([{ kind: 'add_column', table: t, column: col('score', 'int', { notNull: true, default: '0' }) }])).toEqual(['ALTER TABLE [dbo].[users] ADD [score] int NOT NULL CONSTRAINT [users_score_default] DEFAULT 0']);
    expect(render([{ kind: 'add_column', table: t, column: col('seq', 'bigint', { notNull: true, identity: identity('always', { startWith: '100', increment: '5' }) }) }])).toEqual([
      'ALTER TABLE [dbo].[users] ADD [seq] bigint IDENTITY(100, 5) NOT NULL',
    ]);
  });

  it('drops a column after its default constraint, marked destructive', () => {
    const statements = mssqlRender([{ kind: 'drop_column', table: t, column: col('active', 'bit', { notNull: true, default: '1' }) }], { from: snap([users]), to: snap() });
    expect(statements).toEqual([{ sql: 'ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_active_default]' }, { sql: 'ALTER TABLE [dbo].[users] DROP COLUMN [active]', destructive: 'drops column active of users and its values' }]);
    rendered.push(...statements.map((s) => s.sql));
  });

  it('renames a column with sp_rename, and its default constraint with it', () => {
    const to = { ...users, columns: users.columns.map((c) => (c.name === 'active' ? { ...c, name: 'enabled' } : c)) };
    expect(render([{ kind: 'rename_column', table: t, from: 'active', to: 'enabled' }], snap([users]), snap([to]))).toEqual([
      "EXEC sp_rename N'[dbo].[users].[active]', N'enabled', N'COLUMN'",
      "EXEC sp_rename N'[dbo].[users_active_default]', N'users_enabled_default', N'OBJECT'",
    ]);
    expect(render([{ kind: 'rename_column', table: t, from: 'bio', to: 'about' }], snap([users]), snap([users]))).toEqual(["EXEC sp_rename N'[dbo].[users].[bio]', N'about', N'COLUMN'"]);
  });

  it('renames defaults by the new table name after the table itself was renamed', () => {
    const people = { ...users, name: 'people' };
    expect(
      render(
        [
          { kind: 'rename_table', from: ref('users'), to: ref('people') },
          { kind: 'rename_column', table: ref('people'), from: 'name', to: 'full_name' },
        ],
        snap([users]),
        snap([people]),
      ).slice(-2),
    ).toEqual(["EXEC sp_rename N'[dbo].[people].[name]', N'full_name', N'COLUMN'", "EXEC sp_rename N'[dbo].[people_name_default]', N'people_full_name_default', N'OBJECT'"]);
  });

  it('alters type and nullability, stating NULL explicitly, with the default dropped and re-added around it', () => {
    const from = col('name', 'nvarchar(100)', { default: "N'anon'" });
    const to = col('name', 'nvarchar(200)', { notNull: true, default: "N'anon'" });
    const statements = mssqlRender([{ kind: 'alter_column', table: t, from, to, aspects: ['type', 'notNull'] }], { from: snap([users]), to: snap([users]) });
    expect(statements).toEqual([
      { sql: 'ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_name_default]' },
      { sql: 'ALTER TABLE [dbo].[users] ALTER COLUMN [name] nvarchar(200) NOT NULL' },
      { sql: "ALTER TABLE [dbo].[users] ADD CONSTRAINT [users_name_default] DEFAULT N'anon' FOR [name]" },
    ]);
    rendered.push(...statements.map((s) => s.sql));
    expect(render([{ kind: 'alter_column', table: t, from: col('bio', 'nvarchar(max)', { notNull: true }), to: col('bio', 'nvarchar(max)'), aspects: ['notNull'] }])).toEqual([
      'ALTER TABLE [dbo].[users] ALTER COLUMN [bio] nvarchar(max) NULL',
    ]);
  });

  it('marks a retype destructive unless every old value fits the new type', () => {
    const retype = (from: string, to: string) => mssqlRender([{ kind: 'alter_column', table: t, from: col('c', from), to: col('c', to), aspects: ['type'] }], { from: snap(), to: snap() })[0]!;
    expect(retype('nvarchar(50)', 'nvarchar(10)')).toEqual({ sql: 'ALTER TABLE [dbo].[users] ALTER COLUMN [c] nvarchar(10) NULL', destructive: 'changes the type of users.c from nvarchar(50) to nvarchar(10)' });
    expect(retype('nvarchar(max)', 'nvarchar(4000)').destructive).toBeDefined();
    expect(retype('nvarchar(50)', 'varchar(50)').destructive).toBeDefined();
    expect(retype('varchar(50)', 'char(50)').destructive).toBeDefined();
    expect(retype('bigint', 'int').destructive).toBeDefined();
    expect(retype('decimal(10,2)', 'decimal(10,3)').destructive).toBeDefined();
    expect(retype('datetime2(7)', 'datetime2(3)').destructive).toBeDefined();
    expect(retype('int', 'nvarchar(20)').destructive).toBeDefined();
    for (const [from, to] of [
      ['nvarchar(50)', 'nvarchar(max)'],
      ['char(5)', 'varchar(8)'],
      ['varbinary(16)', 'varbinary(max)'],
      ['tinyint', 'int'],
      ['int', 'bigint'],
      ['decimal(10,2)', 'decimal(12,3)'],
      ['datetime2(0)', 'datetime2(7)'],
    ]) {
      expect(retype(from!, to!).destructive, `${from} -> ${to}`).toBeUndefined();
    }
  });

  it('drops and re-adds the unchanged index, unique, check and key a retyped column is in', () => {
    const before = table('items', [col('code', 'nvarchar(10)', { notNull: true }), col('n', 'int')], {
      primaryKey: { name: 'items_pkey', columns: ['code'] },
      uniques: [{ name: 'items_code_n_unique', columns: ['code', 'n'], nullsNotDistinct: false }],
      checks: [{ name: 'items_code_check', expression: "[code] <> N''" }],
      indexes: [idx('items_code_index', ['code'], { where: '[n] > 0' }), idx('items_n_index', ['n'])],
    });
    const after = { ...before, columns: [col('code', 'nvarchar(20)', { notNull: true }), col('n', 'int')] };
    const out = render([{ kind: 'alter_column', table: ref('items'), from: before.columns[0]!, to: after.columns[0]!, aspects: ['type'] }], snap([before]), snap([after]));
    expect(out).toEqual([
      'DROP INDEX [items_code_index] ON [dbo].[items]',
      'ALTER TABLE [dbo].[items] DROP CONSTRAINT [items_code_n_unique]',
      'ALTER TABLE [dbo].[items] DROP CONSTRAINT [items_code_check]',
      'ALTER TABLE [dbo].[items] DROP CONSTRAINT [items_pkey]',
      'ALTER TABLE [dbo].[items] ALTER COLUMN [code] nvarchar(20) NOT NULL',
      'ALTER TABLE [dbo].[items] ADD CONSTRAINT [items_pkey] PRIMARY KEY ([code])',
      'CREATE INDEX [items_code_index] ON [dbo].[items] ([code]) WHERE [n] > 0',
      'ALTER TABLE [dbo].[items] ADD CONSTRAINT [items_code_n_unique] UNIQUE ([code], [n])',
      "ALTER TABLE [dbo].[items] ADD CONSTRAINT [items_code_check] CHECK ([code] <> N'')",
    ]);
  });

  it('changes, adds and drops a default as its named constraint', () => {
    const a = col('active', 'bit', { notNull: true, default: '1' });
    expect(render([{ kind: 'alter_column', table: t, from: a, to: { ...a, default: '0' }, aspects: ['default'] }])).toEqual([
      'ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_active_default]',
      'ALTER TABLE [dbo].[users] ADD CONSTRAINT [users_active_default] DEFAULT 0 FOR [active]',
    ]);
    expect(render([{ kind: 'alter_column', table: t, from: { ...a, default: undefined }, to: a, aspects: ['default'] }])).toEqual(['ALTER TABLE [dbo].[users] ADD CONSTRAINT [users_active_default] DEFAULT 1 FOR [active]']);
    expect(render([{ kind: 'alter_column', table: t, from: a, to: { ...a, default: undefined }, aspects: ['default'] }])).toEqual(['ALTER TABLE [dbo].[users] DROP CONSTRAINT [users_active_default]']);
  });

  it('drops and adds a column whose computed expression appears or goes', () => {
    const plain = col('total', 'int');
    const computed = col('total', 'int', { generated: { as: '[price] * 2', type: 'stored' } });
    const statements = mssqlRender([{ kind: 'alter_column', table: t, from: plain, to: computed, aspects: ['generated'] }], { from: snap(), to: snap() });
    expect(statements).toEqual([
      { sql: 'ALTER TABLE [dbo].[users] DROP COLUMN [total]', destructive: 'drops and adds users.total to change how it is computed; its values are not kept' },
      { sql: 'ALTER TABLE [dbo].[users] ADD [total] AS ([price] * 2) PERSISTED' },
    ]);
    rendered.push(...statements.map((s) => s.sql));
  });

  it('leaves a computed column whose declared type differs alone: SQL Server derives it from the expression', () => {
    const declared = col('total', 'int', { generated: { as: '[price]*(2)', type: 'stored' } });
    expect(render([{ kind: 'alter_column', table: t, from: { ...declared, type: 'decimal(21,2)' }, to: declared, aspects: ['type'] }])).toEqual([]);
  });

  it('refuses to add, remove or re-seed IDENTITY on an existing column, naming the ways out', () => {
    const plain = col('id', 'int', { notNull: true });
    const withId = col('id', 'int', { notNull: true, identity: identity('always', { startWith: '1', increment: '1' }) });
    const reseeded = col('id', 'int', { notNull: true, identity: identity('always', { startWith: '1000', increment: '1' }) });
    const attempt = (from: ColumnModel, to: ColumnModel) => () => mssqlRender([{ kind: 'alter_column', table: t, from, to, aspects: ['identity'] }], { from: snap(), to: snap() });
    expect(attempt(plain, withId)).toThrow(UnsupportedError);
    expect(attempt(plain, withId)).toThrow('mssql: column users.id changes its IDENTITY (none -> IDENTITY(1, 1)), which SQL Server cannot alter on an existing column; add a new column and drop the old one');
    expect(attempt(withId, reseeded)).toThrow('(IDENTITY(1, 1) -> IDENTITY(1000, 1))');
    expect(attempt(withId, plain)).toThrow('rebuild the table by hand');
  });

  it('refuses identity settings SQL Server does not have', () => {
    const c = col('id', 'int', { notNull: true, identity: identity('always', { startWith: '1', increment: '1', cache: '10', cycle: true }) });
    expect(() => render([{ kind: 'add_column', table: t, column: c }])).toThrow("mssql: identity column users.id sets cache, cycle; SQL Server's IDENTITY takes only a seed and an increment");
  });
});

describe('mssqlRender: keys, constraints, indexes', () => {
  const t = ref('posts');

  it('adds, drops and renames primary keys', () => {
    expect(render([{ kind: 'add_primary_key', table: t, primaryKey: { name: 'posts_pkey', columns: ['a', 'b'] } }])).toEqual(['ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_pkey] PRIMARY KEY ([a], [b])']);
    expect(render([{ kind: 'drop_primary_key', table: t, primaryKey: { name: 'posts_pkey', columns: ['a'] } }])).toEqual(['ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_pkey]']);
    expect(render([{ kind: 'rename_primary_key', table: t, from: 'articles_pkey', to: 'posts_pkey' }])).toEqual(["EXEC sp_rename N'[dbo].[articles_pkey]', N'posts_pkey', N'OBJECT'"]);
  });

  it('adds foreign keys with their actions and drops them; refuses restrict', () => {
    const fk = foreignKey('posts_author_id_users_id_fk', ['author_id'], 'users', ['id'], { schemaTo: 'dbo', onDelete: 'cascade', onUpdate: 'set null' });
    expect(render([{ kind: 'add_foreign_key', table: t, foreignKey: fk }])).toEqual([
      'ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_author_id_users_id_fk] FOREIGN KEY ([author_id]) REFERENCES [dbo].[users]([id]) ON DELETE CASCADE ON UPDATE SET NULL',
    ]);
    const cross = foreignKey('f', ['a'], 'accounts', ['id'], { schemaTo: 'billing', onDelete: 'set default' });
    expect(render([{ kind: 'add_foreign_key', table: t, foreignKey: cross }])).toEqual(['ALTER TABLE [dbo].[posts] ADD CONSTRAINT [f] FOREIGN KEY ([a]) REFERENCES [billing].[accounts]([id]) ON DELETE SET DEFAULT ON UPDATE NO ACTION']);
    expect(render([{ kind: 'drop_foreign_key', table: t, foreignKey: fk }])).toEqual(['ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_author_id_users_id_fk]']);
    expect(() => render([{ kind: 'add_foreign_key', table: t, foreignKey: { ...fk, onDelete: 'restrict' } }])).toThrow('uses restrict, which SQL Server does not have; use no action');
  });

  it('adds and drops uniques and checks', () => {
    expect(render([{ kind: 'add_unique', table: t, unique: { name: 'posts_slug_unique', columns: ['slug'], nullsNotDistinct: false } }])).toEqual(['ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_slug_unique] UNIQUE ([slug])']);
    expect(render([{ kind: 'drop_unique', table: t, unique: { name: 'posts_slug_unique', columns: ['slug'], nullsNotDistinct: false } }])).toEqual(['ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_slug_unique]']);
    expect(render([{ kind: 'add_check', table: t, check: { name: 'posts_len', expression: 'len([slug]) > 2' } }])).toEqual(['ALTER TABLE [dbo].[posts] ADD CONSTRAINT [posts_len] CHECK (len([slug]) > 2)']);
    expect(render([{ kind: 'drop_check', table: t, check: { name: 'posts_len', expression: '' } }])).toEqual(['ALTER TABLE [dbo].[posts] DROP CONSTRAINT [posts_len]']);
    expect(() => render([{ kind: 'add_unique', table: t, unique: { name: 'u', columns: ['slug'], nullsNotDistinct: true } }])).toThrow('asks for nulls not distinct');
  });

  it('creates plain, descending, clustered and filtered unique indexes, drops and renames them', () => {
    expect(render([{ kind: 'create_index', table: t, index: idx('posts_a_b_index', ['a', { expression: '[b]', order: 'desc' }]) }])).toEqual(['CREATE INDEX [posts_a_b_index] ON [dbo].[posts] ([a], [b] DESC)']);
    expect(render([{ kind: 'create_index', table: t, index: idx('posts_slug_live', ['slug'], { unique: true, where: '[deleted_at] IS NULL' }) }])).toEqual([
      'CREATE UNIQUE INDEX [posts_slug_live] ON [dbo].[posts] ([slug]) WHERE [deleted_at] IS NULL',
    ]);
    expect(render([{ kind: 'create_index', table: t, index: idx('posts_c', ['c'], { method: 'clustered' }) }])).toEqual(['CREATE CLUSTERED INDEX [posts_c] ON [dbo].[posts] ([c])']);
    expect(render([{ kind: 'drop_index', table: t, index: idx('posts_c', ['c']) }])).toEqual(['DROP INDEX [posts_c] ON [dbo].[posts]']);
    expect(render([{ kind: 'rename_index', table: t, from: 'posts_c', to: 'posts_d' }])).toEqual(["EXEC sp_rename N'[dbo].[posts].[posts_c]', N'posts_d', N'INDEX'"]);
  });

  it('refuses expression indexes and PostgreSQL index options', () => {
    expect(() => render([{ kind: 'create_index', table: t, index: idx('e', [{ expression: 'lower([a])', isExpression: true }]) }])).toThrow(
      'mssql: index e of table posts indexes the expression lower([a]) (index a computed column instead)',
    );
    expect(() => render([{ kind: 'create_index', table: t, index: idx('g', ['a'], { method: 'gin' }) }])).toThrow('uses method gin');
    expect(() => render([{ kind: 'create_index', table: t, index: idx('c', ['a'], { concurrently: true }) }])).toThrow('is created concurrently');
  });
});

describe('mssqlRender: views and what SQL Server does not have', () => {
  it('creates views with their attributes and check option, drops and renames them', () => {
    expect(render([{ kind: 'create_view', view: view('active_users', 'select [id] from [dbo].[users] where [active] = 1') }])).toEqual(['CREATE VIEW [dbo].[active_users] AS select [id] from [dbo].[users] where [active] = 1']);
    const bound = view('v', 'select [id] from [dbo].[users]', { schema: 'app', options: { schemaBinding: true, viewMetadata: true, checkOption: true } });
    expect(render([{ kind: 'create_view', view: bound }])).toEqual(['CREATE VIEW [app].[v] WITH SCHEMABINDING, VIEW_METADATA AS select [id] from [dbo].[users]\nWITH CHECK OPTION']);
    expect(render([{ kind: 'drop_view', view: bound }])).toEqual(['DROP VIEW [app].[v]']);
    expect(render([{ kind: 'rename_view', from: view('a', 'select 1 as [x]'), to: view('b', 'select 1 as [x]') }])).toEqual(["EXEC sp_rename N'[dbo].[a]', N'b'"]);
    expect(render([{ kind: 'rename_view', from: view('a', 'select 1 as [x]'), to: view('a', 'select 1 as [x]', { schema: 'app' }) }])).toEqual(['ALTER SCHEMA [app] TRANSFER [dbo].[a]']);
    expect(render([{ kind: 'create_view', view: view('old', undefined) }])).toEqual([]);
  });

  it('refuses materialized views, enums, sequences, roles and policies', () => {
    expect(() => render([{ kind: 'create_view', view: view('m', 'select 1 as [x]', { materialized: true }) }])).toThrow("SQL Server's indexed views are not supported");
    expect(() => render([{ kind: 'create_enum', enum: { schema: 'dbo', name: 'mood', values: ['a'] } }])).toThrow('mssql: SQL Server has no enum types (change create_enum)');
    expect(() => render([{ kind: 'create_sequence', sequence: { schema: 'dbo', name: 's', increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false } }])).toThrow(
      'use .identity()',
    );
    expect(() => render([{ kind: 'create_role', role: { name: 'r', createDb: false, createRole: false, inherit: true } }])).toThrow(UnsupportedError);
    expect(() => render([{ kind: 'enable_rls', table: ref('users') }])).toThrow('row-level security');
  });
});

describe('every rendered statement is T-SQL', () => {
  it('parses with a T-SQL parser', async () => {
    expect(rendered.length).toBeGreaterThan(50);
    expect(await unparsedTsql(rendered)).toEqual([]);
  });

  it('fails the check for a slip, also inside a statement checked by parts', async () => {
    expect(await unparsedTsql(['ALTER TABLE [dbo].[t] ADD CONSTRAINT [x] DEFAULT FOR [c]'])).toHaveLength(1);
    expect(await unparsedTsql(['ALTER TABLE [dbo].[t] ADD [c] AS ([a] +) PERSISTED'])).toHaveLength(1);
    expect(await unparsedTsql(['CREATE VIEW [dbo].[v] WITH SCHEMABINDING AS selec 1'])).toHaveLength(1);
    expect(await unparsedTsql(['ALTER TABLE "dbo"."t" ADD "c" int'])).toHaveLength(1);
  });
});
