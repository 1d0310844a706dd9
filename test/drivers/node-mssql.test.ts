/**
 * sluice/node-mssql without a server: every `drizzle()` call form builds a database without
 * connecting, bad input is a DriverConfigError naming what is wrong, and, over a recording
 * stand-in for an `mssql` pool, what the driver sends: parameters by name and type, arrays for
 * mapped rows and objects for `db.execute()`, one lazy connect, transactions with isolation
 * levels and savepoints, streaming, and the errors it raises. test/live/mssql.test.ts runs
 * against a real SQL Server when SLUICE_MSSQL_URL is set.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mssql from 'mssql';
import { beforeEach, describe, expect, it } from 'vitest';
import { DriverConfigError, eq, SluiceQueryError, sql, TransactionRollbackError, UnsupportedError, type Logger } from 'sluice';
import { int, mssqlTable, nvarchar } from 'sluice/mssql-core';
import { drizzle, PoolClosedError, type NodeMssqlClient } from 'sluice/node-mssql';
import { migrate, rollback } from 'sluice/node-mssql/migrator';
import { FakeMssqlServer } from '../support/fake-mssql.js';
import { assertTsql } from '../support/tsql.js';

const users = mssqlTable('users', {
  id: int('id').primaryKey().identity(),
  name: nvarchar('name', { length: 100 }).notNull(),
});

/** Keeps what the logger is given. */
class Recorder implements Logger {
  readonly lines: string[] = [];
  logQuery(query: string, params: unknown[]): void {
    this.lines.push(params.length ? `${query} -- ${JSON.stringify(params, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}` : query);
  }
}

describe('drizzle() call forms', () => {
  const url = 'mssql://sa:p%40ss@db.example:1444/app?encrypt=true&trustServerCertificate=true&connectTimeout=5000';
  const expected = { server: 'db.example', port: 1444, user: 'sa', password: 'p@ss', database: 'app', options: { encrypt: true, trustServerCertificate: true, connectTimeout: 5000 } };
  const config = (db: { $client: NodeMssqlClient }) => (db.$client as NodeMssqlClient & { config: Record<string, unknown> }).config;

  it('opens a pool, not yet connected, from a URL, { connection } (URL, ADO string or settings), { client } or a pool', () => {
    const fromUrl = drizzle(url);
    expect(fromUrl.$client).toBeInstanceOf(mssql.ConnectionPool);
    expect(fromUrl.$client.connected).toBe(false);
    expect(config(fromUrl)).toMatchObject(expected);
    expect(config(drizzle({ connection: url, logger: true }))).toMatchObject(expected);
    expect(config(drizzle({ connection: 'Server=db.example;Database=app;User Id=sa;Password=x;Encrypt=true' }))).toMatchObject({ server: 'db.example', database: 'app', user: 'sa', password: 'x', options: { encrypt: true } });
    expect(config(drizzle({ connection: { server: 'db.example', database: 'app', options: { trustServerCertificate: true } } }))).toMatchObject({ server: 'db.example', database: 'app', port: 1433 });
    expect(config(drizzle('sqlserver://db.example/app'))).toMatchObject({ server: 'db.example', database: 'app' });
    const pool = new mssql.ConnectionPool({ server: 'db.example' });
    expect(drizzle(pool).$client).toBe(pool);
    expect(drizzle(pool, { logger: new Recorder() }).$client).toBe(pool);
    expect(drizzle({ client: pool, casing: 'snake_case' }).$client).toBe(pool);
    expect(pool.connected).toBe(false);
  });

  it('rejects what it cannot connect with, naming what is wrong', () => {
    const bad: [unknown, string][] = [
      [{}, 'sluice/node-mssql: drizzle() needs a ConnectionPool, a URL or { client } / { connection }'],
      [{ logger: true }, 'drizzle() needs a ConnectionPool, a URL or { client } / { connection }'],
      [42, 'drizzle() needs a ConnectionPool, a URL or { client } / { connection }, got number'],
      ['', 'sluice/node-mssql: the connection string is empty'],
      ['not a connection string', 'the connection string names no server'],
      ['mssql://', 'the connection URL names no host'],
      ['mssql://sa:x@[broken/app', 'cannot read the connection URL'],
      [{ connection: { user: 'sa', password: 'x' } }, 'connection settings need `server` (the host name)'],
      [{ connection: 7 }, 'connection must be a URL or mssql settings, got number'],
      [{ client: { query: () => undefined } }, '`client` must be an mssql ConnectionPool'],
    ];
    for (const [input, message] of bad) {
      expect(() => drizzle(input as never), JSON.stringify(input)).toThrow(DriverConfigError);
      expect(() => drizzle(input as never), JSON.stringify(input)).toThrow(message);
    }
  });
});

describe('node-mssql over a recording pool', () => {
  let server: FakeMssqlServer;
  let pool: NodeMssqlClient;
  let logger: Recorder;
  let db: ReturnType<typeof drizzle>;

  beforeEach(() => {
    server = new FakeMssqlServer();
    pool = new server.Pool({ server: 'db.example' }) as unknown as NodeMssqlClient;
    logger = new Recorder();
    db = drizzle(pool, { logger });
  });

  it('connects the pool once, on the first queries, which share the connect', async () => {
    server.selectRows = [{ one: 1 }];
    expect(server.connects).toBe(0);
    const results = await Promise.all([1, 2, 3].map((n) => db.execute(sql`select ${n} as [one]`)));
    expect(server.connects).toBe(1);
    expect(results.map((r) => r.recordset)).toEqual([[{ one: 1 }], [{ one: 1 }], [{ one: 1 }]]);
    await db.execute(sql`select 1`);
    expect(server.connects).toBe(1);
  });

  it('binds parameters as @p1..@pn with explicit types, and answers db.execute() with object rows and row counts', async () => {
    server.selectRows = [{ a: 'x', b: 2 }];
    const at = new Date('2024-01-02T03:04:05.678Z');
    const result = await db.execute(sql`select ${'x'} as [a], ${2} as [b], ${null} as [c], ${3_000_000_000} as [d], ${at} as [e], ${true} as [f], ${10n} as [g]`);
    const sent = server.sent.at(-1)!;
    expect(sent.sql).toBe('select @p1 as [a], @p2 as [b], @p3 as [c], @p4 as [d], @p5 as [e], @p6 as [f], @p7 as [g]');
    expect(sent.types).toEqual(['nvarchar(max)', 'int', 'nvarchar(1)', 'bigint', 'datetime2(7)', 'bit', 'bigint']);
    expect(sent.params).toEqual(['x', 2, null, 3_000_000_000, at, true, 10n]);
    expect(sent.arrayRowMode).toBe(false);
    expect(result.recordset).toEqual([{ a: 'x', b: 2 }]);
    expect(result.rowsAffected).toEqual([1]);
    expect(logger.lines.at(-1)).toBe(`select @p1 as [a], @p2 as [b], @p3 as [c], @p4 as [d], @p5 as [e], @p6 as [f], @p7 as [g] -- ["x",2,null,3000000000,"2024-01-02T03:04:05.678Z",true,"10n"]`);
  });

  it('refuses a statement with more parameters than sp_executesql can pass, before sending it', async () => {
    const ids = Array.from({ length: 2099 }, (_, i) => i);
    const error = await db
      .execute(
        sql`select 1 where 1 in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect(((error as Error).cause as Error).message).toBe('node-mssql: the statement has 2099 parameters; SQL Server takes at most 2098 in one statement (2,100 less the two sp_executesql uses)');
    expect(server.sent).toEqual([]);
    await db.execute(
      sql`select 1 where 1 in (${sql.join(
        ids.slice(1).map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
    expect(server.sent.at(-1)!.params).toHaveLength(2098);
  });

  it('wraps a server error in SluiceQueryError with the statement, keeping the error number', async () => {
    const error = await db.execute(sql`select ${'fail!'} where 'fail!' = ${'fail!'}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect((error as SluiceQueryError).query).toBe("select @p1 where 'fail!' = @p2");
    expect((error as SluiceQueryError).params).toEqual(['fail!', 'fail!']);
    expect(((error as SluiceQueryError).cause as { number: number }).number).toBe(50000);
  });

  it('names the closed pool when a query runs after pool.close(), and works again after pool.connect()', async () => {
    await db.execute(sql`select 1`);
    await pool.close();
    const error = await db.execute(sql`select 2`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect((error as Error).message).toContain('node-mssql: the ConnectionPool is closed (pool.close() was called)');
    expect((error as Error).cause).toBeInstanceOf(PoolClosedError);
    expect((error as SluiceQueryError).query).toBe('select 2');
    expect(server.connects).toBe(1);
    await pool.connect();
    await expect(db.execute(sql`select 3`)).resolves.toMatchObject({ rowsAffected: [0] });
  });

  it('maps rows from arrays for selects, asking mssql for array rows', async () => {
    server.selectRows = [
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ];
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.name, 'Ann'));
    const sent = server.sent.at(-1)!;
    expect(sent.arrayRowMode).toBe(true);
    expect(sent.sql).toBe('select [id], [name] from [users] where [users].[name] = @p1');
    expect(sent.types).toEqual(['nvarchar(max)']);
    expect(rows).toEqual([
      { id: 1, name: 'Ann' },
      { id: 2, name: 'Bob' },
    ]);
  });

  it('streams a select with .iterator(), and cancels the request when the loop stops early', async () => {
    server.selectRows = Array.from({ length: 6 }, (_, i) => ({ id: i + 1, name: `u${i + 1}` }));
    const all: unknown[] = [];
    for await (const row of db.select({ id: users.id, name: users.name }).from(users).iterator()) all.push(row);
    expect(all).toHaveLength(6);
    expect(all[5]).toEqual({ id: 6, name: 'u6' });
    expect(server.cancels).toBe(0);
    const some: number[] = [];
    for await (const row of db.select({ id: users.id }).from(users).iterator()) {
      some.push(row.id);
      if (some.length === 2) break;
    }
    expect(some).toEqual([1, 2]);
    expect(server.cancels).toBe(1);
  });

  it('refuses a statement inside a transaction while .iterator() reads from it, naming why', async () => {
    server.selectRows = [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ];
    const error = await db
      .transaction(async (tx) => {
        for await (const _row of tx.select({ id: users.id }).from(users).iterator()) await tx.execute(sql`select 1`);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect(((error as Error).cause as Error).message).toContain('an .iterator() loop is reading from it; finish the loop before running other statements in the same transaction');
    expect(server.texts().at(-1)).toBe('rollback');
  });

  it('runs a transaction on an mssql Transaction with the isolation level, logging the statements it stands for', async () => {
    await db.transaction(
      async (tx) => {
        await tx.execute(sql`update [t] set [a] = ${1}`);
      },
      { isolationLevel: 'serializable' },
    );
    const begin = server.sent.find((r) => r.kind === 'begin')!;
    expect(begin.isolationLevel).toBe(mssql.ISOLATION_LEVEL.SERIALIZABLE);
    // The level goes back to the default before the connection returns to the pool.
    expect(server.texts()).toEqual(['begin transaction', 'update [t] set [a] = @p1', 'set transaction isolation level read committed', 'commit']);
    expect(logger.lines).toEqual(['set transaction isolation level serializable', 'begin transaction', 'update [t] set [a] = @p1 -- [1]', 'set transaction isolation level read committed', 'commit transaction']);
    for (const line of logger.lines) await assertTsql(line.replace(/ -- .*$/, ''));
  });

  it('runs nested transactions as savepoints on the same connection, rolling back only the inner one', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into [t] values (${1})`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into [t] values (${2})`);
          inner.rollback();
        }),
      ).rejects.toBeInstanceOf(TransactionRollbackError);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into [t] values (${3})`);
      });
    });
    expect(server.texts()).toEqual(['begin transaction', 'insert into [t] values (@p1)', 'save transaction sp1', 'insert into [t] values (@p1)', 'rollback transaction sp1', 'save transaction sp1', 'insert into [t] values (@p1)', 'commit']);
    expect(new Set(server.sent.map((r) => r.on))).toEqual(new Set(['pool']));
    expect(logger.lines.at(-1)).toBe('commit transaction');
    for (const line of logger.lines) await assertTsql(line.replace(/ -- .*$/, ''));
  });

  it('maps every isolation level, and refuses options SQL Server transactions do not have', async () => {
    const levels = ['read uncommitted', 'read committed', 'repeatable read', 'serializable', 'snapshot'] as const;
    for (const isolationLevel of levels) await db.transaction(async () => undefined, { isolationLevel });
    expect(server.sent.filter((r) => r.kind === 'begin').map((r) => r.isolationLevel)).toEqual([
      mssql.ISOLATION_LEVEL.READ_UNCOMMITTED,
      mssql.ISOLATION_LEVEL.READ_COMMITTED,
      mssql.ISOLATION_LEVEL.REPEATABLE_READ,
      mssql.ISOLATION_LEVEL.SERIALIZABLE,
      mssql.ISOLATION_LEVEL.SNAPSHOT,
    ]);
    // Set back after the three levels other than the default and snapshot.
    expect(server.texts().filter((t) => t === 'set transaction isolation level read committed')).toHaveLength(3);
    await expect(db.transaction(async () => undefined, { accessMode: 'read only' })).rejects.toThrow(UnsupportedError);
    await expect(db.transaction(async () => undefined, { accessMode: 'read only' })).rejects.toThrow('node-mssql: SQL Server transactions have no access mode');
    await expect(db.transaction(async () => undefined, { isolationLevel: 'chaos' as never })).rejects.toThrow('node-mssql: unknown isolation level "chaos"');
  });

  it('rolls back when the callback throws or calls tx.rollback(), and logs the rollback', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`delete from [t]`);
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(server.texts()).toEqual(['begin transaction', 'delete from [t]', 'rollback']);
    expect(logger.lines.at(-1)).toBe('rollback transaction');
    await assertTsql('rollback transaction');
  });

  it('runs statements issued together inside a transaction one at a time, as its one connection requires', async () => {
    const results = await db.transaction(async (tx) => Promise.all([1, 2, 3].map((n) => tx.execute(sql`update [t] set [a] = ${n}`))));
    expect(results.map((r) => r.rowsAffected)).toEqual([[0], [0], [0]]);
    expect(server.texts()).toEqual(['begin transaction', 'update [t] set [a] = @p1', 'update [t] set [a] = @p1', 'update [t] set [a] = @p1', 'commit']);
    expect(server.sent.slice(1, 4).map((r) => r.params)).toEqual([[1], [2], [3]]);
  });

  it('commits only after a statement the callback did not await has finished', async () => {
    let done = false;
    await db.transaction(async (tx) => {
      void tx.execute(sql`update [t] set [a] = 1`).then(() => {
        done = true;
      });
    });
    expect(done).toBe(true);
    expect(server.texts()).toEqual(['begin transaction', 'update [t] set [a] = 1', 'commit']);
  });

  it('rolls back when setting the isolation level back fails, instead of leaving the transaction open', async () => {
    const error = await db
      .transaction(
        async (tx) => {
          await tx.execute(sql`update [t] set [a] = 1`);
          // The next statement on this connection is the reset, which the stand-in then fails.
          server.failNext = 'set transaction isolation level read committed';
        },
        { isolationLevel: 'serializable' },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect((error as SluiceQueryError).query).toBe('set transaction isolation level read committed');
    expect(server.texts().at(-1)).toBe('rollback');
  });

  it('migrates and rolls back through /migrator on db.$client, connecting the pool itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-node-mssql-'));
    try {
      mkdirSync(join(dir, '20240101000000_init'));
      writeFileSync(join(dir, '20240101000000_init', 'migration.sql'), 'create table [things] ([id] int not null primary key);');
      writeFileSync(join(dir, '20240101000000_init', 'down.sql'), 'drop table [things];');
      await migrate(db, { migrationsFolder: dir });
      expect(server.connects).toBe(2); // the user's pool, then the run lock's one-connection pool
      expect(server.tables.get('__sluice_migrations')!.rows.map((r) => r.name)).toEqual(['20240101000000_init']);
      expect(server.texts()).toContain('create table [things] ([id] int not null primary key);');
      const undone = await rollback(db, { migrationsFolder: dir });
      expect(undone.rolledBack).toEqual(['20240101000000_init']);
      expect(server.texts()).toContain('drop table [things];');
      expect(server.tables.get('__sluice_migrations')!.rows).toEqual([]);
      expect(server.lockHolder).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names begin when the transaction cannot start', async () => {
    (pool as unknown as { transaction: () => unknown }).transaction = () => ({
      begin: () => Promise.reject(new Error('no connection available')),
      rollback: () => Promise.resolve(),
    });
    const failed = await db.transaction(async () => undefined).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SluiceQueryError);
    expect((failed as SluiceQueryError).query).toBe('begin transaction');
    expect((failed as Error).message).toContain('no connection available');
  });
});

describe('node-mssql with the real mssql package and no server', () => {
  it('fails the first query with the connection error, naming the server it tried', async () => {
    const db = drizzle('mssql://sa:x@127.0.0.1:9/app?connectTimeout=2000');
    const error = await db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceQueryError);
    expect((error as SluiceQueryError).query).toBe('select 1');
    expect((error as Error).message).toMatch(/Failed to connect to 127\.0\.0\.1:9/);
    expect(db.$client.connected).toBe(false);
  });
});
