/**
 * cockroach-core column modes change the TypeScript type; inserts follow not-null and defaults;
 * CockroachDB-only methods exist on CockroachDB selects only; `retry` is a transaction option.
 */
import { eq, type isRetryable, sql, type InferInsertModel, type InferSelectModel, type TransactionRetryOptions } from 'sluice';
import { drizzle } from 'sluice/cockroach';
import {
  bit,
  bool,
  char,
  cockroachEnum,
  cockroachSchema,
  cockroachTable,
  date,
  decimal,
  float,
  geometry,
  index,
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
  uuid,
  varbit,
  varchar,
  vector,
  type AnyCockroachColumn,
  type CockroachSelect,
} from 'sluice/cockroach-core';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { pgTable, integer } from 'sluice/pg-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const mood = cockroachEnum('mood', ['sad', 'happy']);
const items = cockroachTable(
  'items',
  {
    id: int8({ mode: 'bigint' }).primaryKey().defaultUniqueRowid(),
    seq: int4().generatedAlwaysAsIdentity(),
    small: int2(),
    count: int8({ mode: 'number' }).notNull(),
    key: uuid().defaultRandom().notNull(),
    name: string({ length: 50 }).notNull(),
    kind: string({ enum: ['a', 'b'] }),
    body: text(),
    code: varchar({ length: 4 }),
    letter: char({ length: 1 }),
    on: bool().notNull().default(true),
    doc: jsonb().$type<{ n: number }>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    atText: timestamp({ mode: 'string' }),
    day: date(),
    dayDate: date({ mode: 'date' }),
    clock: time(),
    span: interval(),
    price: decimal({ precision: 10, scale: 2 }),
    priceN: decimal({ mode: 'number' }),
    ratio: real(),
    wide: float(),
    ip: inet(),
    where: geometry({ srid: 4326 }),
    whereXY: geometry({ mode: 'xy' }),
    flags: bit({ length: 3 }),
    moreFlags: varbit(),
    embedding: vector({ dimensions: 3 }),
    tags: string().array(),
    grid: int4().array('[][]'),
    mood: mood().notNull().default('happy'),
    parentId: int8('parent_id', { mode: 'bigint' }).references((): AnyCockroachColumn => items.id),
  },
  (t) => [index('items_name_idx').using('hash', t.name).with({ bucket_count: 4 }), index('items_doc_idx').using('gin', t.doc)],
);

type Item = typeof items.$inferSelect;
expectType<Equal<Item, InferSelectModel<typeof items>>>();
expectType<
  Equal<
    Item,
    {
      id: bigint;
      seq: number;
      small: number | null;
      count: number;
      key: string;
      name: string;
      kind: 'a' | 'b' | null;
      body: string | null;
      code: string | null;
      letter: string | null;
      on: boolean;
      doc: { n: number } | null;
      at: Date;
      atText: string | null;
      day: string | null;
      dayDate: Date | null;
      clock: string | null;
      span: string | null;
      price: string | null;
      priceN: number | null;
      ratio: number | null;
      wide: number | null;
      ip: string | null;
      where: [number, number] | null;
      whereXY: { x: number; y: number } | null;
      flags: string | null;
      moreFlags: string | null;
      embedding: number[] | null;
      tags: string[] | null;
      grid: number[][] | null;
      mood: 'sad' | 'happy';
      parentId: bigint | null;
    }
  >
>();

type NewItem = typeof items.$inferInsert;
expectType<Equal<NewItem, InferInsertModel<typeof items>>>();
type Required<T> = { [K in keyof T as {} extends Pick<T, K> ? never : K]: T[K] };
expectType<Equal<Required<NewItem>, { count: number; name: string }>>();
expectType<Equal<NewItem['id'], bigint | undefined>>();

const app = cockroachSchema('app');
const appUsers = app.table('users', { id: uuid().primaryKey().defaultRandom() });
expectType<Equal<(typeof appUsers)['_']['schema'], 'app'>>();

const db = drizzle('postgresql://root@localhost:26257/defaultdb');

// As of system time: on CockroachDB selects, typed like the select it follows.
const past = db.select({ id: items.id }).from(items).asOfSystemTime('-10s').where(eq(items.count, 1));
expectType<Equal<Awaited<typeof past>, { id: bigint }[]>>();
db.select().from(items).asOfSystemTime(sql`follower_read_timestamp()`);
db.select().from(items).asOfSystemTime(new Date());
// @ts-expect-error asOfSystemTime() takes a time once
db.select().from(items).asOfSystemTime('-1s').asOfSystemTime('-2s');
const pgItems = pgTable('items', { id: integer().primaryKey() });
// @ts-expect-error asOfSystemTime() is CockroachDB's
nodePostgres('postgres://x').select().from(pgItems).asOfSystemTime('-10s');

// Row locks, returning and upserts, as on PostgreSQL; no overriding system value.
db.select().from(items).for('no key update', { skipLocked: true });
const inserted = db.insert(items).values({ count: 1, name: 'x' }).onConflictDoNothing().returning({ id: items.id });
expectType<Equal<Awaited<typeof inserted>, { id: bigint }[]>>();
// @ts-expect-error overridingSystemValue() is PostgreSQL's
db.insert(items).overridingSystemValue();

// Transactions take retry options.
const retried = db.transaction(async (tx) => (await tx.select({ n: items.count }).from(items))[0]?.n, { isolationLevel: 'serializable', retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 500 } });
expectType<Equal<Awaited<typeof retried>, number>>();
db.transaction(async () => 1, { retry: true });
const options: TransactionRetryOptions = { onRetry: (error, attempt, delayMs) => void [error, attempt + delayMs] };
void options;
// @ts-expect-error maxAttempts is a number
db.transaction(async () => 1, { retry: { maxAttempts: '3' } });
expectType<Equal<ReturnType<typeof isRetryable>, boolean>>();

// Helpers typed with CockroachSelect keep the caller's row type.
function firstPage<T extends CockroachSelect>(qb: T) {
  return qb.limit(10);
}
const page = firstPage(db.select({ name: items.name }).from(items).$dynamic());
expectType<Equal<Awaited<typeof page>, { name: string }[]>>();
