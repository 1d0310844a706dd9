/**
 * Transfers under concurrency on MariaDB (mysql2 pool). Every transfer locks the payer's row first
 * and then updates the payee's, so opposite transfers deadlock; InnoDB's deadlock (SQLSTATE 40001)
 * must come back retryable, also when it strikes inside a savepoint. See transfer-suite.ts for
 * what is checked.
 */
import mysql from 'mysql2/promise';
import { drizzle } from 'sluice/mysql2';
import { describe } from 'vitest';
import { createMysqlDatabase, mysqlServerUrl } from '../support/behaviour.js';
import { type AnyDb, retry, transferCase } from './transfer-suite.js';

describe('transfers under concurrency on MariaDB', () => {
  transferCase(
    'mariadb (mysql2 pool)',
    mysqlServerUrl
      ? async () => {
          const database = await createMysqlDatabase();
          const pool = mysql.createPool({ uri: database.url, connectionLimit: 16 });
          return {
            dialect: 'mysql',
            db: drizzle(pool) as unknown as AnyDb,
            config: () => ({ retry }),
            lock: () => true,
            expects: 'deadlocks',
            close: async () => {
              await pool.end();
              await database.drop();
            },
          };
        }
      : undefined,
  );
});
