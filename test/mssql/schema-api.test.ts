/** sluice/mssql-core's schema API: column types, options, identity, defaults, constraints, views, literals, codecs. */
import { describe, expect, it } from 'vitest';
import { eq, SchemaError, sql } from 'sluice';
import {
  bigint,
  binary,
  bit,
  char,
  check,
  customType,
  date,
  datetime,
  datetime2,
  datetimeoffset,
  decimal,
  float,
  foreignKey,
  getTableConfig,
  getViewConfig,
  int,
  MsSqlDialect,
  mssqlTable,
  mssqlTableCreator,
  mssqlView,
  nchar,
  ntext,
  numeric,
  nvarchar,
  real,
  smallint,
  text,
  time,
  tinyint,
  unique,
  varbinary,
  varchar,
} from 'sluice/mssql-core';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectSql } from './helpers.js';
import { events, users } from './schema.js';

const everyType = mssqlTable('every_type', {
  i: int().identity(),
  ti: tinyint(),
  si: smallint(),
  bn: bigint({ mode: 'number' }),
  bb: bigint({ mode: 'bigint' }),
  bs: bigint({ mode: 'string' }),
  b: bit(),
  d: decimal({ precision: 10, scale: 2 }),
  dn: decimal({ precision: 10, scale: 2, mode: 'number' }),
  n: numeric({ precision: 20 }),
  f: float(),
  f24: float({ precision: 24 }),
  r: real(),
  c: char({ length: 3 }),
  nc: nchar({ length: 2 }),
  vc: varchar({ length: 50 }),
  vmax: varchar({ length: 'max' }),
  nv: nvarchar({ length: 10, enum: ['a', 'b'] }),
  js: nvarchar({ length: 'max', mode: 'json' }),
  t: text(),
  nt: ntext(),
  bin: binary({ length: 16 }),
  vb: varbinary({ length: 'max' }),
  dt: date(),
  ds: date({ mode: 'string' }),
  tm: time({ precision: 3 }),
  dtm: datetime(),
  dt2: datetime2({ precision: 7 }),
  dto: datetimeoffset({ precision: 2, mode: 'string' }),
});

describe('columns', () => {
  it('SQL types as DDL writes them', () => {
    const types = Object.fromEntries(getTableConfig(everyType).columns.map((c) => [c.name, c.getSQLType()]));
    expect(types).toEqual({
      i: 'int',
      ti: 'tinyint',
      si: 'smallint',
      bn: 'bigint',
      bb: 'bigint',
      bs: 'bigint',
      b: 'bit',
      d: 'decimal(10,2)',
      dn: 'decimal(10,2)',
      n: 'numeric(20)',
      f: 'float',
      f24: 'float(24)',
      r: 'real',
      c: 'char(3)',
      nc: 'nchar(2)',
      vc: 'varchar(50)',
      vmax: 'varchar(max)',
      nv: 'nvarchar(10)',
      js: 'nvarchar(max)',
      t: 'text',
      nt: 'ntext',
      bin: 'binary(16)',
      vb: 'varbinary(max)',
      dt: 'date',
      ds: 'date',
      tm: 'time(3)',
      dtm: 'datetime',
      dt2: 'datetime2(7)',
      dto: 'datetimeoffset(2)',
    });
  });

  it('identity() is not null, has a default, and keeps its seed and increment; inserts leave it out', () => {
    const id = getTableConfig(events).columns.find((c) => c.name === 'id')!;
    expect(id.identity).toEqual({ type: 'always', sequence: { seed: 100, increment: 10 } });
    expect(id.notNull).toBe(true);
    expect(id.hasDefault).toBe(true);
    expect(everyType.i.identity).toEqual({ type: 'always', sequence: { seed: 1, increment: 1 } });
    expect(() => int('x').identity({ seed: 1, increment: 0 })).toThrow(SchemaError);
  });

  it('defaultGetDate() is (getdate()); other defaults render as given', async () => {
    const t = mssqlTable('t', { at: datetime2('at').defaultGetDate(), on: bit('on').default(true) });
    expect(new MsSqlDialect().sqlToQuery(t.at.default as never)).toEqual({ sql: '(getdate())', params: [] });
    expect(t.on.default).toBe(true);
  });

  it('bad lengths, precisions and modes are errors naming the type', () => {
    expect(() => varchar({ length: 9000 })).toThrow(/varchar: length must be an integer from 1 to 8000 or 'max'/);
    expect(() => nvarchar({ length: 4001 })).toThrow(/nvarchar: length must be an integer from 1 to 4000/);
    expect(() => char({ length: 'max' as never })).toThrow(/char: length/);
    expect(() => decimal({ precision: 39 })).toThrow(/decimal: precision/);
    expect(() => datetime2({ precision: 8 as never })).toThrow(/datetime2: precision must be an integer from 0 to 7/);
    expect(() => float({ precision: 54 })).toThrow(/float: precision/);
    expect(() => nvarchar({ mode: 'xml' as never })).toThrow(/mode must be 'text' or 'json'/);
  });

  it('constraints and indexes through getTableConfig', () => {
    const parent = mssqlTable('parent', { id: int('id').primaryKey() });
    const child = mssqlTable('child', { id: int('id').primaryKey(), parentId: int('parent_id'), code: nvarchar('code', { length: 5 }) }, (t) => [
      foreignKey({ columns: [t.parentId], foreignColumns: [parent.id], name: 'child_parent' }).onDelete('cascade'),
      unique('child_code').on(t.code),
      check('code_len', sql`len(${t.code}) = 5`),
    ]);
    const config = getTableConfig(child);
    expect(config.foreignKeys.map((f) => f.getName())).toEqual(['child_parent']);
    expect(config.uniqueConstraints.map((u) => u.name)).toEqual(['child_code']);
    expect(config.checks.map((c) => c.name)).toEqual(['code_len']);
    expect(getTableConfig(users).indexes.map((i) => i.config.name)).toEqual(['users_email', 'users_city']);
    expect(getTableConfig(events).schema).toBe('audit');
  });

  it('mssqlTableCreator names tables in the database', async () => {
    const table = mssqlTableCreator((n) => `app_${n}`);
    const t = table('things', { id: int('id').primaryKey() });
    const { db } = mssqlRenderDb();
    await expectSql(db.select().from(t), 'select [id] from [app_things]');
  });

  it('customType', async () => {
    const money = customType<{ data: number; driverData: string }>({ dataType: () => 'money', fromDriver: Number, toDriver: String });
    const t = mssqlTable('wallets', { id: int('id').primaryKey(), amount: money('amount') });
    expect(t.amount.getSQLType()).toBe('money');
    const { db, answers } = mssqlRenderDb();
    await expectSql(db.insert(t).values({ id: 1, amount: 2.5 }), 'insert into [wallets] ([id], [amount]) values (@p1, @p2)', [1, '2.5']);
    answers.push([[1, '2.5000']]);
    expect(await db.select().from(t)).toEqual([{ id: 1, amount: 2.5 }]);
  });
});

describe('codecs: driver values and relational JSON text decode alike', () => {
  it('dates and times', () => {
    const at = new Date('2024-01-02T03:04:05.678Z');
    expect(everyType.dt2.mapFromDriverValue(at)).toBe(at);
    expect(everyType.dt2.mapFromDriverValue('2024-01-02T03:04:05.6789012')).toEqual(at);
    expect(everyType.dto.mapFromDriverValue('2024-01-02T05:04:05.678+02:00')).toBe('2024-01-02T03:04:05.678Z');
    expect(everyType.dto.mapFromDriverValue(at)).toBe('2024-01-02T03:04:05.678Z');
    expect(everyType.dt.mapFromDriverValue('2024-01-02')).toEqual(new Date('2024-01-02T00:00:00Z'));
    expect(everyType.ds.mapFromDriverValue(new Date('2024-01-02T00:00:00Z'))).toBe('2024-01-02');
    expect(everyType.ds.mapFromDriverValue('2024-01-02')).toBe('2024-01-02');
    expect(everyType.tm.mapFromDriverValue('03:04:05.678')).toEqual(new Date('1970-01-01T03:04:05.678Z'));
  });

  it('numbers, booleans, binary and json', () => {
    expect(everyType.bb.mapFromDriverValue('9223372036854775807')).toBe(9223372036854775807n);
    expect(everyType.bs.mapFromDriverValue(12)).toBe('12');
    expect(everyType.d.mapFromDriverValue(1.5)).toBe('1.5');
    expect(everyType.dn.mapFromDriverValue('1.25')).toBe(1.25);
    expect(everyType.r.mapFromDriverValue(1.100000023841858)).toBe(1.1);
    expect(everyType.b.mapFromDriverValue(true)).toBe(true);
    expect(everyType.b.mapFromDriverValue(0)).toBe(false);
    expect(everyType.bin.mapFromDriverValue('0A0B')).toEqual(Buffer.from([10, 11]));
    expect(everyType.js.mapFromDriverValue('{"a":[1]}')).toEqual({ a: [1] });
    expect(everyType.js.mapToDriverValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('literals (inlined values)', () => {
  it('strings as N..., booleans as 1/0, dates as ISO text, buffers as 0x...', () => {
    const d = new MsSqlDialect();
    const q = sql`select ${"it's"}, ${true}, ${false}, ${new Date('2024-01-02T03:04:05.678Z')}, ${Buffer.from([1, 255])}, ${null}, ${{ a: 1 }}`.inlineParams();
    expect(d.sqlToQuery(q)).toEqual({ sql: "select N'it''s', 1, 0, '2024-01-02T03:04:05.678', 0x01ff, null, N'{\"a\":1}'", params: [] });
  });
});

describe('views', () => {
  it('a view defined by a query, its definition inlined for DDL, and selects from it', async () => {
    const verified = mssqlView('verified_users').as((qb) => qb.select({ id: users.id, name: users.name }).from(users).where(eq(users.verified, true)));
    const config = getViewConfig(verified);
    expect(new MsSqlDialect().sqlToQuery(config.query!)).toEqual({ sql: 'select [id], [name] from [users] where [users].[verified] = 1', params: [] });
    const { db } = mssqlRenderDb();
    await expectSql(db.select().from(verified).where(eq(verified.id, 3)), 'select [id], [name] from [verified_users] where [verified_users].[id] = @p1', [3]);
  });

  it('a view with declared columns, existing(), and options', () => {
    const v = mssqlView('legacy', { id: int('id'), label: nvarchar('label', { length: 20 }) })
      .with({ schemaBinding: true })
      .existing();
    const config = getViewConfig(v);
    expect(config.isExisting).toBe(true);
    expect(config.with).toEqual({ schemaBinding: true });
  });
});
