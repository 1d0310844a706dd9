/**
 * SQLite schema objects -> the kit's model (defaults written as the values the ORM stores,
 * autoincrement, the fixed primary key name), then the model's tables created by hand on
 * better-sqlite3 to check its types and defaults are valid SQL.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eq, SchemaError, sql, type SQL } from 'sluice';
import { blob, check, foreignKey, index, integer, numeric, primaryKey, real, sqliteTable, sqliteView, text, unique, uniqueIndex, type AnySQLiteColumn } from 'sluice/sqlite-core';
import { sqliteSerialize } from '../../src/dialects/sqlite/kit/serialize.js';
import type { TableModel } from '../../src/kit/model.js';
import { column as columnModel } from './support/model-builders.js';

const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    emailAddress: text().notNull().unique(),
    nickname: text({ length: 40 }).default("O'Brien"),
    active: integer({ mode: 'boolean' }).default(true),
    joinedAt: integer({ mode: 'timestamp' }).default(new Date('2024-01-02T03:04:05Z')),
    joinedMs: integer({ mode: 'timestamp_ms' }).default(new Date('2024-01-02T03:04:05.678Z')),
    createdAt: integer().default(sql`(unixepoch())`),
    prefs: text({ mode: 'json' }).default({ theme: "it's dark" }),
    payload: blob({ mode: 'json' }).default({ a: 1 }),
    ratio: real().default(0.5),
    amount: numeric().default('1.50'),
    emailLower: text().generatedAlwaysAs(sql`lower(${sql.identifier('email_address')})`, { mode: 'virtual' }),
    parentId: integer().references((): AnySQLiteColumn => users.id, { onDelete: 'cascade' }),
    jsSide: text().$defaultFn(() => 'x'),
  },
  (t) => [index('users_email_lower_idx').on(sql`lower(${t.emailAddress})`).where(sql`${t.active} = ${true}`), uniqueIndex('users_nickname_idx').on(t.nickname), check('ratio_range', sql`${t.ratio} between ${0} and ${1}`)],
);
const tags = sqliteTable('tags', { userId: integer().notNull(), tag: text().notNull(), note: text() }, (t) => [
  primaryKey({ columns: [t.userId, t.tag] }),
  foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onDelete('cascade'),
  unique('tags_note_uq').on(t.note),
]);
const activeUsers = sqliteView('active_users').as((qb) => qb.select({ id: users.id, email: users.emailAddress }).from(users).where(eq(users.active, true)));
const legacy = sqliteView('legacy', { id: integer() }).existing();

describe('sqliteSerialize', () => {
  const model = sqliteSerialize([users, tags, activeUsers, legacy], { casing: 'snake_case' });
  const u = model.tables[0]!;
  const t = model.tables[1]!;

  it('reads columns: casing, types, defaults as the stored values', () => {
    expect(model).toMatchObject({ dialect: 'sqlite', schemas: [], enums: [], sequences: [], roles: [] });
    expect(u.schema).toBeUndefined();
    expect(u.columns.map((c) => [c.name, c.type, c.default])).toEqual([
      ['id', 'integer', undefined],
      ['email_address', 'text', undefined],
      ['nickname', 'text(40)', "'O''Brien'"],
      ['active', 'integer', '1'],
      ['joined_at', 'integer', '1704164645'],
      ['joined_ms', 'integer', '1704164645678'],
      ['created_at', 'integer', '(unixepoch())'],
      ['prefs', 'text', `'{"theme":"it''s dark"}'`],
      ['payload', 'blob', `X'${Buffer.from('{"a":1}').toString('hex')}'`],
      ['ratio', 'real', '0.5'],
      ['amount', 'numeric', "'1.50'"],
      ['email_lower', 'text', undefined],
      ['parent_id', 'integer', undefined],
      ['js_side', 'text', undefined],
    ]);
    expect(u.columns[0]).toEqual(columnModel('id', 'integer', { notNull: true, autoincrement: true }));
    expect(u.columns.find((c) => c.name === 'email_lower')!.generated).toEqual({ as: 'lower("email_address")', type: 'virtual' });
  });

  it('reads keys, uniques, checks and indexes', () => {
    expect(u.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    expect(t.primaryKey).toEqual({ name: 'PRIMARY', columns: ['user_id', 'tag'] });
    expect(u.foreignKeys).toEqual([{ name: 'users_parent_id_users_id_fk', columns: ['parent_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
    expect(t.foreignKeys).toEqual([{ name: 'tags_user_id_users_id_fk', columns: ['user_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
    expect(u.uniques).toEqual([{ name: 'users_email_address_unique', columns: ['email_address'], nullsNotDistinct: false }]);
    expect(t.uniques).toEqual([{ name: 'tags_note_uq', columns: ['note'], nullsNotDistinct: false }]);
    expect(u.checks).toEqual([{ name: 'ratio_range', expression: '"ratio" between 0 and 1' }]);
    expect(u.indexes).toEqual([
      {
        name: 'users_email_lower_idx',
        columns: [{ expression: 'lower("email_address")', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }],
        unique: false,
        where: '"active" = 1',
        method: undefined,
        concurrently: false,
        with: undefined,
      },
      { name: 'users_nickname_idx', columns: [{ expression: '"nickname"', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined }], unique: true, where: undefined, method: undefined, concurrently: false, with: undefined },
    ]);
  });

  it('reads views', () => {
    expect(model.views).toEqual([
      { schema: undefined, name: 'active_users', definition: 'select "id", "email_address" from "users" where "users"."active" = 1', materialized: false, options: {} },
      { schema: undefined, name: 'legacy', definition: undefined, materialized: false, options: {} },
    ]);
  });

  it('writes a generated value as a literal and a generated function as its SQL', () => {
    const g = sqliteTable('g', { a: text(), k: text().generatedAlwaysAs("it's"), f: text().generatedAlwaysAs((): SQL => sql`upper(${sql.identifier('a')})`, { mode: 'stored' }) });
    expect(sqliteSerialize([g], { casing: undefined }).tables[0]!.columns.map((c) => c.generated)).toEqual([undefined, { as: "'it''s'", type: 'virtual' }, { as: 'upper("a")', type: 'stored' }]);
  });

  it('is deterministic', () => {
    expect(sqliteSerialize([users, tags, activeUsers, legacy], { casing: 'snake_case' })).toEqual(model);
  });

  it("rejects an index on another table's column and two tables of one name", () => {
    const other = sqliteTable('other', { id: integer() });
    const bad = sqliteTable('bad', { id: integer() }, () => [index('bad_idx').on(other.id)]);
    expect(() => sqliteSerialize([bad], { casing: undefined })).toThrow(SchemaError);
    expect(() => sqliteSerialize([bad], { casing: undefined })).toThrow(/Index "bad_idx" on table "bad" names column "other\.id"/);
    expect(() => sqliteSerialize([sqliteTable('x', { id: integer() }), sqliteTable('x', { id: integer() })], { casing: undefined })).toThrow(/table "x"/);
    expect(() => sqliteSerialize([sqliteTable('v', { id: integer() }), sqliteView('v').as((qb) => qb.select({ id: users.id }).from(users))], { casing: undefined })).toThrow(/"v" and a view of the same name/);
  });
});

/** A `create table` written by hand from the model. */
function createTableSql(t: TableModel): string {
  const q = (s: string) => `"${s}"`;
  const pkInline = t.primaryKey?.columns.length === 1 ? t.primaryKey.columns[0] : undefined;
  const cols = t.columns.map((c) => {
    let s = `${q(c.name)} ${c.type}`;
    if (c.name === pkInline) s += ` primary key${c.autoincrement ? ' autoincrement' : ''}`;
    if (c.generated) s += ` generated always as (${c.generated.as}) ${c.generated.type}`;
    if (c.notNull) s += ' not null';
    if (c.default !== undefined) s += ` default ${c.default}`;
    return s;
  });
  if (t.primaryKey && pkInline === undefined) cols.push(`primary key (${t.primaryKey.columns.map(q).join(', ')})`);
  for (const u of t.uniques) cols.push(`constraint ${q(u.name)} unique (${u.columns.map(q).join(', ')})`);
  for (const c of t.checks) cols.push(`constraint ${q(c.name)} check (${c.expression})`);
  for (const fk of t.foreignKeys) cols.push(`constraint ${q(fk.name)} foreign key (${fk.columns.map(q).join(', ')}) references ${q(fk.tableTo)} (${fk.columnsTo.map(q).join(', ')}) on delete ${fk.onDelete}`);
  return `create table ${q(t.name)} (${cols.join(', ')})`;
}

describe('sqliteSerialize model as SQL', () => {
  it('creates the tables the model describes on better-sqlite3', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('foreign_keys = on');
      const model = sqliteSerialize([users, tags, activeUsers], { casing: 'snake_case' });
      for (const t of model.tables) {
        db.exec(createTableSql(t));
        for (const i of t.indexes) {
          db.exec(`create ${i.unique ? 'unique ' : ''}index "${i.name}" on "${t.name}" (${i.columns.map((c) => c.expression).join(', ')})${i.where ? ` where ${i.where}` : ''}`);
        }
      }
      db.exec(`create view "active_users" as ${model.views[0]!.definition}`);
      db.prepare('insert into "users" ("email_address") values (?)').run('A@B.C');
      const row = db.prepare('select * from "users"').get();
      expect(row).toEqual({
        id: 1,
        email_address: 'A@B.C',
        nickname: "O'Brien",
        active: 1,
        joined_at: 1704164645,
        joined_ms: 1704164645678,
        created_at: expect.any(Number),
        prefs: `{"theme":"it's dark"}`,
        payload: Buffer.from('{"a":1}'),
        ratio: 0.5,
        amount: 1.5,
        email_lower: 'a@b.c',
        parent_id: null,
        js_side: null,
      });
      expect(() => db.prepare('insert into "users" ("email_address", "ratio") values (?, ?)').run('x', 2)).toThrow(/ratio_range/);
      db.prepare('insert into "tags" ("user_id", "tag") values (1, ?)').run('t');
      expect(() => db.prepare('insert into "tags" ("user_id", "tag") values (99, ?)').run('t')).toThrow(/FOREIGN KEY/);
      expect(db.prepare('select * from "active_users"').all()).toEqual([{ id: 1, email_address: 'A@B.C' }]);
      const plan = db.prepare(`explain query plan select id from "users" where lower("email_address") = 'a@b.c' and "active" = 1`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/users_email_lower_idx/);
    } finally {
      db.close();
    }
  });
});
