/**
 * The SQLite DDL renderer: the SQL text of every change kind it makes without a rebuild, run on
 * better-sqlite3 with the catalog read back through sqlite_master and pragmas, and the changes
 * SQLite has no place for. Rebuilds are in sqlite-ddl-rebuild.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/core/errors.js';
import { sqliteRender } from '../../src/dialects/sqlite/kit/ddl.js';
import type { Change } from '../../src/kit/changes.js';
import { applyLikeRunner, column, fk, index, pk, ref, snapshot, sqliteTestDb, sqls, table, view } from './support/sqlite-ddl-support.js';

const sq = sqliteTestDb();
const { all, catalogSql, columnsOf, createAll } = sq;

describe('create table', () => {
  it('writes columns, keys, defaults, generated columns, checks, uniques and inline foreign keys', () => {
    const users = table('users', [column('id', 'integer', { notNull: true, autoincrement: true }), column('email', 'text', { notNull: true })], {
      primaryKey: pk('users', 'id'),
      uniques: [{ name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false }],
    });
    const posts = table(
      'posts',
      [
        column('author', 'integer', { notNull: true }),
        column('slug', 'text', { notNull: true }),
        column('title', 'text', { default: "'untitled'" }),
        column('views', 'integer', { notNull: true, default: '0' }),
        column('created', 'text', { default: '(CURRENT_TIMESTAMP)' }),
        column('lower_title', 'text', { generated: { as: 'lower(`title`)', type: 'virtual' } }),
        column('len', 'integer', { generated: { as: '(length(`slug`))', type: 'stored' } }),
      ],
      { primaryKey: pk('posts', 'author', 'slug'), checks: [{ name: 'views_positive', expression: '`views` >= 0' }], foreignKeys: [fk('posts_author_fk', ['author'], 'users', ['id'], 'cascade')] },
    );
    const out = sqliteRender(
      [
        { kind: 'create_table', table: users },
        { kind: 'create_table', table: posts },
        { kind: 'add_foreign_key', table: ref('posts'), foreignKey: posts.foreignKeys[0]! },
        { kind: 'create_index', table: ref('posts'), index: index('posts_title_idx', ['title'], { where: '`views` > 10' }) },
        {
          kind: 'create_index',
          table: ref('posts'),
          index: {
            ...index('posts_lower_slug_idx', []),
            columns: [
              { expression: 'lower(`slug`)', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined },
              { expression: '`views`', isExpression: false, order: 'desc', nulls: 'last', opClass: undefined },
            ],
          },
        },
      ],
      { from: snapshot([]), to: snapshot([users, posts]) },
    );
    expect(sqls(out)).toEqual([
      'CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t`email` text NOT NULL\n)',
      'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`)',
      'CREATE TABLE `posts` (\n' +
        '\t`author` integer NOT NULL,\n' +
        '\t`slug` text NOT NULL,\n' +
        "\t`title` text DEFAULT 'untitled',\n" +
        '\t`views` integer DEFAULT 0 NOT NULL,\n' +
        '\t`created` text DEFAULT (CURRENT_TIMESTAMP),\n' +
        '\t`lower_title` text GENERATED ALWAYS AS (lower(`title`)) VIRTUAL,\n' +
        '\t`len` integer GENERATED ALWAYS AS (length(`slug`)) STORED,\n' +
        '\tPRIMARY KEY(`author`, `slug`),\n' +
        '\tFOREIGN KEY (`author`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,\n' +
        '\tCONSTRAINT `views_positive` CHECK(`views` >= 0)\n' +
        ')',
      'CREATE INDEX `posts_title_idx` ON `posts` (`title`) WHERE `views` > 10',
      'CREATE INDEX `posts_lower_slug_idx` ON `posts` (lower(`slug`),`views` DESC)',
    ]);
    expect(out.some((s) => s.destructive)).toBe(false);
    applyLikeRunner(sq.db, out);

    expect(columnsOf('posts')).toEqual([
      { name: 'author', type: 'INTEGER', notnull: 1, dflt_value: null, pk: 1, hidden: 0 },
      { name: 'slug', type: 'TEXT', notnull: 1, dflt_value: null, pk: 2, hidden: 0 },
      { name: 'title', type: 'TEXT', notnull: 0, dflt_value: "'untitled'", pk: 0, hidden: 0 },
      { name: 'views', type: 'INTEGER', notnull: 1, dflt_value: '0', pk: 0, hidden: 0 },
      { name: 'created', type: 'TEXT', notnull: 0, dflt_value: 'CURRENT_TIMESTAMP', pk: 0, hidden: 0 },
      { name: 'lower_title', type: 'TEXT', notnull: 0, dflt_value: null, pk: 0, hidden: 2 },
      { name: 'len', type: 'INTEGER', notnull: 0, dflt_value: null, pk: 0, hidden: 3 },
    ]);
    expect(all(`select "table", "from", "to", on_delete from pragma_foreign_key_list('posts')`)).toEqual([{ table: 'users', from: 'author', to: 'id', on_delete: 'CASCADE' }]);
    expect(all(`select name, "unique", origin, partial from pragma_index_list('users') where origin = 'c'`)).toEqual([{ name: 'users_email_unique', unique: 1, origin: 'c', partial: 0 }]);
    expect(all(`select name, partial from pragma_index_list('posts') where origin = 'c' order by name`)).toEqual([
      { name: 'posts_lower_slug_idx', partial: 0 },
      { name: 'posts_title_idx', partial: 1 },
    ]);
    expect(all(`select cid, name, "desc" from pragma_index_xinfo('posts_lower_slug_idx') where key = 1`)).toEqual([
      { cid: -2, name: null, desc: 0 },
      { cid: 3, name: 'views', desc: 1 },
    ]);
    expect(catalogSql('users')).toContain('AUTOINCREMENT');

    sq.db.prepare("insert into users(email) values ('a@x')").run();
    sq.db.prepare("insert into posts(author, slug, title) values (1, 'hello', 'Hello')").run();
    expect(all('select title, views, lower_title, len, created is not null as stamped from posts')).toEqual([{ title: 'Hello', views: 0, lower_title: 'hello', len: 5, stamped: 1 }]);
    expect(() => sq.db.prepare("insert into posts(author, slug, views) values (1, 'b', -1)").run()).toThrow(/CHECK constraint failed: views_positive/);
    expect(() => sq.db.prepare("insert into posts(author, slug) values (9, 'c')").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => sq.db.prepare("insert into users(email) values ('a@x')").run()).toThrow(/UNIQUE constraint failed/);
  });

  it('quotes identifiers with backticks and doubles embedded ones', () => {
    const t = table('we`ird', [column('c`ol', 'text')]);
    const out = sqliteRender([{ kind: 'create_table', table: t }], { from: snapshot([]), to: snapshot([t]) });
    expect(sqls(out)).toEqual(['CREATE TABLE `we``ird` (\n\t`c``ol` text\n)']);
    applyLikeRunner(sq.db, out);
    expect(columnsOf('we`ird').map((c) => c.name)).toEqual(['c`ol']);
  });
});

describe('what ALTER TABLE does', () => {
  const base = () => table('items', [column('id', 'integer', { notNull: true }), column('name', 'text'), column('code', 'text')], { primaryKey: pk('items', 'id'), indexes: [index('items_code_idx', ['code'])] });

  it('adds columns SQLite accepts without a rebuild, a foreign key riding on its column', () => {
    const from = createAll([table('owners', [column('id', 'integer', { notNull: true })], { primaryKey: pk('owners', 'id') }), base()]);
    sq.db.exec("insert into owners values (1); insert into items(id, name) values (1, 'one')");
    const owner = fk('items_owner_fk', ['owner'], 'owners', ['id'], 'set null');
    const added = [column('qty', 'integer', { notNull: true, default: '1' }), column('owner', 'integer'), column('upper_name', 'text', { generated: { as: 'upper(`name`)', type: 'virtual' } })];
    const items = { ...base(), columns: [...base().columns, ...added], foreignKeys: [owner] };
    const to = snapshot([from.tables[0]!, items]);
    const out = sqliteRender([...added.map((c): Change => ({ kind: 'add_column', table: ref('items'), column: c })), { kind: 'add_foreign_key', table: ref('items'), foreignKey: owner }], { from, to });
    expect(sqls(out)).toEqual([
      'ALTER TABLE `items` ADD `qty` integer DEFAULT 1 NOT NULL',
      'ALTER TABLE `items` ADD `owner` integer REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE set null',
      'ALTER TABLE `items` ADD `upper_name` text GENERATED ALWAYS AS (upper(`name`)) VIRTUAL',
    ]);
    applyLikeRunner(sq.db, out);
    expect(all('select id, qty, owner, upper_name from items')).toEqual([{ id: 1, qty: 1, owner: null, upper_name: 'ONE' }]);
    expect(all(`select "table", "from", on_delete from pragma_foreign_key_list('items')`)).toEqual([{ table: 'owners', from: 'owner', on_delete: 'SET NULL' }]);
  });

  it('rebuilds instead when the added column has a foreign key and a non-null default, or is part of the primary key', () => {
    const from = createAll([table('owners', [column('id', 'integer', { notNull: true })], { primaryKey: pk('owners', 'id') }), base()]);
    sq.db.exec("insert into owners values (1); insert into items(id, name) values (1, 'one')");
    const owner = fk('items_owner_fk', ['owner'], 'owners', ['id']);
    const added = column('owner', 'integer', { notNull: true, default: '1' });
    const items = { ...base(), columns: [...base().columns, added], foreignKeys: [owner] };
    const out = sqliteRender(
      [
        { kind: 'add_column', table: ref('items'), column: added },
        { kind: 'add_foreign_key', table: ref('items'), foreignKey: owner },
      ],
      { from, to: snapshot([from.tables[0]!, items]) },
    );
    expect(sqls(out)[1]).toBe(
      'CREATE TABLE `__new_items` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text,\n\t`code` text,\n\t`owner` integer DEFAULT 1 NOT NULL,\n\tFOREIGN KEY (`owner`) REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE no action\n)',
    );
    applyLikeRunner(sq.db, out);
    expect(all('select id, owner from items')).toEqual([{ id: 1, owner: 1 }]);

    const keyed = { ...items, columns: [...items.columns, column('part', 'integer', { notNull: true, default: '0' })], primaryKey: pk('items', 'id', 'part') };
    const out2 = sqliteRender(
      [
        { kind: 'add_column', table: ref('items'), column: keyed.columns.at(-1)! },
        { kind: 'drop_primary_key', table: ref('items'), primaryKey: items.primaryKey! },
        { kind: 'add_primary_key', table: ref('items'), primaryKey: keyed.primaryKey! },
      ],
      { from: snapshot([from.tables[0]!, items]), to: snapshot([from.tables[0]!, keyed]) },
    );
    expect(sqls(out2).filter((s) => s.startsWith('CREATE TABLE'))).toHaveLength(1);
    applyLikeRunner(sq.db, out2);
    expect(all("select name, pk from pragma_table_info('items') where pk > 0 order by pk")).toEqual([
      { name: 'id', pk: 1 },
      { name: 'part', pk: 2 },
    ]);
  });

  it('writes defaults as SQLite takes them: literals bare, CURRENT_* bare, other expressions in parentheses', () => {
    const t = table('d', [
      column('a', 'integer', { default: '-1.5e3' }),
      column('b', 'integer', { default: '0x1F' }),
      column('c', 'text', { default: "'it''s'" }),
      column('e', 'blob', { default: "x'00ff'" }),
      column('f', 'text', { default: 'CURRENT_DATE' }),
      column('g', 'integer', { default: 'unixepoch()' }),
      column('h', 'integer', { default: '(1) + (2)' }),
      column('i', 'integer', { default: 'TRUE' }),
    ]);
    const out = sqliteRender([{ kind: 'create_table', table: t }], { from: snapshot([]), to: snapshot([t]) });
    expect(out[0]!.sql).toBe(
      "CREATE TABLE `d` (\n\t`a` integer DEFAULT -1.5e3,\n\t`b` integer DEFAULT 0x1F,\n\t`c` text DEFAULT 'it''s',\n\t`e` blob DEFAULT x'00ff',\n\t`f` text DEFAULT CURRENT_DATE,\n\t`g` integer DEFAULT (unixepoch()),\n\t`h` integer DEFAULT ((1) + (2)),\n\t`i` integer DEFAULT TRUE\n)",
    );
    applyLikeRunner(sq.db, out);
    sq.db.exec('insert into d default values');
    expect(all('select a, b, c, hex(e) as e, f = date() as f, g > 0 as g, h, i from d')).toEqual([{ a: -1500, b: 31, c: "it's", e: '00FF', f: 1, g: 1, h: 3, i: 1 }]);
  });

  it('drops a column, dropping the index on it first even when the list drops the index later', () => {
    const from = createAll([base()]);
    sq.db.exec("insert into items values (1, 'one', 'c1')");
    const to = snapshot([table('items', [column('id', 'integer', { notNull: true }), column('name', 'text')], { primaryKey: pk('items', 'id') })]);
    const out = sqliteRender(
      [
        { kind: 'drop_column', table: ref('items'), column: base().columns[2]! },
        { kind: 'drop_index', table: ref('items'), index: base().indexes[0]! },
      ],
      { from, to },
    );
    expect(out).toEqual([{ sql: 'DROP INDEX `items_code_idx`' }, { sql: 'ALTER TABLE `items` DROP COLUMN `code`', destructive: 'drops column `code` of `items` and its data' }]);
    applyLikeRunner(sq.db, out);
    expect(columnsOf('items').map((c) => c.name)).toEqual(['id', 'name']);
    expect(all('select * from items')).toEqual([{ id: 1, name: 'one' }]);
  });

  it('renames tables and columns, creates, drops and renames indexes and uniques', () => {
    const from = createAll([base()]);
    sq.db.exec("insert into items values (1, 'one', 'c1')");
    const renamedIdx = index('goods_code_idx', ['sku']);
    const nameIdx = index('goods_name_idx', ['title'], { unique: true });
    const to = snapshot([
      table('goods', [column('id', 'integer', { notNull: true }), column('title', 'text'), column('sku', 'text')], {
        primaryKey: pk('goods', 'id'),
        indexes: [renamedIdx, nameIdx],
        uniques: [{ name: 'goods_sku_unique', columns: ['sku'], nullsNotDistinct: false }],
      }),
    ]);
    const out = sqliteRender(
      [
        { kind: 'rename_table', from: ref('items'), to: ref('goods') },
        { kind: 'rename_column', table: ref('goods'), from: 'name', to: 'title' },
        { kind: 'rename_column', table: ref('goods'), from: 'code', to: 'sku' },
        { kind: 'rename_index', table: ref('goods'), from: 'items_code_idx', to: 'goods_code_idx' },
        { kind: 'create_index', table: ref('goods'), index: nameIdx },
        { kind: 'add_unique', table: ref('goods'), unique: { name: 'goods_sku_unique', columns: ['sku'], nullsNotDistinct: false } },
      ],
      { from, to },
    );
    expect(sqls(out)).toEqual([
      'ALTER TABLE `items` RENAME TO `goods`',
      'ALTER TABLE `goods` RENAME COLUMN `name` TO `title`',
      'ALTER TABLE `goods` RENAME COLUMN `code` TO `sku`',
      'DROP INDEX `items_code_idx`',
      'CREATE INDEX `goods_code_idx` ON `goods` (`sku`)',
      'CREATE UNIQUE INDEX `goods_name_idx` ON `goods` (`title`)',
      'CREATE UNIQUE INDEX `goods_sku_unique` ON `goods` (`sku`)',
    ]);
    applyLikeRunner(sq.db, out);
    expect(all('select * from goods')).toEqual([{ id: 1, title: 'one', sku: 'c1' }]);
    expect(all(`select name, "unique" from pragma_index_list('goods') where origin = 'c' order by name`)).toEqual([
      { name: 'goods_code_idx', unique: 0 },
      { name: 'goods_name_idx', unique: 1 },
      { name: 'goods_sku_unique', unique: 1 },
    ]);

    const back = sqliteRender(
      [
        { kind: 'drop_unique', table: ref('goods'), unique: { name: 'goods_sku_unique', columns: ['sku'], nullsNotDistinct: false } },
        { kind: 'drop_index', table: ref('goods'), index: nameIdx },
      ],
      { from: to, to: snapshot([{ ...to.tables[0]!, uniques: [], indexes: [renamedIdx] }]) },
    );
    expect(sqls(back)).toEqual(['DROP INDEX `goods_sku_unique`', 'DROP INDEX `goods_name_idx`']);
    applyLikeRunner(sq.db, back);
    expect(all(`select name from pragma_index_list('goods') where origin = 'c'`)).toEqual([{ name: 'goods_code_idx' }]);
  });

  it('creates, drops and renames views (rename is drop + create), skipping existing ones', () => {
    const from = createAll([base()]);
    sq.db.exec("insert into items values (1, 'one', 'c1')");
    const v1 = view('named', 'select `id`, `name` from `items`');
    const out = sqliteRender(
      [
        { kind: 'create_view', view: v1 },
        { kind: 'create_view', view: view('legacy', undefined) },
      ],
      { from, to: { ...from, views: [v1] } },
    );
    expect(sqls(out)).toEqual(['CREATE VIEW `named` AS select `id`, `name` from `items`']);
    applyLikeRunner(sq.db, out);
    expect(all('select * from named')).toEqual([{ id: 1, name: 'one' }]);

    const v2 = view('labels', v1.definition);
    const renamed = sqliteRender([{ kind: 'rename_view', from: v1, to: v2 }], { from: { ...from, views: [v1] }, to: { ...from, views: [v2] } });
    expect(sqls(renamed)).toEqual(['DROP VIEW `named`', 'CREATE VIEW `labels` AS select `id`, `name` from `items`']);
    applyLikeRunner(sq.db, renamed);
    const dropped = sqliteRender([{ kind: 'drop_view', view: v2 }], { from: { ...from, views: [v2] }, to: from });
    expect(sqls(dropped)).toEqual(['DROP VIEW `labels`']);
    applyLikeRunner(sq.db, dropped);
    expect(all("select name from sqlite_master where type = 'view'")).toEqual([]);
  });

  it('drops a table without first dropping its foreign keys one by one (which would rebuild it)', () => {
    const parents = table('parents', [column('id', 'integer', { notNull: true })], { primaryKey: pk('parents', 'id') });
    const children = table('children', [column('parent_id', 'integer')], { foreignKeys: [fk('children_parent_fk', ['parent_id'], 'parents', ['id'])] });
    const from = createAll([parents, children]);
    const out = sqliteRender(
      [
        { kind: 'drop_foreign_key', table: ref('children'), foreignKey: children.foreignKeys[0]! },
        { kind: 'drop_table', table: children },
      ],
      { from, to: snapshot([parents]) },
    );
    expect(sqls(out)).toEqual(['DROP TABLE `children`']);
    applyLikeRunner(sq.db, out);
    expect(catalogSql('children')).toBeUndefined();
  });

  it('drops a table, marked destructive', () => {
    const from = createAll([base()]);
    const out = sqliteRender([{ kind: 'drop_table', table: from.tables[0]! }], { from, to: snapshot([]) });
    expect(out).toEqual([{ sql: 'DROP TABLE `items`', destructive: 'drops table `items` and all of its rows' }]);
    applyLikeRunner(sq.db, out);
    expect(catalogSql('items')).toBeUndefined();
  });
});

describe('what SQLite does not have', () => {
  const empty = { from: snapshot([]), to: snapshot([]) };
  const enumModel = { schema: undefined, name: 'mood', values: ['a'] };
  const seq = { schema: undefined, name: 's', increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false };
  const role = { name: 'r', createDb: false, createRole: false, inherit: true };
  const policy = { name: 'p', as: 'permissive' as const, for: 'all' as const, to: [], using: undefined, withCheck: undefined };
  const unsupported: Change[] = [
    { kind: 'create_schema', name: 's' },
    { kind: 'drop_schema', name: 's' },
    { kind: 'rename_schema', from: 's', to: 't' },
    { kind: 'create_role', role },
    { kind: 'drop_role', role },
    { kind: 'rename_role', from: 'r', to: 'q' },
    { kind: 'alter_role', from: role, to: role },
    { kind: 'create_enum', enum: enumModel },
    { kind: 'drop_enum', enum: enumModel },
    { kind: 'rename_enum', from: enumModel, to: enumModel },
    { kind: 'move_enum', enum: enumModel, fromSchema: undefined },
    { kind: 'add_enum_value', enum: enumModel, value: 'b', before: undefined },
    { kind: 'recreate_enum', from: enumModel, to: enumModel, columns: [] },
    { kind: 'create_sequence', sequence: seq },
    { kind: 'drop_sequence', sequence: seq },
    { kind: 'rename_sequence', from: seq, to: seq },
    { kind: 'alter_sequence', from: seq, to: seq },
    { kind: 'move_table', table: ref('t'), fromSchema: 'x' },
    { kind: 'enable_rls', table: ref('t') },
    { kind: 'disable_rls', table: ref('t') },
    { kind: 'create_policy', table: ref('t'), policy },
    { kind: 'drop_policy', table: ref('t'), policy },
    { kind: 'rename_policy', table: ref('t'), from: 'p', to: 'q' },
    { kind: 'alter_policy', table: ref('t'), from: policy, to: policy },
  ];
  for (const change of unsupported) {
    it(`throws UnsupportedError naming SQLite for ${change.kind}`, () => {
      const render = () => sqliteRender([change], empty);
      expect(render).toThrow(UnsupportedError);
      expect(render).toThrow(new RegExp(`^SQLite does not support .*\\(change \`${change.kind}\`\\)$`));
    });
  }

  it('throws for MySQL ON UPDATE and PostgreSQL identity columns', () => {
    const create = (c: ReturnType<typeof column>) => () => sqliteRender([{ kind: 'create_table', table: table('t', [c]) }], { from: snapshot([]), to: snapshot([table('t', [c])]) });
    expect(create(column('at', 'text', { onUpdate: 'CURRENT_TIMESTAMP' }))).toThrow(/SQLite has no ON UPDATE column clause \(column `at`\)/);
    const identity = { type: 'always' as const, name: undefined, increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false };
    expect(create(column('id', 'integer', { identity }))).toThrow(/SQLite has no identity columns \(column `id`\)/);
  });

  it('throws for materialized views and NULLS NOT DISTINCT uniques', () => {
    expect(() => sqliteRender([{ kind: 'create_view', view: { ...view('m', 'select 1'), materialized: true } }], empty)).toThrow(/SQLite has no materialized views \(view `m`\)/);
    const t = table('t', [column('a', 'text')], { uniques: [{ name: 't_a_unique', columns: ['a'], nullsNotDistinct: true }] });
    expect(() => sqliteRender([{ kind: 'create_table', table: t }], { from: snapshot([]), to: snapshot([t]) })).toThrow(/SQLite has no NULLS NOT DISTINCT \(unique t_a_unique on t\)/);
  });
});
