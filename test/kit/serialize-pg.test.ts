/**
 * PostgreSQL schema objects -> the kit's model: names with casing, types, defaults, keys,
 * indexes, policies, enums, sequences, roles and views; then a check that the model's types and
 * defaults are valid SQL, by creating tables from it on PGlite (and the server when
 * SLUICE_PG_URL is set).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eq, gt, relations, SchemaError, sql } from 'sluice';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgPolicy,
  pgRole,
  pgSchema,
  pgSequence,
  pgTable,
  pgView,
  point,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'sluice/pg-core';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../src/kit/model.js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';
import { column as columnModel, identity as identityModel } from './support/model-builders.js';

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
const auth = pgSchema('auth');
const level = auth.enum('level', ['low', 'high']);
const orderNumbers = pgSequence('order_numbers', { startWith: 1000, increment: 2, cache: 10 });
const admin = pgRole('admin', { createRole: true });
const existingRole = pgRole('supabase_admin').existing();

const users = pgTable(
  'users',
  {
    id: serial().primaryKey(),
    emailAddress: varchar({ length: 256 }).notNull().unique(),
    displayName: text('Display Name').default("O'Brien"),
    mood: mood().default('ok'),
    moods: mood().array().default(['sad', 'happy']),
    tags: text().array().default(['a', 'b "c"']),
    settings: jsonb().default({ theme: "it's dark" }),
    active: boolean().default(true),
    score: numeric({ precision: 10, scale: 2 }).default('1.50'),
    big: bigint({ mode: 'bigint' }).default(9007199254740993n),
    bornOn: date().default('2000-01-01'),
    createdAt: timestamp({ precision: 3 }).defaultNow().notNull(),
    seenAt: timestamp({ withTimezone: true }).default(new Date('2024-01-02T03:04:05.678Z')),
    plainAt: timestamp().default(new Date('2024-01-02T03:04:05.678Z')),
    token: uuid().defaultRandom(),
    computed: text()
      .$defaultFn(() => 'js side')
      .$onUpdate(() => 'js side'),
    lowerEmail: text().generatedAlwaysAs((): ReturnType<typeof sql> => sql`lower(${users.emailAddress})`),
    levelOf: level(),
    managerId: integer().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('score_positive', sql`${t.score} > ${0}`),
    index('users_lower_email_idx').on(sql`lower(${t.emailAddress})`),
    index().on(t.displayName.desc(), t.createdAt.asc().nullsFirst()),
    uniqueIndex('users_display_name_trgm').using('gin', t.displayName.op('gin_trgm_ops')).where(sql`${t.active} = ${true}`).with({ fastupdate: false }).concurrently(),
    pgPolicy('own rows', { for: 'select', to: [admin, 'current_user'], using: sql`${t.emailAddress} = current_user` }),
  ],
);

const orders = auth.table(
  'orders',
  {
    userId: integer().notNull(),
    orderNo: integer('order_no').notNull(),
    ident: integer().generatedAlwaysAsIdentity({ name: 'orders_ident_seq', startWith: 5, increment: 5, minValue: 1, maxValue: 1000, cache: 1, cycle: true }),
    byDefault: bigint({ mode: 'number' }).generatedByDefaultAsIdentity(),
    note: text(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orderNo] }), foreignKey({ columns: [t.userId], foreignColumns: [users.id] }).onUpdate('cascade'), unique().on(t.note, t.orderNo).nullsNotDistinct()],
);

const named = pgTable('named', { a: integer().notNull(), b: integer().notNull() }, (t) => [primaryKey({ name: 'named_custom_pk', columns: [t.a, t.b] })]).enableRLS();

const linked = pgPolicy('linked policy', { as: 'restrictive', for: 'insert', withCheck: sql`true` }).link(named);

const activeUsers = pgView('active_users')
  .with({ checkOption: 'local', securityBarrier: true })
  .as((qb) => qb.select({ id: users.id, email: users.emailAddress }).from(users).where(eq(users.active, true)));
const bigOrders = auth
  .materializedView('big_orders')
  .using('heap')
  .withNoData()
  .as((qb) => qb.select({ note: orders.note }).from(orders).where(gt(orders.orderNo, 100)));
const legacy = pgView('legacy', { id: integer() }).existing();
const usersRelations = relations(users, ({ one }) => ({ manager: one(users, { fields: [users.managerId], references: [users.id] }) }));

const entities = [mood, auth, level, orderNumbers, admin, existingRole, users, orders, named, linked, activeUsers, bigOrders, legacy, usersRelations, 'not a schema object', 42];

const column = (t: TableModel, name: string): ColumnModel => {
  const c = t.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name} in ${t.name}: ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
};
describe('pgSerialize', () => {
  const model = pgSerialize(entities, { casing: 'snake_case' });
  const usersModel = model.tables.find((t) => t.name === 'users')!;
  const ordersModel = model.tables.find((t) => t.name === 'orders')!;

  it('reads the module-level objects: schemas, enums, sequences, roles (skipping existing ones)', () => {
    expect(model.dialect).toBe('postgresql');
    expect(model.schemas).toEqual(['auth']);
    expect(model.enums).toEqual([
      { schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'] },
      { schema: 'auth', name: 'level', values: ['low', 'high'] },
    ]);
    expect(model.sequences).toEqual([{ schema: 'public', name: 'order_numbers', increment: '2', minValue: undefined, maxValue: undefined, startWith: '1000', cache: '10', cycle: false }]);
    expect(model.roles).toEqual([{ name: 'admin', createDb: false, createRole: true, inherit: true }]);
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['public.users', 'auth.orders', 'public.named']);
  });

  it('names columns with casing, and types follow the model convention', () => {
    expect(usersModel.columns.map((c) => c.name)).toEqual([
      'id',
      'email_address',
      'Display Name',
      'mood',
      'moods',
      'tags',
      'settings',
      'active',
      'score',
      'big',
      'born_on',
      'created_at',
      'seen_at',
      'plain_at',
      'token',
      'computed',
      'lower_email',
      'level_of',
      'manager_id',
    ]);
    expect(column(usersModel, 'id')).toEqual(columnModel('id', 'serial', { notNull: true }));
    expect(column(usersModel, 'email_address')).toEqual(columnModel('email_address', 'varchar(256)', { notNull: true }));
    expect(column(usersModel, 'mood')).toEqual(columnModel('mood', 'mood', { typeSchema: 'public', default: "'ok'" }));
    expect(column(usersModel, 'moods')).toEqual(columnModel('moods', 'mood[]', { typeSchema: 'public', default: `'{"sad","happy"}'` }));
    expect(column(usersModel, 'level_of')).toMatchObject({ type: 'level', typeSchema: 'auth' });
    expect(column(usersModel, 'score').type).toBe('numeric(10, 2)');
    expect(column(usersModel, 'created_at').type).toBe('timestamp(3)');
    expect(column(usersModel, 'seen_at').type).toBe('timestamp with time zone');
  });

  it('renders defaults as SQL literals; JavaScript-side defaults are not database defaults', () => {
    const defaults = Object.fromEntries(usersModel.columns.map((c) => [c.name, c.default]));
    expect(defaults).toEqual({
      id: undefined,
      email_address: undefined,
      'Display Name': "'O''Brien'",
      mood: "'ok'",
      moods: `'{"sad","happy"}'`,
      tags: `'{"a","b \\"c\\""}'`,
      settings: `'{"theme":"it''s dark"}'::jsonb`,
      active: 'true',
      score: "'1.50'",
      big: '9007199254740993',
      born_on: "'2000-01-01'",
      created_at: 'now()',
      seen_at: "'2024-01-02T03:04:05.678Z'",
      plain_at: "'2024-01-02 03:04:05.678'",
      token: 'gen_random_uuid()',
      computed: undefined,
      lower_email: undefined,
      level_of: undefined,
      manager_id: undefined,
    });
  });

  it('reads generated and identity columns', () => {
    expect(column(usersModel, 'lower_email').generated).toEqual({ as: 'lower("email_address")', type: 'stored' });
    expect(column(ordersModel, 'ident')).toEqual(
      columnModel('ident', 'integer', {
        notNull: true,
        identity: { type: 'always', name: 'orders_ident_seq', increment: '5', minValue: '1', maxValue: '1000', startWith: '5', cache: '1', cycle: true },
      }),
    );
    expect(column(ordersModel, 'by_default').identity).toEqual(identityModel('byDefault'));
  });

  it('reads keys, uniques and checks with their default names', () => {
    expect(usersModel.primaryKey).toEqual({ name: 'users_pkey', columns: ['id'] });
    expect(ordersModel.primaryKey).toEqual({ name: 'orders_user_id_order_no_pk', columns: ['user_id', 'order_no'] });
    expect(column(ordersModel, 'user_id').notNull).toBe(true);
    expect(model.tables.find((t) => t.name === 'named')!.primaryKey).toEqual({ name: 'named_custom_pk', columns: ['a', 'b'] });
    expect(usersModel.foreignKeys).toEqual([{ name: 'users_manager_id_users_id_fk', columns: ['manager_id'], tableTo: 'users', schemaTo: 'public', columnsTo: ['id'], onDelete: 'set null', onUpdate: 'no action' }]);
    expect(ordersModel.foreignKeys).toEqual([{ name: 'orders_user_id_users_id_fk', columns: ['user_id'], tableTo: 'users', schemaTo: 'public', columnsTo: ['id'], onDelete: 'no action', onUpdate: 'cascade' }]);
    expect(usersModel.uniques).toEqual([{ name: 'users_email_address_unique', columns: ['email_address'], nullsNotDistinct: false }]);
    expect(ordersModel.uniques).toEqual([{ name: 'orders_note_order_no_unique', columns: ['note', 'order_no'], nullsNotDistinct: true }]);
    expect(usersModel.checks).toEqual([{ name: 'score_positive', expression: '"score" > 0' }]);
  });

  it('reads indexes: expressions, order and nulls, operator classes, where, method, with, concurrently', () => {
    expect(usersModel.indexes).toEqual([
      {
        name: 'users_lower_email_idx',
        columns: [{ expression: 'lower("email_address")', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }],
        unique: false,
        where: undefined,
        method: 'btree',
        concurrently: false,
        with: undefined,
      },
      {
        name: 'users_Display Name_created_at_index',
        columns: [
          { expression: '"Display Name"', isExpression: false, order: 'desc', nulls: 'last', opClass: undefined },
          { expression: '"created_at"', isExpression: false, order: 'asc', nulls: 'first', opClass: undefined },
        ],
        unique: false,
        where: undefined,
        method: 'btree',
        concurrently: false,
        with: undefined,
      },
      {
        name: 'users_display_name_trgm',
        columns: [{ expression: '"Display Name"', isExpression: false, order: 'asc', nulls: 'last', opClass: 'gin_trgm_ops' }],
        unique: true,
        where: '"active" = true',
        method: 'gin',
        concurrently: true,
        with: { fastupdate: 'false' },
      },
    ]);
  });

  it('reads policies (declared and linked) and row-level security', () => {
    expect(usersModel.rlsEnabled).toBe(true);
    expect(usersModel.policies).toEqual([{ name: 'own rows', as: 'permissive', for: 'select', to: ['admin', 'current_user'], using: '"email_address" = current_user', withCheck: undefined }]);
    const namedModel = model.tables.find((t) => t.name === 'named')!;
    expect(namedModel.rlsEnabled).toBe(true);
    expect(namedModel.policies).toEqual([{ name: 'linked policy', as: 'restrictive', for: 'insert', to: ['public'], using: undefined, withCheck: 'true' }]);
    expect(ordersModel.rlsEnabled).toBe(false);
  });

  it('reads views: definitions inlined, options, existing views without a definition', () => {
    expect(model.views).toEqual([
      {
        schema: 'public',
        name: 'active_users',
        definition: 'select "id", "email_address" from "users" where "users"."active" = true',
        materialized: false,
        options: { 'with.check_option': 'local', 'with.security_barrier': true },
      },
      { schema: 'auth', name: 'big_orders', definition: 'select "note" from "auth"."orders" where "auth"."orders"."order_no" > 100', materialized: true, options: { using: 'heap', withNoData: true } },
      { schema: 'public', name: 'legacy', definition: undefined, materialized: false, options: {} },
    ]);
  });

  it('is deterministic and JSON-stable', () => {
    const again = pgSerialize([...entities], { casing: 'snake_case' });
    expect(again).toEqual(model);
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('keeps key names without casing, and camelCase turns snake keys into camel names', () => {
    const plain = pgSerialize([users], { casing: undefined });
    expect(plain.tables[0]!.columns.map((c) => c.name).slice(0, 3)).toEqual(['id', 'emailAddress', 'Display Name']);
    const t = pgTable('t', { first_name: text() });
    expect(pgSerialize([t], { casing: 'camelCase' }).tables[0]!.columns[0]!.name).toBe('firstName');
  });

  it('rejects schema mistakes with errors that name the table and column', () => {
    const a = pgTable('dup', { id: integer() });
    const b = pgTable('dup', { id: integer() });
    expect(() => pgSerialize([a, b], { casing: undefined })).toThrow(SchemaError);
    expect(() => pgSerialize([a, b], { casing: undefined })).toThrow(/"public\.dup"/);
    // The same object exported twice is one table.
    expect(pgSerialize([a, a], { casing: undefined }).tables).toHaveLength(1);
    const other = pgTable('other', { id: integer() });
    const wrong = pgTable('wrong', { id: integer() }, () => [index('wrong_idx').on(other.id)]);
    expect(() => pgSerialize([wrong], { casing: undefined })).toThrow(/table "public\.wrong" names column "other\.id"/);
    const twoPk = pgTable('two_pk', { a: integer().primaryKey(), b: integer().primaryKey() });
    expect(() => pgSerialize([twoPk], { casing: undefined })).toThrow(/"public\.two_pk" marks "a" and "b"/);
    const clash = pgTable('clash', { fooBar: integer(), foo_bar: integer() });
    expect(() => pgSerialize([clash], { casing: 'snake_case' })).toThrow(/two columns named "foo_bar"/);
    const i1 = pgTable('i1', { a: integer() }, (t) => [index('same_idx').on(t.a)]);
    const i2 = pgTable('i2', { a: integer() }, (t) => [index('same_idx').on(t.a)]);
    expect(() => pgSerialize([i1, i2], { casing: undefined })).toThrow(/Index name "same_idx" is used twice \(tables "public\.i1" and "public\.i2"\); index names must be unique in "public"/);
    // Other schemas are other namespaces.
    expect(pgSerialize([i1, pgSchema('s2').table('i1', { a: integer() }, (t) => [index('same_idx').on(t.a)])], { casing: undefined }).tables).toHaveLength(2);
    const twoChecks = pgTable('tc', { a: integer() }, (t) => [check('c', sql`${t.a} > 0`), check('c', sql`${t.a} < 9`)]);
    expect(() => pgSerialize([twoChecks], { casing: undefined })).toThrow(/Table "public\.tc" has two constraints named "c"/);
    const unnamedExpr = pgTable('ue', { a: text() }, (t) => [index().on(sql`lower(${t.a})`)]);
    expect(() => pgSerialize([unnamedExpr], { casing: undefined })).toThrow(/table "ue" indexes an expression/);
  });

  it('rejects a foreign key to a table the schema leaves out, naming both tables (drizzle-kit writes a constraint on a table it never creates)', () => {
    const outside = pgTable('outside', { id: integer().primaryKey() });
    const child = pgTable('child', { ref: integer().references(() => outside.id) });
    expect(() => pgSerialize([child], { casing: undefined })).toThrow(new SchemaError('The schema: foreign key "child" (ref) references table "outside", which is not in the schema; add it to the schema or remove the reference'));
    expect(pgSerialize([child, outside], { casing: undefined }).tables[0]!.foreignKeys[0]).toMatchObject({ tableTo: 'outside', columnsTo: ['id'] });
  });

  it('keeps a foreign key to a table of a database schema the project does not use (managed elsewhere, like auth.users)', () => {
    const authUsers = pgSchema('auth').table('users', { id: uuid().primaryKey() });
    const profiles = pgTable('profiles', { userId: uuid().references(() => authUsers.id) });
    expect(pgSerialize([profiles], { casing: undefined }).tables[0]!.foreignKeys[0]).toMatchObject({ tableTo: 'users', schemaTo: 'auth', columnsTo: ['id'] });
  });

  it('writes a default of a type with its own text form as the column sends it', () => {
    const places = pgTable('places', { at: point().default([1, 2]), xy: point({ mode: 'xy' }).default({ x: 3, y: 4 }) });
    expect(pgSerialize([places], { casing: undefined }).tables[0]!.columns.map((c) => c.default)).toEqual(["'(1,2)'", "'(3,4)'"]);
  });

  it('adds an enum a column uses when the module does not export it', () => {
    const hidden = pgEnum('hidden', ['x']);
    const t = pgTable('uses_hidden', { h: hidden() });
    expect(pgSerialize([t], { casing: undefined }).enums).toEqual([{ schema: 'public', name: 'hidden', values: ['x'] }]);
  });

  it('rejects tables of another dialect', async () => {
    const { sqliteTable, integer: sqliteInteger } = await import('sluice/sqlite-core');
    expect(() => pgSerialize([sqliteTable('s', { id: sqliteInteger() })], { casing: undefined })).toThrow(/table "s" is a sqlite table/);
  });
});

/** A `create table` written by hand from the model: types, not null, defaults, generated, identity, primary key. */
function createTableSql(t: TableModel): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const cols = t.columns.map((c) => {
    const type = c.typeSchema !== undefined ? `${q(c.typeSchema)}.${q(c.type.replace(/\[\]$/, ''))}${c.type.endsWith('[]') ? '[]' : ''}` : c.type;
    let s = `${q(c.name)} ${type}`;
    if (c.identity) {
      const i = c.identity;
      const opts = [
        i.name && `sequence name ${q(i.name)}`,
        i.startWith && `start with ${i.startWith}`,
        i.increment && `increment by ${i.increment}`,
        i.minValue && `minvalue ${i.minValue}`,
        i.maxValue && `maxvalue ${i.maxValue}`,
        i.cache && `cache ${i.cache}`,
        i.cycle && 'cycle',
      ].filter(Boolean);
      s += ` generated ${i.type === 'always' ? 'always' : 'by default'} as identity${opts.length > 0 ? ` (${opts.join(' ')})` : ''}`;
    }
    if (c.generated) s += ` generated always as (${c.generated.as}) stored`;
    if (c.notNull) s += ' not null';
    if (c.default !== undefined) s += ` default ${c.default}`;
    return s;
  });
  if (t.primaryKey) cols.push(`constraint ${q(t.primaryKey.name)} primary key (${t.primaryKey.columns.map(q).join(', ')})`);
  for (const c of t.checks) cols.push(`constraint ${q(c.name)} check (${c.expression})`);
  return `create table ${q(t.schema!)}.${q(t.name)} (${cols.join(', ')})`;
}

/** `roleName` maps the model's roles to the names created: roles are shared by every database of a server. */
function setupSql(model: SchemaModel, roleName: (name: string) => string): string[] {
  return [
    ...model.schemas.map((s) => `create schema "${s}"`),
    ...model.enums.map((e) => `create type "${e.schema}"."${e.name}" as enum (${e.values.map((v) => `'${v}'`).join(', ')})`),
    ...model.tables.map(createTableSql),
    ...model.tables.flatMap((t) =>
      t.indexes
        .filter((i) => i.method === 'btree')
        .map((i) => `create index "${i.name}" on "${t.schema}"."${t.name}" (${i.columns.map((c) => `${c.isExpression ? `(${c.expression})` : c.expression} ${c.order} nulls ${c.nulls}`).join(', ')})`),
    ),
    ...model.roles.map((r) => `create role "${roleName(r.name)}"${r.createRole ? ' createrole' : ''}`),
    ...model.tables.filter((t) => t.rlsEnabled).map((t) => `alter table "${t.schema}"."${t.name}" enable row level security`),
    ...model.tables.flatMap((t) =>
      t.policies.map(
        (p) =>
          `create policy "${p.name}" on "${t.schema}"."${t.name}" as ${p.as} for ${p.for} to ${p.to.map((r) => (r === 'public' || r === 'current_user' ? r : `"${roleName(r)}"`)).join(', ')}` +
          (p.using !== undefined ? ` using (${p.using})` : '') +
          (p.withCheck !== undefined ? ` with check (${p.withCheck})` : ''),
      ),
    ),
    ...model.views.filter((v) => v.definition !== undefined).map((v) => `create ${v.materialized ? 'materialized ' : ''}view "${v.schema}"."${v.name}" as ${v.definition}`),
  ];
}

async function checkOn(run: (statement: string) => Promise<void>, query: (statement: string) => Promise<Record<string, unknown>[]>, roleName: (name: string) => string = (n) => n): Promise<void> {
  const model = pgSerialize(entities, { casing: 'snake_case' });
  for (const statement of setupSql(model, roleName)) await run(statement);
  await run(`insert into "public"."users" ("email_address") values ('a@b.c')`);
  const [row] = await query(
    `select "Display Name" as dn, mood, moods::text as moods, tags, settings, active, score::text as score, big::text as big, born_on::text as born_on, plain_at::text as plain_at, lower_email, token is not null as has_token from "public"."users"`,
  );
  expect(row).toEqual({
    dn: "O'Brien",
    mood: 'ok',
    moods: '{sad,happy}',
    tags: ['a', 'b "c"'],
    settings: { theme: "it's dark" },
    active: true,
    score: '1.50',
    big: '9007199254740993',
    born_on: '2000-01-01',
    plain_at: '2024-01-02 03:04:05.678',
    lower_email: 'a@b.c',
    has_token: true,
  });
  await run(`insert into "auth"."orders" ("user_id", "order_no", "note") values (1, 200, 'x')`);
  await run(`insert into "auth"."orders" ("user_id", "order_no", "note") values (1, 201, 'y')`);
  const orderRows = await query(`select ident, by_default::int as by_default from "auth"."orders" order by order_no`);
  expect(orderRows).toEqual([
    { ident: 5, by_default: 1 },
    { ident: 10, by_default: 2 },
  ]);
  expect(await query(`select sequencename from pg_sequences where sequencename = 'orders_ident_seq'`)).toEqual([{ sequencename: 'orders_ident_seq' }]);
  await expect(run(`insert into "public"."users" ("email_address", "score") values ('x@y.z', -1)`)).rejects.toThrow(/score_positive/);
  expect(await query(`select count(*)::int as n from "public"."active_users"`)).toEqual([{ n: 1 }]);
  expect(await query(`select policyname, qual from pg_policies order by policyname`)).toEqual([
    { policyname: 'linked policy', qual: null },
    { policyname: 'own rows', qual: '((email_address)::text = CURRENT_USER)' },
  ]);
}

describe('pgSerialize model as SQL', () => {
  it('creates the tables the model describes on PGlite', async () => {
    const db = new PGlite();
    try {
      await checkOn(
        async (s) => void (await db.exec(s)),
        async (s) => (await db.query<Record<string, unknown>>(s)).rows,
      );
    } finally {
      await db.close();
    }
  });

  it.skipIf(!pgServerUrl)(pgServerUrl ? 'creates the tables the model describes on the PostgreSQL server' : 'PostgreSQL server check skipped: SLUICE_PG_URL is not set', async () => {
    const database = await createPgDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const suffix = database.name;
    try {
      await checkOn(
        async (s) => void (await client.query(s)),
        async (s) => (await client.query(s)).rows as Record<string, unknown>[],
        (n) => `${n}_${suffix}`,
      );
    } finally {
      await client.end();
      await database.drop();
      const admin = new pg.Client({ connectionString: pgServerUrl });
      await admin.connect();
      await admin.query(`drop role if exists "admin_${suffix}"`).finally(() => admin.end());
    }
  });
});
