/**
 * The shared behaviour suite for the builders: every feature, asserting the SQL text and the rows
 * it returns, on every target (PostgreSQL: PGlite, and node-postgres and postgres.js with
 * SLUICE_PG_URL; SQLite: better-sqlite3 and libsql; MySQL: mysql2 with SLUICE_MYSQL_URL). Expected
 * SQL is written in PostgreSQL's form and translated (`S`), or given per dialect (`D`) where the
 * dialects really differ; a case that only one dialect supports checks the others' clear error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  and,
  arrayContained,
  arrayContains,
  arrayOverlaps,
  avg,
  between,
  count,
  countDistinct,
  desc,
  eq,
  except,
  excluded,
  exists,
  getTableColumns,
  getTableName,
  gt,
  gte,
  ilike,
  inArray,
  intersect,
  is,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  max,
  min,
  ne,
  not,
  notBetween,
  notExists,
  notIlike,
  notInArray,
  notLike,
  onConflict,
  or,
  SchemaError,
  sql,
  SluiceQueryError,
  sum,
  Table,
  TransactionRollbackError,
  union,
  unionAll,
  type SQL,
} from 'sluice';
import { alias } from 'sluice/pg-core';
import { builderSchema } from '../support/behaviour-schema.js';
import { behaviourTargets, byDialect, openBehaviourTarget, sqlFor, type BehaviourTarget, StatementLog } from '../support/behaviour.js';

for (const { name, dialect } of behaviourTargets()) {
  describe(`builders on ${name}`, () => {
    const { tables, ddl, reset } = builderSchema(dialect);
    const { users, posts, accounts, snake } = tables;
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
    const lastSql = () => log.last[log.last.length - 1]!;
    /** MySQL's `$returningId()`, reached past the suite's PostgreSQL-typed handle. */
    const returningId = (q: unknown) => (q as { $returningId(): Promise<Record<string, unknown>[]> }).$returningId();
    /** The rows in what `execute()` returns: `{ rows }` (node-postgres, PGlite), an array (postgres.js) or `[rows, fields]` (mysql2). */
    const rowsOf = (res: unknown): Record<string, unknown>[] => (Array.isArray(res) ? (dialect === 'mysql' ? res[0] : res) : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
    /** Rows of a raw SQL query, through each dialect's own entry point. */
    const rawRows = async (q: SQL): Promise<unknown[]> => (dialect === 'sqlite' ? (db as unknown as { all(q: SQL): Promise<unknown[]> }).all(q) : rowsOf(await db.execute(q)));

    describe('sql tag and helpers', () => {
      it('interpolates columns, tables, values, arrays and raw SQL', async () => {
        const q = sql`select ${users.name} from ${users} where ${users.id} in ${[1, 2]} and ${sql.raw('true')} and ${sql.identifier('users')}.${sql.identifier('age')} > ${18}`;
        const rows = await rawRows(q);
        expect(lastSql()).toEqual({ sql: S('select "users"."name" from "users" where "users"."id" in ($1, $2) and true and "users"."age" > $3'), params: [1, 2, 18] });
        expect(rows).toEqual([{ name: 'Ann' }]);
      });
      it('joins, empties, aliases, maps and inlines', async () => {
        const cols = sql.join([users.id, users.name], sql`, `);
        const q = db
          .select({ pair: sql<string>`concat(${cols})`.as('pair'), n: sql`${users.age}`.mapWith(Number), inl: sql`${'x'}`.inlineParams() })
          .from(users)
          .where(eq(users.id, 1));
        expect(q.toSQL()).toEqual({ sql: S('select concat("users"."id", "users"."name") as "pair", "users"."age", \'x\' from "users" where "users"."id" = $1'), params: [1] });
        expect(await q).toEqual([{ pair: '1Ann', n: 30, inl: 'x' }]);
        expect(sql.empty().append(sql`a`).chunks).toHaveLength(1);
      });
      it('exposes table metadata', () => {
        expect(Object.keys(getTableColumns(users))).toEqual(['id', 'name', 'email', 'age', 'verified', 'tags', 'invitedBy', 'updatedAt']);
        expect(getTableName(posts)).toBe('posts');
        expect(is(users, Table)).toBe(true);
        expect(is(users.id, Table)).toBe(false);
      });
    });

    describe('operators and aggregates', () => {
      const names = async (where: ReturnType<typeof eq> | undefined) => (await db.select({ name: users.name }).from(users).where(where).orderBy(users.id)).map((r) => r.name);
      it('compares', async () => {
        expect(await names(eq(users.id, 1))).toEqual(['Ann']);
        expect(await names(ne(users.name, 'Ann'))).toEqual(['Bob', 'Cy', 'Dee']);
        expect(await names(gt(users.age, 30))).toEqual(['Cy']);
        expect(await names(gte(users.age, 30))).toEqual(['Ann', 'Cy']);
        expect(await names(lt(users.age, 30))).toEqual(['Bob']);
        expect(await names(lte(users.age, 30))).toEqual(['Ann', 'Bob']);
        expect(await names(between(users.age, 18, 40))).toEqual(['Ann']);
        expect(await names(notBetween(users.age, 18, 40))).toEqual(['Bob', 'Cy']);
        expect(lastSql().sql).toBe(S('select "name" from "users" where "users"."age" not between $1 and $2 order by "users"."id"'));
      });
      it('matches strings, lists and nulls', async () => {
        expect(await names(like(users.name, 'A%'))).toEqual(['Ann']);
        expect(await names(notLike(users.name, 'A%'))).toEqual(['Bob', 'Cy', 'Dee']);
        expect(await names(ilike(users.name, 'a%'))).toEqual(['Ann']);
        expect(lastSql().sql).toContain(D({ pg: '"users"."name" ilike $1', sqlite: 'lower("users"."name") like lower(?)', mysql: 'lower(`users`.`name`) like lower(?)' }));
        expect(await names(notIlike(users.name, '%E%'))).toEqual(['Ann', 'Bob', 'Cy']);
        expect(await names(inArray(users.id, [2, 3]))).toEqual(['Bob', 'Cy']);
        expect(await names(inArray(users.id, []))).toEqual([]);
        expect(lastSql().sql).toBe(S('select "name" from "users" where false order by "users"."id"'));
        expect(await names(notInArray(users.id, []))).toEqual(['Ann', 'Bob', 'Cy', 'Dee']);
        expect(await names(notInArray(users.id, [1]))).toEqual(['Bob', 'Cy', 'Dee']);
        expect(await names(inArray(users.id, db.select({ id: posts.authorId }).from(posts)))).toEqual(['Ann', 'Bob']);
        expect(lastSql().sql).toBe(S('select "name" from "users" where "users"."id" in (select "author_id" from "posts") order by "users"."id"'));
        expect(await names(isNull(users.age))).toEqual(['Dee']);
        expect(await names(isNotNull(users.invitedBy))).toEqual(['Bob', 'Cy', 'Dee']);
      });
      it('combines, negates and tests existence', async () => {
        expect(await names(and(eq(users.verified, true), gt(users.age, 40)))).toEqual(['Cy']);
        expect(lastSql().sql).toBe(S('select "name" from "users" where ("users"."verified" = $1 and "users"."age" > $2) order by "users"."id"'));
        expect(await names(or(eq(users.id, 1), eq(users.id, 4), undefined))).toEqual(['Ann', 'Dee']);
        expect(await names(and(undefined, eq(users.id, 2)))).toEqual(['Bob']);
        expect(await names(and())).toEqual(['Ann', 'Bob', 'Cy', 'Dee']);
        expect(await names(not(eq(users.verified, true)))).toEqual(['Bob', 'Dee']);
        const hasPosts = db.select({ one: sql`1` }).from(posts).where(eq(posts.authorId, users.id));
        expect(await names(exists(hasPosts))).toEqual(['Ann', 'Bob']);
        expect(lastSql().sql).toBe(S('select "name" from "users" where exists (select 1 from "posts" where "posts"."author_id" = "users"."id") order by "users"."id"'));
        // Chained set operations apply left to right, as written.
        expect(await names(notExists(hasPosts))).toEqual(['Cy', 'Dee']);
      });
      it('uses array operators (PostgreSQL only: other dialects have no arrays and say so)', async () => {
        if (dialect !== 'pg') {
          await expect(names(arrayContains(users.tags, ['b']))).rejects.toThrow(`${dialect}: array operators exist only on PostgreSQL and CockroachDB`);
          return;
        }
        expect(await names(arrayContains(users.tags, ['b']))).toEqual(['Ann', 'Bob']);
        expect(lastSql().sql).toContain(S('"users"."tags" @> $1'));
        expect(await names(arrayContained(users.tags, ['a', 'b']))).toEqual(['Ann', 'Bob', 'Dee']);
        expect(await names(arrayOverlaps(users.tags, ['a', 'z']))).toEqual(['Ann']);
      });
      it('aggregates with decoded types', async () => {
        const [row] = await db.select({ n: count(), withAge: count(users.age), distinctVerified: countDistinct(users.verified), total: sum(users.age), mean: avg(users.age), lo: min(users.age), hi: max(users.name) }).from(users);
        // avg() keeps the database's text of the number: exact decimals on PostgreSQL and MySQL, a double on SQLite.
        expect(row).toEqual({ n: 4, withAge: 3, distinctVerified: 2, total: '92', mean: D({ pg: '30.6666666666666667', sqlite: '30.666666666666668', mysql: '30.6667' }), lo: 17, hi: 'Dee' });
        expect(lastSql().sql).toBe(S('select count(*), count("users"."age"), count(distinct "users"."verified"), sum("users"."age"), avg("users"."age"), min("users"."age"), max("users"."name") from "users"'));
        const [empty] = await db
          .select({ total: sum(users.age), hi: max(users.age) })
          .from(users)
          .where(eq(users.id, -1));
        expect(empty).toEqual({ total: null, hi: null });
      });
    });

    describe('select', () => {
      it('selects whole rows, partial and nested objects', async () => {
        const [ann] = await db.select().from(users).where(eq(users.id, 1));
        expect(lastSql().sql).toBe(S('select "id", "name", "email", "age", "verified", "tags", "invited_by", "updated_at" from "users" where "users"."id" = $1'));
        expect(ann).toEqual({ id: 1, name: 'Ann', email: 'ann@x.io', age: 30, verified: true, tags: ['a', 'b'], invitedBy: null, updatedAt: null });
        expect(typeof ann!.verified).toBe('boolean');
        const nested = await db
          .select({ id: users.id, person: { name: users.name, contact: { email: users.email } } })
          .from(users)
          .where(eq(users.id, 2));
        expect(nested).toEqual([{ id: 2, person: { name: 'Bob', contact: { email: 'bob@x.io' } } }]);
      });
      it('takes where, orderBy and groupBy callbacks, limit and offset', async () => {
        const rows = await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where((f) => gt(f.id, 1))
          .orderBy((f) => desc(f.id))
          .limit(2)
          .offset(1);
        expect(lastSql()).toEqual({ sql: S('select "id", "name" from "users" where "users"."id" > $1 order by "users"."id" desc limit $2 offset $3'), params: [1, 2, 1] });
        expect(rows).toEqual([
          { id: 3, name: 'Cy' },
          { id: 2, name: 'Bob' },
        ]);
      });
      it('groups with having, in the seed callback form', async () => {
        const rows = await db
          .select({ verified: users.verified, count: sql<number>`cast(count(${users.id}) as int)` })
          .from(users)
          .groupBy(users.verified)
          .having(({ count }) => gt(count, 1))
          .orderBy(users.verified);
        expect(lastSql().sql).toBe(S('select "verified", cast(count("users"."id") as int) from "users" group by "users"."verified" having cast(count("users"."id") as int) > $1 order by "users"."verified"'));
        expect(rows).toEqual([
          { verified: false, count: 2 },
          { verified: true, count: 2 },
        ]);
      });
      it('selects distinct, and distinct on (PostgreSQL only; the others reject it by name)', async () => {
        const d = await db.selectDistinct({ verified: users.verified }).from(users).orderBy(users.verified);
        expect(lastSql().sql).toBe(S('select distinct "verified" from "users" order by "users"."verified"'));
        expect(d).toEqual([{ verified: false }, { verified: true }]);
        if (dialect !== 'pg') {
          expect(() => db.selectDistinctOn([users.verified], { verified: users.verified }).from(users).toSQL()).toThrow(`${dialect}: selectDistinctOn is not supported`);
          return;
        }
        const on = await db.selectDistinctOn([users.verified], { verified: users.verified, name: users.name }).from(users).orderBy(users.verified, desc(users.id));
        expect(lastSql().sql).toBe(S('select distinct on ("users"."verified") "verified", "name" from "users" order by "users"."verified", "users"."id" desc'));
        expect(on).toEqual([
          { verified: false, name: 'Dee' },
          { verified: true, name: 'Cy' },
        ]);
      });
      it('builds conditionally with $dynamic()', async () => {
        const build = (minAge?: number) => {
          let q = db.select({ name: users.name }).from(users).$dynamic();
          if (minAge !== undefined) q = q.where(gte(users.age, minAge));
          return q.orderBy(users.id);
        };
        expect(await build()).toHaveLength(4);
        expect(await build(30)).toEqual([{ name: 'Ann' }, { name: 'Cy' }]);
      });
      it('locks rows with for update / for share (SQLite locks whole databases and rejects it; MySQL locks no named tables)', async () => {
        if (dialect === 'sqlite') {
          expect(() => db.select({ id: users.id }).from(users).for('update').toSQL()).toThrow('sqlite: row locking (for update) is not supported');
          return;
        }
        const q = db.select({ id: users.id }).from(users).where(eq(users.id, 1)).for('update', { skipLocked: true });
        expect(q.toSQL().sql).toBe(S('select "id" from "users" where "users"."id" = $1 for update skip locked'));
        if (dialect === 'mysql') {
          // `lock in share mode` is the shared lock both MySQL and MariaDB accept; neither locks "of" a table.
          expect(db.select({ id: users.id }).from(users).for('share', { noWait: true }).toSQL().sql).toBe('select `id` from `users` lock in share mode nowait');
          expect(() => db.select({ id: users.id }).from(users).for('share', { of: users }).toSQL()).toThrow('mysql: for update of <table> is not supported');
        } else {
          expect(db.select({ id: users.id }).from(users).for('share', { of: users, noWait: true }).toSQL().sql).toBe(S('select "id" from "users" for share of "users" nowait'));
        }
        await db.transaction(async (tx) => {
          expect(await tx.select({ id: users.id }).from(users).where(eq(users.id, 1)).for('update')).toEqual([{ id: 1 }]);
        });
      });
      it('prepares once and executes with placeholders', async () => {
        const p = db
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, sql.placeholder('id')))
          .prepare('user_by_id');
        expect(p.getQuery()).toEqual({ sql: S('select "name" from "users" where "users"."id" = $1'), params: [expect.objectContaining({ name: 'id' })] });
        expect(await p.execute({ id: 1 })).toEqual([{ name: 'Ann' }]);
        expect(await p.execute({ id: 3 })).toEqual([{ name: 'Cy' }]);
        await expect(p.execute({})).rejects.toThrow(/No value for placeholder "id"/);
      });
      it('maps keys to snake_case columns with casing', async () => {
        const s = await target.open({ casing: 'snake_case' });
        await s.insert(snake).values({ firstName: 'Zed' });
        const rows = await s.select().from(snake);
        expect(rows).toEqual([{ personId: 1, firstName: 'Zed' }]);
        expect(s.select().from(snake).where(eq(snake.firstName, 'Zed')).toSQL().sql).toBe(S('select "person_id", "first_name" from "snake_people" where "snake_people"."first_name" = $1'));
      });
    });

    describe('joins, aliases, subqueries, CTEs and set operations', () => {
      it('left/inner/right/full/cross joins with nullable sides', async () => {
        const left = await db
          .select()
          .from(users)
          .leftJoin(posts, eq(posts.authorId, users.id))
          .where(inArray(users.id, [2, 3]))
          .orderBy(users.id);
        expect(lastSql().sql).toBe(
          S(
            'select "users"."id", "users"."name", "users"."email", "users"."age", "users"."verified", "users"."tags", "users"."invited_by", "users"."updated_at", "posts"."id", "posts"."title", "posts"."author_id", "posts"."views", "posts"."slug" from "users" left join "posts" on "posts"."author_id" = "users"."id" where "users"."id" in ($1, $2) order by "users"."id"',
          ),
        );
        expect(left.map((r) => [r.users.name, r.posts?.title ?? null])).toEqual([
          ['Bob', 'p3'],
          ['Cy', null],
        ]);
        expect(left[1]!.posts).toBeNull();
        const inner = await db.select({ user: users.name, post: posts.title }).from(users).innerJoin(posts, eq(posts.authorId, users.id)).orderBy(posts.id);
        expect(inner).toEqual([
          { user: 'Ann', post: 'p1' },
          { user: 'Ann', post: 'p2' },
          { user: 'Bob', post: 'p3' },
        ]);
        const right = await db.select({ user: users.name, post: posts.title }).from(users).rightJoin(posts, eq(posts.authorId, users.id)).where(eq(posts.title, 'orphan'));
        expect(right).toEqual([{ user: null, post: 'orphan' }]);
        const fullJoin = db
          .select()
          .from(users)
          .fullJoin(posts, eq(posts.authorId, users.id))
          .where(or(eq(users.name, 'Dee'), eq(posts.title, 'orphan')));
        if (dialect === 'mysql') {
          // MySQL has no full outer join.
          expect(() => fullJoin.toSQL()).toThrow('mysql: full join is not supported');
        } else {
          const pairs = (await fullJoin).map((r) => [r.users?.name ?? null, r.posts?.title ?? null]);
          expect(pairs).toHaveLength(2);
          expect(pairs).toEqual(
            expect.arrayContaining([
              ['Dee', null],
              [null, 'orphan'],
            ]),
          );
        }
        const cross = await db.select({ a: users.id, b: accounts.userId }).from(users).crossJoin(accounts).where(eq(users.id, 1)).orderBy(accounts.userId);
        expect(lastSql().sql).toBe(S('select "users"."id", "accounts"."user_id" from "users" cross join "accounts" where "users"."id" = $1 order by "accounts"."user_id"'));
        expect(cross).toEqual([
          { a: 1, b: 1 },
          { a: 1, b: 2 },
        ]);
      });
      it('self joins through alias', async () => {
        const inviter = alias(users, 'inviter');
        const rows = await db.select({ name: users.name, inviter: inviter.name }).from(users).leftJoin(inviter, eq(inviter.id, users.invitedBy)).orderBy(users.id);
        expect(lastSql().sql).toBe(S('select "users"."name", "inviter"."name" from "users" left join "users" "inviter" on "inviter"."id" = "users"."invited_by" order by "users"."id"'));
        expect(rows).toEqual([
          { name: 'Ann', inviter: null },
          { name: 'Bob', inviter: 'Ann' },
          { name: 'Cy', inviter: 'Ann' },
          { name: 'Dee', inviter: 'Bob' },
        ]);
      });
      it('uses subqueries in from and joins', async () => {
        const sq = db
          .select({ authorId: posts.authorId, total: sum(posts.views).as('total') })
          .from(posts)
          .groupBy(posts.authorId)
          .as('totals');
        const rows = await db.select({ name: users.name, total: sq.total }).from(users).innerJoin(sq, eq(sq.authorId, users.id)).orderBy(users.id);
        expect(lastSql().sql).toBe(
          S(
            'select "users"."name", "totals"."total" from "users" inner join (select "author_id", sum("posts"."views") as "total" from "posts" group by "posts"."author_id") "totals" on "totals"."author_id" = "users"."id" order by "users"."id"',
          ),
        );
        expect(rows).toEqual([
          { name: 'Ann', total: '30' },
          { name: 'Bob', total: '5' },
        ]);
        const adults = db.select({ id: users.id, name: users.name }).from(users).where(gte(users.age, 18)).as('adults');
        expect(await db.select().from(adults).orderBy(adults.id)).toEqual([
          { id: 1, name: 'Ann' },
          { id: 3, name: 'Cy' },
        ]);
      });
      it('uses $with / with CTEs', async () => {
        const busy = db.$with('busy').as(
          db
            .select({ authorId: posts.authorId, n: count().as('n') })
            .from(posts)
            .groupBy(posts.authorId),
        );
        const rows = await db.with(busy).select({ name: users.name, n: busy.n }).from(busy).innerJoin(users, eq(users.id, busy.authorId)).orderBy(users.id);
        expect(lastSql().sql).toBe(
          S('with "busy" as (select "author_id", count(*) as "n" from "posts" group by "posts"."author_id") select "users"."name", "busy"."n" from "busy" inner join "users" on "users"."id" = "busy"."author_id" order by "users"."id"'),
        );
        expect(rows).toEqual([
          { name: 'Ann', n: 2 },
          { name: 'Bob', n: 1 },
        ]);
      });
      it('combines selects with set operations', async () => {
        const a = db.select({ id: users.id }).from(users).where(lte(users.id, 2));
        const b = db.select({ id: users.id }).from(users).where(gte(users.id, 2));
        const u = await union(a, b).orderBy(desc(sql`1`)).limit(10);
        // SQLite does not allow parenthesised members in a compound select.
        expect(lastSql().sql).toBe(
          dialect === 'sqlite'
            ? 'select "id" from "users" where "users"."id" <= ? union select "id" from "users" where "users"."id" >= ? order by 1 desc limit ?'
            : S('(select "id" from "users" where "users"."id" <= $1) union (select "id" from "users" where "users"."id" >= $2) order by 1 desc limit $3'),
        );
        expect(u.map((r) => r.id).sort()).toEqual([1, 2, 3, 4]);
        const all = await unionAll(db.select({ id: users.id }).from(users).where(lte(users.id, 2)), db.select({ id: users.id }).from(users).where(gte(users.id, 2)));
        expect(all).toHaveLength(5);
        expect(await intersect(db.select({ id: users.id }).from(users).where(lte(users.id, 2)), db.select({ id: users.id }).from(users).where(gte(users.id, 2)))).toEqual([{ id: 2 }]);
        const ex = await except(db.select({ id: users.id }).from(users), db.select({ id: users.id }).from(users).where(gte(users.id, 2)));
        expect(ex).toEqual([{ id: 1 }]);
        if (dialect === 'sqlite') {
          // SQLite has union all but no intersect all / except all.
          expect(() =>
            db
              .select({ id: users.id })
              .from(users)
              .intersectAll(db.select({ id: users.id }).from(users))
              .toSQL(),
          ).toThrow('sqlite: intersect all is not supported');
          return;
        }
        const chained = await db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.id, 1))
          .unionAll(db.select({ id: users.id }).from(users).where(eq(users.id, 1)))
          .intersectAll(db.select({ id: users.id }).from(users))
          .exceptAll(db.select({ id: users.id }).from(users).where(eq(users.id, 9)));
        expect(chained).toEqual([{ id: 1 }]);
      });
      it('counts with $count, alone and as a subquery', async () => {
        expect(await db.$count(users)).toBe(4);
        expect(await db.$count(users, eq(users.verified, true))).toBe(2);
        expect(lastSql()).toEqual({ sql: S('select count(*) from "users" where "users"."verified" = $1'), params: [D<unknown>({ pg: true, sqlite: 1, mysql: true })] });
        const rows = await db
          .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users.id)) })
          .from(users)
          .orderBy(users.id);
        expect(lastSql().sql).toBe(S('select "name", (select count(*) from "posts" where "posts"."author_id" = "users"."id") from "users" order by "users"."id"'));
        expect(rows.map((r) => r.posts)).toEqual([2, 1, 0, 0]);
      });
    });

    describe('insert', () => {
      it('inserts one and many rows with returning (MySQL: $returningId() and a select)', async () => {
        const eve = db.insert(users).values({ name: 'Eve', email: 'eve@x.io' });
        let one: unknown;
        if (dialect === 'mysql') {
          expect(await returningId(eve)).toEqual([{ id: 5 }]);
          expect(lastSql()).toEqual({ sql: 'insert into `users` (`name`, `email`, `updated_at`) values (?, ?, ?)', params: ['Eve', 'eve@x.io', '2030-01-01 00:00:00'] });
          [one] = await db.select().from(users).where(eq(users.id, 5));
        } else {
          [one] = await eve.returning();
          // Without a DEFAULT keyword (SQLite), a column's declared default is written for it.
          expect(lastSql()).toEqual({
            sql:
              dialect === 'sqlite'
                ? 'insert into "users" ("name", "email", "verified", "updated_at") values (?, ?, ?, ?) returning "id", "name", "email", "age", "verified", "tags", "invited_by", "updated_at"'
                : 'insert into "users" ("name", "email", "updated_at") values ($1, $2, $3) returning "id", "name", "email", "age", "verified", "tags", "invited_by", "updated_at"',
            params: dialect === 'sqlite' ? ['Eve', 'eve@x.io', 0, '2030-01-01 00:00:00'] : ['Eve', 'eve@x.io', '2030-01-01 00:00:00'],
          });
        }
        expect(one).toEqual({ id: 5, name: 'Eve', email: 'eve@x.io', age: null, verified: false, tags: null, invitedBy: null, updatedAt: '2030-01-01 00:00:00' });
        const two = db.insert(posts).values([
          { title: 'a', views: 3 },
          { title: 'b', slug: 'given' },
        ]);
        const fields = { id: posts.id, title: posts.title, views: posts.views, slug: posts.slug };
        let many: unknown;
        if (dialect === 'mysql') {
          // A multi-row insert takes consecutive ids from the first one the server reports.
          expect(await returningId(two)).toEqual([{ id: 5 }, { id: 6 }]);
          many = await db.select(fields).from(posts).where(gte(posts.id, 5)).orderBy(posts.id);
          log.last.pop();
        } else {
          many = await two.returning(fields);
        }
        // Without a DEFAULT keyword in VALUES (SQLite), the column's declared default is bound instead.
        expect(lastSql()).toEqual({
          sql: D({
            pg: 'insert into "posts" ("title", "views", "slug") values ($1, $2, $3), ($4, default, $5) returning "id", "title", "views", "slug"',
            sqlite: 'insert into "posts" ("title", "views", "slug") values (?, ?, ?), (?, ?, ?) returning "id", "title", "views", "slug"',
            mysql: 'insert into `posts` (`title`, `views`, `slug`) values (?, ?, ?), (?, default, ?)',
          }),
          params: D({ pg: ['a', 3, 'generated-slug', 'b', 'given'], sqlite: ['a', 3, 'generated-slug', 'b', 0, 'given'], mysql: ['a', 3, 'generated-slug', 'b', 'given'] }),
        });
        expect(many).toEqual([
          { id: 5, title: 'a', views: 3, slug: 'generated-slug' },
          { id: 6, title: 'b', views: 0, slug: 'given' },
        ]);
        await db.insert(posts).values({ title: sql`upper(${'raw'})`, authorId: 2 });
        expect((await db.select({ t: posts.title }).from(posts).where(eq(posts.id, 7)))[0]).toEqual({ t: 'RAW' });
      });
      it('upserts with onConflictDoNothing and onConflictDoUpdate (MySQL: on duplicate key update)', async () => {
        await db.insert(users).values({ name: 'X', email: 'ann@x.io' }).onConflictDoNothing();
        expect(lastSql().sql).toBe(
          D({
            pg: 'insert into "users" ("name", "email", "updated_at") values ($1, $2, $3) on conflict do nothing',
            sqlite: 'insert into "users" ("name", "email", "verified", "updated_at") values (?, ?, ?, ?) on conflict do nothing',
            // Setting the key to itself leaves the existing row unchanged.
            mysql: 'insert into `users` (`name`, `email`, `updated_at`) values (?, ?, ?) on duplicate key update `id` = `id`',
          }),
        );
        await db.insert(users).values({ name: 'X', email: 'ann@x.io' }).onConflictDoNothing({ target: users.email });
        expect(lastSql().sql).toContain(D({ pg: 'on conflict ("email") do nothing', sqlite: 'on conflict ("email") do nothing', mysql: 'on duplicate key update `email` = `email`' }));
        expect(await db.select({ name: users.name }).from(users).where(eq(users.email, 'ann@x.io'))).toEqual([{ name: 'Ann' }]);
        if (dialect === 'mysql') {
          // No conditional update on MySQL: the where clause is refused by name.
          expect(() =>
            db
              .insert(users)
              .values({ name: 'Ann 2', email: 'ann@x.io' })
              .onConflictDoUpdate({ target: users.email, set: { age: 31 }, setWhere: eq(users.verified, true) })
              .toSQL(),
          ).toThrow('mysql: on duplicate key update cannot have a where clause');
          await db
            .insert(users)
            .values({ name: 'Ann 2', email: 'ann@x.io' })
            .onConflictDoUpdate({ target: users.email, set: { name: sql`values(${users.name})`, age: 31 } });
          expect(lastSql().sql).toBe('insert into `users` (`name`, `email`, `updated_at`) values (?, ?, ?) on duplicate key update `name` = values(`users`.`name`), `age` = ?, `updated_at` = ?');
          expect(await db.select({ id: users.id, name: users.name, age: users.age }).from(users).where(eq(users.email, 'ann@x.io'))).toEqual([{ id: 1, name: 'Ann 2', age: 31 }]);
          const mysqlQuery = db.insert(users).values({ name: 'Bob 2', email: 'bob@x.io' }) as unknown as { onDuplicateKeyUpdate(c: { set: object }): Promise<unknown>; ignore(): Promise<unknown> };
          await mysqlQuery.onDuplicateKeyUpdate({ set: { age: 18 } });
          expect(lastSql().sql).toBe('insert into `users` (`name`, `email`, `updated_at`) values (?, ?, ?) on duplicate key update `age` = ?, `updated_at` = ?');
          await (db.insert(users).values({ name: 'Bob 3', email: 'bob@x.io' }) as unknown as typeof mysqlQuery).ignore();
          expect(lastSql().sql).toBe('insert ignore into `users` (`name`, `email`, `updated_at`) values (?, ?, ?)');
          expect(await db.select({ name: users.name, age: users.age }).from(users).where(eq(users.email, 'bob@x.io'))).toEqual([{ name: 'Bob', age: 18 }]);
          return;
        }
        const up = await db
          .insert(users)
          .values({ name: 'Ann 2', email: 'ann@x.io' })
          .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name`, age: 31 }, setWhere: eq(users.verified, true) })
          .returning({ id: users.id, name: users.name, age: users.age });
        expect(lastSql().sql).toBe(
          dialect === 'sqlite'
            ? 'insert into "users" ("name", "email", "verified", "updated_at") values (?, ?, ?, ?) on conflict ("email") do update set "name" = excluded.name, "age" = ?, "updated_at" = ? where "users"."verified" = ? returning "id", "name", "age"'
            : 'insert into "users" ("name", "email", "updated_at") values ($1, $2, $3) on conflict ("email") do update set "name" = excluded.name, "age" = $4, "updated_at" = $5 where "users"."verified" = $6 returning "id", "name", "age"',
        );
        expect(up).toEqual([{ id: 1, name: 'Ann 2', age: 31 }]);
      });
      it('accepts the seed upsert form with excluded', async () => {
        await db
          .insert(users)
          .values({ id: 1, name: 'John', email: 'ann@x.io' })
          .onConflict(onConflict(users.email).doUpdateSet({ name: excluded.name }));
        expect(lastSql().sql).toBe(
          D({
            pg: 'insert into "users" ("id", "name", "email", "updated_at") values ($1, $2, $3, $4) on conflict ("email") do update set "name" = excluded."name", "updated_at" = $5',
            sqlite: 'insert into "users" ("id", "name", "email", "verified", "updated_at") values (?, ?, ?, ?, ?) on conflict ("email") do update set "name" = excluded."name", "updated_at" = ?',
            // MySQL names the proposed value with values(column).
            mysql: 'insert into `users` (`id`, `name`, `email`, `updated_at`) values (?, ?, ?, ?) on duplicate key update `name` = values(`name`), `updated_at` = ?',
          }),
        );
        expect(await db.select({ name: users.name }).from(users).where(eq(users.id, 1))).toEqual([{ name: 'John' }]);
      });
      it('inserts from a select', async () => {
        await db.insert(accounts).select(db.select({ userId: users.id, balance: sql<number>`0` }).from(users).where(gt(users.id, 2)));
        expect(lastSql().sql).toBe(S('insert into "accounts" ("user_id", "balance") select "id", 0 from "users" where "users"."id" > $1'));
        expect(await db.select().from(accounts).orderBy(accounts.userId)).toEqual([
          { userId: 1, balance: 500 },
          { userId: 2, balance: 50 },
          { userId: 3, balance: 0 },
          { userId: 4, balance: 0 },
        ]);
      });
      it('splits an insert beyond the parameter limit into statements run in one transaction', async () => {
        // 4 columns per row (name, email, verified, updated_at via $onUpdate): more parameters than any dialect binds at once.
        const limit = D({ pg: 65535, sqlite: 32766, mysql: 65535 });
        const count = Math.ceil((limit * 1.5) / 4);
        const rows = Array.from({ length: count }, (_, i) => ({ name: `n${i}`, email: `bulk${i}@x.io`, verified: i % 2 === 0 }));
        log.last = [];
        await db.insert(users).values(rows);
        const inserts = log.last.filter((q) => q.sql.startsWith(S('insert into "users"')));
        expect(inserts).toHaveLength(2);
        expect(inserts.every((q) => q.params.length <= limit)).toBe(true);
        expect(await db.$count(users)).toBe(4 + count);
        // A failure in the last chunk undoes the earlier ones.
        const failing = [...rows.map((r) => ({ ...r, email: `again.${r.email}` })), { name: 'dup', email: 'ann@x.io' }];
        await expect(db.insert(users).values(failing)).rejects.toBeInstanceOf(SluiceQueryError);
        expect(await db.$count(users)).toBe(4 + count);
        if (dialect !== 'mysql') {
          const back = await db
            .insert(posts)
            .values(Array.from({ length: Math.ceil(limit / 2) }, (_, i) => ({ title: `t${i}`, views: i })))
            .returning({ id: posts.id });
          expect(back.map((r) => r.id)).toEqual(Array.from({ length: Math.ceil(limit / 2) }, (_, i) => 5 + i));
        }
      });
      it('names what is wrong before the database does', async () => {
        await expect(async () =>
          db
            .insert(users)
            .values({ name: 'n', emial: 'e' } as never)
            .toSQL(),
        ).rejects.toThrow(/insert into "users": missing value for not-null column "email" in row 0 \(the row has an unknown key "emial"/);
        await expect(async () =>
          db
            .insert(users)
            .values({ name: 'n' } as never)
            .toSQL(),
        ).rejects.toThrow(/missing value for not-null column "email" in row 0/);
        await expect(async () =>
          db
            .insert(users)
            .values({ name: null, email: 'e' } as never)
            .toSQL(),
        ).rejects.toThrow(/null for not-null column "name"/);
        await expect(async () => db.insert(users).values([]).toSQL()).rejects.toThrow(SchemaError);
      });
    });

    describe('update and delete', () => {
      it('updates with SQL, $onUpdate, from and returning (MySQL: neither from nor returning)', async () => {
        const bump = db
          .update(users)
          .set({ age: sql`${users.age} + 1` })
          .where(eq(users.id, 1));
        if (dialect === 'mysql') {
          await bump;
          expect(lastSql()).toEqual({ sql: 'update `users` set `age` = `age` + 1, `updated_at` = ? where `users`.`id` = ?', params: ['2030-01-01 00:00:00', 1] });
          expect(await db.select({ age: users.age, updatedAt: users.updatedAt }).from(users).where(eq(users.id, 1))).toEqual([{ age: 31, updatedAt: '2030-01-01 00:00:00' }]);
          expect(() => db.update(posts).set({ views: 0 }).from(users).toSQL()).toThrow('mysql: update ... from is not supported');
        } else {
          const [u] = await bump.returning({ age: users.age, updatedAt: users.updatedAt });
          expect(lastSql()).toEqual({ sql: S('update "users" set "age" = "age" + 1, "updated_at" = $1 where "users"."id" = $2 returning "age", "updated_at"'), params: ['2030-01-01 00:00:00', 1] });
          expect(u).toEqual({ age: 31, updatedAt: '2030-01-01 00:00:00' });
          const res = await db
            .update(posts)
            .set({ views: 0 })
            .from(users)
            .where(and(eq(posts.authorId, users.id), eq(users.name, 'Ann')))
            .returning({ id: posts.id });
          expect(lastSql().sql).toBe(S('update "posts" set "views" = $1 from "users" where ("posts"."author_id" = "users"."id" and "users"."name" = $2) returning "posts"."id"'));
          expect(res.map((r) => r.id).sort()).toEqual([1, 2]);
        }
        await expect(async () =>
          db
            .update(users)
            .set({ nope: 1 } as never)
            .toSQL(),
        ).rejects.toThrow('update "users": users has no column "nope" (set())');
        await expect(async () => db.update(accounts).set({}).toSQL()).rejects.toThrow(/no values to set/);
      });
      it('deletes with where and returning (MySQL: without returning)', async () => {
        const small = db.delete(posts).where(lt(posts.views, 10));
        if (dialect === 'mysql') {
          await small;
          expect(lastSql()).toEqual({ sql: 'delete from `posts` where `posts`.`views` < ?', params: [10] });
          expect((await db.select({ title: posts.title }).from(posts).orderBy(posts.id)).map((p) => p.title)).toEqual(['p1', 'p2']);
        } else {
          const gone = await small.returning({ title: posts.title });
          expect(lastSql()).toEqual({ sql: S('delete from "posts" where "posts"."views" < $1 returning "title"'), params: [10] });
          expect(gone.map((g) => g.title).sort()).toEqual(['orphan', 'p3']);
        }
        await db.delete(posts);
        expect(await db.$count(posts)).toBe(0);
      });
      it('orders and limits updates and deletes (MySQL and SQLite; PostgreSQL refuses by name)', async () => {
        const oldest = db.update(users).set({ age: 99 }).where(isNotNull(users.age)).orderBy(desc(users.age)).limit(1);
        const first = db.delete(posts).orderBy(posts.id).limit(2);
        if (dialect === 'pg') {
          expect(() => oldest.toSQL()).toThrow(`${db.dialect.name}: update with orderBy()/limit() is not supported`);
          expect(() => first.toSQL()).toThrow(`${db.dialect.name}: delete with orderBy()/limit() is not supported`);
          return;
        }
        if (name === 'libsql') {
          // Only SQLite builds with SQLITE_ENABLE_UPDATE_DELETE_LIMIT accept it (better-sqlite3's does, libsql's does not).
          expect(oldest.toSQL().sql).toBe('update "users" set "age" = ?, "updated_at" = ? where "users"."age" is not null order by "users"."age" desc limit ?');
          await expect(oldest).rejects.toThrow(/near "order": syntax error/);
          return;
        }
        await oldest;
        expect(lastSql().sql).toBe(S('update "users" set "age" = $1, "updated_at" = $2 where "users"."age" is not null order by "users"."age" desc limit $3'));
        expect(await db.select({ name: users.name }).from(users).where(eq(users.age, 99))).toEqual([{ name: 'Cy' }]);
        await first;
        expect(lastSql().sql).toBe(S('delete from "posts" order by "posts"."id" limit $1'));
        expect((await db.select({ title: posts.title }).from(posts).orderBy(posts.id)).map((p) => p.title)).toEqual(['p3', 'orphan']);
      });
    });

    describe('transactions', () => {
      it('returns the callback value and commits', async () => {
        const balance = await db.transaction(async (tx) => {
          await tx
            .update(accounts)
            .set({ balance: sql`${accounts.balance} - 100` })
            .where(eq(accounts.userId, 1));
          const [a] = await tx.select().from(accounts).where(eq(accounts.userId, 1));
          return a!.balance;
        });
        expect(balance).toBe(400);
        expect(await db.select({ b: accounts.balance }).from(accounts).where(eq(accounts.userId, 1))).toEqual([{ b: 400 }]);
      });
      it('rolls back on throw and on tx.rollback()', async () => {
        await expect(
          db.transaction(async (tx) => {
            await tx.delete(accounts);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        await expect(
          db.transaction(async (tx) => {
            await tx.delete(accounts);
            tx.rollback();
          }),
        ).rejects.toBeInstanceOf(TransactionRollbackError);
        expect(await db.$count(accounts)).toBe(2);
      });
      it('runs the seed transferFunds example', async () => {
        async function transferFunds(fromId: number, toId: number, amount: number) {
          await db.transaction(async (tx) => {
            const [from] = await tx.select().from(accounts).where(eq(accounts.userId, fromId));
            if (from!.balance < amount) {
              tx.rollback();
            }
            await tx
              .update(accounts)
              .set({ balance: sql`${accounts.balance} - ${amount}` })
              .where(eq(accounts.userId, fromId));
            await tx
              .update(accounts)
              .set({ balance: sql`${accounts.balance} + ${amount}` })
              .where(eq(accounts.userId, toId));
          });
        }
        await transferFunds(1, 2, 100);
        await expect(transferFunds(2, 1, 1000)).rejects.toBeInstanceOf(TransactionRollbackError);
        expect(await db.select().from(accounts).orderBy(accounts.userId)).toEqual([
          { userId: 1, balance: 400 },
          { userId: 2, balance: 150 },
        ]);
      });
      it('nests with savepoints; a caught inner failure keeps the outer work', async () => {
        await db.transaction(async (tx) => {
          await tx.insert(accounts).values({ userId: 3, balance: 1 });
          await tx
            .transaction(async (tx2) => {
              await tx2.insert(accounts).values({ userId: 4, balance: 1 });
              tx2.rollback();
            })
            .catch((e: unknown) => expect(e).toBeInstanceOf(TransactionRollbackError));
          await tx.transaction(async (tx2) => {
            await tx2.insert(accounts).values({ userId: 5, balance: 1 });
          });
        });
        expect((await db.select({ id: accounts.userId }).from(accounts).orderBy(accounts.userId)).map((r) => r.id)).toEqual([1, 2, 3, 5]);
      });
      it('applies isolation level and access mode (SQLite takes a locking behaviour instead)', async () => {
        if (dialect === 'sqlite') {
          await db.transaction(async (tx) => tx.insert(accounts).values({ userId: 9, balance: 9 }), { behavior: 'immediate' });
          const statements = log.last.map((q) => q.sql);
          // libsql opens transactions through its client's own API (an immediate one for writes); sluice logs what it sends.
          expect(statements).toEqual(['begin immediate', 'insert into "accounts" ("user_id", "balance") values (?, ?)', 'commit']);
          expect(await db.$count(accounts)).toBe(3);
          await expect((async () => db.transaction(async () => undefined, { isolationLevel: 'serializable' }))()).rejects.toThrow('sqlite: transactions take only');
          return;
        }
        if (dialect === 'mysql') {
          // MySQL sets the level for the next transaction just before starting it; MariaDB 10.11 reports it as @@tx_isolation.
          // The server lists the running transaction, with its level, once it has read something (the
          // list is a cache refreshed ten times a second, so one level is checked, not two in a row).
          const levelIn = (isolationLevel: 'serializable') =>
            db.transaction(
              async (tx) => {
                await tx.select({ n: count() }).from(accounts);
                return rowsOf(await tx.execute(sql`select trx_isolation_level as level from information_schema.innodb_trx where trx_mysql_thread_id = connection_id()`))[0];
              },
              { isolationLevel, accessMode: 'read only' },
            );
          expect(await levelIn('serializable')).toEqual({ level: 'SERIALIZABLE' });
          await expect(db.transaction(async (tx) => tx.delete(accounts), { accessMode: 'read only' })).rejects.toThrow(/READ ONLY transaction/);
          return;
        }
        const level = await db.transaction(async (tx) => rowsOf(await tx.execute(sql`show transaction_isolation`))[0]!.transaction_isolation, { isolationLevel: 'serializable', accessMode: 'read only' });
        expect(level).toBe('serializable');
        await expect(db.transaction(async (tx) => tx.delete(accounts), { accessMode: 'read only' })).rejects.toThrow(/read-only transaction/);
      });
    });

    it('rejects failed statements with SluiceQueryError carrying SQL, params and cause', async () => {
      const err = await db
        .insert(users)
        .values({ name: 'Dup', email: 'ann@x.io' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SluiceQueryError);
      const q = err as SluiceQueryError;
      expect(q.query).toBe(
        D({
          pg: 'insert into "users" ("name", "email", "updated_at") values ($1, $2, $3)',
          sqlite: 'insert into "users" ("name", "email", "verified", "updated_at") values (?, ?, ?, ?)',
          mysql: 'insert into `users` (`name`, `email`, `updated_at`) values (?, ?, ?)',
        }),
      );
      expect(q.params).toEqual(D({ pg: ['Dup', 'ann@x.io', '2030-01-01 00:00:00'], sqlite: ['Dup', 'ann@x.io', 0, '2030-01-01 00:00:00'], mysql: ['Dup', 'ann@x.io', '2030-01-01 00:00:00'] }));
      expect(q.cause).toBeInstanceOf(Error);
      expect(q.message).toMatch(D({ pg: /duplicate key value/, sqlite: /UNIQUE constraint failed: users.email/, mysql: /Duplicate entry 'ann@x.io'/ }));
    });
  });
}
