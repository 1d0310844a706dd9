/**
 * The PostgreSQL DDL renderer: the exact statements for each change, run on PGlite (and the
 * server when SLUICE_PG_URL is set), with the catalog checked afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/core/errors.js';
import { pgRender, renderChange } from '../../src/dialects/pg/kit/ddl.js';
import type { Change, Statement } from '../../src/kit/changes.js';
import { column, enumModel, renderContext, role, sequence, table } from './support/model-builders.js';
import { ddlTargets, migrate, resetSchemas, type DdlDatabase } from './support/pg-ddl-targets.js';

const ctx = renderContext('postgresql');
const render = (...changes: Change[]) => pgRender(changes, ctx);
const sqlOf = (statements: Statement[]) => statements.map((s) => s.sql);

describe('pgRender without a database', () => {
  it('escapes quotes in identifiers and literals', () => {
    const e = enumModel('we"ird', ["it's", 'b']);
    expect(sqlOf(render({ kind: 'create_enum', enum: e }))).toEqual([`CREATE TYPE "public"."we""ird" AS ENUM('it''s', 'b')`]);
  });

  it('throws UnsupportedError for column aspects PostgreSQL does not have', () => {
    const from = column('id', 'integer');
    const to = column('id', 'integer', { autoincrement: true });
    expect(() => render({ kind: 'alter_column', table: { schema: 'public', name: 't' }, from, to, aspects: ['autoincrement'] })).toThrow(UnsupportedError);
    expect(() => render({ kind: 'alter_column', table: { schema: 'public', name: 't' }, from, to, aspects: ['onUpdate'] })).toThrow(/postgresql.*onUpdate.*t\.id/);
  });

  it('throws UnsupportedError for a virtual generated column', () => {
    const t = table('t', [column('a', 'integer'), column('b', 'integer', { generated: { as: '"a" * 2', type: 'virtual' } })]);
    expect(() => render({ kind: 'create_table', table: t })).toThrow(/postgresql.*virtual generated/);
  });

  it('throws UnsupportedError naming an unknown change kind', () => {
    expect(() => renderChange({ kind: 'explode' } as unknown as Change)).toThrow(/postgresql: cannot render change "explode"/);
  });
});

describe.each(ddlTargets)('pgRender on $name', ({ open }) => {
  let db: DdlDatabase;
  const tag = randomBytes(4).toString('hex');
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetSchemas(db);
  });

  it('creates, renames and drops schemas', async () => {
    const create = render({ kind: 'create_schema', name: 'app' });
    expect(sqlOf(create)).toEqual(['CREATE SCHEMA "app"']);
    await migrate(db, create);
    const rename = render({ kind: 'rename_schema', from: 'app', to: 'core' });
    expect(sqlOf(rename)).toEqual(['ALTER SCHEMA "app" RENAME TO "core"']);
    await migrate(db, rename);
    expect(await db.query(`select nspname from pg_namespace where nspname in ('app', 'core')`)).toEqual([{ nspname: 'core' }]);
    const drop = render({ kind: 'drop_schema', name: 'core' });
    expect(drop).toEqual([{ sql: 'DROP SCHEMA "core"', destructive: 'drops schema core' }]);
    await migrate(db, drop);
    expect(await db.query(`select nspname from pg_namespace where nspname = 'core'`)).toEqual([]);
  });

  it('creates, alters, renames and drops roles', async () => {
    const name = `sluice_r_${tag}`;
    const renamed = `${name}_b`;
    const roleRow = (n: string) => db.query(`select rolcreatedb, rolcreaterole, rolinherit from pg_roles where rolname = '${n}'`);
    try {
      const plain = render({ kind: 'create_role', role: role(`${name}_plain`) });
      expect(sqlOf(plain)).toEqual([`CREATE ROLE "${name}_plain"`]);
      await migrate(db, plain);
      expect(await roleRow(`${name}_plain`)).toEqual([{ rolcreatedb: false, rolcreaterole: false, rolinherit: true }]);

      const create = render({ kind: 'create_role', role: role(name, { createDb: true, createRole: true, inherit: false }) });
      expect(sqlOf(create)).toEqual([`CREATE ROLE "${name}" WITH CREATEDB CREATEROLE NOINHERIT`]);
      await migrate(db, create);
      expect(await roleRow(name)).toEqual([{ rolcreatedb: true, rolcreaterole: true, rolinherit: false }]);

      const alter = render({ kind: 'alter_role', from: role(name, { createDb: true, createRole: true, inherit: false }), to: role(name, { createDb: false, createRole: true, inherit: true }) });
      expect(sqlOf(alter)).toEqual([`ALTER ROLE "${name}" WITH NOCREATEDB CREATEROLE INHERIT`]);
      await migrate(db, alter);
      expect(await roleRow(name)).toEqual([{ rolcreatedb: false, rolcreaterole: true, rolinherit: true }]);

      const rename = render({ kind: 'rename_role', from: name, to: renamed });
      expect(sqlOf(rename)).toEqual([`ALTER ROLE "${name}" RENAME TO "${renamed}"`]);
      await migrate(db, rename);
      expect(await roleRow(name)).toEqual([]);

      const drop = render({ kind: 'drop_role', role: role(renamed) }, { kind: 'drop_role', role: role(`${name}_plain`) });
      expect(sqlOf(drop)).toEqual([`DROP ROLE "${renamed}"`, `DROP ROLE "${name}_plain"`]);
      await migrate(db, drop);
      expect(await roleRow(renamed)).toEqual([]);
    } finally {
      // Roles belong to the cluster, not the test's database.
      for (const n of [name, renamed, `${name}_plain`]) await db.query(`drop role if exists "${n}"`);
    }
  });

  it('creates, alters, renames, moves and drops sequences', async () => {
    const s = sequence('counter', { increment: '2', minValue: '10', maxValue: '1000', startWith: '10', cache: '5', cycle: true });
    const create = render({ kind: 'create_schema', name: 'app' }, { kind: 'create_sequence', sequence: s });
    expect(sqlOf(create)).toEqual([
      'CREATE SCHEMA "app"',
      'CREATE SEQUENCE "public"."counter" INCREMENT BY 2 MINVALUE 10 MAXVALUE 1000 START WITH 10 CACHE 5 CYCLE',
    ]);
    await migrate(db, create);
    const seqRow = (schema: string, name: string) =>
      db.query(`select increment_by::text, min_value::text, max_value::text, start_value::text, cache_size::text, cycle from pg_sequences where schemaname = '${schema}' and sequencename = '${name}'`);
    expect(await seqRow('public', 'counter')).toEqual([{ increment_by: '2', min_value: '10', max_value: '1000', start_value: '10', cache_size: '5', cycle: true }]);
    expect(await db.query(`select nextval('counter')::int as v, nextval('counter')::int as w`)).toEqual([{ v: 10, w: 12 }]);

    const plain = sequence('counter', { increment: '3' });
    const alter = render({ kind: 'alter_sequence', from: s, to: plain });
    expect(sqlOf(alter)).toEqual(['ALTER SEQUENCE "public"."counter" INCREMENT BY 3 NO MINVALUE NO MAXVALUE CACHE 1 NO CYCLE']);
    await migrate(db, alter);
    expect(await seqRow('public', 'counter')).toEqual([{ increment_by: '3', min_value: '1', max_value: '9223372036854775807', start_value: '10', cache_size: '1', cycle: false }]);
    expect(render({ kind: 'alter_sequence', from: plain, to: plain })).toEqual([]);

    const moved = sequence('ticks', { schema: 'app', increment: '3' });
    const rename = render({ kind: 'rename_sequence', from: plain, to: moved });
    expect(sqlOf(rename)).toEqual(['ALTER SEQUENCE "public"."counter" RENAME TO "ticks"', 'ALTER SEQUENCE "public"."ticks" SET SCHEMA "app"']);
    await migrate(db, rename);
    // The sequence keeps its position (past the cached 10..18) and its new increment through rename and move.
    const [next] = await db.query<{ v: number; w: number }>(`select nextval('app.ticks')::int as v, nextval('app.ticks')::int as w`);
    expect(next!.v).toBeGreaterThan(12);
    expect(next!.w - next!.v).toBe(3);

    const drop = render({ kind: 'drop_sequence', sequence: moved });
    expect(sqlOf(drop)).toEqual(['DROP SEQUENCE "app"."ticks"']);
    await migrate(db, drop);
    expect(await seqRow('app', 'ticks')).toEqual([]);
  });
});
