import { expect } from 'vitest';
import { assertTsql } from '../support/tsql.js';

/** Asserts a builder's SQL text and parameters, and that the text is T-SQL. */
export async function expectSql(q: { toSQL(): { sql: string; params: unknown[] } }, sql: string, params: unknown[] = []): Promise<void> {
  const out = q.toSQL();
  expect(out.sql).toBe(sql);
  expect(out.params).toEqual(params);
  await assertTsql(out.sql);
}

/** Every recorded statement must be T-SQL. */
export async function expectAllTsql(statements: { sql: string }[]): Promise<void> {
  for (const s of statements) await assertTsql(s.sql);
}
