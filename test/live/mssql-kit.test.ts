/**
 * The kit's SQL Server module against a real SQL Server, run only when SLUICE_MSSQL_URL is set
 * (`mssql://sa:<password>@localhost:1433/master?encrypt=true&trustServerCertificate=true`, or an
 * ADO connection string). Each run creates its own database and drops it at the end. The fixture
 * schema's first migration is applied and introspected back equal to the serializer's model; then
 * the second version's migration (rename by answer, retype, add, drop index, add foreign key) and
 * its down.sql, each introspected back equal. Without the URL every case is reported as not run:
 * no SQL Server was available where these tests were written.
 */
import mssql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from 'sluice/kit';
import { mssqlSpelling } from '../../src/dialects/mssql/kit/as-database.js';
import { mssqlRender } from '../../src/dialects/mssql/kit/ddl.js';
import { mssqlIntrospect } from '../../src/dialects/mssql/kit/introspect.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { loadSchemaModel } from '../../src/kit/load-schema.js';
import { canonicalModel, emptySnapshot, type SchemaModel, type Snapshot } from '../../src/kit/model.js';
import type { MigrationSession } from '../../src/kit/runner.js';
import { mssqlFixtureSource } from '../kit/support/mssql-kit-fixture.js';
import { tempProject, type TempProject } from '../kit/support/project.js';

const url = process.env.SLUICE_MSSQL_URL;
const reason = '(not run: SLUICE_MSSQL_URL is not set)';

/** mssql settings from a `mssql://` URL (query parameters are tedious options), or the ADO string as it is. */
function poolConfig(connection: string, database?: string): mssql.config | string {
  if (!/^(mssql|sqlserver):\/\//i.test(connection)) return database === undefined ? connection : `${connection.replace(/;?\s*(Database|Initial Catalog)=[^;]*/i, '')};Database=${database}`;
  const u = new URL(connection);
  const options: Record<string, unknown> = {};
  for (const [k, v] of u.searchParams) options[k] = v === 'true' ? true : v === 'false' ? false : v;
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? (u.pathname.slice(1) || undefined),
    options,
  };
}

function sessionOf(pool: mssql.ConnectionPool): MigrationSession {
  const session: MigrationSession = {
    dialect: 'mssql',
    execute: async (sql) => {
      await pool.request().batch(sql);
    },
    query: async <T>(sql: string) => (await pool.request().query(sql)).recordset as T[],
    transaction: async (fn) => fn(session),
  };
  return session;
}

const snap = (model: SchemaModel): Snapshot => ({ ...emptySnapshot('mssql'), ...model });
const renameAnswers = { 'column:dbo.posts.headline': 'title' };

describe('the kit on SQL Server', () => {
  const dbName = `sluice_kit_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let admin: mssql.ConnectionPool;
  let pool: mssql.ConnectionPool;
  let project: TempProject;
  let v1: SchemaModel;
  let v2: SchemaModel;

  beforeAll(async () => {
    project = tempProject();
    project.write('sluice.config.ts', "import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'mssql', schema: './schema.ts' });\n");
    project.write('schema.ts', mssqlFixtureSource(1));
    v1 = await loadSchemaModel(await loadConfig({ cwd: project.dir }));
    project.write('schema.ts', mssqlFixtureSource(2));
    v2 = await loadSchemaModel(await loadConfig({ cwd: project.dir }));
    if (!url) return;
    admin = new mssql.ConnectionPool(poolConfig(url) as mssql.config);
    await admin.connect();
    await admin.request().batch(`create database [${dbName}]`);
    pool = new mssql.ConnectionPool(poolConfig(url, dbName) as mssql.config);
    await pool.connect();
  }, 60_000);

  afterAll(async () => {
    project?.remove();
    if (!url) return;
    await pool?.close();
    await admin.request().batch(`alter database [${dbName}] set single_user with rollback immediate; drop database [${dbName}]`);
    await admin.close();
  });

  const apply = async (from: SchemaModel, to: SchemaModel, answers: Record<string, string | null>): Promise<string[]> => {
    const diff = diffSnapshots(snap(from), snap(to), answers);
    if (diff.status !== 'ok') throw new Error(`unexpected rename questions: ${JSON.stringify(diff.questions)}`);
    const statements = mssqlRender(diff.changes, { from: snap(from), to: snap(to) }).map((s) => s.sql);
    for (const sql of statements) await pool.request().batch(sql);
    return statements;
  };
  const introspected = async () => canonicalModel(await mssqlIntrospect(sessionOf(pool), {}));

  it('renders the migrations this suite runs (checked without a server)', () => {
    const diff = diffSnapshots(snap(v1), snap(v2), renameAnswers);
    if (diff.status !== 'ok') throw new Error('rename questions');
    expect(mssqlRender(diff.changes, { from: snap(v1), to: snap(v2) }).length).toBeGreaterThan(5);
  });

  it.skipIf(!url)(`applies the fixture and introspects it back as the serializer's model ${reason}`, async () => {
    await apply({ ...v1, schemas: [], tables: [], views: [] }, v1, {});
    expect(await introspected()).toEqual(canonicalModel(mssqlSpelling(v1)));
    await pool.request().batch("insert into [dbo].[users] ([email]) values (N'ann@example.com')");
    const rows = (await pool.request().query('select [id], [email], [name], [active], [balance] from [dbo].[users]')).recordset;
    expect(rows).toEqual([{ id: 1, email: 'ann@example.com', name: 'anon', active: true, balance: 0 }]);
  });

  it.skipIf(!url)(`applies the second version, then its down migration, each introspected back ${reason}`, async () => {
    await pool.request().batch("insert into [dbo].[posts] ([author_id], [title]) values (1, N'Hello')");
    await apply(v1, v2, renameAnswers);
    expect(await introspected()).toEqual(canonicalModel(mssqlSpelling(v2)));
    expect((await pool.request().query('select [id], [headline] from [dbo].[posts]')).recordset).toEqual([{ id: 1000, headline: 'Hello' }]);
    await apply(v2, v1, { 'column:dbo.posts.title': 'headline' });
    expect(await introspected()).toEqual(canonicalModel(mssqlSpelling(v1)));
    expect((await pool.request().query('select [id], [title] from [dbo].[posts]')).recordset).toEqual([{ id: 1000, title: 'Hello' }]);
  });
});
