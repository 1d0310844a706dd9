/**
 * What only CockroachDB has, asserted as text because the PostgreSQL server would reject it:
 * `as of system time`, `unique_rowid()` keys, hash-sharded and inverted indexes in the table
 * config, CockroachDB's type names; and the column codecs for what CockroachDB sends back.
 */
import { eq, SchemaError, sql, UnsupportedError } from 'sluice';
import {
  bit,
  bool,
  char,
  CockroachDialect,
  cockroachDialect,
  cockroachEnum,
  cockroachMaterializedView,
  cockroachSchema,
  cockroachTable,
  date,
  decimal,
  float,
  geometry,
  getTableConfig,
  inet,
  int2,
  int4,
  int8,
  interval,
  jsonb,
  real,
  string,
  text,
  time,
  timestamp,
  uniqueRowid,
  uuid,
  varbit,
  varchar,
  vector,
} from 'sluice/cockroach-core';
import { describe, expect, it } from 'vitest';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import pg from 'pg';
import { events, posts, users } from './schema.js';
import { renderOnly } from './support.js';

const db = renderOnly();
const columns = '"id", "name", "email", "mood", "active", "score", "created_at", "tags", "profile"';

describe('as of system time (CockroachDB only)', () => {
  it('is written after the FROM table and before WHERE, the time inlined', () => {
    expect(db.select().from(users).asOfSystemTime('-10s').where(eq(users.id, 1)).toSQL()).toEqual({
      sql: `select ${columns} from "users" as of system time '-10s' where "users"."id" = $1`,
      params: [1],
    });
  });

  it('follows every join of the FROM clause', () => {
    const q = db.select({ name: users.name, title: posts.title }).from(users).innerJoin(posts, eq(posts.authorId, users.id)).asOfSystemTime(sql`follower_read_timestamp()`).where(eq(users.active, true)).orderBy(users.id).limit(5);
    expect(q.toSQL()).toEqual({
      sql: 'select "users"."name", "posts"."title" from "users" inner join "posts" on "posts"."author_id" = "users"."id" as of system time follower_read_timestamp() where "users"."active" = $1 order by "users"."id" limit $2',
      params: [true, 5],
    });
  });

  it('takes a Date as a timestamp literal, and quotes a string safely', () => {
    expect(db.select({ id: users.id }).from(users).asOfSystemTime(new Date('2026-11-30T10:00:00Z')).toSQL().sql).toBe(`select "id" from "users" as of system time '2026-11-30T10:00:00.000Z'`);
    expect(db.select({ id: users.id }).from(users).asOfSystemTime("-1s' or 1=1 --").toSQL().sql).toBe(`select "id" from "users" as of system time '-1s'' or 1=1 --'`);
  });

  it('works inside a subquery', () => {
    const sq = db.select({ id: users.id }).from(users).asOfSystemTime('-5s').as('then');
    expect(db.select().from(sq).toSQL().sql).toBe(`select "id" from (select "id" from "users" as of system time '-5s') "then"`);
  });

  it('rejects an empty or invalid time', () => {
    expect(() => db.select().from(users).asOfSystemTime('  ')).toThrow(SchemaError);
    expect(() => db.select().from(users).asOfSystemTime(new Date('nope'))).toThrow(/asOfSystemTime\(\) takes a non-empty string/);
  });

  it('is rejected by name on PostgreSQL, at run time as at the type level', () => {
    const pgDb = nodePostgres({ client: new pg.Pool({ connectionString: 'postgresql://nobody@127.0.0.1:9/none' }) });
    // @ts-expect-error asOfSystemTime() exists on CockroachDB selects only
    const q = pgDb.select().from(users).asOfSystemTime('-10s');
    expect(() => q.toSQL()).toThrow(UnsupportedError);
    expect(() => q.toSQL()).toThrow('pg: asOfSystemTime() is not supported');
  });
});

describe('keys and indexes (CockroachDB only)', () => {
  const dialect = new CockroachDialect();

  it('int8().defaultUniqueRowid() and uniqueRowid() default to unique_rowid()', () => {
    const t = cockroachTable('t', { a: int8({ mode: 'bigint' }).primaryKey().defaultUniqueRowid(), b: int8({ mode: 'number' }).default(uniqueRowid()) });
    expect(dialect.sqlToQuery(t.a.default as never).sql).toBe('unique_rowid()');
    expect(dialect.sqlToQuery(t.b.default as never).sql).toBe('unique_rowid()');
    expect(t.a.hasDefault && t.a.notNull && t.a.primary).toBe(true);
    // The key is left to the database: an insert names only the given columns.
    expect(db.insert(events).values({ kind: 'signup' }).returning({ id: events.id }).toSQL()).toEqual({ sql: 'insert into "events" ("kind") values ($1) returning "id"', params: ['signup'] });
  });

  it('uuid().defaultRandom() defaults to gen_random_uuid(); int identity columns', () => {
    const t = cockroachTable('t', { id: uuid().primaryKey().defaultRandom(), n: int4().generatedAlwaysAsIdentity({ startWith: 10 }) });
    expect(dialect.sqlToQuery(t.id.default as never).sql).toBe('gen_random_uuid()');
    expect(t.n.identity).toEqual({ type: 'always', sequence: { startWith: 10 } });
  });

  it('carries hash-sharded (with bucket_count) and inverted indexes in the table config', () => {
    const { indexes } = getTableConfig(events);
    expect(indexes.map((i) => ({ name: i.config.name, method: i.config.method, with: i.config.with, columns: i.config.columns.map((c) => (c as { name: string }).name) }))).toEqual([
      { name: 'events_at_idx', method: 'hash', with: { bucket_count: 8 }, columns: ['at'] },
      { name: 'events_payload_idx', method: 'gin', with: undefined, columns: ['payload'] },
    ]);
  });

  it('overridingSystemValue() is rejected by name (CockroachDB has none)', () => {
    const insert = db.insert(users) as unknown as { overridingSystemValue(): { values(v: object): { toSQL(): unknown } } };
    expect(() => insert.overridingSystemValue().values({ id: 1, name: 'x' }).toSQL()).toThrow('cockroach: overridingSystemValue() is not supported');
  });
});

describe('column types', () => {
  const mood = cockroachEnum('mood', ['a', 'b']);
  const app = cockroachSchema('app');
  const all = app.table('all_types', {
    i2: int2(),
    i4: int4(),
    i8: int8({ mode: 'number' }),
    s: string(),
    s10: string({ length: 10 }),
    t: text(),
    v: varchar({ length: 20 }),
    c: char({ length: 2 }),
    b: bool(),
    u: uuid(),
    j: jsonb(),
    ts: timestamp(),
    tstz: timestamp({ withTimezone: true, precision: 3 }),
    d: date(),
    tm: time({ withTimezone: true }),
    iv: interval({ fields: 'day to second' }),
    dec: decimal({ precision: 12, scale: 2 }),
    r: real(),
    f: float(),
    ip: inet(),
    g: geometry({ srid: 4326 }),
    bt: bit({ length: 3 }),
    vb: varbit({ length: 8 }),
    vec: vector({ dimensions: 3 }),
    e: mood(),
    arr: int4().array(),
    arr2: string().array('[][]'),
  });

  it("are written with CockroachDB's type names", () => {
    expect(Object.fromEntries(Object.entries(getTableConfig(all).columns).map(([, c]) => [c.name, c.getSQLType()]))).toEqual({
      i2: 'int2',
      i4: 'int4',
      i8: 'int8',
      s: 'string',
      s10: 'string(10)',
      t: 'string',
      v: 'varchar(20)',
      c: 'char(2)',
      b: 'bool',
      u: 'uuid',
      j: 'jsonb',
      ts: 'timestamp',
      tstz: 'timestamptz(3)',
      d: 'date',
      tm: 'timetz',
      iv: 'interval day to second',
      dec: 'decimal(12,2)',
      r: 'real',
      f: 'float',
      ip: 'inet',
      g: 'geometry(point,4326)',
      bt: 'bit(3)',
      vb: 'varbit(8)',
      vec: 'vector(3)',
      e: '"mood"',
      arr: 'int4[]',
      arr2: 'string[][]',
    });
    expect(getTableConfig(all).schema).toBe('app');
  });

  it('cast to text in relational JSON where their JSON would read back differently', () => {
    const cols = getTableConfig(all).columns;
    const cast = Object.fromEntries(cols.map((c) => [c.name, cockroachDialect.json!.safe(c, 'x') === 'x::text']));
    const asText = Object.keys(cast).filter((k) => cast[k]);
    // 64-bit integers, decimals, dates and times, intervals and geometries; arrays of none of them here.
    expect(asText).toEqual(['i8', 'ts', 'tstz', 'd', 'tm', 'iv', 'dec', 'g']);
    const times = cockroachTable('times', { stamps: timestamp({ withTimezone: true }).array(), days: date().array(), nums: int4().array() });
    expect([times.stamps, times.days, times.nums].map((c) => cockroachDialect.json!.safe(c, 'x'))).toEqual(['x::text', 'x::text', 'x']);
  });

  it('decode what CockroachDB sends: geometry as hex EWKB or WKT, vectors as text', () => {
    const ewkb = '0101000020E6100000000000000000F83F00000000000002C0';
    expect(all.g.mapFromDriverValue(ewkb)).toEqual([1.5, -2.25]);
    expect(all.g.mapFromDriverValue('POINT(3 4)')).toEqual([3, 4]);
    expect(all.g.mapToDriverValue([1, 2])).toBe('POINT(1 2)');
    const xy = cockroachTable('p', { g: geometry({ mode: 'xy' }) });
    expect(xy.g.mapFromDriverValue(ewkb)).toEqual({ x: 1.5, y: -2.25 });
    expect(() => all.g.mapFromDriverValue('LINESTRING(0 0, 1 1)')).toThrow(/Cannot read geometry value/);
    expect(all.vec.mapFromDriverValue('[1,2.5,3]')).toEqual([1, 2.5, 3]);
    expect(all.vec.mapToDriverValue([1, 2, 3])).toBe('[1,2,3]');
    expect(
      all.arr2.mapToDriverValue([
        ['a', 'b'],
        ['c', 'd e'],
      ]),
    ).toBe('{{"a","b"},{"c","d e"}}');
    expect(all.arr2.mapFromDriverValue('{{a,b},{c,"d e"}}')).toEqual([
      ['a', 'b'],
      ['c', 'd e'],
    ]);
  });

  it('reject bad declarations with the reason', () => {
    expect(() => vector({ dimensions: 0 })).toThrow(/dimensions/);
    expect(() => geometry({ type: 'polygon' as 'point' })).toThrow(/only type 'point'/);
    expect(() => cockroachEnum('e', [] as unknown as [string])).toThrow('cockroachEnum "e" needs at least one value');
    expect(() => int4().array('[' as '[]')).toThrow(/dimensions are written/);
    expect(() => cockroachSchema('public')).toThrow(SchemaError);
  });
});

describe('materialized views', () => {
  it('refresh materialized view is rendered for CockroachDB', () => {
    const totals = cockroachMaterializedView('totals').as((qb) => qb.select({ id: users.id }).from(users));
    expect(db.refreshMaterializedView(totals).toSQL().sql).toBe('refresh materialized view "totals"');
  });
});
