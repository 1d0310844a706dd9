/**
 * Raw SQL on libsql is batchable and typed by its row; on better-sqlite3 it is the value itself.
 * getTableConfig's foreign keys carry their actions.
 */
import { sql } from 'sluice';
import { drizzle } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import type { ResultSet } from '@libsql/client';
import type { RunResult } from 'better-sqlite3';
import { getTableConfig, integer as sInt, sqliteTable } from 'sluice/sqlite-core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const ldb = libsql(':memory:');
export async function rawInBatch(): Promise<void> {
  const [run, rows, first, arrays] = await ldb.batch([ldb.run(sql`insert into t values (1)`), ldb.all<{ id: number }>(sql`select id from t`), ldb.get<{ id: number }>(sql`select id from t`), ldb.values(sql`select id from t`)]);
  expectType<Equal<typeof run, ResultSet>>();
  expectType<Equal<typeof rows, { id: number }[]>>();
  expectType<Equal<typeof first, { id: number } | undefined>>();
  expectType<Equal<typeof arrays, unknown[][]>>();
  const awaited = await ldb.all<{ id: number }>(sql`select id from t`);
  expectType<Equal<typeof awaited, { id: number }[]>>();
}

const sdb = drizzle();
const syncRows = sdb.all<{ id: number }>(sql`select 1 as id`);
expectType<Equal<typeof syncRows, { id: number }[]>>();
const syncRun = sdb.run(sql`select 1`);
expectType<Equal<typeof syncRun, RunResult>>();

// getTableConfig's foreign keys hold their actions, not the builder's setters.
const sParent = sqliteTable('p', { id: sInt('id').primaryKey() });
const sChild = sqliteTable('c', { pid: sInt('pid').references(() => sParent.id, { onDelete: 'cascade' }) });
const action: string | undefined = getTableConfig(sChild).foreignKeys[0]!.onDelete;
void action;
