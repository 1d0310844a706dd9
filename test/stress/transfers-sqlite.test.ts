/**
 * Transfers under concurrency on SQLite files in WAL mode, on better-sqlite3 and on libsql. Each
 * handle has one connection: the 32 workers' transactions queue on it, and the reader's
 * statements on `db` wait between them, never inside one. SQLite drivers report no SQLSTATEs, so
 * nothing is retried. See transfer-suite.ts for what is checked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import BetterSqlite from 'better-sqlite3';
import { drizzle as betterSqlite } from 'sluice/better-sqlite3';
import { drizzle as libsql } from 'sluice/libsql';
import { afterAll, describe } from 'vitest';
import { type AnyDb, transferCase } from './transfer-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-transfers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transfers under concurrency on SQLite', () => {
  transferCase('sqlite file, WAL (better-sqlite3)', async () => {
    const client = new BetterSqlite(join(dir, 'better.db'));
    client.pragma('journal_mode = wal');
    client.pragma('synchronous = normal');
    return {
      dialect: 'sqlite',
      db: betterSqlite(client) as unknown as AnyDb,
      close: async () => {
        client.close();
      },
    };
  });
  transferCase('sqlite file, WAL (libsql)', async () => {
    const client = createClient({ url: `file:${join(dir, 'libsql.db')}` });
    await client.execute('pragma journal_mode = wal');
    await client.execute('pragma synchronous = normal');
    return {
      dialect: 'sqlite',
      db: libsql(client) as unknown as AnyDb,
      close: async () => {
        client.close();
      },
    };
  });
});
