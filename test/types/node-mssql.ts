/**
 * sluice/node-mssql's types: every drizzle() form gives a database over an mssql ConnectionPool,
 * `db.execute()` and writes without output answer with mssql's own result, `.iterator()` streams
 * the select's row type, and the migrator takes the database.
 */
import type { ConnectionPool, IResult } from 'mssql';
import { eq, sql } from 'sluice';
import { int, mssqlTable, nvarchar } from 'sluice/mssql-core';
import { drizzle, type NodeMssqlDatabase, type NodeMssqlQueryResult } from 'sluice/node-mssql';
import { migrate, rollback, type RollbackResult } from 'sluice/node-mssql/migrator';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok?: T): void {}

const users = mssqlTable('users', {
  id: int('id').primaryKey().identity(),
  name: nvarchar('name', { length: 100 }).notNull(),
});

declare const pool: ConnectionPool;
const fromUrl = drizzle('mssql://sa:secret@localhost:1433/app');
const fromPool = drizzle(pool, { logger: true });
const fromClient = drizzle({ client: pool, schema: { users } });
const fromSettings = drizzle({ connection: { server: 'localhost', database: 'app' } });
expectType<Equal<typeof fromUrl.$client, ConnectionPool>>();
expectType<Equal<typeof fromPool.$client, ConnectionPool>>();
expectType<Equal<typeof fromSettings.$client, ConnectionPool>>();
const asDatabase: NodeMssqlDatabase<{ users: typeof users }> = fromClient;

// @ts-expect-error a connection needs a URL, settings or a pool
drizzle({ connection: 42 });

async function queries() {
  const executed = await fromUrl.execute(sql`select 1 as [one]`);
  // mssql's result: object rows in `recordset`, counts in `rowsAffected`.
  expectType<Equal<typeof executed.recordset, NodeMssqlQueryResult['recordset']>>();
  expectType<Equal<typeof executed.rowsAffected, number[]>>();
  expectType<Equal<NodeMssqlQueryResult, IResult<Record<string, unknown>>>>();
  const updated = await fromUrl.update(users).set({ name: 'x' }).where(eq(users.id, 1));
  expectType<Equal<typeof updated, NodeMssqlQueryResult>>();
  const rows = await fromUrl.select({ id: users.id, name: users.name }).from(users);
  expectType<Equal<typeof rows, { id: number; name: string }[]>>();
  for await (const row of fromUrl.select({ id: users.id }).from(users).iterator()) {
    expectType<Equal<typeof row, { id: number }>>();
  }
  await fromUrl.transaction(async (tx) => tx.insert(users).values({ name: 'a' }), { isolationLevel: 'snapshot' });
  await migrate(asDatabase, { migrationsFolder: './drizzle' });
  const undone = await rollback(fromUrl, { migrationsFolder: './drizzle', steps: 1 });
  expectType<Equal<typeof undone, RollbackResult>>();
}
void queries;
