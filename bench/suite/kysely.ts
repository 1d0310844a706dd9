/** Kysely 0.28, written the way its users write queries: a typed `Database` interface and the query builder. */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, ParseJSONResultsPlugin, PostgresDialect, SqliteDialect, type Generated, type PostgresPool, type PostgresQueryResult } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { openPglite, openSqlite, type BackendName } from './backends.js';
import type { Dataset } from './data.js';
import type { Scenarios } from './scenarios.js';

interface Database {
  customers: { id: Generated<number>; name: string; city: string; country: string };
  employees: { id: Generated<number>; name: string; reports_to: number | null };
  products: { id: Generated<number>; name: string; price: number; supplier: string };
  orders: { id: Generated<number>; customer_id: number; employee_id: number; ordered_at: number };
  order_details: { id: Generated<number>; order_id: number; product_id: number; quantity: number; unit_price: number };
  bulk: { id: Generated<number>; name: string; city: string; country: string };
}

/**
 * Kysely has no PGlite dialect, so PostgresDialect gets a `pg.Pool`-shaped shim over the one
 * PGlite instance. PostgresDriver calls `pool.connect()` per query (or once per transaction, then
 * runs begin/commit itself on that client), `client.query(sql, params)` reading `command`,
 * `rowCount` and `rows`, and `client.release()`; `pool.end()` on destroy.
 *
 * PGlite is a single connection, so every "connection" is the same object. The bench runs one
 * operation at a time, so they would never interleave anyway, but the shim still hands the
 * connection out under a mutex (as Kysely's own SqliteDriver does for its single connection), so
 * a query can never slip into another caller's open transaction.
 */
function pglitePool(pglite: PGlite): PostgresPool {
  let locked: Promise<void> | undefined;
  let unlock: (() => void) | undefined;
  const client = {
    query: async (sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<any>> => {
      const r = await pglite.query(sql, params as unknown[]);
      // PGlite (0.5) reports the command tag like pg does: PostgresDriver reads it to fill
      // numAffectedRows (INSERT/UPDATE/DELETE/MERGE) and to see a COMMIT answered with ROLLBACK.
      return { command: r.command as PostgresQueryResult<unknown>['command'], rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length, rows: r.rows };
    },
    release() {
      const u = unlock;
      locked = unlock = undefined;
      u?.();
    },
  };
  return {
    async connect() {
      while (locked) await locked;
      locked = new Promise((resolve) => (unlock = resolve));
      return client as never;
    },
    end: async () => {},
  };
}

export async function setup(backend: BackendName, data: Dataset): Promise<Scenarios> {
  const db =
    backend === 'pglite'
      ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(await openPglite(data)) }) })
      : // better-sqlite3 returns json_group_array() results as strings: the sqlite helpers' docs
        // have this plugin installed on the instance.
        new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(data) }), plugins: [new ParseJSONResultsPlugin()] });
  // The two helpers have the same signature; each emits its dialect's JSON aggregation.
  const jsonArrayFrom = backend === 'pglite' ? pgJsonArrayFrom : sqliteJsonArrayFrom;

  const selectById = (id: number) => db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return {
    buildSelectById: (id) => db.selectFrom('customers').selectAll().where('id', '=', id).compile(),
    buildJoin: (country) =>
      db
        .selectFrom('orders')
        .innerJoin('customers', 'customers.id', 'orders.customer_id')
        .innerJoin('order_details', 'order_details.order_id', 'orders.id')
        .innerJoin('products', 'products.id', 'order_details.product_id')
        .select(['orders.id', 'customers.name as customer', 'products.name as product', 'order_details.quantity'])
        .where('customers.country', '=', country)
        .orderBy('orders.id', 'desc')
        .limit(20)
        .compile(),
    buildInsert: (name) => db.insertInto('customers').values({ name, city: 'Bench', country: 'Nowhere' }).compile(),
    selectById,
    // Kysely has no prepared-statement API: its users build the query on every call, so this is
    // the same code as selectById.
    selectByIdPrepared: selectById,
    page: (offset) => db.selectFrom('customers').selectAll().orderBy('id').limit(50).offset(offset).execute(),
    joinAggregate: () =>
      db
        .selectFrom('customers')
        .innerJoin('orders', 'orders.customer_id', 'customers.id')
        .innerJoin('order_details', 'order_details.order_id', 'orders.id')
        .select((eb) => ['customers.country', eb.fn.count<number>('orders.id').as('orders'), eb.fn.sum<number>('order_details.quantity').as('quantity')])
        .groupBy('customers.country')
        .orderBy('customers.country')
        .execute(),
    insertReturning: (name) => db.insertInto('customers').values({ name, city: 'Bench', country: 'Nowhere' }).returningAll().executeTakeFirst(),
    bulkInsert: (rows) => db.insertInto('bulk').values(rows).execute(),
    updateById: (id, city) => db.updateTable('customers').set({ city }).where('id', '=', id).execute(),
    transaction: (name) =>
      db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('customers').values({ name, city: 'Tx', country: 'Nowhere' }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('customers').set({ city: 'Tx2' }).where('id', '=', row.id).execute();
        await trx.deleteFrom('customers').where('id', '=', row.id).execute();
      }),
    relational: () =>
      db
        .selectFrom('customers')
        .select((eb) => [
          'customers.id',
          'customers.name',
          'customers.city',
          'customers.country',
          jsonArrayFrom(
            eb
              .selectFrom('orders')
              .select((eb) => [
                'orders.id',
                'orders.customer_id as customerId',
                'orders.employee_id as employeeId',
                'orders.ordered_at as orderedAt',
                jsonArrayFrom(
                  eb
                    .selectFrom('order_details')
                    .select(['order_details.id', 'order_details.order_id as orderId', 'order_details.product_id as productId', 'order_details.quantity', 'order_details.unit_price as unitPrice'])
                    .whereRef('order_details.order_id', '=', 'orders.id')
                    .orderBy('order_details.id'),
                ).as('details'),
              ])
              .whereRef('orders.customer_id', '=', 'customers.id')
              .orderBy('orders.id'),
          ).as('orders'),
        ])
        .orderBy('customers.id')
        .limit(10)
        .execute(),
  };
}
