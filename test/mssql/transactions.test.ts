/** SQL Server transactions: the statements sent, savepoints for nested ones, isolation levels. */
import { describe, expect, it } from 'vitest';
import { eq, sql, TransactionRollbackError, UnsupportedError } from 'sluice';
import { mssqlRenderDb } from '../support/mssql-render.js';
import { expectAllTsql } from './helpers.js';
import { schema, tags, users } from './schema.js';

describe('transactions', () => {
  it('begin transaction ... commit transaction', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db.transaction(async (tx) => {
      await tx.insert(tags).values({ id: 1, label: 'a' });
    });
    expect(statements.map((s) => s.sql)).toEqual(['begin transaction', 'insert into [tags] ([id], [label]) values (@p1, @p2)', 'commit transaction']);
    await expectAllTsql(statements);
  });

  it('nested transactions are save transaction sN, rolled back by name, never released', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.delete(tags).where(eq(tags.id, 1));
      });
      await tx
        .transaction(async (inner) => {
          await inner.delete(tags).where(eq(tags.id, 2));
          inner.rollback();
        })
        .catch((e) => {
          if (!(e instanceof TransactionRollbackError)) throw e;
        });
    });
    expect(statements.map((s) => s.sql)).toEqual([
      'begin transaction',
      'save transaction sp1',
      'delete from [tags] where [tags].[id] = @p1',
      // Savepoints are named by depth: the second nested transaction reuses sp1, as T-SQL allows.
      'save transaction sp1',
      'delete from [tags] where [tags].[id] = @p1',
      'rollback transaction sp1',
      'commit transaction',
    ]);
    await expectAllTsql(statements);
  });

  it('a failing callback rolls back', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(statements.map((s) => s.sql)).toEqual(['begin transaction', 'select 1', 'rollback transaction']);
  });

  it.each(['read uncommitted', 'read committed', 'repeatable read', 'serializable', 'snapshot'] as const)('isolation level %s is set before begin', async (level) => {
    const { db, statements } = mssqlRenderDb({ schema });
    await db.transaction(async () => {}, { isolationLevel: level });
    expect(statements.map((s) => s.sql)).toEqual([`set transaction isolation level ${level}`, 'begin transaction', 'commit transaction']);
    await expectAllTsql(statements);
  });

  it('options SQL Server lacks are rejected by name', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    await expect(db.transaction(async () => {}, { accessMode: 'read only' })).rejects.toThrow(/mssql: SQL Server has no read-only transactions/);
    await expect(db.transaction(async () => {}, { deferrable: true })).rejects.toThrow(UnsupportedError);
    await expect(db.transaction(async () => {}, { behavior: 'immediate' })).rejects.toThrow(/not a SQLite behavior/);
    await expect(db.transaction(async () => {}, { withConsistentSnapshot: true })).rejects.toThrow(/isolationLevel: 'snapshot'/);
    expect(statements).toEqual([]);
  });
});

describe('prepared statements', () => {
  it('placeholders bind as @pN, filled at each execution, encoded by their column', async () => {
    const { db, statements } = mssqlRenderDb({ schema });
    const q = db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, sql.placeholder('email')))
      .prepare();
    await q.execute({ email: 'a@x' });
    const ins = db
      .insert(users)
      .values({ name: sql.placeholder('name'), email: sql.placeholder('email'), prefs: sql.placeholder('prefs') })
      .prepare();
    await ins.execute({ name: 'A', email: 'e', prefs: { theme: 'x' } });
    expect(statements).toEqual([
      { sql: 'select [id] from [users] where [users].[email] = @p1', params: ['a@x'] },
      { sql: 'insert into [users] ([name], [email], [prefs]) values (@p1, @p2, @p3)', params: ['A', 'e', '{"theme":"x"}'] },
    ]);
    await expectAllTsql(statements);
  });
});
