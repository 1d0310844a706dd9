/**
 * The schema `npm run bench:seed` fills: a shop of 10 tables with foreign keys (a self reference
 * among them), written once as a spec and turned into each dialect's sluice tables and DDL.
 */
import { type AnyMySqlColumn, decimal as myDecimal, int as myInt, mysqlEnum, mysqlTable, text as myText, timestamp as myTimestamp, varchar as myVarchar } from 'sluice/mysql-core';
import { type AnyPgColumn, integer, numeric, pgEnum, pgTable, serial, text, timestamp, varchar } from 'sluice/pg-core';
import { type AnySQLiteColumn, integer as sqInteger, real as sqReal, sqliteTable, text as sqText } from 'sluice/sqlite-core';

export type Dialect = 'pg' | 'sqlite' | 'mysql';

export type Kind = { t: 'text' } | { t: 'varchar'; n: number; unique?: boolean } | { t: 'int' } | { t: 'money' } | { t: 'time' } | { t: 'status' } | { t: 'ref'; to: string; nullable?: boolean };
type Spec = { key: string; name: string; rows: number; columns: Record<string, Kind> };

export const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'returned'] as const;
const orderStatus = pgEnum('order_status', STATUSES);

/** The tables, parents first, and the rows each gets: 100,000 in all. */
export const SPEC: Spec[] = [
  { key: 'countries', name: 'countries', rows: 50, columns: { name: { t: 'varchar', n: 80, unique: true } } },
  { key: 'cities', name: 'cities', rows: 500, columns: { name: { t: 'varchar', n: 80 }, countryId: { t: 'ref', to: 'countries' } } },
  { key: 'customers', name: 'customers', rows: 10_000, columns: { name: { t: 'text' }, email: { t: 'varchar', n: 120, unique: true }, phone: { t: 'varchar', n: 30 }, cityId: { t: 'ref', to: 'cities' }, createdAt: { t: 'time' } } },
  { key: 'suppliers', name: 'suppliers', rows: 200, columns: { companyName: { t: 'varchar', n: 120 }, cityId: { t: 'ref', to: 'cities' } } },
  { key: 'categories', name: 'categories', rows: 50, columns: { title: { t: 'varchar', n: 80 }, description: { t: 'text' } } },
  { key: 'products', name: 'products', rows: 2_000, columns: { name: { t: 'varchar', n: 120 }, price: { t: 'money' }, stock: { t: 'int' }, supplierId: { t: 'ref', to: 'suppliers' }, categoryId: { t: 'ref', to: 'categories' } } },
  {
    key: 'employees',
    name: 'employees',
    rows: 300,
    columns: { firstName: { t: 'varchar', n: 60 }, lastName: { t: 'varchar', n: 60 }, jobTitle: { t: 'varchar', n: 80 }, managerId: { t: 'ref', to: 'employees', nullable: true }, cityId: { t: 'ref', to: 'cities' } },
  },
  { key: 'orders', name: 'orders', rows: 25_000, columns: { customerId: { t: 'ref', to: 'customers' }, employeeId: { t: 'ref', to: 'employees' }, status: { t: 'status' }, orderedAt: { t: 'time' } } },
  { key: 'orderItems', name: 'order_items', rows: 55_000, columns: { orderId: { t: 'ref', to: 'orders' }, productId: { t: 'ref', to: 'products' }, quantity: { t: 'int' }, unitPrice: { t: 'money' } } },
  { key: 'reviews', name: 'reviews', rows: 6_900, columns: { productId: { t: 'ref', to: 'products' }, customerId: { t: 'ref', to: 'customers' }, rating: { t: 'int' }, body: { t: 'text' } } },
];

/** A spec key as its column name: `countryId` -> `country_id`. */
export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The sluice tables of one dialect, keyed as in the spec. */
export function tablesFor(dialect: Dialect): Record<string, unknown> {
  const tables: Record<string, Record<string, unknown>> = {};
  for (const spec of SPEC) {
    const cols: Record<string, unknown> = {};
    const id = () => (dialect === 'pg' ? serial().primaryKey() : dialect === 'mysql' ? myInt().primaryKey().autoincrement() : sqInteger().primaryKey());
    cols.id = id();
    for (const [key, kind] of Object.entries(spec.columns)) {
      const name = snake(key);
      cols[key] = column(dialect, name, kind, tables);
    }
    tables[spec.key] = (dialect === 'pg' ? pgTable : dialect === 'mysql' ? mysqlTable : sqliteTable)(spec.name, cols as never) as never;
  }
  return dialect === 'pg' ? { orderStatus, ...tables } : tables;
}

function column(dialect: Dialect, name: string, kind: Kind, tables: Record<string, Record<string, unknown>>): unknown {
  const ref = kind.t === 'ref' ? () => tables[kind.to]!.id : undefined;
  if (dialect === 'pg') {
    switch (kind.t) {
      case 'text':
        return text(name).notNull();
      case 'varchar':
        return kind.unique ? varchar(name, { length: kind.n }).notNull().unique() : varchar(name, { length: kind.n }).notNull();
      case 'int':
        return integer(name).notNull();
      case 'money':
        return numeric(name, { precision: 10, scale: 2 }).notNull();
      case 'time':
        return timestamp(name).notNull();
      case 'status':
        return orderStatus(name).notNull();
      case 'ref':
        return kind.nullable
          ? integer(name).references(ref as () => AnyPgColumn)
          : integer(name)
              .notNull()
              .references(ref as () => AnyPgColumn);
    }
  }
  if (dialect === 'mysql') {
    switch (kind.t) {
      case 'text':
        return myText(name).notNull();
      case 'varchar':
        return kind.unique ? myVarchar(name, { length: kind.n }).notNull().unique() : myVarchar(name, { length: kind.n }).notNull();
      case 'int':
        return myInt(name).notNull();
      case 'money':
        return myDecimal(name, { precision: 10, scale: 2 }).notNull();
      case 'time':
        return myTimestamp(name).notNull();
      case 'status':
        return mysqlEnum(name, STATUSES).notNull();
      case 'ref':
        return kind.nullable
          ? myInt(name).references(ref as () => AnyMySqlColumn)
          : myInt(name)
              .notNull()
              .references(ref as () => AnyMySqlColumn);
    }
  }
  switch (kind.t) {
    case 'text':
      return sqText(name).notNull();
    case 'varchar':
      return kind.unique ? sqText(name, { length: kind.n }).notNull().unique() : sqText(name, { length: kind.n }).notNull();
    case 'int':
      return sqInteger(name).notNull();
    case 'money':
      return sqReal(name).notNull();
    case 'time':
      return sqInteger(name, { mode: 'timestamp' }).notNull();
    case 'status':
      return sqText(name, { enum: STATUSES }).notNull();
    case 'ref':
      return kind.nullable
        ? sqInteger(name).references(ref as () => AnySQLiteColumn)
        : sqInteger(name)
            .notNull()
            .references(ref as () => AnySQLiteColumn);
  }
}

/** The DDL of one dialect, statement by statement. */
export function ddlFor(dialect: Dialect): string[] {
  const out: string[] = dialect === 'pg' ? [`create type order_status as enum (${STATUSES.map((s) => `'${s}'`).join(', ')})`] : [];
  const q = (n: string) => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  for (const spec of SPEC) {
    const cols = [dialect === 'pg' ? 'id serial primary key' : dialect === 'mysql' ? 'id int auto_increment primary key' : 'id integer primary key'];
    const fks: string[] = [];
    for (const [key, kind] of Object.entries(spec.columns)) {
      const name = q(snake(key));
      const type = {
        text: 'text',
        varchar: dialect === 'sqlite' ? 'text' : `varchar(${kind.t === 'varchar' ? kind.n : 0})`,
        int: 'integer',
        money: dialect === 'sqlite' ? 'real' : 'numeric(10, 2)',
        time: dialect === 'sqlite' ? 'integer' : 'timestamp',
        status: dialect === 'pg' ? 'order_status' : dialect === 'mysql' ? `enum(${STATUSES.map((s) => `'${s}'`).join(', ')})` : 'text',
        ref: 'integer',
      }[kind.t];
      const nullable = kind.t === 'ref' && kind.nullable;
      cols.push(`${name} ${type}${nullable ? '' : ' not null'}${kind.t === 'varchar' && kind.unique ? ' unique' : ''}`);
      if (kind.t === 'ref') fks.push(`foreign key (${name}) references ${q(SPEC.find((s) => s.key === kind.to)!.name)}(id)`);
    }
    out.push(`create table ${q(spec.name)} (${[...cols, ...fks].join(', ')})`);
  }
  return out;
}
