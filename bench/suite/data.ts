/** A seeded, Northwind-like dataset: the same rows for every comparator and backend. */
export interface Dataset {
  customers: { id: number; name: string; city: string; country: string }[];
  employees: { id: number; name: string; reportsTo: number | null }[];
  products: { id: number; name: string; price: number; supplier: string }[];
  orders: { id: number; customerId: number; employeeId: number; orderedAt: number }[];
  details: { id: number; orderId: number; productId: number; quantity: number; unitPrice: number }[];
}

/** mulberry32: a small deterministic PRNG, so every run generates identical data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(size: 'small' | 'large'): Dataset {
  const f = size === 'small' ? 1 : 10;
  const rnd = prng(42);
  const pick = (n: number) => 1 + Math.floor(rnd() * n);
  const countries = ['Germany', 'France', 'Brazil', 'Japan', 'Canada', 'Kenya', 'Peru', 'Spain'];
  const customers = Array.from({ length: 200 * f }, (_, i) => ({ id: i + 1, name: `Customer ${i + 1}`, city: `City ${pick(50)}`, country: countries[pick(countries.length) - 1]! }));
  const employees = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `Employee ${i + 1}`, reportsTo: i < 2 ? null : pick(2) }));
  const products = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `Product ${i + 1}`, price: Math.round(rnd() * 10000) / 100, supplier: `Supplier ${pick(20)}` }));
  const orders = Array.from({ length: 2000 * f }, (_, i) => ({ id: i + 1, customerId: pick(customers.length), employeeId: pick(employees.length), orderedAt: 1_700_000_000 + i * 3600 }));
  const details = Array.from({ length: 8000 * f }, (_, i) => ({ id: i + 1, orderId: pick(orders.length), productId: pick(products.length), quantity: pick(20), unitPrice: Math.round(rnd() * 10000) / 100 }));
  return { customers, employees, products, orders, details };
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
