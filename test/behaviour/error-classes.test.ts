/**
 * Errors sluice throws outside a failed statement are SluiceError subclasses that name what was
 * wrong: a driver's drizzle() without a client, a PostgreSQL-only operator or a SQLite-only or
 * MySQL-only call reached at run time on another dialect (JavaScript callers, or casts).
 */
import mysql from 'mysql2/promise';
import { arrayContains, DriverConfigError, SluiceError, sql, UnsupportedError } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as pglite } from 'sluice/pglite';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';
import { describe, expect, it } from 'vitest';

describe('errors outside a failed statement', () => {
  it('drizzle() without a client or connection throws DriverConfigError naming the driver', () => {
    const cases: [(config: never) => unknown, string][] = [
      [nodePostgres, 'sluice/node-postgres: drizzle() needs a client, a connection string or { client } / { connection }'],
      [postgresJs, 'sluice/postgres-js: drizzle() needs a client, a connection string or { client } / { connection }'],
      [mysql2, 'sluice/mysql2: drizzle() needs a client, a URL or { client } / { connection }'],
      [libsql, 'sluice/libsql: drizzle() needs a client, a URL or { client } / { connection }'],
    ];
    for (const [drizzle, message] of cases) {
      let thrown: unknown;
      try {
        drizzle({} as never);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DriverConfigError);
      expect(thrown).toBeInstanceOf(SluiceError);
      expect((thrown as Error).message).toBe(message);
    }
  });

  it("mysql2's drizzle() with an unknown mode throws DriverConfigError", async () => {
    // A pool connects on its first query, so none is opened here.
    const pool = mysql.createPool('mysql://root@127.0.0.1:3306/test');
    try {
      expect(() => mysql2({ client: pool, mode: 'fast' as never })).toThrow(DriverConfigError);
      expect(() => mysql2({ client: pool, mode: 'fast' as never })).toThrow(`sluice/mysql2: mode must be 'default' or 'planetscale', got "fast"`);
    } finally {
      await pool.end();
    }
  });

  it('array operators on SQLite throw UnsupportedError', () => {
    const t = sqliteTable('t', { id: integer('id').primaryKey(), tags: text('tags') });
    const db = betterSqlite();
    const query = db
      .select()
      .from(t)
      .where(arrayContains(t.tags as never, ['a'] as never));
    expect(() => query.toSQL()).toThrow(UnsupportedError);
    expect(() => query.toSQL()).toThrow('sqlite: array operators exist only on PostgreSQL and CockroachDB');
  });

  it('db.all() on PostgreSQL throws UnsupportedError instead of running', async () => {
    const db = pglite();
    expect(() => (db as never as { all(q: unknown): unknown }).all(sql`select 1`)).toThrow(new UnsupportedError('pg: db.all() is SQLite only; use db.execute()'));
    await db.$client.close();
  });

  it('$returningId() on SQLite rejects with UnsupportedError', async () => {
    const t = sqliteTable('t', { id: integer('id').primaryKey() });
    const db = betterSqlite();
    db.run(sql`create table t (id integer primary key)`);
    const insert = (db.insert(t).values({ id: 1 }) as never as { $returningId(): PromiseLike<unknown> }).$returningId();
    await expect(insert).rejects.toThrow(new UnsupportedError('sqlite: $returningId() is MySQL only; use returning()'));
    expect(db.all(sql`select id from t`)).toEqual([{ id: 1 }]);
  });
});
