/**
 * The select-parity suite's tables in each dialect (cities, the people living in them, their
 * pets, and a view of the people of city 1), with the DDL that creates them and the SQL that
 * resets them to the same rows everywhere.
 */
import { eq } from 'sluice';
import { integer, pgTable, pgView, serial, text } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTable, sqliteView, text as sqliteText } from 'sluice/sqlite-core';
import { int, mysqlTable, mysqlView, varchar } from 'sluice/mysql-core';
import type { DialectName } from './behaviour.js';

function pgTables() {
  const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const people = pgTable('people', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id') });
  const pets = pgTable('pets', { id: serial('id').primaryKey(), name: text('name').notNull(), ownerId: integer('owner_id') });
  const lyonnais = pgView('lyonnais').as((qb) => qb.select().from(people).where(eq(people.cityId, 1)));
  return { cities, people, pets, lyonnais };
}
export type SelectTables = ReturnType<typeof pgTables>;

function sqliteTables() {
  const cities = sqliteTable('cities', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
  const people = sqliteTable('people', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull(), cityId: sqliteInteger('city_id') });
  const pets = sqliteTable('pets', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull(), ownerId: sqliteInteger('owner_id') });
  const lyonnais = sqliteView('lyonnais').as((qb) => qb.select().from(people).where(eq(people.cityId, 1)));
  return { cities, people, pets, lyonnais };
}

function mysqlTables() {
  const cities = mysqlTable('cities', { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull() });
  const people = mysqlTable('people', { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull(), cityId: int('city_id') });
  const pets = mysqlTable('pets', { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull(), ownerId: int('owner_id') });
  const lyonnais = mysqlView('lyonnais').as((qb) => qb.select().from(people).where(eq(people.cityId, 1)));
  return { cities, people, pets, lyonnais };
}

const DDL = (text: string) => `
create table cities (id integer primary key, name ${text} not null);
create table people (id integer primary key, name ${text} not null, city_id integer);
create table pets (id integer primary key, name ${text} not null, owner_id integer);
create view lyonnais as select * from people where city_id = 1;`;

const ROWS = `
insert into cities (id, name) values (1, 'Lyon'), (2, 'Oslo'), (3, 'Quito');
insert into people (id, name, city_id) values (1, 'Ada', 1), (2, 'Bo', 2), (3, 'Cid', 3), (4, 'Dot', 3), (5, 'Eli', 2), (6, 'Fay', 1), (7, 'Gus', 2), (8, 'Hal', 1), (9, 'Ivy', null);
insert into pets (id, name, owner_id) values (1, 'Rex', 1), (2, 'Tom', 3);`;

export interface SelectSchema {
  tables: SelectTables;
  ddl: string;
  reset: string;
}

export function selectSchema(dialect: DialectName): SelectSchema {
  if (dialect === 'pg') return { tables: pgTables(), ddl: DDL('text'), reset: `truncate cities, people, pets;${ROWS}` };
  if (dialect === 'sqlite') return { tables: sqliteTables() as unknown as SelectTables, ddl: DDL('text'), reset: `delete from cities; delete from people; delete from pets;${ROWS}` };
  return { tables: mysqlTables() as unknown as SelectTables, ddl: DDL('varchar(64)'), reset: `truncate cities; truncate people; truncate pets;${ROWS}` };
}
