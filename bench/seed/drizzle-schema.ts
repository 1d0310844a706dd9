/**
 * The same 10 tables as bench/seed/schema.ts, built from the same spec with drizzle-orm's own
 * table functions, for drizzle-seed: the peer `npm run bench:seed` times next to sluice's `seed()`.
 * Column names, types, `notNull`, `unique` and references match the sluice tables (and so the DDL).
 */
import { type AnyMySqlColumn, decimal as myDecimal, int as myInt, mysqlEnum, mysqlTable, text as myText, timestamp as myTimestamp, varchar as myVarchar } from 'drizzle-orm/mysql-core';
import { type AnyPgColumn, integer, numeric, pgEnum, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { type AnySQLiteColumn, integer as sqInteger, real as sqReal, sqliteTable, text as sqText } from 'drizzle-orm/sqlite-core';
import { type Dialect, type Kind, SPEC, STATUSES, snake } from './schema.js';

const orderStatus = pgEnum('order_status', STATUSES);

/** The drizzle-orm tables of one dialect, keyed as in the spec (with the enum for PostgreSQL). */
export function drizzleTablesFor(dialect: Dialect): Record<string, unknown> {
  const tables: Record<string, Record<string, unknown>> = {};
  for (const spec of SPEC) {
    const cols: Record<string, unknown> = {};
    cols.id = dialect === 'pg' ? serial().primaryKey() : dialect === 'mysql' ? myInt().primaryKey().autoincrement() : sqInteger().primaryKey();
    for (const [key, kind] of Object.entries(spec.columns)) cols[key] = column(dialect, snake(key), kind, tables);
    // The three table functions' overloads make their union uncallable; one signature serves all.
    const table = (dialect === 'pg' ? pgTable : dialect === 'mysql' ? mysqlTable : sqliteTable) as unknown as (name: string, columns: never) => never;
    tables[spec.key] = table(spec.name, cols as never);
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
