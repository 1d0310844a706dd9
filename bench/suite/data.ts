import Database from 'better-sqlite3';
import { drizzle } from 'sluice/better-sqlite3';
import { seed } from 'sluice/seed';
import { integer, real, sqliteTable, text, type AnySQLiteColumn } from 'sluice/sqlite-core';

/** A seeded, Northwind-like dataset: the same rows for every comparator and backend. */
export interface Dataset {
  customers: { id: number; name: string; city: string; country: string }[];
  employees: { id: number; name: string; reportsTo: number | null }[];
  products: { id: number; name: string; price: number; supplier: string }[];
  orders: { id: number; customerId: number; employeeId: number; orderedAt: number }[];
  details: { id: number; orderId: number; productId: number; quantity: number; unitPrice: number }[];
}

/** The dataset's tables as sluice declares them for `seed()`, with the foreign keys it draws from. */
function stagingSchema() {
  const customers = sqliteTable('customers', { id: integer('id').primaryKey(), name: text('name').notNull(), city: text('city').notNull(), country: text('country').notNull() });
  const employees = sqliteTable('employees', { id: integer('id').primaryKey(), name: text('name').notNull(), reportsTo: integer('reports_to').references((): AnySQLiteColumn => employees.id) });
  const products = sqliteTable('products', { id: integer('id').primaryKey(), name: text('name').notNull(), price: real('price').notNull(), supplier: text('supplier').notNull() });
  const orders = sqliteTable('orders', {
    id: integer('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    orderedAt: integer('ordered_at').notNull(),
  });
  const details = sqliteTable('order_details', {
    id: integer('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    unitPrice: real('unit_price').notNull(),
  });
  return { customers, employees, products, orders, details };
}

/**
 * Generates the dataset with `seed()` (sluice/seed) into an in-memory SQLite database and reads it
 * back, so every comparator and backend loads the same rows (the seed is fixed).
 */
export async function generate(size: 'small' | 'large'): Promise<Dataset> {
  const f = size === 'small' ? 1 : 10;
  const staging = new Database(':memory:');
  try {
    for (const ddl of SQLITE_DDL.filter((d) => !d.includes('bulk'))) staging.exec(ddl);
    const schema = stagingSchema();
    await seed(drizzle({ client: staging }), schema, { seed: 42 }).refine((g) => ({
      customers: { count: 200 * f, columns: { country: g.valuesFromArray({ values: ['Germany', 'France', 'Brazil', 'Japan', 'Canada', 'Kenya', 'Peru', 'Spain'] }) } },
      // Explicit keys, so each employee can report to an earlier one (a self reference to keys the database assigns would stay null).
      employees: { count: 20, columns: { id: g.intPrimaryKey() } },
      products: { count: 100, columns: { price: g.number({ minValue: 0, maxValue: 100, precision: 100 }), supplier: g.companyName() } },
      orders: { count: 2000 * f, columns: { orderedAt: g.int({ minValue: 1_700_000_000, maxValue: 1_700_000_000 + 2000 * f * 3600 }) } },
      details: { count: 8000 * f, columns: { quantity: g.int({ minValue: 1, maxValue: 20 }), unitPrice: g.number({ minValue: 0, maxValue: 100, precision: 100 }) } },
    }));
    const all = <T>(sql: string) => staging.prepare(sql).all() as T[];
    return {
      customers: all('select id, name, city, country from customers order by id'),
      employees: all('select id, name, reports_to as reportsTo from employees order by id'),
      products: all('select id, name, price, supplier from products order by id'),
      orders: all('select id, customer_id as customerId, employee_id as employeeId, ordered_at as orderedAt from orders order by id'),
      details: all('select id, order_id as orderId, product_id as productId, quantity, unit_price as unitPrice from order_details order by id'),
    };
  } finally {
    staging.close();
  }
}

export const SQLITE_DDL = [
  'create table customers (id integer primary key, name text not null, city text not null, country text not null)',
  'create table employees (id integer primary key, name text not null, reports_to integer references employees(id))',
  'create table products (id integer primary key, name text not null, price real not null, supplier text not null)',
  'create table orders (id integer primary key, customer_id integer not null, employee_id integer not null, ordered_at integer not null)',
  'create table order_details (id integer primary key, order_id integer not null, product_id integer not null, quantity integer not null, unit_price real not null)',
  'create index orders_customer on orders (customer_id)',
  'create index details_order on order_details (order_id)',
  'create table bulk (id integer primary key, name text not null, city text not null, country text not null)',
];

export const PG_DDL = [
  'create table customers (id serial primary key, name text not null, city text not null, country text not null)',
  'create table employees (id serial primary key, name text not null, reports_to integer references employees(id))',
  'create table products (id serial primary key, name text not null, price double precision not null, supplier text not null)',
  'create table orders (id serial primary key, customer_id integer not null, employee_id integer not null, ordered_at integer not null)',
  'create table order_details (id serial primary key, order_id integer not null, product_id integer not null, quantity integer not null, unit_price double precision not null)',
  'create index orders_customer on orders (customer_id)',
  'create index details_order on order_details (order_id)',
  'create table bulk (id serial primary key, name text not null, city text not null, country text not null)',
];

/** The same tables on MySQL/MariaDB (InnoDB): `int auto_increment` keys, `varchar(255)` text, `double` reals. */
export const MYSQL_DDL = [
  'create table customers (id int auto_increment primary key, name varchar(255) not null, city varchar(255) not null, country varchar(255) not null)',
  'create table employees (id int auto_increment primary key, name varchar(255) not null, reports_to int, foreign key (reports_to) references employees(id))',
  'create table products (id int auto_increment primary key, name varchar(255) not null, price double not null, supplier varchar(255) not null)',
  'create table orders (id int auto_increment primary key, customer_id int not null, employee_id int not null, ordered_at int not null)',
  'create table order_details (id int auto_increment primary key, order_id int not null, product_id int not null, quantity int not null, unit_price double not null)',
  'create index orders_customer on orders (customer_id)',
  'create index details_order on order_details (order_id)',
  'create table bulk (id int auto_increment primary key, name varchar(255) not null, city varchar(255) not null, country varchar(255) not null)',
];
