/**
 * CockroachDB introspection, in two halves since no CockroachDB server runs here:
 * - Every catalog query that is valid PostgreSQL (all but the hidden-column query) runs on
 *   PostgreSQL (the server when SLUICE_PG_URL is set, PGlite otherwise) against the fixture's
 *   PostgreSQL-valid statements, and its rows go through the CockroachDB model builder: the result
 *   must be the snapshot `generate` wrote (less the hash-sharded index PostgreSQL cannot make).
 * - The normaliser reads rows shaped as CockroachDB's `pg_catalog` returns them for a fixture
 *   (written from its documented output and sources): type annotations on defaults and checks,
 *   hidden `rowid` and shard columns, `prefix`/`inverted` access methods, NULLs-first index
 *   options, BY DEFAULT identities spelled `b`.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadConfig } from 'sluice/kit';
import { cockroachAsDatabaseSpells } from '../../src/dialects/cockroach/kit/serialize.js';
import { cockroachModelFromCatalog, withoutTypeAnnotations } from '../../src/dialects/cockroach/kit/introspect-normalize.js';
import { COCKROACH_CATALOG_QUERIES, HIDDEN_COLUMNS, type CockroachCatalogRows } from '../../src/dialects/cockroach/kit/introspect-queries.js';
import { cockroachType } from '../../src/dialects/cockroach/kit/types.js';
import { BREAKPOINT } from '../../src/kit/api/sql-file.js';
import { canonicalModel, type SchemaModel, type Snapshot } from '../../src/kit/model.js';
import type { MigrationSession } from '../../src/kit/runner.js';
import { nodePgSession, pgliteSession } from '../../src/kit/runner-session-pg.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { cockroachSchemaV1 } from './support/cockroach-fixture.js';
import { tempProject } from './support/project.js';

describe("CockroachDB's spellings", () => {
  it('reads every spelling of a type as the model keeps it', () => {
    const cases: [string, string][] = [
      ['INT8', 'int8'],
      ['bigint', 'int8'],
      ['INT', 'int8'],
      ['INT4', 'int4'],
      ['SMALLINT', 'int2'],
      ['STRING', 'string'],
      ['text', 'string'],
      ['STRING(20)', 'varchar(20)'],
      ['character varying(20)', 'varchar(20)'],
      ['BOOL', 'bool'],
      ['boolean', 'bool'],
      ['DECIMAL(10,2)', 'decimal(10,2)'],
      ['numeric(10, 2)', 'decimal(10,2)'],
      ['FLOAT8', 'float8'],
      ['double precision', 'float8'],
      ['real', 'float4'],
      ['TIMESTAMPTZ', 'timestamptz'],
      ['timestamp(3) with time zone', 'timestamptz(3)'],
      ['TIMESTAMP', 'timestamp'],
      ['time without time zone', 'time'],
      ['JSON', 'jsonb'],
      ['BYTES', 'bytes'],
      ['STRING[]', 'string[]'],
      ['text[]', 'string[]'],
      ['INT8[]', 'int8[]'],
    ];
    expect(cases.map(([input]) => cockroachType(input))).toEqual(cases.map(([, model]) => model));
    // `format_type` prints an INT4 column as `integer`, which CockroachDB's DDL would read as INT8.
    expect(cockroachType('integer', 'int4')).toBe('int4');
    expect(cockroachType('integer')).toBe('int8');
  });

  it("leaves CockroachDB's type annotations out, but not PostgreSQL casts or string contents", () => {
    expect(withoutTypeAnnotations('now():::TIMESTAMPTZ')).toBe('now()');
    expect(withoutTypeAnnotations("'click':::STRING")).toBe("'click'");
    expect(withoutTypeAnnotations('(amount > 0:::DECIMAL) AND (n < 10:::INT8)')).toBe('(amount > 0) AND (n < 10)');
    expect(withoutTypeAnnotations("'a:::b':::public.mood")).toBe("'a:::b'");
    expect(withoutTypeAnnotations('ARRAY[1:::INT8]:::INT8[]')).toBe('ARRAY[1]');
    expect(withoutTypeAnnotations("'x'::text")).toBe("'x'::text");
  });
});

/** Rows as CockroachDB's pg_catalog gives them for (oids and attnums as it numbers them):
 *
 *   CREATE TABLE events (
 *     id INT8 PRIMARY KEY DEFAULT unique_rowid(), kind STRING NOT NULL DEFAULT 'click', n INT4 DEFAULT 0,
 *     amount DECIMAL(10,2) DEFAULT 1.50, doc JSONB DEFAULT '{"b": 1, "a": 2}', at TIMESTAMPTZ NOT NULL DEFAULT now(),
 *     CONSTRAINT amount_positive CHECK (amount > 0));
 *   CREATE INDEX events_at_idx ON events (at) USING HASH WITH (bucket_count = 16);
 *   CREATE INVERTED INDEX events_doc_idx ON events (doc);
 *   CREATE INDEX events_kind_idx ON events (kind DESC);
 *   CREATE TABLE logs (msg STRING);  -- no primary key: CockroachDB adds the hidden rowid
 */
const cockroachRows: CockroachCatalogRows = {
  tables: [
    { oid: 104, schema: 'public', name: 'events', rls: false },
    { oid: 105, schema: 'public', name: 'logs', rls: false },
  ],
  columns: [
    { table_oid: 104, attnum: 1, name: 'id', type: 'bigint', not_null: true, default_expr: 'unique_rowid()', identity: '', generated: '', base_typtype: 'b', base_type_schema: 'pg_catalog', base_type_name: 'int8', array_dims: 0 },
    { table_oid: 104, attnum: 2, name: 'kind', type: 'text', not_null: true, default_expr: "'click':::STRING", identity: '', generated: '', base_typtype: 'b', base_type_schema: 'pg_catalog', base_type_name: 'text', array_dims: 0 },
    { table_oid: 104, attnum: 3, name: 'n', type: 'integer', not_null: false, default_expr: '0:::INT8', identity: '', generated: '', base_typtype: 'b', base_type_schema: 'pg_catalog', base_type_name: 'int4', array_dims: 0 },
    {
      table_oid: 104,
      attnum: 4,
      name: 'amount',
      type: 'numeric(10,2)',
      not_null: false,
      default_expr: '1.50:::DECIMAL',
      identity: '',
      generated: '',
      base_typtype: 'b',
      base_type_schema: 'pg_catalog',
      base_type_name: 'numeric',
      array_dims: 0,
    },
    {
      table_oid: 104,
      attnum: 5,
      name: 'doc',
      type: 'jsonb',
      not_null: false,
      default_expr: '\'{"a": 2, "b": 1}\':::JSONB',
      identity: '',
      generated: '',
      base_typtype: 'b',
      base_type_schema: 'pg_catalog',
      base_type_name: 'jsonb',
      array_dims: 0,
    },
    {
      table_oid: 104,
      attnum: 6,
      name: 'at',
      type: 'timestamp with time zone',
      not_null: true,
      default_expr: 'now():::TIMESTAMPTZ',
      identity: '',
      generated: '',
      base_typtype: 'b',
      base_type_schema: 'pg_catalog',
      base_type_name: 'timestamptz',
      array_dims: 0,
    },
    {
      table_oid: 104,
      attnum: 7,
      name: 'crdb_internal_at_shard_16',
      type: 'bigint',
      not_null: true,
      default_expr: null,
      identity: '',
      generated: 'v',
      base_typtype: 'b',
      base_type_schema: 'pg_catalog',
      base_type_name: 'int8',
      array_dims: 0,
    },
    { table_oid: 105, attnum: 1, name: 'msg', type: 'text', not_null: false, default_expr: null, identity: '', generated: '', base_typtype: 'b', base_type_schema: 'pg_catalog', base_type_name: 'text', array_dims: 0 },
    { table_oid: 105, attnum: 2, name: 'rowid', type: 'bigint', not_null: true, default_expr: 'unique_rowid()', identity: '', generated: '', base_typtype: 'b', base_type_schema: 'pg_catalog', base_type_name: 'int8', array_dims: 0 },
  ],
  constraints: [
    { table_oid: 104, name: 'amount_positive', type: 'c', columns: [4], ref_schema: null, ref_table: null, ref_columns: [], on_update: '', on_delete: '', definition: 'CHECK ((amount > 0:::DECIMAL))', nulls_not_distinct: false },
    { table_oid: 104, name: 'events_pkey', type: 'p', columns: [1], ref_schema: null, ref_table: null, ref_columns: [], on_update: '', on_delete: '', definition: 'PRIMARY KEY (id ASC)', nulls_not_distinct: false },
    { table_oid: 105, name: 'logs_pkey', type: 'p', columns: [2], ref_schema: null, ref_table: null, ref_columns: [], on_update: '', on_delete: '', definition: 'PRIMARY KEY (rowid ASC)', nulls_not_distinct: false },
  ],
  indexes: [
    { table_oid: 104, name: 'events_at_idx', unique: false, method: 'prefix', predicate: null, options: null, attnums: [7, 6], key_options: [2, 2], key_count: 2, texts: ['crdb_internal_at_shard_16', 'at'] },
    { table_oid: 104, name: 'events_doc_idx', unique: false, method: 'inverted', predicate: null, options: null, attnums: [5], key_options: [2], key_count: 1, texts: ['doc'] },
    { table_oid: 104, name: 'events_kind_idx', unique: false, method: 'prefix', predicate: null, options: null, attnums: [2], key_options: [1], key_count: 1, texts: ['kind'] },
  ],
  enums: [],
  sequences: [],
  views: [],
  policies: [],
  roles: [],
  hidden: [
    { schema: 'public', table: 'events', name: 'crdb_internal_at_shard_16' },
    { schema: 'public', table: 'logs', name: 'rowid' },
  ],
};

describe("the normaliser on CockroachDB's catalog rows", () => {
  const model = cockroachModelFromCatalog(cockroachRows, ['public']);
  const events = model.tables.find((t) => t.name === 'events')!;
  const logs = model.tables.find((t) => t.name === 'logs')!;

  it('reads types and defaults in the serializer spelling, annotations gone', () => {
    expect(model.dialect).toBe('cockroach');
    expect(events.columns.map((c) => [c.name, c.type, c.notNull, c.default])).toEqual([
      ['id', 'int8', true, 'unique_rowid()'],
      ['kind', 'string', true, "'click'"],
      ['n', 'int4', false, '0'],
      ['amount', 'decimal(10,2)', false, "'1.50'"],
      ['doc', 'jsonb', false, '\'{"a":2,"b":1}\'::jsonb'],
      ['at', 'timestamptz', true, 'now()'],
    ]);
    expect(events.checks).toEqual([{ name: 'amount_positive', expression: '"amount" > 0' }]);
    expect(events.primaryKey).toEqual({ name: 'events_pkey', columns: ['id'] });
  });

  it('leaves hidden columns out: a table without a declared key has no rowid column and no key', () => {
    expect(logs.columns.map((c) => c.name)).toEqual(['msg']);
    expect(logs.primaryKey).toBeUndefined();
  });

  it('reads a shard column in the keys as a hash-sharded index with its buckets, inverted as gin, prefix as btree', () => {
    expect(events.indexes.map((i) => [i.name, i.method, i.with ?? null, i.columns.map((c) => [c.expression, c.order, c.nulls])])).toEqual([
      ['events_at_idx', 'hash', { bucket_count: '16' }, [['"at"', 'asc', 'last']]],
      ['events_doc_idx', 'gin', null, [['"doc"', 'asc', 'last']]],
      ['events_kind_idx', 'btree', null, [['"kind"', 'desc', 'first']]],
    ]);
  });

  it('finds a hash-sharded index by its shard column when pg_index lists only the declared keys', () => {
    const rows: CockroachCatalogRows = { ...cockroachRows, indexes: [{ ...cockroachRows.indexes[0]!, attnums: [6], key_options: [2], key_count: 1, texts: ['at'] }] };
    const index = cockroachModelFromCatalog(rows, ['public']).tables.find((t) => t.name === 'events')!.indexes[0]!;
    expect([index.method, index.with, index.columns.map((c) => c.expression)]).toEqual(['hash', { bucket_count: '16' }, ['"at"']]);
  });
});

describe(`the PostgreSQL-valid catalog queries on ${pgServerUrl ? 'the PostgreSQL server' : 'PGlite (SLUICE_PG_URL is not set)'}`, () => {
  let session: MigrationSession;
  let close: () => Promise<void>;
  let snapshot: Snapshot;

  beforeAll(async () => {
    const project = tempProject();
    try {
      project.write('sluice.config.ts', "export default { dialect: 'cockroach', schema: './schema.ts', out: './migrations' };\n");
      project.write('schema.ts', cockroachSchemaV1);
      const result = await generate(await loadConfig({ cwd: project.dir }), { name: 'init' });
      if (result.status !== 'written') throw new Error(`generate: ${result.status}`);
      snapshot = result.snapshot;
      if (pgServerUrl) {
        const database = await createPgDatabase();
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        session = nodePgSession(pool);
        close = async () => {
          await pool.end();
          await database.drop();
        };
      } else {
        const client = new PGlite();
        session = pgliteSession(client);
        close = () => client.close();
      }
      // A stand-in for CockroachDB's unique_rowid(), its sequence outside the introspected schema.
      await session.execute("create schema stand_in; create sequence stand_in.rowids; create function public.unique_rowid() returns int8 language sql as $$ select nextval('stand_in.rowids') $$");
      for (const part of result.sql.split(BREAKPOINT)) {
        const sql = part.trim().replace(/;$/, '');
        // The hash-sharded index is CockroachDB-only syntax.
        if (!/ USING HASH /.test(sql)) await session.execute(sql);
      }
    } finally {
      project.remove();
    }
  });
  afterAll(async () => close?.());

  it('runs every query but the hidden-column one, whose is_hidden column only CockroachDB has', async () => {
    const rows: Record<string, unknown[]> = {};
    for (const [kind, query] of Object.entries(COCKROACH_CATALOG_QUERIES)) rows[kind] = await session.query(query, [['public']]);
    expect(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]))).toEqual({
      tables: 2,
      columns: 12,
      constraints: 5,
      indexes: 2,
      enums: 1,
      sequences: 0,
      views: 1,
      policies: 0,
    });
    await expect(session.query(HIDDEN_COLUMNS, [['public']])).rejects.toThrow(/is_hidden/);
  });

  it('builds the model generate wrote from those rows (the hash-sharded index aside)', async () => {
    const rows = {} as Record<string, unknown[]>;
    for (const [kind, query] of Object.entries(COCKROACH_CATALOG_QUERIES)) rows[kind] = await session.query(query, [['public']]);
    const introspected = cockroachModelFromCatalog({ ...(rows as unknown as CockroachCatalogRows), roles: [], hidden: [] }, ['public']);
    const expected: SchemaModel = {
      ...snapshot,
      tables: snapshot.tables.map((t) => ({ ...t, indexes: t.indexes.filter((i) => i.method !== 'hash') })),
    };
    const schemaSide = await cockroachAsDatabaseSpells(session, expected);
    const comparable = (m: SchemaModel) => {
      const { tables, enums, views, sequences, schemas } = canonicalModel(m);
      return { tables, enums, views, sequences, schemas };
    };
    expect(comparable(introspected)).toEqual(comparable(schemaSide));
  });
});
