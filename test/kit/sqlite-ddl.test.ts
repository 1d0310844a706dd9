/**
 * The SQLite DDL renderer: the SQL text of every change kind it supports, run on better-sqlite3
 * (and the rebuild on libsql) with the catalog read back through sqlite_master and pragmas.
 * Rebuilds are applied the way the kit's runner applies them, and shown against drizzle-kit's
 * way, which loses ON DELETE CASCADE children.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaError, UnsupportedError } from '../../src/core/errors.js';
import { sqliteRender } from '../../src/dialects/sqlite/kit/ddl.js';
import type { Change, Statement } from '../../src/kit/changes.js';
import type { Snapshot, TableModel } from '../../src/kit/model.js';
import {
  applyInsideTransaction,
  applyInsideTransactionLibsql,
  applyLikeRunner,
  applyLikeRunnerLibsql,
  column,
  fk,
  index,
  pk,
  snapshot,
  table,
  view,
} from './support/sqlite-ddl-support.js';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
});
afterEach(() => db.close());

const sqls = (statements: Statement[]): string[] => statements.map((s) => s.sql);
const all = (sql: string): Record<string, unknown>[] => db.prepare(sql).all() as Record<string, unknown>[];
const catalogSql = (name: string): string | undefined => (db.prepare('select sql from sqlite_master where name = ?').get(name) as { sql: string } | undefined)?.sql;
const columnsOf = (t: string) => all(`select name, type, "notnull", dflt_value, pk, hidden from pragma_table_xinfo('${t}') order by cid`);

/** Creates `tables` through the renderer itself (create_table + add_foreign_key changes). */
function createAll(tables: TableModel[]): Snapshot {
  const to = snapshot(tables);
  const changes: Change[] = [
    ...tables.map((t): Change => ({ kind: 'create_table', table: { ...t, foreignKeys: [], indexes: [] } })),
    ...tables.flatMap((t) => t.foreignKeys.map((f): Change => ({ kind: 'add_foreign_key', table: { schema: undefined, name: t.name }, foreignKey: f }))),
    ...tables.flatMap((t) => t.indexes.map((i): Change => ({ kind: 'create_index', table: { schema: undefined, name: t.name }, index: i }))),
  ];
  applyLikeRunner(db, sqliteRender(changes, { from: snapshot([]), to }));
  return to;
}

const ref = (name: string) => ({ schema: undefined, name });

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
    ]);
    expect(out.some((s) => s.destructive)).toBe(false);
    applyLikeRunner(db, out);

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
    expect(all(`select name, partial from pragma_index_list('posts') where origin = 'c'`)).toEqual([{ name: 'posts_title_idx', partial: 1 }]);
    expect(catalogSql('users')).toContain('AUTOINCREMENT');

    db.prepare("insert into users(email) values ('a@x')").run();
    db.prepare("insert into posts(author, slug, title) values (1, 'hello', 'Hello')").run();
    expect(all('select title, views, lower_title, len, created is not null as stamped from posts')).toEqual([{ title: 'Hello', views: 0, lower_title: 'hello', len: 5, stamped: 1 }]);
    expect(() => db.prepare("insert into posts(author, slug, views) values (1, 'b', -1)").run()).toThrow(/CHECK constraint failed: views_positive/);
    expect(() => db.prepare("insert into posts(author, slug) values (9, 'c')").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("insert into users(email) values ('a@x')").run()).toThrow(/UNIQUE constraint failed/);
  });

  it('quotes identifiers with backticks and doubles embedded ones', () => {
    const t = table('we`ird', [column('c`ol', 'text')]);
    const out = sqliteRender([{ kind: 'create_table', table: t }], { from: snapshot([]), to: snapshot([t]) });
    expect(sqls(out)).toEqual(['CREATE TABLE `we``ird` (\n\t`c``ol` text\n)']);
    applyLikeRunner(db, out);
    expect(columnsOf('we`ird').map((c) => c.name)).toEqual(['c`ol']);
  });
});

describe('what ALTER TABLE does', () => {
  const base = () => table('items', [column('id', 'integer', { notNull: true }), column('name', 'text'), column('code', 'text')], { primaryKey: pk('items', 'id'), indexes: [index('items_code_idx', ['code'])] });

  it('adds columns SQLite accepts without a rebuild, a foreign key riding on its column', () => {
    const from = createAll([table('owners', [column('id', 'integer', { notNull: true })], { primaryKey: pk('owners', 'id') }), base()]);
    db.exec("insert into owners values (1); insert into items(id, name) values (1, 'one')");
    const owner = fk('items_owner_fk', ['owner'], 'owners', ['id'], 'set null');
    const added = [
      column('qty', 'integer', { notNull: true, default: '1' }),
      column('owner', 'integer'),
      column('upper_name', 'text', { generated: { as: 'upper(`name`)', type: 'virtual' } }),
    ];
    const items = { ...base(), columns: [...base().columns, ...added], foreignKeys: [owner] };
    const to = snapshot([from.tables[0]!, items]);
    const out = sqliteRender(
      [...added.map((c): Change => ({ kind: 'add_column', table: ref('items'), column: c })), { kind: 'add_foreign_key', table: ref('items'), foreignKey: owner }],
      { from, to },
    );
    expect(sqls(out)).toEqual([
      'ALTER TABLE `items` ADD `qty` integer DEFAULT 1 NOT NULL',
      'ALTER TABLE `items` ADD `owner` integer REFERENCES `owners`(`id`) ON UPDATE no action ON DELETE set null',
      'ALTER TABLE `items` ADD `upper_name` text GENERATED ALWAYS AS (upper(`name`)) VIRTUAL',
    ]);
    applyLikeRunner(db, out);
    expect(all('select id, qty, owner, upper_name from items')).toEqual([{ id: 1, qty: 1, owner: null, upper_name: 'ONE' }]);
    expect(all(`select "table", "from", on_delete from pragma_foreign_key_list('items')`)).toEqual([{ table: 'owners', from: 'owner', on_delete: 'SET NULL' }]);
  });

  it('drops a column, dropping the index on it first even when the list drops the index later', () => {
    const from = createAll([base()]);
    db.exec("insert into items values (1, 'one', 'c1')");
    const to = snapshot([table('items', [column('id', 'integer', { notNull: true }), column('name', 'text')], { primaryKey: pk('items', 'id') })]);
    const out = sqliteRender(
      [
        { kind: 'drop_column', table: ref('items'), column: base().columns[2]! },
        { kind: 'drop_index', table: ref('items'), index: base().indexes[0]! },
      ],
      { from, to },
    );
    expect(out).toEqual([{ sql: 'DROP INDEX `items_code_idx`' }, { sql: 'ALTER TABLE `items` DROP COLUMN `code`', destructive: 'drops column `code` of `items` and its data' }]);
    applyLikeRunner(db, out);
    expect(columnsOf('items').map((c) => c.name)).toEqual(['id', 'name']);
    expect(all('select * from items')).toEqual([{ id: 1, name: 'one' }]);
  });

  it('renames tables and columns, creates, drops and renames indexes and uniques', () => {
    const from = createAll([base()]);
    db.exec("insert into items values (1, 'one', 'c1')");
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
    applyLikeRunner(db, out);
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
    applyLikeRunner(db, back);
    expect(all(`select name from pragma_index_list('goods') where origin = 'c'`)).toEqual([{ name: 'goods_code_idx' }]);
  });

  it('creates, drops and renames views (rename is drop + create), skipping existing ones', () => {
    const from = createAll([base()]);
    db.exec("insert into items values (1, 'one', 'c1')");
    const v1 = view('named', 'select `id`, `name` from `items`');
    const out = sqliteRender([{ kind: 'create_view', view: v1 }, { kind: 'create_view', view: view('legacy', undefined) }], { from, to: { ...from, views: [v1] } });
    expect(sqls(out)).toEqual(['CREATE VIEW `named` AS select `id`, `name` from `items`']);
    applyLikeRunner(db, out);
    expect(all('select * from named')).toEqual([{ id: 1, name: 'one' }]);

    const v2 = view('labels', v1.definition);
    const renamed = sqliteRender([{ kind: 'rename_view', from: v1, to: v2 }], { from: { ...from, views: [v1] }, to: { ...from, views: [v2] } });
    expect(sqls(renamed)).toEqual(['DROP VIEW `named`', 'CREATE VIEW `labels` AS select `id`, `name` from `items`']);
    applyLikeRunner(db, renamed);
    const dropped = sqliteRender([{ kind: 'drop_view', view: v2 }], { from: { ...from, views: [v2] }, to: from });
    expect(sqls(dropped)).toEqual(['DROP VIEW `labels`']);
    applyLikeRunner(db, dropped);
    expect(all("select name from sqlite_master where type = 'view'")).toEqual([]);
  });

  it('drops a table, marked destructive', () => {
    const from = createAll([base()]);
    const out = sqliteRender([{ kind: 'drop_table', table: from.tables[0]! }], { from, to: snapshot([]) });
    expect(out).toEqual([{ sql: 'DROP TABLE `items`', destructive: 'drops table `items` and all of its rows' }]);
    applyLikeRunner(db, out);
    expect(catalogSql('items')).toBeUndefined();
  });
});
