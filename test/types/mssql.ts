/** mssql-core column modes change the TypeScript type; inserts follow not-null, defaults and identity; output() exists only on SQL Server. */
import { eq, type Database, type InferInsertModel, type InferSelectModel } from 'sluice';
import {
  bigint,
  binary,
  bit,
  char,
  customType,
  date,
  datetime,
  datetime2,
  datetimeoffset,
  decimal,
  float,
  int,
  mssqlSchema,
  mssqlTable,
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
  varbinary,
  varchar,
  type AnyMsSqlColumn,
  type MsSqlDelete,
  type MsSqlInsert,
  type MsSqlSelect,
  type MsSqlUpdate,
} from 'sluice/mssql-core';
import type { MySql2Database } from 'sluice/mysql2';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const items = mssqlTable('items', {
  id: int('id').identity().primaryKey(),
  seq: bigint('seq', { mode: 'bigint' }).identity({ seed: 10, increment: 5 }),
  count: int('count'),
  flags: tinyint('flags').notNull().default(0),
  small: smallint('small'),
  bigNum: bigint('big_num', { mode: 'number' }),
  bigStr: bigint('big_str', { mode: 'string' }),
  done: bit('done').notNull().default(false),
  price: decimal('price', { precision: 10, scale: 2 }).notNull(),
  priceN: decimal('price_n', { mode: 'number' }),
  priceB: numeric('price_b', { mode: 'bigint' }),
  ratio: float('ratio', { precision: 53 }),
  re: real('re'),
  code: char('code', { length: 2 }),
  ncode: nchar('ncode', { length: 2, enum: ['aa', 'bb'] }),
  name: varchar('name', { length: 255 }).notNull(),
  title: nvarchar('title', { length: 'max' }),
  kind: nvarchar('kind', { length: 8, enum: ['a', 'b'] }),
  doc: nvarchar('doc', { length: 'max', mode: 'json' }).$type<{ n: number }>(),
  raw: varchar('raw', { mode: 'json' }),
  body: text('body'),
  nbody: ntext('nbody'),
  bin: binary('bin', { length: 16 }),
  vbin: varbinary('vbin', { length: 'max' }),
  born: date('born'),
  bornS: date('born_s', { mode: 'string' }),
  at: time('at', { precision: 3 }),
  atS: time('at_s', { mode: 'string' }),
  created: datetime('created').notNull().defaultGetDate(),
  seen: datetime2('seen', { precision: 7 }),
  seenS: datetime2('seen_s', { mode: 'string' }),
  zoned: datetimeoffset('zoned', { mode: 'string', precision: 2 }),
  parentId: int('parent_id').references((): AnyMsSqlColumn => items.id),
});

type Item = InferSelectModel<typeof items>;
expectType<Equal<typeof items.$inferSelect, Item>>();
expectType<Equal<typeof items.$inferInsert, InferInsertModel<typeof items>>>();
expectType<
  Equal<
    Item,
    {
      id: number;
      seq: bigint;
      count: number | null;
      flags: number;
      small: number | null;
      bigNum: number | null;
      bigStr: string | null;
      done: boolean;
      price: string;
      priceN: number | null;
      priceB: bigint | null;
      ratio: number | null;
      re: number | null;
      code: string | null;
      ncode: 'aa' | 'bb' | null;
      name: string;
      title: string | null;
      kind: 'a' | 'b' | null;
      doc: { n: number } | null;
      raw: unknown;
      body: string | null;
      nbody: string | null;
      bin: Buffer | null;
      vbin: Buffer | null;
      born: Date | null;
      bornS: string | null;
      at: Date | null;
      atS: string | null;
      created: Date;
      seen: Date | null;
      seenS: string | null;
      zoned: string | null;
      parentId: number | null;
    }
  >
>();

// Identity columns are assigned by the server: not in the insert model at all.
type NewItem = InferInsertModel<typeof items>;
expectType<Equal<'id' extends keyof NewItem ? true : false, false>>();
expectType<Equal<'seq' extends keyof NewItem ? true : false, false>>();
expectType<Equal<NewItem['name'], string>>();
expectType<Equal<NewItem['flags'], number | undefined>>();
expectType<Equal<NewItem['created'], Date | undefined>>();
// @ts-expect-error: name is required
export const missing: NewItem = { price: '1.00' };

const money = customType<{ data: number; driverData: string }>({ dataType: () => 'money' });
const audit = mssqlSchema('audit');
const events = audit.table('events', { id: int('id').primaryKey(), amount: money('amount').notNull() });
expectType<Equal<InferSelectModel<typeof events>, { id: number; amount: number }>>();

declare const db: Database<'mssql', { rowsAffected: number[] }, {}, undefined>;

export async function writes() {
  const inserted = await db.insert(items).values({ name: 'a', price: '1.00' }).output();
  expectType<Equal<typeof inserted, Item[]>>();
  const returned = await db.insert(items).values({ name: 'a', price: '1.00' }).returning({ id: items.id });
  expectType<Equal<typeof returned, { id: number }[]>>();
  const before = await db.insert(items).output({ id: items.id, done: items.done }).values({ name: 'a', price: '1.00' });
  expectType<Equal<typeof before, { id: number; done: boolean }[]>>();
  const updated = await db.update(items).set({ name: 'b' }).where(eq(items.id, 1)).output();
  expectType<Equal<typeof updated, Item[]>>();
  const both = await db
    .update(items)
    .set({ flags: 1 })
    .output({ inserted: { flags: items.flags }, deleted: true });
  expectType<Equal<typeof both, { inserted: { flags: number }; deleted: Item }[]>>();
  const deleted = await db.delete(items).where(eq(items.id, 1)).output({ id: items.id });
  expectType<Equal<typeof deleted, { id: number }[]>>();
  const plain = await db.delete(items);
  expectType<Equal<typeof plain, { rowsAffected: number[] }>>();
  // @ts-expect-error: a second output() is a type error
  db.delete(items).output().output();
  // @ts-expect-error: MySQL's insert ignore does not exist on SQL Server
  db.insert(items).values({ name: 'a', price: '1' }).ignore();
  // @ts-expect-error: an identity column cannot be given
  db.insert(items).values({ id: 1, name: 'a', price: '1' });
}

export async function selects() {
  const top = await db.select({ id: items.id }).top(5).from(items);
  expectType<Equal<typeof top, { id: number }[]>>();
  const page = await db.select({ name: items.name }).from(items).orderBy(items.id).offset(10).fetch(5);
  expectType<Equal<typeof page, { name: string }[]>>();
  // @ts-expect-error: fetch() is limit(), once
  db.select().from(items).offset(1).fetch(1).fetch(2);
}

declare const mdb: MySql2Database;
export function otherDialects() {
  const accounts = mssqlTable('accounts', { id: int('id').primaryKey() });
  // @ts-expect-error: top() is SQL Server's
  mdb.select().top(1);
  // @ts-expect-error: fetch() is SQL Server's
  mdb.select().from(accounts).fetch(1);
  // @ts-expect-error: output() is SQL Server's
  mdb.delete(accounts).output();
  // @ts-expect-error: output() is SQL Server's
  mdb.update(accounts).set({ id: 1 }).output();
}

export function builderTypes(q: MsSqlSelect, i: MsSqlInsert, u: MsSqlUpdate, d: MsSqlDelete) {
  return [q.where(undefined).limit(1), i, u.where(undefined), d.where(undefined)];
}

export const view = mssqlView('active').as((qb) => qb.select({ id: items.id, name: items.name }).from(items).where(eq(items.done, false)));
expectType<Equal<InferSelectModel<typeof view>, { id: number; name: string }>>();
