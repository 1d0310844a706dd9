/**
 * `dialect: 'mssql'` in a kit config: which `dbCredentials` it takes (a URL or ADO connection
 * string, or host/port/user/password/database with tedious `options`), the errors for the rest,
 * and `openDatabase` opening a session over an mssql pool. No SQL Server runs here, so opening
 * stops at the connection attempt, which must fail naming the server it tried.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from 'sluice/kit';
import { openDatabase } from '../../src/kit/connect.js';

const resolveAt = (raw: Record<string, unknown>) => resolveConfig({ schema: './schema.ts', ...raw }, { cwd: '/work/app' });

describe("config for dialect 'mssql'", () => {
  it('takes a URL, or host and database with port, user, password and tedious options', () => {
    expect(resolveAt({ dialect: 'mssql', dbCredentials: { url: 'mssql://sa:pw@db:1433/app' } }).dbCredentials).toEqual({ url: 'mssql://sa:pw@db:1433/app' });
    const fields = { host: 'db', port: 1433, user: 'sa', password: 'pw', database: 'app', options: { encrypt: false, trustServerCertificate: true } };
    const config = resolveAt({ dialect: 'mssql', dbCredentials: fields, migrations: { table: 'migrations' } });
    expect(config.dialect).toBe('mssql');
    expect(config.driver).toBeUndefined();
    expect(config.dbCredentials).toEqual(fields);
    expect(config.migrations).toEqual({ table: 'migrations' });
  });

  it('names what is wrong with SQL Server credentials', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ host: 'db', database: 'app', ssl: true }, 'unknown field `dbCredentials.ssl` (expected url, or host, port, user, password, database, options)'],
      [{ host: 'db', database: 'app', options: 'encrypt=true' }, '`dbCredentials.options` must be an object of mssql connection options'],
      [{ host: 'db' }, '`dbCredentials.database` is required with `dbCredentials.host`'],
      [{ database: 'app' }, '`dbCredentials` needs `url`, or `host` and `database`'],
      [{ url: 'mssql://db/app', host: 'db' }, '`dbCredentials.host` cannot be combined with `dbCredentials.url`'],
      [{ host: 'db', database: 'app', port: '1433' }, '`dbCredentials.port` must be a number'],
    ];
    for (const [dbCredentials, message] of bad) {
      expect(() => resolveAt({ dialect: 'mssql', dbCredentials }), JSON.stringify(dbCredentials)).toThrow(ConfigError);
      expect(() => resolveAt({ dialect: 'mssql', dbCredentials }), JSON.stringify(dbCredentials)).toThrow(message);
    }
    expect(() => resolveAt({ dialect: 'mssql', driver: 'tedious' })).toThrow("`driver` is not used with dialect 'mssql' (it connects with mssql)");
    expect(resolveAt({ dialect: 'mssql', migrations: { schema: 'ops' } }).migrations).toEqual({ schema: 'ops' });
    expect(() => resolveAt({ dialect: 'mysql', migrations: { schema: 'ops' } })).toThrow('`migrations.schema` applies to PostgreSQL, CockroachDB and SQL Server only');
  });

  it('opens a session with the mssql package, which tries the server the credentials name', async () => {
    // Port 9 on the loopback refuses at once: the error shows the settings reached tedious.
    const credentials = { host: '127.0.0.1', port: 9, database: 'app', user: 'sa', password: 'x', options: { connectTimeout: 2000 } };
    const error = await openDatabase({ dialect: 'mssql', driver: undefined, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/127\.0\.0\.1:9/);
    const fromUrl = await openDatabase({ dialect: 'mssql', driver: undefined, credentials: { url: 'mssql://sa:x@127.0.0.1:9/app?connectTimeout=2000' } }).catch((e: unknown) => e);
    expect(String((fromUrl as Error).message)).toMatch(/127\.0\.0\.1:9/);
  });

  it('refuses a driver name for SQL Server when opening', async () => {
    await expect(openDatabase({ dialect: 'mssql', driver: 'tedious', credentials: { url: 'mssql://db/app' } })).rejects.toThrow('SQL Server connects with the "mssql" package; no driver "tedious"');
  });
});
