/**
 * Schema definitions read back: `getTableConfig` of every dialect (columns, indexes, keys,
 * checks, unique constraints, PostgreSQL policies and RLS), policy and role definitions, the
 * dialect classes that render SQL without a database, and the table creators and schemas of
 * SQLite and MySQL on their databases (rows and SQL).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, is, placeholder, SchemaError, SQL, sql } from 'sluice';
import * as mysqlCore from 'sluice/mysql-core';
import { char, check, foreignKey, getTableConfig, index, integer, PgDialect, PgPolicy, pgPolicy, PgRole, pgRole, pgTable, primaryKey, serial, text, unique, uniqueIndex, uniqueKeyName } from 'sluice/pg-core';
import * as sqliteCore from 'sluice/sqlite-core';
import { behaviourTargets, openBehaviourTarget, sqlFor, type BehaviourTarget } from '../support/behaviour.js';

describe('getTableConfig (pg-core)', () => {
  it('lists unique constraints from the third argument, with nulls not distinct', () => {
    const cities1 = pgTable('cities1', { id: serial('id').primaryKey(), name: text('name').notNull(), state: char('state', { length: 2 }) }, (t) => [
      unique('custom_name').on(t.name, t.state).nullsNotDistinct(),
      unique('custom_name1').on(t.name, t.state),
      unique().on(t.state),
    ]);
    const { uniqueConstraints } = getTableConfig(cities1);
    expect(uniqueConstraints.map((u) => [u.name, u.nullsNotDistinct, u.columns.map((c) => c.name)])).toEqual([
      ['custom_name', true, ['name', 'state']],
      ['custom_name1', false, ['name', 'state']],
      ['cities1_state_unique', false, ['state']],
    ]);
    expect(uniqueConstraints[0]!.table).toBe(cities1);
    expect(uniqueKeyName(cities1, ['name', 'state'])).toBe('cities1_name_state_unique');
  });

  it('shows unique columns with their names and nulls mode', () => {
    const cities1 = pgTable('cities1', {
      id: serial('id').primaryKey(),
      name: text('name').notNull().unique(),
      state: char('state', { length: 2 }).unique('custom'),
      field: char('field', { length: 2 }).unique('custom_field', { nulls: 'not distinct' }),
    });
    const { columns } = getTableConfig(cities1);
    const byName = (n: string) => columns.find((c) => c.name === n)!;
    expect([byName('name').isUnique, byName('name').uniqueName]).toEqual([true, 'cities1_name_unique']);
    expect([byName('state').isUnique, byName('state').uniqueName]).toEqual([true, 'custom']);
    expect([byName('field').uniqueName, byName('field').uniqueType]).toEqual(['custom_field', 'not distinct']);
  });

  it('names foreign and primary keys, defaulting the names as the kit writes them', () => {
    const countries = pgTable('countries', { id: serial('id').primaryKey(), code: text('code') });
    const cities = pgTable('cities', { id: serial('id').primaryKey(), name: text('name').notNull(), countryId: integer('country_id').references(() => countries.id, { onDelete: 'cascade' }), code: text('code') }, (t) => [
      foreignKey({ foreignColumns: [countries.code], columns: [t.code], name: 'custom_fk' }),
      foreignKey({ foreignColumns: [countries.id, countries.code], columns: [t.countryId, t.code] }),
      primaryKey({ columns: [t.id, t.name], name: 'custom_pk' }),
      primaryKey({ columns: [t.id, t.code] }),
    ]);
    const { foreignKeys, primaryKeys, name, schema } = getTableConfig(cities);
    expect([name, schema]).toEqual(['cities', undefined]);
    expect(foreignKeys.map((fk) => fk.getName())).toEqual(['cities_country_id_countries_id_fk', 'custom_fk', 'cities_country_id_code_countries_id_code_fk']);
    expect(foreignKeys[0]!.onDeleteAction).toBe('cascade');
    expect(foreignKeys[0]!.reference().foreignTable).toBe(countries);
    expect(primaryKeys.map((pk) => pk.getName())).toEqual(['custom_pk', 'cities_id_code_pk']);
  });

  it('lists indexes in Drizzle’s shape and checks, from an array or an object of extras', () => {
    const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email'), age: integer('age') }, (t) => ({
      byEmail: uniqueIndex('email_idx').on(t.email).concurrently().where(sql`${t.email} is not null`),
      byAge: index('age_idx').using('btree', t.age),
      adult: check('age_check', sql`${t.age} >= 0`),
    }));
    const { indexes, checks } = getTableConfig(users);
    expect(indexes.map((i) => [i.config.name, i.config.unique, i.config.concurrently, i.config.method, i.config.columns.length])).toEqual([
      ['email_idx', true, true, undefined, 1],
      ['age_idx', false, false, 'btree', 1],
    ]);
    expect(indexes[0]!.config.table).toBe(users);
    expect(checks.map((c) => c.name)).toEqual(['age_check']);
    expect(new PgDialect().sqlToQuery(checks[0]!.value).sql).toBe('"users"."age" >= 0');
  });

  it('gives the third argument columns with index order, nulls and operator class', () => {
    const posts = pgTable('posts', { id: serial('id').primaryKey(), title: text('title'), slug: text('slug') }, (t) => [index('title_idx').on(t.title.desc().nullsFirst(), t.slug.op('text_pattern_ops')), index('plain_idx').on(t.title)]);
    const [ordered, plain] = getTableConfig(posts).indexes;
    const configs = ordered!.config.columns.map((c) => (c as unknown as { indexConfig: unknown }).indexConfig);
    expect(configs).toEqual([
      { order: 'desc', nulls: 'first', opClass: undefined },
      { order: 'asc', nulls: 'last', opClass: 'text_pattern_ops' },
    ]);
    // Each reading starts afresh; the columns stay the table's columns.
    expect((plain!.config.columns[0] as unknown as { indexConfig: unknown }).indexConfig).toEqual({ order: 'asc', nulls: 'last', opClass: undefined });
    expect(ordered!.config.columns.map((c) => new PgDialect().sqlToQuery(sql`${c}`).sql)).toEqual(['"posts"."title"', '"posts"."slug"']);
  });

  it('keeps policies from the third argument (nested arrays too) and the RLS flag', () => {
    const p1 = pgPolicy('test policy');
    const p2 = pgPolicy('test policy 2', { as: 'permissive', for: 'all', to: 'public', using: sql`1=1`, withCheck: sql`1=1` });
    const p3 = pgPolicy('test policy 3', { for: 'select', to: [pgRole('reader'), 'current_user'] });
    const table = pgTable('table_with_policy', { id: serial('id').primaryKey(), name: text('name').notNull() }, (t) => [p1, [p2, p3], index('name_idx').on(t.name)]);
    const config = getTableConfig(table);
    expect(config.policies).toHaveLength(3);
    expect(config.policies[0]).toBe(p1);
    expect(config.policies[1]).toBe(p2);
    expect(config.policies[2]).toBe(p3);
    expect(config.indexes).toHaveLength(1);
    expect(config.enableRLS).toBe(false);

    const withRls = pgTable('rls_users', { id: integer() }).enableRLS();
    expect(getTableConfig(withRls).enableRLS).toBe(true);
    expect(getTableConfig(pgTable.withRLS('rls_users2', { id: integer() })).enableRLS).toBe(true);
    expect(Object.keys(withRls)).toEqual(['id']);
  });

  it('refuses what is not a table', () => {
    expect(() => getTableConfig({} as never)).toThrow('getTableConfig() takes a table');
  });
});

describe('policies and roles', () => {
  it('keep their options; policy conditions render like any sql', () => {
    const bare = pgPolicy('test policy');
    expect(is(bare, PgPolicy)).toBe(true);
    expect([bare.name, bare.as, bare.for, bare.to, bare.using]).toEqual(['test policy', undefined, undefined, undefined, undefined]);
    const policy = pgPolicy('test policy', { as: 'permissive', for: 'all', to: 'public', using: sql`1=1`, withCheck: sql`1=1` });
    expect([policy.as, policy.for, policy.to]).toEqual(['permissive', 'all', 'public']);
    const dialect = new PgDialect();
    expect(is(policy.using, SQL)).toBe(true);
    expect(dialect.sqlToQuery(policy.using!).sql).toBe('1=1');
    expect(dialect.sqlToQuery(policy.withCheck!).sql).toBe('1=1');
    expect(pgPolicy('custom', { to: 'custom value' }).to).toBe('custom value');
    const users = pgTable('users', { id: integer() });
    expect(pgPolicy('linked').link(users)._linkedTable).toBe(users);

    const admin = pgRole('admin', { createDb: true, createRole: false, inherit: true });
    expect(is(admin, PgRole)).toBe(true);
    expect([admin.name, admin.createDb, admin.createRole, admin.inherit, admin._existing]).toEqual(['admin', true, false, true, undefined]);
    expect(pgRole('manager').existing()._existing).toBe(true);
    expect(dialect.sqlToQuery(sql`grant select on ${users} to ${admin}`).sql).toBe('grant select on "users" to "admin"');
    expect(() => pgPolicy('')).toThrow(SchemaError);
    expect(() => pgRole('')).toThrow('pgRole() needs a non-empty role name');
  });
});

describe('dialect classes', () => {
  const people = pgTable('people', { id: serial().primaryKey(), firstName: text() });
  it('render sql without a database, with placeholders and casing', () => {
    expect(new PgDialect().sqlToQuery(sql`select ${1}`)).toEqual({ sql: 'select $1', params: [1] });
    expect(new PgDialect().sqlToQuery(sql`select ${people.firstName} from ${people} where ${people.id} = ${placeholder('id')}`)).toEqual({
      sql: 'select "people"."firstName" from "people" where "people"."id" = $1',
      params: [placeholder('id')],
    });
    expect(new PgDialect({ casing: 'snake_case' }).sqlToQuery(sql`select ${people.firstName} from ${people}`).sql).toBe('select "people"."first_name" from "people"');
    expect(new mysqlCore.MySqlDialect().sqlToQuery(sql`select ${sql.identifier('a')} where x = ${2}`)).toEqual({ sql: 'select `a` where x = ?', params: [2] });
    expect(new sqliteCore.SQLiteSyncDialect().sqlToQuery(sql`select ${sql.identifier('a')}, ${'b'}`)).toEqual({ sql: 'select "a", ?', params: ['b'] });
    expect(new sqliteCore.SQLiteAsyncDialect().sqlToQuery(sql`select ${3}`)).toEqual({ sql: 'select ?', params: [3] });
    const pg = new PgDialect();
    expect([pg.escapeName('a"b'), pg.escapeParam(0), pg.escapeString("it's")]).toEqual(['"a""b"', '$1', "'it''s'"]);
  });
});

describe('getTableConfig (sqlite-core, mysql-core)', () => {
  it('reads the same parts for SQLite and MySQL tables', () => {
    const parents = sqliteCore.sqliteTable('parents', { id: sqliteCore.integer('id').primaryKey() });
    const kids = sqliteCore.sqliteTable('kids', { id: sqliteCore.integer('id'), parentId: sqliteCore.integer('parent_id').references(() => parents.id), name: sqliteCore.text('name') }, (t) => [
      sqliteCore.primaryKey({ columns: [t.id, t.parentId] }),
      sqliteCore.index('name_idx').on(t.name),
      sqliteCore.unique('name_unique').on(t.name),
    ]);
    const s = sqliteCore.getTableConfig(kids);
    expect([s.name, s.columns.map((c) => c.name), s.foreignKeys.map((f) => f.getName()), s.primaryKeys.map((p) => p.getName()), s.indexes.map((i) => i.config.name), s.uniqueConstraints.map((u) => u.name)]).toEqual([
      'kids',
      ['id', 'parent_id', 'name'],
      ['kids_parent_id_parents_id_fk'],
      ['kids_id_parent_id_pk'],
      ['name_idx'],
      ['name_unique'],
    ]);

    const audit = mysqlCore.mysqlSchema('audit');
    const events = audit.table('events', { id: mysqlCore.serial('id').primaryKey(), kind: mysqlCore.varchar('kind', { length: 20 }) }, (t) => [mysqlCore.check('kind_check', sql`${t.kind} <> ''`)]);
    const m = mysqlCore.getTableConfig(events);
    expect([m.name, m.schema, m.baseName, m.checks.map((c) => c.name)]).toEqual(['events', 'audit', 'events', ['kind_check']]);
    const prefixed = mysqlCore.getTableConfig(mysqlCore.mysqlTableCreator((n) => `app_${n}`)('things', { id: mysqlCore.int('id') }));
    expect([prefixed.name, prefixed.baseName]).toEqual(['app_things', 'things']);
  });
});

for (const { name, dialect } of behaviourTargets().filter((t) => t.dialect !== 'pg')) {
  describe(`table creators and schemas on ${name}`, () => {
    let target: BehaviourTarget;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
    });
    afterAll(() => target.close());

    if (dialect === 'sqlite') {
      it('names tables through sqliteTableCreator and reads and writes them', async () => {
        const table = sqliteCore.sqliteTableCreator((n) => `myprefix_${n}`);
        const users = table('users', { id: sqliteCore.integer('id').primaryKey(), name: sqliteCore.text('name').notNull() });
        const db = await target.open();
        await target.exec('create table myprefix_users (id integer primary key, name text not null)');
        await db.insert(users as never).values({ name: 'John' } as never);
        const select = db
          .select()
          .from(users as never)
          .where(eq(users.name, 'John'));
        expect(select.toSQL().sql).toBe(sqlFor(dialect, 'select "id", "name" from "myprefix_users" where "myprefix_users"."name" = $1'));
        expect(await select).toEqual([{ id: 1, name: 'John' }]);
        expect(sqliteCore.getTableConfig(users).baseName).toBe('users');
      });
    }

    it('creates a view from getViewConfig(view).query, which renders as a bare select', async () => {
      const core =
        dialect === 'sqlite'
          ? { table: sqliteCore.sqliteTable, view: sqliteCore.sqliteView, int: sqliteCore.integer, config: sqliteCore.getViewConfig }
          : { table: mysqlCore.mysqlTable, view: mysqlCore.mysqlView, int: mysqlCore.int, config: mysqlCore.getViewConfig };
      const people = (core.table as typeof sqliteCore.sqliteTable)('vc_people', { id: (core.int as typeof sqliteCore.integer)('id').primaryKey(), cityId: (core.int as typeof sqliteCore.integer)('city_id') });
      const inCityOne = (core.view as typeof sqliteCore.sqliteView)('vc_city_one').as((qb) => qb.select().from(people).where(eq(people.cityId, 1)));
      const db = await target.open();
      await target.exec('create table vc_people (id int primary key, city_id int); insert into vc_people values (1, 1), (2, 2), (3, 1);');
      const definition = (core.config as typeof sqliteCore.getViewConfig)(inCityOne).query!;
      await db.execute(sql`create view ${inCityOne} as ${definition}`);
      expect(new sqliteCore.SQLiteSyncDialect().sqlToQuery(sql`create view ${inCityOne} as ${definition}`).sql).toBe('create view "vc_city_one" as select "id", "city_id" from "vc_people" where "vc_people"."city_id" = 1');
      expect(
        await db
          .select()
          .from(inCityOne as never)
          .orderBy(sql`1`),
      ).toEqual([
        { id: 1, cityId: 1 },
        { id: 3, cityId: 1 },
      ]);
    });

    if (dialect === 'mysql') {
      it('renders a mysqlSchema inside sql as its quoted name, and uses its tables', async () => {
        const schemaName = `sluice_s_${randomBytes(4).toString('hex')}`;
        const audit = mysqlCore.mysqlSchema(schemaName);
        const events = audit.table('events', { id: mysqlCore.serial('id').primaryKey(), kind: mysqlCore.varchar('kind', { length: 20 }).notNull() });
        const create = sql`create database if not exists ${audit}`;
        expect(new mysqlCore.MySqlDialect().sqlToQuery(create).sql).toBe(`create database if not exists \`${schemaName}\``);
        const db = await target.open();
        await db.execute(create);
        try {
          await db.execute(sql`create table ${events} (id serial primary key, kind varchar(20) not null)`);
          await db.insert(events as never).values({ kind: 'login' } as never);
          const select = db.select().from(events as never);
          expect(select.toSQL().sql).toBe(`select \`id\`, \`kind\` from \`${schemaName}\`.\`events\``);
          expect(await select).toEqual([{ id: 1, kind: 'login' }]);
        } finally {
          await db.execute(sql`drop database ${audit}`);
        }
      });

      it('declares mysqlEnum from a TypeScript enum object', async () => {
        enum Level {
          Low = 'low',
          High = 'high',
        }
        const alerts = mysqlCore.mysqlTable('alerts', { id: mysqlCore.int('id').primaryKey(), level: mysqlCore.mysqlEnum('level', Level).notNull() });
        expect(alerts.level.getSQLType()).toBe("enum('low','high')");
        const db = await target.open();
        await db.execute(sql`create table ${alerts} (id int primary key, level ${sql.raw(alerts.level.getSQLType())} not null)`);
        await db.insert(alerts as never).values([
          { id: 1, level: Level.High },
          { id: 2, level: Level.Low },
        ] as never);
        expect(
          await db
            .select()
            .from(alerts as never)
            .where(eq(alerts.level, Level.High)),
        ).toEqual([{ id: 1, level: 'high' }]);
        expect(() =>
          db
            .insert(alerts as never)
            .values({ id: 3, level: 'mid' } as never)
            .toSQL(),
        ).toThrow('"mid" is not a value of mysqlEnum "level" (low, high)');
      });
    }
  });
}
