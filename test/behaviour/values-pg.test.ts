/**
 * Column values on PostgreSQL, per driver (PGlite always; node-postgres and postgres.js when
 * SLUICE_PG_URL is set): what each column mode returns from selects, `returning()` and relational
 * queries, and what raw `sql` expressions and `db.execute()` return. The expected values are the
 * ones Drizzle returns on the same driver.
 */
import { PGlite } from '@electric-sql/pglite';
import { relations, sql, type Database } from 'sluice';
import { bigint, bigserial, boolean, bytea, char, date, doublePrecision, integer, interval, json, jsonb, numeric, pgTable, real, serial, text, time, timestamp, uuid, varchar } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetNames, type PgTarget } from '../support/targets.js';

const stamps = pgTable('stamps', {
  id: serial('id').primaryKey(),
  str6: timestamp('str6', { mode: 'string', precision: 6 }),
  date3: timestamp('date3', { mode: 'date', precision: 3 }),
  tzStr6: timestamp('tz_str6', { mode: 'string', withTimezone: true, precision: 6 }),
  tzDate3: timestamp('tz_date3', { mode: 'date', withTimezone: true, precision: 3 }),
  plain: timestamp('plain'),
  day: date('day', { mode: 'date' }),
  dayStr: date('day_str'),
  at: time('at'),
  atTz: time('at_tz', { withTimezone: true }),
  span: interval('span'),
});
const stampsDdl = `create table stamps (id serial primary key, str6 timestamp(6), date3 timestamp(3), tz_str6 timestamptz(6), tz_date3 timestamptz(3),
  plain timestamp, day date, day_str date, at time, at_tz timetz, span interval)`;

const arrays = pgTable('arrays', {
  id: serial('id').primaryKey(),
  texts: text('texts').array(),
  ints: integer('ints').array(),
  docs: jsonb('docs').array(),
  grid: text('grid').array().array(),
  matrix: integer('matrix').array().array(),
  docGrid: jsonb('doc_grid').array().array(),
  bigGrid: bigint('big_grid', { mode: 'bigint' }).array().array(),
  stampGrid: timestamp('stamp_grid', { mode: 'string' }).array().array(),
  blobs: bytea('blobs').array(),
  blobGrid: bytea('blob_grid').array().array(),
});
const arraysDdl = `create table arrays (id serial primary key, texts text[], ints integer[], docs jsonb[], grid text[][], matrix integer[][],
  doc_grid jsonb[][], big_grid bigint[][], stamp_grid timestamp[][], blobs bytea[], blob_grid bytea[][])`;

const kinds = pgTable('kinds', {
  id: serial('id').primaryKey(),
  numStr: numeric('num_str'),
  numNum: numeric('num_num', { mode: 'number' }),
  numBig: numeric('num_big', { mode: 'bigint' }),
  big53: bigint('big53', { mode: 'number' }),
  big64: bigint('big64', { mode: 'bigint' }),
  serial53: bigserial('serial53', { mode: 'number' }),
  serial64: bigserial('serial64', { mode: 'bigint' }),
  float4: real('float4'),
  float8: doublePrecision('float8'),
  doc: json('doc').$type<{ name: string; tags: string[] }>(),
  docb: jsonb('docb').$type<string | number[]>(),
  key: uuid('key').defaultRandom(),
  letter: char('letter'),
  choice: varchar('choice', { enum: ['on', 'off'] }),
  flag: boolean('flag'),
});
const kindsDdl = `create table kinds (id serial primary key, num_str numeric, num_num numeric, num_big numeric, big53 bigint, big64 bigint,
  serial53 bigserial, serial64 bigserial, float4 real, float8 double precision, doc json, docb jsonb, key uuid default gen_random_uuid(),
  letter char, choice varchar, flag boolean)`;

const schema = {
  stamps,
  arrays,
  kinds,
  stampsRelations: relations(stamps, ({ one }) => ({ self: one(stamps, { fields: [stamps.id], references: [stamps.id] }) })),
  arraysRelations: relations(arrays, ({ one }) => ({ self: one(arrays, { fields: [arrays.id], references: [arrays.id] }) })),
  kindsRelations: relations(kinds, ({ one }) => ({ self: one(kinds, { fields: [kinds.id], references: [kinds.id] }) })),
};

type AnyDb = Database<'pg', unknown, typeof schema>;

/** `db.execute` returns each driver's own result; this reads its rows. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return [...result] as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

describe.each(targetNames())('values on %s', (name) => {
  let target: PgTarget;
  let db: AnyDb;

  beforeAll(async () => {
    target = await openTarget(name);
    await target.exec(`${stampsDdl}; ${arraysDdl}; ${kindsDdl}`);
    db = (await target.open({ schema })) as AnyDb;
  });
  afterAll(async () => {
    await target?.close();
  });

  describe('timestamps, dates, times and intervals', () => {
    const inserted = {
      str6: '2022-01-01T02:00:00.123456-02',
      date3: new Date('2022-01-01 20:00:00.123+04'),
      tzStr6: '2022-01-01 00:00:00.123456-0200',
      tzDate3: new Date('2022-01-01 00:00:00.456-0200'),
      plain: new Date('2024-05-06T07:08:09.987Z'),
      day: new Date('2024-02-29T00:00:00Z'),
      dayStr: '2024-02-29',
      at: '12:34:56.789',
      atTz: '12:34:56+03',
      span: '1 day 2 hours',
    };
    const expected = {
      id: 1,
      // A string timestamp without time zone keeps the text as written, offset dropped.
      str6: '2022-01-01 02:00:00.123456',
      date3: new Date('2022-01-01T16:00:00.123Z'),
      // With a time zone, PostgreSQL prints it in the session's zone (UTC here).
      tzStr6: '2022-01-01 02:00:00.123456+00',
      tzDate3: new Date('2022-01-01T02:00:00.456Z'),
      plain: new Date('2024-05-06T07:08:09.987Z'),
      day: new Date('2024-02-29T00:00:00Z'),
      dayStr: '2024-02-29',
      at: '12:34:56.789',
      atTz: '12:34:56+03',
      span: '1 day 02:00:00',
    };

    beforeAll(async () => {
      await target.exec('truncate stamps restart identity');
    });

    it('returns each mode from insert ... returning, select and relational queries', async () => {
      const query = db.insert(stamps).values(inserted).returning();
      expect(query.toSQL().sql).toBe(
        'insert into "stamps" ("str6", "date3", "tz_str6", "tz_date3", "plain", "day", "day_str", "at", "at_tz", "span") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning "id", "str6", "date3", "tz_str6", "tz_date3", "plain", "day", "day_str", "at", "at_tz", "span"',
      );
      expect(await query).toEqual([expected]);
      expect(await db.select().from(stamps)).toEqual([expected]);
      expect(await db.query.stamps.findMany()).toEqual([expected]);
      // Nested rows travel as JSON; each mode decodes to the same value there.
      expect(await db.query.stamps.findMany({ columns: { id: true }, with: { self: true } })).toEqual([{ id: 1, self: expected }]);
    });

    it('returns the text PostgreSQL sends from db.execute()', async () => {
      const rows = rowsOf(await db.execute(sql`select str6, date3, tz_str6, tz_date3, plain, day, day_str, at, at_tz, span from ${stamps}`));
      expect(rows).toEqual([
        {
          str6: '2022-01-01 02:00:00.123456',
          date3: '2022-01-01 16:00:00.123',
          tz_str6: '2022-01-01 02:00:00.123456+00',
          tz_date3: '2022-01-01 02:00:00.456+00',
          plain: '2024-05-06 07:08:09.987',
          day: '2024-02-29',
          day_str: '2024-02-29',
          at: '12:34:56.789',
          at_tz: '12:34:56+03',
          span: '1 day 02:00:00',
        },
      ]);
    });

    it('prints string timestamps with time zone in the session time zone', async () => {
      const rows = await db.transaction(async (tx) => {
        await tx.execute(sql`set local time zone 'HST'`);
        return tx.select({ tzStr6: stamps.tzStr6, tzDate3: stamps.tzDate3, raw: sql<string>`${stamps.tzStr6}` }).from(stamps);
      });
      expect(rows).toEqual([{ tzStr6: '2021-12-31 16:00:00.123456-10', tzDate3: new Date('2022-01-01T02:00:00.456Z'), raw: '2021-12-31 16:00:00.123456-10' }]);
    });
  });

  describe('arrays', () => {
    const row = {
      texts: ['abc', 'd e', 'q"u', 'back\\slash', ''],
      ints: [1, -2, 3],
      docs: [{ a: 1 }, 'text', [1, 2]],
      grid: [
        ['abc', 'def'],
        ['ghi', 'jkl'],
      ],
      matrix: [
        [1, 2],
        [3, 4],
      ],
      docGrid: [[{ a: 1 }, { b: 'two' }]],
      bigGrid: [[9223372036854775807n, -1n]],
      stampGrid: [['2024-01-02 03:04:05.5', '2024-01-02 03:04:06']],
      blobs: [Buffer.from('BYTES'), Buffer.from([0, 255])],
      blobGrid: [
        [Buffer.from('X'), Buffer.from('Y')],
        [Buffer.from('Z'), Buffer.from('W')],
      ],
    };

    beforeAll(async () => {
      await target.exec('truncate arrays restart identity');
    });

    it('decodes one- and two-dimensional arrays once', async () => {
      const query = db.insert(arrays).values(row).returning();
      expect(query.toSQL().params).toEqual([
        '{"abc","d e","q\\"u","back\\\\slash",""}',
        '{1,-2,3}',
        '{"{\\"a\\":1}","\\"text\\"","[1,2]"}',
        '{{"abc","def"},{"ghi","jkl"}}',
        '{{1,2},{3,4}}',
        '{{"{\\"a\\":1}","{\\"b\\":\\"two\\"}"}}',
        '{{"9223372036854775807","-1"}}',
        '{{"2024-01-02 03:04:05.5","2024-01-02 03:04:06"}}',
        '{"\\\\x4259544553","\\\\x00ff"}',
        '{{"\\\\x58","\\\\x59"},{"\\\\x5a","\\\\x57"}}',
      ]);
      expect(await query).toEqual([{ id: 1, ...row }]);
      expect(await db.select().from(arrays)).toEqual([{ id: 1, ...row }]);
      expect(await db.query.arrays.findMany()).toEqual([{ id: 1, ...row }]);
      expect(await db.query.arrays.findMany({ columns: { id: true }, with: { self: true } })).toEqual([{ id: 1, self: { id: 1, ...row } }]);
    });

    it('stores the arrays PostgreSQL reads back as the same text', async () => {
      const rows = rowsOf(await db.execute(sql`select grid::text as grid, matrix::text as matrix, doc_grid::text as doc_grid, big_grid::text as big_grid from ${arrays}`));
      expect(rows).toEqual([{ grid: '{{abc,def},{ghi,jkl}}', matrix: '{{1,2},{3,4}}', doc_grid: '{{"{\\"a\\": 1}","{\\"b\\": \\"two\\"}"}}', big_grid: '{{9223372036854775807,-1}}' }]);
    });
  });

  describe('numbers, JSON, uuid and strings', () => {
    beforeAll(async () => {
      await target.exec('truncate kinds restart identity');
    });

    it('round-trips every mode', async () => {
      const row = {
        numStr: '12345678901234567890.123456789',
        numNum: 1.5,
        numBig: 9223372036854775807n,
        big53: 9007199254740991,
        big64: 9223372036854775807n,
        float4: 1.25,
        float8: 0.1,
        doc: { name: 'n', tags: ['a', 'b'] },
        docb: 'a JSON string',
        letter: 'x',
        choice: 'on' as const,
        flag: false,
      };
      const [back] = await db.insert(kinds).values(row).returning();
      const expected = { id: 1, ...row, serial53: 1, serial64: 1n, key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) };
      expect(back).toEqual(expected);
      expect(await db.select().from(kinds)).toEqual([expected]);
      expect(await db.query.kinds.findMany()).toEqual([expected]);
      expect(await db.query.kinds.findMany({ columns: { id: true }, with: { self: true } })).toEqual([{ id: 1, self: expected }]);
      await db.insert(kinds).values({ docb: [1, 2], numNum: 2 ** 53 + 2, big53: -5 });
      const second = await db.select({ docb: kinds.docb, numNum: kinds.numNum, big53: kinds.big53, serial64: kinds.serial64 }).from(kinds).where(sql`${kinds.id} = 2`);
      expect(second).toEqual([{ docb: [1, 2], numNum: 2 ** 53 + 2, big53: -5, serial64: 2n }]);
      expect(typeof back!.serial64).toBe('bigint');
    });

    it('returns JSON read through a raw sql expression parsed', async () => {
      const query = db
        .select({ name: sql<string>`${kinds.doc}->'name'`, tags: sql<string[]>`${kinds.doc}->'tags'`, whole: sql`${kinds.docb}` })
        .from(kinds)
        .where(sql`${kinds.id} = 1`);
      expect(query.toSQL().sql).toBe(`select "kinds"."doc"->'name', "kinds"."doc"->'tags', "kinds"."docb" from "kinds" where "kinds"."id" = 1`);
      expect(await query).toEqual([{ name: 'n', tags: ['a', 'b'], whole: 'a JSON string' }]);
    });

    it('stores JSON text given through sql and reads it with -> and ->>', async () => {
      const doc = { name: 'text', tags: ['x'] };
      await db.insert(kinds).values({ id: 10, doc: sql`${JSON.stringify(doc)}`, docb: sql`${JSON.stringify([3, 4])}` });
      const rows = await db
        .select({ doc: kinds.doc, docb: kinds.docb, name: sql<string>`${kinds.doc}->'name'`, text: sql<string>`${kinds.doc}->>'name'`, second: sql<number>`${kinds.docb}->1`, secondText: sql<string>`${kinds.docb}->>1` })
        .from(kinds)
        .where(sql`${kinds.id} = 10`);
      expect(rows).toEqual([{ doc, docb: [3, 4], name: 'text', text: 'text', second: 4, secondText: '4' }]);
    });
  });

  it('returns raw sql expressions and db.execute() rows as the driver gives them', async () => {
    const exprs = {
      int8: '9223372036854775807::int8',
      numeric: '1.50::numeric',
      doc: `'{"a": [1, 2]}'::json`,
      docb: `'{"a":[1,2]}'::jsonb`,
      docs: `array['{"a":1}']::jsonb[]`,
      day: `'2024-01-02'::date`,
      stamp: `'2024-01-02 03:04:05.5'::timestamp`,
      stampTz: `'2024-01-02 03:04:05+00'::timestamptz`,
      span: `'1 day 2 hours'::interval`,
      at: `'03:04:05.25'::time`,
      bigs: 'array[1, -2]::int8[]',
      nums: 'array[1.5, null]::numeric[]',
      days: `array['2024-01-02']::date[]`,
      stamps: `array['2024-01-02 03:04:05']::timestamp[]`,
      spans: `array['1 day']::interval[]`,
      ats: `array['03:04:05']::time[]`,
      grid: `array[array['ab','cd']]::text[]`,
    };
    // What each driver parses itself (and Drizzle passes on): PGlite reads int8 as numbers, and
    // postgres.js builds an array parser for interval[].
    const perDriver: Record<string, Partial<Record<keyof typeof exprs, unknown>>> = {
      pglite: { int8: 9223372036854775807n, bigs: [1, -2] },
      'node-postgres': { int8: '9223372036854775807', bigs: ['1', '-2'] },
      'postgres-js': { int8: '9223372036854775807', bigs: ['1', '-2'], spans: ['1 day'] },
    };
    const expected = {
      numeric: '1.50',
      doc: { a: [1, 2] },
      docb: { a: [1, 2] },
      docs: [{ a: 1 }],
      day: '2024-01-02',
      stamp: '2024-01-02 03:04:05.5',
      stampTz: '2024-01-02 03:04:05+00',
      span: '1 day 02:00:00',
      at: '03:04:05.25',
      nums: '{1.5,NULL}',
      days: '{2024-01-02}',
      stamps: '{"2024-01-02 03:04:05"}',
      spans: '{"1 day"}',
      ats: ['03:04:05'],
      grid: [['ab', 'cd']],
      ...perDriver[name],
    };
    const selected = await db.select(Object.fromEntries(Object.entries(exprs).map(([k, e]) => [k, sql.raw(e)]))).from(sql`(select 1) as one`);
    expect(selected).toEqual([expected]);
    const executed = rowsOf(
      await db.execute(
        sql.raw(
          `select ${Object.entries(exprs)
            .map(([k, e]) => `${e} as "${k}"`)
            .join(', ')}`,
        ),
      ),
    );
    expect(executed).toEqual([expected]);
  });
});

// PGlite only: it sets the parsers of array types while it starts, after drizzle() has run.
it('keeps arrays of dates as text on a PGlite that starts after drizzle()', async () => {
  const client = new PGlite();
  const db = pglite(client);
  try {
    const query = () => db.select({ days: sql`array['2024-01-02']::date[]`, bigs: sql`array[1, 2]::int8[]` }).from(sql`(select 1) as one`);
    expect(await query()).toEqual([{ days: '{2024-01-02}', bigs: [1, 2] }]);
    expect(rowsOf(await db.execute(sql`select array['2024-01-02 03:04:05']::timestamp[] as stamps`))).toEqual([{ stamps: '{"2024-01-02 03:04:05"}' }]);
  } finally {
    await client.close();
  }
});
