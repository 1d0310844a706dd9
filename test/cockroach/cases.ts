/**
 * The statements the CockroachDB suites run: each with its SQL text and the rows it returns on the
 * seeded schema. Every one is valid PostgreSQL as well as CockroachDB, so the same cases run on
 * the PostgreSQL server (queries.test.ts) and on a live CockroachDB (test/live/cockroach.test.ts).
 */
import { and, arrayContains, asc, count, desc, eq, excluded, gt, inArray, onConflict, sql } from 'sluice';
import { posts, type schema, users } from './schema.js';
import type { renderOnly } from './support.js';

export type Db = ReturnType<typeof renderOnly<typeof schema>>;
type Runnable = { toSQL(): { sql: string; params: unknown[] } } & PromiseLike<unknown>;

const ANN_POST = '00000000-0000-4000-8000-000000000001';
const ANN_POST2 = '00000000-0000-4000-8000-000000000002';
const BOB_POST = '00000000-0000-4000-8000-000000000003';

export const SEED = `
insert into users (id, name, email, mood, active, score, created_at, tags, profile) values
  (1, 'Ann', 'ann@x.io', 'happy', true, 10.50, '2026-01-02T03:04:05Z', '{a,b}', '{"city":"Oslo"}'),
  (2, 'Bob', 'bob@x.io', 'sad', false, null, '2026-02-01T00:00:00Z', null, null),
  (3, 'Cy', null, null, true, 3.00, '2026-03-01T00:00:00Z', '{c}', null);
insert into posts (id, author_id, title, views, big, day, rating, weight, at, span) values
  ('${ANN_POST}', 1, 'Hello', 10, 9007199254740993, '2026-01-02', 4.5, 2.25, '10:30:00', '1 day'),
  ('${ANN_POST2}', 1, 'Second', 5, null, null, null, null, null, null),
  ('${BOB_POST}', 2, 'Bob post', 1, -5, '2025-12-31', 1, 0.5, '23:59:59', '02:00:00');`;

export interface Case {
  name: string;
  build(db: Db): Runnable;
  sql: string;
  params: unknown[];
  /** What awaiting it returns on the seeded database (writes run in a transaction that is rolled back). */
  rows: unknown;
}

const annRow = {
  id: 1,
  name: 'Ann',
  email: 'ann@x.io',
  mood: 'happy',
  active: true,
  score: '10.50',
  createdAt: new Date('2026-01-02T03:04:05Z'),
  tags: ['a', 'b'],
  profile: { city: 'Oslo' },
};
const usersColumns = '"id", "name", "email", "mood", "active", "score", "created_at", "tags", "profile"';

export const cases: Case[] = [
  {
    name: 'select by primary key, every column type decoded',
    build: (db) => db.select().from(users).where(eq(users.id, 1)),
    sql: `select ${usersColumns} from "users" where "users"."id" = $1`,
    params: [1],
    rows: [annRow],
  },
  {
    name: 'select of the numeric, date and time types',
    build: (db) => db.select({ big: posts.big, day: posts.day, rating: posts.rating, weight: posts.weight, at: posts.at, span: posts.span }).from(posts).where(eq(posts.id, ANN_POST)),
    sql: 'select "big", "day", "rating", "weight", "at", "span" from "posts" where "posts"."id" = $1',
    params: [ANN_POST],
    rows: [{ big: 9007199254740993n, day: '2026-01-02', rating: 4.5, weight: 2.25, at: '10:30:00', span: '1 day' }],
  },
  {
    name: 'left join with order and limit',
    build: (db) => db.select({ name: users.name, title: posts.title }).from(users).leftJoin(posts, eq(posts.authorId, users.id)).orderBy(asc(users.id), asc(posts.title)).limit(10),
    sql: 'select "users"."name", "posts"."title" from "users" left join "posts" on "posts"."author_id" = "users"."id" order by "users"."id" asc, "posts"."title" asc limit $1',
    params: [10],
    rows: [
      { name: 'Ann', title: 'Hello' },
      { name: 'Ann', title: 'Second' },
      { name: 'Bob', title: 'Bob post' },
      { name: 'Cy', title: null },
    ],
  },
  {
    name: 'inner join, group by and having',
    build: (db) =>
      db
        .select({ name: users.name, n: count(posts.id) })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users.id))
        .groupBy(users.name)
        .having(gt(count(posts.id), 1)),
    sql: 'select "users"."name", count("posts"."id") from "users" inner join "posts" on "posts"."author_id" = "users"."id" group by "users"."name" having count("posts"."id") > $1',
    params: [1],
    rows: [{ name: 'Ann', n: 2 }],
  },
  {
    name: 'subquery in FROM',
    build: (db) => {
      const popular = db.select({ title: posts.title, views: posts.views }).from(posts).where(gt(posts.views, 2)).as('popular');
      return db.select({ title: popular.title }).from(popular).orderBy(desc(popular.views));
    },
    sql: 'select "title" from (select "title", "views" from "posts" where "posts"."views" > $1) "popular" order by "popular"."views" desc',
    params: [2],
    rows: [{ title: 'Hello' }, { title: 'Second' }],
  },
  {
    name: 'subquery in WHERE (in)',
    build: (db) =>
      db
        .select({ name: users.name })
        .from(users)
        .where(inArray(users.id, db.select({ id: posts.authorId }).from(posts)))
        .orderBy(users.id),
    sql: 'select "name" from "users" where "users"."id" in (select "author_id" from "posts") order by "users"."id"',
    params: [],
    rows: [{ name: 'Ann' }, { name: 'Bob' }],
  },
  {
    name: 'CTE',
    build: (db) => {
      const active = db.$with('active').as(db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)));
      return db.with(active).select({ name: active.name }).from(active).orderBy(active.id);
    },
    sql: 'with "active" as (select "id", "name" from "users" where "users"."active" = $1) select "name" from "active" order by "active"."id"',
    params: [true],
    rows: [{ name: 'Ann' }, { name: 'Cy' }],
  },
  {
    name: 'array containment on a string[] column',
    build: (db) =>
      db
        .select({ id: users.id })
        .from(users)
        .where(arrayContains(users.tags, ['a'])),
    sql: 'select "id" from "users" where "users"."tags" @> $1',
    params: ['{"a"}'],
    rows: [{ id: 1 }],
  },
  {
    name: 'row lock (for update, of the table)',
    build: (db) => db.select({ id: users.id }).from(users).where(eq(users.id, 2)).for('update', { of: users }),
    sql: 'select "id" from "users" where "users"."id" = $1 for update of "users"',
    params: [2],
    rows: [{ id: 2 }],
  },
  {
    name: 'insert returning, defaults from the database',
    build: (db) =>
      db
        .insert(users)
        .values({ id: 10, name: 'Di', tags: ['x', 'y z'], profile: { city: 'Rome' } })
        .returning({ id: users.id, active: users.active, tags: users.tags, profile: users.profile }),
    sql: 'insert into "users" ("id", "name", "tags", "profile") values ($1, $2, $3, $4) returning "id", "active", "tags", "profile"',
    params: [10, 'Di', '{"x","y z"}', '{"city":"Rome"}'],
    rows: [{ id: 10, active: true, tags: ['x', 'y z'], profile: { city: 'Rome' } }],
  },
  {
    name: 'insert of several rows with a uuid key from gen_random_uuid()',
    build: (db) =>
      db
        .insert(posts)
        .values([
          { authorId: 3, title: 'A', big: 1n },
          { authorId: 3, title: 'B', big: 2n },
        ])
        .returning({ title: posts.title, big: posts.big, views: posts.views }),
    sql: 'insert into "posts" ("author_id", "title", "big") values ($1, $2, $3), ($4, $5, $6) returning "title", "big", "views"',
    params: [3, 'A', '1', 3, 'B', '2'],
    rows: [
      { title: 'A', big: 1n, views: 0 },
      { title: 'B', big: 2n, views: 0 },
    ],
  },
  {
    name: 'upsert: onConflictDoNothing',
    build: (db) => db.insert(users).values({ id: 1, name: 'Again' }).onConflictDoNothing().returning({ id: users.id }),
    sql: 'insert into "users" ("id", "name") values ($1, $2) on conflict do nothing returning "id"',
    params: [1, 'Again'],
    rows: [],
  },
  {
    name: 'upsert: onConflictDoUpdate with a target and setWhere',
    build: (db) =>
      db
        .insert(users)
        .values({ id: 2, name: 'Bobby' })
        .onConflictDoUpdate({ target: users.id, set: { name: sql`excluded.name` }, setWhere: eq(users.active, false) })
        .returning({ id: users.id, name: users.name }),
    sql: 'insert into "users" ("id", "name") values ($1, $2) on conflict ("id") do update set "name" = excluded.name where "users"."active" = $3 returning "id", "name"',
    params: [2, 'Bobby', false],
    rows: [{ id: 2, name: 'Bobby' }],
  },
  {
    name: "upsert: the seed's onConflict(col).doUpdateSet() with excluded",
    build: (db) =>
      db
        .insert(users)
        .values({ id: 3, name: 'Cyrus', email: 'cy@x.io' })
        .onConflict(onConflict(users.id).doUpdateSet({ name: excluded.name, email: excluded.email }))
        .returning({ name: users.name, email: users.email }),
    sql: 'insert into "users" ("id", "name", "email") values ($1, $2, $3) on conflict ("id") do update set "name" = excluded."name", "email" = excluded."email" returning "name", "email"',
    params: [3, 'Cyrus', 'cy@x.io'],
    rows: [{ name: 'Cyrus', email: 'cy@x.io' }],
  },
  {
    name: 'update returning',
    build: (db) =>
      db
        .update(posts)
        .set({ views: sql`${posts.views} + 1` })
        .where(eq(posts.authorId, 1))
        .returning({ title: posts.title, views: posts.views }),
    sql: 'update "posts" set "views" = "views" + 1 where "posts"."author_id" = $1 returning "title", "views"',
    params: [1],
    rows: [
      { title: 'Hello', views: 11 },
      { title: 'Second', views: 6 },
    ],
  },
  {
    name: 'update ... from',
    build: (db) =>
      db
        .update(posts)
        .set({ title: sql`${users.name} || ': ' || ${posts.title}` })
        .from(users)
        .where(and(eq(users.id, posts.authorId), eq(users.mood, 'sad')))
        .returning({ title: posts.title }),
    sql: 'update "posts" set "title" = "users"."name" || \': \' || "posts"."title" from "users" where ("users"."id" = "posts"."author_id" and "users"."mood" = $1) returning "posts"."title"',
    params: ['sad'],
    rows: [{ title: 'Bob: Bob post' }],
  },
  {
    name: 'delete returning',
    build: (db) => db.delete(posts).where(eq(posts.authorId, 2)).returning({ id: posts.id }),
    sql: 'delete from "posts" where "posts"."author_id" = $1 returning "id"',
    params: [2],
    rows: [{ id: BOB_POST }],
  },
  {
    name: 'relational findMany with a nested many, ordered',
    build: (db) => db.query.users.findMany({ columns: { name: true }, with: { posts: { columns: { title: true, big: true }, orderBy: (p, { asc }) => [asc(p.title)] } }, orderBy: (u, { asc }) => [asc(u.id)] }),
    // A many relation of the root aggregates the child table once, grouped by its key.
    sql: 'select "users0"."name", coalesce("posts1_g"."data", \'[]\'::json) from "users" "users0" left join (select "posts1"."author_id" as "k0", coalesce(json_agg(json_build_array("posts1"."title", "posts1"."big"::text) order by "posts1"."title" asc), \'[]\'::json) as "data" from "posts" "posts1" group by "posts1"."author_id") "posts1_g" on "posts1_g"."k0" = "users0"."id" order by "users0"."id" asc',
    params: [],
    rows: [
      {
        name: 'Ann',
        posts: [
          { title: 'Hello', big: 9007199254740993n },
          { title: 'Second', big: null },
        ],
      },
      { name: 'Bob', posts: [{ title: 'Bob post', big: -5n }] },
      { name: 'Cy', posts: [] },
    ],
  },
  {
    name: 'relational findFirst with its one relation',
    build: (db) => db.query.posts.findFirst({ columns: { title: true, day: true }, with: { author: { columns: { name: true, score: true, createdAt: true } } }, where: (p, { eq }) => eq(p.id, BOB_POST) }),
    sql: 'select "posts0"."title", "posts0"."day", (select json_build_array("author1"."name", "author1"."score"::text, "author1"."created_at"::text) from "users" "author1" where "author1"."id" = "posts0"."author_id" limit $1) from "posts" "posts0" where "posts0"."id" = $2 limit $3',
    params: [1, BOB_POST, 1],
    rows: { title: 'Bob post', day: '2025-12-31', author: { name: 'Bob', score: null, createdAt: new Date('2026-02-01T00:00:00Z') } },
  },
];
