/**
 * A SQL Server database without a server: its driver records every statement (text and
 * parameters) and answers with rows a test queues, so the SQL the dialect writes can be asserted
 * and parsed. The real driver is `sluice/node-mssql`.
 */
import type { Database } from 'sluice';
import { mssqlDialect } from 'sluice/mssql-core';
import { createDatabase } from '../../src/core/create-database.js';
import { runInTransaction } from '../../src/core/database.js';
import type { TransactionConfig } from '../../src/core/dialect.js';
import type { Driver, DriverConnection } from '../../src/core/session.js';

export interface Recorded {
  sql: string;
  params: unknown[];
}

export interface RenderDb<TSchema extends Record<string, unknown>, TRelations> {
  db: Database<'mssql', unknown, TSchema, TRelations>;
  /** Every statement sent, in order (transaction control included). */
  statements: Recorded[];
  /** Rows (as arrays) the next row-returning statements answer with, one list per statement. */
  answers: unknown[][][];
}

export function mssqlRenderDb<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(
  opts: { schema?: TSchema; relations?: TRelations; casing?: 'snake_case' | 'camelCase' } = {},
): RenderDb<TSchema, TRelations> {
  const statements: Recorded[] = [];
  const answers: unknown[][][] = [];
  const conn: DriverConnection = {
    arrays: async (sql, params) => {
      statements.push({ sql, params });
      return answers.shift() ?? [];
    },
    execute: async (sql, params) => {
      statements.push({ sql, params });
      return { rowsAffected: [0] };
    },
  };
  const driver: Driver = {
    ...conn,
    driverName: 'mssql-render',
    transaction: <T>(fn: (c: DriverConnection) => Promise<T>, config: TransactionConfig | undefined, log?: (s: string) => void) => runInTransaction(conn, mssqlDialect, config, fn, log),
  };
  const db = createDatabase<'mssql', unknown, TSchema, TRelations, undefined>(mssqlDialect, driver, undefined, opts) as unknown as Database<'mssql', unknown, TSchema, TRelations>;
  return { db, statements, answers };
}
