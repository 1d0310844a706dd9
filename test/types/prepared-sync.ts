/**
 * better-sqlite3: every prepared statement's `execute()` result offers `sync()` with the
 * statement's own result type; async drivers return a plain promise.
 */
import { sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { integer, sqliteTable, text } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const groups = sqliteTable('groups', { id: integer('id').primaryKey(), name: text('name').notNull() });
const syncDb = betterSqlite({ schema: { groups } });
const asyncDb = libsql({ connection: { url: ':memory:' }, schema: { groups } });

export function preparedSync(): void {
  const rows = syncDb
    .select({ id: groups.id })
    .from(groups)
    .where(sql`${groups.id} = ${sql.placeholder('id')}`)
    .prepare()
    .execute({ id: 1 })
    .sync();
  expectType<Equal<typeof rows, { id: number }[]>>();
  const returned = syncDb.insert(groups).values({ id: 1, name: 'a' }).returning({ name: groups.name }).prepare().execute().sync();
  expectType<Equal<typeof returned, { name: string }[]>>();
  const counted = syncDb.$count(groups).prepare().execute().sync();
  expectType<Equal<typeof counted, number>>();
  expectType<Equal<typeof syncDb.$count extends (...a: never[]) => infer R ? R : never, import('sluice').CountQuery<'sqlite-sync'>>>();
  // @ts-expect-error: sync() needs a synchronous driver
  asyncDb.$count(groups).prepare().execute().sync();
  // @ts-expect-error: sync() needs a synchronous driver
  asyncDb.select({ id: groups.id }).from(groups).prepare().execute().sync();
}
