/** The raw clients each child process opens, loaded with the same dataset. */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { PG_DDL, SQLITE_DDL, type Dataset } from './data.js';

export type BackendName = 'better-sqlite3' | 'pglite';
export const BACKENDS: BackendName[] = ['better-sqlite3', 'pglite'];

export function openSqlite(data: Dataset): Database.Database {
  const db = new Database(':memory:');
  for (const ddl of SQLITE_DDL) db.exec(ddl);
  const load = db.transaction(() => {
    const c = db.prepare('insert into customers values (?, ?, ?, ?)');
    for (const r of data.customers) c.run(r.id, r.name, r.city, r.country);
    const e = db.prepare('insert into employees values (?, ?, ?)');
    for (const r of data.employees) e.run(r.id, r.name, r.reportsTo);
    const p = db.prepare('insert into products values (?, ?, ?, ?)');
    for (const r of data.products) p.run(r.id, r.name, r.price, r.supplier);
    const o = db.prepare('insert into orders values (?, ?, ?, ?)');
    for (const r of data.orders) o.run(r.id, r.customerId, r.employeeId, r.orderedAt);
    const d = db.prepare('insert into order_details values (?, ?, ?, ?, ?)');
    for (const r of data.details) d.run(r.id, r.orderId, r.productId, r.quantity, r.unitPrice);
  });
  load();
  return db;
}

export async function openPglite(data: Dataset): Promise<PGlite> {
  const db = new PGlite();
  for (const ddl of PG_DDL) await db.exec(ddl);
  const copy = async (table: string, rows: Record<string, unknown>[], cols: string[]) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = chunk.map((r) => `(${cols.map((c) => (params.push(r[c]), `$${params.length}`)).join(', ')})`);
      await db.query(`insert into ${table} values ${values.join(', ')}`, params);
    }
  };
  await copy('customers', data.customers, ['id', 'name', 'city', 'country']);
  await copy('employees', data.employees, ['id', 'name', 'reportsTo']);
  await copy('products', data.products, ['id', 'name', 'price', 'supplier']);
  await copy('orders', data.orders, ['id', 'customerId', 'employeeId', 'orderedAt']);
  await copy('order_details', data.details, ['id', 'orderId', 'productId', 'quantity', 'unitPrice']);
  for (const t of ['customers', 'employees', 'products', 'orders', 'order_details', 'bulk']) await db.exec(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  return db;
}
