/**
 * Selects, subqueries, joins and set operations as Drizzle users rely on them, on every target:
 * the SQL text and the rows. Expected SQL is written in PostgreSQL's form and translated (`S`),
 * or given per dialect (`D`) where the dialects really differ.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, count, desc, eq, except, getTableColumns, gt, gte, inArray, intersect, like, not, SchemaError, sql, union, unionAll } from 'sluice';
import { int, mysqlTableCreator, varchar } from 'sluice/mysql-core';
import { alias, integer as pgInteger, pgTableCreator, text as pgText } from 'sluice/pg-core';
import { integer as sqliteInteger, sqliteTableCreator, text as sqliteText } from 'sluice/sqlite-core';
import { selectSchema } from '../support/select-schema.js';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget, StatementLog } from '../support/behaviour.js';

for (const { name, dialect } of behaviourTargets()) {
  describe(`select parity on ${name}`, () => {
    const { tables, ddl, reset } = selectSchema(dialect);
    const { cities, people, pets, lyonnais } = tables;
    const S = (pgText: string) => sqlFor(dialect, pgText);
    const D = <T>(values: { pg: T; sqlite: T; mysql: T }) => byDialect(dialect, values);
    let target: BehaviourTarget;
    const log = new StatementLog();
    let db: Awaited<ReturnType<BehaviourTarget['open']>>;
    beforeAll(async () => {
      target = await openBehaviourTarget(name);
      await target.exec(ddl);
      db = await target.open({ logger: log });
    });
    beforeEach(async () => {
      await target.exec(reset);
      log.last = [];
    });
    afterAll(() => target.close());
    const lastSql = () => log.last[log.last.length - 1]!.sql;

    describe('subqueries', () => {
      it('uses a one-field subquery in a selection as a value', async () => {
        const rows = await db
          .select({ cityName: db.select({ name: cities.name }).from(cities).where(eq(people.cityId, cities.id)).as('cityName'), name: people.name })
          .from(people)
          .where(inArray(people.id, [1, 2, 9]))
          .orderBy(people.id);
        expect(lastSql()).toBe(S('select (select "name" from "cities" where "people"."city_id" = "cities"."id"), "name" from "people" where "people"."id" in ($1, $2, $3) order by "people"."id"'));
        expect(rows).toEqual([
          { cityName: 'Lyon', name: 'Ada' },
          { cityName: 'Oslo', name: 'Bo' },
          { cityName: null, name: 'Ivy' },
        ]);
      });
      it('uses an aggregate subquery in a selection as a decoded value', async () => {
        const rows = await db
          .select({
            population: db
              .select({ count: count().as('count') })
              .from(people)
              .where(eq(people.cityId, cities.id))
              .as('population'),
            name: cities.name,
          })
          .from(cities)
          .orderBy(cities.id);
        expect(lastSql()).toBe(S('select (select count(*) as "count" from "people" where "people"."city_id" = "cities"."id"), "name" from "cities" order by "cities"."id"'));
        expect(rows).toStrictEqual([
          { population: 3, name: 'Lyon' },
          { population: 3, name: 'Oslo' },
          { population: 2, name: 'Quito' },
        ]);
      });
      it('uses a subquery of one expression without an alias as a value', async () => {
        const rows = await db
          .select({
            name: cities.name,
            people: db
              .select({ n: sql<number>`count(*)`.mapWith(Number) })
              .from(people)
              .where(eq(people.cityId, cities.id))
              .as('people'),
          })
          .from(cities)
          .orderBy(cities.id);
        expect(rows).toEqual([
          { name: 'Lyon', people: 3 },
          { name: 'Oslo', people: 3 },
          { name: 'Quito', people: 2 },
        ]);
      });
      it('rejects a subquery of several fields used as a value, by name', () => {
        const two = db.select({ id: cities.id, name: cities.name }).from(cities).as('two');
        expect(() => db.select({ two, name: people.name }).from(people).toSQL()).toThrow('Selection field "two": subquery "two" must select exactly one field to be used as a value, but it selects 2');
      });
      it('keeps database column names through a subquery joined by a renamed key', async () => {
        const sq = db.select().from(people).as('sq');
        const rows = await db.select({ person: sq.name, city: cities.name }).from(cities).innerJoin(sq, eq(sq.cityId, cities.id)).where(eq(cities.id, 3)).orderBy(sq.id);
        expect(lastSql()).toBe(S('select "sq"."name", "cities"."name" from "cities" inner join (select "id", "name", "city_id" from "people") "sq" on "sq"."city_id" = "cities"."id" where "cities"."id" = $1 order by "sq"."id"'));
        expect(rows).toEqual([
          { person: 'Cid', city: 'Quito' },
          { person: 'Dot', city: 'Quito' },
        ]);
      });
      it('renames only the output columns whose names would repeat', async () => {
        const pc = db.select({ personId: people.id, cityId: cities.id, city: cities.name }).from(people).innerJoin(cities, eq(cities.id, people.cityId)).as('pc');
        const rows = await db.select().from(pc).where(eq(pc.cityId, 2)).orderBy(pc.personId);
        expect(lastSql()).toBe(
          S('select "id", "cityId", "name" from (select "people"."id", "cities"."id" as "cityId", "cities"."name" from "people" inner join "cities" on "cities"."id" = "people"."city_id") "pc" where "pc"."cityId" = $1 order by "pc"."id"'),
        );
        expect(rows).toEqual([
          { personId: 2, cityId: 2, city: 'Oslo' },
          { personId: 5, cityId: 2, city: 'Oslo' },
          { personId: 7, cityId: 2, city: 'Oslo' },
        ]);
      });
      it('joins a view used as a subquery, null where nothing matched', async () => {
        const sq = db.select().from(lyonnais).as('lyon_sq');
        const rows = await db
          .select()
          .from(people)
          .leftJoin(sq, eq(people.id, sq.id))
          .where(inArray(people.id, [1, 2]))
          .orderBy(people.id);
        expect(lastSql()).toBe(
          S(
            'select "people"."id", "people"."name", "people"."city_id", "lyon_sq"."id", "lyon_sq"."name", "lyon_sq"."city_id" from "people" left join (select "id", "name", "city_id" from "lyonnais") "lyon_sq" on "people"."id" = "lyon_sq"."id" where "people"."id" in ($1, $2) order by "people"."id"',
          ),
        );
        expect(rows).toEqual([
          { people: { id: 1, name: 'Ada', cityId: 1 }, lyon_sq: { id: 1, name: 'Ada', cityId: 1 } },
          { people: { id: 2, name: 'Bo', cityId: 2 }, lyon_sq: null },
        ]);
        expect(await db.select().from(lyonnais).orderBy(lyonnais.id)).toEqual([
          { id: 1, name: 'Ada', cityId: 1 },
          { id: 6, name: 'Fay', cityId: 1 },
          { id: 8, name: 'Hal', cityId: 1 },
        ]);
      });
      it('selects aliased SQL fields of a subquery and CTE, and rejects un-aliased ones by name', async () => {
        const sq = db
          .select({ name: sql<string>`upper(${people.name})`.as('name') })
          .from(people)
          .where(eq(people.cityId, 2))
          .as('sq');
        expect(await db.select({ name: sq.name }).from(sq).orderBy(sq.name)).toEqual([{ name: 'BO' }, { name: 'ELI' }, { name: 'GUS' }]);
        expect(lastSql()).toBe(S('select "sq"."name" from (select upper("people"."name") as "name" from "people" where "people"."city_id" = $1) "sq" order by "sq"."name"'));
        const cte = db.$with('cte').as(db.select({ name: sql<string>`upper(${people.name})` }).from(people));
        expect(() => db.with(cte).select().from(cte).toSQL()).toThrow(`Field "name" of CTE "cte" is an SQL expression without an alias; name it with .as('name') to reference it from outside`);
        expect(() => cte.name).toThrow(SchemaError);
      });
    });

    describe('joins', () => {
      it('returns a left-joined object as null when its columns are all null, SQL fields aside', async () => {
        const rows = await db
          .select({ person: people, pet: { id: pets.id, name: pets.name } })
          .from(people)
          .leftJoin(pets, eq(pets.ownerId, people.id))
          .where(inArray(people.id, [1, 2]))
          .orderBy(people.id);
        expect(rows).toEqual([
          { person: { id: 1, name: 'Ada', cityId: 1 }, pet: { id: 1, name: 'Rex' } },
          { person: { id: 2, name: 'Bo', cityId: 2 }, pet: null },
        ]);
        const grouped = await db
          .select({ id: people.id, city: { id: cities.id, upper: sql<string>`upper(${cities.name})` }, mixed: { person: people.name, city: cities.name } })
          .from(people)
          .leftJoin(cities, eq(cities.id, people.cityId))
          .where(inArray(people.id, [1, 9]))
          .orderBy(people.id);
        expect(grouped).toEqual([
          { id: 1, city: { id: 1, upper: 'LYON' }, mixed: { person: 'Ada', city: 'Lyon' } },
          { id: 9, city: null, mixed: { person: 'Ivy', city: null } },
        ]);
      });
      it('keys joined rows by alias, and rejects a name used twice', async () => {
        const friend = alias(people, 'friend');
        const rows = await db
          .select()
          .from(people)
          .leftJoin(friend, eq(friend.id, sql`${people.id} + 1`))
          .where(inArray(people.id, [8, 9]))
          .orderBy(people.id);
        expect(lastSql()).toContain(S('from "people" left join "people" "friend" on "friend"."id" = "people"."id" + 1'));
        expect(rows).toEqual([
          { people: { id: 8, name: 'Hal', cityId: 1 }, friend: { id: 9, name: 'Ivy', cityId: null } },
          { people: { id: 9, name: 'Ivy', cityId: null }, friend: null },
        ]);
        const partial = await db
          .select({ person: { name: people.name }, friend: { name: friend.name } })
          .from(people)
          .leftJoin(friend, eq(friend.id, 3))
          .where(eq(people.id, 1));
        expect(partial).toEqual([{ person: { name: 'Ada' }, friend: { name: 'Cid' } }]);
        const me = alias(people, 'me');
        expect(await db.select().from(me).leftJoin(friend, eq(friend.id, 2)).where(eq(me.id, 1))).toEqual([{ me: { id: 1, name: 'Ada', cityId: 1 }, friend: { id: 2, name: 'Bo', cityId: 2 } }]);
        expect(() => db.select().from(people).leftJoin(people, eq(people.id, 1))).toThrow('left join: "people" is already used in this query; join the table again under another name with alias()');
      });
      it('full joins an alias keyed by the alias (MySQL has no full join and says so)', async () => {
        const friend = alias(people, 'friend');
        const q = db
          .select()
          .from(people)
          .fullJoin(friend, eq(friend.id, sql`${people.id} + 1`))
          .where(inArray(people.id, [9]));
        if (dialect === 'mysql') {
          expect(() => q.toSQL()).toThrow('mysql: full join is not supported');
          return;
        }
        expect(await q).toEqual([{ people: { id: 9, name: 'Ivy', cityId: null }, friend: null }]);
      });
      it('keys a table-creator table by its schema name next to an alias', async () => {
        const members = byDialect<() => unknown>(dialect, {
          pg: () => pgTableCreator((n) => `prefixed_${n}`)('members', { id: pgInteger('id').primaryKey(), name: pgText('name').notNull() }),
          sqlite: () => sqliteTableCreator((n) => `prefixed_${n}`)('members', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() }),
          mysql: () => mysqlTableCreator((n) => `prefixed_${n}`)('members', { id: int('id').primaryKey(), name: varchar('name', { length: 64 }).notNull() }),
        })() as unknown as typeof cities;
        await target.exec(`drop table if exists prefixed_members; create table prefixed_members (id int primary key, name varchar(64) not null); insert into prefixed_members values (10, 'Ivo'), (11, 'Hana');`);
        const customer = alias(members, 'customer');
        const rows = await db.select().from(members).leftJoin(customer, eq(customer.id, 11)).where(eq(members.id, 10));
        expect(lastSql()).toBe(
          S('select "prefixed_members"."id", "prefixed_members"."name", "customer"."id", "customer"."name" from "prefixed_members" left join "prefixed_members" "customer" on "customer"."id" = $1 where "prefixed_members"."id" = $2'),
        );
        expect(rows).toEqual([{ members: { id: 10, name: 'Ivo' }, customer: { id: 11, name: 'Hana' } }]);
        expect(db.select().from(members).getUsedTables()).toEqual(['members']);
      });
      it('rejects a field of a table outside FROM and joins before the database sees it', () => {
        log.last = [];
        expect(() => db.select({ name: people.name, city: cities.name }).from(people).toSQL()).toThrow('Selection field "city" is the column "cities"."name", but the table "cities" is not part of the query (from "people"); join it first');
        expect(() =>
          db
            .select({ nested: { name: pets.name } })
            .from(people)
            .innerJoin(cities, eq(cities.id, people.cityId))
            .toSQL(),
        ).toThrow('"pets" is not part of the query (from "people", "cities")');
        expect(log.last).toEqual([]);
      });
      it('joins lateral subqueries that refer to the outer row (PostgreSQL; SQLite and MariaDB have no lateral joins)', async () => {
        const sq = db.select({ personId: people.id, personName: people.name }).from(people).where(eq(people.cityId, cities.id)).as('sq');
        const left = db.select({ city: cities.name, person: sq.personName }).from(cities).leftJoinLateral(sq, sql`true`).orderBy(cities.id, sq.personId);
        if (dialect !== 'pg') {
          expect(() => left.toSQL()).toThrow(`${dialect}: lateral joins are not supported`);
          expect(() => db.select().from(cities).crossJoinLateral(sq).toSQL()).toThrow(`${dialect}: lateral joins are not supported`);
          return;
        }
        expect((await left).slice(0, 2)).toEqual([
          { city: 'Lyon', person: 'Ada' },
          { city: 'Lyon', person: 'Fay' },
        ]);
        expect(lastSql()).toBe('select "cities"."name", "sq"."name" from "cities" left join lateral (select "id", "name" from "people" where "people"."city_id" = "cities"."id") "sq" on true order by "cities"."id", "sq"."id"');
        const inner = await db.select({ city: cities.name, n: sq.personId }).from(cities).innerJoinLateral(sq, gt(sq.personId, 4)).orderBy(sq.personId);
        expect(inner.map((r) => r.n)).toEqual([5, 6, 7, 8]);
        const few = db
          .select({ id: people.id })
          .from(people)
          .where(not(like(cities.name, 'L%')))
          .as('few');
        const cross = await db.select({ city: cities.id, person: few.id }).from(cities).crossJoinLateral(few).where(gte(few.id, 8)).orderBy(cities.id, few.id);
        expect(lastSql()).toBe('select "cities"."id", "few"."id" from "cities" cross join lateral (select "id" from "people" where not ("cities"."name" like $1)) "few" where "few"."id" >= $2 order by "cities"."id", "few"."id"');
        expect(cross).toEqual([
          { city: 2, person: 8 },
          { city: 2, person: 9 },
          { city: 3, person: 8 },
          { city: 3, person: 9 },
        ]);
      });
    });

    describe('set operations', () => {
      const named = () => db.select({ id: people.id, name: people.name }).from(people);
      it('nests a set operation given as an operand, as written', async () => {
        const rows = await union(named().where(eq(people.id, 1)), except(named().where(gte(people.id, 5)), named().where(eq(people.id, 7))), db.select().from(cities).where(gt(cities.id, 1))).orderBy(asc(people.id));
        expect(lastSql()).toBe(
          D({
            pg: '((select "id", "name" from "people" where "people"."id" = $1) union ((select "id", "name" from "people" where "people"."id" >= $2) except (select "id", "name" from "people" where "people"."id" = $3))) union (select "id", "name" from "cities" where "cities"."id" > $4) order by "id" asc',
            // SQLite allows no parentheses around members: a compound member becomes a derived table.
            sqlite:
              'select "id", "name" from "people" where "people"."id" = ? union select * from (select "id", "name" from "people" where "people"."id" >= ? except select "id", "name" from "people" where "people"."id" = ?) union select "id", "name" from "cities" where "cities"."id" > ? order by "id" asc',
            mysql: sqlFor(
              'mysql',
              '((select "id", "name" from "people" where "people"."id" = $1) union ((select "id", "name" from "people" where "people"."id" >= $2) except (select "id", "name" from "people" where "people"."id" = $3))) union (select "id", "name" from "cities" where "cities"."id" > $4) order by "id" asc',
            ),
          }),
        );
        expect(rows).toEqual([
          { id: 1, name: 'Ada' },
          { id: 2, name: 'Oslo' },
          { id: 3, name: 'Quito' },
          { id: 5, name: 'Eli' },
          { id: 6, name: 'Fay' },
          { id: 8, name: 'Hal' },
          { id: 9, name: 'Ivy' },
        ]);
      });
      it('takes a function of the set operators, and members with their own limits', async () => {
        const sq = db.select().from(cities).where(gt(cities.id, 1)).as('sq');
        const rows = await db
          .select()
          .from(cities)
          .except(({ unionAll }) => unionAll(db.select().from(sq), db.select().from(cities).where(eq(cities.id, 2))));
        expect(rows).toEqual([{ id: 1, name: 'Lyon' }]);
        const limited = await db
          .select({ id: cities.id, name: cities.name })
          .from(cities)
          .orderBy(cities.id)
          .limit(2)
          .unionAll(db.select({ id: cities.id, name: cities.name }).from(cities).orderBy(cities.id).limit(2))
          .orderBy(asc(cities.id));
        expect(limited).toEqual([
          { id: 1, name: 'Lyon' },
          { id: 1, name: 'Lyon' },
          { id: 2, name: 'Oslo' },
          { id: 2, name: 'Oslo' },
        ]);
        const chained = await unionAll(
          named()
            .where(eq(people.id, 1))
            .union(named().where(eq(people.id, 2))),
          named().where(eq(people.id, 1)),
        ).orderBy(people.id);
        expect(chained.map((r) => r.id)).toEqual([1, 1, 2]);
        const paged = await union(named().where(eq(people.id, 1)), named().where(eq(people.id, 2)), db.select().from(cities))
          .orderBy(asc(sql`name`))
          .limit(2)
          .offset(1);
        expect(paged).toEqual([
          { id: 2, name: 'Bo' },
          { id: 1, name: 'Lyon' },
        ]);
        expect(await intersect(named(), named().where(eq(people.id, 4)))).toEqual([{ id: 4, name: 'Dot' }]);
      });
      it('rejects selects of different fields by name', () => {
        expect(() => named().union(db.select({ name: people.name, id: people.id }).from(people))).toThrow('union(): both selects must select the same fields in the same order, but one selects [id, name] and the other [name, id]');
        // @ts-expect-error the other select has a field more
        expect(() => named().unionAll(db.select({ id: people.id, name: people.name, city: people.cityId }).from(people))).toThrow('unionAll(): both selects must select the same fields');
        // @ts-expect-error the third select has a field less
        expect(() => except(named(), named(), db.select({ id: people.id }).from(people))).toThrow('except(): both selects must select the same fields in the same order, but one selects [id, name] and the other [id]');
      });
    });

    describe('CTEs and ordering', () => {
      it('orders by an aliased field through its alias, as Drizzle does', async () => {
        const q = db
          .select({ id: cities.id, loud: sql<string>`upper(${cities.name})`.as('loud') })
          .from(cities)
          .orderBy((f) => desc(f.loud));
        expect(q.toSQL().sql).toBe(S('select "id", upper("cities"."name") as "loud" from "cities" order by "loud" desc'));
        expect((await q).map((r) => r.loud)).toEqual(['QUITO', 'OSLO', 'LYON']);
      });
      it('chains CTEs whose aliased fields feed a scalar subquery', async () => {
        const sizes = db.$with('sizes').as(
          db
            .select({ cityId: people.cityId, size: count().as('size') })
            .from(people)
            .groupBy(people.cityId),
        );
        const big = db.$with('big').as(
          db
            .select({ cityId: sizes.cityId })
            .from(sizes)
            .where(gt(sizes.size, db.select({ avg: sql`avg(${sizes.size})` }).from(sizes))),
        );
        const rows = await db
          .with(sizes, big)
          .select({ name: cities.name })
          .from(cities)
          .where(inArray(cities.id, db.select({ id: big.cityId }).from(big)))
          .orderBy(cities.id);
        expect(lastSql()).toBe(
          S(
            'with "sizes" as (select "city_id", count(*) as "size" from "people" group by "people"."city_id"), "big" as (select "city_id" from "sizes" where "sizes"."size" > (select avg("sizes"."size") from "sizes")) select "name" from "cities" where "cities"."id" in (select "city_id" from "big") order by "cities"."id"',
          ),
        );
        expect(rows).toEqual([{ name: 'Lyon' }, { name: 'Oslo' }]);
      });
      it('selects from a compound select used as a subquery', async () => {
        const sq = union(db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, 1)), db.select().from(cities).where(gt(cities.id, 1))).as('sq');
        const rows = await db.select().from(sq).orderBy(sq.name).limit(2).offset(1);
        expect(rows).toEqual([
          { id: 2, name: 'Oslo' },
          { id: 3, name: 'Quito' },
        ]);
      });
    });

    describe('limits, prepared statements and used tables', () => {
      it('treats a negative limit as no limit, as Drizzle does', async () => {
        expect(await db.select({ id: cities.id }).from(cities).orderBy(cities.id).limit(-1)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
        expect(lastSql()).toBe(S('select "id" from "cities" order by "cities"."id"'));
        expect(await db.select({ id: cities.id }).from(cities).orderBy(cities.id).limit(-1).offset(2)).toEqual([{ id: 3 }]);
        expect(lastSql()).toBe(
          D({
            pg: 'select "id" from "cities" order by "cities"."id" offset $1',
            sqlite: 'select "id" from "cities" order by "cities"."id" limit -1 offset ?',
            mysql: 'select `id` from `cities` order by `cities`.`id` limit 18446744073709551615 offset ?',
          }),
        );
        expect(await db.select({ id: cities.id }).from(cities).limit(0)).toEqual([]);
      });
      it('fills placeholders in limit and offset', async () => {
        const p = db.select({ id: people.id }).from(people).orderBy(people.id).limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).prepare('paged_people');
        expect(await p.execute({ limit: 2, offset: 3 })).toEqual([{ id: 4 }, { id: 5 }]);
        expect(await p.execute({ limit: 1, offset: 0 })).toEqual([{ id: 1 }]);
      });
      it('spreads getTableColumns and groups with having on an aggregate', async () => {
        const { cityId: _cityId, ...rest } = getTableColumns(people);
        expect(
          await db
            .select({ ...rest })
            .from(people)
            .where(eq(people.id, 2)),
        ).toEqual([{ id: 2, name: 'Bo' }]);
        const busy = await db
          .select({ city: cities.name, n: count(people.id).as('n') })
          .from(cities)
          .leftJoin(people, eq(people.cityId, cities.id))
          .groupBy(cities.name)
          .having(({ n }) => gt(n, 2))
          .orderBy(cities.name);
        expect(busy).toEqual([
          { city: 'Lyon', n: 3 },
          { city: 'Oslo', n: 3 },
        ]);
        expect(await db.selectDistinct({ city: people.cityId }).from(people).where(gte(people.id, 5)).orderBy(people.cityId)).toEqual(
          D({ pg: [{ city: 1 }, { city: 2 }, { city: null }], sqlite: [{ city: null }, { city: 1 }, { city: 2 }], mysql: [{ city: null }, { city: 1 }, { city: 2 }] }),
        );
      });
      it('names the tables a select reads, through aliases, subqueries and set operations', () => {
        const friend = alias(people, 'friend');
        const sq = db.select({ id: pets.id }).from(pets).as('sq');
        const q = db.select({ id: people.id }).from(people).leftJoin(friend, eq(friend.id, 1)).innerJoin(sq, eq(sq.id, people.id));
        expect(q.getUsedTables()).toEqual(['people', 'pets']);
        expect(union(db.select({ id: cities.id }).from(cities), db.select({ id: pets.id }).from(pets)).getUsedTables()).toEqual(['cities', 'pets']);
        expect(db.select().from(lyonnais).getUsedTables()).toEqual([]);
      });
    });
  });
}
