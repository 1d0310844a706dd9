/** Kysely 0.28, written the way its users write queries: a typed `Database` interface and the query builder. */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, MysqlDialect, ParseJSONResultsPlugin, PostgresDialect, sql, SqliteDialect, type Expression, type Generated, type PostgresPool, type PostgresQueryResult, type RawBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { openMariadb, openPglite, openPostgres, openSqlite, type BackendName } from './backends.js';
import type { Dataset } from './data.js';
import { NotApplicable, type Scenarios } from './scenarios.js';

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
    query: async (sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
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

/**
 * `jsonArrayFrom` of `kysely/helpers/mysql` does not run on MariaDB (kysely#1019): it casts its
 * result `as json`, which MariaDB has no cast for, and aggregates over a derived table
 * (`from (select ... where orders.customer_id = customers.id) as agg`), and MariaDB's derived
 * tables cannot refer to the outer row ("Unknown column 'customers.id'"). MariaDB users write the
 * aggregate into the correlated subquery itself, with a helper like this one:
 * `coalesce(json_arrayagg(json_object('key', value, ...) order by ...), json_array())`.
 */
function mariadbJsonArray<O>(fields: { [K in keyof O]: Expression<O[K]> }, orderBy: Expression<unknown>): RawBuilder<O[]> {
  const args = Object.entries<Expression<unknown>>(fields).flatMap(([key, value]) => [sql.lit(key), value]);
  return sql<O[]>`coalesce(json_arrayagg(json_object(${sql.join(args)}) order by ${orderBy}), json_array())`;
}

export async function setup(backend: BackendName, data: Dataset): Promise<Scenarios> {
  const db =
    backend === 'pglite'
      ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(await openPglite(data)) }) })
      : backend === 'postgres'
        ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: await openPostgres(data) }) })
        : backend === 'mariadb'
          ? // MysqlDialect takes mysql2's callback pool (its docs: `createPool` from 'mysql2'); the
            // mysql2/promise pool wraps one at `.pool`: the same connections. MariaDB's JSON is
            // text, which mysql2 returns as strings (it parses MySQL's JSON type only): Kysely's
            // mysql helper docs point to this plugin for nested JSON that arrives unparsed.
            new Kysely<Database>({ dialect: new MysqlDialect({ pool: (await openMariadb(data)).pool }), plugins: [new ParseJSONResultsPlugin()] })
          : // better-sqlite3 returns json_group_array() results as strings: the sqlite helpers' docs
            // have this plugin installed on the instance.
            new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(data) }), plugins: [new ParseJSONResultsPlugin()] });
  // The helpers have the same signature; each emits its dialect's JSON aggregation.
  const jsonArrayFrom = backend === 'pglite' || backend === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;

  const selectById = (id: number) => db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  const scenarios: Scenarios = {
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
    selectByIdSync: () => {
      throw new NotApplicable('Kysely has no synchronous API');
    },
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
  if (backend !== 'mariadb') return scenarios;

  return {
    ...scenarios,
    // MySQL has no `returning`: Kysely's users read `insertId` from executeTakeFirst() and select
    // the row by it.
    insertReturning: async (name) => {
      const { insertId } = await db.insertInto('customers').values({ name, city: 'Bench', country: 'Nowhere' }).executeTakeFirst();
      return db.selectFrom('customers').selectAll().where('id', '=', Number(insertId)).executeTakeFirst();
    },
    transaction: (name) =>
      db.transaction().execute(async (trx) => {
        const id = Number((await trx.insertInto('customers').values({ name, city: 'Tx', country: 'Nowhere' }).executeTakeFirstOrThrow()).insertId);
        await trx.updateTable('customers').set({ city: 'Tx2' }).where('id', '=', id).execute();
        await trx.deleteFrom('customers').where('id', '=', id).execute();
      }),
    relational: () =>
      db
        .selectFrom('customers')
        .select((eb) => [
          'customers.id',
          'customers.name',
          'customers.city',
          'customers.country',
          eb
            .selectFrom('orders')
            .select((eb) =>
              mariadbJsonArray(
                {
                  id: eb.ref('orders.id'),
                  customerId: eb.ref('orders.customer_id'),
                  employeeId: eb.ref('orders.employee_id'),
                  orderedAt: eb.ref('orders.ordered_at'),
                  details: eb
                    .selectFrom('order_details')
                    .select((eb) =>
                      mariadbJsonArray(
                        {
                          id: eb.ref('order_details.id'),
                          orderId: eb.ref('order_details.order_id'),
                          productId: eb.ref('order_details.product_id'),
                          quantity: eb.ref('order_details.quantity'),
                          unitPrice: eb.ref('order_details.unit_price'),
                        },
                        eb.ref('order_details.id'),
                      ).as('details'),
                    )
                    .whereRef('order_details.order_id', '=', 'orders.id'),
                },
                eb.ref('orders.id'),
              ).as('orders'),
            )
            .whereRef('orders.customer_id', '=', 'customers.id')
            .as('orders'),
        ])
        .orderBy('customers.id')
        .limit(10)
        .execute(),
  };
}
