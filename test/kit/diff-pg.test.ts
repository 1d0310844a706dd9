/**
 * The differ's order on a real PostgreSQL: each change list is run one statement at a time
 * (through the PostgreSQL DDL renderer) on PGlite, and on the server targets when
 * SLUICE_PG_URL is set. A wrong order fails here with the database's own error; the resulting
 * catalog and the rows that survived are then checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'sluice';
import { diffSnapshots, type RenameAnswers } from '../../src/kit/diff.js';
import type { SchemaModel } from '../../src/kit/model.js';
import { openTarget, targetNames, type PgTarget } from '../support/targets.js';
import { col, enumOf, fk, idx, lines, model, policy, seq, table, view } from './diff-helpers.js';
import { pgRender } from '../../src/dialects/pg/kit/ddl.js';
import { emptySnapshot } from '../../src/kit/model.js';
import type { Change } from '../../src/kit/changes.js';

describe.each(targetNames())('differ order on %s', (name) => {
  let target: PgTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  const run = async (statements: string[]): Promise<void> => {
    for (const statement of statements) {
      try {
        await target!.exec(statement);
      } catch (e) {
        throw new Error(`${statement}\n  failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  /** Creates `from` on a fresh database, runs `seed`, then migrates to `to`; returns the statements. */
  const migrate = async (from: SchemaModel, to: SchemaModel, answers: RenameAnswers = {}, seed: string[] = []): Promise<string[]> => {
    target = await openTarget(name);
    const create = diffSnapshots(model(), from, {});
    if (create.status !== 'ok') throw new Error('creating from nothing never asks');
    const toPgSql = (changes: Change[], a: SchemaModel, b: SchemaModel) => pgRender(changes, { from: { ...emptySnapshot('postgresql'), ...a }, to: { ...emptySnapshot('postgresql'), ...b } }).map((s) => s.sql);
    await run(toPgSql(create.changes, model(), from));
    await run(seed);
    const result = diffSnapshots(from, to, answers);
    lines(result);
    const statements = result.status === 'ok' ? toPgSql(result.changes, from, to) : [];
    await run(statements);
    // Migrating the result to itself must be a no-op.
    expect(lines(diffSnapshots(to, to, {}))).toEqual([]);
    return statements;
  };
  const query = async <T extends Record<string, unknown>>(text: string): Promise<T[]> => {
    const db = await target!.open();
    const result = await db.execute<T>(sql.raw(text));
    return (result as { rows?: T[] }).rows ?? (result as unknown as T[]);
  };
  const columnsOf = (tableName: string, schema = 'public') =>
    query<{ column_name: string; data_type: string }>(`select column_name, data_type from information_schema.columns where table_schema = '${schema}' and table_name = '${tableName}' order by ordinal_position`);
  const constraintsOf = async (tableName: string): Promise<string[]> =>
    (await query<{ conname: string }>(`select conname from pg_constraint where conrelid = '"${tableName}"'::regclass and contype <> 'n' order by conname`)).map((r) => r.conname);

  it('runs a migration that touches every group, keeping the rows that stay', async () => {
    const from = model({
      enums: [enumOf('status', ['a', 'b']), enumOf('gone', ['x'])],
      sequences: [seq('old_seq')],
      schemas: ['old_schema'],
      tables: [
        table('accounts', [col('id', 'integer', { notNull: true }), col('legacy'), col('state', 'status', { typeSchema: 'public' })], {
          primaryKey: { name: 'accounts_pkey', columns: ['id'] },
          checks: [{ name: 'accounts_id_check', expression: '"id" > 0' }],
          uniques: [{ name: 'accounts_legacy_key', columns: ['legacy'], nullsNotDistinct: false }],
          indexes: [idx('accounts_legacy_idx', ['legacy'])],
          rlsEnabled: true,
          policies: [policy('accounts_old')],
        }),
        table('orders', [col('id'), col('account_id')], { foreignKeys: [fk('orders_account_fk', ['account_id'], 'accounts', ['id'])] }),
        table('dead', [col('id')], { foreignKeys: [fk('dead_account_fk', ['id'], 'accounts', ['id'])] }),
      ],
      views: [view('account_view', 'select id, legacy from accounts'), view('account_ids', 'select id from account_view')],
    });
    const to = model({
      schemas: ['new_schema'],
      enums: [enumOf('status', ['b']), enumOf('kind', ['k'])],
      sequences: [seq('new_seq', { increment: '5' })],
      tables: [
        table('accounts', [col('id', 'bigint', { notNull: true }), col('kind', 'kind', { typeSchema: 'public' }), col('state', 'status', { typeSchema: 'public' })], {
          primaryKey: { name: 'accounts_pk', columns: ['id'] },
          checks: [{ name: 'accounts_id_check', expression: '"id" >= 0' }],
          indexes: [idx('accounts_kind_idx', ['kind'])],
          rlsEnabled: true,
          policies: [policy('accounts_new', { for: 'select', using: 'true' })],
        }),
        table('orders', [col('id'), col('account_id', 'bigint')], { foreignKeys: [fk('orders_account_fk', ['account_id'], 'accounts', ['id'])] }),
        table('fresh', [col('id')], { foreignKeys: [fk('fresh_account_fk', ['id'], 'accounts', ['id'])] }),
      ],
      views: [view('account_view', 'select id, state from accounts'), view('account_ids', 'select id from account_view')],
    });
    const answers = {
      'schema:new_schema': null,
      'enum:public.kind': null,
      'sequence:public.new_seq': null,
      'table:public.fresh': null,
      'column:public.accounts.kind': null,
      'policy:public.accounts.accounts_new': null,
    };
    const seed = [`insert into accounts (id, legacy, state) values (1, 10, 'b'), (2, 20, 'b')`, 'insert into orders values (1, 1), (2, 2)'];
    const statements = await migrate(from, to, answers, seed);
    expect(statements).toContain('ALTER TABLE "orders" DROP CONSTRAINT "orders_account_fk"');

    expect(await columnsOf('accounts')).toEqual([
      { column_name: 'id', data_type: 'bigint' },
      { column_name: 'state', data_type: 'USER-DEFINED' },
      { column_name: 'kind', data_type: 'USER-DEFINED' },
    ]);
    expect(await constraintsOf('accounts')).toEqual(['accounts_id_check', 'accounts_pk']);
    expect(await constraintsOf('orders')).toEqual(['orders_account_fk']);
    expect(await query(`select enum_range(null::status)::text as v`)).toEqual([{ v: '{b}' }]);
    expect(await query(`select id::int as id, state::text as state from account_view order by id`)).toEqual([
      { id: 1, state: 'b' },
      { id: 2, state: 'b' },
    ]);
    expect(await query(`select count(*)::int as n from account_ids`)).toEqual([{ n: 2 }]);
    expect(await query(`select to_regclass('dead') is null as gone, to_regclass('fresh') is not null as made`)).toEqual([{ gone: true, made: true }]);
    expect(await query(`select nspname from pg_namespace where nspname in ('old_schema', 'new_schema')`)).toEqual([{ nspname: 'new_schema' }]);
    expect(await query(`select policyname from pg_policies where tablename = 'accounts'`)).toEqual([{ policyname: 'accounts_new' }]);
    // A foreign key re-added after the retype still holds the old rows to account.
    await expect(target!.exec('insert into orders values (3, 99)')).rejects.toThrow(/orders_account_fk/);
  });

  it('renames a table and a column in it without losing rows, and the index follows', async () => {
    const from = model({ tables: [table('users', [col('id'), col('email', 'text')], { indexes: [idx('users_email_idx', ['email'])] })] });
    const to = model({ tables: [table('people', [col('id'), col('mail', 'text')], { indexes: [idx('users_email_idx', ['mail'])] })] });
    const statements = await migrate(from, to, { 'table:people': 'users', 'column:people.mail': 'email' }, [`insert into users values (1, 'a@x')`]);
    expect(statements).toEqual(['ALTER TABLE "users" RENAME TO "people"', 'ALTER TABLE "people" RENAME COLUMN "email" TO "mail"']);
    expect(await query('select id, mail from people')).toEqual([{ id: 1, mail: 'a@x' }]);
    expect(await query(`select indexdef from pg_indexes where indexname = 'users_email_idx'`)).toEqual([{ indexdef: 'CREATE INDEX users_email_idx ON public.people USING btree (mail)' }]);
  });

  it("renames a renamed table's default-named primary key in place, keeping the foreign keys that use it", async () => {
    const pk = (name: string) => ({ primaryKey: { name, columns: ['id'] } });
    const child = table('posts', [col('id'), col('author_id')], { foreignKeys: [fk('posts_author_fk', ['author_id'], 'users', ['id'])] });
    const from = model({ tables: [table('users', [col('id', 'integer', { notNull: true })], pk('users_pkey')), child] });
    const to = model({ tables: [table('people', [col('id', 'integer', { notNull: true })], pk('people_pkey')), { ...child, foreignKeys: [fk('posts_author_fk', ['author_id'], 'people', ['id'])] }] });
    const statements = await migrate(from, to, { 'table:people': 'users' }, [`insert into users values (1)`, `insert into posts values (10, 1)`]);
    expect(statements).toEqual(['ALTER TABLE "users" RENAME TO "people"', 'ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey"']);
    expect(await query(`select conname from pg_constraint where contype in ('p', 'f') and conrelid in ('people'::regclass, 'posts'::regclass) order by 1`)).toEqual([{ conname: 'people_pkey' }, { conname: 'posts_author_fk' }]);
    await expect(target!.exec('insert into posts values (11, 2)')).rejects.toThrow(/posts_author_fk/);
  });

  it('recreates views over a retyped column and over each other, around the column change', async () => {
    const t = (type: string) => table('nums', [col('n', type), col('extra')]);
    const views = [view('doubled', 'select n * 2 as d from nums'), view('top', 'select max(d) as m from doubled'), view('plain', 'select 1 as one')];
    await migrate(model({ tables: [t('integer')], views }), model({ tables: [t('bigint')], views }), {}, ['insert into nums values (21, 0)']);
    expect(await query('select m::int as m from top')).toEqual([{ m: 42 }]);
    expect(await columnsOf('doubled')).toEqual([{ column_name: 'd', data_type: 'bigint' }]);
  });

  it('recreates an enum that lost a value under an unchanged view of its column', async () => {
    const m = (values: string[]) => model({ enums: [enumOf('mood', values)], tables: [table('people', [col('mood', 'mood', { typeSchema: 'public' })])], views: [view('moods', 'select mood from people')] });
    const statements = await migrate(m(['sad', 'ok', 'happy']), m(['happy', 'sad']), {}, [`insert into people values ('sad'), ('happy')`]);
    expect(statements[0]).toBe('DROP VIEW "public"."moods"');
    expect(await query(`select mood::text as mood from moods order by 1`)).toEqual([{ mood: 'happy' }, { mood: 'sad' }]);
    expect(await query(`select enum_range(null::mood)::text as v`)).toEqual([{ v: '{happy,sad}' }]);
  });

  it('creates and drops tables whose foreign keys form a cycle', async () => {
    const a = table('a', [col('id', 'integer', { notNull: true }), col('b_id')], { primaryKey: { name: 'a_pkey', columns: ['id'] }, foreignKeys: [fk('a_b_fk', ['b_id'], 'b', ['id'])] });
    const b = table('b', [col('id', 'integer', { notNull: true }), col('a_id')], { primaryKey: { name: 'b_pkey', columns: ['id'] }, foreignKeys: [fk('b_a_fk', ['a_id'], 'a', ['id'])] });
    const keep = table('keep', [col('id')]);
    await migrate(model({ tables: [a, b, keep] }), model({ tables: [keep] }), {}, ['insert into a values (1, null)', 'insert into b values (1, 1)', 'update a set b_id = 1']);
    expect(await query(`select to_regclass('a') is null as a, to_regclass('b') is null as b`)).toEqual([{ a: true, b: true }]);
  });

  it('adds enum values where they were declared', async () => {
    const e = (values: string[]) => model({ enums: [enumOf('mood', values)] });
    await migrate(e(['sad', 'happy']), e(['awful', 'sad', 'meh', 'happy', 'ecstatic']));
    expect(await query(`select enum_range(null::mood)::text as v`)).toEqual([{ v: '{awful,sad,meh,happy,ecstatic}' }]);
  });

  it('renames a schema, then moves a table and an enum out of it', async () => {
    const from = model({ schemas: ['app'], enums: [enumOf('mood', ['a'], 'app')], tables: [table('t', [col('m', 'mood', { typeSchema: 'app' })], { schema: 'app' })] });
    const to = model({ schemas: ['core'], enums: [enumOf('feeling', ['a'])], tables: [table('things', [col('m', 'feeling', { typeSchema: 'public' })])] });
    const answers = { 'schema:core': 'app', 'enum:public.feeling': 'core.mood', 'table:public.things': 'core.t' };
    const statements = await migrate(from, to, answers, [`insert into app.t values ('a')`]);
    expect(statements).toEqual([
      'ALTER SCHEMA "app" RENAME TO "core"',
      'ALTER TYPE "core"."mood" SET SCHEMA "public"',
      'ALTER TYPE "public"."mood" RENAME TO "feeling"',
      'ALTER TABLE "core"."t" SET SCHEMA "public"',
      'ALTER TABLE "t" RENAME TO "things"',
    ]);
    expect(await query(`select m::text as m, pg_typeof(m)::text as type from things`)).toEqual([{ m: 'a', type: 'feeling' }]);
  });

  it('moves a table into a new schema and alters its policies and sequences', async () => {
    const docs = (schema: string, policies: ReturnType<typeof policy>[]) => table('docs', [col('id'), col('owner', 'text')], { schema, rlsEnabled: true, policies });
    const from = model({ sequences: [seq('ids'), seq('old_ids')], tables: [docs('public', [policy('mine', { using: 'true' }), policy('gone')])] });
    const to = model({
      schemas: ['vault'],
      sequences: [seq('ids', { increment: '10' }), seq('new_ids')],
      tables: [docs('vault', [policy('mine', { using: '"owner" = current_user' }), policy('theirs', { for: 'select' })])],
    });
    const answers = { 'table:vault.docs': 'public.docs', 'sequence:public.new_ids': 'public.old_ids', 'policy:vault.docs.theirs': null };
    await migrate(from, to, answers, [`insert into docs values (1, 'me')`]);
    expect(await query('select id from vault.docs')).toEqual([{ id: 1 }]);
    expect(await query(`select policyname, qual from pg_policies where tablename = 'docs' order by 1`)).toEqual([
      { policyname: 'mine', qual: '(owner = CURRENT_USER)' },
      { policyname: 'theirs', qual: null },
    ]);
    expect(await query(`select sequencename, increment_by::int as inc from pg_sequences order by 1`)).toEqual([
      { sequencename: 'ids', inc: 10 },
      { sequencename: 'new_ids', inc: 1 },
    ]);
  });

  it('drops an indexed, viewed column and a primary key column, and adds a not-null key column', async () => {
    const from = model({
      tables: [table('t', [col('id', 'integer', { notNull: true }), col('code', 'text')], { primaryKey: { name: 't_pkey', columns: ['id'] }, indexes: [idx('t_code_idx', ['code'])] })],
      views: [view('codes', 'select code from t')],
    });
    const to = model({ tables: [table('t', [col('uid', 'integer', { notNull: true, default: '7' })], { primaryKey: { name: 't_pkey', columns: ['uid'] } })] });
    const statements = await migrate(from, to, { 'column:public.t.uid': null }, [`insert into t values (1, 'x')`]);
    expect(statements).toEqual([
      'DROP VIEW "public"."codes"',
      'DROP INDEX "public"."t_code_idx"',
      'ALTER TABLE "t" DROP CONSTRAINT "t_pkey"',
      'ALTER TABLE "t" ADD COLUMN "uid" integer DEFAULT 7 NOT NULL',
      'ALTER TABLE "t" DROP COLUMN "id"',
      'ALTER TABLE "t" DROP COLUMN "code"',
      'ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY("uid")',
    ]);
    expect(await query('select uid from t')).toEqual([{ uid: 7 }]);
  });

  it('drops a foreign key before the unique it relies on, and re-adds it on the new unique index', async () => {
    const parent = (extra: Partial<Parameters<typeof table>[2]>) => table('codes', [col('code', 'text', { notNull: true })], extra);
    const child = table('items', [col('code', 'text')], { foreignKeys: [fk('items_code_fk', ['code'], 'codes', ['code'])] });
    const from = model({ tables: [parent({ uniques: [{ name: 'codes_code_key', columns: ['code'], nullsNotDistinct: false }] }), child] });
    const to = model({ tables: [parent({ indexes: [idx('codes_code_uidx', ['code'], { unique: true })] }), child] });
    await migrate(from, to, {}, [`insert into codes values ('x')`, `insert into items values ('x')`]);
    await expect(target!.exec(`insert into items values ('nope')`)).rejects.toThrow(/items_code_fk/);
  });
});
