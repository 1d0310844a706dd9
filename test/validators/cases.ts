/**
 * Tables covering every column kind of each dialect, with values each column's schema must take
 * and values it must refuse. The zod and valibot suites run the same cases.
 */
import { sql } from 'sluice';
import { bigint as crBigint, bit, bool, cockroachEnum, cockroachTable, decimal as crDecimal, geometry, int2, int4, int8, jsonb as crJsonb, string as crString, uuid as crUuid, varbit, vector } from 'sluice/cockroach-core';
import { bigint as msBigint, bit as msBit, customType as msCustomType, datetime2, int as msInt, mssqlTable, nchar, nvarchar, tinyint as msTinyint, varbinary, varchar as msVarchar } from 'sluice/mssql-core';
import {
  bigint as myBigint,
  binary,
  blob as myBlob,
  boolean as myBoolean,
  char as myChar,
  datetime,
  decimal as myDecimal,
  float,
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
import { bigint, boolean, bytea, char, date, integer, interval, json, jsonb, line, numeric, pgEnum, pgTable, point, real, serial, smallint, text, timestamp, uuid, varchar } from 'sluice/pg-core';
import { blob, integer as sqInteger, numeric as sqNumeric, real as sqReal, sqliteTable, text as sqText } from 'sluice/sqlite-core';

/** Values a column's select schema takes (`ok`) and refuses (`bad`, each naming that column in its issue). */
export interface ColumnCase {
  key: string;
  ok: unknown[];
  bad: unknown[];
}

export interface DialectCases {
  name: string;
  table: object;
  /** A row every select schema takes; each case replaces one field of it. */
  row: Record<string, unknown>;
  cases: ColumnCase[];
}

const UUID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

export const mood = pgEnum('mood', ['sad', 'ok', 'happy']);

export const pgAll = pgTable('pg_all', {
  id: serial().primaryKey(),
  counter: integer().generatedAlwaysAsIdentity(),
  byDefault: integer().generatedByDefaultAsIdentity(),
  small: smallint().notNull(),
  int: integer(),
  big: bigint({ mode: 'number' }),
  bigB: bigint({ mode: 'bigint' }).notNull(),
  real: real(),
  num: numeric({ precision: 10, scale: 2 }),
  numN: numeric({ mode: 'number' }),
  numB: numeric({ mode: 'bigint' }),
  flag: boolean().notNull().default(false),
  name: text().notNull(),
  kind: text({ enum: ['a', 'b'] }),
  code: varchar({ length: 8 }),
  fixed: char({ length: 2 }),
  key: uuid().defaultRandom(),
  doc: json(),
  meta: jsonb().$type<{ tags: string[] }>().notNull(),
  bin: bytea(),
  at: timestamp().notNull().defaultNow(),
  atS: timestamp({ mode: 'string' }),
  day: date(),
  dayD: date({ mode: 'date' }),
  span: interval(),
  m: mood().notNull(),
  moods: mood().array(),
  tags: text().array().notNull(),
  grid: integer().array().array(),
  pt: point(),
  ptXY: point({ mode: 'xy' }),
  ln: line(),
  lnABC: line({ mode: 'abc' }),
  lower: text().generatedAlwaysAs(sql`lower(name)`),
});

const pg: DialectCases = {
  name: 'pg-core',
  table: pgAll,
  row: {
    id: 1,
    counter: 1,
    byDefault: 1,
    small: 1,
    int: null,
    big: null,
    bigB: 1n,
    real: null,
    num: null,
    numN: null,
    numB: null,
    flag: true,
    name: 'n',
    kind: null,
    code: null,
    fixed: null,
    key: null,
    doc: null,
    meta: { tags: [] },
    bin: null,
    at: new Date(),
    atS: null,
    day: null,
    dayD: null,
    span: null,
    m: 'ok',
    moods: null,
    tags: [],
    grid: null,
    pt: null,
    ptXY: null,
    ln: null,
    lnABC: null,
    lower: null,
  },
  cases: [
    { key: 'id', ok: [1, 2147483647], bad: [1.5, '1', 2147483648, null] },
    { key: 'small', ok: [-32768, 32767], bad: [32768, -32769, 0.5] },
    { key: 'int', ok: [null, -2147483648], bad: [2147483648, 'x', Number.NaN] },
    { key: 'big', ok: [Number.MAX_SAFE_INTEGER, null], bad: [2 ** 53, 1.5, 1n] },
    { key: 'bigB', ok: [2n ** 63n - 1n, -(2n ** 63n)], bad: [2n ** 63n, 1, '1'] },
    { key: 'real', ok: [1.5, -0], bad: ['1.5', Number.POSITIVE_INFINITY] },
    { key: 'num', ok: ['12.50'], bad: [12.5] },
    { key: 'numN', ok: [1.25], bad: ['1.25'] },
    { key: 'numB', ok: [10n ** 30n], bad: [1] },
    { key: 'flag', ok: [false], bad: [1, 'true', null] },
    { key: 'name', ok: ['', 'x'.repeat(1000)], bad: [1, null] },
    { key: 'kind', ok: ['a', 'b', null], bad: ['c', ''] },
    { key: 'code', ok: ['ABCDEFGH', ''], bad: ['ABCDEFGHI', 8] },
    { key: 'fixed', ok: ['ab', 'a'], bad: ['abc'] },
    { key: 'key', ok: [UUID, null], bad: ['not-a-uuid', `${UUID}0`] },
    { key: 'doc', ok: [{ a: [1, 'x', null, true] }, 'text', 3, [1]], bad: [() => 1, 1n] },
    { key: 'meta', ok: [{ tags: ['a'] }], bad: [undefined, null] },
    { key: 'bin', ok: [Buffer.from('hi')], bad: ['hi', [1, 2]] },
    { key: 'at', ok: [new Date(0)], bad: ['2020-01-01', new Date(Number.NaN), 0] },
    { key: 'atS', ok: ['2020-01-01 00:00:00'], bad: [new Date()] },
    { key: 'day', ok: ['2020-01-01'], bad: [new Date()] },
    { key: 'dayD', ok: [new Date()], bad: ['2020-01-01'] },
    { key: 'span', ok: ['1 day'], bad: [1] },
    { key: 'm', ok: ['sad', 'happy'], bad: ['meh', null] },
    { key: 'moods', ok: [['ok', 'sad'], [], null], bad: [['meh'], 'ok'] },
    { key: 'tags', ok: [['a', 'b'], []], bad: [[1], null, 'a'] },
    {
      key: 'grid',
      ok: [
        [
          [1, 2],
          [3, 4],
        ],
        null,
      ],
      bad: [[1, 2], [[1.5]], [[2147483648]]],
    },
    { key: 'pt', ok: [[1, 2.5]], bad: [[1], { x: 1, y: 2 }, [1, 2, 3]] },
    { key: 'ptXY', ok: [{ x: 1, y: 2 }], bad: [[1, 2], { x: 1 }] },
    { key: 'ln', ok: [[1, 2, 3]], bad: [[1, 2]] },
    { key: 'lnABC', ok: [{ a: 1, b: 2, c: 3 }], bad: [{ a: 1, b: 2 }] },
    { key: 'lower', ok: ['x', null], bad: [1] },
  ],
};

export const myAll = mysqlTable('my_all', {
  id: mySerial().primaryKey(),
  tiny: tinyint().notNull(),
  tinyU: tinyint({ unsigned: true }),
  medium: mediumint(),
  intU: myInt({ unsigned: true }),
  big: myBigint({ mode: 'number' }),
  bigB: myBigint({ mode: 'bigint', unsigned: true }),
  bigS: myBigint({ mode: 'string' }),
  bigSU: myBigint({ mode: 'string', unsigned: true }),
  dec: myDecimal({ precision: 10, scale: 2 }),
  decN: myDecimal({ mode: 'number' }),
  f: float(),
  yes: myBoolean().default(false),
  ch: myChar({ length: 3 }),
  vc: myVarchar({ length: 20 }).notNull(),
  txt: myText({ enum: ['x', 'y'] }),
  bin: binary({ length: 4 }),
  blob: myBlob(),
  when: datetime().notNull(),
  whenS: datetime({ mode: 'string' }),
  yr: year(),
  doc: myJson().$type<{ a: number }>(),
  role: mysqlEnum(['admin', 'user']).notNull().default('user'),
  gen: myInt().generatedAlwaysAs(sql`1`),
});

const mysql: DialectCases = {
  name: 'mysql-core',
  table: myAll,
  row: {
    id: 1,
    tiny: 0,
    tinyU: null,
    medium: null,
    intU: null,
    big: null,
    bigB: null,
    bigS: null,
    bigSU: null,
    dec: null,
    decN: null,
    f: null,
    yes: null,
    ch: null,
    vc: 'v',
    txt: null,
    bin: null,
    blob: null,
    when: new Date(),
    whenS: null,
    yr: null,
    doc: null,
    role: 'user',
    gen: null,
  },
  cases: [
    { key: 'id', ok: [0, Number.MAX_SAFE_INTEGER], bad: [-1, 1.5] },
    { key: 'tiny', ok: [-128, 127], bad: [128, -129] },
    { key: 'tinyU', ok: [0, 255], bad: [-1, 256] },
    { key: 'medium', ok: [-8388608, 8388607], bad: [8388608, -8388609] },
    { key: 'intU', ok: [0, 4294967295], bad: [-1, 4294967296] },
    { key: 'big', ok: [Number.MIN_SAFE_INTEGER], bad: [2 ** 53] },
    { key: 'bigB', ok: [0n, 2n ** 64n - 1n], bad: [-1n, 2n ** 64n] },
    { key: 'bigS', ok: ['-9223372036854775808', '12'], bad: ['1.5', 12, 'x'] },
    { key: 'bigSU', ok: ['18446744073709551615'], bad: ['-1'] },
    { key: 'dec', ok: ['1.50'], bad: [1.5] },
    { key: 'decN', ok: [1.5], bad: ['1.5'] },
    { key: 'f', ok: [1.5], bad: ['1.5'] },
    { key: 'yes', ok: [true, null], bad: [1, 'yes'] },
    { key: 'ch', ok: ['abc', 'ab'], bad: ['abcd'] },
    { key: 'vc', ok: ['x'.repeat(20)], bad: ['x'.repeat(21), null] },
    { key: 'txt', ok: ['x'], bad: ['z'] },
    { key: 'bin', ok: ['abcd'], bad: ['abcde'] },
    { key: 'blob', ok: [Buffer.alloc(3)], bad: ['abc'] },
    { key: 'when', ok: [new Date(0)], bad: ['2020-01-01 00:00:00'] },
    { key: 'whenS', ok: ['2020-01-01 00:00:00'], bad: [new Date()] },
    { key: 'yr', ok: [1901, 2155], bad: [1900, 2156, 2000.5] },
    { key: 'doc', ok: [{ a: 1 }], bad: [() => 1] },
    { key: 'role', ok: ['admin'], bad: ['root'] },
  ],
};

export const sqAll = sqliteTable('sq_all', {
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
  amountN: sqNumeric({ mode: 'number' }),
  amountB: sqNumeric({ mode: 'bigint' }),
  raw: blob(),
  big: blob({ mode: 'bigint' }),
  bjson: blob({ mode: 'json' }).$type<string[]>(),
});

const sqlite: DialectCases = {
  name: 'sqlite-core',
  table: sqAll,
  row: { id: 1, count: null, done: false, at: new Date(), atMs: null, name: 'n', short: null, kind: null, doc: null, ratio: null, amount: null, amountN: null, amountB: null, raw: null, big: null, bjson: null },
  cases: [
    { key: 'id', ok: [Number.MAX_SAFE_INTEGER], bad: [2 ** 53, 1.5] },
    { key: 'count', ok: [-(2 ** 40)], bad: ['1'] },
    { key: 'done', ok: [true], bad: [1, 0] },
    { key: 'at', ok: [new Date()], bad: [1] },
    { key: 'short', ok: ['abcde'], bad: ['abcdef'] },
    { key: 'kind', ok: ['b'], bad: ['c'] },
    { key: 'doc', ok: [{ n: 1 }], bad: [1n] },
    { key: 'ratio', ok: [0.1], bad: ['0.1'] },
    { key: 'amount', ok: ['1.5'], bad: [1.5] },
    { key: 'amountB', ok: [2n ** 63n - 1n], bad: [1, 2n ** 63n] },
    { key: 'raw', ok: [Buffer.from([1])], bad: [[1]] },
    { key: 'big', ok: [2n ** 63n - 1n], bad: [2n ** 63n] },
    { key: 'bjson', ok: [['a']], bad: [() => 1] },
  ],
};

const money = msCustomType<{ data: number; driverData: string }>({ dataType: () => 'money' });
export const msAll = mssqlTable('ms_all', {
  id: msInt().identity().primaryKey(),
  tiny: msTinyint(),
  big: msBigint({ mode: 'bigint' }).notNull(),
  bigS: msBigint({ mode: 'string' }),
  flag: msBit().notNull(),
  code: nchar({ length: 2 }),
  name: nvarchar({ length: 'max' }).notNull(),
  vc: msVarchar({ length: 10, enum: ['p', 'q'] }),
  short: msVarchar({ length: 3 }),
  doc: nvarchar({ mode: 'json' }).$type<{ k: string }>(),
  bytes: varbinary({ length: 16 }),
  at: datetime2().notNull(),
  price: money(),
});

const mssql: DialectCases = {
  name: 'mssql-core',
  table: msAll,
  row: { id: 1, tiny: null, big: 1n, bigS: null, flag: true, code: null, name: 'n', vc: null, short: null, doc: null, bytes: null, at: new Date(), price: null },
  cases: [
    { key: 'tiny', ok: [0, 255], bad: [-1, 256] },
    { key: 'big', ok: [-(2n ** 63n)], bad: [2n ** 63n] },
    { key: 'bigS', ok: ['-1'], bad: ['1e3'] },
    { key: 'flag', ok: [false], bad: [0] },
    { key: 'code', ok: ['ab', 'a'], bad: ['abc'] },
    { key: 'name', ok: ['x'.repeat(10000)], bad: [null] },
    { key: 'vc', ok: ['p'], bad: ['r'] },
    { key: 'short', ok: ['abc'], bad: ['abcd'] },
    { key: 'doc', ok: [{ k: 'v' }], bad: [() => 1] },
    { key: 'bytes', ok: [Buffer.alloc(16)], bad: ['00'] },
    { key: 'at', ok: [new Date()], bad: ['2020-01-01'] },
    // Custom types: sluice cannot know what a custom type admits, so anything goes (as in Drizzle).
    { key: 'price', ok: [1.5, 'anything', null], bad: [] },
  ],
};

export const color = cockroachEnum('color', ['red', 'blue']);
export const crAll = cockroachTable('cr_all', {
  id: int8({ mode: 'bigint' }).primaryKey(),
  small: int2(),
  n: int4().notNull(),
  big: crBigint({ mode: 'number' }),
  ok: bool().notNull(),
  amount: crDecimal(),
  name: crString().notNull(),
  bits: bit({ length: 3 }),
  vbits: varbit(),
  key: crUuid(),
  doc: crJsonb().$type<number[]>(),
  c: color(),
  cs: color().array(),
  where: geometry({ type: 'point' }),
  whereXY: geometry({ type: 'point', mode: 'xy' }),
  emb: vector({ dimensions: 3 }),
});

const cockroach: DialectCases = {
  name: 'cockroach-core',
  table: crAll,
  row: { id: 1n, small: null, n: 1, big: null, ok: true, amount: null, name: 'n', bits: null, vbits: null, key: null, doc: null, c: null, cs: null, where: null, whereXY: null, emb: null },
  cases: [
    { key: 'id', ok: [2n ** 63n - 1n], bad: [1] },
    { key: 'small', ok: [32767], bad: [32768] },
    { key: 'n', ok: [-2147483648], bad: [-2147483649] },
    { key: 'bits', ok: ['101'], bad: ['10', '102'] },
    { key: 'vbits', ok: ['', '0101'], bad: ['2'] },
    { key: 'key', ok: [UUID], bad: ['x'] },
    { key: 'doc', ok: [[1, 2]], bad: [1n] },
    { key: 'c', ok: ['red'], bad: ['green'] },
    { key: 'cs', ok: [['red', 'blue']], bad: [['green']] },
    { key: 'where', ok: [[1, 2]], bad: [[1]] },
    { key: 'whereXY', ok: [{ x: 1, y: 2 }], bad: [[1, 2]] },
    {
      key: 'emb',
      ok: [[1, 2, 3]],
      bad: [
        [1, 2],
        ['1', '2', '3'],
      ],
    },
  ],
};

export const dialects: DialectCases[] = [pg, mysql, sqlite, mssql, cockroach];
