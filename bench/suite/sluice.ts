/** sluice, written the way its users write queries. */
import { desc, eq, relations, sql, sum, count } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as mysql2, type MySql2Database } from 'sluice/mysql2';
import { double, int, mysqlTable, varchar } from 'sluice/mysql-core';
import { drizzle as nodePg } from 'sluice/node-postgres';
import { integer as pgInt, pgTable, doublePrecision, serial, text as pgText } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer, real, sqliteTable, text } from 'sluice/sqlite-core';
import { openMariadb, openPglite, openPostgres, openSqlite, type BackendName } from './backends.js';
import type { Dataset } from './data.js';
import { NotApplicable, type Scenarios } from './scenarios.js';

function sqliteSchema() {
  const customers = sqliteTable('customers', { id: integer('id').primaryKey(), name: text('name').notNull(), city: text('city').notNull(), country: text('country').notNull() });
  const orders = sqliteTable('orders', { id: integer('id').primaryKey(), customerId: integer('customer_id').notNull(), employeeId: integer('employee_id').notNull(), orderedAt: integer('ordered_at').notNull() });
  const details = sqliteTable('order_details', {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull(),
    productId: integer('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: real('unit_price').notNull(),
  });
  const products = sqliteTable('products', { id: integer('id').primaryKey(), name: text('name').notNull(), price: real('price').notNull(), supplier: text('supplier').notNull() });
  const bulk = sqliteTable('bulk', { id: integer('id').primaryKey(), name: text('name').notNull(), city: text('city').notNull(), country: text('country').notNull() });
  return { customers, orders, details, products, bulk };
}
function pgSchema() {
  const customers = pgTable('customers', { id: serial('id').primaryKey(), name: pgText('name').notNull(), city: pgText('city').notNull(), country: pgText('country').notNull() });
  const orders = pgTable('orders', { id: serial('id').primaryKey(), customerId: pgInt('customer_id').notNull(), employeeId: pgInt('employee_id').notNull(), orderedAt: pgInt('ordered_at').notNull() });
  const details = pgTable('order_details', {
    id: serial('id').primaryKey(),
    orderId: pgInt('order_id').notNull(),
    productId: pgInt('product_id').notNull(),
    quantity: pgInt('quantity').notNull(),
    unitPrice: doublePrecision('unit_price').notNull(),
  });
  const products = pgTable('products', { id: serial('id').primaryKey(), name: pgText('name').notNull(), price: doublePrecision('price').notNull(), supplier: pgText('supplier').notNull() });
  const bulk = pgTable('bulk', { id: serial('id').primaryKey(), name: pgText('name').notNull(), city: pgText('city').notNull(), country: pgText('country').notNull() });
  return { customers, orders, details, products, bulk };
}
function mysqlSchema() {
  const customers = mysqlTable('customers', {
    id: int('id').autoincrement().primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    city: varchar('city', { length: 255 }).notNull(),
    country: varchar('country', { length: 255 }).notNull(),
  });
  const orders = mysqlTable('orders', { id: int('id').autoincrement().primaryKey(), customerId: int('customer_id').notNull(), employeeId: int('employee_id').notNull(), orderedAt: int('ordered_at').notNull() });
  const details = mysqlTable('order_details', {
    id: int('id').autoincrement().primaryKey(),
    orderId: int('order_id').notNull(),
    productId: int('product_id').notNull(),
    quantity: int('quantity').notNull(),
    unitPrice: double('unit_price').notNull(),
  });
  const products = mysqlTable('products', { id: int('id').autoincrement().primaryKey(), name: varchar('name', { length: 255 }).notNull(), price: double('price').notNull(), supplier: varchar('supplier', { length: 255 }).notNull() });
  const bulk = mysqlTable('bulk', { id: int('id').autoincrement().primaryKey(), name: varchar('name', { length: 255 }).notNull(), city: varchar('city', { length: 255 }).notNull(), country: varchar('country', { length: 255 }).notNull() });
  return { customers, orders, details, products, bulk };
}

function withRelations<T extends ReturnType<typeof pgSchema>>(t: T) {
  const { customers, orders, details } = t;
  return {
    ...t,
    customersRelations: relations(customers, ({ many }) => ({ orders: many(orders) })),
    ordersRelations: relations(orders, ({ one, many }) => ({ customer: one(customers, { fields: [orders.customerId], references: [customers.id] }), details: many(details) })),
    detailsRelations: relations(details, ({ one }) => ({ order: one(orders, { fields: [details.orderId], references: [orders.id] }) })),
  };
}

export async function setup(backend: BackendName, data: Dataset): Promise<Scenarios> {
  // The schemas have the same shape; the queries below are written once against any of them
  // (typed as PostgreSQL's), except the MySQL-only insert-and-select-back on mariadb.
  const pg = backend === 'pglite' || backend === 'postgres';
  const t = (pg ? pgSchema() : backend === 'mariadb' ? mysqlSchema() : sqliteSchema()) as ReturnType<typeof pgSchema>;
  const { customers, orders, details, products, bulk } = t;
  const schema = withRelations(t);
  type PgDb = ReturnType<typeof pglite<typeof schema>>;
  const db = (backend === 'pglite'
    ? pglite({ client: await openPglite(data), schema })
    : backend === 'postgres'
      ? nodePg({ client: await openPostgres(data), schema })
      : backend === 'mariadb'
        ? mysql2({ client: await openMariadb(data), schema, mode: 'default' })
        : betterSqlite({ client: openSqlite(data), schema })) as unknown as PgDb;
  const prepared = db
    .select()
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare('customer_by_id');
  const scenarios: Scenarios = {
    buildSelectById: (id) => db.select().from(customers).where(eq(customers.id, id)).toSQL(),
    buildJoin: (country) =>
      db
        .select({ id: orders.id, customer: customers.name, product: products.name, quantity: details.quantity })
        .from(orders)
        .innerJoin(customers, eq(customers.id, orders.customerId))
        .innerJoin(details, eq(details.orderId, orders.id))
        .innerJoin(products, eq(products.id, details.productId))
        .where(eq(customers.country, country))
        .orderBy(desc(orders.id))
        .limit(20)
        .toSQL(),
    buildInsert: (name) => db.insert(customers).values({ name, city: 'Bench', country: 'Nowhere' }).toSQL(),
    selectById: async (id) => (await db.select().from(customers).where(eq(customers.id, id)))[0],
    selectByIdSync:
      backend === 'better-sqlite3'
        ? (id) => (db.select().from(customers).where(eq(customers.id, id)) as unknown as { get(): unknown }).get()
        : () => {
            throw new NotApplicable('synchronous reads are better-sqlite3 only');
          },
    // On better-sqlite3 a prepared statement is read the way SQLite users of either library read
    // one row, with the synchronous .get(), like the raw driver's statement.get(); elsewhere it is awaited.
    selectByIdPrepared: backend === 'better-sqlite3' ? (id) => (prepared as unknown as { get(v: { id: number }): unknown }).get({ id }) : async (id) => (await prepared.execute({ id }))[0],
    page: (offset) => db.select().from(customers).orderBy(customers.id).limit(50).offset(offset),
    joinAggregate: () =>
      db
        .select({ country: customers.country, orders: count(orders.id), quantity: sum(details.quantity) })
        .from(customers)
        .innerJoin(orders, eq(orders.customerId, customers.id))
        .innerJoin(details, eq(details.orderId, orders.id))
        .groupBy(customers.country)
        .orderBy(customers.country),
    insertReturning: async (name) => (await db.insert(customers).values({ name, city: 'Bench', country: 'Nowhere' }).returning())[0],
    bulkInsert: (rows) => db.insert(bulk).values(rows),
    updateById: (id, city) => db.update(customers).set({ city }).where(eq(customers.id, id)),
    transaction: (name) =>
      db.transaction(async (tx) => {
        const [row] = await tx.insert(customers).values({ name, city: 'Tx', country: 'Nowhere' }).returning({ id: customers.id });
        await tx.update(customers).set({ city: 'Tx2' }).where(eq(customers.id, row!.id));
        await tx.delete(customers).where(eq(customers.id, row!.id));
      }),
    relational: () =>
      db.query.customers.findMany({
        limit: 10,
        orderBy: (c, { asc }) => asc(c.id),
        with: { orders: { orderBy: (o, { asc }) => asc(o.id), with: { details: { orderBy: (d, { asc }) => asc(d.id) } } } },
      }),
  };
  if (backend !== 'mariadb') return scenarios;

  // MySQL has no `returning`: sluice's users take the key from `$returningId()` (the insert id)
  // and select the row by it.
  const m = t as unknown as ReturnType<typeof mysqlSchema>;
  const my = db as unknown as MySql2Database<ReturnType<typeof withRelations>>;
  return {
    ...scenarios,
    insertReturning: async (name) => {
      const [{ id }] = await my.insert(m.customers).values({ name, city: 'Bench', country: 'Nowhere' }).$returningId();
      return (await my.select().from(m.customers).where(eq(m.customers.id, id)))[0];
    },
    transaction: (name) =>
      my.transaction(async (tx) => {
        const [{ id }] = await tx.insert(m.customers).values({ name, city: 'Tx', country: 'Nowhere' }).$returningId();
        await tx.update(m.customers).set({ city: 'Tx2' }).where(eq(m.customers.id, id));
        await tx.delete(m.customers).where(eq(m.customers.id, id));
      }),
  };
}
