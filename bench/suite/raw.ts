/** The raw drivers with hand-written SQL and prepared statements: the baseline. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { openMariadb, openPglite, openPostgres, openSqlite, type BackendName } from './backends.js';
import type { Dataset } from './data.js';
import { NotApplicable, type Scenarios } from './scenarios.js';

const CUSTOMER = 'id, name, city, country';
const JOIN_AGG = `select c.country, count(o.id) as orders, sum(d.quantity) as quantity from customers c join orders o on o.customer_id = c.id
  join order_details d on d.order_id = o.id group by c.country order by c.country`;

type Row = Record<string, unknown>;
const nest = (customers: Row[], orders: Row[], details: Row[]) => {
  const byOrder = new Map<number, Row[]>();
  for (const d of details) (byOrder.get(d.orderId as number) ?? byOrder.set(d.orderId as number, []).get(d.orderId as number)!).push(d);
  const byCustomer = new Map<number, Row[]>();
  for (const o of orders) (byCustomer.get(o.customerId as number) ?? byCustomer.set(o.customerId as number, []).get(o.customerId as number)!).push({ ...o, details: byOrder.get(o.id as number) ?? [] });
  return customers.map((c) => ({ ...c, orders: byCustomer.get(c.id as number) ?? [] }));
};
const ORDER_COLS = 'id, customer_id as "customerId", employee_id as "employeeId", ordered_at as "orderedAt"';
const DETAIL_COLS = 'id, order_id as "orderId", product_id as "productId", quantity, unit_price as "unitPrice"';
const MYSQL_ORDER_COLS = 'id, customer_id as `customerId`, employee_id as `employeeId`, ordered_at as `orderedAt`';
const MYSQL_DETAIL_COLS = 'id, order_id as `orderId`, product_id as `productId`, quantity, unit_price as `unitPrice`';

export async function setup(backend: BackendName, data: Dataset): Promise<Scenarios> {
  const unsupported = () => {
    throw new NotApplicable('build-only scenarios do not apply to the raw driver');
  };
  const asyncOnly = () => {
    throw new NotApplicable('synchronous reads are better-sqlite3 only');
  };
  if (backend === 'better-sqlite3') {
    const db = openSqlite(data);
    const byId = db.prepare(`select ${CUSTOMER} from customers where id = ?`);
    const page = db.prepare(`select ${CUSTOMER} from customers order by id limit 50 offset ?`);
    const agg = db.prepare(JOIN_AGG);
    const ins = db.prepare(`insert into customers (name, city, country) values (?, 'Bench', 'Nowhere') returning ${CUSTOMER}`);
    const upd = db.prepare('update customers set city = ? where id = ?');
    const txIns = db.prepare(`insert into customers (name, city, country) values (?, 'Tx', 'Nowhere') returning id`);
    const txUpd = db.prepare(`update customers set city = 'Tx2' where id = ?`);
    const txDel = db.prepare('delete from customers where id = ?');
    const tx = db.transaction((name: string) => {
      const { id } = txIns.get(name) as { id: number };
      txUpd.run(id);
      txDel.run(id);
    });
    const relC = db.prepare(`select ${CUSTOMER} from customers order by id limit 10`);
    return {
      buildSelectById: unsupported,
      buildJoin: unsupported,
      buildInsert: unsupported,
      selectById: (id) => byId.get(id),
      selectByIdSync: (id) => byId.get(id),
      selectByIdPrepared: (id) => byId.get(id),
      page: (offset) => page.all(offset),
      joinAggregate: () => agg.all(),
      insertReturning: (name) => ins.get(name),
      bulkInsert: (rows) => {
        // One multi-row statement per chunk under SQLite's parameter limit, in one transaction.
        db.transaction(() => {
          for (let i = 0; i < rows.length; i += 8000) {
            const chunk = rows.slice(i, i + 8000);
            db.prepare(`insert into bulk (name, city, country) values ${chunk.map(() => '(?, ?, ?)').join(', ')}`).run(...chunk.flatMap((r) => [r.name, r.city, r.country]));
          }
        })();
      },
      updateById: (id, city) => upd.run(city, id),
      transaction: (name) => tx(name),
      relational: () => {
        const cs = relC.all() as Row[];
        const ids = cs.map((c) => c.id);
        const os = db.prepare(`select ${ORDER_COLS} from orders where customer_id in (${ids.map(() => '?').join(',')}) order by id`).all(...ids) as Row[];
        const oids = os.map((o) => o.id);
        const ds = oids.length ? (db.prepare(`select ${DETAIL_COLS} from order_details where order_id in (${oids.map(() => '?').join(',')}) order by id`).all(...oids) as Row[]) : [];
        return nest(cs, os, ds);
      },
    };
  }
  if (backend === 'postgres') {
    // node-postgres's pool: `pool.query(text, values)` per call, a named statement when prepared,
    // and a checked-out client for the transaction, as its docs show.
    const pool = await openPostgres(data);
    return {
      buildSelectById: unsupported,
      buildJoin: unsupported,
      buildInsert: unsupported,
      selectByIdSync: asyncOnly,
      selectById: async (id) => (await pool.query(`select ${CUSTOMER} from customers where id = $1`, [id])).rows[0],
      selectByIdPrepared: async (id) => (await pool.query({ name: 'customer_by_id', text: `select ${CUSTOMER} from customers where id = $1`, values: [id] })).rows[0],
      page: async (offset) => (await pool.query(`select ${CUSTOMER} from customers order by id limit 50 offset $1`, [offset])).rows,
      // count() and sum() are bigints, which node-postgres returns as strings.
      joinAggregate: async () => (await pool.query(JOIN_AGG)).rows,
      insertReturning: async (name) => (await pool.query(`insert into customers (name, city, country) values ($1, 'Bench', 'Nowhere') returning ${CUSTOMER}`, [name])).rows[0],
      bulkInsert: async (rows) => {
        // One statement: 30,000 parameters, under PostgreSQL's 65,535.
        await pool.query(
          `insert into bulk (name, city, country) values ${rows.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`).join(', ')}`,
          rows.flatMap((r) => [r.name, r.city, r.country]),
        );
      },
      updateById: (id, city) => pool.query('update customers set city = $1 where id = $2', [city, id]),
      transaction: async (name) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const { id } = (await client.query<{ id: number }>(`insert into customers (name, city, country) values ($1, 'Tx', 'Nowhere') returning id`, [name])).rows[0]!;
          await client.query(`update customers set city = 'Tx2' where id = $1`, [id]);
          await client.query('delete from customers where id = $1', [id]);
          await client.query('commit');
        } catch (e) {
          await client.query('rollback');
          throw e;
        } finally {
          client.release();
        }
      },
      relational: async () => {
        const cs = (await pool.query<Row>(`select ${CUSTOMER} from customers order by id limit 10`)).rows;
        const os = (await pool.query<Row>(`select ${ORDER_COLS} from orders where customer_id = any($1) order by id`, [cs.map((c) => c.id)])).rows;
        const ds = (await pool.query<Row>(`select ${DETAIL_COLS} from order_details where order_id = any($1) order by id`, [os.map((o) => o.id)])).rows;
        return nest(cs, os, ds);
      },
    };
  }
  if (backend === 'mariadb') {
    // mysql2/promise's pool: `pool.query()` (values escaped into the text) per call, `pool.execute()`
    // (a server-side prepared statement, cached per connection) when prepared.
    const pool = await openMariadb(data);
    const rowsOf = async (sql: string, values: unknown[] = []) => (await pool.query<RowDataPacket[]>(sql, values))[0] as Row[];
    return {
      buildSelectById: unsupported,
      buildJoin: unsupported,
      buildInsert: unsupported,
      selectByIdSync: asyncOnly,
      selectById: async (id) => (await rowsOf(`select ${CUSTOMER} from customers where id = ?`, [id]))[0],
      selectByIdPrepared: async (id) => ((await pool.execute<RowDataPacket[]>(`select ${CUSTOMER} from customers where id = ?`, [id]))[0] as Row[])[0],
      page: (offset) => rowsOf(`select ${CUSTOMER} from customers order by id limit 50 offset ?`, [offset]),
      // sum() of an int is a DECIMAL, which mysql2 returns as a string.
      joinAggregate: () => rowsOf(JOIN_AGG),
      // No `returning` on MySQL/MariaDB: insert, then select the row by the insert id.
      insertReturning: async (name) => {
        const [res] = await pool.query<ResultSetHeader>(`insert into customers (name, city, country) values (?, 'Bench', 'Nowhere')`, [name]);
        return (await rowsOf(`select ${CUSTOMER} from customers where id = ?`, [res.insertId]))[0];
      },
      // One statement: mysql2 expands `values ?` from an array of rows.
      bulkInsert: (rows) => pool.query('insert into bulk (name, city, country) values ?', [rows.map((r) => [r.name, r.city, r.country])]),
      updateById: (id, city) => pool.query('update customers set city = ? where id = ?', [city, id]),
      transaction: async (name) => {
        const conn = await pool.getConnection();
        try {
          await conn.beginTransaction();
          const [res] = await conn.query<ResultSetHeader>(`insert into customers (name, city, country) values (?, 'Tx', 'Nowhere')`, [name]);
          await conn.query(`update customers set city = 'Tx2' where id = ?`, [res.insertId]);
          await conn.query('delete from customers where id = ?', [res.insertId]);
          await conn.commit();
        } catch (e) {
          await conn.rollback();
          throw e;
        } finally {
          conn.release();
        }
      },
      relational: async () => {
        // mysql2 expands `in (?)` from an array.
        const cs = await rowsOf(`select ${CUSTOMER} from customers order by id limit 10`);
        const os = await rowsOf(`select ${MYSQL_ORDER_COLS} from orders where customer_id in (?) order by id`, [cs.map((c) => c.id)]);
        const ds = os.length ? await rowsOf(`select ${MYSQL_DETAIL_COLS} from order_details where order_id in (?) order by id`, [os.map((o) => o.id)]) : [];
        return nest(cs, os, ds);
      },
    };
  }
  const db = await openPglite(data);
  return {
    buildSelectById: unsupported,
    buildJoin: unsupported,
    buildInsert: unsupported,
    selectByIdSync: asyncOnly,
    selectById: async (id) => (await db.query(`select ${CUSTOMER} from customers where id = $1`, [id])).rows[0],
    selectByIdPrepared: async (id) => (await db.query(`select ${CUSTOMER} from customers where id = $1`, [id])).rows[0],
    page: async (offset) => (await db.query(`select ${CUSTOMER} from customers order by id limit 50 offset $1`, [offset])).rows,
    joinAggregate: async () => (await db.query(JOIN_AGG.replace('count(o.id)', 'count(o.id)::int'))).rows,
    insertReturning: async (name) => (await db.query(`insert into customers (name, city, country) values ($1, 'Bench', 'Nowhere') returning ${CUSTOMER}`, [name])).rows[0],
    bulkInsert: async (rows) => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 10000) {
          const chunk = rows.slice(i, i + 10000);
          await tx.query(
            `insert into bulk (name, city, country) values ${chunk.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`).join(', ')}`,
            chunk.flatMap((r) => [r.name, r.city, r.country]),
          );
        }
      });
    },
    updateById: (id, city) => db.query('update customers set city = $1 where id = $2', [city, id]),
    transaction: (name) =>
      db.transaction(async (tx) => {
        const { id } = (await tx.query<{ id: number }>(`insert into customers (name, city, country) values ($1, 'Tx', 'Nowhere') returning id`, [name])).rows[0]!;
        await tx.query(`update customers set city = 'Tx2' where id = $1`, [id]);
        await tx.query('delete from customers where id = $1', [id]);
      }),
    relational: async () => {
      const cs = (await db.query<Row>(`select ${CUSTOMER} from customers order by id limit 10`)).rows;
      const os = (await db.query<Row>(`select ${ORDER_COLS} from orders where customer_id = any($1) order by id`, [cs.map((c) => c.id)])).rows;
      const ds = (await db.query<Row>(`select ${DETAIL_COLS} from order_details where order_id = any($1) order by id`, [os.map((o) => o.id)])).rows;
      return nest(cs, os, ds);
    },
  };
}
