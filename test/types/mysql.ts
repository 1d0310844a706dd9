/** mysql-core column modes change the TypeScript type; inserts follow not-null and defaults. */
import { sql, type InferInsertModel, type InferSelectModel } from 'sluice';
import {
  bigint,
  binary,
  boolean,
  char,
  date,
  datetime,
  decimal,
  double,
  float,
  int,
  json,
  longtext,
  mediumint,
  mediumtext,
  mysqlEnum,
  mysqlSchema,
  mysqlTable,
  mysqlTableCreator,
  mysqlView,
  real,
  serial,
  smallint,
  text,
  time,
  timestamp,
  tinyint,
  tinytext,
  varbinary,
  varchar,
  year,
  type AnyMySqlColumn,
} from 'sluice/mysql-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const items = mysqlTable('items', {
  id: serial('id').primaryKey(),
  count: int('count'),
  flags: tinyint('flags', { unsigned: true }).notNull().default(0),
  small: smallint('small'),
  medium: mediumint('medium'),
  seq: int('seq').autoincrement().notNull(),
  bigNum: bigint('big_num', { mode: 'number' }),
  bigBig: bigint('big_big', { mode: 'bigint', unsigned: true }).notNull(),
  bigStr: bigint('big_str', { mode: 'string' }),
  ratio: float('ratio'),
  dbl: double('dbl', { precision: 10, scale: 2 }),
  re: real('re'),
  price: decimal('price', { precision: 10, scale: 2 }).notNull(),
  priceN: decimal('price_n', { mode: 'number' }),
  priceB: decimal('price_b', { mode: 'bigint' }),
  done: boolean('done').notNull().default(false),
  code: char('code', { length: 2 }),
  name: varchar('name', { length: 255 }).notNull(),
  kind: varchar('kind', { length: 8, enum: ['a', 'b'] }),
  body: text('body'),
  tiny: tinytext('tiny', { enum: ['x'] }),
  med: mediumtext('med'),
  long: longtext('long'),
  bin: binary('bin', { length: 16 }),
  vbin: varbinary('vbin', { length: 64 }),
  born: date('born'),
  bornS: date('born_s', { mode: 'string' }),
  createdAt: datetime('created_at', { fsp: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at').notNull().defaultNow().onUpdateNow(),
  seen: datetime('seen', { mode: 'string' }),
  seenTs: timestamp('seen_ts', { mode: 'string', fsp: 6 }),
  at: time('at', { fsp: 2 }),
  yr: year('yr'),
  doc: json('doc').$type<{ n: number }>(),
  raw: json('raw'),
  role: mysqlEnum('role', ['guest', 'user', 'admin']).notNull().default('user'),
  mood: mysqlEnum(['happy', 'sad']),
  parentId: int('parent_id').references((): AnyMySqlColumn => items.id),
});

type Item = typeof items.$inferSelect;
expectType<Equal<Item, InferSelectModel<typeof items>>>();
expectType<
  Equal<
    Item,
    {
      id: number;
      count: number | null;
      flags: number;
      small: number | null;
      medium: number | null;
      seq: number;
      bigNum: number | null;
      bigBig: bigint;
      bigStr: string | null;
      ratio: number | null;
      dbl: number | null;
      re: number | null;
      price: string;
      priceN: number | null;
      priceB: bigint | null;
      done: boolean;
      code: string | null;
      name: string;
      kind: 'a' | 'b' | null;
      body: string | null;
      tiny: 'x' | null;
      med: string | null;
      long: string | null;
      bin: string | null;
      vbin: string | null;
      born: Date | null;
      bornS: string | null;
      createdAt: Date;
      updatedAt: Date;
      seen: string | null;
      seenTs: string | null;
      at: string | null;
      yr: number | null;
      doc: { n: number } | null;
      raw: unknown;
      role: 'guest' | 'user' | 'admin';
      mood: 'happy' | 'sad' | null;
      parentId: number | null;
    }
  >
>();

type NewItem = typeof items.$inferInsert;
expectType<Equal<NewItem, InferInsertModel<typeof items>>>();
type Required<T> = { [K in keyof T as {} extends Pick<T, K> ? never : K]: T[K] };
expectType<Equal<Required<NewItem>, { bigBig: bigint; price: string; name: string }>>();
expectType<Equal<NewItem['id'], number | undefined>>();
expectType<Equal<NewItem['seq'], number | undefined>>();
expectType<Equal<NewItem['updatedAt'], Date | undefined>>();
expectType<Equal<NewItem['role'], 'guest' | 'user' | 'admin' | undefined>>();
expectType<Equal<NewItem['kind'], 'a' | 'b' | null | undefined>>();
expectType<Equal<NewItem['doc'], { n: number } | null | undefined>>();

// Column names default to the keys; the callback form receives every builder.
const tags = mysqlTable('tags', (t) => ({
  id: t.serial().primaryKey(),
  label: t.varchar({ length: 32 }).notNull(),
  big: t.bigint({ mode: 'bigint' }),
  at: t.datetime({ mode: 'string' }).notNull(),
  level: t.mysqlEnum(['low', 'high']),
  size: t.varchar({ length: 4, enum: ['s', 'm'] }).notNull(),
}));
expectType<Equal<typeof tags.$inferSelect, { id: number; label: string; big: bigint | null; at: string; level: 'low' | 'high' | null; size: 's' | 'm' }>>();
expectType<Equal<typeof tags.label._.name, 'label'>>();
expectType<Equal<typeof tags._.dialect, 'mysql'>>();

const audit = mysqlSchema('audit');
const events = audit.table('events', { id: serial('id').primaryKey(), at: timestamp('at').notNull() });
expectType<Equal<typeof events._.schema, 'audit'>>();
expectType<Equal<typeof events.$inferSelect, { id: number; at: Date }>>();

const prefixed = mysqlTableCreator((name) => `app_${name}`);
const logs = prefixed('logs', { id: serial('id').primaryKey(), at: timestamp('at').notNull().default(sql`(now())`) });
expectType<Equal<typeof logs._.name, 'logs'>>();

const named = mysqlView('named').as((qb) => qb.select({ id: items.id, name: items.name }).from(items));
expectType<Equal<typeof named.name._.data, string>>();
expectType<Equal<typeof named.id._.tableName, 'named'>>();

// @ts-expect-error: bigint needs a mode
bigint('b');
// @ts-expect-error: varchar needs a length
varchar('v');
// @ts-expect-error: varbinary needs a length
varbinary('v');
// @ts-expect-error: fsp is 0 to 6
datetime('d', { fsp: 7 });
// @ts-expect-error: not a value of the enum
mysqlEnum('r', ['a', 'b']).default('c');
// @ts-expect-error: a string-mode datetime takes strings
datetime('d', { mode: 'string' }).default(new Date());

// ---- Builders on a mysql2 database: no returning(), $returningId() typed by the primary key ----
import type { MySql2Database } from 'sluice/mysql2';
declare const mdb: MySql2Database;
const accounts = mysqlTable('accounts', { id: serial('id').primaryKey(), owner: varchar('owner', { length: 64 }).notNull() });
const keyed = mysqlTable('keyed', { code: varchar('code', { length: 8 }).primaryKey(), label: text('label') });

async function mysqlBuilders() {
  const ids = await mdb.insert(accounts).values({ owner: 'ann' }).$returningId();
  expectType<Equal<typeof ids, { id: number }[]>>();
  const codes = await mdb
    .insert(keyed)
    .values([{ code: 'a' }, { code: 'b' }])
    .$returningId();
  expectType<Equal<typeof codes, { code: string }[]>>();
  // @ts-expect-error returning() does not exist on MySQL inserts
  mdb.insert(accounts).values({ owner: 'ann' }).returning();
  // @ts-expect-error nor on updates
  mdb.update(accounts).set({ owner: 'bob' }).returning();
  // @ts-expect-error nor on deletes
  mdb.delete(accounts).returning();
  const res = await mdb
    .insert(accounts)
    .values({ owner: 'cy' })
    .onDuplicateKeyUpdate({ set: { owner: 'cy' } });
  expectType<Equal<(typeof res)[0]['affectedRows'], number>>();
  await mdb.insert(accounts).values({ owner: 'dee' }).ignore();
  await mdb.update(accounts).set({ owner: 'x' }).orderBy(accounts.id).limit(1);
}
void mysqlBuilders;
