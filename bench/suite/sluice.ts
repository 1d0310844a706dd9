/** sluice, written the way its users write queries. */
import { desc, eq, relations, sql, sum, count } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { integer as pgInt, pgTable, doublePrecision, serial, text as pgText } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer, real, sqliteTable, text } from 'sluice/sqlite-core';
import { openPglite, openSqlite, type BackendName } from './backends.js';
import type { Dataset } from './data.js';
import type { Scenarios } from './scenarios.js';

function sqliteSchema() {
  const customers = sqliteTable('customers', { id: integer('id').primaryKey(), name: text('name').notNull(), city: text('city').notNull(), country: text('country').notNull() });
  const orders = sqliteTable('orders', { id: integer('id').primaryKey(), customerId: integer('customer_id').notNull(), employeeId: integer('employee_id').notNull(), orderedAt: integer('ordered_at').notNull() });
  const details = sqliteTable('order_details', { id: integer('id').primaryKey(), orderId: integer('order_id').notNull(), productId: integer('product_id').notNull(), quantity: integer('quantity').notNull(), unitPrice: real('unit_price').notNull() });
  const products = sqliteTable('products', { id: integer('id').primaryKey(), name: text('name').notNull(), price: real('price').notNull(), supplier: text('supplier').notNull() });
  const bulk = sqliteTable('bulk', { id: integer('id').primaryKey(), name: text('name').notNull(), city: text('city').notNull(), country: text('country').notNull() });
  return { customers, orders, details, products, bulk };
}
function pgSchema() {
  const customers = pgTable('customers', { id: serial('id').primaryKey(), name: pgText('name').notNull(), city: pgText('city').notNull(), country: pgText('country').notNull() });
  const orders = pgTable('orders', { id: serial('id').primaryKey(), customerId: pgInt('customer_id').notNull(), employeeId: pgInt('employee_id').notNull(), orderedAt: pgInt('ordered_at').notNull() });
  const details = pgTable('order_details', { id: serial('id').primaryKey(), orderId: pgInt('order_id').notNull(), productId: pgInt('product_id').notNull(), quantity: pgInt('quantity').notNull(), unitPrice: doublePrecision('unit_price').notNull() });
  const products = pgTable('products', { id: serial('id').primaryKey(), name: pgText('name').notNull(), price: doublePrecision('price').notNull(), supplier: pgText('supplier').notNull() });
  const bulk = pgTable('bulk', { id: serial('id').primaryKey(), name: pgText('name').notNull(), city: pgText('city').notNull(), country: pgText('country').notNull() });
  return { customers, orders, details, products, bulk };
}

export async function setup(backend: BackendName, data: Dataset): Promise<Scenarios> {
  // The two schemas have the same shape; the queries below are written once against either.
  const t = (backend === 'pglite' ? pgSchema() : sqliteSchema()) as ReturnType<typeof pgSchema>;
  const { customers, orders, details, products, bulk } = t;
  const schema = {
    ...t,
    customersRelations: relations(customers, ({ many }) => ({ orders: many(orders) })),
    ordersRelations: relations(orders, ({ one, many }) => ({ customer: one(customers, { fields: [orders.customerId], references: [customers.id] }), details: many(details) })),
    detailsRelations: relations(details, ({ one }) => ({ order: one(orders, { fields: [details.orderId], references: [orders.id] }) })),
  };
  const db = (backend === 'pglite' ? pglite({ client: await openPglite(data), schema }) : betterSqlite({ client: openSqlite(data), schema })) as unknown as ReturnType<typeof pglite<typeof schema>>;
  const prepared = db.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare('customer_by_id');
  return {
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
    selectByIdPrepared: async (id) => (await prepared.execute({ id }))[0],
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
}
