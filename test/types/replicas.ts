/**
 * withReplicas() keeps the primary's type: its driver's result type, schema, `$client` and
 * SQLite's synchronous methods; `$primary` is the primary, `$replicas` a list of the same type.
 * A replica of another dialect does not type-check. Also the drivers' `prepare` option.
 */
import { sql, withReplicas, type WithReplicas } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { integer, pgTable, text, withReplicas as pgWithReplicas } from 'sluice/pg-core';
import { drizzle as nodePostgres, type NodePgDatabase, type NodePgQueryResult } from 'sluice/node-postgres';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { int, mysqlTable, withReplicas as mysqlWithReplicas } from 'sluice/mysql-core';
import { drizzle as mysql2 } from 'sluice/mysql2';
import { integer as sInt, sqliteTable, withReplicas as sqliteWithReplicas } from 'sluice/sqlite-core';
import type { RunResult } from 'better-sqlite3';
import type { Pool } from 'pg';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const users = pgTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });
const schema = { users };

const primary = nodePostgres('postgres://primary', { schema });
const db = pgWithReplicas(primary, [nodePostgres('postgres://r1', { schema }), nodePostgres('postgres://r2', { schema })]);
expectType<Equal<typeof db, WithReplicas<NodePgDatabase<typeof schema, Pool>>>>();
expectType<Equal<typeof db.$primary, NodePgDatabase<typeof schema, Pool>>>();
expectType<Equal<typeof db.$replicas, NodePgDatabase<typeof schema, Pool>[]>>();
expectType<Equal<typeof db.$client, Pool>>();

export async function reads(): Promise<void> {
  const rows = await db.select().from(users);
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  const found = await db.query.users.findFirst();
  expectType<Equal<typeof found, { id: number; name: string } | undefined>>();
  const counted = await db.$count(users);
  expectType<Equal<typeof counted, number>>();
  const written = await db.insert(users).values({ id: 1, name: 'a' });
  expectType<Equal<typeof written, NodePgQueryResult>>();
  const inTx = await db.transaction(async (tx) => tx.select({ id: users.id }).from(users));
  expectType<Equal<typeof inTx, { id: number }[]>>();
}

// A custom picker gets and returns the primary's type.
withReplicas(primary, [primary], (replicas) => {
  expectType<Equal<typeof replicas, NodePgDatabase<typeof schema, Pool>[]>>();
  return replicas[0]!;
});

// At least one replica, and of the same dialect.
// @ts-expect-error no replicas
withReplicas(primary, []);
// @ts-expect-error a SQLite replica for a PostgreSQL primary
withReplicas(primary, [betterSqlite()]);
// postgres.js and node-postgres differ in their result type, so one is not a replica of the other.
// @ts-expect-error another driver's result type
withReplicas(primary, [postgresJs('postgres://r1', { schema })]);

// SQLite on better-sqlite3 stays synchronous.
const sUsers = sqliteTable('users', { id: sInt('id').primaryKey() });
const sdb = sqliteWithReplicas(betterSqlite(), [betterSqlite()]);
const sRows = sdb.select().from(sUsers).all();
expectType<Equal<typeof sRows, { id: number }[]>>();
const sRun = sdb.run(sql`select 1`);
expectType<Equal<typeof sRun, RunResult>>();

// MySQL keeps its own builders ($returningId, no returning).
const mUsers = mysqlTable('users', { id: int('id').primaryKey().autoincrement() });
const mdb = mysqlWithReplicas(mysql2('mysql://primary'), [mysql2('mysql://replica')]);
export async function mysqlWrites(): Promise<void> {
  const ids = await mdb.insert(mUsers).values({}).$returningId();
  expectType<Equal<typeof ids, { id: number }[]>>();
}

// `prepare: false` (PgBouncer in transaction mode) is an option of both PostgreSQL server drivers.
nodePostgres({ connection: 'postgres://bouncer', prepare: false });
postgresJs({ connection: { url: 'postgres://bouncer' }, prepare: false });
// @ts-expect-error a boolean
nodePostgres({ connection: 'postgres://bouncer', prepare: 'no' });
