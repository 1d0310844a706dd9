/**
 * A statement larger than the server's max_allowed_packet: the server closes the connection, so
 * the error says how large the statement was as mysql2 sends it (binary values as hexadecimal),
 * and the closed connection leaves the pool instead of failing the next query given it.
 */
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql, SluiceQueryError } from 'sluice';
import { int, longblob, mysqlTable } from 'sluice/mysql-core';
import { drizzle } from 'sluice/mysql2';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';

const blobs = mysqlTable('blobs', { id: int('id').primaryKey(), data: longblob('data') });

describe.skipIf(!mysqlServerUrl)('mysql2: a statement over max_allowed_packet (needs SLUICE_MYSQL_URL)', () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let pool: mysql.Pool;
  beforeAll(async () => {
    database = await createMysqlDatabase();
    // One connection: one the server closed, given out again, would fail the next query.
    pool = mysql.createPool({ uri: database.url, connectionLimit: 1 });
    await pool.query('create table blobs (id int primary key, data longblob)');
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('rejects with the size it needs, and the pool serves the next query on a new connection', async () => {
    const db = drizzle({ client: pool });
    const [[{ packet }]] = (await pool.query('select @@max_allowed_packet as packet')) as unknown as [[{ packet: number }]];
    // Half the packet in bytes is a little over the whole packet in hexadecimal digits.
    const data = randomBytes(Math.floor(packet / 2) + 64 * 1024);
    const err = await db
      .insert(blobs)
      .values({ id: 1, data })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(SluiceQueryError);
    expect((err as SluiceQueryError).message).toMatch(/the statement is about \d+\.\d MiB as mysql2 sends it \(binary values as hexadecimal, twice their size\); the server's max_allowed_packet must be larger than that/);
    expect(await db.select({ n: sql<number>`count(*)` }).from(blobs)).toEqual([{ n: 0 }]);
    await db.insert(blobs).values({ id: 2, data: data.subarray(0, 1000) });
    const [row] = await db.select({ data: blobs.data }).from(blobs).where(eq(blobs.id, 2));
    expect(row!.data!.equals(data.subarray(0, 1000))).toBe(true);
  });
});
