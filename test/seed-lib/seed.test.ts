/**
 * `sluice/seed` on real databases: seed() fills the schema (parents first, keys drawn from the
 * parents' rows, uniques distinct, enums within their values), the same seed gives the same rows,
 * refine() sets counts, generators and children per row, and reset() empties the tables in the
 * dialect's form. Runs on PGlite and better-sqlite3, and on node-postgres and MariaDB when
 * SLUICE_PG_URL / SLUICE_MYSQL_URL are set.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reset, seed, SeedError } from 'sluice/seed';
import { backendNames, openBackend, ROLES, type SeedBackend } from './backends.js';

const TABLES = ['users', 'posts', 'tags', 'post_tags', 'profiles'];

describe.each(backendNames)('seed() on %s', (name) => {
  let b: SeedBackend;
  beforeAll(async () => {
    b = await openBackend(name);
  });
  afterAll(async () => {
    await b?.close();
  });
  beforeEach(async () => {
    await reset(b.db, b.schema);
    b.takeLog();
  });

  const count = async (table: string) => Number(Object.values((await b.query(`select count(*) as n from ${table}`))[0]!)[0]);
  const plain = (sql: string) => sql.replace(/[`"]/g, '');

  it('fills every table with 10 rows by default, in multi-row inserts that leave serial keys to the database', async () => {
    await seed(b.db, b.schema);
    for (const table of TABLES) expect(await count(table), table).toBe(10);
    const log = b.takeLog();
    const inserts = log.filter((q) => q.startsWith('insert'));
    const updates = log.filter((q) => q.startsWith('update')).map(plain);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatch(/^update users set invited_by = case (users\.)?id when (\$1|\?) then (\$2|\?) .* else (users\.)?invited_by end where (users\.)?id in \((\$\d+|\?)/);
    expect(inserts.map((q) => plain(q).split(' (')[0])).toEqual(['insert into users', 'insert into posts', 'insert into tags', 'insert into post_tags', 'insert into profiles']);
    // invited_by refers to the users' own serial keys, unknown before the insert: it is inserted
    // null and then set to earlier rows' keys by updates.
    expect(plain(inserts[0]!)).toMatch(/^insert into users \(name, email, role, age, active, created_at, invited_by\) values \(/);
    expect(await count('users where invited_by is not null')).toBeGreaterThan(3);
    expect(await count('users u join users p on p.id = u.invited_by where p.id >= u.id')).toBe(0);
    expect(plain(inserts[1]!)).toMatch(/^insert into posts \(id, title, price, author_id\) values/);
  });

  it('gives the same rows for the same seed, and other rows for another seed', async () => {
    // Joined on the keys, so the check holds though serial keys keep counting after a reset.
    const dump = () => b.query('select p.id, p.title, p.price, u.email, u.name, u.role, u.age from posts p join users u on u.id = p.author_id order by p.id');
    await seed(b.db, b.schema, { seed: 5, count: 25 });
    const first = await dump();
    await reset(b.db, b.schema);
    await seed(b.db, b.schema, { seed: 5, count: 25 });
    const again = await dump();
    expect(first).toHaveLength(25);
    expect(again).toEqual(first);
    await reset(b.db, b.schema);
    await seed(b.db, b.schema, { seed: 6, count: 25 });
    const other = await dump();
    expect(other.map((r) => r.email)).not.toEqual(first.map((r) => r.email));
  });

  it('draws every foreign key from the parent rows, checked with joins', async () => {
    await seed(b.db, b.schema, { count: 40 });
    const orphans = async (sql: string) => Number(Object.values((await b.query(sql))[0]!)[0]);
    expect(await orphans('select count(*) from posts p left join users u on u.id = p.author_id where u.id is null')).toBe(0);
    expect(await orphans('select count(*) from post_tags pt left join posts p on p.id = pt.post_id where p.id is null')).toBe(0);
    expect(await orphans('select count(*) from post_tags pt left join tags t on t.code = pt.tag_code where t.code is null')).toBe(0);
    expect(await orphans('select count(*) from profiles pr left join users u on u.id = pr.user_id where u.id is null')).toBe(0);
    expect(await orphans('select count(*) from users c left join users p on p.id = c.invited_by where c.invited_by is not null and p.id is null')).toBe(0);
    // Posts spread over many authors, not all on one.
    expect((await b.query('select distinct author_id from posts')).length).toBeGreaterThan(15);
  });

  it('keeps primary keys, unique columns and composite keys distinct', async () => {
    await seed(b.db, b.schema, { count: 60 });
    const [row] = await b.query(
      'select (select count(distinct email) from users) as emails, (select count(distinct code) from tags) as codes, (select count(*) from (select distinct post_id, tag_code from post_tags) d) as pairs, (select count(distinct user_id) from profiles) as profiles, (select count(distinct id) from posts) as posts',
    );
    expect(Object.values(row!).map(Number)).toEqual([60, 60, 60, 60, 60]);
  });

  it('gives enum columns only their values, and values within the columns types', async () => {
    await seed(b.db, b.schema, { count: 50 });
    const roles = new Set((await b.query('select role from users')).map((r) => r.role));
    expect([...roles].every((r) => (ROLES as readonly unknown[]).includes(r))).toBe(true);
    expect(roles.size).toBe(3);
    const posts = await b.query('select title, price from posts');
    expect(posts.every((p) => String(p.title).length <= 40 && String(p.title).length > 0)).toBe(true);
    const cents = posts.map((p) => Number(p.price) * 100);
    expect(cents.every((c) => Math.abs(c) < 1_000_000 && Math.abs(c - Math.round(c)) < 1e-6)).toBe(true);
    const users = await b.query('select email, created_at from users');
    expect(users.every((u) => /^[a-z]+\.[a-z]+\d*@[a-z.]+$/.test(String(u.email)))).toBe(true);
    const years = (await b.db.select({ at: b.schema.users.createdAt }).from(b.schema.users)).map((u) => u.at.getUTCFullYear());
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2020);
    expect(Math.max(...years)).toBeLessThanOrEqual(2025);
  });

  it('refine() sets counts, column generators and children per row', async () => {
    await seed(b.db, b.schema, { seed: 1 }).refine((f) => ({
      users: {
        count: 20,
        columns: { age: f.int({ minValue: 18, maxValue: 99 }), role: f.valuesFromArray({ values: ['admin'] }), name: f.firstName() },
        with: { posts: 3 },
      },
      tags: { count: 5, columns: { label: f.valuesFromArray({ values: ['red', 'green', 'blue', 'cyan', 'pink'], isUnique: true }) } },
      postTags: { count: 40 },
    }));
    expect(await count('users')).toBe(20);
    expect(await count('posts')).toBe(60);
    expect(await count('tags')).toBe(5);
    expect(await count('post_tags')).toBe(40);
    const users = await b.query('select name, age, role from users');
    expect(users.every((u) => Number(u.age) >= 18 && Number(u.age) <= 99 && u.role === 'admin' && !String(u.name).includes(' '))).toBe(true);
    const perAuthor = await b.query('select author_id, count(*) as n from posts group by author_id');
    expect(perAuthor).toHaveLength(20);
    expect(perAuthor.every((r) => Number(r.n) === 3)).toBe(true);
    expect((await b.query('select label from tags')).map((t) => t.label).sort()).toEqual(['blue', 'cyan', 'green', 'pink', 'red']);
  });

  it('points a self reference at an earlier row where seed() makes the keys', async () => {
    await seed(b.db, b.schema, { count: 30 }).refine((f) => ({ users: { columns: { id: f.intPrimaryKey() } } }));
    const users = await b.query('select id, invited_by from users order by id');
    expect(users.map((u) => Number(u.id))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(users[0]!.invited_by).toBeNull();
    const refs = users.filter((u) => u.invited_by !== null);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.every((u) => Number(u.invited_by) < Number(u.id))).toBe(true);
  });

  it('refine() with weighted children per row', async () => {
    await seed(b.db, b.schema, { seed: 3 }).refine(() => ({
      users: {
        count: 30,
        with: {
          posts: [
            { weight: 0.5, count: [1, 2] },
            { weight: 0.5, count: 5 },
          ],
        },
      },
    }));
    const perAuthor = (await b.query('select author_id, count(*) as n from posts group by author_id')).map((r) => Number(r.n));
    expect(perAuthor).toHaveLength(30);
    expect(new Set(perAuthor)).toEqual(new Set([1, 2, 5]));
  });

  it('reset() empties the tables, children first, in the dialect form', async () => {
    await seed(b.db, b.schema);
    b.takeLog();
    await reset(b.db, b.schema);
    const log = b.takeLog().map(plain);
    const expected = {
      pg: ['truncate profiles, post_tags, tags, posts, users cascade'],
      mysql: ['set foreign_key_checks = 0', 'truncate table profiles', 'truncate table post_tags', 'truncate table tags', 'truncate table posts', 'truncate table users', 'set foreign_key_checks = 1'],
      sqlite: ['pragma foreign_keys', 'pragma foreign_keys = off', 'delete from profiles', 'delete from post_tags', 'delete from tags', 'delete from posts', 'delete from users', 'pragma foreign_keys = on'],
    }[b.dialect];
    expect(log.filter((q) => !/^(start transaction|begin|commit)/.test(q))).toEqual(expected);
    for (const table of TABLES) expect(await count(table), table).toBe(0);
  });

  it('names what refine() or the schema got wrong', async () => {
    // @ts-expect-error usres is not a table of the schema
    await expect(seed(b.db, b.schema).refine(() => ({ usres: { count: 1 } }))).rejects.toThrow(new SeedError('refine(): "usres" is not a table of the schema (tables: users, posts, tags, postTags, profiles)'));
    // @ts-expect-error nmae is not a column of users
    await expect(seed(b.db, b.schema).refine((f) => ({ users: { columns: { nmae: f.fullName() } } }))).rejects.toThrow(/"nmae" is not a column of users/);
    await expect(seed(b.db, b.schema).refine(() => ({ posts: { with: { tags: 2 } } }))).rejects.toThrow('refine(): posts.with.tags: tags has no foreign key to posts');
    await expect(seed(b.db, b.schema, { count: 4 }).refine((f) => ({ tags: { columns: { label: f.boolean({ isUnique: true }) } } }))).rejects.toThrow('tags.label: boolean() has 2 distinct values, the table needs 4 unique ones');
    await expect(seed(b.db, b.schema, { count: 30 }).refine(() => ({ profiles: { count: 40 } }))).rejects.toThrow(/profiles\.userId is unique and references users: 40 rows need as many users rows, there are 30/);
    for (const table of TABLES) expect(await count(table), table).toBe(0);
  });
});

describe('seed() across dialects', () => {
  let pg: SeedBackend;
  let sqlite: SeedBackend;
  beforeAll(async () => {
    [pg, sqlite] = await Promise.all([openBackend('pglite'), openBackend('better-sqlite3')]);
  });
  afterAll(async () => {
    await Promise.all([pg?.close(), sqlite?.close()]);
  });

  it('gives PGlite and better-sqlite3 the same users, posts and tags for the same seed', async () => {
    await seed(pg.db, pg.schema, { seed: 11, count: 20 });
    await seed(sqlite.db, sqlite.schema, { seed: 11, count: 20 });
    const read = async (b: SeedBackend) => ({
      users: await b.query('select id, name, email, role, age from users order by id'),
      posts: (await b.query('select id, title, author_id from posts order by id')).map((p) => ({ ...p, id: Number(p.id) })),
      tags: await b.query('select code, label from tags order by code'),
    });
    const [a, c] = [await read(pg), await read(sqlite)];
    expect(a.users).toHaveLength(20);
    expect(c.users).toEqual(a.users);
    expect(c.tags).toEqual(a.tags);
    // SQLite's posts key is a unique integer of the 64-bit range, PostgreSQL's a primary key counted from 1: the rows match, keyed apart.
    const byTitle = (rows: Record<string, unknown>[]) => rows.map((p) => `${p.title}|${p.author_id}`).sort();
    expect(byTitle(c.posts)).toEqual(byTitle(a.posts));
  });
});
