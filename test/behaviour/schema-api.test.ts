/**
 * pg-core schema API on every PostgreSQL target (PGlite, node-postgres, postgres.js): schemas
 * inside `sql` and their tables, views, enums and sequences; table creators; materialized views
 * and their refresh; network and geometric column types; enums from TypeScript enum objects.
 * Each test asserts the SQL text and the rows the database returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, DrizzleError, DrizzleQueryError, eq, getViewName, getViewSelectedFields, isTable, isView, placeholder, SluiceError, sql, UnsupportedError } from 'sluice';
import {
  alias,
  cidr,
  getMaterializedViewConfig,
  getTableConfig,
  getViewConfig,
  inet,
  integer,
  line,
  macaddr,
  macaddr8,
  PgDialect,
  pgEnum,
  pgMaterializedView,
  pgSchema,
  pgSequence,
  pgTable,
  pgTableCreator,
  point,
  serial,
  text,
} from 'sluice/pg-core';
import { openTarget, targetNames, type PgTarget } from '../support/targets.js';

const dialect = new PgDialect();

const mySchema = pgSchema('mySchema');
const publicUsers = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
const schemaUsers = mySchema.table('users', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id') });
const schemaSeq = mySchema.sequence('ticket_seq', { startWith: 100, increment: 5 });
const plainSeq = pgSequence('plain_seq');
const schemaMood = mySchema.enum('mood', ['sad', 'happy']);
const schemaView = mySchema.view('users_named_a').as((qb) => qb.select({ id: schemaUsers.id, name: schemaUsers.name }).from(schemaUsers).where(sql`${schemaUsers.name} like 'A%'`));

const prefixed = pgTableCreator((name) => `myprefix_${name}`);
const prefixedUsers = prefixed('users', { id: serial('id').primaryKey(), name: text('name').notNull() });

const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull() });
const users2 = pgTable('users2', { id: serial('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id').notNull() });
const newYorkers1 = pgMaterializedView('new_yorkers').as((qb) => qb.select().from(users2).where(eq(users2.cityId, 1)));
const newYorkers2 = pgMaterializedView('new_yorkers', { id: integer('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id').notNull() }).as(sql`select * from ${users2} where ${eq(users2.cityId, 1)}`);
const newYorkers3 = pgMaterializedView('new_yorkers', { id: integer('id').primaryKey(), name: text('name').notNull(), cityId: integer('city_id').notNull() }).existing();

const network = pgTable('network', {
  id: serial('id').primaryKey(),
  inet: inet('inet').notNull(),
  cidr: cidr('cidr').notNull(),
  macaddr: macaddr('macaddr').notNull(),
  macaddr8: macaddr8('macaddr8').notNull(),
  inets: inet('inets').array(),
  cidrs: cidr('cidrs').array(),
  macaddrs: macaddr('macaddrs').array(),
});
const geometry = pgTable('geometry', {
  id: serial('id').primaryKey(),
  point: point('point'),
  pointXY: point('point_xy', { mode: 'xy' }),
  line: line('line'),
  lineABC: line('line_abc', { mode: 'abc' }),
  points: point('points').array(),
  pointsXY: point('points_xy', { mode: 'xy' }).array(),
  lines: line('lines').array(),
  linesABC: line('lines_abc', { mode: 'abc' }).array(),
});

enum Mood {
  Sad = 'sad',
  Ok = 'ok',
  Happy = 'happy',
}
const moodFromEnum = pgEnum('mood_from_enum', Mood);
const diary = pgTable('diary', { id: serial('id').primaryKey(), mood: moodFromEnum('mood').notNull() });

for (const name of targetNames()) {
  describe(`pg-core API on ${name}`, () => {
    let target: PgTarget;
    let db: Awaited<ReturnType<PgTarget['open']>>;
    beforeAll(async () => {
      target = await openTarget(name);
      db = await target.open();
    });
    afterAll(() => target.close());

    it('renders a pgSchema inside sql as its quoted name, and creates it with that', async () => {
      const create = sql`create schema if not exists ${mySchema}`;
      expect(dialect.sqlToQuery(create)).toEqual({ sql: 'create schema if not exists "mySchema"', params: [] });
      await db.execute(create);
      await db.execute(sql`create table ${schemaUsers} (id serial primary key, name text not null, city_id integer)`);
      await db.execute(sql`create table ${publicUsers} (id serial primary key, name text not null)`);
      const rows = await db.execute<{ n: string }>(sql`select nspname as n from pg_namespace where nspname = ${mySchema.schemaName}`);
      expect(rows.rows ?? rows).toEqual([{ n: 'mySchema' }]);
    });

    it('selects from tables with the same name in different schemas, using an alias', async () => {
      await db.insert(schemaUsers).values([{ name: 'Ann', cityId: 1 }, { name: 'Bob' }]);
      await db.insert(publicUsers).values({ name: 'Public Ann' });
      const customer = alias(publicUsers, 'customer');
      const q = db.select({ schemaName: schemaUsers.name, publicName: customer.name }).from(schemaUsers).leftJoin(customer, eq(customer.id, schemaUsers.id)).orderBy(asc(schemaUsers.id));
      expect(q.toSQL().sql).toBe('select "mySchema"."users"."name", "customer"."name" from "mySchema"."users" left join "users" "customer" on "customer"."id" = "mySchema"."users"."id" order by "mySchema"."users"."id" asc');
      expect(await q).toEqual([
        { schemaName: 'Ann', publicName: 'Public Ann' },
        { schemaName: 'Bob', publicName: null },
      ]);
    });

    it('declares views, enums and sequences in a schema; a sequence renders schema-qualified in sql', async () => {
      expect(dialect.sqlToQuery(sql`create sequence ${schemaSeq} start with 100 increment by 5`).sql).toBe('create sequence "mySchema"."ticket_seq" start with 100 increment by 5');
      expect(dialect.sqlToQuery(sql`drop sequence ${plainSeq}`).sql).toBe('drop sequence "plain_seq"');
      expect([schemaSeq.seqName, schemaSeq.schema, schemaSeq.seqOptions]).toEqual(['ticket_seq', 'mySchema', { startWith: 100, increment: 5 }]);
      await db.execute(sql`create sequence ${schemaSeq} start with 100 increment by 5`);
      const next = await db.execute<{ v: number }>(sql`select nextval(${'"mySchema"."ticket_seq"'}::regclass)::int as v`);
      expect(next.rows ?? next).toEqual([{ v: 100 }]);

      expect([schemaMood.enumName, schemaMood.schema, schemaMood.enumValues]).toEqual(['mood', 'mySchema', ['sad', 'happy']]);
      await db.execute(sql`create type "mySchema"."mood" as enum ('sad', 'happy')`);
      const moods = mySchema.table('moods', { id: serial('id').primaryKey(), mood: schemaMood('mood').notNull() });
      await db.execute(sql`create table ${moods} (id serial primary key, mood "mySchema"."mood" not null)`);
      await db.insert(moods).values({ mood: 'happy' });
      expect(await db.select({ mood: moods.mood }).from(moods)).toEqual([{ mood: 'happy' }]);

      const viewConfig = getViewConfig(schemaView);
      expect([viewConfig.name, viewConfig.schema, viewConfig.isExisting]).toEqual(['users_named_a', 'mySchema', false]);
      await db.execute(sql`create view ${schemaView} as ${viewConfig.query}`);
      const q = db.select().from(schemaView);
      expect(q.toSQL().sql).toMatch(/ from "mySchema"\."users_named_a"$/);
      expect(await q).toEqual([{ id: 1, name: 'Ann' }]);

      const counts = mySchema.materializedView('user_counts').as((qb) => qb.select({ n: sql<number>`count(*)::int`.as('n') }).from(schemaUsers));
      await db.execute(sql`create materialized view ${counts} as ${getMaterializedViewConfig(counts).query}`);
      await db.insert(schemaUsers).values({ name: 'Cy' });
      expect(await db.select().from(counts)).toEqual([{ n: 2 }]);
      const refresh = db.refreshMaterializedView(counts);
      expect(refresh.toSQL().sql).toBe('refresh materialized view "mySchema"."user_counts"');
      await refresh;
      expect(await db.select().from(counts)).toEqual([{ n: 3 }]);
    });

    it('names tables through pgTableCreator, keeping the TypeScript name as baseName', async () => {
      await db.execute(sql`create table ${prefixedUsers} (id serial primary key, name text not null)`);
      await db.insert(prefixedUsers).values({ name: 'John' });
      const select = db.select().from(prefixedUsers);
      expect(select.toSQL().sql).toBe('select "id", "name" from "myprefix_users"');
      expect(await select).toEqual([{ id: 1, name: 'John' }]);
      const config = getTableConfig(prefixedUsers);
      expect([config.name, config.baseName, config.schema]).toEqual(['myprefix_users', 'users', undefined]);
    });

    it('creates a materialized view from its config, selects from it and refreshes it', async () => {
      await db.execute(sql`create table ${cities} (id serial primary key, name text not null)`);
      await db.execute(sql`create table ${users2} (id serial primary key, name text not null, city_id integer not null)`);
      const config = getMaterializedViewConfig(newYorkers1);
      expect(dialect.sqlToQuery(sql`create materialized view ${newYorkers1} as ${config.query}`).sql).toBe('create materialized view "new_yorkers" as select "id", "name", "city_id" from "users2" where "users2"."city_id" = 1');
      await db.execute(sql`create materialized view ${newYorkers1} as ${config.query}`);
      await db.insert(cities).values([{ name: 'New York' }, { name: 'Paris' }]);
      await db.insert(users2).values([
        { name: 'John', cityId: 1 },
        { name: 'Jane', cityId: 1 },
        { name: 'Jack', cityId: 2 },
      ]);
      // Created before the rows: empty until refreshed.
      expect(await db.select().from(newYorkers1)).toEqual([]);

      const refresh = db.refreshMaterializedView(newYorkers1);
      expect(refresh.toSQL()).toEqual({ sql: 'refresh materialized view "new_yorkers"', params: [] });
      await refresh;
      const expected = [
        { id: 1, name: 'John', cityId: 1 },
        { id: 2, name: 'Jane', cityId: 1 },
      ];
      expect(await db.select().from(newYorkers1).orderBy(newYorkers1.id)).toEqual(expected);
      expect(await db.select().from(newYorkers2).orderBy(newYorkers2.id)).toEqual(expected);
      expect(await db.select().from(newYorkers3).orderBy(newYorkers3.id)).toEqual(expected);
      expect(await db.select({ name: newYorkers1.name }).from(newYorkers1).orderBy(newYorkers1.name)).toEqual([{ name: 'Jane' }, { name: 'John' }]);

      const noData = db.refreshMaterializedView(newYorkers1).withNoData();
      expect(noData.toSQL().sql).toBe('refresh materialized view "new_yorkers" with no data');
      await noData;
      await expect(db.select().from(newYorkers1)).rejects.toThrow(/has not been populated/);

      await db.refreshMaterializedView(newYorkers1);
      await db.execute(sql`create unique index new_yorkers_id on ${newYorkers1} (id)`);
      await db.insert(users2).values({ name: 'Jill', cityId: 1 });
      const concurrently = db.refreshMaterializedView(newYorkers1).concurrently();
      expect(concurrently.toSQL().sql).toBe('refresh materialized view concurrently "new_yorkers"');
      await concurrently;
      expect(await db.select({ name: newYorkers1.name }).from(newYorkers1).orderBy(newYorkers1.id)).toEqual([{ name: 'John' }, { name: 'Jane' }, { name: 'Jill' }]);

      expect(() => db.refreshMaterializedView(newYorkers1).concurrently().withNoData()).toThrow('concurrently() and withNoData() cannot be combined');
      expect(() => db.refreshMaterializedView(schemaView)).toThrow('refreshMaterializedView() takes a materialized view');
      await db.execute(sql`drop materialized view ${newYorkers1}`);
    });

    it('round-trips inet, cidr, macaddr and macaddr8 as strings', async () => {
      await db.execute(sql`create table ${network} (id serial primary key, inet inet not null, cidr cidr not null, macaddr macaddr not null, macaddr8 macaddr8 not null, inets inet[], cidrs cidr[], macaddrs macaddr[])`);
      const value = {
        inet: '192.168.0.1/24',
        cidr: '10.0.0.0/8',
        macaddr: '08:00:2b:01:02:03',
        macaddr8: '08:00:2b:01:02:03:04:05',
        inets: ['127.0.0.1', '::1'],
        cidrs: ['192.168.0.0/16'],
        macaddrs: ['08:00:2b:01:02:03'],
      };
      const [inserted] = await db.insert(network).values(value).returning();
      expect(inserted).toEqual({ id: 1, ...value });
      await db.insert(network).values({ inet: '::1', cidr: '2001:db8::/32', macaddr: '08-00-2B-01-02-04', macaddr8: '0800.2b01.0203.0406' });
      const q = db.select().from(network).where(eq(network.inet, '::1'));
      expect(q.toSQL().sql).toBe('select "id", "inet", "cidr", "macaddr", "macaddr8", "inets", "cidrs", "macaddrs" from "network" where "network"."inet" = $1');
      // PostgreSQL answers in its canonical form.
      expect(await q).toEqual([{ id: 2, inet: '::1', cidr: '2001:db8::/32', macaddr: '08:00:2b:01:02:04', macaddr8: '08:00:2b:01:02:03:04:06', inets: null, cidrs: null, macaddrs: null }]);
      expect(await db.select({ inet: network.inet }).from(network).where(sql`${network.inet} << ${'192.168.0.0/16'}::inet`)).toEqual([{ inet: '192.168.0.1/24' }]);
    });

    it('round-trips point and line in tuple and object modes', async () => {
      await db.execute(sql`create table ${geometry} (id serial primary key, point point, point_xy point, line line, line_abc line, points point[], points_xy point[], lines line[], lines_abc line[])`);
      const arrays = {
        points: [
          [57.2, 94.3],
          [0, -1],
        ] as [number, number][],
        pointsXY: [{ x: 24.5, y: 49.6 }],
        lines: [[1, 2, 3]] as [number, number, number][],
        linesABC: [{ a: 1, b: 2, c: 3 }],
      };
      const insert = db.insert(geometry).values({ point: [1, 2.5], pointXY: { x: -3, y: 4 }, line: [1, -1, 0], lineABC: { a: 2, b: 3, c: 4.5 }, ...arrays });
      expect(insert.toSQL().params).toEqual(['(1,2.5)', '(-3,4)', '{1,-1,0}', '{2,3,4.5}', '{"(57.2,94.3)","(0,-1)"}', '{"(24.5,49.6)"}', '{"{1,2,3}"}', '{"{1,2,3}"}']);
      await insert;
      await db.insert(geometry).values({});
      expect(await db.select().from(geometry).orderBy(geometry.id)).toEqual([
        { id: 1, point: [1, 2.5], pointXY: { x: -3, y: 4 }, line: [1, -1, 0], lineABC: { a: 2, b: 3, c: 4.5 }, ...arrays },
        { id: 2, point: null, pointXY: null, line: null, lineABC: null, points: null, pointsXY: null, lines: null, linesABC: null },
      ]);
      // Relational queries carry the values through JSON, as PostgreSQL's text of each type.
      const withSchema = await target.open({ schema: { geometry, network } });
      expect(await withSchema.query.geometry.findFirst({ columns: { point: true, pointXY: true, lineABC: true, points: true, lines: true }, where: eq(geometry.id, 1) })).toEqual({
        point: [1, 2.5],
        pointXY: { x: -3, y: 4 },
        lineABC: { a: 2, b: 3, c: 4.5 },
        points: arrays.points,
        lines: arrays.lines,
      });
      expect(await withSchema.query.network.findFirst({ columns: { inet: true, inets: true }, where: eq(network.id, 1) })).toEqual({ inet: '192.168.0.1/24', inets: ['127.0.0.1', '::1'] });
      const [updated] = await db
        .update(geometry)
        .set({ point: [7, 8], lineABC: { a: 0, b: 1, c: -2 } })
        .where(eq(geometry.id, 2))
        .returning({ point: geometry.point, lineABC: geometry.lineABC });
      expect(updated).toEqual({ point: [7, 8], lineABC: { a: 0, b: 1, c: -2 } });
    });

    it('declares an enum from a TypeScript enum object, typed and checked by its values', async () => {
      expect(moodFromEnum.enumValues).toEqual(['sad', 'ok', 'happy']);
      await db.execute(sql`create type mood_from_enum as enum ('sad', 'ok', 'happy')`);
      await db.execute(sql`create table ${diary} (id serial primary key, mood mood_from_enum not null)`);
      await db.insert(diary).values([{ mood: Mood.Happy }, { mood: Mood.Sad }]);
      const rows = await db.select().from(diary).where(eq(diary.mood, Mood.Happy));
      expect(rows).toEqual([{ id: 1, mood: 'happy' }]);
      expect(() =>
        db
          .insert(diary)
          .values({ mood: 'angry' as Mood })
          .toSQL(),
      ).toThrow('"angry" is not a value of enum "mood_from_enum" (sad, ok, happy)');
    });

    it('runs prepared queries with the root placeholder()', async () => {
      const byName = db
        .select({ id: prefixedUsers.id })
        .from(prefixedUsers)
        .where(eq(prefixedUsers.name, placeholder('name')))
        .prepare();
      expect(byName.getQuery().sql).toBe('select "id" from "myprefix_users" where "myprefix_users"."name" = $1');
      expect(await byName.execute({ name: 'John' })).toEqual([{ id: 1 }]);
      expect(await byName.execute({ name: 'Nobody' })).toEqual([]);
    });

    it('rejects a failing statement with an error catchable as DrizzleQueryError and DrizzleError', async () => {
      const error = await db.execute(sql`select * from ${sql.identifier('no_such_table')}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DrizzleQueryError);
      expect(error).toBeInstanceOf(DrizzleError);
      expect(error).toBeInstanceOf(SluiceError);
      expect((error as DrizzleQueryError).query).toBe('select * from "no_such_table"');
    });
  });
}

describe('Drizzle error names', () => {
  it('constructs DrizzleError from a message or from Drizzle’s { message, cause } form', () => {
    const cause = new Error('inner');
    const fromObject = new DrizzleError({ message: 'custom failure', cause });
    expect([fromObject.message, fromObject.cause, fromObject instanceof SluiceError]).toEqual(['custom failure', cause, true]);
    expect(new DrizzleError('plain').message).toBe('plain');
  });
});

describe('view helpers from the root', () => {
  it('names views and lists their fields; tells tables from views', () => {
    expect(getViewName(newYorkers1)).toBe('new_yorkers');
    expect(Object.keys(getViewSelectedFields(newYorkers1))).toEqual(['id', 'name', 'cityId']);
    expect(Object.keys(getViewSelectedFields(newYorkers2))).toEqual(['id', 'name', 'cityId']);
    expect([isTable(users2), isTable(newYorkers1), isView(newYorkers1), isView(users2), isTable({})]).toEqual([true, false, true, false, false]);
    expect(() => getViewName(users2 as never)).toThrow('getViewName() takes a view');
  });

  it('keeps a materialized view’s storage options and an existing view’s lack of a query', () => {
    const mv = pgMaterializedView('totals')
      .using('heap')
      .tablespace('pg_default')
      .with({ fillfactor: 70 })
      .withNoData()
      .as((qb) => qb.select({ id: cities.id }).from(cities));
    const config = getMaterializedViewConfig(mv);
    expect([config.using, config.tablespace, config.with, config.withNoData]).toEqual(['heap', 'pg_default', { fillfactor: 70 }, true]);
    expect(getMaterializedViewConfig(newYorkers3)).toMatchObject({ name: 'new_yorkers', isExisting: true, query: undefined });
    expect(dialect.sqlToQuery(getMaterializedViewConfig(newYorkers2).query!).sql).toBe('select * from "users2" where "users2"."city_id" = 1');
    expect(() => getViewConfig(users2 as never)).toThrow('getViewConfig() takes a view');
  });

  it('refuses pgSchema("public") and names the mistake', () => {
    expect(() => pgSchema('public')).toThrow(/"public" is PostgreSQL's default schema/);
    expect(() => pgTableCreator('x' as never)).toThrow('pgTableCreator() takes a function');
  });

  it('throws by dialect name when a materialized view is refreshed outside PostgreSQL', async () => {
    const { drizzle } = await import('sluice/better-sqlite3');
    const sqliteDb = drizzle();
    expect(() => (sqliteDb as never as { refreshMaterializedView(v: unknown): unknown }).refreshMaterializedView(newYorkers1)).toThrow(UnsupportedError);
    expect(() => (sqliteDb as never as { refreshMaterializedView(v: unknown): unknown }).refreshMaterializedView(newYorkers1)).toThrow('sqlite: materialized views do not exist');
    sqliteDb.$client.close();
  });
});
