/** sluice/kit's defineConfig: each dialect takes its own driver, credentials and migrations options. */
import { defineConfig, type Config, type ResolvedConfig } from 'sluice/kit';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

expectType<Equal<ReturnType<typeof defineConfig>, Config>>();
expectType<Equal<ResolvedConfig['dialect'], 'postgresql' | 'mysql' | 'sqlite' | 'mssql' | 'cockroach'>>();

defineConfig({ dialect: 'postgresql', schema: './src/schema.ts' });
defineConfig({
  dialect: 'postgresql',
  driver: 'pglite',
  schema: ['./src/db/*.ts'],
  out: './migrations',
  casing: 'snake_case',
  tablesFilter: ['app_*', '!app_tmp'],
  schemaFilter: 'public',
  breakpoints: false,
  strict: true,
  verbose: true,
  dbCredentials: { url: 'postgres://localhost/app' },
  migrations: { table: 'history', schema: 'meta' },
});
defineConfig({ dialect: 'postgresql', driver: 'node-postgres', schema: 's.ts', dbCredentials: { host: 'db', port: 5432, user: 'u', password: 'p', database: 'app', ssl: 'verify-full' } });
defineConfig({ dialect: 'postgresql', driver: 'postgres-js', schema: 's.ts', dbCredentials: { host: 'db', database: 'app', ssl: { rejectUnauthorized: false } } });
defineConfig({ dialect: 'mysql', schema: 's.ts', dbCredentials: { url: 'mysql://root@localhost/app' }, migrations: { table: 'history' } });
defineConfig({ dialect: 'mysql', schema: 's.ts', dbCredentials: { host: 'db', database: 'app', ssl: 'Amazon RDS' } });
defineConfig({ dialect: 'sqlite', driver: 'better-sqlite3', schema: 's.ts', dbCredentials: { url: 'file:app.db' } });
defineConfig({ dialect: 'sqlite', driver: 'libsql', schema: 's.ts', dbCredentials: { url: 'libsql://x.turso.io', authToken: 't' } });
defineConfig({ dialect: 'turso', schema: 's.ts', dbCredentials: { url: 'libsql://x.turso.io', authToken: 't' } });
defineConfig({ dialect: 'mssql', schema: 's.ts', dbCredentials: { url: 'mssql://sa:pw@localhost:1433/app' }, migrations: { table: 'history', schema: 'meta' } });
defineConfig({ dialect: 'mssql', schema: 's.ts', dbCredentials: { host: 'db', port: 1433, user: 'sa', password: 'pw', database: 'app', options: { encrypt: true } } });
defineConfig({ dialect: 'cockroach', schema: 's.ts', dbCredentials: { url: 'postgresql://root@localhost:26257/app' }, migrations: { schema: 'meta' } });

// @ts-expect-error schema is required
defineConfig({ dialect: 'postgresql' });
// @ts-expect-error unknown dialect
defineConfig({ dialect: 'oracle', schema: 's.ts' });
// @ts-expect-error a SQLite driver on PostgreSQL
defineConfig({ dialect: 'postgresql', driver: 'libsql', schema: 's.ts' });
// @ts-expect-error MySQL has no driver option
defineConfig({ dialect: 'mysql', driver: 'mysql2', schema: 's.ts' });
// @ts-expect-error turso takes no driver
defineConfig({ dialect: 'turso', driver: 'libsql', schema: 's.ts' });
// @ts-expect-error authToken is a SQLite credential
defineConfig({ dialect: 'postgresql', schema: 's.ts', dbCredentials: { url: 'postgres://x', authToken: 't' } });
// @ts-expect-error SQLite credentials are a url
defineConfig({ dialect: 'sqlite', schema: 's.ts', dbCredentials: { host: 'db', database: 'app' } });
// @ts-expect-error migrations.schema is PostgreSQL only
defineConfig({ dialect: 'mysql', schema: 's.ts', migrations: { schema: 'meta' } });
// @ts-expect-error ssl mode spelled wrong
defineConfig({ dialect: 'postgresql', schema: 's.ts', dbCredentials: { host: 'db', database: 'app', ssl: 'required' } });
// @ts-expect-error host credentials need a database
defineConfig({ dialect: 'postgresql', schema: 's.ts', dbCredentials: { host: 'db' } });
// @ts-expect-error SQL Server host credentials need a database
defineConfig({ dialect: 'mssql', schema: 's.ts', dbCredentials: { host: 'db' } });
// @ts-expect-error CockroachDB connects with node-postgres only, no driver option
defineConfig({ dialect: 'cockroach', driver: 'node-postgres', schema: 's.ts' });
// @ts-expect-error casing spelled wrong
defineConfig({ dialect: 'sqlite', schema: 's.ts', casing: 'snake' });
// @ts-expect-error unknown top-level field
defineConfig({ dialect: 'sqlite', schema: 's.ts', outDir: './x' });
