/**
 * A MySQL schema using every feature the serializer supports on MySQL, for the introspection
 * round trip: every column type with parameters, literal and sql defaults, auto_increment and
 * serial, on update, generated columns, composite keys, foreign keys with actions, uniques,
 * checks, indexes (expression, unique, method, order) and views with options.
 */
import { eq, sql } from 'sluice';
import {
  bigint,
  binary,
  blob,
  boolean,
  char,
  check,
  date,
  datetime,
  decimal,
  double,
  float,
  foreignKey,
  index,
  int,
  json,
  longblob,
  longtext,
  mediumblob,
  mediumint,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  mysqlView,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  time,
  timestamp,
  tinyblob,
  tinyint,
  tinytext,
  unique,
  varbinary,
  varchar,
  year,
  type AnyMySqlColumn,
} from 'sluice/mysql-core';

export const users = mysqlTable(
  'users',
  {
    id: serial().primaryKey(),
    email: varchar({ length: 255 }).notNull().unique(),
    role: mysqlEnum(['Guest', 'admin', "it's"]).default('Guest').notNull(),
    bio: text().default("it's \\ me"),
    prefs: json().default({ theme: 'dark' }),
    active: boolean().default(true),
    balance: decimal({ precision: 10, scale: 2 }).default('0.00'),
    visits: int({ unsigned: true }).default(0),
    big: bigint({ mode: 'bigint' }).default(9007199254740993n),
    bornOn: date().default(new Date('2000-01-02T00:00:00Z')),
    createdAt: timestamp({ fsp: 3 }).defaultNow().onUpdateNow(),
    touchedAt: timestamp().defaultNow().onUpdateNow(),
    plainAt: datetime().default(new Date('2024-01-02T03:04:05.678Z')),
    preciseAt: datetime({ fsp: 3 }).default(new Date('2024-01-02T03:04:05.678Z')),
    sqlDefault: int().default(sql`(1 + 2)`),
    counter: int().default(7).unique('users_counter_uq'),
    fullName: varchar({ length: 300 }).generatedAlwaysAs(sql`concat(${sql.identifier('email')}, '!')`, { mode: 'virtual' }),
    emailLen: int().generatedAlwaysAs(sql`char_length(${sql.identifier('email')})`, { mode: 'stored' }),
    managerId: bigint({ mode: 'number', unsigned: true }).references((): AnyMySqlColumn => users.id, { onDelete: 'cascade', onUpdate: 'set null' }),
  },
  (t) => [index('users_email_idx').on(t.email).using('btree'), index('users_visits_born').on(t.visits, t.bornOn), check('visits_small', sql`${t.visits} < ${1000000}`)],
);

export const types = mysqlTable('all_types', {
  id: int().primaryKey().autoincrement(),
  ti: tinyint(),
  tiu: tinyint({ unsigned: true }),
  si: smallint().notNull().default(-3),
  mi: mediumint({ unsigned: true }),
  bi: bigint({ mode: 'number' }),
  fl: float().default(1.5),
  db: double({ precision: 8, scale: 3 }),
  rl: real(),
  dc: decimal({ precision: 6 }),
  dn: decimal({ precision: 8, scale: 2, mode: 'number' }).default(1.5),
  ch: char({ length: 3 }).default('abc'),
  vc: varchar({ length: 20 }).default(''),
  tt: tinytext(),
  mt: mediumtext(),
  lt: longtext(),
  bn: binary({ length: 4 }),
  vb: varbinary({ length: 8 }),
  bl: blob(),
  tb: tinyblob(),
  mb: mediumblob(),
  lb: longblob(),
  tm: time({ fsp: 2 }),
  yr: year().default(2024),
  dt: datetime({ mode: 'string' }),
  ts: timestamp({ fsp: 6 }),
  dd: date().defaultNow(),
  js: json(),
  flag: boolean().notNull().default(false),
});

export const groups = mysqlTable('groups', { id: int().autoincrement().notNull(), name: varchar({ length: 40 }).notNull() }, (t) => [primaryKey({ columns: [t.id] })]);

export const memberships = mysqlTable('memberships', { userId: bigint({ mode: 'number', unsigned: true }).notNull(), groupId: int().notNull(), note: varchar({ length: 20 }), rank: smallint() }, (t) => [
  primaryKey({ columns: [t.userId, t.groupId] }),
  foreignKey({ name: 'memberships_user_fk', columns: [t.userId], foreignColumns: [users.id] })
    .onDelete('restrict')
    .onUpdate('cascade'),
  foreignKey({ name: 'memberships_group_fk', columns: [t.groupId], foreignColumns: [groups.id] })
    .onDelete('cascade')
    .onUpdate('no action'),
  unique().on(t.note, t.groupId),
  index('memberships_rank').on(t.rank),
  check('rank_range', sql`${t.rank} between 0 and 10 or ${t.note} = 'x'`),
]);

export const activeUsers = mysqlView('active_users')
  .algorithm('merge')
  .sqlSecurity('invoker')
  .withCheckOption()
  .as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true)));

export const plainView = mysqlView('plain_view').as((qb) => qb.select({ id: groups.id }).from(groups));

export const richSchema = [users, types, groups, memberships, activeUsers, plainView];
