/**
 * sluice/node-mssql against a real SQL Server (2022), run only when SLUICE_MSSQL_URL is set
 * (`mssql://sa:<password>@localhost:1433/master?encrypt=true&trustServerCertificate=true`).
 * Each run creates its own database and drops it at the end. Without the URL every case is
 * reported as not run: no SQL Server was available where these tests were written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mssql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, excluded, onConflict, relations, sql, TransactionRollbackError } from 'sluice';
import { int, mssqlTable, nvarchar } from 'sluice/mssql-core';
import { diffSnapshots, emptySnapshot, SNAPSHOT_VERSION, type Snapshot } from 'sluice/kit';
import { drizzle } from 'sluice/node-mssql';
import { migrate, rollback } from 'sluice/node-mssql/migrator';
import { kitDialect } from '../../src/kit/registry.js';
import { unparsedTsql } from '../kit/support/mssql-tsql.js';

const url = process.env.SLUICE_MSSQL_URL;
const reason = '(not run: SLUICE_MSSQL_URL is not set)';

const users = mssqlTable('users', {
  id: int('id').primaryKey().identity(),
  name: nvarchar('name', { length: 100 }).notNull(),
  email: nvarchar('email', { length: 200 }).notNull().unique(),
  score: int('score').notNull().default(0),
});
const posts = mssqlTable('posts', {
  id: int('id').primaryKey().identity(),
  userId: int('user_id')
    .notNull()
    .references(() => users.id),
  title: nvarchar('title', { length: 200 }).notNull(),
});
const comments = mssqlTable('comments', {
  id: int('id').primaryKey().identity(),
  postId: int('post_id')
    .notNull()
    .references(() => posts.id),
  body: nvarchar('body', { length: 'max' }).notNull(),
});
const bulk = mssqlTable('bulk', {
  id: int('id').primaryKey(),
  a: nvarchar('a', { length: 20 }).notNull(),
  b: int('b').notNull(),
});
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one, many }) => ({ user: one(users, { fields: [posts.userId], references: [users.id] }), comments: many(comments) }));
const commentsRelations = relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));
const schema = { users, posts, comments, bulk, usersRelations, postsRelations, commentsRelations };

/** The tables, as the kit renders the mssqlTable definitions above for a database that has none of them. */
function schemaDdl(): string[] {
  const kit = kitDialect('mssql');
  const from = emptySnapshot('mssql');
  const to: Snapshot = { ...kit.serialize(Object.values(schema), { casing: undefined }), version: SNAPSHOT_VERSION, dialect: 'mssql', id: 'live', prevIds: [] };
  const diff = diffSnapshots(from, to, {});
  if (diff.status !== 'ok') throw new Error('a schema made from nothing asks no rename questions');
  return kit.render(diff.changes, { from, to }).map((statement) => statement.sql);
}

// Runs without a server: the suite's setup must at least be T-SQL that makes its four tables.
it("renders the live suite's tables from the mssqlTable schema as T-SQL", async () => {
  const ddl = schemaDdl();
  expect(ddl.filter((statement) => statement.startsWith('CREATE TABLE')).map((statement) => statement.split(' (')[0])).toEqual([
    'CREATE TABLE [dbo].[users]',
    'CREATE TABLE [dbo].[posts]',
    'CREATE TABLE [dbo].[comments]',
    'CREATE TABLE [dbo].[bulk]',
  ]);
  expect(await unparsedTsql(ddl)).toEqual([]);
});

describe('sluice/node-mssql on SQL Server', () => {
  const dbName = `sluice_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let admin: mssql.ConnectionPool;
  let pool: mssql.ConnectionPool;
  let db: ReturnType<typeof drizzle<typeof schema>>;

  beforeAll(async () => {
    if (!url) return;
    admin = drizzle(url).$client;
    await admin.connect();
    await admin.request().batch(`create database [${dbName}]`);
    const config = (admin as mssql.ConnectionPool & { config: mssql.config }).config;
    // The tables are made on a pool of their own, so the suite's pool is still unconnected when the first case runs.
    const setup = new mssql.ConnectionPool({ ...config, database: dbName });
    await setup.connect();
    for (const statement of schemaDdl()) await setup.request().batch(statement);
    await setup.close();
    pool = new mssql.ConnectionPool({ ...config, database: dbName });
    db = drizzle({ client: pool, schema });
  });

  afterAll(async () => {
    if (!url) return;
    await pool?.close();
    await admin.request().batch(`alter database [${dbName}] set single_user with rollback immediate; drop database [${dbName}]`);
    await admin.close();
  });

  it.skipIf(!url)(`connects lazily and runs CRUD with rows asserted ${reason}`, async () => {
    expect(pool.connected).toBe(false);
    await db.insert(users).values([
      { name: 'Ann', email: 'ann@x.io', score: 5 },
      { name: 'Bob', email: 'bob@x.io' },
    ]);
    expect(pool.connected).toBe(true);
    expect(await db.select({ name: users.name, score: users.score }).from(users).orderBy(asc(users.id))).toEqual([
      { name: 'Ann', score: 5 },
      { name: 'Bob', score: 0 },
    ]);
    const updated = await db.update(users).set({ score: 7 }).where(eq(users.name, 'Bob'));
    expect(updated.rowsAffected).toEqual([1]);
    expect(await db.select({ score: users.score }).from(users).where(eq(users.name, 'Bob'))).toEqual([{ score: 7 }]);
    const raw = await db.execute(sql`select [name] from [users] where [score] > ${6}`);
    expect(raw.recordset).toEqual([{ name: 'Bob' }]);
    const deleted = await db.delete(users).where(eq(users.email, 'bob@x.io'));
    expect(deleted.rowsAffected).toEqual([1]);
    expect(await db.select({ name: users.name }).from(users)).toEqual([{ name: 'Ann' }]);
  });

  it.skipIf(!url)(`returns written rows through OUTPUT (.output() and .returning()) ${reason}`, async () => {
    const inserted = await db.insert(users).values({ name: 'Cy', email: 'cy@x.io' }).output({ id: users.id, name: users.name });
    expect(inserted).toEqual([{ id: expect.any(Number), name: 'Cy' }]);
    const updated = await db.update(users).set({ score: 3 }).where(eq(users.id, inserted[0]!.id)).returning({ name: users.name, score: users.score });
    expect(updated).toEqual([{ name: 'Cy', score: 3 }]);
    const deleted = await db.delete(users).where(eq(users.id, inserted[0]!.id)).returning({ email: users.email });
    expect(deleted).toEqual([{ email: 'cy@x.io' }]);
  });

  it.skipIf(!url)(`upserts with MERGE in both forms ${reason}`, async () => {
    await db
      .insert(users)
      .values({ name: 'Dee', email: 'dee@x.io', score: 1 })
      .onConflictDoUpdate({ target: users.email, set: { score: 2 } });
    await db
      .insert(users)
      .values({ name: 'Dee again', email: 'dee@x.io', score: 1 })
      .onConflictDoUpdate({ target: users.email, set: { score: 2 } });
    expect(await db.select({ name: users.name, score: users.score }).from(users).where(eq(users.email, 'dee@x.io'))).toEqual([{ name: 'Dee', score: 2 }]);
    await db
      .insert(users)
      .values({ name: 'Dee renamed', email: 'dee@x.io' })
      .onConflict(onConflict(users.email).doUpdateSet({ name: excluded.name }));
    expect(await db.select({ name: users.name }).from(users).where(eq(users.email, 'dee@x.io'))).toEqual([{ name: 'Dee renamed' }]);
  });

  it.skipIf(!url)(`joins and runs a relational query with nested relations ${reason}`, async () => {
    const [eve] = await db.insert(users).values({ name: 'Eve', email: 'eve@x.io' }).returning({ id: users.id });
    const [p1] = await db
      .insert(posts)
      .values([
        { userId: eve!.id, title: 'First' },
        { userId: eve!.id, title: 'Second' },
      ])
      .returning({ id: posts.id });
    await db.insert(comments).values([
      { postId: p1!.id, body: 'nice' },
      { postId: p1!.id, body: 'agreed' },
    ]);
    const joined = await db.select({ user: users.name, title: posts.title }).from(posts).innerJoin(users, eq(posts.userId, users.id)).where(eq(users.id, eve!.id)).orderBy(asc(posts.id));
    expect(joined).toEqual([
      { user: 'Eve', title: 'First' },
      { user: 'Eve', title: 'Second' },
    ]);
    const found = await db.query.users.findFirst({
      where: eq(users.id, eve!.id),
      columns: { name: true },
      with: { posts: { columns: { title: true }, orderBy: asc(posts.id), with: { comments: { columns: { body: true }, orderBy: asc(comments.id) } } } },
    });
    expect(found).toEqual({
      name: 'Eve',
      posts: [
        { title: 'First', comments: [{ body: 'nice' }, { body: 'agreed' }] },
        { title: 'Second', comments: [] },
      ],
    });
  });

  it.skipIf(!url)(`commits, rolls back, and rolls back a nested savepoint alone ${reason}`, async () => {
    await db.transaction(async (tx) => {
      await tx.insert(bulk).values({ id: 1, a: 'committed', b: 1 });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(bulk).values({ id: 2, a: 'rolled back', b: 2 });
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    await db.transaction(async (tx) => {
      await tx.insert(bulk).values({ id: 3, a: 'outer', b: 3 });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(bulk).values({ id: 4, a: 'inner', b: 4 });
          inner.rollback();
        }),
      ).rejects.toBeInstanceOf(TransactionRollbackError);
    });
    expect(await db.select({ a: bulk.a }).from(bulk).orderBy(asc(bulk.id))).toEqual([{ a: 'committed' }, { a: 'outer' }]);
    await db.delete(bulk);
  });

  it.skipIf(!url)(`runs a transaction at the isolation level asked for ${reason}`, async () => {
    // sys.dm_exec_sessions numbers the levels: 1 read uncommitted ... 4 serializable, 5 snapshot.
    const level = await db.transaction(async (tx) => (await tx.execute(sql`select transaction_isolation_level as [level] from sys.dm_exec_sessions where session_id = @@spid`)).recordset[0]!.level, {
      isolationLevel: 'serializable',
    });
    expect(level).toBe(4);
    const read = await db.transaction(async (tx) => (await tx.execute(sql`select transaction_isolation_level as [level] from sys.dm_exec_sessions where session_id = @@spid`)).recordset[0]!.level, {
      isolationLevel: 'read uncommitted',
    });
    expect(read).toBe(1);
  });

  it.skipIf(!url)(`inserts more rows than 2,100 parameters allow in one statement, in chunks ${reason}`, async () => {
    const rows = Array.from({ length: 800 }, (_, i) => ({ id: 1000 + i, a: `row ${i}`, b: i }));
    await db.insert(bulk).values(rows);
    const [count] = (await db.execute(sql`select count(*) as [n], sum([b]) as [total] from [bulk]`)).recordset;
    expect(count).toEqual({ n: 800, total: (799 * 800) / 2 });
    await db.delete(bulk);
  });

  it.skipIf(!url)(`streams rows with .iterator() and stops early ${reason}`, async () => {
    await db.insert(bulk).values(Array.from({ length: 50 }, (_, i) => ({ id: i + 1, a: `s${i}`, b: i })));
    const seen: number[] = [];
    for await (const row of db.select({ b: bulk.b }).from(bulk).orderBy(asc(bulk.id)).iterator()) {
      seen.push(row.b);
      if (seen.length === 5) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    // The connection is usable after leaving early.
    expect((await db.execute(sql`select count(*) as [n] from [bulk]`)).recordset).toEqual([{ n: 50 }]);
    await db.delete(bulk);
  });

  it.skipIf(!url)(`keeps the server's error number on a failed statement ${reason}`, async () => {
    const error = await db.execute(sql`select * from [no_such_table]`).catch((e: unknown) => e);
    expect((error as Error).message).toContain('no_such_table');
    expect(((error as Error).cause as { number: number }).number).toBe(208);
  });

  it.skipIf(!url)(`applies migrations with /migrator, then rolls the last one back ${reason}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-mssql-live-'));
    try {
      mkdirSync(join(dir, '20240101000000_tags'));
      writeFileSync(
        join(dir, '20240101000000_tags', 'migration.sql'),
        'create table [tags] ([id] int not null primary key, [label] nvarchar(50) not null);\n--> statement-breakpoint\ncreate view [tag_labels] as select [label] from [tags];',
      );
      writeFileSync(join(dir, '20240101000000_tags', 'down.sql'), 'drop view [tag_labels];\n--> statement-breakpoint\ndrop table [tags];');
      await migrate(db, { migrationsFolder: dir });
      const exists = async (name: string) => (await db.execute(sql`select object_id(${name}) as [id]`)).recordset[0]!.id !== null;
      expect(await exists('tags')).toBe(true);
      expect(await exists('tag_labels')).toBe(true);
      const recorded = await db.execute(sql`select [name], [state] from [__sluice_migrations]`);
      expect(recorded.recordset).toEqual([{ name: '20240101000000_tags', state: null }]);
      // A second run applies nothing.
      await migrate(db, { migrationsFolder: dir });
      expect((await db.execute(sql`select count(*) as [n] from [__sluice_migrations]`)).recordset).toEqual([{ n: 1 }]);
      const undone = await rollback(db, { migrationsFolder: dir });
      expect(undone.rolledBack).toEqual(['20240101000000_tags']);
      expect(await exists('tags')).toBe(false);
      expect((await db.execute(sql`select count(*) as [n] from [__sluice_migrations]`)).recordset).toEqual([{ n: 0 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
