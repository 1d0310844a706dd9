/**
 * Column values on MySQL (mysql2 against the server at SLUICE_MYSQL_URL): every column mode
 * round-trips through insert, select and relational queries, and `db.execute()` returns dates as
 * the server's text, as Drizzle's mysql2 driver does for raw queries.
 */
import { relations, sql, type Database } from 'sluice';
import { bigint, binary, boolean, char, date, datetime, decimal, double, float, int, json, mediumint, mysqlEnum, mysqlTable, real, smallint, text, time, timestamp, tinyint, varbinary, varchar, year } from 'sluice/mysql-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourTargets, openBehaviourTarget, type BehaviourTarget } from '../support/behaviour.js';

const kinds = mysqlTable('kinds', {
  id: int('id').primaryKey(),
  dt: datetime('dt'),
  dtStr: datetime('dt_str', { mode: 'string' }),
  dtStr3: datetime('dt_str3', { mode: 'string', fsp: 3 }),
  dt3: datetime('dt3', { fsp: 3 }),
  ts: timestamp('ts'),
  tsStr: timestamp('ts_str', { mode: 'string' }),
  tsStr6: timestamp('ts_str6', { mode: 'string', fsp: 6 }),
  day: date('day'),
  dayStr: date('day_str', { mode: 'string' }),
  at: time('at'),
  yr: year('yr'),
  dec: decimal('dec', { precision: 10, scale: 2 }),
  decNum: decimal('dec_num', { precision: 10, scale: 2, mode: 'number' }),
  decBig: decimal('dec_big', { precision: 30, scale: 0, mode: 'bigint' }),
  bigNum: bigint('big_num', { mode: 'number' }),
  bigBig: bigint('big_big', { mode: 'bigint' }),
  bigStr: bigint('big_str', { mode: 'string' }),
  bigUnsigned: bigint('big_unsigned', { mode: 'bigint', unsigned: true }),
  doc: json('doc').$type<{ a: (number | string)[] } | string>(),
  flag: boolean('flag'),
  f4: float('f4'),
  f8: double('f8'),
  re: real('re'),
  bin: binary('bin', { length: 3 }),
  vbin: varbinary('vbin', { length: 10 }),
  tiny: tinyint('tiny'),
  small: smallint('small'),
  medium: mediumint('medium'),
  letters: char('letters', { length: 2 }),
  name: varchar('name', { length: 20 }),
  body: text('body'),
  choice: mysqlEnum('choice', ['a', 'b']),
});
const kindsDdl = `create table kinds (id int primary key, dt datetime, dt_str datetime, dt_str3 datetime(3), dt3 datetime(3), ts timestamp null,
  ts_str timestamp null, ts_str6 timestamp(6) null, day date, day_str date, at time, yr year, \`dec\` decimal(10,2), dec_num decimal(10,2),
  dec_big decimal(30,0), big_num bigint, big_big bigint, big_str bigint, big_unsigned bigint unsigned, doc json, flag boolean, f4 float,
  f8 double, re real, bin binary(3), vbin varbinary(10), tiny tinyint, small smallint, medium mediumint, letters char(2), name varchar(20),
  body text, choice enum('a','b'))`;
const schema = { kinds, kindsRelations: relations(kinds, ({ one }) => ({ self: one(kinds, { fields: [kinds.id], references: [kinds.id] }) })) };

const when = new Date('2024-01-02T03:04:05.678Z');
const full = {
  id: 1,
  dt: new Date('2024-01-02T03:04:05.000Z'),
  dtStr: '2024-01-02 03:04:05',
  dtStr3: '2024-01-02 03:04:05.678',
  dt3: when,
  ts: new Date('2024-01-02T03:04:05.000Z'),
  tsStr: '2024-01-02 03:04:05',
  tsStr6: '2024-01-02 03:04:05.123456',
  day: new Date('2024-01-02T00:00:00.000Z'),
  dayStr: '2024-01-02',
  at: '12:34:56',
  yr: 2024,
  dec: '12345.67',
  decNum: 1.5,
  decBig: 123456789012345678901234567890n,
  bigNum: 9007199254740991,
  bigBig: 9223372036854775807n,
  bigStr: '9223372036854775807',
  bigUnsigned: 18446744073709551615n,
  doc: { a: [1, 'x'] },
  flag: true,
  f4: 1.25,
  f8: 0.1,
  re: 2.5,
  bin: 'abc',
  vbin: 'xyz',
  tiny: 1,
  small: 2,
  medium: 3,
  letters: 'ab',
  name: 'v',
  body: 't',
  choice: 'a' as const,
};
const empty = Object.fromEntries(Object.keys(full).map((k) => [k, null]));
const sparse = { ...empty, id: 2, doc: 'a JSON string', flag: false, bigStr: '-5', bigBig: -5n, bigNum: -5 };

describe.each(
  behaviourTargets()
    .filter((t) => t.dialect === 'mysql')
    .map((t) => t.name),
)('values on %s', (name) => {
  let target: BehaviourTarget;
  let db: Database<'mysql', unknown, typeof schema>;

  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec(kindsDdl);
    db = (await target.open({ schema })) as never;
    await db.insert(kinds).values([full, { id: 2, doc: 'a JSON string', flag: false, bigStr: '-5', bigBig: -5n, bigNum: -5 }]);
  });
  afterAll(async () => {
    await target?.close();
  });

  it('round-trips every column mode through select and relational queries', async () => {
    expect(await db.select().from(kinds).orderBy(kinds.id)).toEqual([full, sparse]);
    expect(await db.query.kinds.findMany({ orderBy: (k, { asc }) => [asc(k.id)] })).toEqual([full, sparse]);
    const nested = await db.query.kinds.findMany({ columns: { id: true }, with: { self: true }, orderBy: (k, { asc }) => [asc(k.id)] });
    expect(nested).toEqual([
      { id: 1, self: full },
      { id: 2, self: sparse },
    ]);
  });

  it('returns dates, datetimes and timestamps from db.execute() as the server text', async () => {
    const [rows] = (await db.execute(sql`select dt, dt_str, dt_str3, dt3, ts, ts_str6, day, at, yr, \`dec\`, doc from ${kinds} where id = 1`)) as unknown as [Record<string, unknown>[]];
    expect(rows).toEqual([
      {
        dt: '2024-01-02 03:04:05',
        dt_str: '2024-01-02 03:04:05',
        dt_str3: '2024-01-02 03:04:05.678',
        dt3: '2024-01-02 03:04:05.678',
        ts: '2024-01-02 03:04:05',
        ts_str6: '2024-01-02 03:04:05.123456',
        day: '2024-01-02',
        at: '12:34:56',
        yr: 2024,
        dec: '12345.67',
        doc: expect.anything(),
      },
    ]);
    // MariaDB's json is longtext, which mysql2 returns as text; MySQL 8's json comes parsed.
    const doc = rows[0]!.doc;
    expect(typeof doc === 'string' ? JSON.parse(doc) : doc).toEqual({ a: [1, 'x'] });
  });

  it('returns a raw sql expression of a string-mode datetime as text', async () => {
    const rows = await db
      .select({ dt: sql<string>`${kinds.dtStr}`, day: sql<string>`${kinds.dayStr}`, dec: sql<string>`${kinds.dec}` })
      .from(kinds)
      .where(sql`${kinds.id} = 1`);
    expect(rows).toEqual([{ dt: '2024-01-02 03:04:05', day: '2024-01-02', dec: '12345.67' }]);
  });
});
