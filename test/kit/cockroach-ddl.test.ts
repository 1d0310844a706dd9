/**
 * CockroachDB's DDL where it differs from PostgreSQL's, through the shared differ: primary key
 * swaps, a dropped key refused, enum values dropped in place, index keys without NULLS order or
 * CONCURRENTLY, the type-change setting once per migration; and the config and connection that
 * `dialect: 'cockroach'` takes.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from 'sluice/kit';
import { cockroachRender } from '../../src/dialects/cockroach/kit/ddl.js';
import { cockroachAsDatabaseSpells, cockroachSerialize } from '../../src/dialects/cockroach/kit/serialize.js';
import { UnsupportedError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/kit/connect.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import type { Snapshot } from '../../src/kit/model.js';
import { column, enumModel, index, indexColumn, snapshot, table } from './support/model-builders.js';

function render(from: Partial<Snapshot>, to: Partial<Snapshot>): string[] {
  const prev = snapshot('cockroach', from);
  const next = snapshot('cockroach', to);
  const diff = diffSnapshots(prev, next, {});
  if (diff.status !== 'ok') throw new Error('unexpected rename questions');
  return cockroachRender(diff.changes, { from: prev, to: next }).map((s) => s.sql);
}

const id = column('id', 'int8', { notNull: true, default: 'unique_rowid()' });

describe('CockroachDB DDL', () => {
  it('writes string and bytes as text and bytea, which CockroachDB reads as the same types', () => {
    expect(render({}, { tables: [table('docs', [id, column('title', 'string'), column('tags', 'string[]'), column('blob', 'bytes'), column('code', 'varchar(8)')], { primaryKey: { name: 'docs_pkey', columns: ['id'] } })] })).toEqual([
      'CREATE TABLE "docs" (\n\t"id" int8 PRIMARY KEY DEFAULT unique_rowid() NOT NULL,\n\t"title" text,\n\t"tags" text[],\n\t"blob" bytea,\n\t"code" varchar(8)\n)',
    ]);
  });

  it('swaps a primary key in one ALTER TABLE, since CockroachDB never leaves a table without one', () => {
    const before = table('t', [id, column('code', 'string', { notNull: true })], { primaryKey: { name: 't_pkey', columns: ['id'] } });
    const after = { ...before, primaryKey: { name: 't_code_pk', columns: ['code'] } };
    expect(render({ tables: [before] }, { tables: [after] })).toEqual(['ALTER TABLE "t" DROP CONSTRAINT "t_pkey", ADD CONSTRAINT "t_code_pk" PRIMARY KEY("code")']);
  });

  it('drops a unique constraint as the index CockroachDB keeps it as', () => {
    const t = table('users', [id, column('email', 'string')], { uniques: [{ name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false }] });
    expect(render({ tables: [t] }, { tables: [{ ...t, uniques: [] }] })).toEqual(['DROP INDEX "public"."users_email_unique" CASCADE']);
  });

  it('refuses to drop a primary key without adding another, naming the key and the table', () => {
    const before = table('t', [id], { primaryKey: { name: 't_pkey', columns: ['id'] } });
    expect(() => render({ tables: [before] }, { tables: [{ ...before, primaryKey: undefined }] })).toThrow(UnsupportedError);
    expect(() => render({ tables: [before] }, { tables: [{ ...before, primaryKey: undefined }] })).toThrow('cockroach: cannot drop the primary key "t_pkey" of t without adding another');
  });

  it('drops enum values in place, and recreates an enum whose values were reordered behind the type-change setting', () => {
    const mood = enumModel('mood', ['sad', 'ok', 'happy']);
    const t = table('people', [id, column('mood', 'mood', { typeSchema: 'public' })]);
    expect(render({ enums: [mood], tables: [t] }, { enums: [enumModel('mood', ['sad', 'happy'])], tables: [t] })).toEqual([`ALTER TYPE "public"."mood" DROP VALUE 'ok'`]);
    const reordered = render({ enums: [mood], tables: [t] }, { enums: [enumModel('mood', ['happy', 'ok', 'sad'])], tables: [t] });
    expect(reordered[0]).toBe('SET enable_experimental_alter_column_type_general = true');
    expect(reordered).toContain('ALTER TABLE "people" ALTER COLUMN "mood" SET DATA TYPE "public"."mood__sluice_new" USING "mood"::text::"public"."mood__sluice_new"');
  });

  it('writes indexes without NULLS order, btree method or CONCURRENTLY; inverted as gin; hash-sharded with its buckets', () => {
    const t = table('events', [id, column('kind', 'string'), column('at', 'timestamptz'), column('doc', 'jsonb')]);
    const indexes = [
      index('events_kind_idx', [indexColumn('kind', { order: 'desc', nulls: 'first' })], { concurrently: true, unique: true, where: '"kind" is not null' }),
      index('events_doc_idx', [indexColumn('doc')], { method: 'gin' }),
      index('events_at_idx', [indexColumn('at')], { method: 'hash', with: { bucket_count: '16' } }),
      index('events_lower_idx', [indexColumn('lower("kind")', { isExpression: true })]),
    ];
    expect(render({ tables: [t] }, { tables: [{ ...t, indexes }] })).toEqual([
      'CREATE UNIQUE INDEX "events_kind_idx" ON "events" ("kind" DESC) WHERE "kind" is not null',
      'CREATE INDEX "events_doc_idx" ON "events" USING gin ("doc")',
      'CREATE INDEX "events_at_idx" ON "events" ("at") USING HASH WITH (bucket_count = 16)',
      'CREATE INDEX "events_lower_idx" ON "events" ((lower("kind")))',
    ]);
  });

  it('sets the type-change setting once per migration, before the first type change', () => {
    const t = table('t', [id, column('a', 'int4'), column('b', 'string')]);
    const after = { ...t, columns: [id, column('a', 'int8'), column('b', 'varchar(10)')] };
    expect(render({ tables: [t] }, { tables: [after] })).toEqual([
      'SET enable_experimental_alter_column_type_general = true',
      'ALTER TABLE "t" ALTER COLUMN "a" SET DATA TYPE int8 USING "a"::int8',
      'ALTER TABLE "t" ALTER COLUMN "b" SET DATA TYPE varchar(10) USING "b"::varchar(10)',
    ]);
  });
});

describe("dialect: 'cockroach' in the config", () => {
  it('is accepted with PostgreSQL-style credentials, a schemaFilter and a tracking schema', () => {
    const config = resolveConfig({ dialect: 'cockroach', schema: 's.ts', dbCredentials: { host: 'db', port: 26257, user: 'root', database: 'app', ssl: 'require' }, schemaFilter: ['public'], migrations: { schema: 'ops' } }, { cwd: '/p' });
    expect([config.dialect, config.driver, config.dbCredentials, config.schemaFilter, config.migrations]).toEqual([
      'cockroach',
      undefined,
      { host: 'db', port: 26257, user: 'root', database: 'app', ssl: 'require' },
      ['public'],
      { schema: 'ops' },
    ]);
  });

  it('takes no driver: it connects with node-postgres', () => {
    expect(() => resolveConfig({ dialect: 'cockroach', schema: 's.ts', driver: 'pglite' }, { cwd: '/p' })).toThrow("`driver` is not used with dialect 'cockroach' (it connects with node-postgres), got 'pglite'");
  });

  it('opens through node-postgres, refusing another driver and incomplete credentials by name', async () => {
    await expect(openDatabase({ dialect: 'cockroach', driver: 'postgres-js', credentials: { url: 'postgres://x' } })).rejects.toThrow('Unknown CockroachDB driver "postgres-js": CockroachDB connects through node-postgres');
    await expect(openDatabase({ dialect: 'cockroach', driver: undefined, credentials: { host: 'db' } })).rejects.toThrow('CockroachDB needs dbCredentials.url, or dbCredentials.host and dbCredentials.database');
  });
});

describe('the CockroachDB serializer and its database spelling', () => {
  it("gives a hash-sharded index without a bucket count CockroachDB's default, and a timestamptz Date default its zone", async () => {
    const { cockroachTable, index, int8, timestamp } = await import('sluice/cockroach-core');
    const events = cockroachTable('events', { id: int8({ mode: 'number' }).primaryKey().defaultUniqueRowid(), at: timestamp({ withTimezone: true }).default(new Date('2026-01-02T03:04:05.000Z')) }, (t) => [
      index('events_at_idx').using('hash', t.at),
    ]);
    const model = cockroachSerialize([events], { casing: undefined });
    expect(model.tables[0]!.indexes.map((i) => [i.method, i.with])).toEqual([['hash', { bucket_count: '16' }]]);
    expect(model.tables[0]!.columns.find((c) => c.name === 'at')!.default).toBe("'2026-01-02T03:04:05.000Z'");
  });

  it('spells a plain unique index as the unique constraint CockroachDB lists it as, and leaves partial ones indexes', async () => {
    const plain = index('users_email_key', [indexColumn('email')], { unique: true });
    const partial = index('users_nick_key', [indexColumn('nick')], { unique: true, where: '"nick" is not null' });
    const model = { ...snapshot('cockroach'), tables: [table('users', [id, column('email', 'string'), column('nick', 'string')], { indexes: [plain, partial] })] };
    const spelled = await cockroachAsDatabaseSpells(undefined as never, model);
    expect(spelled.tables[0]!.uniques).toEqual([{ name: 'users_email_key', columns: ['email'], nullsNotDistinct: false }]);
    expect(spelled.tables[0]!.indexes.map((i) => i.name)).toEqual(['users_nick_key']);
  });
});
