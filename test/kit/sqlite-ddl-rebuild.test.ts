/**
 * SQLite table rebuilds: applied the way the kit's runner applies them (foreign-key pragmas
 * outside the transaction, foreign_key_check before commit) on better-sqlite3 and libsql, and
 * shown against drizzle-kit's way, which deletes ON DELETE CASCADE children of a rebuilt parent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaError } from '../../src/core/errors.js';
import { sqliteRender } from '../../src/dialects/sqlite/kit/ddl.js';
import type { Change } from '../../src/kit/changes.js';
import type { TableModel } from '../../src/kit/model.js';
import { applyInsideTransaction, applyInsideTransactionLibsql, applyLikeRunner, applyLikeRunnerLibsql, column, fk, index, pk, ref, snapshot, sqliteTestDb, sqls, table } from './support/sqlite-ddl-support.js';

const sq = sqliteTestDb();
const { all, catalogSql, columnsOf, createAll } = sq;

describe('table rebuilds', () => {
  const parentV1 = () => table('parents', [column('id', 'integer', { notNull: true }), column('score', 'text'), column('note', 'text')], { primaryKey: pk('parents', 'id'), indexes: [index('parents_score_idx', ['score'])] });
  const child = () =>
    table('children', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer', { notNull: true })], {
      primaryKey: pk('children', 'id'),
      foreignKeys: [fk('children_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade')],
    });
  const seed = "insert into parents values (1, '10', 'a'), (2, '20', 'b'); insert into children values (1, 1), (2, 1), (3, 2)";
  const withParent = (parent: TableModel) => snapshot([parent, child()]);

  /** Three rebuilds of `parents`: a type change, an added not-null column with a default, an added check. */
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
      sq.db.exec(seed);
      const out = sqliteRender(c.changes, { from, to: withParent(c.parent) });
      expect(sqls(out)).toEqual(['PRAGMA foreign_keys=OFF', ...c.sql, ...tail, 'PRAGMA foreign_keys=ON']);
      expect(out[1]!.destructive).toBe(c.destructive);
      applyLikeRunner(sq.db, out);
      expect(all('select id, parent_id from children order by id')).toEqual([
        { id: 1, parent_id: 1 },
        { id: 2, parent_id: 1 },
        { id: 3, parent_id: 2 },
      ]);
      expect(all('select id, note from parents order by id')).toEqual([
        { id: 1, note: 'a' },
        { id: 2, note: 'b' },
      ]);
      expect(all(`select name from pragma_index_list('parents') where origin = 'c'`)).toEqual([{ name: 'parents_score_idx' }]);
      expect(catalogSql('__new_parents')).toBeUndefined();
      expect(sq.db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The children's foreign key still guards the rebuilt parent.
      sq.db.exec('delete from parents where id = 1');
      expect(all('select id from children order by id')).toEqual([{ id: 3 }]);
    });

    it(`shows the same statements run inside the transaction with foreign keys on (drizzle-kit's way) lose the children, for ${c.name}`, () => {
      const from = createAll([parentV1(), child()]);
      sq.db.exec(seed);
      applyInsideTransaction(sq.db, sqliteRender(c.changes, { from, to: withParent(c.parent) }));
      expect(all('select count(*) as n from children')).toEqual([{ n: 0 }]);
      expect(all('select count(*) as n from parents')).toEqual([{ n: 2 }]);
    });
  }

  it('stores the type change: text scores become integers', () => {
    const from = createAll([parentV1(), child()]);
    sq.db.exec(seed);
    applyLikeRunner(sq.db, sqliteRender(cases[0]!.changes, { from, to: withParent(cases[0]!.parent) }));
    expect(all('select typeof(score) as t, score from parents order by id')).toEqual([
      { t: 'integer', score: 10 },
      { t: 'integer', score: 20 },
    ]);
    expect(columnsOf('parents').map((x) => `${x.name}:${x.type}`)).toEqual(['id:INTEGER', 'score:INTEGER', 'note:TEXT']);
  });

  it("gathers all of a table's changes into one rebuild: renames mapped, dropped columns marked, indexes re-created", () => {
    const from = createAll([parentV1(), child()]);
    sq.db.exec(seed);
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
    sq.db.exec('create view parent_scores as select `score` from `parents`');
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
    applyLikeRunner(sq.db, out);
    expect(all('select * from parents order by id')).toEqual([
      { id: 1, points: 10, extra: 'x' },
      { id: 2, points: 20, extra: 'x' },
    ]);
    // The rename ran as ALTER TABLE, so SQLite rewrote the view that reads the column.
    expect(all('select * from parent_scores order by 1')).toEqual([{ points: 10 }, { points: 20 }]);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
    expect(all(`select name from pragma_index_list('parents') where origin = 'c'`)).toEqual([{ name: 'parents_points_idx' }]);
  });

  it('rebuilds for foreign keys added to or dropped from an existing table, and the check catches orphans', () => {
    const from = createAll([parentV1(), table('loose', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer')], { primaryKey: pk('loose', 'id') })]);
    sq.db.exec("insert into parents values (1, '1', 'a'); insert into loose values (1, 1), (2, null)");
    const guarded = fk('loose_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade');
    const looseV2 = { ...from.tables[1]!, foreignKeys: [guarded] };
    const add = sqliteRender([{ kind: 'add_foreign_key', table: ref('loose'), foreignKey: guarded }], { from, to: snapshot([parentV1(), looseV2]) });
    expect(sqls(add).slice(0, 3)).toEqual([
      'PRAGMA foreign_keys=OFF',
      'CREATE TABLE `__new_loose` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`parent_id` integer,\n\tFOREIGN KEY (`parent_id`) REFERENCES `parents`(`id`) ON UPDATE no action ON DELETE cascade\n)',
      'INSERT INTO `__new_loose`(`id`, `parent_id`) SELECT `id`, `parent_id` FROM `loose`',
    ]);
    applyLikeRunner(sq.db, add);
    expect(all(`select "table", on_delete from pragma_foreign_key_list('loose')`)).toEqual([{ table: 'parents', on_delete: 'CASCADE' }]);
    expect(all('select * from loose order by id')).toEqual([
      { id: 1, parent_id: 1 },
      { id: 2, parent_id: null },
    ]);

    const drop = sqliteRender([{ kind: 'drop_foreign_key', table: ref('loose'), foreignKey: guarded }], { from: snapshot([parentV1(), looseV2]), to: from });
    applyLikeRunner(sq.db, drop);
    expect(all(`select * from pragma_foreign_key_list('loose')`)).toEqual([]);
    sq.db.exec('insert into loose values (3, 99)');
    // Adding the key back now leaves an orphan: the runner's foreign_key_check refuses to commit.
    expect(() => applyLikeRunner(sq.db, add)).toThrow(/foreign_key_check/);
    expect(all(`select * from pragma_foreign_key_list('loose')`)).toEqual([]);
    expect(all('select count(*) as n from loose')).toEqual([{ n: 3 }]);
  });

  it('rebuilds for columns ALTER TABLE refuses to add or drop', () => {
    const from = createAll([parentV1(), child()]);
    sq.db.exec(seed);
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
    applyLikeRunner(sq.db, out);
    expect(all('select id, note, len from parents order by id')).toEqual([
      { id: 1, note: 'a', len: 1 },
      { id: 2, note: 'b', len: 1 },
    ]);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
  });

  it('rebuilds two tables with one pair of foreign-key pragmas around the whole migration', () => {
    const from = createAll([parentV1(), child()]);
    sq.db.exec(seed);
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
    applyLikeRunner(sq.db, out);
    expect(all('select count(*) as n from children')).toEqual([{ n: 3 }]);
    expect(catalogSql('children')).toContain('CONSTRAINT `c2` CHECK(`id` > 0)');
  });

  it('keeps views that read the rebuilt table working', () => {
    const from = createAll([parentV1(), child()]);
    sq.db.exec(seed);
    sq.db.exec('create view parent_notes as select `id`, `note` from `parents`');
    const out = sqliteRender(cases[0]!.changes, { from, to: withParent(cases[0]!.parent) });
    applyLikeRunner(sq.db, out);
    expect(all('select * from parent_notes order by id')).toEqual([
      { id: 1, note: 'a' },
      { id: 2, note: 'b' },
    ]);
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
  const kids = table('children', [column('id', 'integer', { notNull: true }), column('parent_id', 'integer', { notNull: true })], {
    primaryKey: pk('children', 'id'),
    foreignKeys: [fk('children_parent_fk', ['parent_id'], 'parents', ['id'], 'cascade')],
  });
  const parentV2 = { ...parent, columns: [parent.columns[0]!, column('score', 'integer')] };
  const change: Change = { kind: 'alter_column', table: ref('parents'), from: parent.columns[1]!, to: parentV2.columns[1]!, aspects: ['type'] };

  async function prepared(file: string) {
    const client = createClient({ url: `file:${join(dir, file)}`, concurrency: 1 });
    await client.execute('PRAGMA foreign_keys=ON');
    const create = sqliteRender(
      [
        { kind: 'create_table', table: { ...parent } },
        { kind: 'create_table', table: { ...kids, foreignKeys: [] } },
        { kind: 'add_foreign_key', table: ref('children'), foreignKey: kids.foreignKeys[0]! },
      ],
      { from: snapshot([]), to: snapshot([parent, kids]) },
    );
    await applyLikeRunnerLibsql(client, create);
    await client.executeMultiple("insert into parents values (1, '5'), (2, '6'); insert into children values (1, 1), (2, 2)");
    return client;
  }

  it("keeps the cascade children when run the runner's way", async () => {
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

  it("loses the cascade children when run inside the transaction (drizzle-kit's way)", async () => {
    const client = await prepared('inside.db');
    try {
      await applyInsideTransactionLibsql(client, sqliteRender([change], { from: snapshot([parent, kids]), to: snapshot([parentV2, kids]) }));
      expect((await client.execute('select count(*) as n from children')).rows[0]!.n).toBe(0);
    } finally {
      client.close();
    }
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
    applyLikeRunner(sq.db, out);
    expect(columnsOf('items').map((c) => c.name)).toEqual(['id']);
  });

  it('renames a table, then rebuilds it under its new name from the old model', () => {
    const from = createAll([table('a', [column('x', 'integer', { notNull: true }), column('y', 'text')])]);
    sq.db.exec("insert into a values (1, 'one'), (2, 'two')");
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
    applyLikeRunner(sq.db, out);
    expect(all("select name, pk from pragma_table_info('b') order by cid")).toEqual([
      { name: 'x', pk: 1 },
      { name: 'y', pk: 0 },
    ]);
    expect(all('select * from b order by x')).toEqual([
      { x: 1, y: 'one' },
      { x: 2, y: 'two' },
    ]);
  });

  it('rebuilds for a composite primary key replacing a single one, and for autoincrement', () => {
    const v1 = table('pairs', [column('a', 'integer', { notNull: true }), column('b', 'integer', { notNull: true })], { primaryKey: pk('pairs', 'a') });
    const from = createAll([v1]);
    sq.db.exec('insert into pairs values (1, 1), (2, 1)');
    const v2 = { ...v1, primaryKey: pk('pairs', 'a', 'b') };
    const out = sqliteRender(
      [
        { kind: 'drop_primary_key', table: ref('pairs'), primaryKey: v1.primaryKey! },
        { kind: 'add_primary_key', table: ref('pairs'), primaryKey: v2.primaryKey! },
      ],
      { from, to: snapshot([v2]) },
    );
    expect(sqls(out).filter((s) => s.startsWith('CREATE TABLE'))).toEqual(['CREATE TABLE `__new_pairs` (\n\t`a` integer NOT NULL,\n\t`b` integer NOT NULL,\n\tPRIMARY KEY(`a`, `b`)\n)']);
    applyLikeRunner(sq.db, out);
    expect(all("select name, pk from pragma_table_info('pairs') order by cid")).toEqual([
      { name: 'a', pk: 1 },
      { name: 'b', pk: 2 },
    ]);
    expect(all('select count(*) as n from pairs')).toEqual([{ n: 2 }]);

    const counter = table('counter', [column('id', 'integer', { notNull: true })], { primaryKey: pk('counter', 'id') });
    const f2 = createAll([counter]);
    sq.db.exec('insert into counter values (7)');
    const auto = { ...counter, columns: [column('id', 'integer', { notNull: true, autoincrement: true })] };
    const out2 = sqliteRender([{ kind: 'alter_column', table: ref('counter'), from: counter.columns[0]!, to: auto.columns[0]!, aspects: ['autoincrement'] }], { from: f2, to: snapshot([auto]) });
    expect(out2[1]).toEqual({ sql: 'CREATE TABLE `__new_counter` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL\n)' });
    applyLikeRunner(sq.db, out2);
    sq.db.exec('insert into counter default values');
    expect(all('select id from counter order by id')).toEqual([{ id: 7 }, { id: 8 }]);
    expect(catalogSql('counter')).toContain('AUTOINCREMENT');
  });

  it('rebuilds a table whose rows reference each other with ON DELETE CASCADE, keeping them all', () => {
    const tree = table('tree', [column('id', 'integer', { notNull: true }), column('parent', 'integer'), column('label', 'text')], {
      primaryKey: pk('tree', 'id'),
      foreignKeys: [fk('tree_parent_fk', ['parent'], 'tree', ['id'], 'cascade')],
    });
    const from = createAll([tree]);
    sq.db.exec("insert into tree values (1, null, 'root'), (2, 1, 'kid'), (3, 2, 'grandkid')");
    const v2 = { ...tree, columns: [...tree.columns.slice(0, 2), column('label', 'text', { notNull: true, default: "''" })] };
    const out = sqliteRender([{ kind: 'alter_column', table: ref('tree'), from: tree.columns[2]!, to: v2.columns[2]!, aspects: ['notNull', 'default'] }], { from, to: snapshot([v2]) });
    expect(out[1]!.destructive).toBeUndefined();
    applyLikeRunner(sq.db, out);
    expect(all('select id, parent, label from tree order by id')).toEqual([
      { id: 1, parent: null, label: 'root' },
      { id: 2, parent: 1, label: 'kid' },
      { id: 3, parent: 2, label: 'grandkid' },
    ]);
    sq.db.exec('delete from tree where id = 1');
    expect(all('select count(*) as n from tree')).toEqual([{ n: 0 }]);
  });

  it('refuses a column change on a table the same list creates', () => {
    const t = table('t', [column('a', 'text')]);
    expect(() =>
      sqliteRender(
        [
          { kind: 'create_table', table: t },
          { kind: 'add_check', table: ref('t'), check: { name: 'c', expression: '1' } },
        ],
        { from: snapshot([]), to: snapshot([t]) },
      ),
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
    sq.db.exec("insert into accounts values (1, 'A'); insert into entries values (1, 'A')");
    const parentV2 = {
      ...parent,
      columns: [parent.columns[0]!, column('ref', 'text', { notNull: true })],
      uniques: [{ name: 'accounts_code_unique', columns: ['ref'], nullsNotDistinct: false }],
      checks: [{ name: 'ref_len', expression: 'length(`ref`) > 0' }],
    };
    const kidV2 = { ...kid, foreignKeys: [{ ...kid.foreignKeys[0]!, columnsTo: ['ref'] }] };
    const out = sqliteRender(
      [
        { kind: 'rename_column', table: ref('accounts'), from: 'code', to: 'ref' },
        { kind: 'add_check', table: ref('accounts'), check: parentV2.checks[0]! },
      ],
      { from, to: snapshot([parentV2, kidV2]) },
    );
    applyLikeRunner(sq.db, out);
    expect(all(`select "to" from pragma_foreign_key_list('entries')`)).toEqual([{ to: 'ref' }]);
    expect(all('select * from entries')).toEqual([{ id: 1, account_code: 'A' }]);
    sq.db.exec("delete from accounts where ref = 'A'");
    expect(all('select count(*) as n from entries')).toEqual([{ n: 0 }]);
  });
});

describe('AUTOINCREMENT through a rebuild', () => {
  it('keeps the id counter, so ids of deleted rows are not handed out again', () => {
    const v1 = table('tickets', [column('id', 'integer', { notNull: true, autoincrement: true }), column('title', 'text')], { primaryKey: pk('tickets', 'id') });
    const from = createAll([v1]);
    sq.db.exec("insert into tickets(title) values ('a'), ('b'), ('c'); delete from tickets where id = 3");
    const v2 = { ...v1, checks: [{ name: 'title_set', expression: '`title` is not null' }] };
    const out = sqliteRender([{ kind: 'add_check', table: ref('tickets'), check: v2.checks[0]! }], { from, to: snapshot([v2]) });
    expect(sqls(out).slice(3, 5)).toEqual(["DELETE FROM sqlite_sequence WHERE name = '__new_tickets'", "INSERT INTO sqlite_sequence(name, seq) SELECT '__new_tickets', seq FROM sqlite_sequence WHERE name = 'tickets'"]);
    applyLikeRunner(sq.db, out);
    sq.db.exec("insert into tickets(title) values ('d')");
    expect(all('select id, title from tickets order by id')).toEqual([
      { id: 1, title: 'a' },
      { id: 2, title: 'b' },
      { id: 4, title: 'd' },
    ]);
    expect(all('select name, seq from sqlite_sequence')).toEqual([{ name: 'tickets', seq: 4 }]);
  });
});

describe('dropped checks and changed generated columns', () => {
  it('rebuilds without the dropped check and with the generated column stored', () => {
    const v1 = table('prices', [column('id', 'integer', { notNull: true }), column('net', 'integer', { notNull: true }), column('gross', 'integer', { generated: { as: '`net` * 2', type: 'virtual' } })], {
      primaryKey: pk('prices', 'id'),
      checks: [{ name: 'net_small', expression: '`net` < 100' }],
    });
    const from = createAll([v1]);
    sq.db.exec('insert into prices(id, net) values (1, 10)');
    const gross = column('gross', 'integer', { generated: { as: '`net` * 3', type: 'stored' } });
    const v2 = { ...v1, columns: [v1.columns[0]!, v1.columns[1]!, gross], checks: [] };
    const out = sqliteRender(
      [
        { kind: 'drop_check', table: ref('prices'), check: v1.checks[0]! },
        { kind: 'alter_column', table: ref('prices'), from: v1.columns[2]!, to: gross, aspects: ['generated'] },
      ],
      { from, to: snapshot([v2]) },
    );
    expect(sqls(out).slice(1, 3)).toEqual([
      'CREATE TABLE `__new_prices` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`net` integer NOT NULL,\n\t`gross` integer GENERATED ALWAYS AS (`net` * 3) STORED\n)',
      'INSERT INTO `__new_prices`(`id`, `net`) SELECT `id`, `net` FROM `prices`',
    ]);
    expect(out[1]!.destructive).toBeUndefined();
    applyLikeRunner(sq.db, out);
    sq.db.exec('insert into prices(id, net) values (2, 500)');
    expect(all('select id, net, gross from prices order by id')).toEqual([
      { id: 1, net: 10, gross: 30 },
      { id: 2, net: 500, gross: 1500 },
    ]);
    expect(all(`select name, hidden from pragma_table_xinfo('prices') where name = 'gross'`)).toEqual([{ name: 'gross', hidden: 3 }]);
  });
});
