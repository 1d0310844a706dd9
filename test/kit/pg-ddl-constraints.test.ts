/**
 * The PostgreSQL DDL renderer's constraint and index statements: primary keys, foreign keys,
 * uniques, checks, and indexes (expressions, operator classes, ordering, WITH, WHERE,
 * CONCURRENTLY), with the catalog and behaviour checked afterwards.
 */
import { describe, expect, it } from 'vitest';
import { pgRender } from '../../src/dialects/pg/kit/ddl.js';
import type { Change, Statement, TableRef } from '../../src/kit/changes.js';
import { check, column, foreignKey, index, indexColumn, renderContext, table, unique } from './support/model-builders.js';
import { ddlTargets, migrate, useDdlDatabase } from './support/pg-ddl-targets.js';

const render = (...changes: Change[]) => pgRender(changes, renderContext('postgresql'));
const sqlOf = (statements: Statement[]) => statements.map((s) => s.sql);
const users: TableRef = { schema: 'public', name: 'users' };
const posts: TableRef = { schema: 'app', name: 'posts' };

describe.each(ddlTargets)('pgRender constraints and indexes on $name', ({ open }) => {
  const db = useDdlDatabase(open);

  const constraints = (name: string) => db.query(`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = '${name}'::regclass and contype <> 'n' order by conname`);
  const indexes = (schema: string, name: string) => db.query(`select indexname as name, indexdef as def from pg_indexes where schemaname = '${schema}' and tablename = '${name}' order by indexname`);

  async function setup(): Promise<void> {
    await migrate(
      db,
      render(
        { kind: 'create_schema', name: 'app' },
        { kind: 'create_table', table: table('users', [column('id', 'integer', { notNull: true }), column('email', 'text'), column('org', 'integer')]) },
        { kind: 'create_table', table: table('posts', [column('id', 'integer', { notNull: true }), column('author', 'integer'), column('title', 'text')], { schema: 'app' }) },
      ),
    );
  }

  it('adds and drops primary keys, uniques and checks', async () => {
    await setup();
    const add = render(
      { kind: 'add_primary_key', table: users, primaryKey: { name: 'users_pkey', columns: ['id'] } },
      { kind: 'add_primary_key', table: posts, primaryKey: { name: 'posts_pk', columns: ['id', 'author'] } },
      { kind: 'add_unique', table: users, unique: unique('users_email_org_unique', ['email', 'org'], true) },
      { kind: 'add_check', table: posts, check: check('title_not_empty', `"title" <> ''`) },
    );
    expect(sqlOf(add)).toEqual([
      'ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY("id")',
      'ALTER TABLE "app"."posts" ADD CONSTRAINT "posts_pk" PRIMARY KEY("id","author")',
      'ALTER TABLE "users" ADD CONSTRAINT "users_email_org_unique" UNIQUE NULLS NOT DISTINCT("email","org")',
      `ALTER TABLE "app"."posts" ADD CONSTRAINT "title_not_empty" CHECK ("title" <> '')`,
    ]);
    await migrate(db, add);
    expect(await constraints('users')).toEqual([
      { name: 'users_email_org_unique', def: 'UNIQUE NULLS NOT DISTINCT (email, org)' },
      { name: 'users_pkey', def: 'PRIMARY KEY (id)' },
    ]);
    expect(await constraints('app.posts')).toEqual([
      { name: 'posts_pk', def: 'PRIMARY KEY (id, author)' },
      { name: 'title_not_empty', def: `CHECK ((title <> ''::text))` },
    ]);
    await db.query(`insert into users values (1, null, null)`);
    // NULLS NOT DISTINCT: a second all-null pair is a duplicate.
    await expect(db.query(`insert into users values (2, null, null)`)).rejects.toThrow(/users_email_org_unique/);
    await expect(db.query(`insert into app.posts values (1, 1, '')`)).rejects.toThrow(/title_not_empty/);

    const drop = render(
      { kind: 'drop_check', table: posts, check: check('title_not_empty', `"title" <> ''`) },
      { kind: 'drop_unique', table: users, unique: unique('users_email_org_unique', ['email', 'org']) },
      { kind: 'drop_primary_key', table: posts, primaryKey: { name: 'posts_pk', columns: ['id', 'author'] } },
    );
    expect(sqlOf(drop)).toEqual(['ALTER TABLE "app"."posts" DROP CONSTRAINT "title_not_empty"', 'ALTER TABLE "users" DROP CONSTRAINT "users_email_org_unique"', 'ALTER TABLE "app"."posts" DROP CONSTRAINT "posts_pk"']);
    await migrate(db, drop);
    expect(await constraints('app.posts')).toEqual([]);
    expect(await constraints('users')).toEqual([{ name: 'users_pkey', def: 'PRIMARY KEY (id)' }]);
  });

  it('adds a foreign key to a table in another schema, with its actions, and drops it', async () => {
    await setup();
    await migrate(db, render({ kind: 'add_primary_key', table: users, primaryKey: { name: 'users_pkey', columns: ['id'] } }));
    const fk = foreignKey('posts_author_users_id_fk', ['author'], 'users', ['id'], { onDelete: 'cascade', onUpdate: 'no action' });
    const add = render({ kind: 'add_foreign_key', table: posts, foreignKey: fk });
    expect(sqlOf(add)).toEqual(['ALTER TABLE "app"."posts" ADD CONSTRAINT "posts_author_users_id_fk" FOREIGN KEY ("author") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action']);
    await migrate(db, add);
    expect(await constraints('app.posts')).toEqual([{ name: 'posts_author_users_id_fk', def: 'FOREIGN KEY (author) REFERENCES users(id) ON DELETE CASCADE' }]);
    await db.query(`insert into users values (1, 'a', null)`);
    await db.query(`insert into app.posts values (10, 1, 't')`);
    await expect(db.query(`insert into app.posts values (11, 2, 't')`)).rejects.toThrow(/posts_author_users_id_fk/);
    await db.query('delete from users where id = 1');
    expect(await db.query('select count(*)::int as n from app.posts')).toEqual([{ n: 0 }]);

    const drop = render({ kind: 'drop_foreign_key', table: posts, foreignKey: fk });
    expect(sqlOf(drop)).toEqual(['ALTER TABLE "app"."posts" DROP CONSTRAINT "posts_author_users_id_fk"']);
    await migrate(db, drop);
    expect(await constraints('app.posts')).toEqual([]);
  });

  it('creates indexes with expressions, operator classes, ordering, WITH and WHERE; renames and drops them', async () => {
    await setup();
    const full = index('users_email_idx', [indexColumn('org', { order: 'desc', nulls: 'last' }), indexColumn('lower("email")', { isExpression: true, opClass: 'text_pattern_ops' })], {
      with: { fillfactor: '70' },
      where: '"org" is not null',
    });
    const hash = index('posts_title_idx', [indexColumn('title')], { method: 'hash' });
    const plain = index('posts_author_idx', [indexColumn('author', { nulls: 'first' }), indexColumn('("id" + 1)', { isExpression: true })]);
    const create = render({ kind: 'create_index', table: users, index: full }, { kind: 'create_index', table: posts, index: hash }, { kind: 'create_index', table: posts, index: plain });
    expect(sqlOf(create)).toEqual([
      'CREATE INDEX "users_email_idx" ON "users" USING btree ("org" DESC NULLS LAST, (lower("email")) text_pattern_ops) WITH (fillfactor=70) WHERE "org" is not null',
      'CREATE INDEX "posts_title_idx" ON "app"."posts" USING hash ("title")',
      'CREATE INDEX "posts_author_idx" ON "app"."posts" USING btree ("author" NULLS FIRST, ("id" + 1))',
    ]);
    await migrate(db, create);
    expect(await indexes('public', 'users')).toEqual([
      { name: 'users_email_idx', def: "CREATE INDEX users_email_idx ON public.users USING btree (org DESC NULLS LAST, lower(email) text_pattern_ops) WITH (fillfactor='70') WHERE (org IS NOT NULL)" },
    ]);
    expect(await indexes('app', 'posts')).toEqual([
      { name: 'posts_author_idx', def: 'CREATE INDEX posts_author_idx ON app.posts USING btree (author NULLS FIRST, ((id + 1)))' },
      { name: 'posts_title_idx', def: 'CREATE INDEX posts_title_idx ON app.posts USING hash (title)' },
    ]);

    const rename = render({ kind: 'rename_index', table: posts, from: 'posts_author_idx', to: 'posts_by_author' });
    expect(sqlOf(rename)).toEqual(['ALTER INDEX "app"."posts_author_idx" RENAME TO "posts_by_author"']);
    await migrate(db, rename);
    const drop = render({ kind: 'drop_index', table: posts, index: { ...plain, name: 'posts_by_author' } }, { kind: 'drop_index', table: users, index: full });
    expect(sqlOf(drop)).toEqual(['DROP INDEX "app"."posts_by_author"', 'DROP INDEX "public"."users_email_idx"']);
    await migrate(db, drop);
    expect(await indexes('app', 'posts')).toEqual([{ name: 'posts_title_idx', def: 'CREATE INDEX posts_title_idx ON app.posts USING hash (title)' }]);
    expect(await indexes('public', 'users')).toEqual([]);
  });

  it('creates a unique index CONCURRENTLY, which runs only outside a transaction', async () => {
    await setup();
    const concurrent = index('users_email_key', [indexColumn('email')], { unique: true, concurrently: true });
    const create = render({ kind: 'create_index', table: users, index: concurrent });
    expect(sqlOf(create)).toEqual(['CREATE UNIQUE INDEX CONCURRENTLY "users_email_key" ON "users" USING btree ("email")']);
    await expect(migrate(db, create)).rejects.toThrow(/cannot run inside a transaction block/);
    await db.query(create[0]!.sql);
    expect(await indexes('public', 'users')).toEqual([{ name: 'users_email_key', def: 'CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)' }]);
  });
});
