/**
 * Views in defineRelations(): as query roots and as relation targets, whether defined by a select
 * (expression fields come back through their own decoder), by SQL with declared columns, or
 * existing already. The planning is dialect-neutral: PGlite and better-sqlite3 both run it.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineRelations, eq, getTableColumns, sql } from 'sluice';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { integer, pgTable, pgView, serial, text } from 'sluice/pg-core';
import { drizzle as pglite } from 'sluice/pglite';
import { integer as sqliteInteger, sqliteTable, sqliteView, text as sqliteText } from 'sluice/sqlite-core';

const DATA = `
insert into users (name) values ('Ann'), ('Bob'), ('Cy');
insert into posts (content, owner_id) values ('p1', 1), ('p2', 2);
create view users_view as select users.id, users.name, posts.content, (select count(*) from users) as count from users left join posts on users.id = posts.owner_id;
`;

// The decoder shows that an expression field is read through its own mapWith, at the root (a
// driver value) and nested (a JSON value).
const counted = (v: unknown) => `#${Number(v)}`;

describe('relational queries over views on PGlite', () => {
  const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const posts = pgTable('posts', { id: serial('id').primaryKey(), content: text('content').notNull(), ownerId: integer('owner_id') });
  const usersView = pgView('users_view').as((qb) =>
    qb
      .select({ ...getTableColumns(users), postContent: posts.content, counter: sql`(select count(*) from ${users})`.mapWith(counted).as('count') })
      .from(users)
      .leftJoin(posts, eq(users.id, posts.ownerId)),
  );
  const namesView = pgView('names_view', { id: integer('id').notNull(), name: text('name').notNull() }).as(sql`select id, name from users where id <> 3`);
  const ownersView = pgView('owners_view', { ownerId: integer('owner_id'), posts: integer('posts').notNull() }).existing();
  const rels = defineRelations({ users, posts, usersView, namesView, ownersView }, (r) => ({
    // Mirrors posts.viewAuthor, and so inherits its filter on the view's rows.
    usersView: { posts: r.many.posts() },
    namesView: { posts: r.many.posts({ from: r.namesView.id, to: r.posts.ownerId }) },
    users: { stats: r.one.ownersView({ from: r.users.id, to: r.ownersView.ownerId }) },
    posts: { viewAuthor: r.one.usersView({ from: r.posts.ownerId, to: r.usersView.id, optional: false, where: { id: { gt: 1 } } }) },
  }));
  const client = new PGlite();
  const db = pglite({ client, relations: rels });

  beforeAll(async () => {
    await client.exec(`
      create table users (id serial primary key, name text not null);
      create table posts (id serial primary key, content text not null, owner_id integer);
      ${DATA}
      create view names_view as select id, name from users where id <> 3;
      create view owners_view as select owner_id, count(*)::int as posts from posts group by owner_id;
    `);
  });
  afterAll(() => client.close());

  it('reads a view defined by a select as the root, its expression field decoded', async () => {
    const query = db.query.usersView.findMany({ orderBy: { id: 'asc' }, with: { posts: { columns: { content: true } } } });
    expect(query.toSQL().sql).toContain('"usersView0"."count"');
    expect(await query).toEqual([
      // Ann's row fails the filter inherited from posts.viewAuthor (id > 1).
      { id: 1, name: 'Ann', postContent: 'p1', counter: '#3', posts: [] },
      { id: 2, name: 'Bob', postContent: 'p2', counter: '#3', posts: [{ content: 'p2' }] },
      { id: 3, name: 'Cy', postContent: null, counter: '#3', posts: [] },
    ]);
    // Filters and orders read the expression field by its name in the view.
    const filtered = db.query.usersView.findMany({ columns: { name: true }, where: { counter: { isNotNull: true }, id: { gt: 1 } }, orderBy: { counter: 'asc', id: 'desc' } });
    expect(filtered.toSQL().sql).toContain('"usersView0"."count" is not null');
    expect(filtered.toSQL().sql).toContain('order by "usersView0"."count" asc');
    expect(await filtered).toEqual([{ name: 'Cy' }, { name: 'Bob' }]);
  });

  it('reads a view as the target of a one-relation with a filter of its own', async () => {
    expect(await db.query.posts.findMany({ columns: { content: true }, orderBy: { id: 'asc' }, with: { viewAuthor: { columns: { name: true, counter: true } } } })).toEqual([
      { content: 'p1', viewAuthor: null },
      { content: 'p2', viewAuthor: { name: 'Bob', counter: '#3' } },
    ]);
  });

  it('reads views with declared columns: defined by SQL, and existing', async () => {
    expect(await db.query.namesView.findMany({ orderBy: { id: 'asc' }, with: { posts: { columns: { content: true } } } })).toEqual([
      { id: 1, name: 'Ann', posts: [{ content: 'p1' }] },
      { id: 2, name: 'Bob', posts: [{ content: 'p2' }] },
    ]);
    expect(await db.query.users.findMany({ columns: { name: true }, orderBy: { id: 'asc' }, with: { stats: { columns: { posts: true } } } })).toEqual([
      { name: 'Ann', stats: { posts: 1 } },
      { name: 'Bob', stats: { posts: 1 } },
      { name: 'Cy', stats: null },
    ]);
  });
});

describe('relational queries over views on better-sqlite3', () => {
  const users = sqliteTable('users', { id: sqliteInteger('id').primaryKey(), name: sqliteText('name').notNull() });
  const posts = sqliteTable('posts', { id: sqliteInteger('id').primaryKey(), content: sqliteText('content').notNull(), ownerId: sqliteInteger('owner_id') });
  const usersView = sqliteView('users_view').as((qb) =>
    qb
      .select({ ...getTableColumns(users), postContent: posts.content, counter: sql`(select count(*) from ${users})`.mapWith(counted).as('count') })
      .from(users)
      .leftJoin(posts, eq(users.id, posts.ownerId)),
  );
  const rels = defineRelations({ users, posts, usersView }, (r) => ({
    usersView: { posts: r.many.posts({ from: r.usersView.id, to: r.posts.ownerId }) },
    posts: { viewAuthor: r.one.usersView({ from: r.posts.ownerId, to: r.usersView.id }) },
  }));
  const client = new Database(':memory:');
  const db = betterSqlite({ client, relations: rels });

  beforeAll(() => {
    client.exec(`
      create table users (id integer primary key, name text not null);
      create table posts (id integer primary key, content text not null, owner_id integer);
      ${DATA}
    `);
  });
  afterAll(() => client.close());

  it('reads a view as the root and as a relation target, its expression field decoded', async () => {
    expect(await db.query.usersView.findMany({ orderBy: { id: 'asc' }, with: { posts: { columns: { content: true } } } })).toEqual([
      { id: 1, name: 'Ann', postContent: 'p1', counter: '#3', posts: [{ content: 'p1' }] },
      { id: 2, name: 'Bob', postContent: 'p2', counter: '#3', posts: [{ content: 'p2' }] },
      { id: 3, name: 'Cy', postContent: null, counter: '#3', posts: [] },
    ]);
    expect(await db.query.posts.findMany({ columns: { content: true }, orderBy: { id: 'asc' }, with: { viewAuthor: { columns: { name: true, counter: true } } } })).toEqual([
      { content: 'p1', viewAuthor: { name: 'Ann', counter: '#3' } },
      { content: 'p2', viewAuthor: { name: 'Bob', counter: '#3' } },
    ]);
  });
});
