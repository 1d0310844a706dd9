/**
 * `seed()` across column types: every kind a dialect declares gets values its database stores
 * (checked by reading them back through sluice), within the type's range, length, precision and
 * enum. Also the drivers the main suite does not open: postgres.js and libsql.
 */
import { createClient } from '@libsql/client';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { bigint as myBigint, date as myDate, datetime, decimal as myDecimal, double, json as myJson, mysqlTable, smallint as mySmallint, time as myTime, tinyint, varchar as myVarchar, year } from 'sluice/mysql-core';
import { bigint, boolean, char, date, doublePrecision, inet, integer, interval, jsonb, line, macaddr, numeric, pgEnum, pgTable, point, smallint, text, time, timestamp, uuid, varchar } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { blob, integer as sqInteger, real, sqliteTable, text as sqText } from 'sluice/sqlite-core';
import { reset, seed } from 'sluice/seed';
import { createMysqlDatabase } from '../support/behaviour.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

const level = pgEnum('seed_level', ['low', 'mid', 'high']);
const pgKinds = pgTable('kinds', {
  id: uuid().primaryKey(),
  small: smallint().notNull(),
  big: bigint({ mode: 'bigint' }).notNull(),
  money: numeric({ precision: 5, scale: 3 }).notNull(),
  ratio: doublePrecision().notNull(),
  flag: boolean().notNull(),
  code: char({ length: 4 }).notNull(),
  short: varchar({ length: 5 }).notNull(),
  born: date().notNull(),
  bornAt: date('born_at', { mode: 'date' }).notNull(),
  at: timestamp({ mode: 'string', withTimezone: true }).notNull(),
  clock: time().notNull(),
  span: interval().notNull(),
  doc: jsonb().notNull(),
  tags: text().array().notNull(),
  scores: integer().array().notNull(),
  level: level().notNull(),
  levels: level().array().notNull(),
  where: point().notNull(),
  edge: line({ mode: 'abc' }).notNull(),
  ip: inet().notNull(),
  mac: macaddr().notNull(),
});
const PG_DDL = `create type seed_level as enum ('low', 'mid', 'high');
create table kinds (id uuid primary key, small smallint not null, big bigint not null, money numeric(5, 3) not null, ratio double precision not null, flag boolean not null,
  code char(4) not null, short varchar(5) not null, born date not null, born_at date not null, "at" timestamptz not null, clock time not null, span interval not null,
  doc jsonb not null, tags text[] not null, scores integer[] not null, level seed_level not null, levels seed_level[] not null, "where" point not null, edge line not null, ip inet not null, mac macaddr not null)`;

type PgRow = typeof pgKinds.$inferSelect;

/** What every PostgreSQL backend must have stored. */
function checkPgRows(rows: PgRow[]): void {
  expect(rows).toHaveLength(30);
  expect(new Set(rows.map((r) => r.id)).size).toBe(30);
  for (const r of rows) {
    expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.small).toBeGreaterThanOrEqual(-32768);
    expect(r.small).toBeLessThanOrEqual(32767);
    expect(typeof r.big).toBe('bigint');
    expect(r.money).toMatch(/^-?\d{1,2}\.\d{3}$/);
    expect(r.code.length).toBe(4);
    expect(r.short.length).toBeLessThanOrEqual(5);
    expect(r.born).toMatch(/^202[0-5]-\d\d-\d\d$/);
    expect(r.bornAt.getUTCHours()).toBe(0);
    expect(r.clock).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(typeof r.doc).toBe('object');
    expect(r.tags).toHaveLength(3);
    expect(r.scores.every((n) => Number.isInteger(n))).toBe(true);
    expect(['low', 'mid', 'high']).toContain(r.level);
    expect(r.levels.length).toBeGreaterThan(0);
    for (const l of r.levels) expect(['low', 'mid', 'high']).toContain(l);
    expect(r.where).toHaveLength(2);
    expect(Object.keys(r.edge).sort()).toEqual(['a', 'b', 'c']);
    expect(r.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(r.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('seed() across PostgreSQL column types', () => {
  it('PGlite stores every kind, and reset() empties the table', async () => {
    const client = new PGlite();
    cleanups.push(() => client.close());
    await client.exec(PG_DDL);
    const db = pglite({ client });
    await seed(db, { level, pgKinds }, { count: 30 });
    checkPgRows(await db.select().from(pgKinds));
    await reset(db, { pgKinds });
    expect(await db.$count(pgKinds)).toBe(0);
  });

  it.skipIf(!pgServerUrl)('postgres.js stores the same rows as PGlite for the same seed (skipped without SLUICE_PG_URL)', async () => {
    const database = await createPgDatabase();
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.push(async () => {
      await sql.end();
      await database.drop();
    });
    await sql.unsafe(PG_DDL);
    const db = postgresJs({ client: sql });
    await seed(db, { pgKinds }, { count: 30, seed: 9 });
    const rows = await db.select().from(pgKinds).orderBy(pgKinds.id);
    checkPgRows(rows);
    const client = new PGlite();
    cleanups.push(() => client.close());
    await client.exec(PG_DDL);
    const lite = pglite({ client });
    await seed(lite, { pgKinds }, { count: 30, seed: 9 });
    const liteRows = await lite.select().from(pgKinds).orderBy(pgKinds.id);
    // The time zone of a timestamptz's text is the session's; the instants are compared instead.
    const comparable = (r: PgRow[]) => r.map((x) => ({ ...x, at: new Date(x.at).getTime() }));
    expect(comparable(rows)).toEqual(comparable(liteRows));
  });
});

const sqKinds = sqliteTable('kinds', {
  id: sqText().primaryKey(),
  n: sqInteger().notNull(),
  ok: sqInteger({ mode: 'boolean' }).notNull(),
  at: sqInteger({ mode: 'timestamp_ms' }).notNull(),
  ratio: real().notNull(),
  doc: sqText({ mode: 'json' }).notNull(),
  bytes: blob({ mode: 'buffer' }).notNull(),
  big: blob({ mode: 'bigint' }).notNull(),
  level: sqText({ enum: ['low', 'mid', 'high'] }).notNull(),
});
const SQLITE_DDL = 'create table kinds (id text primary key, n integer not null, ok integer not null, at integer not null, ratio real not null, doc text not null, bytes blob not null, big blob not null, level text not null)';

function checkSqliteRows(rows: (typeof sqKinds.$inferSelect)[]): void {
  expect(rows).toHaveLength(25);
  expect(new Set(rows.map((r) => r.id)).size).toBe(25);
  for (const r of rows) {
    expect(Number.isSafeInteger(r.n)).toBe(true);
    expect(typeof r.ok).toBe('boolean');
    expect(r.at.getUTCFullYear()).toBeGreaterThanOrEqual(2020);
    expect(typeof r.doc).toBe('object');
    expect(Buffer.isBuffer(r.bytes)).toBe(true);
    expect(typeof r.big).toBe('bigint');
    expect(['low', 'mid', 'high']).toContain(r.level);
  }
}

describe('seed() across SQLite column types', () => {
  it('better-sqlite3 and libsql store the same rows for the same seed, and reset() empties them', async () => {
    const file = new Database(':memory:');
    file.exec(SQLITE_DDL);
    const a = betterSqlite({ client: file });
    const client = createClient({ url: ':memory:' });
    cleanups.push(async () => {
      file.close();
      client.close();
    });
    await client.execute(SQLITE_DDL);
    const b = libsql({ client });
    await seed(a, { sqKinds }, { count: 25, seed: 4 });
    await seed(b, { sqKinds }, { count: 25, seed: 4 });
    const rowsA = await a.select().from(sqKinds).orderBy(sqKinds.id);
    const rowsB = await b.select().from(sqKinds).orderBy(sqKinds.id);
    checkSqliteRows(rowsA);
    expect(rowsB.map((r) => ({ ...r, bytes: Buffer.from(r.bytes) }))).toEqual(rowsA.map((r) => ({ ...r, bytes: Buffer.from(r.bytes) })));
    await reset(b, { sqKinds });
    expect(await b.$count(sqKinds)).toBe(0);
  });
});

const myKinds = mysqlTable('kinds', {
  code: myVarchar({ length: 8 }).primaryKey(),
  tiny: tinyint().notNull(),
  small: mySmallint({ unsigned: true }).notNull(),
  big: myBigint({ mode: 'bigint' }).notNull(),
  money: myDecimal({ precision: 6, scale: 2 }).notNull(),
  ratio: double().notNull(),
  day: myDate({ mode: 'string' }).notNull(),
  at: datetime({ mode: 'date' }).notNull(),
  clock: myTime().notNull(),
  yr: year().notNull(),
  doc: myJson().notNull(),
});
const MYSQL_DDL =
  'create table kinds (code varchar(8) primary key, tiny tinyint not null, small smallint unsigned not null, big bigint not null, money decimal(6, 2) not null, ratio double not null, day date not null, at datetime not null, clock time not null, yr year not null, doc json not null)';

describe('seed() across MySQL column types', () => {
  it.skipIf(!process.env.SLUICE_MYSQL_URL)('MariaDB stores every kind within its range (skipped without SLUICE_MYSQL_URL)', async () => {
    const database = await createMysqlDatabase();
    const pool = mysql.createPool({ uri: database.url, connectionLimit: 2, timezone: 'Z' });
    cleanups.push(async () => {
      await pool.end();
      await database.drop();
    });
    await pool.query(MYSQL_DDL);
    const db = mysql2({ client: pool, mode: 'default' });
    await seed(db, { myKinds }, { count: 40 });
    const rows = await db.select().from(myKinds);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.code)).size).toBe(40);
    for (const r of rows) {
      expect(r.code.length).toBeLessThanOrEqual(8);
      expect(r.tiny).toBeGreaterThanOrEqual(-128);
      expect(r.tiny).toBeLessThanOrEqual(127);
      expect(r.small).toBeGreaterThanOrEqual(0);
      expect(r.small).toBeLessThanOrEqual(65535);
      expect(typeof r.big).toBe('bigint');
      expect(r.money).toMatch(/^-?\d{1,4}\.\d{2}$/);
      expect(r.day).toMatch(/^202[0-5]-\d\d-\d\d$/);
      expect(r.at.getUTCFullYear()).toBeGreaterThanOrEqual(2020);
      expect(r.clock).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(r.yr).toBeGreaterThanOrEqual(1950);
      expect(r.yr).toBeLessThanOrEqual(2030);
      expect(typeof r.doc).toBe('object');
    }
    await reset(db, { myKinds });
    expect(await db.$count(myKinds)).toBe(0);
  });
});
