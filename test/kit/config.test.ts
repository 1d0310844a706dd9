import { afterEach, describe, expect, it } from 'vitest';
import { getTableConfig } from 'sluice/pg-core';
import { ConfigError, defineConfig, filterModel, findConfigFile, loadConfig, loadSchemaExports, resolveConfig, resolveSchemaFiles, SchemaLoadError } from 'sluice/kit';
import type { SchemaModel } from 'sluice/kit';
import { globFilter } from '../../src/kit/load-schema.js';
import { table as tableModel } from './support/model-builders.js';
import { tempProject, type TempProject } from './support/project.js';

type PgTableArg = Parameters<typeof getTableConfig>[0];

let project: TempProject;
afterEach(() => project?.remove());

const cwd = '/work/app';
const resolveAt = (raw: unknown) => resolveConfig(raw, { cwd });

describe('resolveConfig', () => {
  it('fills in defaults and makes paths absolute', () => {
    const config = resolveAt({ dialect: 'postgresql', schema: './src/schema.ts' });
    expect(config).toEqual({
      dialect: 'postgresql',
      driver: undefined,
      dbCredentials: undefined,
      schema: ['/work/app/src/schema.ts'],
      out: '/work/app/drizzle',
      tablesFilter: undefined,
      schemaFilter: undefined,
      casing: undefined,
      migrations: {},
      breakpoints: true,
      strict: false,
      verbose: false,
      cwd,
      configPath: undefined,
    });
  });

  it('keeps what the config gives', () => {
    const config = resolveAt({
      dialect: 'postgresql',
      driver: 'pglite',
      schema: ['./a.ts', 'src/**/*.ts', '!src/skip.ts'],
      out: 'migrations',
      tablesFilter: 'app_*',
      schemaFilter: ['public', 'auth'],
      casing: 'snake_case',
      migrations: { table: 'history', schema: 'meta', prefix: 'timestamp' },
      breakpoints: false,
      strict: true,
      verbose: true,
      dbCredentials: { host: 'localhost', port: 5433, user: 'me', password: 'pw', database: 'app', ssl: 'require' },
    });
    expect(config.schema).toEqual(['/work/app/a.ts', '/work/app/src/**/*.ts', '!/work/app/src/skip.ts']);
    expect(config.out).toBe('/work/app/migrations');
    expect(config.tablesFilter).toEqual(['app_*']);
    expect(config.schemaFilter).toEqual(['public', 'auth']);
    expect(config.migrations).toEqual({ table: 'history', schema: 'meta' });
    expect([config.breakpoints, config.strict, config.verbose, config.casing, config.driver]).toEqual([false, true, true, 'snake_case', 'pglite']);
    expect(config.dbCredentials).toEqual({ host: 'localhost', port: 5433, user: 'me', password: 'pw', database: 'app', ssl: 'require' });
  });

  it("reads dialect 'turso' as SQLite over libsql", () => {
    const config = resolveAt({ dialect: 'turso', schema: 's.ts', dbCredentials: { url: 'libsql://x.turso.io', authToken: 't' } });
    expect([config.dialect, config.driver]).toEqual(['sqlite', 'libsql']);
  });

  it('takes a schemaFilter for SQL Server, whose schemas introspection reads', () => {
    expect(resolveAt({ dialect: 'mssql', schema: 's.ts', schemaFilter: ['dbo', 'app'] }).schemaFilter).toEqual(['dbo', 'app']);
  });

  it.each([
    [undefined, 'config: expected a config object'],
    [{ schema: 's.ts' }, '`dialect` is required'],
    [{ dialect: 'oracle', schema: 's.ts' }, "unknown `dialect` 'oracle'"],
    [{ dialect: 'mysql' }, '`schema` is required'],
    [{ dialect: 'mysql', schema: [] }, '`schema` is an empty list'],
    [{ dialect: 'mysql', schema: ['a.ts', 3] }, '`schema` must be a string or a list of strings'],
    [{ dialect: 'mysql', schema: 's.ts', out: 5 }, '`out` must be a folder path'],
    [{ dialect: 'mysql', schema: 's.ts', casing: 'kebab' }, "`casing` must be 'snake_case' or 'camelCase'"],
    [{ dialect: 'mysql', schema: 's.ts', breakpoints: 'no' }, '`breakpoints` must be true or false'],
    [{ dialect: 'mysql', schema: 's.ts', schemaFilter: ['x'] }, '`schemaFilter` applies to PostgreSQL, CockroachDB and SQL Server only'],
    [{ dialect: 'mysql', schema: 's.ts', driver: 'mysql2' }, '`driver` is not used with dialect'],
    [{ dialect: 'postgresql', schema: 's.ts', driver: 'libsql' }, "unknown `driver` 'libsql' for dialect 'postgresql'"],
    [{ dialect: 'turso', schema: 's.ts', driver: 'libsql' }, "`driver` is not used with dialect 'turso'"],
    [{ dialect: 'sqlite', schema: 's.ts', dbCredentials: {} }, '`dbCredentials.url` is required for SQLite'],
    [{ dialect: 'sqlite', schema: 's.ts', dbCredentials: { url: 'x.db', host: 'h' } }, 'unknown field `dbCredentials.host` for SQLite'],
    [{ dialect: 'postgresql', schema: 's.ts', dbCredentials: { url: 'postgres://x', host: 'h' } }, '`dbCredentials.host` cannot be combined with `dbCredentials.url`'],
    [{ dialect: 'postgresql', schema: 's.ts', dbCredentials: { host: 'h' } }, '`dbCredentials.database` is required'],
    [{ dialect: 'postgresql', schema: 's.ts', dbCredentials: { host: 'h', database: 'd', port: '5432' } }, '`dbCredentials.port` must be a number'],
    [{ dialect: 'postgresql', schema: 's.ts', dbCredentials: { host: 'h', database: 'd', ssl: 'sometimes' } }, '`dbCredentials.ssl` has an unsupported value'],
    [{ dialect: 'mysql', schema: 's.ts', migrations: { schema: 'x' } }, '`migrations.schema` applies to PostgreSQL, CockroachDB and SQL Server only'],
    [{ dialect: 'mysql', schema: 's.ts', migrations: { tabel: 'x' } }, 'unknown field `migrations.tabel`'],
    [{ dialect: 'mysql', schema: 's.ts', outDir: 'x' }, 'unknown field `outDir`'],
  ])('rejects %j naming the field', (raw, message) => {
    expect(() => resolveAt(raw)).toThrow(ConfigError);
    expect(() => resolveAt(raw)).toThrow(message);
  });

  it('makes local database paths absolute, leaving memory and remote URLs alone', () => {
    const url = (dialect: string, value: string, driver?: string) => resolveAt({ dialect, driver, schema: 's.ts', dbCredentials: { url: value } }).dbCredentials?.url;
    expect(url('sqlite', './app.db')).toBe('/work/app/app.db');
    expect(url('sqlite', 'data/app.db')).toBe('/work/app/data/app.db');
    expect(url('sqlite', 'file:app.db')).toBe('file:/work/app/app.db');
    expect(url('sqlite', 'file:///srv/app.db')).toBe('file:///srv/app.db');
    expect(url('sqlite', '/srv/app.db')).toBe('/srv/app.db');
    expect(url('sqlite', ':memory:')).toBe(':memory:');
    expect(url('turso', 'libsql://db.turso.io')).toBe('libsql://db.turso.io');
    expect(url('postgresql', './pgdata', 'pglite')).toBe('/work/app/pgdata');
    expect(url('postgresql', 'memory://', 'pglite')).toBe('memory://');
    expect(url('postgresql', 'postgres://localhost/app')).toBe('postgres://localhost/app');
  });

  it('accepts drizzle-kit options for commands it does not have yet', () => {
    expect(resolveAt({ dialect: 'postgresql', schema: 's.ts', introspect: { casing: 'camel' }, entities: { roles: true }, extensionsFilters: ['postgis'] }).dialect).toBe('postgresql');
  });

  it('defineConfig returns its argument', () => {
    const config = { dialect: 'sqlite', schema: 's.ts' } as const;
    expect(defineConfig(config)).toBe(config);
  });
});

describe('finding and loading the config file', () => {
  it('prefers --config, then sluice.config.*, then drizzle.config.*', () => {
    project = tempProject();
    expect(() => findConfigFile({ cwd: project.dir })).toThrow(/no config file in .*: create sluice.config.ts/);
    project.write('drizzle.config.ts', 'export default {}');
    expect(findConfigFile({ cwd: project.dir })).toBe(project.path('drizzle.config.ts'));
    project.write('sluice.config.mjs', 'export default {}');
    expect(findConfigFile({ cwd: project.dir })).toBe(project.path('sluice.config.mjs'));
    project.write('sluice.config.ts', 'export default {}');
    expect(findConfigFile({ cwd: project.dir })).toBe(project.path('sluice.config.ts'));
    project.write('conf/other.ts', 'export default {}');
    expect(findConfigFile({ cwd: project.dir, config: 'conf/other.ts' })).toBe(project.path('conf/other.ts'));
    expect(() => findConfigFile({ cwd: project.dir, config: 'missing.ts' })).toThrow(`config file not found: ${project.path('missing.ts')}`);
  });

  it('loads a drizzle.config.ts importing defineConfig from drizzle-kit when drizzle-kit is not installed', async () => {
    project = tempProject();
    project.write(
      'drizzle.config.ts',
      `import { defineConfig } from 'drizzle-kit';
const out: string = './migrations';
export default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out, dbCredentials: { url: 'postgres://localhost/app' } });
`,
    );
    const config = await loadConfig({ cwd: project.dir });
    expect(config.configPath).toBe(project.path('drizzle.config.ts'));
    expect(config.out).toBe(project.path('migrations'));
    expect(config.schema).toEqual([project.path('src/schema.ts')]);
    expect(config.dbCredentials).toEqual({ url: 'postgres://localhost/app' });
  });

  it('loads a sluice.config.ts importing sluice/kit', async () => {
    project = tempProject();
    project.write('sluice.config.ts', `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: 'schema.ts', casing: 'snake_case' });\n`);
    const config = await loadConfig({ cwd: project.dir });
    expect([config.dialect, config.casing]).toEqual(['sqlite', 'snake_case']);
  });

  it('names the file when the config has no default export or a bad field', async () => {
    project = tempProject();
    project.write('sluice.config.ts', 'export const config = {};\n');
    await expect(loadConfig({ cwd: project.dir })).rejects.toThrow(`${project.path('sluice.config.ts')}: no default export`);
    project.write('sluice.config.ts', "export default { dialect: 'postgres', schema: 's.ts' };\n");
    await expect(loadConfig({ cwd: project.dir })).rejects.toThrow(`${project.path('sluice.config.ts')}: unknown \`dialect\` 'postgres'`);
  });

  it('reports a syntax error in the config with its file and line', async () => {
    project = tempProject();
    project.write('sluice.config.ts', "export default {\n  dialect: 'sqlite',,\n};\n");
    await expect(loadConfig({ cwd: project.dir })).rejects.toThrow(new RegExp(`cannot load ${project.path('sluice.config.ts')}: .*sluice\\.config\\.ts:2:`));
  });
});

describe('schema files', () => {
  const table = (name: string) => `import { pgTable, serial, text } from 'sluice/pg-core';\nexport const ${name} = pgTable('${name}', { id: serial('id').primaryKey(), name: text('name') });\n`;

  it('resolves files, folders (recursively), globs, negations and lists', async () => {
    project = tempProject();
    const a = project.write('src/a.ts', '');
    const b = project.write('src/nested/b.ts', '');
    const c = project.write('src/nested/c.js', '');
    project.write('src/nested/types.d.ts', '');
    project.write('src/readme.md', '');
    const d = project.write('lib/d.ts', '');
    const e = project.write('lib/e.ts', '');
    expect(await resolveSchemaFiles([project.path('src')], project.dir)).toEqual([a, b, c]);
    expect(await resolveSchemaFiles([project.path('lib/*.ts'), `!${project.path('lib/e.ts')}`], project.dir)).toEqual([d]);
    expect(await resolveSchemaFiles([e, project.path('src/nested')], project.dir)).toEqual([e, b, c].sort());
    await expect(resolveSchemaFiles([project.path('nope.ts')], project.dir)).rejects.toThrow('schema path not found: nope.ts');
    await expect(resolveSchemaFiles([project.path('lib/*.sql')], project.dir)).rejects.toThrow('no schema files match lib/*.sql');
  });

  it('collects every export once, across files and re-exports', async () => {
    project = tempProject();
    project.write('schema/users.ts', table('users'));
    project.write('schema/posts.ts', table('posts'));
    project.write('schema/index.ts', "export * from './users.js';\nexport { posts as allPosts } from './posts.js';\n");
    const exports = await loadSchemaExports({ schema: [project.path('schema')], cwd: project.dir });
    const names = exports.map((t) => getTableConfig(t as PgTableArg).name).sort();
    expect(names).toEqual(['posts', 'users']);
  });

  it("follows ESM '.js' specifiers to .ts files and tsconfig paths", async () => {
    project = tempProject();
    project.write('tsconfig.json', '{\n  // paths as an app sets them\n  "compilerOptions": { "baseUrl": ".", "paths": { "@db/*": ["src/db/*"], "~columns": ["src/db/columns.ts"], }, },\n}\n');
    project.write('src/db/columns.ts', "import { text } from 'sluice/pg-core';\nexport const label = () => text('label').notNull();\n");
    project.write('src/db/base.ts', "export const prefix = 'app_';\n");
    project.write(
      'src/schema.ts',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is TypeScript source holding a template literal
      "import { pgTable, serial } from 'sluice/pg-core';\nimport { prefix } from '@db/base';\nimport { label } from '~columns';\nimport { extra } from './extra.js';\nexport const items = pgTable(`${prefix}items`, { id: serial('id').primaryKey(), label: label(), ...extra });\n",
    );
    project.write('src/extra.ts', "import { integer } from 'sluice/pg-core';\nexport const extra = { qty: integer('qty') };\n");
    const [items] = await loadSchemaExports({ schema: [project.path('src/schema.ts')], cwd: project.dir });
    const config = getTableConfig(items as PgTableArg);
    expect(config.name).toBe('app_items');
    expect(config.columns.map((c) => [c.name, c.notNull])).toEqual([
      ['id', true],
      ['label', true],
      ['qty', false],
    ]);
  });

  it('reads tsconfig paths without baseUrl relative to the tsconfig, through a relative extends', async () => {
    project = tempProject();
    project.write('tsconfig.base.json', '{ "compilerOptions": { "paths": { "#lib/*": ["./shared/*"] } } }');
    project.write('tsconfig.json', '{ "extends": "./tsconfig.base", "compilerOptions": { "strict": true } }');
    project.write('shared/name.ts', "export const tableName = 'from_shared';\n");
    project.write('schema.ts', "import { sqliteTable, integer } from 'sluice/sqlite-core';\nimport { tableName } from '#lib/name';\nexport const t = sqliteTable(tableName, { id: integer('id') });\n");
    const { getTableConfig: sqliteConfig } = await import('sluice/sqlite-core');
    const [t] = await loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir });
    expect(sqliteConfig(t as Parameters<typeof sqliteConfig>[0]).name).toBe('from_shared');
  });

  it("loads a drizzle project's schema (drizzle-orm imports) when drizzle-orm is not installed", async () => {
    project = tempProject();
    project.write(
      'schema.ts',
      "import { pgTable, serial, varchar } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';\nexport const users = pgTable('users', { id: serial('id').primaryKey(), email: varchar('email', { length: 256 }).default(sql`'x'`) });\n",
    );
    const [users] = await loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir });
    expect(getTableConfig(users as PgTableArg).columns.map((c) => c.name)).toEqual(['id', 'email']);
  });

  it('refuses drizzle-orm tables when drizzle-orm is installed, telling how to switch', async () => {
    project = tempProject();
    project.link('drizzle-orm');
    project.write('schema.ts', "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: serial('id').primaryKey() });\n");
    const load = loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir });
    await expect(load).rejects.toThrow(SchemaLoadError);
    await expect(loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir })).rejects.toThrow(
      "schema.ts: export `users` is a drizzle-orm PgTable, built by the installed drizzle-orm package. sluice reads schemas written with sluice: change the file's imports from 'drizzle-orm/...' to 'sluice/...'",
    );
  });

  it('reports a syntax error in a schema file with the file and line', async () => {
    project = tempProject();
    project.write('schema.ts', "import { pgTable } from 'sluice/pg-core';\n\nexport const t = pgTable('t', {\n  id: ,\n});\n");
    await expect(loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir })).rejects.toThrow(new RegExp(`schema cannot load ${project.path('schema.ts')}: .*schema\\.ts:4:`));
  });

  it('re-reads a schema file that changed between loads', async () => {
    project = tempProject();
    project.write('schema.ts', table('first'));
    const [one] = await loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir });
    project.write('schema.ts', table('second'));
    const [two] = await loadSchemaExports({ schema: [project.path('schema.ts')], cwd: project.dir });
    expect([getTableConfig(one as PgTableArg).name, getTableConfig(two as PgTableArg).name]).toEqual(['first', 'second']);
  });
});

describe('filters', () => {
  it('globFilter: globs include, ! excludes, only negations keep the rest', () => {
    const names = ['users', 'user_roles', 'posts', 'audit_log', 'a.b'];
    expect(names.filter(globFilter(['user*']))).toEqual(['users', 'user_roles']);
    expect(names.filter(globFilter(['!audit_*']))).toEqual(['users', 'user_roles', 'posts', 'a.b']);
    expect(names.filter(globFilter(['*s', '!user?']))).toEqual(['user_roles', 'posts']);
    expect(names.filter(globFilter(['a.b']))).toEqual(['a.b']);
    expect(names.filter(globFilter(['a?b', 'post']))).toEqual(['a.b']);
    expect(names.filter(globFilter(undefined))).toEqual(names);
  });

  it('filterModel narrows tables, views and schema objects', () => {
    const table = (schema: string, name: string) => tableModel(name, [], { schema });
    const model: SchemaModel = {
      dialect: 'postgresql',
      schemas: ['auth', 'audit'],
      enums: [
        { schema: 'public', name: 'mood', values: ['a'] },
        { schema: 'audit', name: 'level', values: ['b'] },
      ],
      sequences: [],
      tables: [table('public', 'users'), table('public', 'tmp_x'), table('auth', 'sessions'), table('audit', 'log')],
      views: [{ schema: 'public', name: 'tmp_view', definition: 'select 1', materialized: false, options: {} }],
      roles: [],
    };
    const filtered = filterModel(model, { tablesFilter: ['!tmp_*'], schemaFilter: ['public', 'auth'] });
    expect(filtered.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.users', 'auth.sessions']);
    expect(filtered.views).toEqual([]);
    expect(filtered.schemas).toEqual(['auth']);
    expect(filtered.enums.map((e) => e.name)).toEqual(['mood']);
    expect(filterModel(model, {})).toEqual(model);
  });
});
