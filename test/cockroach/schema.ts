/**
 * The CockroachDB test schema, and its DDL in SQL that PostgreSQL and CockroachDB both accept (so
 * the suite runs the dialect's statements on the PostgreSQL server). The keys here are ones both
 * databases have: explicit int8 ids and `gen_random_uuid()`; `unique_rowid()` keys and
 * hash-sharded indexes are CockroachDB-only and live in `crdbOnly`, for text assertions.
 */
import { relations, sql } from 'sluice';
import { bool, cockroachEnum, cockroachTable, date, decimal, float, index, int4, int8, interval, jsonb, real, string, time, timestamp, uuid, varchar } from 'sluice/cockroach-core';

export const mood = cockroachEnum('crdb_mood', ['sad', 'ok', 'happy']);

export const users = cockroachTable('users', {
  id: int8({ mode: 'number' }).primaryKey(),
  name: string().notNull(),
  email: varchar({ length: 100 }).unique(),
  mood: mood(),
  active: bool().notNull().default(true),
  score: decimal({ precision: 10, scale: 2 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  tags: string().array(),
  profile: jsonb().$type<{ city: string }>(),
});

export const posts = cockroachTable('posts', {
  id: uuid().primaryKey().defaultRandom(),
  authorId: int8('author_id', { mode: 'number' })
    .notNull()
    .references(() => users.id),
  title: string().notNull(),
  views: int4().notNull().default(0),
  big: int8({ mode: 'bigint' }),
  day: date(),
  rating: real(),
  weight: float(),
  at: time(),
  span: interval(),
});

export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));

export const schema = { users, posts, usersRelations, postsRelations };

/** The schema's tables in SQL both PostgreSQL and CockroachDB accept. */
export const DDL = `
create type crdb_mood as enum ('sad', 'ok', 'happy');
create table users (
  id int8 primary key, name text not null, email varchar(100) unique, mood crdb_mood, active bool not null default true,
  score decimal(10,2), created_at timestamptz not null default now(), tags text[], profile jsonb
);
create table posts (
  id uuid primary key default gen_random_uuid(), author_id int8 not null references users (id), title text not null,
  views int4 not null default 0, big int8, day date, rating real, weight float8, at time, span interval
);`;

/** CockroachDB-only declarations: keys from `unique_rowid()`, hash-sharded and inverted indexes. */
export const events = cockroachTable(
  'events',
  {
    id: int8({ mode: 'bigint' }).primaryKey().defaultUniqueRowid(),
    kind: string().notNull(),
    at: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
    payload: jsonb(),
  },
  (t) => [index('events_at_idx').using('hash', t.at).with({ bucket_count: 8 }), index('events_payload_idx').using('gin', t.payload)],
);
