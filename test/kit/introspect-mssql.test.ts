/**
 * SQL Server introspection without a server: the catalog's spellings normalised to the
 * serializer's, the fixture's catalog rows (support/mssql-catalog-rows.ts, shaped as SQL Server
 * returns them) read into exactly the serializer's model of the fixture, a fixed number of
 * catalog queries each parsed as T-SQL, and the reprint `push` compares expressions in. The live
 * round trip is test/live/mssql-kit.test.ts (SLUICE_MSSQL_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from 'sluice/kit';
import { mssqlSpelling, reprint } from '../../src/dialects/mssql/kit/as-database.js';
import { mssqlIntrospect, mssqlModelFromCatalog } from '../../src/dialects/mssql/kit/introspect.js';
import { normalizeDefault, normalizeExpression, normalizeType, normalizeViewDefinition, referentialAction } from '../../src/dialects/mssql/kit/introspect-normalize.js';
import { CATALOG_QUERIES, type CatalogRows } from '../../src/dialects/mssql/kit/introspect-queries.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { loadSchemaModel } from '../../src/kit/load-schema.js';
import { canonicalModel, emptySnapshot, type SchemaModel } from '../../src/kit/model.js';
import type { MigrationSession } from '../../src/kit/runner.js';
import { tsqlProblem } from '../support/tsql.js';
import { fixtureCatalogRows } from './support/mssql-catalog-rows.js';
import { mssqlFixtureSource } from './support/mssql-kit-fixture.js';
import { tempProject, type TempProject } from './support/project.js';

describe('mssql introspection: catalog spellings', () => {
  it('spells types from sys.types with lengths in characters, max, precision and scale', () => {
    expect(
      [
        ['nvarchar', 510, 0, 0],
        ['nvarchar', -1, 0, 0],
        ['nchar', 20, 0, 0],
        ['varchar', 255, 0, 0],
        ['varchar', -1, 0, 0],
        ['varbinary', -1, 0, 0],
        ['binary', 16, 0, 0],
        ['decimal', 9, 10, 2],
        ['numeric', 5, 5, 0],
        ['datetime2', 7, 23, 3],
        ['datetimeoffset', 10, 34, 7],
        ['time', 5, 16, 7],
        ['float', 8, 53, 0],
        ['real', 4, 24, 0],
        ['int', 4, 10, 0],
        ['BIT', 1, 1, 0],
        ['uniqueidentifier', 16, 0, 0],
      ].map(([t, l, p, s]) => normalizeType(t as string, l as number, p as number, s as number)),
    ).toEqual([
      'nvarchar(255)',
      'nvarchar(max)',
      'nchar(10)',
      'varchar(255)',
      'varchar(max)',
      'varbinary(max)',
      'binary(16)',
      'decimal(10,2)',
      'numeric(5,0)',
      'datetime2(3)',
      'datetimeoffset(7)',
      'time(7)',
      'float',
      'real',
      'int',
      'bit',
      'uniqueidentifier',
    ]);
  });

  it("takes SQL Server's parentheses off defaults: two around numbers, one elsewhere", () => {
    expect(['((1))', '((0))', '((-5))', '((1.50))', "(N'anon')", "('it''s')", '(getdate())', '(newid())', "(N'(x)')", '((1)+(2))'].map(normalizeDefault)).toEqual([
      '1',
      '0',
      '-5',
      '1.50',
      "N'anon'",
      "'it''s'",
      'getdate()',
      'newid()',
      "N'(x)'",
      '(1)+(2)',
    ]);
  });

  it('takes the outer parentheses off checks, filters and computed columns, and only a pair that encloses all', () => {
    expect(normalizeExpression('([balance]>=(0))')).toBe('[balance]>=(0)');
    expect(normalizeExpression('([a]>(0)) AND ([b]>(0))')).toBe('([a]>(0)) AND ([b]>(0))');
    expect(normalizeExpression("([name]<>N')')")).toBe("[name]<>N')'");
  });

  it('reads the defining query out of the CREATE VIEW text sql_modules keeps', () => {
    expect(normalizeViewDefinition('CREATE VIEW [dbo].[v] AS select 1 as [x]')).toBe('select 1 as [x]');
    expect(normalizeViewDefinition('create view app.v\nwith schemabinding, view_metadata\nas\nselect [id] from [dbo].[t]\nWITH CHECK OPTION;')).toBe('select [id] from [dbo].[t]');
    expect(normalizeViewDefinition('CREATE VIEW [we]]ird] ([a]) AS select 1')).toBe('select 1');
  });

  it('reads referential actions', () => {
    expect(['NO_ACTION', 'CASCADE', 'SET_NULL', 'SET_DEFAULT'].map(referentialAction)).toEqual(['no action', 'cascade', 'set null', 'set default']);
  });

  it("writes expressions the way SQL Server reprints them, for push's comparison", () => {
    expect(reprint('[balance] >= 0')).toBe('[balance]>=(0)');
    expect(reprint('[deleted_at] is null')).toBe('[deleted_at] IS NULL');
    expect(reprint("len([email]) > 3 and [name] <> N''")).toBe("len([email])>(3) AND [name]<>N''");
    expect(reprint('[price] * 2 + -1')).toBe('[price]*(2)+(-1)');
    expect(reprint("LEFT([name], 3) = N'abc'")).toBe("left([name],(3))=N'abc'");
    expect(reprint('[a] between 1 and 10')).toBe('[a] BETWEEN (1) AND (10)');
    expect(reprint('CURRENT_TIMESTAMP')).toBe('getdate()');
  });

  it('reprints expression defaults and keeps literal ones', () => {
    const model = mssqlSpelling({
      dialect: 'mssql',
      schemas: [],
      enums: [],
      sequences: [],
      roles: [],
      views: [],
      tables: [
        {
          schema: 'dbo',
          name: 't',
          columns: ['CURRENT_TIMESTAMP', 'NEWID()', "N'x'", '-1.5', '0x0A'].map((d, i) => ({
            name: `c${i}`,
            type: 'int',
            typeSchema: undefined,
            notNull: false,
            default: d,
            generated: undefined,
            identity: undefined,
            autoincrement: false,
            onUpdate: undefined,
          })),
          primaryKey: undefined,
          foreignKeys: [],
          uniques: [],
          checks: [],
          indexes: [],
          rlsEnabled: false,
          policies: [],
        },
      ],
    });
    expect(model.tables[0]!.columns.map((c) => c.default)).toEqual(['getdate()', 'newid()', "N'x'", '-1.5', '0x0A']);
  });
});

describe('mssql introspection: the fixture', () => {
  let project: TempProject;
  let schemaModel: SchemaModel;
  beforeAll(async () => {
    project = tempProject();
    project.write('sluice.config.ts', "import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'mssql', schema: './schema.ts' });\n");
    project.write('schema.ts', mssqlFixtureSource(1));
    schemaModel = await loadSchemaModel(await loadConfig({ cwd: project.dir }));
  }, 60_000);
  afterAll(() => project?.remove());

  it("reads the fixture's catalog rows into the serializer's model, spelled as SQL Server prints expressions", () => {
    const introspected = mssqlModelFromCatalog(fixtureCatalogRows);
    expect(canonicalModel(introspected)).toEqual(canonicalModel(mssqlSpelling(schemaModel)));
    expect(introspected.tables.map((t) => `${t.schema}.${t.name}`).sort()).toEqual(['billing.invoices', 'dbo.posts', 'dbo.users']);
    // What push compares: no difference at all.
    const live = { ...emptySnapshot('mssql'), ...introspected };
    const wanted = { ...emptySnapshot('mssql'), ...mssqlSpelling(schemaModel) };
    expect(diffSnapshots(live, wanted, {})).toEqual({ status: 'ok', changes: [] });
  });

  it('sees a changed default, a dropped check and a new index in the catalog as differences', () => {
    const rows: CatalogRows = structuredClone(fixtureCatalogRows);
    rows.columns.find((c) => c.name === 'active')!.default_definition = '((0))';
    rows.checks = [];
    rows.indexes.push({ ...rows.indexes.find((i) => i.name === 'users_name_index')!, name: 'users_bio_index', column_name: 'bio' });
    const live = { ...emptySnapshot('mssql'), ...mssqlModelFromCatalog(rows) };
    const wanted = { ...emptySnapshot('mssql'), ...mssqlSpelling(schemaModel) };
    const result = diffSnapshots(live, wanted, {});
    if (result.status !== 'ok') throw new Error(result.status);
    expect(result.changes.map((c) => c.kind).sort()).toEqual(['add_check', 'alter_column', 'drop_index']);
  });

  it('runs 7 catalog queries for the whole database, each of them T-SQL, and leaves out the tracking table', async () => {
    const sent: string[] = [];
    const byQuery = new Map<string, unknown[]>(Object.entries(CATALOG_QUERIES).map(([k, q]) => [q, fixtureCatalogRows[k as keyof CatalogRows]]));
    const session = {
      dialect: 'mssql',
      execute: async () => {},
      query: async (sql: string) => {
        sent.push(sql);
        const rows = byQuery.get(sql);
        if (rows === undefined) throw new Error(`unexpected query ${sql}`);
        return rows;
      },
      transaction: async () => {
        throw new Error('not used');
      },
    } as unknown as MigrationSession;
    const steps: string[] = [];
    const model = await mssqlIntrospect(session, { onProgress: (s) => steps.push(s) });
    expect(sent).toHaveLength(7);
    expect(steps).toEqual(['schemas', 'tables', 'columns', 'indexes', 'foreignKeys', 'checks', 'views']);
    expect(model.tables.some((t) => t.name === '__sluice_migrations')).toBe(false);
    for (const sql of sent) expect(await tsqlProblem(sql), sql).toBeUndefined();

    const billingOnly = await mssqlIntrospect(session, { schemas: ['billing'] });
    expect([billingOnly.schemas, billingOnly.tables.map((t) => t.name), billingOnly.views]).toEqual([['billing'], ['invoices'], []]);
  });
});
