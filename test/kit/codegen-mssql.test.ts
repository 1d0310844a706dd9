/**
 * `pull`'s code generation for SQL Server, checked by round trip: the kit fixture's model (the
 * serializer's, which introspection reproduces: introspect-mssql.test.ts) written as TypeScript,
 * loaded with the kit's loader and serialized again gives the same model, and the file compiles
 * under strict tsc.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from 'sluice/kit';
import { mssqlSerialize } from '../../src/dialects/mssql/kit/serialize.js';
import { generateSchemaSource } from '../../src/kit/codegen.js';
import { createModuleLoader } from '../../src/kit/config-loader.js';
import { loadSchemaModel } from '../../src/kit/load-schema.js';
import { canonicalModel, type SchemaModel } from '../../src/kit/model.js';
import { mssqlFixtureSource } from './support/mssql-kit-fixture.js';
import { tempProject, type TempProject } from './support/project.js';

const repo = resolve(import.meta.dirname, '..', '..');

describe('generateSchemaSource for SQL Server', () => {
  let project: TempProject;
  let model: SchemaModel;
  let files: { schema: string; relations: string };
  beforeAll(async () => {
    project = tempProject();
    project.write('sluice.config.ts', "import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'mssql', schema: './schema.ts' });\n");
    project.write('schema.ts', mssqlFixtureSource(1));
    model = await loadSchemaModel(await loadConfig({ cwd: project.dir }));
    files = generateSchemaSource(model, { dialect: 'mssql', casing: 'camel', relations: 'v1' });
    project.write('out/schema.ts', files.schema);
    project.write('out/relations.ts', files.relations);
  }, 60_000);
  afterAll(() => project?.remove());

  it('writes mssqlTable source that serializes back to the same model', async () => {
    expect(files.schema).toContain("export const billingSchema = mssqlSchema('billing');");
    expect(files.schema).toContain('id: int().primaryKey().identity(),');
    expect(files.schema).toContain("id: bigint({ mode: 'number' }).primaryKey().identity({ seed: 1000, increment: 1 }),");
    expect(files.schema).toContain("name: nvarchar({ length: 100 }).notNull().default('anon'),");
    expect(files.schema).toContain("bio: nvarchar({ length: 'max' }),");
    expect(files.schema).toContain("notes: varchar({ length: 'max' }),");
    expect(files.schema).toContain('active: bit().notNull().default(true),');
    expect(files.schema).toContain("balance: decimal({ precision: 10, scale: 2 }).notNull().default('0.00'),");
    expect(files.schema).toContain("createdAt: datetime2('created_at', { mode: 'string', precision: 3 }).notNull().defaultGetDate()");
    expect(files.schema).toContain("export const invoices = billingSchema.table('invoices', {");
    expect(files.schema).toContain("authorId: int('author_id').notNull().references((): AnyMsSqlColumn => users.id, { onDelete: 'cascade' }),");
    expect(files.schema).toContain("uniqueIndex('users_email_live_unique').on(t.email).where(sql`[deleted_at] is null`),");
    expect(files.schema).toContain("mssqlView('active_users', {}).as(sql`select [id], [email] from [users] where [users].[active] = 1`)");
    const loader = createModuleLoader(project.path('out'));
    const exports = await loader.load(project.path('out', 'schema.ts'));
    const again = mssqlSerialize(Object.values(exports), { casing: undefined });
    expect(canonicalModel(again)).toEqual(canonicalModel(model));
  });

  it('compiles under strict tsc', { timeout: 120_000 }, async () => {
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        useDefineForClassFields: false,
        types: ['node'],
        typeRoots: [join(repo, 'node_modules', '@types')],
        paths: { sluice: [join(repo, 'src/index.ts')], 'sluice/mssql-core': [join(repo, 'src/dialects/mssql/index.ts')] },
      },
      include: ['out/*.ts'],
    };
    project.write('tsconfig.json', JSON.stringify(tsconfig, null, 2));
    const tsc = join(repo, 'node_modules', '.bin', 'tsc');
    const result = await promisify(execFile)(tsc, ['-p', project.path('tsconfig.json')], { cwd: project.dir }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
  });
});
