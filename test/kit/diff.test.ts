/**
 * The shared differ on small model pairs: which changes, in which order. The differ is
 * dialect-free; these models use PostgreSQL conventions (`public` schema) unless a test says
 * otherwise.
 */
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/kit/diff.js';
import { SchemaError } from '../../src/core/errors.js';
import type { Change } from '../../src/kit/changes.js';
import { col, enumOf, fk, idx, lines, model, policy, questionsOf, role, seq, table, view } from './diff-helpers.js';

const users = () =>
  table('users', [col('id', 'serial', { notNull: true }), col('email', 'text', { notNull: true }), col('name', 'text')], {
    primaryKey: { name: 'users_pkey', columns: ['id'] },
    uniques: [{ name: 'users_email_key', columns: ['email'], nullsNotDistinct: false }],
    indexes: [idx('users_name_idx', ['name'])],
  });
const posts = () =>
  table('posts', [col('id', 'serial', { notNull: true }), col('author_id', 'integer', { notNull: true }), col('title', 'text')], {
    primaryKey: { name: 'posts_pkey', columns: ['id'] },
    foreignKeys: [fk('posts_author_id_users_id_fk', ['author_id'], 'users', ['id'])],
    checks: [{ name: 'posts_title_check', expression: 'length("title") > 0' }],
  });

describe('diffSnapshots: identical and empty models', () => {
  it('returns no changes for equal models, whatever the key order of their objects', () => {
    const a = model({ tables: [users(), posts()], enums: [enumOf('mood', ['a', 'b'])] });
    const reordered = JSON.parse(JSON.stringify(a), (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)) as typeof a;
    expect(diffSnapshots(a, reordered, {})).toEqual({ status: 'ok', changes: [] });
    expect(diffSnapshots(model(), model(), {})).toEqual({ status: 'ok', changes: [] });
  });

  it('treats an optional key left out the same as one set to undefined', () => {
    const a = model({ tables: [table('t', [col('a')])] });
    const b = model({ tables: [table('t', [col('a')])] });
    delete (b.tables[0]!.columns[0] as Partial<(typeof b.tables)[0]['columns'][0]>).default;
    expect(lines(diffSnapshots(a, b, {}))).toEqual([]);
  });
});

describe('diffSnapshots: bad input', () => {
  it('refuses snapshots of different dialects', () => {
    expect(() => diffSnapshots(model({ dialect: 'mysql' }), model(), {})).toThrow(SchemaError);
    expect(() => diffSnapshots(model({ dialect: 'mysql' }), model(), {})).toThrow('Cannot diff a mysql snapshot against a postgresql one');
  });

  it('refuses a snapshot that uses a name twice, naming it and where', () => {
    expect(() => diffSnapshots(model({ tables: [users(), users()] }), model(), {})).toThrow('The previous snapshot has two tables named public.users');
    const twice = table('t', [col('a'), col('a', 'text')]);
    expect(() => diffSnapshots(model(), model({ tables: [twice] }), {})).toThrow('The new snapshot has two columns named a in table public.t');
    const checks = table('t', [col('a')], { checks: [{ name: 'c', expression: '1' }], uniques: [{ name: 'c', columns: ['a'], nullsNotDistinct: false }] });
    expect(() => diffSnapshots(model(), model({ tables: [checks] }), {})).toThrow('The new snapshot has two constraints named c in table public.t');
    expect(() => diffSnapshots(model(), model({ enums: [enumOf('e', []), enumOf('e', ['x'])] }), {})).toThrow(SchemaError);
  });
});

describe('diffSnapshots: creating everything from nothing', () => {
  it('creates schemas, roles, types, tables parents first, then indexes, foreign keys, policies and views in dependency order', () => {
    const app = table('events', [col('id'), col('mood', 'mood', { typeSchema: 'public' })], { schema: 'app', indexes: [idx('events_id_idx', ['id'])] });
    const to = model({
      schemas: ['app'],
      roles: [role('reader')],
      enums: [enumOf('mood', ['sad', 'happy'])],
      sequences: [seq('counter')],
      // posts is declared before users and references it.
      tables: [posts(), users(), { ...app, rlsEnabled: true, policies: [policy('events_read', { to: ['reader'] })] }],
      views: [view('recent_titles', 'select title from recent_posts'), view('recent_posts', 'select * from posts')],
    });
    expect(lines(diffSnapshots(model(), to, {}))).toEqual([
      'create_schema app',
      'create_role reader',
      'create_enum public.mood',
      'create_sequence public.counter',
      'create_table public.users',
      'create_table public.posts',
      'create_table app.events',
      'create_index public.users.users_name_idx',
      'create_index app.events.events_id_idx',
      'add_foreign_key public.posts.posts_author_id_users_id_fk',
      'enable_rls app.events',
      'create_policy app.events.events_read',
      'create_view public.recent_posts',
      'create_view public.recent_titles',
    ]);
  });

  it('creates tables whose foreign keys form a cycle, adding the keys after both tables exist', () => {
    const a = table('a', [col('id'), col('b_id')], { foreignKeys: [fk('a_b_fk', ['b_id'], 'b', ['id'])] });
    const b = table('b', [col('id'), col('a_id')], { foreignKeys: [fk('b_a_fk', ['a_id'], 'a', ['id'])] });
    expect(lines(diffSnapshots(model(), model({ tables: [a, b] }), {}))).toEqual(['create_table public.a', 'create_table public.b', 'add_foreign_key public.a.a_b_fk', 'add_foreign_key public.b.b_a_fk']);
  });

  it('keeps self references from reordering and carries the whole table model in create_table', () => {
    const tree = table('tree', [col('id'), col('parent_id')], { foreignKeys: [fk('tree_parent_fk', ['parent_id'], 'tree', ['id'])] });
    const result = diffSnapshots(model(), model({ tables: [tree, users()] }), {});
    expect(lines(result)).toEqual(['create_table public.tree', 'create_table public.users', 'create_index public.users.users_name_idx', 'add_foreign_key public.tree.tree_parent_fk']);
    expect(result.status === 'ok' && result.changes[0]).toEqual({ kind: 'create_table', table: tree });
  });
});

describe('diffSnapshots: dropping everything', () => {
  it('drops views dependents first, foreign keys, then tables children first, then types, roles and schemas', () => {
    const from = model({
      schemas: ['app'],
      roles: [role('reader')],
      enums: [enumOf('mood', ['sad', 'happy'])],
      sequences: [seq('counter')],
      tables: [users(), posts(), table('logs', [col('id')], { schema: 'app' })],
      views: [view('recent_posts', 'select * from posts'), view('recent_titles', 'select title from recent_posts')],
    });
    expect(lines(diffSnapshots(from, model(), {}))).toEqual([
      'drop_view public.recent_titles',
      'drop_view public.recent_posts',
      'drop_foreign_key public.posts.posts_author_id_users_id_fk',
      'drop_table public.posts',
      'drop_table public.users',
      'drop_table app.logs',
      'drop_enum public.mood',
      'drop_sequence public.counter',
      'drop_role reader',
      'drop_schema app',
    ]);
  });
});

describe('diffSnapshots: columns', () => {
  const base = () => table('t', [col('id'), col('a', 'text'), col('b', 'integer')]);

  it('adds, alters and drops columns in that order, each in declaration order', () => {
    const from = model({ tables: [base()] });
    const to = model({ tables: [table('t', [col('id'), col('a', 'varchar(20)'), col('c'), col('d')])] });
    // b disappeared and c, d appeared: without an answer that is a question, answered here.
    const result = diffSnapshots(from, to, { 'column:public.t.c': null, 'column:public.t.d': null });
    expect(lines(result)).toEqual(['add_column public.t.c', 'add_column public.t.d', 'alter_column public.t.a [type]', 'drop_column public.t.b']);
  });

  it('compares every column aspect on its own', () => {
    const from = col('x', 'integer');
    const cases: [Partial<typeof from>, string][] = [
      [{ type: 'bigint' }, 'type'],
      [{ notNull: true }, 'notNull'],
      [{ default: '0' }, 'default'],
      [{ generated: { as: '1 + 1', type: 'stored' } }, 'generated'],
      [{ identity: { type: 'always', name: undefined, increment: undefined, minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false } }, 'identity'],
      [{ autoincrement: true }, 'autoincrement'],
      [{ onUpdate: 'current_timestamp' }, 'onUpdate'],
    ];
    for (const [change, aspect] of cases) {
      const result = diffSnapshots(model({ tables: [table('t', [from])] }), model({ tables: [table('t', [col('x', 'integer', change)])] }), {});
      expect(lines(result)).toEqual([`alter_column public.t.x [${aspect}]`]);
    }
    const many = diffSnapshots(model({ tables: [table('t', [from])] }), model({ tables: [table('t', [col('x', 'text', { notNull: true, default: "'a'" })])] }), {});
    expect(many.status === 'ok' && many.changes).toEqual([{ kind: 'alter_column', table: { schema: 'public', name: 't' }, from, to: col('x', 'text', { notNull: true, default: "'a'" }), aspects: ['type', 'notNull', 'default'] }]);
  });

  it('sees a generated expression or identity option change, not just presence', () => {
    const gen = (as: string) => col('g', 'integer', { generated: { as, type: 'stored' } });
    expect(lines(diffSnapshots(model({ tables: [table('t', [gen('1')])] }), model({ tables: [table('t', [gen('2')])] }), {}))).toEqual(['alter_column public.t.g [generated]']);
  });

  it('drops columns without asking when nothing appeared, and adds without asking when nothing disappeared', () => {
    expect(lines(diffSnapshots(model({ tables: [base()] }), model({ tables: [table('t', [col('id')])] }), {}))).toEqual(['drop_column public.t.a', 'drop_column public.t.b']);
    expect(lines(diffSnapshots(model({ tables: [table('t', [col('id')])] }), model({ tables: [base()] }), {}))).toEqual(['add_column public.t.a', 'add_column public.t.b']);
  });
});

describe('diffSnapshots: keys, checks and indexes', () => {
  it('drops and re-adds a primary key, unique, check and index whose definition changed under the same name', () => {
    const from = model({ tables: [users(), posts()] });
    const u = users();
    u.primaryKey = { name: 'users_pkey', columns: ['id', 'email'] };
    u.uniques = [{ name: 'users_email_key', columns: ['email'], nullsNotDistinct: true }];
    u.indexes = [idx('users_name_idx', ['name'], { unique: true })];
    const p = posts();
    p.checks = [{ name: 'posts_title_check', expression: 'length("title") > 1' }];
    expect(lines(diffSnapshots(from, model({ tables: [u, p] }), {}))).toEqual([
      // The foreign key references users_pkey's column, so it goes first and comes back last.
      'drop_foreign_key public.posts.posts_author_id_users_id_fk',
      'drop_index public.users.users_name_idx',
      'drop_unique public.users.users_email_key',
      'drop_check public.posts.posts_title_check',
      'drop_primary_key public.users.users_pkey',
      'add_primary_key public.users.users_pkey',
      'add_unique public.users.users_email_key',
      'add_check public.posts.posts_title_check',
      'create_index public.users.users_name_idx',
      'add_foreign_key public.posts.posts_author_id_users_id_fk',
    ]);
  });

  it('compares constraints by name: a renamed constraint is dropped and added', () => {
    const u = users();
    u.uniques = [{ name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false }];
    expect(lines(diffSnapshots(model({ tables: [users()] }), model({ tables: [u] }), {}))).toEqual(['drop_unique public.users.users_email_key', 'add_unique public.users.users_email_unique']);
  });

  it('adds and drops a primary key alone, and leaves an index alone when only `concurrently` changed', () => {
    const plain = table('t', [col('id')], { indexes: [idx('t_id', ['id'])] });
    const keyed = table('t', [col('id')], { primaryKey: { name: 't_pkey', columns: ['id'] }, indexes: [idx('t_id', ['id'], { concurrently: true })] });
    expect(lines(diffSnapshots(model({ tables: [plain] }), model({ tables: [keyed] }), {}))).toEqual(['add_primary_key public.t.t_pkey']);
    expect(lines(diffSnapshots(model({ tables: [keyed] }), model({ tables: [plain] }), {}))).toEqual(['drop_primary_key public.t.t_pkey']);
  });

  it('sees index changes in where, method, order, with and expressions', () => {
    const variants = [
      idx('i', ['a'], { where: '"a" > 0' }),
      idx('i', ['a'], { method: 'hash' }),
      idx('i', ['a'], { with: { fillfactor: '70' } }),
      { ...idx('i', ['a']), columns: [{ expression: '"a"', isExpression: false, order: 'desc' as const, nulls: 'last' as const, opClass: undefined }] },
      { ...idx('i', []), columns: [{ expression: 'lower("a")', isExpression: true, order: 'asc' as const, nulls: 'last' as const, opClass: undefined }] },
    ];
    for (const v of variants) {
      const result = diffSnapshots(model({ tables: [table('t', [col('a')], { indexes: [idx('i', ['a'])] })] }), model({ tables: [table('t', [col('a')], { indexes: [v] })] }), {});
      expect(lines(result)).toEqual(['drop_index public.t.i', 'create_index public.t.i']);
    }
  });

  it('drops and re-adds a foreign key when a column on either end changes type', () => {
    const from = model({ tables: [users(), posts()] });
    const retypedChild = posts();
    retypedChild.columns[1] = col('author_id', 'bigint', { notNull: true });
    expect(lines(diffSnapshots(from, model({ tables: [users(), retypedChild] }), {}))).toEqual([
      'drop_foreign_key public.posts.posts_author_id_users_id_fk',
      'alter_column public.posts.author_id [type]',
      'add_foreign_key public.posts.posts_author_id_users_id_fk',
    ]);
    const retypedParent = users();
    retypedParent.columns[0] = col('id', 'bigserial', { notNull: true });
    expect(lines(diffSnapshots(from, model({ tables: [retypedParent, posts()] }), {}))).toEqual([
      'drop_foreign_key public.posts.posts_author_id_users_id_fk',
      'alter_column public.users.id [type]',
      'add_foreign_key public.posts.posts_author_id_users_id_fk',
    ]);
  });

  it('leaves a foreign key alone when unrelated columns of its tables change', () => {
    const p = posts();
    p.columns[2] = col('title', 'varchar(200)');
    expect(lines(diffSnapshots(model({ tables: [users(), posts()] }), model({ tables: [users(), p] }), {}))).toEqual(['alter_column public.posts.title [type]']);
  });

  it('drops a foreign key whose referenced unique goes away, and one whose definition changed', () => {
    const parent = table('codes', [col('code', 'text')], { uniques: [{ name: 'codes_code_key', columns: ['code'], nullsNotDistinct: false }] });
    const child = table('items', [col('code', 'text')], { foreignKeys: [fk('items_code_fk', ['code'], 'codes', ['code'])] });
    const parentIndexed = table('codes', [col('code', 'text')], { indexes: [idx('codes_code_key', ['code'], { unique: true })] });
    expect(lines(diffSnapshots(model({ tables: [parent, child] }), model({ tables: [parentIndexed, child] }), {}))).toEqual([
      'drop_foreign_key public.items.items_code_fk',
      'drop_unique public.codes.codes_code_key',
      'create_index public.codes.codes_code_key',
      'add_foreign_key public.items.items_code_fk',
    ]);
    const cascading = table('items', [col('code', 'text')], { foreignKeys: [fk('items_code_fk', ['code'], 'codes', ['code'], { onDelete: 'cascade' })] });
    expect(lines(diffSnapshots(model({ tables: [parent, child] }), model({ tables: [parent, cascading] }), {}))).toEqual(['drop_foreign_key public.items.items_code_fk', 'add_foreign_key public.items.items_code_fk']);
  });

  it('drops the foreign keys of dropped tables before any table, and a key to a dropped table with its column', () => {
    const a = table('a', [col('id'), col('b_id')], { foreignKeys: [fk('a_b_fk', ['b_id'], 'b', ['id'])] });
    const b = table('b', [col('id'), col('a_id')], { foreignKeys: [fk('b_a_fk', ['a_id'], 'a', ['id'])] });
    const c = table('c', [col('id'), col('a_id')], { foreignKeys: [fk('c_a_fk', ['a_id'], 'a', ['id'])] });
    const cAlone = table('c', [col('id')]);
    expect(lines(diffSnapshots(model({ tables: [a, b, c] }), model({ tables: [cAlone] }), {}))).toEqual([
      'drop_foreign_key public.c.c_a_fk',
      'drop_foreign_key public.a.a_b_fk',
      'drop_foreign_key public.b.b_a_fk',
      'drop_column public.c.a_id',
      'drop_table public.a',
      'drop_table public.b',
    ]);
  });
});

describe('diffSnapshots: enums', () => {
  const moodCol = () => col('mood', 'mood', { typeSchema: 'public' });

  it('adds values appended or inserted, each with the existing value it goes before', () => {
    const from = model({ enums: [enumOf('mood', ['sad', 'happy'])] });
    const to = model({ enums: [enumOf('mood', ['awful', 'sad', 'meh', 'ok', 'happy', 'ecstatic'])] });
    const result = diffSnapshots(from, to, {});
    expect(lines(result)).toEqual(['add_enum_value public.mood awful before sad', 'add_enum_value public.mood meh before happy', 'add_enum_value public.mood ok before happy', 'add_enum_value public.mood ecstatic']);
    expect(result.status === 'ok' && result.changes.at(-1)).toEqual({ kind: 'add_enum_value', enum: to.enums[0], value: 'ecstatic', before: undefined });
  });

  it('recreates an enum that lost or reordered values, listing every column that uses it, after the column changes', () => {
    const t = table('people', [col('id'), moodCol(), col('moods', 'mood[]', { typeSchema: 'public' }), col('other', 'other_mood', { typeSchema: 'public' })]);
    const from = model({ enums: [enumOf('mood', ['sad', 'ok', 'happy'])], tables: [table('people', [col('id'), moodCol()])] });
    for (const values of [
      ['sad', 'happy'],
      ['happy', 'ok', 'sad'],
    ]) {
      const to = model({ enums: [enumOf('mood', values)], tables: [t] });
      const result = diffSnapshots(from, to, {});
      expect(lines(result)).toEqual(['add_column public.people.moods', 'add_column public.people.other', 'recreate_enum public.mood (public.people.mood, public.people.moods)']);
    }
  });

  it("recreates the views over a recreated enum's columns around it", () => {
    const m = (values: string[]) => model({ enums: [enumOf('mood', values)], tables: [table('people', [moodCol()])], views: [view('moods', 'select mood from people')] });
    expect(lines(diffSnapshots(m(['a', 'b']), m(['b', 'a']), {}))).toEqual(['drop_view public.moods', 'recreate_enum public.mood (public.people.mood)', 'create_view public.moods']);
  });

  it('asks whether an enum was renamed, and a renamed enum does not retype its columns', () => {
    const from = model({ enums: [enumOf('mood', ['a'])], tables: [table('t', [moodCol()])] });
    const to = model({ enums: [enumOf('feeling', ['a', 'b'])], tables: [table('t', [col('mood', 'feeling', { typeSchema: 'public' })])] });
    expect(diffSnapshots(from, to, {})).toEqual({
      status: 'questions',
      questions: [{ entity: 'enum', scope: undefined, added: 'public.feeling', candidates: ['public.mood'] }],
    });
    expect(lines(diffSnapshots(from, to, { 'enum:public.feeling': 'public.mood' }))).toEqual(['rename_enum public.mood -> public.feeling', 'add_enum_value public.feeling b']);
    expect(lines(diffSnapshots(from, to, { 'enum:public.feeling': null }))).toEqual(['create_enum public.feeling', 'alter_column public.t.mood [type]', 'drop_enum public.mood']);
  });

  it('recreates a renamed enum under its new name', () => {
    const from = model({ enums: [enumOf('mood', ['a', 'b'])], tables: [table('t', [moodCol()])] });
    const to = model({ enums: [enumOf('feeling', ['b'])], tables: [table('t', [col('mood', 'feeling', { typeSchema: 'public' })])] });
    const result = diffSnapshots(from, to, { 'enum:feeling': 'mood' });
    expect(lines(result)).toEqual(['rename_enum public.mood -> public.feeling', 'recreate_enum public.feeling (public.t.mood)']);
    const recreate = result.status === 'ok' ? result.changes[1] : undefined;
    expect(recreate?.kind === 'recreate_enum' && recreate.from).toEqual(enumOf('feeling', ['a', 'b']));
  });

  it('moves an enum to another schema, then renames it', () => {
    const from = model({ schemas: ['app'], enums: [enumOf('mood', ['a'])] });
    const to = model({ schemas: ['app'], enums: [enumOf('feeling', ['a'], 'app')] });
    const result = diffSnapshots(from, to, { 'enum:app.feeling': 'public.mood' });
    expect(lines(result)).toEqual(['move_enum public.mood -> app.mood', 'rename_enum app.mood -> app.feeling']);
  });
});

describe('diffSnapshots: sequences, roles and schemas', () => {
  it('alters a sequence whose options changed and renames one within its schema', () => {
    const from = model({ sequences: [seq('a'), seq('b')] });
    const to = model({ sequences: [seq('a', { increment: '2', cycle: true }), seq('c')] });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([{ entity: 'sequence', scope: undefined, added: 'public.c', candidates: ['public.b'] }]);
    expect(lines(diffSnapshots(from, to, { 'sequence:public.c': 'public.b' }))).toEqual(['rename_sequence public.b -> public.c', 'alter_sequence public.a']);
  });

  it('never offers a sequence or view in another schema as a rename source', () => {
    const from = model({ schemas: ['app'], sequences: [seq('a')], views: [view('v', 'select 1')] });
    const to = model({ schemas: ['app'], sequences: [seq('a', { schema: 'app' })], views: [view('v', 'select 1', { schema: 'app' })] });
    expect(lines(diffSnapshots(from, to, {}))).toEqual(['create_sequence app.a', 'drop_view public.v', 'create_view app.v', 'drop_sequence public.a']);
  });

  it('creates, alters, renames and drops roles', () => {
    const from = model({ roles: [role('admin'), role('old_reader'), role('gone')] });
    const to = model({ roles: [role('admin', { createDb: true }), role('reader', { inherit: false }), role('fresh')] });
    const questions = questionsOf(diffSnapshots(from, to, {}));
    expect(questions).toEqual([
      { entity: 'role', scope: undefined, added: 'reader', candidates: ['old_reader', 'gone'] },
      { entity: 'role', scope: undefined, added: 'fresh', candidates: ['old_reader', 'gone'] },
    ]);
    expect(lines(diffSnapshots(from, to, { 'role:reader': 'old_reader', 'role:fresh': null }))).toEqual(['create_role fresh', 'alter_role admin', 'rename_role old_reader -> reader', 'alter_role reader', 'drop_role gone']);
  });

  it('renames a schema without touching what is inside it', () => {
    const t = table('t', [col('id'), col('m', 'mood', { typeSchema: 'app' })], { schema: 'app', foreignKeys: [fk('t_self', ['id'], 't', ['id'], { schemaTo: 'app' })] });
    const from = model({ schemas: ['app'], enums: [enumOf('mood', ['a'], 'app')], tables: [t], views: [view('v', 'select 1', { schema: 'app' })] });
    const moved = <T extends { schema: string | undefined }>(x: T): T => ({ ...x, schema: 'core' });
    const to = model({
      schemas: ['core'],
      enums: [moved(from.enums[0]!)],
      tables: [moved({ ...t, columns: [col('id'), col('m', 'mood', { typeSchema: 'core' })], foreignKeys: [fk('t_self', ['id'], 't', ['id'], { schemaTo: 'core' })] })],
      views: [moved(from.views[0]!)],
    });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([{ entity: 'schema', scope: undefined, added: 'core', candidates: ['app'] }]);
    expect(lines(diffSnapshots(from, to, { 'schema:core': 'app' }))).toEqual(['rename_schema app -> core']);
    // A new schema: its tables and enums may still have moved there from the old one.
    expect(questionsOf(diffSnapshots(from, to, { 'schema:core': null }))).toEqual([
      { entity: 'enum', scope: undefined, added: 'core.mood', candidates: ['app.mood'] },
      { entity: 'table', scope: undefined, added: 'core.t', candidates: ['app.t'] },
    ]);
    expect(lines(diffSnapshots(from, to, { 'schema:core': null, 'enum:core.mood': 'app.mood', 'table:core.t': 'app.t' }))).toEqual([
      'create_schema core',
      'move_enum app.mood -> core.mood',
      'move_table app.t -> core.t',
      'drop_view app.v',
      'create_view core.v',
      'drop_schema app',
    ]);
    expect(lines(diffSnapshots(from, to, { 'schema:core': null, 'enum:core.mood': null, 'table:core.t': null }))).toEqual([
      'create_schema core',
      'create_enum core.mood',
      'drop_view app.v',
      'drop_foreign_key app.t.t_self',
      'create_table core.t',
      'add_foreign_key core.t.t_self',
      'drop_table app.t',
      'create_view core.v',
      'drop_enum app.mood',
      'drop_schema app',
    ]);
  });
});

describe('diffSnapshots: views', () => {
  it('drops and creates a view whose definition or options changed, and leaves others alone', () => {
    const from = model({ views: [view('a', 'select 1'), view('b', 'select 2'), view('c', 'select 3')] });
    const to = model({ views: [view('a', 'select 10'), view('b', 'select 2', { options: { security_barrier: true } }), view('c', 'select 3')] });
    expect(lines(diffSnapshots(from, to, {}))).toEqual(['drop_view public.a', 'drop_view public.b', 'create_view public.a', 'create_view public.b']);
    const mat = model({ views: [view('a', 'select 1', { materialized: true }), view('b', 'select 2'), view('c', 'select 3')] });
    expect(lines(diffSnapshots(from, mat, {}))).toEqual(['drop_view public.a', 'create_view public.a']);
  });

  it('recreates a view that reads a changed view, dependents dropped first and created last', () => {
    const from = model({ views: [view('top', 'select * from middle'), view('middle', 'select * from base'), view('base', 'select 1'), view('other', 'select 2')] });
    const to = model({ views: [view('top', 'select * from middle'), view('middle', 'select * from base'), view('base', 'select 1 as one'), view('other', 'select 2')] });
    expect(lines(diffSnapshots(from, to, {}))).toEqual(['drop_view public.top', 'drop_view public.middle', 'drop_view public.base', 'create_view public.base', 'create_view public.middle', 'create_view public.top']);
  });

  it('recreates a view over a table whose column changes type or goes, around the column change', () => {
    const from = model({ tables: [table('t', [col('a'), col('b')])], views: [view('tv', 'select a from "t"'), view('unrelated', 'select 1')] });
    const to = model({ tables: [table('t', [col('a', 'bigint')])], views: from.views });
    expect(lines(diffSnapshots(from, to, {}))).toEqual(['drop_view public.tv', 'alter_column public.t.a [type]', 'drop_column public.t.b', 'create_view public.tv']);
  });

  it('asks about a view rename; a renamed view with a new definition is dropped and created', () => {
    const from = model({ views: [view('old', 'select 1')] });
    const renamed = model({ views: [view('new', 'select 1')] });
    expect(questionsOf(diffSnapshots(from, renamed, {}))).toEqual([{ entity: 'view', scope: undefined, added: 'public.new', candidates: ['public.old'] }]);
    expect(lines(diffSnapshots(from, renamed, { 'view:public.new': 'public.old' }))).toEqual(['rename_view public.old -> public.new']);
    const redefined = model({ views: [view('new', 'select 2')] });
    expect(lines(diffSnapshots(from, redefined, { 'view:public.new': 'public.old' }))).toEqual(['drop_view public.old', 'create_view public.new']);
  });

  it('ignores views the database already has (no definition)', () => {
    const existing = view('legacy', undefined);
    expect(lines(diffSnapshots(model(), model({ views: [existing] }), {}))).toEqual([]);
    expect(lines(diffSnapshots(model({ views: [existing] }), model(), {}))).toEqual([]);
    expect(lines(diffSnapshots(model({ views: [existing] }), model({ views: [view('fresh', 'select 1')] }), {}))).toEqual(['create_view public.fresh']);
  });
});

describe('diffSnapshots: row-level security and policies', () => {
  const secured = (policies: ReturnType<typeof policy>[], rlsEnabled = true) => table('docs', [col('id')], { rlsEnabled, policies });

  it('enables and disables row-level security', () => {
    expect(lines(diffSnapshots(model({ tables: [secured([], false)] }), model({ tables: [secured([])] }), {}))).toEqual(['enable_rls public.docs']);
    expect(lines(diffSnapshots(model({ tables: [secured([])] }), model({ tables: [secured([], false)] }), {}))).toEqual(['disable_rls public.docs']);
  });

  it('alters a policy whose roles or expressions changed, and drops and creates one whose command or kind changed', () => {
    const from = model({ tables: [secured([policy('p1'), policy('p2'), policy('p3'), policy('p4')])] });
    const to = model({
      tables: [secured([policy('p1', { using: 'true' }), policy('p2', { to: ['admin'], withCheck: 'false' }), policy('p3', { for: 'select' }), policy('p4', { as: 'restrictive' })])],
    });
    const result = diffSnapshots(from, to, {});
    expect(lines(result)).toEqual(['drop_policy public.docs.p3', 'drop_policy public.docs.p4', 'alter_policy public.docs.p1', 'alter_policy public.docs.p2', 'create_policy public.docs.p3', 'create_policy public.docs.p4']);
  });

  it('asks whether a policy was renamed, scoped by its table', () => {
    const from = model({ tables: [secured([policy('read_own', { using: '"id" = 1' })])] });
    const to = model({ tables: [secured([policy('read_mine', { using: '"id" = 1' })])] });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([{ entity: 'policy', scope: 'public.docs', added: 'read_mine', candidates: ['read_own'] }]);
    expect(lines(diffSnapshots(from, to, { 'policy:public.docs.read_mine': 'read_own' }))).toEqual(['rename_policy public.docs.read_own -> read_mine']);
    expect(lines(diffSnapshots(from, to, { 'policy:docs.read_mine': null }))).toEqual(['drop_policy public.docs.read_own', 'create_policy public.docs.read_mine']);
  });

  it('follows a renamed role in a policy instead of altering it', () => {
    const from = model({ roles: [role('old')], tables: [secured([policy('p', { to: ['old'] })])] });
    const to = model({ roles: [role('new')], tables: [secured([policy('p', { to: ['new'] })])] });
    expect(lines(diffSnapshots(from, to, { 'role:new': 'old' }))).toEqual(['rename_role old -> new']);
  });
});

describe('diffSnapshots: the order of a migration that does everything', () => {
  it('runs the groups in dependency order', () => {
    const from = model({
      enums: [enumOf('status', ['a', 'b']), enumOf('gone', ['x'])],
      sequences: [seq('old_seq')],
      roles: [role('old_role')],
      schemas: ['old_schema'],
      tables: [
        table('accounts', [col('id'), col('legacy'), col('state', 'status', { typeSchema: 'public' })], {
          primaryKey: { name: 'accounts_pkey', columns: ['id'] },
          checks: [{ name: 'accounts_id_check', expression: '"id" > 0' }],
          uniques: [{ name: 'accounts_legacy_key', columns: ['legacy'], nullsNotDistinct: false }],
          indexes: [idx('accounts_legacy_idx', ['legacy'])],
          policies: [policy('accounts_old')],
        }),
        table('orders', [col('id'), col('account_id')], { foreignKeys: [fk('orders_account_fk', ['account_id'], 'accounts', ['id'])] }),
        table('dead', [col('id')]),
      ],
      views: [view('account_view', 'select * from accounts where legacy = 1')],
    });
    const to = model({
      schemas: ['new_schema'],
      roles: [role('new_role')],
      enums: [enumOf('status', ['b']), enumOf('kind', ['k'])],
      sequences: [seq('new_seq')],
      tables: [
        table('accounts', [col('id', 'bigint'), col('kind', 'kind', { typeSchema: 'public' }), col('state', 'status', { typeSchema: 'public' })], {
          primaryKey: { name: 'accounts_pk', columns: ['id'] },
          checks: [{ name: 'accounts_id_check', expression: '"id" >= 0' }],
          indexes: [idx('accounts_kind_idx', ['kind'])],
          rlsEnabled: true,
          policies: [policy('accounts_new', { for: 'select' })],
        }),
        table('orders', [col('id'), col('account_id', 'bigint')], { foreignKeys: [fk('orders_account_fk', ['account_id'], 'accounts', ['id'])] }),
        table('fresh', [col('id')]),
      ],
      views: [view('account_view', 'select * from accounts')],
    });
    const answers = {
      'schema:new_schema': null,
      'role:new_role': null,
      'enum:public.kind': null,
      'sequence:public.new_seq': null,
      'table:public.fresh': null,
      'column:public.accounts.kind': null,
      'policy:public.accounts.accounts_new': null,
    };
    expect(lines(diffSnapshots(from, to, answers))).toEqual([
      'create_schema new_schema',
      'create_role new_role',
      'create_enum public.kind',
      'create_sequence public.new_seq',
      'rename_primary_key public.accounts.accounts_pkey -> accounts_pk',
      'drop_view public.account_view',
      'drop_policy public.accounts.accounts_old',
      'drop_foreign_key public.orders.orders_account_fk',
      'drop_index public.accounts.accounts_legacy_idx',
      'drop_unique public.accounts.accounts_legacy_key',
      'drop_check public.accounts.accounts_id_check',
      'create_table public.fresh',
      'add_column public.accounts.kind',
      'alter_column public.accounts.id [type]',
      'alter_column public.orders.account_id [type]',
      'drop_column public.accounts.legacy',
      'add_check public.accounts.accounts_id_check',
      'create_index public.accounts.accounts_kind_idx',
      'add_foreign_key public.orders.orders_account_fk',
      'enable_rls public.accounts',
      'create_policy public.accounts.accounts_new',
      'drop_table public.dead',
      'recreate_enum public.status (public.accounts.state)',
      'create_view public.account_view',
      'drop_enum public.gone',
      'drop_sequence public.old_seq',
      'drop_role old_role',
      'drop_schema old_schema',
    ]);
  });
});

describe('diffSnapshots: dialects without schemas', () => {
  it('works on names without a schema (SQLite, MySQL)', () => {
    const t = (name: string, extra = {}) => ({ ...table(name, [col('id', 'integer', { autoincrement: true })], extra), schema: undefined });
    const from = model({ dialect: 'sqlite', tables: [t('a'), t('b')] });
    const to = model({ dialect: 'sqlite', tables: [t('a', { indexes: [idx('a_id', ['id'])] }), t('c')] });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([{ entity: 'table', scope: undefined, added: 'c', candidates: ['b'] }]);
    const result = diffSnapshots(from, to, { 'table:c': 'b' });
    expect(result.status === 'ok' && result.changes).toEqual<Change[]>([
      { kind: 'rename_table', from: { schema: undefined, name: 'b' }, to: { schema: undefined, name: 'c' } },
      { kind: 'create_index', table: { schema: undefined, name: 'a' }, index: idx('a_id', ['id']) },
    ]);
  });

  it('maps MySQL-quoted index columns through a column rename', () => {
    const mysqlIdx = { ...idx('i', []), columns: [{ expression: '`old`', isExpression: false, order: 'asc' as const, nulls: 'last' as const, opClass: undefined }] };
    const renamedIdx = { ...mysqlIdx, columns: [{ ...mysqlIdx.columns[0]!, expression: '`new`' }] };
    const from = model({ dialect: 'mysql', tables: [{ ...table('t', [col('old')], { indexes: [mysqlIdx] }), schema: undefined }] });
    const to = model({ dialect: 'mysql', tables: [{ ...table('t', [col('new')], { indexes: [renamedIdx] }), schema: undefined }] });
    expect(lines(diffSnapshots(from, to, { 'column:t.new': 'old' }))).toEqual(['rename_column t.old -> new']);
  });
});
