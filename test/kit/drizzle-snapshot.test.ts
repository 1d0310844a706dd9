import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlSerialize } from '../../src/dialects/mysql/kit/serialize.js';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';
import { sqliteSerialize } from '../../src/dialects/sqlite/kit/serialize.js';
import { DrizzleSnapshotError, fromDrizzleSnapshot } from '../../src/kit/migrations/drizzle-snapshot.js';
import { canonicalModel, type KitDialectName, type SchemaModel, type Snapshot, type TableModel } from '../../src/kit/model.js';
import { createDrizzleProject, type DrizzleProject, migrateWithDrizzle } from './support/drizzle-project.js';
import { column as col } from './support/model-builders.js';

// One schema text per dialect, written against drizzle-orm; the same text with sluice's imports
// is what sluice's serializer reads in the equality tests.
const pgSchema = `
import { sql } from 'drizzle-orm';
import { pgTable, pgSchema, pgEnum, pgSequence, serial, text, varchar, integer, numeric, boolean, timestamp, json, jsonb, primaryKey, unique, index, uniqueIndex, check, foreignKey, bigint } from 'drizzle-orm/pg-core';
export const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
export const other = pgSchema('other');
export const color = other.enum('color', ['red', 'green']);
export const counter = pgSequence('counter', { startWith: 100, increment: 2 });
export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().default('anon'),
  email: varchar('email', { length: 256 }).notNull().unique(),
  age: integer('age').default(0),
  balance: numeric('balance', { precision: 10, scale: 2 }).default('0.00'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at').default(sql\`now()\`),
  meta: json('meta').default({ a: 1 }),
  data: jsonb('data').default({ b: [1, 2] }),
  mood: mood('mood').default('ok'),
  color: color('color'),
  tags: text('tags').array().default(sql\`'{}'::text[]\`),
  nums: integer('nums').array(),
  big: bigint('big', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 10 }),
  small: integer('small').generatedByDefaultAsIdentity({ name: 'users_small_custom', increment: 5 }),
}, (t) => [
  index('users_name_idx').on(t.name.desc(), t.age).where(sql\`\${t.active} = true\`),
  uniqueIndex('users_lower_email').on(sql\`lower(\${t.email})\`),
  check('age_check', sql\`\${t.age} >= 0\`),
  unique('name_age_uq').on(t.name, t.age).nullsNotDistinct(),
]);
export const posts = other.table('posts', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade', onUpdate: 'set null' }),
  slug: text('slug').notNull(),
  body: text('body'),
}, (t) => [primaryKey({ columns: [t.userId, t.slug] }), index('posts_body_idx').on(t.body.asc().nullsFirst())]);
export const likes = pgTable('likes', {
  userId: integer('user_id').notNull(),
  slug: text('slug').notNull(),
  postUser: integer('post_user'),
}, (t) => [foreignKey({ name: 'likes_post_fk', columns: [t.postUser, t.slug], foreignColumns: [posts.userId, posts.slug] }), primaryKey({ name: 'likes_custom_pk', columns: [t.userId, t.slug] })]);
`;

const mysqlSchema = `
import { sql } from 'drizzle-orm';
import { mysqlTable, mysqlEnum, serial, varchar, int, decimal, boolean, timestamp, json, primaryKey, unique, index, uniqueIndex, check, bigint, text } from 'drizzle-orm/mysql-core';
export const users = mysqlTable('users', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull().default('anon'),
  email: varchar('email', { length: 256 }).notNull().unique(),
  age: int('age').default(0),
  uage: int('uage', { unsigned: true }),
  balance: decimal('balance', { precision: 10, scale: 2 }).default('0.00'),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at').defaultNow().onUpdateNow(),
  meta: json('meta').default({ a: 1 }),
  mood: mysqlEnum('mood', ['sad', 'ok', 'happy']).default('ok'),
  body: text('body'),
  shout: varchar('shout', { length: 200 }).generatedAlwaysAs(sql\`concat(name, '!')\`),
}, (t) => [
  index('users_name_idx').on(t.name, t.age),
  uniqueIndex('users_lower_name').on(sql\`(lower(\${t.name}))\`),
  check('age_check', sql\`\${t.age} >= 0\`),
  unique('name_age_uq').on(t.name, t.age),
]);
export const posts = mysqlTable('posts', {
  userId: bigint('user_id', { mode: 'number', unsigned: true }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  slug: varchar('slug', { length: 50 }).notNull(),
  n: int('n').autoincrement().unique(),
}, (t) => [primaryKey({ columns: [t.userId, t.slug] })]);
`;

const sqliteSchema = `
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, primaryKey, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().default('anon'),
  email: text('email', { length: 256 }).notNull(),
  age: integer('age').default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql\`(unixepoch())\`),
  meta: text('meta', { mode: 'json' }).default({ a: 1 }),
  ratio: real('ratio').default(1.5),
  shout: text('shout').generatedAlwaysAs(sql\`upper(name)\`, { mode: 'stored' }),
}, (t) => [
  index('users_name_idx').on(t.name, t.age).where(sql\`\${t.active} = 1\`),
  uniqueIndex('users_lower_email').on(sql\`lower(\${t.email})\`),
  check('age_check', sql\`\${t.age} >= 0\`),
]);
export const posts = sqliteTable('posts', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.slug] })]);
`;

const tableOf = (s: SchemaModel, name: string): TableModel => {
  const t = s.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

const projects: DrizzleProject[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const p of projects) p.remove();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function generated(dialect: Exclude<KitDialectName, 'cockroach'>, schema: string): { project: DrizzleProject; tag: string; snapshot: Snapshot } {
  const project = createDrizzleProject(dialect);
  projects.push(project);
  const tag = project.generate(schema, 'init');
  return { project, tag, snapshot: fromDrizzleSnapshot(project.snapshot(tag)) };
}

describe('fromDrizzleSnapshot: PostgreSQL (drizzle-kit 0.31, version 7)', () => {
  let g: ReturnType<typeof generated>;
  beforeAll(() => {
    g = generated('postgresql', pgSchema);
  });

  it('keeps identity and declares the kit version', () => {
    const raw = g.project.snapshot(g.tag) as { id: string; prevId: string };
    expect(g.snapshot.version).toBe('1');
    expect(g.snapshot.dialect).toBe('postgresql');
    expect(g.snapshot.id).toBe(raw.id);
    expect(raw.prevId).toBe('00000000-0000-0000-0000-000000000000');
    expect(g.snapshot.prevIds).toEqual([]);
  });

  it('maps schemas, enums and sequences with public spelled out', () => {
    expect(g.snapshot.schemas).toEqual(['other']);
    expect(g.snapshot.enums).toEqual(
      expect.arrayContaining([
        { schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'] },
        { schema: 'other', name: 'color', values: ['red', 'green'] },
      ]),
    );
    expect(g.snapshot.enums).toHaveLength(2);
    // drizzle-kit writes the range and cache it filled in; the model keeps what the schema said.
    expect(g.snapshot.sequences).toEqual([{ schema: 'public', name: 'counter', increment: '2', minValue: undefined, maxValue: undefined, startWith: '100', cache: undefined, cycle: false }]);
  });

  it('spells column types, defaults, enums, arrays and identities as DDL writes them', () => {
    const users = tableOf(g.snapshot, 'users');
    expect(users.schema).toBe('public');
    expect(users.columns).toEqual([
      col('id', 'serial', { notNull: true }),
      col('name', 'text', { notNull: true, default: "'anon'" }),
      col('email', 'varchar(256)', { notNull: true }),
      col('age', 'integer', { default: '0' }),
      col('balance', 'numeric(10, 2)', { default: "'0.00'" }),
      col('active', 'boolean', { notNull: true, default: 'true' }),
      col('created_at', 'timestamp(3) with time zone', { notNull: true, default: 'now()' }),
      col('updated_at', 'timestamp', { default: 'now()' }),
      col('meta', 'json', { default: `'{"a":1}'::json` }),
      col('data', 'jsonb', { default: `'{"b":[1,2]}'::jsonb` }),
      col('mood', 'mood', { typeSchema: 'public', default: "'ok'" }),
      col('color', 'color', { typeSchema: 'other' }),
      col('tags', 'text[]', { default: "'{}'::text[]" }),
      col('nums', 'integer[]'),
      col('big', 'bigint', { notNull: true, identity: { type: 'always', name: undefined, increment: undefined, minValue: undefined, maxValue: undefined, startWith: '10', cache: undefined, cycle: false } }),
      col('small', 'integer', { notNull: true, identity: { type: 'byDefault', name: 'users_small_custom', increment: '5', minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: false } }),
    ]);
  });

  it('names keys as the database does and spells index columns in full', () => {
    const users = tableOf(g.snapshot, 'users');
    expect(users.primaryKey).toEqual({ name: 'users_pkey', columns: ['id'] });
    expect(users.uniques).toEqual([
      { name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false },
      { name: 'name_age_uq', columns: ['name', 'age'], nullsNotDistinct: true },
    ]);
    expect(users.checks).toEqual([{ name: 'age_check', expression: '"age" >= 0' }]);
    expect(users.indexes).toEqual([
      {
        name: 'users_name_idx',
        columns: [
          { expression: '"name"', isExpression: false, order: 'desc', nulls: 'last', opClass: undefined },
          { expression: '"age"', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined },
        ],
        unique: false,
        where: '"active" = true',
        method: 'btree',
        concurrently: false,
        with: undefined,
      },
      { name: 'users_lower_email', columns: [{ expression: 'lower("email")', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }], unique: true, where: undefined, method: 'btree', concurrently: false, with: undefined },
    ]);
    expect(users.rlsEnabled).toBe(false);
    expect(users.policies).toEqual([]);

    const posts = tableOf(g.snapshot, 'posts');
    expect(posts.schema).toBe('other');
    expect(posts.primaryKey).toEqual({ name: 'posts_user_id_slug_pk', columns: ['user_id', 'slug'] });
    expect(posts.foreignKeys).toEqual([{ name: 'posts_user_id_users_id_fk', columns: ['user_id'], tableTo: 'users', schemaTo: 'public', columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'set null' }]);
    expect(posts.indexes[0]!.columns).toEqual([{ expression: '"body"', isExpression: false, order: 'asc', nulls: 'first', opClass: undefined }]);

    const likes = tableOf(g.snapshot, 'likes');
    expect(likes.primaryKey).toEqual({ name: 'likes_custom_pk', columns: ['user_id', 'slug'] });
    expect(likes.foreignKeys).toEqual([{ name: 'likes_post_fk', columns: ['post_user', 'slug'], tableTo: 'posts', schemaTo: 'other', columnsTo: ['user_id', 'slug'], onDelete: 'no action', onUpdate: 'no action' }]);
  });

  it('names exactly the constraints and indexes drizzle created in the database', async () => {
    const sql = readFileSync(join(g.project.out, `${g.tag}.sql`), 'utf8');
    expect(sql).toContain('"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL');
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-pglite-'));
    dirs.push(dataDir);
    await migrateWithDrizzle(g.project.out, { dialect: 'postgresql', pgliteDir: dataDir });
    const client = new PGlite(dataDir);
    try {
      const constraints = await client.query<{ name: string }>(
        `select conname as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname in ('public', 'other') and c.contype in ('p', 'f', 'u', 'c') order by 1`,
      );
      const indexes = await client.query<{ name: string }>(`select indexname as name from pg_indexes where schemaname in ('public', 'other') order by 1`);
      const types = await client.query<{ name: string; type: string }>(
        `select column_name as name, format_type(a.atttypid, a.atttypmod) as type from information_schema.columns c join pg_attribute a on a.attrelid = 'public.users'::regclass and a.attname = c.column_name where c.table_name = 'users' and c.column_name in ('created_at', 'balance', 'nums')`,
      );
      const model = g.snapshot.tables.flatMap((t) => [...(t.primaryKey ? [t.primaryKey.name] : []), ...t.foreignKeys.map((f) => f.name), ...t.uniques.map((u) => u.name), ...t.checks.map((c) => c.name)]);
      expect(constraints.rows.map((r) => r.name)).toEqual([...model].sort());
      // Every primary key and unique constraint has an index of its own name, next to the model's indexes.
      const indexNames = g.snapshot.tables.flatMap((t) => [...t.indexes.map((i) => i.name), ...(t.primaryKey ? [t.primaryKey.name] : []), ...t.uniques.map((u) => u.name)]);
      expect(indexes.rows.map((r) => r.name)).toEqual([...indexNames].sort());
      const users = tableOf(g.snapshot, 'users');
      // format_type() leaves out the space the model (like DDL) writes after a comma.
      for (const row of types.rows) expect(row.type).toBe(users.columns.find((c) => c.name === row.name)!.type.replace(/, /g, ','));
      expect(types.rows).toHaveLength(3);
    } finally {
      await client.close();
    }
  });

  it('links a second snapshot to the first', () => {
    const tag = g.project.generate(`${pgSchema}\nexport const extra = pgTable('extra', { id: integer('id') });\n`, 'extra');
    const second = fromDrizzleSnapshot(g.project.snapshot(tag));
    expect(second.prevIds).toEqual([g.snapshot.id]);
    expect(second.tables.map((t) => t.name)).toContain('extra');
  });

  it('equals what sluice serializes for the same schema', async () => {
    const entities = await g.project.importWithSluice(pgSchema);
    const { version: _v, id: _i, prevIds: _p, ...converted } = g.snapshot;
    expect(canonicalModel(pgSerialize(Object.values(entities), { casing: undefined }))).toEqual(canonicalModel(converted));
  });
});

const pgExtrasSchema = `
import { sql } from 'drizzle-orm';
import { pgTable, pgRole, pgPolicy, pgView, pgMaterializedView, integer, text, index } from 'drizzle-orm/pg-core';
export const admin = pgRole('admin', { createRole: true, inherit: false });
export const items = pgTable('items', {
  id: integer().primaryKey(),
  itemName: text(),
  loud: text().generatedAlwaysAs(sql\`upper(item_name)\`),
  ownerName: text(),
}, (t) => [
  pgPolicy('items_owner', { as: 'restrictive', for: 'select', to: [admin, 'public'], using: sql\`\${t.ownerName} = current_user\` }),
  index('items_name_gin').using('gin', sql\`to_tsvector('english', \${t.itemName})\`).with({ fastupdate: false }),
  index('items_name_ops').on(t.itemName.op('text_pattern_ops')).concurrently(),
]).enableRLS();
export const itemsView = pgView('items_view', { id: integer('id') }).with({ checkOption: 'local', securityBarrier: true }).as(sql\`select id from items\`);
export const itemsMv = pgMaterializedView('items_mv', { x: integer('x') }).withNoData().as(sql\`select 1 as x\`);
export const external = pgView('ext_view', { id: integer('id') }).existing();
`;

describe('fromDrizzleSnapshot: PostgreSQL roles, policies, views, index options and casing', () => {
  let snapshot: Snapshot;
  let sql: string;
  let project: DrizzleProject;
  beforeAll(() => {
    project = createDrizzleProject('postgresql', { casing: 'snake_case', config: { entities: { roles: true } } });
    projects.push(project);
    const tag = project.generate(pgExtrasSchema, 'extras');
    sql = readFileSync(join(project.out, `${tag}.sql`), 'utf8');
    snapshot = fromDrizzleSnapshot(project.snapshot(tag));
  });

  it('uses database names, with casing applied', () => {
    expect(sql).toContain('"item_name" text');
    const items = tableOf(snapshot, 'items');
    expect(items.columns.map((c) => c.name)).toEqual(['id', 'item_name', 'loud', 'owner_name']);
    expect(items.columns[2]).toEqual(col('loud', 'text', { generated: { as: 'upper(item_name)', type: 'stored' } }));
  });

  it('maps roles, row-level security and policies', () => {
    expect(sql).toContain('CREATE ROLE "admin" WITH CREATEROLE NOINHERIT;');
    expect(snapshot.roles).toEqual([{ name: 'admin', createDb: false, createRole: true, inherit: false }]);
    const items = tableOf(snapshot, 'items');
    expect(items.rlsEnabled).toBe(true);
    expect(items.policies).toEqual([{ name: 'items_owner', as: 'restrictive', for: 'select', to: ['admin', 'public'], using: '"owner_name" = current_user', withCheck: undefined }]);
  });

  it('keeps index methods, operator classes, storage options and concurrently', () => {
    expect(sql).toContain(`CREATE INDEX "items_name_gin" ON "items" USING gin (to_tsvector('english', "item_name")) WITH (fastupdate=false);`);
    expect(tableOf(snapshot, 'items').indexes).toEqual([
      {
        name: 'items_name_gin',
        columns: [{ expression: `to_tsvector('english', "item_name")`, isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }],
        unique: false,
        where: undefined,
        method: 'gin',
        concurrently: false,
        with: { fastupdate: 'false' },
      },
      {
        name: 'items_name_ops',
        columns: [{ expression: '"item_name"', isExpression: false, order: 'asc', nulls: 'last', opClass: 'text_pattern_ops' }],
        unique: false,
        where: undefined,
        method: 'btree',
        concurrently: true,
        with: undefined,
      },
    ]);
  });

  it('maps views: options as DDL names them, no definition for existing ones', () => {
    expect(sql).toContain('WITH (check_option = local, security_barrier = true)');
    expect(snapshot.views).toEqual(
      expect.arrayContaining([
        { schema: 'public', name: 'items_view', definition: 'select id from items', materialized: false, options: { 'with.check_option': 'local', 'with.security_barrier': true } },
        { schema: 'public', name: 'items_mv', definition: 'select 1 as x', materialized: true, options: { withNoData: true } },
        { schema: 'public', name: 'ext_view', definition: undefined, materialized: false, options: {} },
      ]),
    );
    expect(snapshot.views).toHaveLength(3);
  });

  it('equals what sluice serializes for the same schema', async () => {
    const entities = await project.importWithSluice(pgExtrasSchema);
    const { version: _v, id: _i, prevIds: _p, ...converted } = snapshot;
    expect(canonicalModel(pgSerialize(Object.values(entities), { casing: 'snake_case' }))).toEqual(canonicalModel(converted));
  });
});

describe('fromDrizzleSnapshot: MySQL (drizzle-kit 0.31, version 5)', () => {
  let g: ReturnType<typeof generated>;
  beforeAll(() => {
    g = generated('mysql', mysqlSchema);
  });

  it('spells columns as DDL writes them', () => {
    expect(g.snapshot.dialect).toBe('mysql');
    expect(g.snapshot.schemas).toEqual([]);
    expect(g.snapshot.enums).toEqual([]);
    const users = tableOf(g.snapshot, 'users');
    expect(users.schema).toBeUndefined();
    expect(users.columns).toEqual([
      col('id', 'serial', { notNull: true, autoincrement: true }),
      col('name', 'varchar(100)', { notNull: true, default: "'anon'" }),
      col('email', 'varchar(256)', { notNull: true }),
      col('age', 'int', { default: '0' }),
      col('uage', 'int unsigned'),
      col('balance', 'decimal(10,2)', { default: "'0.00'" }),
      col('active', 'boolean', { notNull: true, default: 'true' }),
      col('updated_at', 'timestamp', { default: '(now())', onUpdate: 'current_timestamp' }),
      col('meta', 'json', { default: `('{"a":1}')` }),
      col('mood', "enum('sad','ok','happy')", { default: "'ok'" }),
      col('body', 'text'),
      col('shout', 'varchar(200)', { generated: { as: "concat(name, '!')", type: 'virtual' } }),
    ]);
  });

  it('maps keys, checks and indexes (expressions told apart from columns)', () => {
    const users = tableOf(g.snapshot, 'users');
    expect(users.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    expect(users.uniques).toEqual([
      { name: 'users_email_unique', columns: ['email'], nullsNotDistinct: false },
      { name: 'name_age_uq', columns: ['name', 'age'], nullsNotDistinct: false },
    ]);
    expect(users.checks).toEqual([{ name: 'age_check', expression: '`age` >= 0' }]);
    const asc = { isExpression: false, order: 'asc', nulls: 'last', opClass: undefined } as const;
    expect(users.indexes).toEqual([
      {
        name: 'users_name_idx',
        columns: [
          { expression: '`name`', ...asc },
          { expression: '`age`', ...asc },
        ],
        unique: false,
        where: undefined,
        method: undefined,
        concurrently: false,
        with: undefined,
      },
      { name: 'users_lower_name', columns: [{ ...asc, expression: '(lower(`name`))', isExpression: true }], unique: true, where: undefined, method: undefined, concurrently: false, with: undefined },
    ]);
    const posts = tableOf(g.snapshot, 'posts');
    expect(posts.primaryKey).toEqual({ name: 'PRIMARY', columns: ['user_id', 'slug'] });
    expect(posts.columns.find((c) => c.name === 'n')).toEqual(col('n', 'int', { autoincrement: true }));
    expect(posts.foreignKeys).toEqual([{ name: 'posts_user_id_users_id_fk', columns: ['user_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
  });

  it('equals what sluice serializes for the same schema', async () => {
    const entities = await g.project.importWithSluice(mysqlSchema);
    const { version: _v, id: _i, prevIds: _p, ...converted } = g.snapshot;
    expect(canonicalModel(mysqlSerialize(Object.values(entities), { casing: undefined }))).toEqual(canonicalModel(converted));
  });
});

describe('fromDrizzleSnapshot: SQLite (drizzle-kit 0.31, version 6)', () => {
  let g: ReturnType<typeof generated>;
  beforeAll(() => {
    g = generated('sqlite', sqliteSchema);
  });

  it('spells columns as DDL writes them', () => {
    const users = tableOf(g.snapshot, 'users');
    expect(users.columns).toEqual([
      col('id', 'integer', { notNull: true, autoincrement: true }),
      col('name', 'text', { notNull: true, default: "'anon'" }),
      col('email', 'text(256)', { notNull: true }),
      col('age', 'integer', { default: '0' }),
      col('active', 'integer', { notNull: true, default: '1' }),
      col('created_at', 'integer', { notNull: true, default: '(unixepoch())' }),
      col('meta', 'text', { default: `'{"a":1}'` }),
      col('ratio', 'real', { default: '1.5' }),
      col('shout', 'text', { generated: { as: 'upper(name)', type: 'stored' } }),
    ]);
  });

  it('maps keys, checks and indexes, and they exist under those names in the database', () => {
    const users = tableOf(g.snapshot, 'users');
    expect(users.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    expect(users.checks).toEqual([{ name: 'age_check', expression: '"age" >= 0' }]);
    expect(users.indexes).toEqual([
      {
        name: 'users_name_idx',
        columns: [
          { expression: '"name"', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined },
          { expression: '"age"', isExpression: false, order: 'asc', nulls: 'last', opClass: undefined },
        ],
        unique: false,
        where: '"active" = 1',
        method: undefined,
        concurrently: false,
        with: undefined,
      },
      { name: 'users_lower_email', columns: [{ expression: 'lower("email")', isExpression: true, order: 'asc', nulls: 'last', opClass: undefined }], unique: true, where: undefined, method: undefined, concurrently: false, with: undefined },
    ]);
    const posts = tableOf(g.snapshot, 'posts');
    expect(posts.primaryKey).toEqual({ name: 'PRIMARY', columns: ['user_id', 'slug'] });
    expect(posts.foreignKeys).toEqual([{ name: 'posts_user_id_users_id_fk', columns: ['user_id'], tableTo: 'users', schemaTo: undefined, columnsTo: ['id'], onDelete: 'cascade', onUpdate: 'no action' }]);
  });

  it('agrees with the database drizzle built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    await migrateWithDrizzle(g.project.out, { dialect: 'sqlite', file });
    const db = new Database(file);
    try {
      const indexes = db.prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name`).all() as { name: string }[];
      expect(indexes.map((r) => r.name)).toEqual(['users_lower_email', 'users_name_idx']);
      const cols = db.prepare(`select name, type, "notnull" as nn, dflt_value as dflt, pk from pragma_table_xinfo('users') order by cid`).all() as { name: string; type: string; nn: number; dflt: string | null; pk: number }[];
      const users = tableOf(g.snapshot, 'users');
      // SQLite keeps an expression default without the parentheses DDL needs around it.
      // drizzle-kit wrote the boolean default as `true`, which SQLite reads as the model's 1.
      const stored = (text: string | undefined) => text?.replace(/^\((.*)\)$/, '$1');
      const read = (text: string | null) => (text === 'true' ? '1' : text === 'false' ? '0' : (text ?? undefined));
      expect(cols.map((c) => [c.name, c.type.toLowerCase(), c.nn === 1, read(c.dflt)])).toEqual(users.columns.map((c) => [c.name, c.type, c.notNull, stored(c.default)]));
      expect(() => db.prepare(`insert into users (name, email, age) values ('a', 'a@x', -1)`).run()).toThrow(/age_check/);
    } finally {
      db.close();
    }
  });

  it('equals what sluice serializes for the same schema', async () => {
    const entities = await g.project.importWithSluice(sqliteSchema);
    const { version: _v, id: _i, prevIds: _p, ...converted } = g.snapshot;
    expect(canonicalModel(sqliteSerialize(Object.values(entities), { casing: undefined }))).toEqual(canonicalModel(converted));
  });
});

describe('fromDrizzleSnapshot: spellings drizzle-kit writes outside these schemas', () => {
  const pgTable = (extra: Record<string, unknown>) => ({
    name: 't',
    schema: '',
    columns: {},
    indexes: {},
    foreignKeys: {},
    compositePrimaryKeys: {},
    uniqueConstraints: {},
    policies: {},
    checkConstraints: {},
    isRLSEnabled: false,
    ...extra,
  });
  const pg = (extra: Record<string, unknown>) => ({ id: 'b', prevId: 'a', version: '7', dialect: 'postgresql', tables: {}, enums: {}, schemas: {}, sequences: {}, roles: {}, policies: {}, views: {}, _meta: {}, ...extra });

  it('reads column-level uniques of older 0.x snapshots as unique constraints', () => {
    const s = fromDrizzleSnapshot(
      pg({
        tables: {
          'public.t': pgTable({
            columns: { a: { name: 'a', type: 'text', primaryKey: false, notNull: false, isUnique: true, uniqueName: 't_a_key', nullsNotDistinct: true }, b: { name: 'b', type: 'text', primaryKey: false, notNull: false, isUnique: true } },
          }),
        },
      }),
    );
    expect(s.prevIds).toEqual(['a']);
    expect(s.tables[0]!.uniques).toEqual([
      { name: 't_a_key', columns: ['a'], nullsNotDistinct: true },
      { name: 't_b_unique', columns: ['b'], nullsNotDistinct: false },
    ]);
  });

  it('attaches linked policies to the table they name', () => {
    const s = fromDrizzleSnapshot(pg({ tables: { 'public.t': pgTable({}) }, policies: { p: { name: 'p', as: 'PERMISSIVE', for: 'INSERT', to: ['public'], withCheck: 'true', on: '"public"."t"' } } }));
    expect(s.tables[0]!.policies).toEqual([{ name: 'p', as: 'permissive', for: 'insert', to: ['public'], using: undefined, withCheck: 'true' }]);
  });

  it('drops the options drizzle-kit fills in for descending sequences and identities, keeps the rest', () => {
    const s = fromDrizzleSnapshot(
      pg({
        sequences: { 'public.down': { name: 'down', schema: 'public', increment: '-1', minValue: '-9223372036854775808', maxValue: '-1', startWith: '-1', cache: '1', cycle: true } },
        tables: {
          'public.t': pgTable({
            columns: {
              n: {
                name: 'n',
                type: 'smallint',
                primaryKey: false,
                notNull: true,
                identity: { type: 'byDefault', name: 't_n_seq', schema: 'public', increment: '1', minValue: '1', maxValue: '1000', startWith: '1', cache: '10', cycle: false },
              },
            },
          }),
        },
      }),
    );
    expect(s.sequences).toEqual([{ schema: 'public', name: 'down', increment: '-1', minValue: undefined, maxValue: undefined, startWith: undefined, cache: undefined, cycle: true }]);
    expect(s.tables[0]!.columns[0]!.identity).toEqual({ type: 'byDefault', name: undefined, increment: undefined, minValue: undefined, maxValue: '1000', startWith: undefined, cache: '10', cycle: false });
  });
});

describe('fromDrizzleSnapshot: refusals', () => {
  const base = { id: 'a', prevId: '00000000-0000-0000-0000-000000000000', tables: {}, enums: {}, schemas: {}, _meta: {} };

  it('refuses what is not a snapshot', () => {
    expect(() => fromDrizzleSnapshot(null)).toThrow(DrizzleSnapshotError);
    expect(() => fromDrizzleSnapshot([])).toThrow(/expected a JSON object/);
    expect(() => fromDrizzleSnapshot({ ...base, version: '7', dialect: 'oracle' })).toThrow(/unsupported dialect "oracle"/);
  });

  it('refuses versions other than the ones drizzle-kit 0.31 writes, naming them', () => {
    expect(() => fromDrizzleSnapshot({ ...base, version: '5', dialect: 'postgresql' })).toThrow(/unsupported snapshot version "5" for postgresql \(expected "7"/);
    expect(() => fromDrizzleSnapshot({ ...base, version: '4', dialect: 'mysql' })).toThrow(/unsupported snapshot version "4" for mysql/);
    expect(() => fromDrizzleSnapshot({ version: '8', dialect: 'postgres', id: 'x', prevIds: [], ddl: [], renames: [] })).toThrow(/unsupported snapshot version "8" \(drizzle-kit 1.0's format, dialect "postgres"\)/);
  });

  it('names the broken part of a malformed snapshot', () => {
    expect(() => fromDrizzleSnapshot({ ...base, version: '6', dialect: 'sqlite', tables: { t: { name: 't', columns: { c: { name: 'c' } } } } })).toThrow(/table t\.columns\.type is missing/);
    expect(() => fromDrizzleSnapshot({ ...base, version: '6', dialect: 'sqlite', tables: { t: { name: 't', columns: {}, foreignKeys: { f: { name: 'f', tableTo: 'u', columnsFrom: [], columnsTo: [], onDelete: 'explode' } } } } })).toThrow(
      /unknown referential action 'explode'/,
    );
  });
});
