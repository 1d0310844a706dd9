import { isAbsolute, resolve } from 'node:path';
import type { KitCasing } from './dialect.js';
import { isPgFamily, type KitDialectName } from './model.js';
import type { MigrationsTableOptions } from './runner.js';
import { ConfigError } from './config-errors.js';

/** A config after validation, with defaults applied and paths made absolute. */
export interface ResolvedConfig {
  dialect: KitDialectName;
  /** The driver the config names (`turso` configs say `libsql`). */
  driver: string | undefined;
  dbCredentials: Record<string, unknown> | undefined;
  /** Schema paths and globs, absolute. */
  schema: string[];
  /** The migrations folder, absolute. */
  out: string;
  tablesFilter: string[] | undefined;
  schemaFilter: string[] | undefined;
  casing: KitCasing | undefined;
  migrations: MigrationsTableOptions;
  breakpoints: boolean;
  strict: boolean;
  verbose: boolean;
  /** The directory relative paths were resolved against. */
  cwd: string;
  /** The file the config came from, when it came from one. */
  configPath: string | undefined;
}

const dialects = ['postgresql', 'mysql', 'sqlite', 'turso', 'mssql', 'cockroach'] as const;
const drivers: Record<KitDialectName, readonly string[]> = {
  postgresql: ['pglite', 'node-postgres', 'postgres-js'],
  mysql: [],
  sqlite: ['better-sqlite3', 'libsql', 'turso'],
  mssql: [],
  // CockroachDB speaks PostgreSQL's protocol; the kit connects to it with node-postgres only.
  cockroach: [],
};
/** The one client a dialect without a choice of drivers connects with. */
const onlyClient: Partial<Record<KitDialectName, string>> = { mysql: 'mysql2', mssql: 'mssql', cockroach: 'node-postgres' };
const known = new Set(['dialect', 'schema', 'out', 'tablesFilter', 'schemaFilter', 'casing', 'breakpoints', 'strict', 'verbose', 'driver', 'dbCredentials', 'migrations']);
// drizzle-kit options for commands sluice does not have yet (pull, studio); a moved config keeps them.
const ignored = new Set(['introspect', 'entities', 'extensionsFilters', 'schemaFilters']);
const pgSsl = ['require', 'allow', 'prefer', 'verify-full'];

/**
 * Checks a config object and fills in its defaults. Throws a `ConfigError` naming the bad field.
 *
 * @example
 * const config = resolveConfig({ dialect: 'sqlite', schema: './src/schema.ts' }, { cwd: process.cwd() });
 */
export function resolveConfig(raw: unknown, options: { cwd: string; configPath?: string }): ResolvedConfig {
  const where = options.configPath === undefined ? 'config' : options.configPath;
  const fail = (message: string): never => {
    throw new ConfigError(`${where}: ${message}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(`expected a config object (export default defineConfig({ ... })), got ${describe(raw)}`);
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) if (!known.has(key) && !ignored.has(key)) fail(`unknown field \`${key}\``);

  if (c.dialect === undefined) fail(`\`dialect\` is required: one of ${dialects.map((d) => `'${d}'`).join(', ')}`);
  if (!(dialects as readonly unknown[]).includes(c.dialect)) fail(`unknown \`dialect\` ${describe(c.dialect)}: expected one of ${dialects.map((d) => `'${d}'`).join(', ')}`);
  const written = c.dialect as (typeof dialects)[number];
  const dialect: KitDialectName = written === 'turso' ? 'sqlite' : written;

  if (c.schema === undefined) fail('`schema` is required: a file, folder or glob of schema files, or a list of them');
  const schema = stringList(c.schema, 'schema', fail);
  if (schema.length === 0) fail('`schema` is an empty list');
  const out = c.out === undefined ? './drizzle' : c.out;
  if (typeof out !== 'string' || out === '') fail(`\`out\` must be a folder path, got ${describe(out)}`);
  const tablesFilter = c.tablesFilter === undefined ? undefined : stringList(c.tablesFilter, 'tablesFilter', fail);
  const schemaFilter = c.schemaFilter === undefined ? undefined : stringList(c.schemaFilter, 'schemaFilter', fail);
  if (schemaFilter !== undefined && !isPgFamily(dialect) && dialect !== 'mssql') fail('`schemaFilter` applies to PostgreSQL, CockroachDB and SQL Server only');
  if (c.casing !== undefined && c.casing !== 'snake_case' && c.casing !== 'camelCase') fail(`\`casing\` must be 'snake_case' or 'camelCase', got ${describe(c.casing)}`);
  for (const flag of ['breakpoints', 'strict', 'verbose'] as const) if (c[flag] !== undefined && typeof c[flag] !== 'boolean') fail(`\`${flag}\` must be true or false, got ${describe(c[flag])}`);

  let driver: string | undefined;
  if (written === 'turso') {
    if (c.driver !== undefined) fail("`driver` is not used with dialect 'turso' (it is libsql)");
    driver = 'libsql';
  } else if (c.driver !== undefined) {
    const allowed = drivers[dialect];
    if (allowed.length === 0) fail(`\`driver\` is not used with dialect '${dialect}' (it connects with ${onlyClient[dialect]}), got ${describe(c.driver)}`);
    if (!allowed.includes(c.driver as string)) fail(`unknown \`driver\` ${describe(c.driver)} for dialect '${dialect}': expected one of ${allowed.map((d) => `'${d}'`).join(', ')}`);
    driver = c.driver as string;
  }

  const cwd = options.cwd;
  let dbCredentials = c.dbCredentials === undefined ? undefined : credentials(c.dbCredentials, dialect, fail);
  // A database file (SQLite, a PGlite directory) is relative to where the command runs, like the
  // other paths, not to whatever directory the process that opens it happens to be in.
  if (dbCredentials !== undefined && typeof dbCredentials.url === 'string' && (dialect === 'sqlite' || driver === 'pglite')) {
    dbCredentials = { ...dbCredentials, url: localDatabaseUrl(dbCredentials.url, cwd) };
  }
  const migrations = migrationsOptions(c.migrations, dialect, fail);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return {
    dialect,
    driver,
    dbCredentials,
    schema: schema.map((s) => (s.startsWith('!') ? `!${abs(s.slice(1))}` : abs(s))),
    out: abs(out as string),
    tablesFilter,
    schemaFilter,
    casing: c.casing as KitCasing | undefined,
    migrations,
    breakpoints: c.breakpoints !== false,
    strict: c.strict === true,
    verbose: c.verbose === true,
    cwd,
    configPath: options.configPath,
  };
}

/** `app.db`, `./app.db`, `file:app.db` -> absolute; in-memory and remote URLs unchanged. */
function localDatabaseUrl(url: string, cwd: string): string {
  if (url === ':memory:' || url === 'file::memory:' || url === 'memory://' || url === '') return url;
  const file = /^file:(\/\/)?/.exec(url);
  if (file === null && /^[a-z][a-z0-9+.-]+:/i.test(url)) return url;
  const path = file === null ? url : url.slice(file[0].length);
  if (isAbsolute(path)) return url;
  return file === null ? resolve(cwd, path) : `file:${resolve(cwd, path)}`;
}

function stringList(value: unknown, field: string, fail: (m: string) => never): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) fail(`\`${field}\` must be a string or a list of strings, got ${describe(value)}`);
  return list as string[];
}

function credentials(value: unknown, dialect: KitDialectName, fail: (m: string) => never): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`\`dbCredentials\` must be an object, got ${describe(value)}`);
  const c = value as Record<string, unknown>;
  const str = (key: string) => {
    if (c[key] !== undefined && typeof c[key] !== 'string') fail(`\`dbCredentials.${key}\` must be a string, got ${describe(c[key])}`);
  };
  if (dialect === 'sqlite') {
    for (const key of Object.keys(c)) if (key !== 'url' && key !== 'authToken') fail(`unknown field \`dbCredentials.${key}\` for SQLite (expected url, authToken)`);
    if (typeof c.url !== 'string' || c.url === '') fail('`dbCredentials.url` is required for SQLite: a file path, `:memory:` or a libsql URL');
    str('authToken');
    return c;
  }
  if ('url' in c) {
    if (typeof c.url !== 'string' || c.url === '') fail(`\`dbCredentials.url\` must be a connection URL, got ${describe(c.url)}`);
    for (const key of Object.keys(c)) if (key !== 'url') fail(`\`dbCredentials.${key}\` cannot be combined with \`dbCredentials.url\``);
    return c;
  }
  // SQL Server takes tedious's `options` (encrypt, trustServerCertificate, instanceName, ...) instead of `ssl`.
  const fields = dialect === 'mssql' ? ['host', 'port', 'user', 'password', 'database', 'options'] : ['host', 'port', 'user', 'password', 'database', 'ssl'];
  for (const key of Object.keys(c)) if (!fields.includes(key)) fail(`unknown field \`dbCredentials.${key}\` (expected url, or ${fields.join(', ')})`);
  if (typeof c.host !== 'string' || c.host === '') fail('`dbCredentials` needs `url`, or `host` and `database`');
  if (typeof c.database !== 'string' || c.database === '') fail('`dbCredentials.database` is required with `dbCredentials.host`');
  str('user');
  str('password');
  if (c.port !== undefined && (typeof c.port !== 'number' || !Number.isInteger(c.port))) fail(`\`dbCredentials.port\` must be a number, got ${describe(c.port)}`);
  if (c.options !== undefined && !isObject(c.options)) fail(`\`dbCredentials.options\` must be an object of mssql connection options (encrypt, trustServerCertificate, ...), got ${describe(c.options)}`);
  if (c.ssl !== undefined) {
    const ok = isPgFamily(dialect) ? typeof c.ssl === 'boolean' || pgSsl.includes(c.ssl as string) || isObject(c.ssl) : typeof c.ssl === 'string' || isObject(c.ssl);
    if (!ok) fail(`\`dbCredentials.ssl\` has an unsupported value ${describe(c.ssl)}`);
  }
  return c;
}

function migrationsOptions(value: unknown, dialect: KitDialectName, fail: (m: string) => never): MigrationsTableOptions {
  if (value === undefined) return {};
  if (!isObject(value)) fail(`\`migrations\` must be an object, got ${describe(value)}`);
  const m = value as Record<string, unknown>;
  const result: MigrationsTableOptions = {};
  for (const key of Object.keys(m)) {
    if (key === 'prefix') continue; // drizzle-kit's file naming; sluice always names folders by time
    if (key === 'schema' && !isPgFamily(dialect) && dialect !== 'mssql') fail('`migrations.schema` applies to PostgreSQL, CockroachDB and SQL Server only');
    if (key !== 'table' && key !== 'schema') fail(`unknown field \`migrations.${key}\``);
    if (typeof m[key] !== 'string' || m[key] === '') fail(`\`migrations.${key}\` must be a name, got ${describe(m[key])}`);
    result[key] = m[key] as string;
  }
  return result;
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
