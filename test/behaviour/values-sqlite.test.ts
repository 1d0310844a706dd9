/**
 * Column values on SQLite, on better-sqlite3 and libsql: every column mode round-trips through
 * insert ... returning, select and relational queries with the values Drizzle returns on the same
 * driver, and `numeric({ mode: 'bigint' })` keeps all 64 bits (it is selected as text).
 */
import { relations, sql, type Database } from 'sluice';
import { blob, integer, numeric, real, sqliteTable, text } from 'sluice/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behaviourTargets, openBehaviourTarget, type BehaviourTarget } from '../support/behaviour.js';

const kinds = sqliteTable('kinds', {
  id: integer('id').primaryKey(),
  numStr: numeric('num_str'),
  numNum: numeric('num_num', { mode: 'number' }),
  numBig: numeric('num_big', { mode: 'bigint' }),
  stamp: integer('stamp', { mode: 'timestamp' }),
  stampMs: integer('stamp_ms', { mode: 'timestamp_ms' }),
  flag: integer('flag', { mode: 'boolean' }),
  count: integer('count'),
  blobBig: blob('blob_big', { mode: 'bigint' }),
  blobDoc: blob('blob_doc', { mode: 'json' }).$type<{ a: (number | string)[] } | string>(),
  bytes: blob('bytes', { mode: 'buffer' }),
  doc: text('doc', { mode: 'json' }).$type<{ k: string } | number[]>(),
  ratio: real('ratio'),
  label: text('label'),
});
const kindsDdl = `create table kinds (id integer primary key, num_str numeric, num_num numeric, num_big numeric, stamp integer, stamp_ms integer,
  flag integer, count integer, blob_big blob, blob_doc blob, bytes blob, doc text, ratio real, label text)`;
const schema = { kinds, kindsRelations: relations(kinds, ({ one }) => ({ self: one(kinds, { fields: [kinds.id], references: [kinds.id] }) })) };

const rows = [
  {
    id: 1,
    numStr: '47521.55',
    numNum: 1.5,
    numBig: 9223372036854775807n,
    stamp: new Date('2024-01-02T03:04:05.000Z'),
    stampMs: new Date('2024-01-02T03:04:05.678Z'),
    flag: true,
    count: 5,
    blobBig: 9223372036854775807n,
    blobDoc: { a: [1, 'x'] },
    bytes: Buffer.from('hi'),
    doc: { k: 'v' },
    ratio: 1.25,
    label: 'txt',
  },
  {
    id: 2,
    numStr: '1',
    numNum: 9007199254740991,
    numBig: -9223372036854775807n,
    stamp: null,
    stampMs: null,
    flag: false,
    count: 9007199254740991,
    blobBig: -5n,
    blobDoc: 'str',
    bytes: Buffer.from([0, 255]),
    doc: [1, 2],
    ratio: 0.1,
    label: '',
  },
];

describe.each(
  behaviourTargets()
    .filter((t) => t.dialect === 'sqlite')
    .map((t) => t.name),
)('values on %s', (name) => {
  let target: BehaviourTarget;
  let db: Database<'sqlite', unknown, typeof schema>;

  beforeAll(async () => {
    target = await openBehaviourTarget(name);
    await target.exec(kindsDdl);
    db = (await target.open({ schema })) as never;
  });
  afterAll(async () => {
    await target?.close();
  });

  it('round-trips every column mode', async () => {
    const insert = db.insert(kinds).values(rows).returning();
    expect(insert.toSQL().sql).toBe(
      'insert into "kinds" ("id", "num_str", "num_num", "num_big", "stamp", "stamp_ms", "flag", "count", "blob_big", "blob_doc", "bytes", "doc", "ratio", "label") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning "id", "num_str", "num_num", cast("num_big" as text), "stamp", "stamp_ms", "flag", "count", "blob_big", "blob_doc", "bytes", "doc", "ratio", "label"',
    );
    expect(await insert).toEqual(rows);
    const select = db.select().from(kinds).orderBy(kinds.id);
    expect(select.toSQL().sql).toBe('select "id", "num_str", "num_num", cast("num_big" as text), "stamp", "stamp_ms", "flag", "count", "blob_big", "blob_doc", "bytes", "doc", "ratio", "label" from "kinds" order by "kinds"."id"');
    expect(await select).toEqual(rows);
    expect(await db.query.kinds.findMany({ orderBy: (k, { asc }) => [asc(k.id)] })).toEqual(rows);
    // Nested rows travel as JSON, where the bigint is text too.
    const nested = await db.query.kinds.findMany({ columns: { id: true }, with: { self: true }, orderBy: (k, { asc }) => [asc(k.id)] });
    expect(nested).toEqual(rows.map((row) => ({ id: row.id, self: row })));
  });

  it('reads numeric bigints as text in partial selects and compares them as numbers', async () => {
    const query = db.select({ id: kinds.id, big: kinds.numBig }).from(kinds).where(sql`${kinds.numBig} = ${9223372036854775807n}`);
    expect(query.toSQL().sql).toBe('select "id", cast("num_big" as text) from "kinds" where "kinds"."num_big" = ?');
    expect(await query).toEqual([{ id: 1, big: 9223372036854775807n }]);
    // Stored as SQLite integers, not text.
    expect(
      await db
        .select({ t: sql<string>`typeof(${kinds.numBig})` })
        .from(kinds)
        .orderBy(kinds.id),
    ).toEqual([{ t: 'integer' }, { t: 'integer' }]);
  });

  it('names numeric bigints read as text inside subqueries', async () => {
    const sq = db.select({ id: kinds.id, num_big: kinds.numBig }).from(kinds).as('sq');
    const query = db.select().from(sq).orderBy(sq.id);
    expect(query.toSQL().sql).toBe('select "id", cast("num_big" as text) from (select "id", cast("num_big" as text) as "num_big" from "kinds") "sq" order by "sq"."id"');
    expect(await query).toEqual([
      { id: 1, num_big: 9223372036854775807n },
      { id: 2, num_big: -9223372036854775807n },
    ]);
  });

  it('leaves raw sql expressions as the driver returns them', async () => {
    const query = db
      .select({ doc: sql`${kinds.doc}`, k: sql`json_extract(${kinds.doc}, '$.k')`, flag: sql`${kinds.flag}` })
      .from(kinds)
      .orderBy(kinds.id);
    expect(await query).toEqual([
      { doc: '{"k":"v"}', k: 'v', flag: 1 },
      { doc: '[1,2]', k: null, flag: 0 },
    ]);
  });
});
