/**
 * Renames: what the differ asks, how answers and CLI hints decide, and what a decided rename
 * leaves unchanged (constraints, indexes and foreign keys follow the renamed thing).
 */
import { describe, expect, it } from 'vitest';
import { diffSnapshots, parseRenameHint, RenameHintError, renameKey } from '../../src/kit/diff.js';
import { SluiceError } from '../../src/core/errors.js';
import { col, fk, idx, lines, model, questionsOf, table } from './diff-helpers.js';

const users = (name = 'users', columns = [col('id'), col('email', 'text')], schema = 'public') =>
  table(name, columns, {
    schema,
    primaryKey: { name: 'users_pkey', columns: [columns[0]!.name] },
    uniques: [{ name: 'users_email_key', columns: [columns[1]!.name], nullsNotDistinct: false }],
    indexes: [idx('users_email_idx', [columns[1]!.name])],
  });
const posts = (target = 'users', targetColumn = 'id', schemaTo = 'public') => table('posts', [col('id'), col('author_id')], { foreignKeys: [fk('posts_author_fk', ['author_id'], target, [targetColumn], { schemaTo })] });

describe('rename questions', () => {
  it('asks about a table that may have been renamed, and never guesses', () => {
    const result = diffSnapshots(model({ tables: [users()] }), model({ tables: [users('people')] }), {});
    expect(result).toEqual({ status: 'questions', questions: [{ entity: 'table', scope: undefined, added: 'public.people', candidates: ['public.users'] }] });
  });

  it('asks about tables first, then about the columns of the renamed table, scoped by its new name', () => {
    const from = model({ tables: [users()] });
    const to = model({ tables: [users('people', [col('id'), col('mail', 'text')])] });
    const first = questionsOf(diffSnapshots(from, to, {}));
    expect(first).toEqual([{ entity: 'table', scope: undefined, added: 'public.people', candidates: ['public.users'] }]);
    const answers = { [renameKey(first[0]!)]: 'public.users' };
    const second = questionsOf(diffSnapshots(from, to, answers));
    expect(second).toEqual([{ entity: 'column', scope: 'public.people', added: 'mail', candidates: ['email'] }]);
    expect(renameKey(second[0]!)).toBe('column:public.people.mail');

    // Renamed: the unique and index keep their names and now cover the renamed column.
    expect(lines(diffSnapshots(from, to, { ...answers, 'column:public.people.mail': 'email' }))).toEqual(['rename_table public.users -> public.people', 'rename_column public.people.email -> mail']);
    // Not renamed: the column is replaced, so its unique and index are too.
    expect(lines(diffSnapshots(from, to, { ...answers, 'column:public.people.mail': null }))).toEqual([
      'rename_table public.users -> public.people',
      'drop_index public.people.users_email_idx',
      'drop_unique public.people.users_email_key',
      'add_column public.people.mail',
      'drop_column public.people.email',
      'add_unique public.people.users_email_key',
      'create_index public.people.users_email_idx',
    ]);
  });

  it('asks nothing about columns while a table question is open, even in other tables', () => {
    const from = model({ tables: [users(), table('t', [col('a')])] });
    const to = model({ tables: [users('people'), table('t', [col('b')])] });
    expect(questionsOf(diffSnapshots(from, to, {})).map((q) => q.entity)).toEqual(['table']);
    expect(questionsOf(diffSnapshots(from, to, { 'table:public.people': null }))).toEqual([{ entity: 'column', scope: 'public.t', added: 'b', candidates: ['a'] }]);
  });

  it('asks about schemas and roles before anything inside them', () => {
    const from = model({ schemas: ['a'], tables: [users('x', undefined, 'a')] });
    const to = model({ schemas: ['b'], tables: [users('y', undefined, 'b')] });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([{ entity: 'schema', scope: undefined, added: 'b', candidates: ['a'] }]);
    // Once the schema is renamed, only the table question is left; candidates keep their old names.
    expect(questionsOf(diffSnapshots(from, to, { 'schema:b': 'a' }))).toEqual([{ entity: 'table', scope: undefined, added: 'b.y', candidates: ['a.x'] }]);
    expect(lines(diffSnapshots(from, to, { 'schema:b': 'a', 'table:b.y': 'a.x' }))).toEqual(['rename_schema a -> b', 'rename_table b.x -> b.y']);
    // The old table may also be named as it is called once its schema is renamed.
    expect(lines(diffSnapshots(from, to, { 'schema:b': 'a', 'table:b.y': 'x' }))).toEqual(['rename_schema a -> b', 'rename_table b.x -> b.y']);
  });

  it('lists every removed table as a candidate for every added one, across schemas', () => {
    const from = model({ schemas: ['app'], tables: [table('a', [col('id')]), table('b', [col('id')], { schema: 'app' })] });
    const to = model({ schemas: ['app'], tables: [table('c', [col('id')]), table('d', [col('id')], { schema: 'app' })] });
    expect(questionsOf(diffSnapshots(from, to, {}))).toEqual([
      { entity: 'table', scope: undefined, added: 'public.c', candidates: ['public.a', 'app.b'] },
      { entity: 'table', scope: undefined, added: 'app.d', candidates: ['public.a', 'app.b'] },
    ]);
    // An answered rename takes its source out of the other question's candidates.
    expect(questionsOf(diffSnapshots(from, to, { 'table:public.c': 'app.b' }))).toEqual([{ entity: 'table', scope: undefined, added: 'app.d', candidates: ['public.a'] }]);
    expect(lines(diffSnapshots(from, to, { 'table:public.c': 'app.b', 'table:app.d': 'public.a' }))).toEqual([
      'move_table app.b -> public.b',
      'rename_table public.b -> public.c',
      'move_table public.a -> app.a',
      'rename_table app.a -> app.d',
    ]);
    // Once every source is claimed, the remaining new table is created without a question.
    expect(lines(diffSnapshots(from, to, { 'table:public.c': 'app.b', 'table:app.d': null }))).toEqual(['move_table app.b -> public.b', 'rename_table public.b -> public.c', 'create_table app.d', 'drop_table public.a']);
  });

  it('a column rename with a type change is a rename and an alter', () => {
    const from = model({ tables: [table('t', [col('a', 'integer')])] });
    const to = model({ tables: [table('t', [col('b', 'bigint', { notNull: true })])] });
    expect(lines(diffSnapshots(from, to, { 'column:public.t.b': 'a' }))).toEqual(['rename_column public.t.a -> b', 'alter_column public.t.b [type, notNull]']);
  });
});

describe('what follows a rename', () => {
  it('keeps a foreign key to a renamed table and to a renamed column', () => {
    const from = model({ tables: [users(), posts()] });
    const to = model({ tables: [users('people', [col('key'), col('email', 'text')]), posts('people', 'key')] });
    const answers = { 'table:public.people': 'public.users', 'column:public.people.key': 'id' };
    const result = diffSnapshots(from, to, answers);
    // users_pkey now covers `key`: the renamed column, so unchanged.
    expect(lines(result)).toEqual(['rename_table public.users -> public.people', 'rename_column public.people.id -> key']);
  });

  it('keeps a foreign key that points at a table in a renamed schema', () => {
    const from = model({ schemas: ['auth'], tables: [users('users', undefined, 'auth'), posts('users', 'id', 'auth')] });
    const to = model({ schemas: ['identity'], tables: [users('users', undefined, 'identity'), posts('users', 'id', 'identity')] });
    expect(lines(diffSnapshots(from, to, { 'schema:identity': 'auth' }))).toEqual(['rename_schema auth -> identity']);
  });

  it('keeps constraint names on a renamed table, and renames a primary key whose name changed', () => {
    const from = model({ tables: [users()] });
    const same = model({ tables: [users('people')] });
    expect(lines(diffSnapshots(from, same, { 'table:public.people': 'public.users' }))).toEqual(['rename_table public.users -> public.people']);
    const renamedKey = users('people');
    renamedKey.primaryKey = { name: 'people_pkey', columns: ['id'] };
    expect(lines(diffSnapshots(from, model({ tables: [renamedKey] }), { 'table:public.people': 'public.users' }))).toEqual(['rename_table public.users -> public.people', 'rename_primary_key public.people.users_pkey -> people_pkey']);
  });

  it('carries the new table name on every change of a renamed table', () => {
    const from = model({ tables: [table('a', [col('x')])] });
    const to = model({ tables: [table('b', [col('x', 'text'), col('y')])] });
    const result = diffSnapshots(from, to, { 'table:public.b': 'public.a' });
    expect(result.status === 'ok' && result.changes.map((c) => ('table' in c ? c.table : undefined))).toEqual([undefined, { schema: 'public', name: 'b' }, { schema: 'public', name: 'b' }]);
    expect(lines(result)).toEqual(['rename_table public.a -> public.b', 'add_column public.b.y', 'alter_column public.b.x [type]']);
  });
});

describe('answers', () => {
  const from = model({ tables: [table('a', [col('id')]), table('b', [col('id')])] });
  const to = model({ tables: [table('c', [col('id')])] });

  it('accepts a PostgreSQL answer written without public, and an old name without its schema', () => {
    expect(lines(diffSnapshots(from, to, { 'table:c': 'a' }))).toEqual(['rename_table public.a -> public.c', 'drop_table public.b']);
    expect(lines(diffSnapshots(model({ tables: [table('t', [col('a')])] }), model({ tables: [table('t', [col('b')])] }), { 'column:t.b': 'a' }))).toEqual(['rename_column public.t.a -> b']);
  });

  it('rejects an answer naming something that was not removed, with the candidates', () => {
    const run = () => diffSnapshots(from, to, { 'table:public.c': 'public.zzz' });
    expect(run).toThrow(RenameHintError);
    expect(run).toThrow('Rename answer table:public.c = public.zzz: no removed table of that name (candidates: public.a, public.b)');
  });

  it('rejects two answers that rename the same thing', () => {
    const two = model({ tables: [table('c', [col('id')]), table('d', [col('id')])] });
    const run = () => diffSnapshots(from, two, { 'table:public.c': 'public.a', 'table:public.d': 'public.a' });
    expect(run).toThrow(SluiceError);
    expect(run).toThrow('Rename answers: table public.a cannot become both public.c and public.d');
  });

  it('ignores answers to questions that do not come up', () => {
    expect(lines(diffSnapshots(from, from, { 'table:public.zzz': 'public.a', 'column:public.a.q': null }))).toEqual([]);
  });
});

describe('parseRenameHint', () => {
  it('reads the kind-prefixed forms', () => {
    expect(parseRenameHint('table:app.old=app.new')).toEqual({ key: 'table:app.new', from: 'app.old' });
    expect(parseRenameHint('table:app.old=new')).toEqual({ key: 'table:app.new', from: 'app.old' });
    expect(parseRenameHint('table:old=app.new')).toEqual({ key: 'table:app.new', from: 'old' });
    expect(parseRenameHint('column:users.old=new')).toEqual({ key: 'column:users.new', from: 'old' });
    expect(parseRenameHint('column:app.users.old=new')).toEqual({ key: 'column:app.users.new', from: 'old' });
    expect(parseRenameHint('policy:docs.read_own=read_mine')).toEqual({ key: 'policy:docs.read_mine', from: 'read_own' });
    expect(parseRenameHint('enum:mood=feeling')).toEqual({ key: 'enum:feeling', from: 'mood' });
    expect(parseRenameHint('view:v1=v2')).toEqual({ key: 'view:v2', from: 'v1' });
    expect(parseRenameHint('sequence:s1=s2')).toEqual({ key: 'sequence:s2', from: 's1' });
    expect(parseRenameHint('schema:auth=identity')).toEqual({ key: 'schema:identity', from: 'auth' });
    expect(parseRenameHint(' role:a=b ')).toEqual({ key: 'role:b', from: 'a' });
  });

  it('reads the short forms: tables, and columns with a dot on the left only', () => {
    expect(parseRenameHint('users=people')).toEqual({ key: 'table:people', from: 'users' });
    expect(parseRenameHint('app.users=app.people')).toEqual({ key: 'table:app.people', from: 'app.users' });
    expect(parseRenameHint('users.email=mail')).toEqual({ key: 'column:users.mail', from: 'email' });
  });

  it('reads create: as "new, not a rename"', () => {
    expect(parseRenameHint('create:column:users.nickname')).toEqual({ key: 'column:users.nickname', from: null });
    expect(parseRenameHint('create:table:app.users')).toEqual({ key: 'table:app.users', from: null });
    expect(parseRenameHint('create:schema:app')).toEqual({ key: 'schema:app', from: null });
  });

  it('gives keys the differ answers with', () => {
    const from = model({ tables: [table('users', [col('id'), col('email')])] });
    const to = model({ tables: [table('people', [col('id'), col('mail')])] });
    const answers = Object.fromEntries(['users=people', 'people.email=mail'].map(parseRenameHint).map((h) => [h.key, h.from]));
    expect(lines(diffSnapshots(from, to, answers))).toEqual(['rename_table public.users -> public.people', 'rename_column public.people.email -> mail']);
    const created = Object.fromEntries(['create:table:people'].map(parseRenameHint).map((h) => [h.key, h.from]));
    expect(lines(diffSnapshots(from, to, created))).toEqual(['create_table public.people', 'drop_table public.users']);
  });

  it.each([
    ['', 'it is empty'],
    ['users', 'it has no "=" between the old and the new name'],
    ['a=b=c', 'it has more than one "="'],
    ['table:=b', 'the old or the new name is empty'],
    ['index:a=b', '"index" is not a kind of thing that can be renamed'],
    ['column:users=x', 'a column is written table.column or schema.table.column'],
    ['column:a.b.c.d=x', 'a column is written table.column or schema.table.column'],
    ['column:users.a=users.b', 'the new column name is written without its table'],
    ['table:a.b.c=d', 'a table is written name or schema.name'],
    ['schema:a.b=c', 'a schema name has no schema or table part'],
    ['create:users', 'create: needs a kind and a name'],
    ['create:column:users', 'a column is written table.column'],
    ['create:table:a=b', 'create: names one new thing and takes no "="'],
    ['table:a b=c', '"a b" is not a name'],
    ['users..x=y', '"" is not a name'],
  ])('rejects %j, naming the hint and what is wrong', (hint, why) => {
    const run = () => parseRenameHint(hint);
    expect(run).toThrow(RenameHintError);
    expect(run).toThrow(`Rename hint "${hint}": ${why}`);
  });
});
