/** sluice/valibot: v.InferOutput of the schemas is the table's own row types, on every dialect. */
import { sql } from 'sluice';
import {
  bigint as crBigint,
  bit,
  bool,
  cockroachEnum,
  cockroachTable,
  decimal as crDecimal,
  geometry,
  int2,
  int4,
  int8,
  jsonb as crJsonb,
  string as crString,
  timestamp as crTimestamp,
  uuid as crUuid,
  varbit,
  vector,
} from 'sluice/cockroach-core';
import { bigint as msBigint, bit as msBit, customType as msCustomType, datetime2, decimal as msDecimal, int as msInt, mssqlTable, nchar, nvarchar, tinyint as msTinyint, varbinary, varchar as msVarchar } from 'sluice/mssql-core';
import {
  bigint as myBigint,
  binary,
  blob as myBlob,
  boolean as myBoolean,
  char as myChar,
  datetime,
  decimal as myDecimal,
  double,
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
import { bigint, bigserial, boolean, bytea, char, date, doublePrecision, integer, interval, json, jsonb, line, numeric, pgEnum, pgTable, pgView, point, real, serial, smallint, text, timestamp, uuid, varchar } from 'sluice/pg-core';
import { blob, integer as sqInteger, numeric as sqNumeric, real as sqReal, sqliteTable, text as sqText } from 'sluice/sqlite-core';
import { createInsertSchema, createSelectSchema, createUpdateSchema } from 'sluice/valibot';
import * as v from 'valibot';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);

const pgAll = pgTable('pg_all', {
  id: serial().primaryKey(),
  counter: integer().generatedAlwaysAsIdentity(),
  byDefault: integer().generatedByDefaultAsIdentity(),
  small: smallint().notNull(),
  int: integer(),
  big: bigint({ mode: 'number' }),
  bigB: bigint({ mode: 'bigint' }).notNull(),
  bigS: bigserial({ mode: 'bigint' }),
  real: real(),
  dbl: doublePrecision().notNull().default(1),
  num: numeric({ precision: 10, scale: 2 }),
  numN: numeric({ mode: 'number' }),
  numB: numeric({ mode: 'bigint' }),
  flag: boolean().notNull(),
  name: text().notNull(),
  kind: text({ enum: ['a', 'b'] }),
  code: varchar({ length: 8 }),
  fixed: char({ length: 2 }),
  id2: uuid().defaultRandom(),
  doc: json(),
  meta: jsonb().$type<{ tags: string[]; n?: number }>().notNull(),
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
  lower: text().generatedAlwaysAs(sql`lower('x')`),
  narrowed: text().$type<'x' | 'y'>(),
});

const pgSelect = createSelectSchema(pgAll);
const pgInsert = createInsertSchema(pgAll);
const pgUpdate = createUpdateSchema(pgAll);
expectType<Equal<v.InferOutput<typeof pgSelect>, typeof pgAll.$inferSelect>>();
expectType<Equal<v.InferOutput<typeof pgInsert>, typeof pgAll.$inferInsert>>();
expectType<Equal<v.InferOutput<typeof pgUpdate>, Partial<typeof pgAll.$inferInsert>>>();
// Generated and always-identity columns are absent from writes, present in reads.
expectType<Equal<'lower' | 'counter' extends keyof v.InferOutput<typeof pgInsert> ? true : false, false>>();
expectType<Equal<'lower' extends keyof v.InferOutput<typeof pgSelect> ? true : false, true>>();
// Enum columns are picklists; other fields state the column's value type.
expectType<Equal<(typeof pgSelect)['entries']['m'], v.PicklistSchema<readonly ['sad', 'ok', 'happy'], undefined>>>();
expectType<Equal<(typeof pgSelect)['entries']['int'], v.NullableSchema<v.GenericSchema<number>, undefined>>>();
expectType<Equal<(typeof pgInsert)['entries']['dbl'], v.OptionalSchema<v.GenericSchema<number>, undefined>>>();

// Enums.
const moodSchema = createSelectSchema(mood);
expectType<Equal<v.InferOutput<typeof moodSchema>, 'sad' | 'ok' | 'happy'>>();

// Refinements: a function extends the column's schema (and keeps its nullability), a schema replaces it.
const refined = createInsertSchema(pgAll, {
  name: (s) => v.pipe(s, v.minLength(2)),
  code: (s) => v.pipe(s, v.regex(/^[A-Z]+$/)),
  meta: (s) => s,
  small: (s) => v.pipe(s, v.minValue(1)),
});
expectType<Equal<v.InferOutput<typeof refined>, typeof pgAll.$inferInsert>>();
const replaced = createSelectSchema(pgAll, { name: v.literal('fixed') });
expectType<Equal<v.InferOutput<typeof replaced>['name'], 'fixed'>>();
// @ts-expect-error: a refinement names only columns of the table
createSelectSchema(pgAll, { nope: (s: v.GenericSchema) => s });
// @ts-expect-error: a function refinement receives the column's own schema (a number has no regex)
createSelectSchema(pgAll, { int: (s) => v.pipe(s, v.regex(/x/)) });
// Inserts cannot refine what they cannot write.
// @ts-expect-error: generated columns are not in the insert schema
createInsertSchema(pgAll, { lower: (s: v.GenericSchema) => s });

// Views declared with columns.
const pgV = pgView('pg_v', { id: integer().notNull(), name: text() }).existing();
const pgVSelect = createSelectSchema(pgV);
expectType<Equal<v.InferOutput<typeof pgVSelect>, { id: number; name: string | null }>>();

// Views defined by a query: nested selections are objects.
const viewUsers = pgTable('view_users', { id: integer().notNull(), name: text() });
const pgQv = pgView('pg_qv').as((qb) => qb.select({ id: viewUsers.id, info: { name: viewUsers.name } }).from(viewUsers));
const pgQvSelect = createSelectSchema(pgQv);
expectType<Equal<v.InferOutput<typeof pgQvSelect>, typeof pgQv.$inferSelect>>();
expectType<Equal<v.InferOutput<typeof pgQvSelect>, { id: number; info: { name: string | null } }>>();

const myAll = mysqlTable('my_all', {
  id: mySerial().primaryKey(),
  tiny: tinyint().notNull(),
  tinyU: tinyint({ unsigned: true }),
  medium: mediumint(),
  int: myInt({ unsigned: true }),
  big: myBigint({ mode: 'number' }),
  bigB: myBigint({ mode: 'bigint', unsigned: true }),
  bigS: myBigint({ mode: 'string' }),
  dec: myDecimal({ precision: 10, scale: 2 }),
  decN: myDecimal({ mode: 'number' }),
  f: float(),
  d: double().notNull(),
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
const mySel = createSelectSchema(myAll);
const myIns = createInsertSchema(myAll);
expectType<Equal<v.InferOutput<typeof mySel>, typeof myAll.$inferSelect>>();
expectType<Equal<v.InferOutput<typeof myIns>, typeof myAll.$inferInsert>>();
const myAllUpdate = createUpdateSchema(myAll);
expectType<Equal<v.InferOutput<typeof myAllUpdate>, Partial<typeof myAll.$inferInsert>>>();

const sqAll = sqliteTable('sq_all', {
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
const sqAllSelect = createSelectSchema(sqAll);
expectType<Equal<v.InferOutput<typeof sqAllSelect>, typeof sqAll.$inferSelect>>();
const sqAllInsert = createInsertSchema(sqAll);
expectType<Equal<v.InferOutput<typeof sqAllInsert>, typeof sqAll.$inferInsert>>();

const money = msCustomType<{ data: number; driverData: string }>({ dataType: () => 'money' });
const msAll = mssqlTable('ms_all', {
  id: msInt().identity().primaryKey(),
  tiny: msTinyint(),
  big: msBigint({ mode: 'bigint' }).notNull(),
  bigS: msBigint({ mode: 'string' }),
  flag: msBit().notNull(),
  dec: msDecimal({ precision: 8, scale: 2 }),
  code: nchar({ length: 2 }),
  name: nvarchar({ length: 'max' }).notNull(),
  vc: msVarchar({ length: 10, enum: ['p', 'q'] }),
  doc: nvarchar({ mode: 'json' }).$type<{ k: string }>(),
  bytes: varbinary({ length: 16 }),
  at: datetime2().notNull(),
  price: money(),
});
const msAllSelect = createSelectSchema(msAll);
expectType<Equal<v.InferOutput<typeof msAllSelect>, typeof msAll.$inferSelect>>();
const msAllInsert = createInsertSchema(msAll);
expectType<Equal<v.InferOutput<typeof msAllInsert>, typeof msAll.$inferInsert>>();

const color = cockroachEnum('color', ['red', 'blue']);
const crAll = cockroachTable('cr_all', {
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
  at: crTimestamp({ mode: 'string' }),
  c: color(),
  cs: color().array(),
  where: geometry({ type: 'point' }),
  emb: vector({ dimensions: 3 }),
});
const crAllSelect = createSelectSchema(crAll);
expectType<Equal<v.InferOutput<typeof crAllSelect>, typeof crAll.$inferSelect>>();
const crAllInsert = createInsertSchema(crAll);
expectType<Equal<v.InferOutput<typeof crAllInsert>, typeof crAll.$inferInsert>>();
const colorSelect = createSelectSchema(color);
expectType<Equal<v.InferOutput<typeof colorSelect>, 'red' | 'blue'>>();
