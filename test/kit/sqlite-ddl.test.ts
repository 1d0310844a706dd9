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
    expect(all(`select name, partial from pragma_index_list('posts') where origin = 'c' order by name`)).toEqual([
      { name: 'posts_lower_slug_idx', partial: 0 },
      { name: 'posts_title_idx', partial: 1 },
    ]);
    expect(all(`select cid, name, "desc" from pragma_index_xinfo('posts_lower_slug_idx') where key = 1`)).toEqual([
      { cid: -2, name: null, desc: 0 },
      { cid: 3, name: 'views', desc: 1 },
    ]);
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

  it('rebuilds instead when the added column has a foreign key and a non-null default, or is part of the primary key', () => {
    const from = createAll([table('owners', [column('id', 'integer', { notNull: true })], { primaryKey: pk('owners', 'id') }), base()]);
    db.exec("insert into owners values (1); insert into items(id, name) values (1, 'one')");
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
    applyLikeRunner(db, out);
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
    applyLikeRunner(db, out2);
    expect(all("select name, pk from pragma_table_info('items') where pk > 0 order by pk")).toEqual([{ name: 'id', pk: 1 }, { name: 'part', pk: 2 }]);
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

describe('table rebuilds', () => {
  const parentV1 = () => table('parents', [column('id', 'integer', { notNull: true }), column('score', 'text'), column('note', 'text')], { primaryKey: pk('parents', 'id'), indexes: [index('parents_score_idx', ['score'])] });
  const child = () => table('children', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer', { notNull: true })], { primaryKey: pk('children', 'id'), foreignKeys: [fk('children_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade')] });
  const seed = 'insert into parents values (1, \'10\', \'a\'), (2, \'20\', \'b\'); insert into children values (1, 1), (2, 1), (3, 2)';
  const withParent = (parent: TableModel) => snapshot([parent, child()]);

  /** Three rebuilds of `parents` the brief names: a type change, an added not-null column with a default, an added check. */
  const cases: { name: string; parent: TableModel; changes: Change[]; sql: string[]; destructive?: string }[] = [
    {
      name: 'a column type change',
      parent: { ...parentV1(), columns: [parentV1().columns[0]!, column('score', 'integer'), parentV1().columns[2]!] },
      changes: [{ kind: 'alter_column', table: ref('parents'), from: column('score', 'text'), to: column('score', 'integer'), aspects: ['type'] }],
      sql: ['CREATE TABLE `__new_parents` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`score` integer,\n\t`note` text\n)', 'INSERT INTO `__new_parents`(`id`, `score`, `note`) SELECT `id`, `score`, `note` FROM `parents`'],
      destructive: 'rebuilding `parents` changes the type of `score` from text to integer',
    },
    {
      name: 'a not-null column with an expression default',
      parent: { ...parentV1(), columns: [...parentV1().columns, column('created', 'text', { notNull: true, default: '(CURRENT_TIMESTAMP)' })] },
      changes: [{ kind: 'add_column', table: ref('parents'), column: column('created', 'text', { notNull: true, default: '(CURRENT_TIMESTAMP)' }) }],
      sql: [
        'CREATE TABLE `__new_parents` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`score` text,\n\t`note` text,\n\t`created` text DEFAULT (CURRENT_TIMESTAMP) NOT NULL\n)',
        'INSERT INTO `__new_parents`(`id`, `score`, `note`) SELECT `id`, `score`, `note` FROM `parents`',
      ],
    },
    {
      name: 'a check',
      parent: { ...parentV1(), checks: [{ name: 'parents_note', expression: '"parents"."note" <> \'\'' }] },
      changes: [{ kind: 'add_check', table: ref('parents'), check: { name: 'parents_note', expression: '"parents"."note" <> \'\'' } }],
      sql: [
        'CREATE TABLE `__new_parents` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`score` text,\n\t`note` text,\n\tCONSTRAINT `parents_note` CHECK("note" <> \'\')\n)',
        'INSERT INTO `__new_parents`(`id`, `score`, `note`) SELECT `id`, `score`, `note` FROM `parents`',
      ],
    },
  ];
  const tail = ['DROP TABLE `parents`', 'PRAGMA legacy_alter_table=ON', 'ALTER TABLE `__new_parents` RENAME TO `parents`', 'PRAGMA legacy_alter_table=OFF', 'CREATE INDEX `parents_score_idx` ON `parents` (`score`)'];

  for (const c of cases) {
    it(`rebuilds the parent for ${c.name} and keeps its ON DELETE CASCADE children`, () => {
      const from = createAll([parentV1(), child()]);
      db.exec(seed);
      const out = sqliteRender(c.changes, { from, to: withParent(c.parent) });
      expect(sqls(out)).toEqual(['PRAGMA foreign_keys=OFF', ...c.sql, ...tail, 'PRAGMA foreign_keys=ON']);
      expect(out[1]!.destructive).toBe(c.destructive);
      applyLikeRunner(db, out);
      expect(all('select id, parent_id from children order by id')).toEqual([{ id: 1, parent_id: 1 }, { id: 2, parent_id: 1 }, { id: 3, parent_id: 2 }]);
      expect(all('select id, note from parents order by id')).toEqual([{ id: 1, note: 'a' }, { id: 2, note: 'b' }]);
      expect(all(`select name from pragma_index_list('parents') where origin = 'c'`)).toEqual([{ name: 'parents_score_idx' }]);
      expect(catalogSql('__new_parents')).toBeUndefined();
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The children's foreign key still guards the rebuilt parent.
      db.exec('delete from parents where id = 1');
      expect(all('select id from children order by id')).toEqual([{ id: 3 }]);
    });

    it(`shows the same statements run inside the transaction with foreign keys on (drizzle-kit's way) lose the children, for ${c.name}`, () => {
      const from = createAll([parentV1(), child()]);
      db.exec(seed);
      applyInsideTransaction(db, sqliteRender(c.changes, { from, to: withParent(c.parent) }));
      expect(all('select count(*) as n from children')).toEqual([{ n: 0 }]);
      expect(all('select count(*) as n from parents')).toEqual([{ n: 2 }]);
    });
  }

  it('stores the type change: text scores become integers', () => {
    const from = createAll([parentV1(), child()]);
    db.exec(seed);
    applyLikeRunner(db, sqliteRender(cases[0]!.changes, { from, to: withParent(cases[0]!.parent) }));
    expect(all('select typeof(score) as t, score from parents order by id')).toEqual([{ t: 'integer', score: 10 }, { t: 'integer', score: 20 }]);
    expect(columnsOf('parents').map((x) => `${x.name}:${x.type}`)).toEqual(['id:INTEGER', 'score:INTEGER', 'note:TEXT']);
  });

  it('gathers all of a table\'s changes into one rebuild: renames mapped, dropped columns marked, indexes re-created', () => {
    const from = createAll([parentV1(), child()]);
    db.exec(seed);
    const parent = table('parents', [column('id', 'integer', { notNull: true }), column('points', 'integer', { notNull: true, default: '0' }), column('extra', 'text', { default: "'x'" })], {
      primaryKey: pk('parents', 'id'),
      indexes: [index('parents_points_idx', ['points'])],
      checks: [{ name: 'points_ok', expression: '`points` >= 0' }],
    });
    const changes: Change[] = [
      { kind: 'drop_index', table: ref('parents'), index: parentV1().indexes[0]! },
      { kind: 'rename_column', table: ref('parents'), from: 'score', to: 'points' },
      { kind: 'alter_column', table: ref('parents'), from: column('points', 'text'), to: parent.columns[1]!, aspects: ['type', 'notNull', 'default'] },
      { kind: 'drop_column', table: ref('parents'), column: parentV1().columns[2]! },
      { kind: 'add_column', table: ref('parents'), column: parent.columns[2]! },
      { kind: 'add_check', table: ref('parents'), check: parent.checks[0]! },
      { kind: 'create_index', table: ref('parents'), index: parent.indexes[0]! },
    ];
    db.exec('create view parent_scores as select `score` from `parents`');
    const out = sqliteRender(changes, { from, to: withParent(parent) });
    expect(sqls(out)).toEqual([
      'PRAGMA foreign_keys=OFF',
      'ALTER TABLE `parents` RENAME COLUMN `score` TO `points`',
      "CREATE TABLE `__new_parents` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`points` integer DEFAULT 0 NOT NULL,\n\t`extra` text DEFAULT 'x',\n\tCONSTRAINT `points_ok` CHECK(`points` >= 0)\n)",
      'INSERT INTO `__new_parents`(`id`, `points`) SELECT `id`, `points` FROM `parents`',
      'DROP TABLE `parents`',
      'PRAGMA legacy_alter_table=ON',
      'ALTER TABLE `__new_parents` RENAME TO `parents`',
      'PRAGMA legacy_alter_table=OFF',
      'CREATE INDEX `parents_points_idx` ON `parents` (`points`)',
      'PRAGMA foreign_keys=ON',
    ]);
    expect(out[2]!.destructive).toBe('rebuilding `parents` drops column `note`; changes the type of `points` from text to integer');
    applyLikeRunner(db, out);
    expect(all('select * from parents order by id')).toEqual([{ id: 1, points: 10, extra: 'x' }, { id: 2, points: 20, extra: 'x' }]);
    // The rename ran as ALTER TABLE, so SQLite rewrote the view that reads the column.
    expect(all('select * from parent_scores order by 1')).toEqual([{ points: 10 }, { points: 20 }]);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
    expect(all(`select name from pragma_index_list('parents') where origin = 'c'`)).toEqual([{ name: 'parents_points_idx' }]);
  });

  it('rebuilds for foreign keys added to or dropped from an existing table, and the check catches orphans', () => {
    const from = createAll([parentV1(), table('loose', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer')], { primaryKey: pk('loose', 'id') })]);
    db.exec("insert into parents values (1, '1', 'a'); insert into loose values (1, 1), (2, null)");
    const guarded = fk('loose_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade');
    const looseV2 = { ...from.tables[1]!, foreignKeys: [guarded] };
    const add = sqliteRender([{ kind: 'add_foreign_key', table: ref('loose'), foreignKey: guarded }], { from, to: snapshot([parentV1(), looseV2]) });
    expect(sqls(add).slice(0, 3)).toEqual([
      'PRAGMA foreign_keys=OFF',
      'CREATE TABLE `__new_loose` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`parent_id` integer,\n\tFOREIGN KEY (`parent_id`) REFERENCES `parents`(`id`) ON UPDATE no action ON DELETE cascade\n)',
      'INSERT INTO `__new_loose`(`id`, `parent_id`) SELECT `id`, `parent_id` FROM `loose`',
    ]);
    applyLikeRunner(db, add);
    expect(all(`select "table", on_delete from pragma_foreign_key_list('loose')`)).toEqual([{ table: 'parents', on_delete: 'CASCADE' }]);
    expect(all('select * from loose order by id')).toEqual([{ id: 1, parent_id: 1 }, { id: 2, parent_id: null }]);

    const drop = sqliteRender([{ kind: 'drop_foreign_key', table: ref('loose'), foreignKey: guarded }], { from: snapshot([parentV1(), looseV2]), to: from });
    applyLikeRunner(db, drop);
    expect(all(`select * from pragma_foreign_key_list('loose')`)).toEqual([]);
    db.exec('insert into loose values (3, 99)');
    // Adding the key back now leaves an orphan: the runner's foreign_key_check refuses to commit.
    expect(() => applyLikeRunner(db, add)).toThrow(/foreign_key_check/);
    expect(all(`select * from pragma_foreign_key_list('loose')`)).toEqual([]);
    expect(all('select count(*) as n from loose')).toEqual([{ n: 3 }]);
  });

  it('rebuilds for columns ALTER TABLE refuses to add or drop', () => {
    const from = createAll([parentV1(), child()]);
    db.exec(seed);
    const stored = column('len', 'integer', { generated: { as: 'length(`note`)', type: 'stored' } });
    const parent = { ...parentV1(), columns: [parentV1().columns[0]!, parentV1().columns[2]!, stored], indexes: [] };
    const out = sqliteRender(
      [
        { kind: 'drop_column', table: ref('parents'), column: parentV1().columns[1]! },
        { kind: 'add_column', table: ref('parents'), column: stored },
      ],
      { from, to: withParent(parent) },
    );
    // `score` is indexed and the list keeps the index: DROP COLUMN would fail, so the table is rebuilt.
    expect(sqls(out).slice(1, 3)).toEqual([
      'CREATE TABLE `__new_parents` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`note` text,\n\t`len` integer GENERATED ALWAYS AS (length(`note`)) STORED\n)',
      'INSERT INTO `__new_parents`(`id`, `note`) SELECT `id`, `note` FROM `parents`',
    ]);
    expect(out[1]!.destructive).toBe('rebuilding `parents` drops column `score`');
    applyLikeRunner(db, out);
    expect(all('select id, note, len from parents order by id')).toEqual([{ id: 1, note: 'a', len: 1 }, { id: 2, note: 'b', len: 1 }]);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
  });

  it('rebuilds two tables with one pair of foreign-key pragmas around the whole migration', () => {
    const from = createAll([parentV1(), child()]);
    db.exec(seed);
    const parent = { ...parentV1(), checks: [{ name: 'c1', expression: '`id` > 0' }] };
    const kid = { ...child(), checks: [{ name: 'c2', expression: '`id` > 0' }] };
    const out = sqliteRender(
      [
        { kind: 'add_check', table: ref('parents'), check: parent.checks[0]! },
        { kind: 'add_check', table: ref('children'), check: kid.checks[0]! },
      ],
      { from, to: snapshot([parent, kid]) },
    );
    expect(sqls(out).filter((s) => s.startsWith('PRAGMA foreign_keys'))).toEqual(['PRAGMA foreign_keys=OFF', 'PRAGMA foreign_keys=ON']);
    expect(out[0]!.sql).toBe('PRAGMA foreign_keys=OFF');
    expect(out.at(-1)!.sql).toBe('PRAGMA foreign_keys=ON');
    expect(sqls(out).filter((s) => s.startsWith('CREATE TABLE'))).toHaveLength(2);
    applyLikeRunner(db, out);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
    expect(catalogSql('children')).toContain('CONSTRAINT `c2` CHECK(`id` > 0)');
  });

  it('keeps views that read the rebuilt table working', () => {
    const from = createAll([parentV1(), child()]);
    db.exec(seed);
    db.exec('create view parent_notes as select `id`, `note` from `parents`');
    const out = sqliteRender(cases[0]!.changes, { from, to: withParent(cases[0]!.parent) });
    applyLikeRunner(db, out);
    expect(all('select * from parent_notes order by id')).toEqual([{ id: 1, note: 'a' }, { id: 2, note: 'b' }]);
  });

  it('refuses a rebuild that adds a NOT NULL column without a default, naming it', () => {
    const from = createAll([parentV1(), child()]);
    const added = column('rank', 'integer', { notNull: true });
    const to = withParent({ ...parentV1(), columns: [...parentV1().columns, added] });
    const render = () => sqliteRender([{ kind: 'add_column', table: ref('parents'), column: added }], { from, to });
    expect(render).toThrow(SchemaError);
    expect(render).toThrow(/table `parents` adds NOT NULL column `rank` without a default/);
  });
});

describe('rebuild on libsql', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-sqlite-ddl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const parent = table('parents', [column('id', 'integer', { notNull: true }), column('score', 'text')], { primaryKey: pk('parents', 'id') });
  const kids = table('children', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer', { notNull: true })], { primaryKey: pk('children', 'id'), foreignKeys: [fk('children_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade')] });
  const parentV2 = { ...parent, columns: [parent.columns[0]!, column('score', 'integer')] };
  const change: Change = { kind: 'alter_column', table: ref('parents'), from: parent.columns[1]!, to: parentV2.columns[1]!, aspects: ['type'] };

  async function prepared(file: string) {
    const client = createClient({ url: `file:${join(dir, file)}`, concurrency: 1 });
    await client.execute('PRAGMA foreign_keys=ON');
    const create = sqliteRender(
      [{ kind: 'create_table', table: { ...parent } }, { kind: 'create_table', table: { ...kids, foreignKeys: [] } }, { kind: 'add_foreign_key', table: ref('children'), foreignKey: kids.foreignKeys[0]! }],
      { from: snapshot([]), to: snapshot([parent, kids]) },
    );
    await applyLikeRunnerLibsql(client, create);
    await client.executeMultiple("insert into parents values (1, '5'), (2, '6'); insert into children values (1, 1), (2, 2)");
    return client;
  }

  it('keeps the cascade children when run the runner\'s way', async () => {
    const client = await prepared('runner.db');
    try {
      await applyLikeRunnerLibsql(client, sqliteRender([change], { from: snapshot([parent, kids]), to: snapshot([parentV2, kids]) }));
      expect((await client.execute('select count(*) as n from children')).rows[0]!.n).toBe(2);
      expect((await client.execute('select typeof(score) as t from parents where id = 1')).rows[0]!.t).toBe('integer');
      expect((await client.execute("select type from pragma_table_info('parents') where name = 'score'")).rows[0]!.type).toBe('INTEGER');
    } finally {
      client.close();
    }
  });

  it('loses the cascade children when run inside the transaction (drizzle-kit\'s way)', async () => {
    const client = await prepared('inside.db');
    try {
      await applyInsideTransactionLibsql(client, sqliteRender([change], { from: snapshot([parent, kids]), to: snapshot([parentV2, kids]) }));
      expect((await client.execute('select count(*) as n from children')).rows[0]!.n).toBe(0);
    } finally {
      client.close();
    }
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

  it('throws for materialized views and NULLS NOT DISTINCT uniques', () => {
    expect(() => sqliteRender([{ kind: 'create_view', view: { ...view('m', 'select 1'), materialized: true } }], empty)).toThrow(/SQLite has no materialized views \(view `m`\)/);
    const t = table('t', [column('a', 'text')], { uniques: [{ name: 't_a_unique', columns: ['a'], nullsNotDistinct: true }] });
    expect(() => sqliteRender([{ kind: 'create_table', table: t }], { from: snapshot([]), to: snapshot([t]) })).toThrow(/SQLite has no NULLS NOT DISTINCT \(unique t_a_unique on t\)/);
  });
});

describe('rebuilds mixed with other changes', () => {
  it('drops an index once when the list drops it before the column', () => {
    const items = table('items', [column('id', 'integer', { notNull: true }), column('code', 'text')], { primaryKey: pk('items', 'id'), indexes: [index('items_code_idx', ['code'])] });
    const from = createAll([items]);
    const out = sqliteRender(
      [
        { kind: 'drop_index', table: ref('items'), index: items.indexes[0]! },
        { kind: 'drop_column', table: ref('items'), column: items.columns[1]! },
      ],
      { from, to: snapshot([{ ...items, columns: [items.columns[0]!], indexes: [] }]) },
    );
    expect(sqls(out)).toEqual(['DROP INDEX `items_code_idx`', 'ALTER TABLE `items` DROP COLUMN `code`']);
    applyLikeRunner(db, out);
    expect(columnsOf('items').map((c) => c.name)).toEqual(['id']);
  });

  it('renames a table, then rebuilds it under its new name from the old model', () => {
    const from = createAll([table('a', [column('x', 'integer', { notNull: true }), column('y', 'text')])]);
    db.exec("insert into a values (1, 'one'), (2, 'two')");
    const b = table('b', [column('x', 'integer', { notNull: true }), column('y', 'text')], { primaryKey: pk('b', 'x') });
    const out = sqliteRender(
      [
        { kind: 'rename_table', from: ref('a'), to: ref('b') },
        { kind: 'add_primary_key', table: ref('b'), primaryKey: b.primaryKey! },
      ],
      { from, to: snapshot([b]) },
    );
    expect(sqls(out).slice(0, 4)).toEqual([
      'PRAGMA foreign_keys=OFF',
      'ALTER TABLE `a` RENAME TO `b`',
      'CREATE TABLE `__new_b` (\n\t`x` integer PRIMARY KEY NOT NULL,\n\t`y` text\n)',
      'INSERT INTO `__new_b`(`x`, `y`) SELECT `x`, `y` FROM `b`',
    ]);
    applyLikeRunner(db, out);
    expect(all("select name, pk from pragma_table_info('b') order by cid")).toEqual([{ name: 'x', pk: 1 }, { name: 'y', pk: 0 }]);
    expect(all('select * from b order by x')).toEqual([{ x: 1, y: 'one' }, { x: 2, y: 'two' }]);
  });

  it('rebuilds for a composite primary key replacing a single one, and for autoincrement', () => {
    const v1 = table('pairs', [column('a', 'integer', { notNull: true }), column('b', 'integer', { notNull: true })], { primaryKey: pk('pairs', 'a') });
    const from = createAll([v1]);
    db.exec('insert into pairs values (1, 1), (2, 1)');
    const v2 = { ...v1, primaryKey: pk('pairs', 'a', 'b') };
    const out = sqliteRender(
      [
        { kind: 'drop_primary_key', table: ref('pairs'), primaryKey: v1.primaryKey! },
        { kind: 'add_primary_key', table: ref('pairs'), primaryKey: v2.primaryKey! },
      ],
      { from, to: snapshot([v2]) },
    );
    expect(sqls(out).filter((s) => s.startsWith('CREATE TABLE'))).toEqual(['CREATE TABLE `__new_pairs` (\n\t`a` integer NOT NULL,\n\t`b` integer NOT NULL,\n\tPRIMARY KEY(`a`, `b`)\n)']);
    applyLikeRunner(db, out);
    expect(all("select name, pk from pragma_table_info('pairs') order by cid")).toEqual([{ name: 'a', pk: 1 }, { name: 'b', pk: 2 }]);
    expect(all('select count(*) as n from pairs')).toEqual([{ n: 2 }]);

    const counter = table('counter', [column('id', 'integer', { notNull: true })], { primaryKey: pk('counter', 'id') });
    const f2 = createAll([counter]);
    db.exec('insert into counter values (7)');
    const auto = { ...counter, columns: [column('id', 'integer', { notNull: true, autoincrement: true })] };
    const out2 = sqliteRender([{ kind: 'alter_column', table: ref('counter'), from: counter.columns[0]!, to: auto.columns[0]!, aspects: ['autoincrement'] }], { from: f2, to: snapshot([auto]) });
    expect(out2[1]).toEqual({ sql: 'CREATE TABLE `__new_counter` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL\n)' });
    applyLikeRunner(db, out2);
    db.exec('insert into counter default values');
    expect(all('select id from counter order by id')).toEqual([{ id: 7 }, { id: 8 }]);
    expect(catalogSql('counter')).toContain('AUTOINCREMENT');
  });

  it('rebuilds a table whose rows reference each other with ON DELETE CASCADE, keeping them all', () => {
    const tree = table('tree', [column('id', 'integer', { notNull: true }), column('parent', 'integer'), column('label', 'text')], {
      primaryKey: pk('tree', 'id'),
      foreignKeys: [fk('tree_parent_fk', ['parent'], 'tree', ['id'], 'cascade')],
    });
    const from = createAll([tree]);
    db.exec("insert into tree values (1, null, 'root'), (2, 1, 'kid'), (3, 2, 'grandkid')");
    const v2 = { ...tree, columns: [...tree.columns.slice(0, 2), column('label', 'text', { notNull: true, default: "''" })] };
    const out = sqliteRender([{ kind: 'alter_column', table: ref('tree'), from: tree.columns[2]!, to: v2.columns[2]!, aspects: ['notNull', 'default'] }], { from, to: snapshot([v2]) });
    expect(out[1]!.destructive).toBeUndefined();
    applyLikeRunner(db, out);
    expect(all('select id, parent, label from tree order by id')).toEqual([{ id: 1, parent: null, label: 'root' }, { id: 2, parent: 1, label: 'kid' }, { id: 3, parent: 2, label: 'grandkid' }]);
    db.exec('delete from tree where id = 1');
    expect(all('select count(*) as n from tree')).toEqual([{ n: 0 }]);
  });

  it('refuses a column change on a table the same list creates', () => {
    const t = table('t', [column('a', 'text')]);
    expect(() =>
      sqliteRender([{ kind: 'create_table', table: t }, { kind: 'add_check', table: ref('t'), check: { name: 'c', expression: '1' } }], { from: snapshot([]), to: snapshot([t]) }),
    ).toThrow(/`add_check` on table `t`, which the same change list creates/);
  });
});

describe('renamed columns in a rebuild', () => {
  it('keeps foreign keys that reference the renamed parent column valid', () => {
    const parent = table('accounts', [column('id', 'integer', { notNull: true }), column('code', 'text', { notNull: true })], {
      primaryKey: pk('accounts', 'id'),
      uniques: [{ name: 'accounts_code_unique', columns: ['code'], nullsNotDistinct: false }],
    });
    const kid = table('entries', [column('id', 'integer', { notNull: true }), column('account_code', 'text')], {
      primaryKey: pk('entries', 'id'),
      foreignKeys: [fk('entries_account_fk', ['account_code'], 'accounts', ['code'], 'cascade')],
    });
    const from = createAll([parent, kid]);
    db.exec("insert into accounts values (1, 'A'); insert into entries values (1, 'A')");
    const parentV2 = { ...parent, columns: [parent.columns[0]!, column('ref', 'text', { notNull: true })], uniques: [{ name: 'accounts_code_unique', columns: ['ref'], nullsNotDistinct: false }], checks: [{ name: 'ref_len', expression: 'length(`ref`) > 0' }] };
    const kidV2 = { ...kid, foreignKeys: [{ ...kid.foreignKeys[0]!, columnsTo: ['ref'] }] };
    const out = sqliteRender(
      [
        { kind: 'rename_column', table: ref('accounts'), from: 'code', to: 'ref' },
        { kind: 'add_check', table: ref('accounts'), check: parentV2.checks[0]! },
      ],
      { from, to: snapshot([parentV2, kidV2]) },
    );
    applyLikeRunner(db, out);
    expect(all(`select "to" from pragma_foreign_key_list('entries')`)).toEqual([{ to: 'ref' }]);
    expect(all('select * from entries')).toEqual([{ id: 1, account_code: 'A' }]);
    db.exec("delete from accounts where ref = 'A'");
    expect(all('select count(*) as n from entries')).toEqual([{ n: 0 }]);
  });
});
