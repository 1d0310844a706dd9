/**
 * Schemas against real databases (PGlite, better-sqlite3, MariaDB): seeded random values that the
 * insert schema takes insert, and read back equal to them; every row read back passes the select
 * schema; at the edges of a column's range the schema and the database agree (the largest value
 * the schema takes is stored, the next one is refused by both).
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import {
  bigint as myBigint,
  blob as myBlob,
  boolean as myBoolean,
  char as myChar,
  datetime,
  decimal,
  double,
  int as myInt,
  json as myJson,
  mediumint,
  mysqlEnum,
  mysqlTable,
  serial as mySerial,
  text as myText,
  tinyint,
  varchar as myVarchar,
  year,
} from 'sluice/mysql-core';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';
import { bigint, boolean, bytea, char, date, doublePrecision, integer, jsonb, numeric, pgEnum, pgTable, point, serial, smallint, text, timestamp, uuid, varchar } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { blob, integer as sqInteger, numeric as sqNumeric, real as sqReal, sqliteTable, text as sqText } from 'sluice/sqlite-core';
import * as v from 'valibot';
import * as vb from 'sluice/valibot';
import * as zd from 'sluice/zod';
import type { z } from 'zod';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { seededRandom } from '../support/seeded-random.js';

const ROWS = 40;

/** Random values: integers in a range, strings of letters, picks. */
function draw(seed: number) {
  const r = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const api = {
    r,
    int,
    /** Mostly inside the range, a quarter of the time one of its two ends. */
    edgy: (min: number, max: number) => (r() < 0.125 ? min : r() < 0.14 ? max : int(min, max)),
    bool: () => r() < 0.5,
    maybe: <T>(f: () => T): T | null => (r() < 0.25 ? null : f()),
    omit: <T>(f: () => T): T | undefined => (r() < 0.3 ? undefined : f()),
    letters: (min: number, max: number) => Array.from({ length: int(min, max) }, () => String.fromCharCode(97 + int(0, 25))).join(''),
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!,
    bigint64: () => BigInt.asIntN(64, (BigInt(int(0, 2 ** 31)) << 33n) ^ BigInt(int(0, 2 ** 31))),
    date: () => new Date(Date.UTC(int(1971, 2037), int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59), int(0, 999))),
  };
  return api;
}

/** Drops undefined fields, as an insert leaves them out. */
const given = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([, x]) => x !== undefined));

/** Both libraries' verdicts on one value; the suites below expect them to agree. */
function accepts(zodSchema: z.ZodType, valibotSchema: v.GenericSchema, value: unknown): boolean {
  const a = zodSchema.safeParse(value).success;
  const b = v.safeParse(valibotSchema, value).success;
  expect(b, 'zod and valibot agree').toBe(a);
  return a;
}

const mood = pgEnum('rt_mood', ['sad', 'ok', 'happy']);
const pgRt = pgTable('rt', {
  id: serial().primaryKey(),
  small: smallint().notNull(),
  int: integer(),
  big: bigint({ mode: 'number' }),
  bigB: bigint({ mode: 'bigint' }),
  dbl: doublePrecision(),
  num: numeric({ precision: 12, scale: 2 }),
  flag: boolean().notNull().default(false),
  name: text().notNull(),
  kind: text({ enum: ['a', 'b'] }),
  code: varchar({ length: 8 }),
  fixed: char({ length: 3 }),
  key: uuid().defaultRandom().notNull(),
  doc: jsonb().$type<{ n: number; tags: string[] }>(),
  bin: bytea(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  day: date(),
  m: mood().notNull().default('ok'),
  moods: mood().array(),
  tags: text().array().notNull(),
  grid: integer().array().array(),
  pt: point(),
  lower: text().generatedAlwaysAs(sql`lower(name)`),
});

const PG_DDL = `
create type rt_mood as enum ('sad', 'ok', 'happy');
create table rt (
  id serial primary key, small smallint not null, "int" integer, big bigint, "bigB" bigint, dbl double precision,
  num numeric(12, 2), flag boolean not null default false, name text not null, kind text, code varchar(8), fixed char(3),
  key uuid not null default gen_random_uuid(), doc jsonb, bin bytea, at timestamptz not null default now(), day date,
  m rt_mood not null default 'ok', moods rt_mood[], tags text[] not null, grid integer[][], pt point,
  lower text generated always as (lower(name)) stored
);`;

function pgRow(d: ReturnType<typeof draw>): Record<string, unknown> {
  return given({
    small: d.edgy(-32768, 32767),
    int: d.maybe(() => d.edgy(-2147483648, 2147483647)),
    big: d.maybe(() => d.edgy(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
    bigB: d.maybe(() => d.bigint64()),
    dbl: d.maybe(() => (d.r() - 0.5) * 10 ** d.int(0, 12)),
    num: d.maybe(() => `${d.int(-999999999, 999999999)}.${String(d.int(0, 99)).padStart(2, '0')}`),
    flag: d.omit(() => d.bool()),
    name: d.letters(0, 30),
    kind: d.omit(() => d.maybe(() => d.pick(['a', 'b'] as const))),
    code: d.maybe(() => d.letters(0, 8)),
    fixed: d.maybe(() => d.letters(3, 3)),
    key: d.omit(() => randomUUID()),
    doc: d.maybe(() => ({ n: d.int(-5, 5), tags: [d.letters(1, 4)] })),
    bin: d.maybe(() => Buffer.from(Array.from({ length: d.int(0, 16) }, () => d.int(0, 255)))),
    at: d.omit(() => d.date()),
    day: d.maybe(() => d.date().toISOString().slice(0, 10)),
    m: d.omit(() => d.pick(['sad', 'ok', 'happy'] as const)),
    moods: d.maybe(() => Array.from({ length: d.int(0, 3) }, () => d.pick(['sad', 'ok', 'happy'] as const))),
    tags: Array.from({ length: d.int(0, 4) }, () => d.letters(1, 6)),
    grid: d.maybe(() => [
      [d.edgy(-2147483648, 2147483647), d.int(0, 9)],
      [d.int(0, 9), d.int(0, 9)],
    ]),
    pt: d.maybe(() => [d.int(-100, 100) / 4, d.int(-100, 100) / 4]),
  });
}

describe('PGlite: pg-core schemas against what PostgreSQL stores', () => {
  const client = new PGlite();
  const db = pglite(client);
  const schemas = {
    insert: [zd.createInsertSchema(pgRt), vb.createInsertSchema(pgRt)] as const,
    select: [zd.createSelectSchema(pgRt), vb.createSelectSchema(pgRt)] as const,
  };
  beforeAll(async () => {
    await client.exec(PG_DDL);
  });
  afterAll(async () => {
    await client.close();
  });

  it('values the insert schema takes insert, and the rows read back pass the select schema unchanged', async () => {
    const d = draw(19);
    const sent: Record<string, unknown>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const row = pgRow(d);
      expect(
        accepts(schemas.insert[0], schemas.insert[1], row),
        JSON.stringify(row, (_, x) => (typeof x === 'bigint' ? `${x}n` : x)),
      ).toBe(true);
      sent.push(schemas.insert[0].parse(row));
    }
    await db.insert(pgRt).values(sent as (typeof pgRt.$inferInsert)[]);
    const rows = await db.select().from(pgRt).orderBy(asc(pgRt.id));
    expect(rows).toHaveLength(ROWS);
    rows.forEach((row, i) => {
      expect(schemas.select[0].parse(row)).toEqual(row);
      expect(v.parse(schemas.select[1], row)).toEqual(row);
      // What was given is what is stored: the schema took nothing the database changes.
      expect(row).toMatchObject(sent[i]!);
      expect(row.lower).toBe(row.name.toLowerCase());
    });
  });

  const base = { small: 1, name: 'n', tags: [] };
  it.each([
    ['small', 32767, 32768],
    ['small', -32768, -32769],
    ['int', 2147483647, 2147483648],
    ['code', 'abcdefgh', 'abcdefghi'],
    ['grid', [[2147483647]], [[2147483648]]],
  ] as const)('%s: the schema takes %j and the database stores it; both refuse %j', async (key, fits, over) => {
    expect(accepts(schemas.insert[0], schemas.insert[1], { ...base, [key]: fits })).toBe(true);
    const [stored] = await db
      .insert(pgRt)
      .values({ ...base, [key]: fits })
      .returning();
    expect((stored as Record<string, unknown>)[key]).toEqual(fits);
    expect(accepts(schemas.insert[0], schemas.insert[1], { ...base, [key]: over })).toBe(false);
    await expect(db.insert(pgRt).values({ ...base, [key]: over })).rejects.toThrow(/out of range|too long/);
  });
});

const sqRt = sqliteTable('rt', {
  id: sqInteger().primaryKey({ autoIncrement: true }),
  count: sqInteger(),
  done: sqInteger({ mode: 'boolean' }).notNull(),
  at: sqInteger({ mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
  atMs: sqInteger({ mode: 'timestamp_ms' }),
  name: sqText().notNull(),
  short: sqText({ length: 5 }),
  kind: sqText({ enum: ['a', 'b'] }),
  doc: sqText({ mode: 'json' }).$type<{ n: number }>(),
  ratio: sqReal(),
  amount: sqNumeric(),
  amountB: sqNumeric({ mode: 'bigint' }),
  raw: blob(),
  big: blob({ mode: 'bigint' }),
});

describe('better-sqlite3: sqlite-core schemas against what SQLite stores', () => {
  const client = new Database(':memory:');
  const db = betterSqlite(client);
  client.exec(`create table rt (id integer primary key autoincrement, count integer, done integer not null, at integer not null default (unixepoch()),
    atMs integer, name text not null, short text, kind text, doc text, ratio real, amount numeric, amountB numeric, raw blob, big blob)`);
  afterAll(() => client.close());

  it('values the insert schema takes insert, and the rows read back pass the select schema unchanged', () => {
    const insert = zd.createInsertSchema(sqRt);
    const insertV = vb.createInsertSchema(sqRt);
    const select = zd.createSelectSchema(sqRt);
    const selectV = vb.createSelectSchema(sqRt);
    const d = draw(7);
    const sent: Record<string, unknown>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const row = given({
        count: d.maybe(() => d.edgy(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
        done: d.bool(),
        // Seconds: the column keeps no milliseconds.
        at: d.omit(() => new Date(Math.floor(d.date().getTime() / 1000) * 1000)),
        atMs: d.maybe(() => d.date()),
        name: d.letters(0, 20),
        short: d.maybe(() => d.letters(0, 5)),
        kind: d.maybe(() => d.pick(['a', 'b'] as const)),
        doc: d.maybe(() => ({ n: d.int(0, 100) })),
        ratio: d.maybe(() => d.r() * 1000),
        amount: d.maybe(() => `${d.int(-9999, 9999)}.${d.int(1, 9)}`),
        amountB: d.maybe(() => d.bigint64()),
        raw: d.maybe(() => Buffer.from(d.letters(0, 8))),
        big: d.maybe(() => d.bigint64()),
      });
      expect(accepts(insert, insertV, row)).toBe(true);
      sent.push(insert.parse(row));
    }
    db.insert(sqRt)
      .values(sent as (typeof sqRt.$inferInsert)[])
      .run();
    const rows = db.select().from(sqRt).orderBy(asc(sqRt.id)).all();
    expect(rows).toHaveLength(ROWS);
    rows.forEach((row, i) => {
      expect(select.parse(row)).toEqual(row);
      expect(v.parse(selectV, row)).toEqual(row);
      expect(row).toMatchObject(sent[i]!);
    });
  });

  it('numeric bigint: the schema takes the 64-bit integers SQLite keeps exactly, and refuses the larger ones it does not', () => {
    const insert = zd.createInsertSchema(sqRt);
    const insertV = vb.createInsertSchema(sqRt);
    const fits = 2n ** 63n - 1n;
    expect(accepts(insert, insertV, { done: true, name: 'n', amountB: fits })).toBe(true);
    const id = Number(db.insert(sqRt).values({ done: true, name: 'n', amountB: fits }).run().lastInsertRowid);
    expect(db.select().from(sqRt).where(sql`${sqRt.id} = ${id}`).get()?.amountB).toBe(fits);
    const over = 2n ** 63n;
    expect(accepts(insert, insertV, { done: true, name: 'n', amountB: over })).toBe(false);
    const overId = Number(db.insert(sqRt).values({ done: true, name: 'n', amountB: over }).run().lastInsertRowid);
    const back = (() => {
      try {
        return db.select().from(sqRt).where(sql`${sqRt.id} = ${overId}`).get()?.amountB;
      } catch (e) {
        return e;
      }
    })();
    expect(back).not.toBe(over);
  });
});

const myRt = mysqlTable('rt', {
  id: mySerial().primaryKey(),
  tiny: tinyint().notNull(),
  tinyU: tinyint({ unsigned: true }),
  medium: mediumint(),
  intU: myInt({ unsigned: true }),
  big: myBigint({ mode: 'number' }),
  bigB: myBigint({ mode: 'bigint', unsigned: true }),
  bigS: myBigint({ mode: 'string' }),
  dec: decimal({ precision: 10, scale: 2 }),
  f: double(),
  yes: myBoolean().notNull().default(false),
  ch: myChar({ length: 3 }),
  vc: myVarchar({ length: 20 }).notNull(),
  txt: myText({ enum: ['x', 'y'] }),
  blob: myBlob(),
  when: datetime({ fsp: 3 }).notNull(),
  whenS: datetime({ mode: 'string' }),
  yr: year(),
  doc: myJson().$type<{ a: number }>(),
  role: mysqlEnum(['admin', 'user']).notNull().default('user'),
  gen: myInt().generatedAlwaysAs(sql`tiny + 1`),
});

const MY_DDL = `create table rt (
  id bigint unsigned not null auto_increment primary key, tiny tinyint not null, tinyU tinyint unsigned, medium mediumint,
  intU int unsigned, big bigint, bigB bigint unsigned, bigS bigint, \`dec\` decimal(10, 2), f double, yes boolean not null default false,
  ch char(3), vc varchar(20) not null, txt text, \`blob\` blob, \`when\` datetime(3) not null, whenS datetime, yr year, doc json,
  role enum('admin', 'user') not null default 'user', gen int generated always as (tiny + 1) virtual
)`;

describe.skipIf(!mysqlServerUrl)('MariaDB: mysql-core schemas against what the server stores (skipped without SLUICE_MYSQL_URL)', () => {
  let database: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let pool: mysql.Pool;
  let db: ReturnType<typeof mysqlDrizzle<Record<string, never>, mysql.Pool>>;
  const insert = zd.createInsertSchema(myRt);
  const insertV = vb.createInsertSchema(myRt);
  beforeAll(async () => {
    database = await createMysqlDatabase();
    pool = mysql.createPool({ uri: database.url, connectionLimit: 2, timezone: 'Z' });
    await pool.query(MY_DDL);
    db = mysqlDrizzle(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('values the insert schema takes insert, and the rows read back pass the select schema unchanged', async () => {
    const d = draw(23);
    const sent: Record<string, unknown>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const row = given({
        tiny: d.edgy(-128, 126),
        tinyU: d.maybe(() => d.edgy(0, 255)),
        medium: d.maybe(() => d.edgy(-8388608, 8388607)),
        intU: d.maybe(() => d.edgy(0, 4294967295)),
        big: d.maybe(() => d.edgy(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
        bigB: d.maybe(() => BigInt.asUintN(64, d.bigint64())),
        bigS: d.maybe(() => String(d.bigint64())),
        dec: d.maybe(() => `${d.int(-99999999, 99999999)}.${String(d.int(0, 99)).padStart(2, '0')}`),
        // Doubles with few digits: the server's text form of a full-precision double may differ in the last place.
        f: d.maybe(() => d.int(-1e6, 1e6) / 8),
        yes: d.omit(() => d.bool()),
        ch: d.maybe(() => d.letters(1, 3)),
        vc: d.letters(0, 20),
        txt: d.maybe(() => d.pick(['x', 'y'] as const)),
        blob: d.maybe(() => Buffer.from(d.letters(0, 10))),
        when: d.date(),
        whenS: d.maybe(() => d.date().toISOString().slice(0, 19).replace('T', ' ')),
        yr: d.maybe(() => d.edgy(1901, 2155)),
        doc: d.maybe(() => ({ a: d.int(0, 9) })),
        role: d.omit(() => d.pick(['admin', 'user'] as const)),
      });
      expect(accepts(insert, insertV, row)).toBe(true);
      sent.push(insert.parse(row));
    }
    await db.insert(myRt).values(sent as (typeof myRt.$inferInsert)[]);
    const rows = await db.select().from(myRt).orderBy(asc(myRt.id));
    expect(rows).toHaveLength(ROWS);
    const select = zd.createSelectSchema(myRt);
    const selectV = vb.createSelectSchema(myRt);
    rows.forEach((row, i) => {
      expect(select.parse(row)).toEqual(row);
      expect(v.parse(selectV, row)).toEqual(row);
      expect(row).toMatchObject(sent[i]!);
      expect(row.gen).toBe(row.tiny + 1);
    });
  });

  const base = { tiny: 1, vc: 'v', when: new Date(0) };
  it.each([
    ['tiny', 126, 128],
    ['tinyU', 255, 256],
    ['tinyU', 0, -1],
    ['medium', 8388607, 8388608],
    ['intU', 4294967295, 4294967296],
    ['yr', 2155, 2156],
    ['vc', 'x'.repeat(20), 'x'.repeat(21)],
    ['ch', 'abc', 'abcd'],
  ] as const)('%s: the schema takes %j and the server stores it; both refuse %j', async (key, fits, over) => {
    expect(accepts(insert, insertV, { ...base, [key]: fits })).toBe(true);
    const [{ id }] = await db
      .insert(myRt)
      .values({ ...base, [key]: fits })
      .$returningId();
    const [stored] = await db.select().from(myRt).where(sql`${myRt.id} = ${id}`);
    expect((stored as Record<string, unknown>)[key]).toEqual(fits);
    expect(accepts(insert, insertV, { ...base, [key]: over })).toBe(false);
    await expect(db.insert(myRt).values({ ...base, [key]: over })).rejects.toThrow(/Out of range|too long/i);
  });
});
