/**
 * The seed's examples (the Drizzle API docs sluice implements) written for SQL Server: the tables
 * in SQL Server's types, the code as the seed writes it (`.returning()` included, which is
 * `output` here). No SQL Server runs here, so each example's statements are recorded and
 * asserted, text and parameters, and parsed as T-SQL; rows a server would return are given to
 * check how they decode.
 */
import { describe, expect, it } from 'vitest';
import { and, asc, avg, count, desc, eq, excluded, gt, gte, inArray, isNull, like, onConflict, or, relations, sql, sum, TransactionRollbackError } from 'sluice';
import { bit, datetime2, index, int, mssqlTable, nvarchar, uniqueIndex } from 'sluice/mssql-core';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectAllTsql } from './helpers.js';

// The seed's users table: serial → int identity, text → nvarchar, boolean → bit, timestamp → datetime2.
const users = mssqlTable('users', {
  id: int('id').identity().primaryKey(),
  name: nvarchar('name', { length: 200 }).notNull(),
  email: nvarchar('email', { length: 200 }).notNull().unique(),
  verified: bit('verified').notNull().default(false),
  createdAt: datetime2('created_at').notNull().defaultGetDate(),
  age: int('age'),
  deletedAt: datetime2('deleted_at'),
});
const posts = mssqlTable(
  'posts',
  {
    id: int('id').identity().primaryKey(),
    title: nvarchar('title', { length: 200 }).notNull(),
    slug: nvarchar('slug', { length: 200 }).notNull(),
    authorId: int('author_id').references(() => users.id),
    createdAt: datetime2('created_at').notNull().defaultGetDate(),
  },
  (table) => [uniqueIndex('slug_idx').on(table.slug), index('author_idx').on(table.authorId)],
);
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));
// Used by the transaction examples, not declared by the seed.
const accounts = mssqlTable('accounts', { userId: int('user_id').primaryKey(), balance: int('balance').notNull() });
const schema = { users, posts, accounts, usersRelations, postsRelations };
const USER_COLUMNS = '[id], [name], [email], [verified], [created_at], [age], [deleted_at]';
const OUTPUT_USER = 'inserted.[id], inserted.[name], inserted.[email], inserted.[verified], inserted.[created_at], inserted.[age], inserted.[deleted_at]';

describe('seed examples on SQL Server (rendered)', () => {
  it('Example 2: CRUD operations, with returning()', async () => {
    const { db, statements, answers } = mssqlRenderDb({ schema });
    const created = new Date('2024-01-01T00:00:00Z');
    answers.push([[1, 'John', 'john@example.com', false, created, null, null]]);
    const [newUser] = await db
      .insert(users)
      .values({
        name: 'John',
        email: 'john@example.com',
      })
      .returning();
    expect(newUser).toEqual({ id: 1, name: 'John', email: 'john@example.com', verified: false, createdAt: created, age: null, deletedAt: null });
    await db.select().from(users).where(eq(users.email, 'john@example.com'));
    const updated = await db.update(users).set({ name: 'John Updated' }).where(eq(users.id, 1)).returning();
    await db.delete(users).where(eq(users.id, 1));
    expect(updated).toEqual([]);
    expect(statements).toEqual([
      { sql: `insert into [users] ([name], [email]) output ${OUTPUT_USER} values (@p1, @p2)`, params: ['John', 'john@example.com'] },
      { sql: `select ${USER_COLUMNS} from [users] where [users].[email] = @p1`, params: ['john@example.com'] },
      { sql: `update [users] set [name] = @p1 output ${OUTPUT_USER} where [users].[id] = @p2`, params: ['John Updated', 1] },
      { sql: 'delete from [users] where [users].[id] = @p1', params: [1] },
    ]);
    await expectAllTsql(statements);
  });

  it('Example 3 and Transactions: transfer funds, and a rollback', async () => {
    const { db, statements, answers } = mssqlRenderDb({ schema });
    async function transferFunds(fromId: number, toId: number, amount: number) {
      await db.transaction(async (tx) => {
        const [from] = await tx.select().from(accounts).where(eq(accounts.userId, fromId));

        if (from!.balance < amount) {
          tx.rollback(); // Rolls back all changes
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
    answers.push([[1, 300]]);
    await transferFunds(1, 2, 100);
    answers.push([[2, 0]]);
    await expect(transferFunds(2, 1, 500)).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(statements).toEqual([
      { sql: 'begin transaction', params: [] },
      { sql: 'select [user_id], [balance] from [accounts] where [accounts].[user_id] = @p1', params: [1] },
      { sql: 'update [accounts] set [balance] = [balance] - @p1 where [accounts].[user_id] = @p2', params: [100, 1] },
      { sql: 'update [accounts] set [balance] = [balance] + @p1 where [accounts].[user_id] = @p2', params: [100, 2] },
      { sql: 'commit transaction', params: [] },
      { sql: 'begin transaction', params: [] },
      { sql: 'select [user_id], [balance] from [accounts] where [accounts].[user_id] = @p1', params: [2] },
      { sql: 'rollback transaction', params: [] },
    ]);
    await expectAllTsql(statements);
  });

  it('Query Operators', async () => {
    const { db } = mssqlRenderDb({ schema });
    const startDate = new Date('2024-01-01T00:00:00Z');
    const endDate = new Date('2024-02-01T00:00:00Z');
    const q = db
      .select({ id: users.id })
      .from(users)
      .where(and(or(like(users.name, 'John%'), inArray(users.id, [1, 2, 3])), gte(users.age, 18), isNull(users.deletedAt), sql`${users.createdAt} between ${startDate} and ${endDate}`, eq(users.verified, true)));
    expect(q.toSQL()).toEqual({
      sql: 'select [id] from [users] where (([users].[name] like @p1 or [users].[id] in (@p2, @p3, @p4)) and [users].[age] >= @p5 and [users].[deleted_at] is null and [users].[created_at] between @p6 and @p7 and [users].[verified] = @p8)',
      params: ['John%', 1, 2, 3, 18, startDate, endDate, true],
    });
    await expectAllTsql([q.toSQL()]);
  });

  it('Pagination: basic and cursor-based', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    const page = 1;
    const pageSize = 10;
    await db
      .select()
      .from(users)
      .orderBy(asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const lastId = 100;
    await db.select().from(users).where(gt(users.id, lastId)).orderBy(asc(users.id)).limit(10);
    expect(statements).toEqual([
      { sql: `select ${USER_COLUMNS} from [users] order by [users].[id] asc offset @p1 rows fetch next @p2 rows only`, params: [0, 10] },
      { sql: `select top (@p1) ${USER_COLUMNS} from [users] where [users].[id] > @p2 order by [users].[id] asc`, params: [10, 100] },
    ]);
    await expectAllTsql(statements);
  });

  it('Aggregations', async () => {
    const { db } = mssqlRenderDb({ schema });
    const q = db
      .select({ authorId: posts.authorId, postCount: count(), avgAge: avg(users.age), total: sum(users.age) })
      .from(posts)
      .leftJoin(users, eq(posts.authorId, users.id))
      .groupBy(posts.authorId)
      .having(gt(count(), 5))
      .orderBy(desc(count()));
    expect(q.toSQL()).toEqual({
      sql: 'select [posts].[author_id], count(*), avg([users].[age]), sum([users].[age]) from [posts] left join [users] on [posts].[author_id] = [users].[id] group by [posts].[author_id] having count(*) > @p1 order by count(*) desc',
      params: [5],
    });
    await expectAllTsql([q.toSQL()]);
  });

  it('Soft Delete', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    const at = new Date('2024-03-01T00:00:00Z');
    await db.update(users).set({ deletedAt: at }).where(eq(users.id, 1));
    await db.select().from(users).where(isNull(users.deletedAt));
    expect(statements).toEqual([
      { sql: 'update [users] set [deleted_at] = @p1 where [users].[id] = @p2', params: [at, 1] },
      { sql: `select ${USER_COLUMNS} from [users] where [users].[deleted_at] is null`, params: [] },
    ]);
    await expectAllTsql(statements);
  });

  it('Upsert: onConflictDoUpdate and the seed onConflict(...).doUpdateSet with excluded', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db
      .insert(users)
      .values({ name: 'John', email: 'john@example.com' })
      .onConflictDoUpdate({ target: users.email, set: { name: 'John Updated' } });
    await db
      .insert(users)
      .values({ name: 'John', email: 'john@example.com' })
      .onConflict(onConflict(users.email).doUpdateSet({ name: excluded.name }));
    await db.insert(users).values({ name: 'John', email: 'john@example.com' }).onConflictDoNothing({ target: users.email });
    const merge = 'merge into [users] with (holdlock) using (values (@p1, @p2)) as [excluded] ([name], [email]) on [users].[email] = [excluded].[email]';
    const insert = 'when not matched then insert ([name], [email]) values ([excluded].[name], [excluded].[email]);';
    expect(statements).toEqual([
      { sql: `${merge} when matched then update set [name] = @p3 ${insert}`, params: ['John', 'john@example.com', 'John Updated'] },
      { sql: `${merge} when matched then update set [name] = [excluded].[name] ${insert}`, params: ['John', 'john@example.com'] },
      { sql: `${merge} ${insert}`, params: ['John', 'john@example.com'] },
    ]);
    await expectAllTsql(statements);
  });

  it('Example 1: relational query with nested with', async () => {
    const { db, statements, answers } = mssqlRenderDb({ schema });
    answers.push([[1, 'Ann', `[{"0":"First"},{"0":"Second"}]`]]);
    const rows = await db.query.users.findMany({ columns: { id: true, name: true }, with: { posts: { columns: { title: true }, orderBy: (p, { asc }) => asc(p.id) } }, orderBy: (u, { asc }) => asc(u.id) });
    expect(rows).toEqual([{ id: 1, name: 'Ann', posts: [{ title: 'First' }, { title: 'Second' }] }]);
    expect(statements[0]!.sql).toBe(
      "select [users0].[id], [users0].[name], (select concat(N'[', string_agg(cast([t].[__j] as nvarchar(max)), N',') within group (order by [t].[__n]), N']') from (select (select [posts1].[title] as [0] for json path, without_array_wrapper, include_null_values) as [__j], row_number() over (order by [posts1].[id] asc) as [__n] from [posts] [posts1] where [posts1].[author_id] = [users0].[id]) [t]) from [users] [users0] order by [users0].[id] asc",
    );
    await expectAllTsql(statements);
  });
});
