/** sqlite-core column modes change the TypeScript type; better-sqlite3 queries are synchronous. */
import { eq, sql } from 'sluice';
import { drizzle } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { blob, integer, numeric, real, sqliteTable, text } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const items = sqliteTable('items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  count: integer('count'),
  done: integer('done', { mode: 'boolean' }).notNull(),
  at: integer('at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),
  atMs: integer('at_ms', { mode: 'timestamp_ms' }),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['a', 'b'] }),
  doc: text('doc', { mode: 'json' }).$type<{ n: number }>(),
  ratio: real('ratio'),
  amount: numeric('amount'),
  amountN: numeric('amount_n', { mode: 'number' }),
  raw: blob('raw'),
  big: blob('big', { mode: 'bigint' }),
});

type Item = typeof items.$inferSelect;
expectType<
  Equal<
    Item,
    {
      id: number;
      count: number | null;
      done: boolean;
      at: Date;
      atMs: Date | null;
      name: string;
      kind: 'a' | 'b' | null;
      doc: { n: number } | null;
      ratio: number | null;
      amount: string | null;
      amountN: number | null;
      raw: Buffer | null;
      big: bigint | null;
    }
  >
>();
type NewItem = typeof items.$inferInsert;
expectType<Equal<Pick<NewItem, 'done' | 'name'>, { done: boolean; name: string }>>();
expectType<Equal<NewItem['id'], number | undefined>>();

const db = drizzle();
const rows = db.select().from(items).all();
expectType<Equal<typeof rows, Item[]>>();
const one = db.select({ name: items.name }).from(items).where(eq(items.id, 1)).get();
expectType<Equal<typeof one, { name: string } | undefined>>();
const res = db.insert(items).values({ done: true, name: 'x' }).run();
expectType<Equal<typeof res.changes, number>>();
const total = db.transaction((tx) => tx.select().from(items).all().length);
expectType<Equal<typeof total, number>>();

const ldb = libsql(':memory:');
export async function asyncApi(): Promise<void> {
  const all = await ldb.select().from(items).all();
  expectType<Equal<typeof all, Item[]>>();
  const [a, n] = await ldb.batch([ldb.select({ id: items.id }).from(items), ldb.$count(items)]);
  expectType<Equal<typeof a, { id: number }[]>>();
  expectType<Equal<typeof n, number>>();
  // @ts-expect-error: done is a boolean in this mode
  await ldb.insert(items).values({ done: 1, name: 'x' });
}
