/**
 * MySQL schema objects -> the kit's model (types in MySQL's COLUMN_TYPE form, literal defaults
 * with parentheses where MySQL needs them, auto_increment, on update), then the model's tables
 * created by hand on MariaDB (when SLUICE_MYSQL_URL is set) to check its types and defaults are
 * valid SQL.
 */
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'sluice';
import {
  bigint,
  boolean,
  check,
  date,
  datetime,
  decimal,
  foreignKey,
  index,
  int,
  json,
  mysqlEnum,
  mysqlSchema,
  mysqlTable,
  mysqlView,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
  type AnyMySqlColumn,
} from 'sluice/mysql-core';
import { mysqlSerialize } from '../../src/dialects/mysql/kit/serialize.js';
import type { ColumnModel, TableModel } from '../../src/kit/model.js';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { column as columnModel } from './support/model-builders.js';

const users = mysqlTable(
  'users',
  {
    id: serial().primaryKey(),
    emailAddress: varchar({ length: 255 }).notNull().unique(),
    role: mysqlEnum(['Guest', 'admin']).default('Guest'),
    bio: text().default("it's \\ me"),
    prefs: json().default({ theme: 'dark' }),
    active: boolean().default(true),
    balance: decimal({ precision: 10, scale: 2 }).default('0.00'),
    visits: int({ unsigned: true }).default(0),
    big: bigint({ mode: 'bigint' }).default(9007199254740993n),
    bornOn: date().default(new Date('2000-01-02T00:00:00Z')),
    createdAt: timestamp({ fsp: 3 }).defaultNow().onUpdateNow(),
    plainAt: datetime().default(new Date('2024-01-02T03:04:05.678Z')),
    preciseAt: datetime({ fsp: 3 }).default(new Date('2024-01-02T03:04:05.678Z')),
    counter: int().default(7).unique('users_counter_uq'),
    fullName: varchar({ length: 300 }).generatedAlwaysAs(sql`concat(${sql.identifier('email_address')}, '!')`, { mode: 'virtual' }),
    managerId: bigint({ mode: 'number', unsigned: true }).references((): AnyMySqlColumn => users.id, { onDelete: 'cascade' }),
    jsSide: text().$defaultFn(() => 'x'),
  },
  (t) => [index('users_email_idx').on(t.emailAddress).using('btree'), uniqueIndex('users_lower_email').on(sql`(lower(${t.emailAddress}))`), check('visits_small', sql`${t.visits} < ${1000000}`)],
);

const memberships = mysqlTable('memberships', { userId: bigint({ mode: 'number', unsigned: true }).notNull(), groupId: int().notNull(), note: varchar({ length: 20 }) }, (t) => [
  primaryKey({ columns: [t.userId, t.groupId] }),
  foreignKey({ name: 'memberships_user_fk', columns: [t.userId], foreignColumns: [users.id] }),
  unique().on(t.note, t.groupId),
]);

const audit = mysqlSchema('audit');
const events = audit.table('events', { id: int().primaryKey().autoincrement() });
const activeUsers = mysqlView('active_users')
  .algorithm('merge')
  .sqlSecurity('invoker')
  .withCheckOption()
  .as((qb) => qb.select({ id: users.id }).from(users).where(eq(users.active, true)));

const column = (t: TableModel, name: string): ColumnModel => t.columns.find((c) => c.name === name) ?? expect.fail(`no column ${name}`);
describe('mysqlSerialize', () => {
  const model = mysqlSerialize([users, memberships, audit, events, activeUsers], { casing: 'snake_case' });
  const u = model.tables[0]!;
  const m = model.tables[1]!;

  it('keeps MySQL objects without PostgreSQL parts', () => {
    expect(model.dialect).toBe('mysql');
    expect(model).toMatchObject({ schemas: [], enums: [], sequences: [], roles: [] });
    expect(model.tables.map((t) => [t.schema, t.name])).toEqual([
      [undefined, 'users'],
      [undefined, 'memberships'],
      ['audit', 'events'],
    ]);
  });

  it('reads types in COLUMN_TYPE form and defaults as MySQL literals', () => {
    expect(u.columns.map((c) => [c.name, c.type, c.default])).toEqual([
      ['id', 'serial', undefined],
      ['email_address', 'varchar(255)', undefined],
      ['role', "enum('Guest','admin')", "'Guest'"],
      ['bio', 'text', "('it''s \\\\ me')"],
      ['prefs', 'json', `('{"theme":"dark"}')`],
      ['active', 'boolean', 'true'],
      ['balance', 'decimal(10,2)', "'0.00'"],
      ['visits', 'int unsigned', '0'],
      ['big', 'bigint', '9007199254740993'],
      ['born_on', 'date', "'2000-01-02'"],
      ['created_at', 'timestamp(3)', '(now(3))'],
      ['plain_at', 'datetime', "'2024-01-02 03:04:05'"],
      ['precise_at', 'datetime(3)', "'2024-01-02 03:04:05.678'"],
      ['counter', 'int', '7'],
      ['full_name', 'varchar(300)', undefined],
      ['manager_id', 'bigint unsigned', undefined],
      ['js_side', 'text', undefined],
    ]);
  });

  it('reads auto_increment, on update and generated columns', () => {
    expect(column(u, 'id')).toEqual(columnModel('id', 'serial', { notNull: true, autoincrement: true }));
    expect(column(model.tables[2]!, 'id')).toEqual(columnModel('id', 'int', { notNull: true, autoincrement: true }));
    expect(column(u, 'counter').autoincrement).toBe(false);
    expect(column(u, 'created_at').onUpdate).toBe('current_timestamp(3)');
    expect(column(u, 'full_name').generated).toEqual({ as: "concat(`email_address`, '!')", type: 'virtual' });
  });

  it('reads keys, uniques, checks and indexes', () => {
    expect(u.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    expect(m.primaryKey).toEqual({ name: 'PRIMARY', columns: ['user_id', 'group_id'] });
    expect(column(m, 'user_id').notNull).toBe(true);
    expect(u.foreignKeys).toEqual([{ name: 'users_manager_id_users_id_fk', columns: ['manager_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
    expect(m.foreignKeys).toEqual([{ name: 'memberships_user_fk', columns: ['user_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'no action', onUpdate: 'no action' }]);
    expect(u.uniques).toEqual([
      { name: 'users_email_address_unique', columns: ['email_address'], nullsNotDistinct: false },
      { name: 'users_counter_uq', columns: ['counter'], nullsNotDistinct: false },
    ]);
    expect(m.uniques).toEqual([{ name: 'memberships_note_group_id_unique', columns: ['note', 'group_id'], nullsNotDistinct: false }]);
    expect(u.checks).toEqual([{ name: 'visits_small', expression: '`visits` < 1000000' }]);
    expect(u.indexes).toEqual([
      { name: 'users_email_idx', columns: [{ expression: '`email_address`', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined }], unique: false, where: undefined, method: undefined, concurrently: false, with: undefined },
      {
        name: 'users_lower_email',
        columns: [{ expression: '(lower(`email_address`))', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }],
        unique: true,
        where: undefined,
        method: undefined,
        concurrently: false,
        with: undefined,
      },
    ]);
    expect(u.rlsEnabled).toBe(false);
    expect(u.policies).toEqual([]);
  });

  it('reads views with their options', () => {
    expect(model.views).toEqual([
      { schema: undefined, name: 'active_users', definition: 'select `id` from `users` where `users`.`active` = true', materialized: false, options: { algorithm: 'merge', sqlSecurity: 'invoker', checkOption: 'cascaded' } },
    ]);
    const plain = mysqlView('v').as((qb) => qb.select({ id: users.id }).from(users));
    expect(mysqlSerialize([plain], { casing: undefined }).views[0]!.options).toEqual({ algorithm: 'undefined', sqlSecurity: 'definer' });
  });

  it('keeps index names per table, as MySQL does', () => {
    const a = mysqlTable('a', { x: int() }, (t) => [index('x_idx').on(t.x)]);
    const b = mysqlTable('b', { x: int() }, (t) => [index('x_idx').on(t.x)]);
    expect(mysqlSerialize([a, b], { casing: undefined }).tables.map((t) => t.indexes[0]!.name)).toEqual(['x_idx', 'x_idx']);
    const c = mysqlTable('c', { x: int().unique('x_idx') }, (t) => [index('x_idx').on(t.x)]);
    expect(() => mysqlSerialize([c], { casing: undefined })).toThrow(/Index name "x_idx" is used twice \(table "c"\)/);
  });

  it('is deterministic', () => {
    expect(mysqlSerialize([users, memberships, audit, events, activeUsers], { casing: 'snake_case' })).toEqual(model);
  });
});

/** A `create table` written by hand from the model. */
function createTableSql(t: TableModel): string {
  const q = (s: string) => `\`${s}\``;
  const cols = t.columns.map((c) => {
    let s = `${q(c.name)} ${c.type}`;
    if (c.generated) s += ` generated always as (${c.generated.as}) ${c.generated.type}`;
    if (c.notNull && c.type !== 'serial') s += ' not null';
    if (c.default !== undefined) s += ` default ${c.default}`;
    if (c.onUpdate !== undefined) s += ` on update ${c.onUpdate}`;
    if (c.autoincrement && c.type !== 'serial') s += ' auto_increment';
    return s;
  });
  if (t.primaryKey) cols.push(`primary key (${t.primaryKey.columns.map(q).join(', ')})`);
  for (const u of t.uniques) cols.push(`constraint ${q(u.name)} unique (${u.columns.map(q).join(', ')})`);
  for (const c of t.checks) cols.push(`constraint ${q(c.name)} check (${c.expression})`);
  for (const fk of t.foreignKeys) cols.push(`constraint ${q(fk.name)} foreign key (${fk.columns.map(q).join(', ')}) references ${q(fk.tableTo)} (${fk.columnsTo.map(q).join(', ')}) on delete ${fk.onDelete}`);
  // MariaDB has no functional indexes (MySQL 8 has); only column indexes are created here.
  for (const i of t.indexes.filter((x) => !x.columns.some((c) => c.isExpression))) cols.push(`${i.unique ? 'unique ' : ''}index ${q(i.name)} (${i.columns.map((c) => c.expression).join(', ')})`);
  return `create table ${q(t.name)} (${cols.join(', ')})`;
}

describe('mysqlSerialize model as SQL', () => {
  it.skipIf(!mysqlServerUrl)(mysqlServerUrl ? 'creates the tables the model describes on the MySQL server' : 'MySQL server check skipped: SLUICE_MYSQL_URL is not set', async () => {
    const database = await createMysqlDatabase();
    const conn = await mysql.createConnection({ uri: database.url, timezone: 'Z', dateStrings: true });
    try {
      const model = mysqlSerialize([users, memberships, events, activeUsers], { casing: 'snake_case' });
      // The audit schema is another database; its table is created in this one.
      model.tables[2]!.name = 'audit_events';
      for (const t of model.tables) await conn.query(createTableSql(t));
      const v = model.views[0]!;
      await conn.query(`create algorithm = ${v.options.algorithm} sql security ${v.options.sqlSecurity} view \`${v.name}\` as ${v.definition} with ${v.options.checkOption} check option`);
      await conn.query('insert into `users` (`email_address`) values (?)', ['a@b.c']);
      const [rows] = await conn.query('select role, bio, prefs, active, balance, visits, cast(big as char) as big, born_on, plain_at, precise_at, counter, full_name, created_at is not null as has_created from `users`');
      expect(rows).toEqual([
        {
          role: 'Guest',
          bio: "it's \\ me",
          prefs: { theme: 'dark' },
          active: 1,
          balance: '0.00',
          visits: 0,
          big: '9007199254740993',
          born_on: '2000-01-02',
          plain_at: '2024-01-02 03:04:05',
          precise_at: '2024-01-02 03:04:05.678',
          counter: 7,
          full_name: 'a@b.c!',
          has_created: 1,
        },
      ]);
      await expect(conn.query('insert into `users` (`email_address`, `visits`) values (?, ?)', ['x@y.z', 2000000])).rejects.toThrow(/visits_small/);
      await conn.query('insert into `memberships` (`user_id`, `group_id`) values (1, 1)');
      await expect(conn.query('insert into `memberships` (`user_id`, `group_id`) values (99, 1)')).rejects.toThrow(/memberships_user_fk/);
      await conn.query('insert into `audit_events` () values (), ()');
      const [eventRows] = await conn.query('select id from `audit_events` order by id');
      expect(eventRows).toEqual([{ id: 1 }, { id: 2 }]);
      const [viewRows] = await conn.query('select id from `active_users`');
      expect(viewRows).toEqual([{ id: 1 }]);
    } finally {
      await conn.end();
      await database.drop();
    }
  });
});
