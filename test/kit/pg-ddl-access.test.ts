/**
 * The PostgreSQL DDL renderer's row-level security, policies and views, checked in pg_class,
 * pg_policies, pg_views and pg_matviews afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgRender } from '../../src/dialects/pg/kit/ddl.js';
import type { Change, Statement, TableRef } from '../../src/kit/changes.js';
import { column, policy, renderContext, role, table, view } from './support/model-builders.js';
import { ddlTargets, migrate, useDdlDatabase } from './support/pg-ddl-targets.js';

const render = (...changes: Change[]) => pgRender(changes, renderContext('postgresql'));
const sqlOf = (statements: Statement[]) => statements.map((s) => s.sql);
const docs: TableRef = { schema: 'public', name: 'docs' };
const docsTable = table('docs', [column('id', 'integer'), column('owner', 'text')]);

describe.each(ddlTargets)('pgRender access and views on $name', ({ open }) => {
  const db = useDdlDatabase(open);
  // Roles belong to the cluster: a name of this run's own, dropped afterwards (before the
  // database closes: vitest runs after-hooks in reverse order).
  const admin = `sluice_admin_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await migrate(db, render({ kind: 'create_role', role: role(admin) }));
  });
  afterAll(async () => {
    await db.query(`drop role if exists "${admin}"`);
  });

  const rls = async (name: string) => (await db.query<{ on: boolean }>(`select relrowsecurity as on from pg_class where oid = '${name}'::regclass`))[0]!.on;
  const policies = () => db.query(`select policyname as name, permissive, roles::text as roles, cmd, qual, with_check as check from pg_policies where tablename = 'docs' order by policyname`);

  it('enables RLS with CREATE TABLE, skipping a separate enable for the same table, and disables it', async () => {
    const create = render({ kind: 'create_table', table: { ...docsTable, rlsEnabled: true } }, { kind: 'enable_rls', table: docs });
    expect(sqlOf(create)).toEqual(['CREATE TABLE "docs" (\n\t"id" integer,\n\t"owner" text\n)', 'ALTER TABLE "docs" ENABLE ROW LEVEL SECURITY']);
    await migrate(db, create);
    expect(await rls('docs')).toBe(true);
    const disable = render({ kind: 'disable_rls', table: docs });
    expect(sqlOf(disable)).toEqual(['ALTER TABLE "docs" DISABLE ROW LEVEL SECURITY']);
    await migrate(db, disable);
    expect(await rls('docs')).toBe(false);
    const enable = render({ kind: 'enable_rls', table: docs });
    expect(sqlOf(enable)).toEqual(['ALTER TABLE "docs" ENABLE ROW LEVEL SECURITY']);
    await migrate(db, enable);
    expect(await rls('docs')).toBe(true);
  });

  it('creates, alters, renames and drops policies', async () => {
    await migrate(db, render({ kind: 'create_table', table: { ...docsTable, rlsEnabled: true } }));
    const own = policy('own_docs', { for: 'select', to: [admin, 'public'], using: `"owner" = current_user` });
    const strict = policy('no_blank', { as: 'restrictive', for: 'insert', withCheck: `"owner" <> ''` });
    const create = render({ kind: 'create_policy', table: docs, policy: own }, { kind: 'create_policy', table: docs, policy: strict });
    expect(sqlOf(create)).toEqual([
      `CREATE POLICY "own_docs" ON "docs" AS PERMISSIVE FOR SELECT TO "${admin}", public USING ("owner" = current_user)`,
      `CREATE POLICY "no_blank" ON "docs" AS RESTRICTIVE FOR INSERT TO public WITH CHECK ("owner" <> '')`,
    ]);
    await migrate(db, create);
    // PostgreSQL folds a role list that includes public into public alone.
    expect(await policies()).toEqual([
      { name: 'no_blank', permissive: 'RESTRICTIVE', roles: '{public}', cmd: 'INSERT', qual: null, check: `(owner <> ''::text)` },
      { name: 'own_docs', permissive: 'PERMISSIVE', roles: '{public}', cmd: 'SELECT', qual: '(owner = CURRENT_USER)', check: null },
    ]);

    const rename = render({ kind: 'rename_policy', table: docs, from: 'own_docs', to: 'mine' });
    expect(sqlOf(rename)).toEqual(['ALTER POLICY "own_docs" ON "docs" RENAME TO "mine"']);
    await migrate(db, rename);
    const mine = { ...own, name: 'mine' };
    const narrowed = { ...mine, to: [admin], using: `"owner" = session_user` };
    const alter = render({ kind: 'alter_policy', table: docs, from: own, to: narrowed });
    expect(sqlOf(alter)).toEqual([`ALTER POLICY "mine" ON "docs" TO "${admin}" USING ("owner" = session_user)`]);
    await migrate(db, alter);
    // ALTER POLICY cannot remove a clause or change FOR: drop and create.
    const loosened = { ...strict, for: 'all' as const, withCheck: undefined, using: 'true' };
    const recreate = render({ kind: 'alter_policy', table: docs, from: strict, to: loosened });
    expect(sqlOf(recreate)).toEqual(['DROP POLICY "no_blank" ON "docs" CASCADE', 'CREATE POLICY "no_blank" ON "docs" AS RESTRICTIVE FOR ALL TO public USING (true)']);
    await migrate(db, recreate);
    expect(await policies()).toEqual([
      { name: 'mine', permissive: 'PERMISSIVE', roles: `{${admin}}`, cmd: 'SELECT', qual: '(owner = SESSION_USER)', check: null },
      { name: 'no_blank', permissive: 'RESTRICTIVE', roles: '{public}', cmd: 'ALL', qual: 'true', check: null },
    ]);
    const drop = render({ kind: 'drop_policy', table: docs, policy: narrowed }, { kind: 'drop_policy', table: docs, policy: loosened });
    expect(sqlOf(drop)).toEqual(['DROP POLICY "mine" ON "docs" CASCADE', 'DROP POLICY "no_blank" ON "docs" CASCADE']);
    await migrate(db, drop);
    expect(await policies()).toEqual([]);
  });

  it('creates views and materialized views with their options, renames, moves and drops them', async () => {
    await migrate(db, render({ kind: 'create_schema', name: 'app' }, { kind: 'create_table', table: docsTable }));
    await db.query(`insert into docs values (1, 'ann'), (2, 'bob')`);
    const plain = view('ann_docs', `select "id" from "docs" where "owner" = 'ann'`, { options: { 'with.check_option': 'local', 'with.security_barrier': true } });
    const mat = view('doc_counts', 'select count(*) as n from "docs"', {
      schema: 'app',
      materialized: true,
      options: { using: 'heap', 'with.fillfactor': '70', tablespace: 'pg_default', withNoData: true },
    });
    const create = render({ kind: 'create_view', view: plain }, { kind: 'create_view', view: mat });
    expect(sqlOf(create)).toEqual([
      `CREATE VIEW "public"."ann_docs" WITH (check_option = local, security_barrier = true) AS (select "id" from "docs" where "owner" = 'ann')`,
      `CREATE MATERIALIZED VIEW "app"."doc_counts" USING "heap" WITH (fillfactor = 70) TABLESPACE "pg_default" AS (select count(*) as n from "docs") WITH NO DATA`,
    ]);
    await migrate(db, create);
    expect(await db.query(`select c.reloptions::text as options from pg_class c where c.oid = 'ann_docs'::regclass`)).toEqual([{ options: '{check_option=local,security_barrier=true}' }]);
    expect(await db.query(`select ispopulated, c.reloptions::text as options from pg_matviews m join pg_class c on c.oid = 'app.doc_counts'::regclass where m.matviewname = 'doc_counts'`)).toEqual([
      { ispopulated: false, options: '{fillfactor=70}' },
    ]);
    expect(await db.query('select id from ann_docs')).toEqual([{ id: 1 }]);

    const renamed = { ...plain, name: 'anns', schema: 'app' };
    const rename = render({ kind: 'rename_view', from: plain, to: renamed }, { kind: 'rename_view', from: mat, to: { ...mat, name: 'counts' } });
    expect(sqlOf(rename)).toEqual(['ALTER VIEW "public"."ann_docs" RENAME TO "anns"', 'ALTER VIEW "public"."anns" SET SCHEMA "app"', 'ALTER MATERIALIZED VIEW "app"."doc_counts" RENAME TO "counts"']);
    await migrate(db, rename);
    expect(await db.query(`select schemaname, viewname from pg_views where viewname = 'anns'`)).toEqual([{ schemaname: 'app', viewname: 'anns' }]);

    const drop = render({ kind: 'drop_view', view: renamed }, { kind: 'drop_view', view: { ...mat, name: 'counts' } });
    expect(sqlOf(drop)).toEqual(['DROP VIEW "app"."anns"', 'DROP MATERIALIZED VIEW "app"."counts"']);
    await migrate(db, drop);
    expect(await db.query(`select 1 from pg_class where relname in ('anns', 'counts')`)).toEqual([]);
  });

  it('never creates, renames or drops a view that exists outside the schema (no definition)', async () => {
    const existing = view('legacy', undefined);
    expect(render({ kind: 'create_view', view: existing }, { kind: 'rename_view', from: existing, to: { ...existing, name: 'old' } }, { kind: 'drop_view', view: existing })).toEqual([]);
  });
});
