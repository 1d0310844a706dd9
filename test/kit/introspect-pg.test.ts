/**
 * PostgreSQL introspection: a database created from a schema with the kit introspects to the
 * serializer's model of that schema, feature by feature and for one rich schema; schema
 * filtering, tracking tables, and speed on a 1,000-table database with a fixed query count.
 * Runs on PGlite, and on the server when SLUICE_PG_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, gt, lt, inArray, isNotNull, isNull, like, notInArray, or, sql } from 'sluice';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgMaterializedView,
  pgPolicy,
  pgRole,
  pgSchema,
  pgSequence,
  pgTable,
  pgView,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'sluice/pg-core';
import { pgIntrospect, pgViewDefinitionsAsDatabase } from '../../src/dialects/pg/kit/introspect.js';
import { jsonbText, normalizeDefault, normalizeExpression, normalizeType } from '../../src/dialects/pg/kit/introspect-normalize.js';
import type { SchemaModel } from '../../src/kit/model.js';
import { canonical, countingSession, createFromSchema, createStatements, introspectLike, introspectTargets, resetDatabase, type IntrospectDatabase } from './support/pg-introspect-support.js';

const tag = randomBytes(3).toString('hex');

/** Views compare without their definitions: PostgreSQL keeps its rewrite of the query, not the text. */
const withoutViewText = (m: SchemaModel): SchemaModel => ({ ...m, views: m.views.map((v) => ({ ...v, definition: v.definition === undefined ? undefined : '<query>' })) });

describe('PostgreSQL catalog text normalisation', () => {
  it('spells types as the serializer does', () => {
    expect(normalizeType('character varying(100)')).toBe('varchar(100)');
    expect(normalizeType('timestamp(3) without time zone')).toBe('timestamp(3)');
    expect(normalizeType('timestamp with time zone')).toBe('timestamp with time zone');
    expect(normalizeType('numeric(10,2)')).toBe('numeric(10, 2)');
    expect(normalizeType('character varying[]')).toBe('varchar[]');
    expect(normalizeType('integer[]')).toBe('integer[]');
  });

  it('drops the casts PostgreSQL adds to defaults and reformats JSON and arrays', () => {
    const cols = new Set(['a']);
    expect(normalizeDefault(`'x'::text`, 'text', cols)).toBe(`'x'`);
    expect(normalizeDefault(`'happy'::mood`, 'mood', cols)).toBe(`'happy'`);
    expect(normalizeDefault(`'9007199254740993'::bigint`, 'bigint', cols)).toBe('9007199254740993');
    expect(normalizeDefault(`'{"a": 1}'::jsonb`, 'jsonb', cols)).toBe(`'{"a":1}'::jsonb`);
    expect(normalizeDefault(`'{a,"b \\"c\\""}'::text[]`, 'text[]', cols)).toBe(`'{"a","b \\"c\\""}'`);
    expect(normalizeDefault(`'{1,2}'::integer[]`, 'integer[]', cols)).toBe(`'{1,2}'`);
    expect(normalizeDefault('now()', 'timestamp', cols)).toBe('now()');
    expect(normalizeDefault('(1 + 2)', 'integer', cols)).toBe('(1 + 2)');
    // jsonb orders keys by length, then bytes; the serializer writes them that way too.
    expect(jsonbText({ theme: 'x', n: [1, { bb: 1, a: 2 }], 10: true })).toBe('{"n":[1,{"a":2,"bb":1}],"10":true,"theme":"x"}');
  });

  it('quotes column names, drops implicit text casts and outer parentheses in expressions', () => {
    const cols = new Set(['age', 'email', 'Name']);
    expect(normalizeExpression('(age >= 0)', cols)).toBe('"age" >= 0');
    expect(normalizeExpression('lower((email)::text)', cols)).toBe('lower("email")');
    expect(normalizeExpression(`(email = CURRENT_USER)`, cols)).toBe('"email" = current_user');
    expect(normalizeExpression(`("Name" <> 'age'::text)`, cols)).toBe(`"Name" <> 'age'`);
    expect(normalizeExpression('((age >= 0) AND ((age < 200) OR (email IS NULL)))', cols)).toBe('"age" >= 0 and ("age" < 200 or "email" is null)');
    expect(normalizeExpression(`((age > 1) AND ((age < 9) AND (email ~~ 'a%'::text)))`, cols)).toBe(`"age" > 1 and "age" < 9 and "email" like 'a%'`);
    expect(normalizeExpression(`((age > 1) OR ((age < 9) AND (email IS NOT NULL)))`, cols)).toBe(`"age" > 1 or ("age" < 9 and "email" is not null)`);
    expect(normalizeExpression(`(email = ANY (ARRAY['a]'::text, 'b'::text]))`, cols)).toBe(`"email" in ('a]', 'b')`);
    expect(normalizeExpression(`(age > (0)::numeric)`, cols)).toBe(`"age" > 0`);
    expect(normalizeExpression(`((email = '(x'::text) OR (age > 1))`, cols)).toBe(`"email" = '(x' or "age" > 1`);
  });
});

describe.each(introspectTargets)('pgIntrospect on $name', ({ open }) => {
  let db: IntrospectDatabase;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db.session);
  });

  const roundTrip = async (entities: unknown[]) => {
    const expected = await createFromSchema(db.session, entities);
    const actual = await introspectLike(db.session, expected);
    expect(canonical(withoutViewText(actual))).toEqual(canonical(withoutViewText(expected)));
    return { expected, actual };
  };

  it('reads column types with their parameters, arrays and serials', async () => {
    const t = pgTable('typed', {
      id: serial().primaryKey(),
      small: smallint(),
      big: bigint({ mode: 'number' }),
      name: varchar({ length: 100 }).notNull(),
      code: char({ length: 3 }),
      amount: numeric({ precision: 10, scale: 2 }),
      ratio: real(),
      dbl: doublePrecision(),
      at: timestamp({ precision: 3 }),
      atTz: timestamp({ withTimezone: true }),
      t: time(),
      d: date(),
      ids: integer().array(),
      tags: text().array(),
      u: uuid(),
      flag: boolean(),
      doc: jsonb(),
    });
    const { actual } = await roundTrip([t]);
    const types = Object.fromEntries(actual.tables[0]!.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ id: 'serial', name: 'varchar(100)', amount: 'numeric(10, 2)', at: 'timestamp(3)', atTz: 'timestamp with time zone', ids: 'integer[]' });
    expect(actual.sequences).toEqual([]);
  });

  it('reads defaults of each kind', async () => {
    const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
    const t = pgTable('defaults', {
      a: text().default("O'Brien"),
      b: integer().default(42),
      c: bigint({ mode: 'bigint' }).default(9007199254740993n),
      d: boolean().default(true),
      e: jsonb().default({ theme: "it's dark", n: [1, 2] }),
      f: text().array().default(['a', 'b "c"']),
      g: integer().array().default([1, 2]),
      h: timestamp().defaultNow(),
      i: uuid().defaultRandom(),
      j: mood().default('ok'),
      k: integer().default(sql`(1 + 2)`),
      l: integer().default(-5),
      m: date().default('2000-01-01'),
      n: numeric({ precision: 10, scale: 2 }).default('1.50'),
      o: timestamp({ withTimezone: true }).default(new Date('2024-01-02T03:04:05.678Z')),
      p: timestamp().default(new Date('2024-01-02T03:04:05.678Z')),
      q: real().default(1.5),
      r: smallint().default(-1),
      s: varchar({ length: 10 }).default('x'),
      u: text().default(''),
      v: integer().array().array(),
    });
    const { actual } = await roundTrip([mood, t]);
    const defaults = Object.fromEntries(actual.tables[0]!.columns.map((c) => [c.name, c.default]));
    expect(defaults).toMatchObject({ a: `'O''Brien'`, c: '9007199254740993', j: `'ok'`, h: 'now()', n: `'1.50'`, o: `'2024-01-02T03:04:05.678Z'`, r: '-1' });
  });

  it('reads identity columns with their sequence options and generated columns', async () => {
    const t = pgTable('ids', {
      a: integer().generatedAlwaysAsIdentity({ startWith: 100, increment: 5, cache: 10, maxValue: 100000 }),
      b: bigint({ mode: 'number' }).generatedByDefaultAsIdentity({ name: 'ids_b_custom_seq', cycle: true }),
      c: integer().generatedAlwaysAsIdentity(),
      x: integer(),
      y: integer().generatedAlwaysAs(sql`"x" * 2`),
    });
    const { actual } = await roundTrip([t]);
    const [a, b, c] = actual.tables[0]!.columns;
    expect(a!.identity).toMatchObject({ type: 'always', startWith: '100', increment: '5', cache: '10', maxValue: '100000', name: undefined });
    expect(b!.identity).toMatchObject({ type: 'byDefault', name: 'ids_b_custom_seq', cycle: true });
    expect(c!.identity).toMatchObject({ type: 'always', increment: undefined });
    expect(actual.tables[0]!.columns[4]!.generated).toEqual({ as: '"x" * 2', type: 'stored' });
    expect(actual.sequences).toEqual([]);
  });

  it('reads keys, foreign keys with actions, uniques and checks', async () => {
    const parents = pgTable('parents', { a: integer().notNull(), b: integer().notNull(), code: text().unique() }, (t) => [primaryKey({ columns: [t.a, t.b] })]);
    const kids = pgTable(
      'kids',
      {
        id: integer().primaryKey(),
        pa: integer(),
        pb: integer(),
        age: integer(),
        parent: integer().references((): AnyPgColumn => kids.id, { onDelete: 'cascade', onUpdate: 'set null' }),
        email: text(),
      },
      (t) => [
        foreignKey({ columns: [t.pa, t.pb], foreignColumns: [parents.a, parents.b], name: 'kids_parent_fk' }).onDelete('restrict'),
        unique('kids_email_nnd').on(t.email).nullsNotDistinct(),
        check('kids_age_ok', sql`${t.age} >= 0 and ${t.age} < 200`),
        check('kids_email_lower', sql`${t.email} = lower(${t.email})`),
      ],
    );
    const { actual } = await roundTrip([parents, kids]);
    const k = actual.tables.find((t) => t.name === 'kids')!;
    expect(k.checks.find((c) => c.name === 'kids_age_ok')!.expression).toBe('"age" >= 0 and "age" < 200');
    expect(k.foreignKeys.find((f) => f.name === 'kids_parent_fk')).toMatchObject({ onDelete: 'restrict', columnsTo: ['a', 'b'] });
  });

  it('reads checks and index predicates written with the query operators', async () => {
    const t = pgTable('ops', { status: text(), score: numeric({ precision: 6, scale: 2 }), n: integer(), name: text(), gone: timestamp() }, (t) => [
      check('ops_status', inArray(t.status, ['new', 'done'])),
      check('ops_not_status', notInArray(t.status, ['bad', 'worse'])),
      check('ops_score', gt(t.score, '0')),
      check('ops_n', and(gt(t.n, 1), lt(t.n, 10), or(isNull(t.name), like(t.name, 'a%')))!),
      check('ops_gone', isNotNull(t.gone)),
      index('ops_live').on(t.name).where(isNull(t.gone)),
    ]);
    await roundTrip([t]);
  });

  it('reads indexes with expressions, order, nulls, where, method and options', async () => {
    const t = pgTable('people', { id: integer(), name: text(), email: text(), active: boolean(), tags: text().array(), at: timestamp() }, (t) => [
      index('people_lower_email').on(sql`lower(${t.email})`),
      index().on(t.name.desc(), t.at.asc().nullsFirst()),
      uniqueIndex('people_active_email').on(t.email).where(sql`${t.active} = true`),
      index('people_tags').using('gin', t.tags),
      index('people_name_fill').on(t.name).with({ fillfactor: '70' }),
      index('people_name_pattern').on(t.name.op('text_pattern_ops')),
    ]);
    const { actual } = await roundTrip([t]);
    const idx = actual.tables[0]!.indexes.find((i) => i.name === 'people_lower_email')!;
    expect(idx.columns[0]).toMatchObject({ expression: 'lower("email")', isExpression: true });
  });

  it('reads enums, schemas, sequences, and enums used by columns of other schemas', async () => {
    const auth = pgSchema('auth');
    const level = auth.enum('level', ['low', 'high']);
    const seq = pgSequence('order_numbers', { startWith: 1000, increment: 2, cache: 10 });
    const down = auth.sequence('countdown', { increment: -1, cycle: true });
    const t = auth.table('grants', { id: serial().primaryKey(), level: level().default('low'), levels: level().array() });
    const { actual } = await roundTrip([auth, level, seq, down, t]);
    expect(actual.schemas).toEqual(['auth']);
    expect(actual.tables[0]!.columns[1]).toMatchObject({ type: 'level', typeSchema: 'auth' });
    expect(actual.tables[0]!.columns[2]).toMatchObject({ type: 'level[]', typeSchema: 'auth' });
  });

  it('reads views and materialized views with their options', async () => {
    const t = pgTable('items', { id: integer(), price: integer() });
    const v = pgView('cheap_items')
      .with({ securityBarrier: true, checkOption: 'local' })
      .as((qb) => qb.select().from(t).where(sql`${t.price} < 10`));
    const m = pgMaterializedView('item_counts')
      .withNoData()
      .as((qb) => qb.select({ n: sql<number>`count(*)`.as('n') }).from(t));
    const { actual, expected } = await roundTrip([t, v, m]);
    const view = actual.views.find((x) => x.name === 'cheap_items')!;
    expect(view.definition).toMatch(/FROM items/i);
    const schemaSide = await pgViewDefinitionsAsDatabase(db.session, expected);
    expect(canonical(actual)).toEqual(canonical(schemaSide));
    // A view whose query cannot run against the database keeps the schema's text.
    const broken = { ...expected, views: [{ ...expected.views[0]!, definition: 'select missing from nowhere' }] };
    expect((await pgViewDefinitionsAsDatabase(db.session, broken)).views[0]!.definition).toBe('select missing from nowhere');
    expect(await db.session.query(`select relname from pg_class where relname like '__sluice_view%'`)).toEqual([]);
    expect(view.options).toEqual({ 'with.security_barrier': true, 'with.check_option': 'local' });
    expect(actual.views.find((x) => x.name === 'item_counts')!.options).toEqual({ withNoData: true });
  });

  it('reads roles, row-level security and policies', async () => {
    const admin = pgRole(`admin_${tag}`, { createRole: true, inherit: false });
    const reader = pgRole(`reader_${tag}`);
    const t = pgTable('docs', { id: integer(), owner: text() }, (t) => [
      pgPolicy('owner reads', { for: 'select', to: [admin, reader], using: sql`${t.owner} = current_user` }),
      pgPolicy('admins write', { as: 'restrictive', for: 'insert', to: admin, withCheck: sql`${t.id} > 0` }),
      pgPolicy('everyone'),
    ]);
    const locked = pgTable('locked', { id: integer() }).enableRLS();
    try {
      const { actual } = await roundTrip([admin, reader, t, locked]);
      expect(actual.tables.find((x) => x.name === 'locked')!.rlsEnabled).toBe(true);
      const all = await pgIntrospect(db.session, {});
      expect(all.roles.some((r) => r.name.startsWith('pg_'))).toBe(false);
      const [{ me }] = await db.session.query<{ me: string }>('select current_user as me');
      expect(all.roles.some((r) => r.name === me)).toBe(false);
      // PostgreSQL stores the role `current_user` names when the policy is created.
      await db.session.execute(`create policy "mine" on "docs" to current_user using (true)`);
      const docs = (await pgIntrospect(db.session, {})).tables.find((x) => x.name === 'docs')!;
      expect(docs.policies.find((p) => p.name === 'mine')).toMatchObject({ to: [me], using: 'true', for: 'all', as: 'permissive' });
    } finally {
      await db.session.execute(`drop owned by "admin_${tag}", "reader_${tag}"; drop role if exists "admin_${tag}"; drop role if exists "reader_${tag}"`);
    }
  });

  it('filters by options.schemas and leaves out the kit tracking tables', async () => {
    const app = pgSchema('app');
    const kind = app.enum('kind', ['x', 'y']);
    const unused = app.enum('unused', ['z']);
    const a = app.table('a', { id: integer() });
    const b = pgTable('b', { id: integer(), kinds: kind().array() });
    await createFromSchema(db.session, [app, kind, unused, a, b]);
    // An enum a selected table uses comes along from its schema; others there do not.
    const onlyPublic = await pgIntrospect(db.session, { schemas: ['public'] });
    expect(onlyPublic.enums).toEqual([{ schema: 'app', name: 'kind', values: ['x', 'y'] }]);
    expect(onlyPublic.tables[0]!.columns[1]).toMatchObject({ type: 'kind[]', typeSchema: 'app' });
    await db.session.execute('create schema sluice; create table sluice.__sluice_migrations (id serial primary key); create table public.__drizzle_migrations (id serial primary key)');
    const onlyApp = await pgIntrospect(db.session, { schemas: ['app', 'missing'] });
    expect(onlyApp.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['app.a']);
    expect(onlyApp.schemas).toEqual(['app']);
    expect(onlyApp.enums.map((e) => e.name)).toEqual(['kind', 'unused']);
    const steps: string[] = [];
    const all = await pgIntrospect(db.session, { onProgress: (s) => steps.push(s) });
    expect(all.tables.map((t) => `${t.schema}.${t.name}`).sort()).toEqual(['app.a', 'public.b']);
    expect(all.schemas).toEqual(['app']);
    expect(steps).toHaveLength(9);
    expect(steps[0]).toMatch(/^read \d+ tables$/);
    const explicit = await pgIntrospect(db.session, { schemas: ['sluice', 'public'] });
    expect(explicit.tables.map((t) => t.name)).toEqual(['b']);
    await expect(pgIntrospect(db.session, { schemas: [''] })).rejects.toThrow(/options\.schemas holds ""/);
  });

  it('reads a rich schema back as the serializer models it', async () => {
    const auth = pgSchema('auth');
    const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
    const level = auth.enum('level', ['low', 'high']);
    const seq = pgSequence('order_numbers', { startWith: 1000, increment: 2, cache: 10 });
    const role = pgRole(`rich_${tag}`, { createDb: true });
    const users = pgTable(
      'users',
      {
        id: serial().primaryKey(),
        email: varchar({ length: 256 }).notNull().unique(),
        name: text('Display Name').default("O'Brien"),
        mood: mood().default('ok'),
        moods: mood().array().default(['sad', 'happy']),
        settings: jsonb().default({ theme: 'dark' }),
        active: boolean().default(true),
        score: numeric({ precision: 10, scale: 2 }),
        big: bigint({ mode: 'bigint' }).default(9007199254740993n),
        createdAt: timestamp({ precision: 3 }).defaultNow().notNull(),
        token: uuid().defaultRandom(),
        lowerEmail: text().generatedAlwaysAs((): ReturnType<typeof sql> => sql`lower(${users.email})`),
        level: level(),
        managerId: integer().references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
        age: integer(),
      },
      (t) => [
        check('users_age_positive', sql`${t.age} > 0`),
        index('users_lower_email_idx').on(sql`lower(${t.email})`),
        index().on(t.name.desc(), t.createdAt.asc().nullsFirst()),
        uniqueIndex('users_active_email').on(t.email).where(sql`${t.active} = true`),
        pgPolicy('own rows', { for: 'select', to: [role], using: sql`${t.email} = current_user` }),
      ],
    );
    const orders = auth.table(
      'orders',
      {
        userId: integer()
          .notNull()
          .references(() => users.id, { onDelete: 'cascade' }),
        n: integer().notNull(),
        seqNo: bigint({ mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 10 }),
      },
      (t) => [primaryKey({ columns: [t.userId, t.n] })],
    );
    const active = pgView('active_users').as((qb) => qb.select().from(users).where(sql`${users.active} = true`));
    const counts = pgMaterializedView('user_counts').as((qb) => qb.select({ n: sql<number>`count(*)`.as('n') }).from(users));
    try {
      const expected = await createFromSchema(db.session, [auth, mood, level, seq, role, users, orders, active, counts]);
      const actual = await introspectLike(db.session, expected);
      // View queries compare once the database has printed the schema's side too.
      const schemaSide = await pgViewDefinitionsAsDatabase(db.session, expected);
      expect(schemaSide.views.find((v) => v.name === 'active_users')!.definition).toMatch(/^SELECT (users\.)?id,[\s\S]*FROM users\s+WHERE (users\.)?active = true$/);
      expect(canonical(actual)).toEqual(canonical(schemaSide));
      // Creating the introspected model gives the same statements as creating the schema's.
      expect(createStatements(withoutViewText(actual)).sort()).toEqual(createStatements(withoutViewText(expected)).sort());
    } finally {
      await db.session.execute(`drop owned by "rich_${tag}"; drop role if exists "rich_${tag}"`);
    }
  });

  it('introspects 1,000 tables in a fixed number of queries', { timeout: 120_000 }, async () => {
    const build = async (count: number) => {
      await resetDatabase(db.session);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) {
        const cols = Array.from({ length: 8 }, (_, j) => `c${j} text`).join(', ');
        parts.push(`create table t${i} (id integer primary key, ref integer${i > 0 ? ` references t${i - 1}(id)` : ''}, ${cols}); create index t${i}_c0 on t${i} (c0)`);
      }
      for (let i = 0; i < parts.length; i += 100) await db.session.execute(parts.slice(i, i + 100).join(';\n'));
    };
    await build(3);
    const small = countingSession(db.session);
    await pgIntrospect(small, {});
    await build(1000);
    const big = countingSession(db.session);
    const started = performance.now();
    const model = await pgIntrospect(big, {});
    const seconds = (performance.now() - started) / 1000;
    console.log(`introspected ${model.tables.length} tables in ${seconds.toFixed(2)} s with ${big.count} queries`);
    expect(model.tables).toHaveLength(1000);
    expect(model.tables.reduce((n, t) => n + t.columns.length, 0)).toBe(10_000);
    expect(model.tables.reduce((n, t) => n + t.foreignKeys.length + t.indexes.length, 0)).toBe(1999);
    expect(big.count).toBe(small.count);
    expect(seconds).toBeLessThan(10);
  });
});
