import type { Database as BetterSqliteClient } from 'better-sqlite3';
import type { Client as LibsqlClient, ResultSet, Transaction as LibsqlTransaction } from '@libsql/client';
import { libsqlArgs } from '../drivers/libsql/args.js';
import { sqliteParams } from '../drivers/sqlite-shared.js';
import type { MigrationSession } from './runner.js';
import { acquireWithin } from './runner-lock.js';
import { nested } from './runner-session-common.js';

/** SQLite said another connection holds the lock (better-sqlite3's and libsql's error codes). */
function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (e instanceof Error && /SQLITE_BUSY|database is locked/i.test(e.message));
}

const WRITE_LOCK = "the SQLite database's write lock";

/** Migration sessions over SQLite clients (`db.$client`); nothing is imported at run time. */

/**
 * A session over better-sqlite3: one connection, so `BEGIN`/`COMMIT` are plain statements and the
 * foreign-key pragma set before `BEGIN` applies to the transaction.
 */
export function betterSqliteSession(client: BetterSqliteClient): MigrationSession {
  const base: Omit<MigrationSession, 'transaction'> = {
    dialect: 'sqlite',
    async execute(sql) {
      client.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const stmt = client.prepare(sql);
      if (stmt.reader) return stmt.all(...sqliteParams(params)) as T[];
      stmt.run(...sqliteParams(params));
      return [];
    },
  };
  return {
    ...base,
    async transaction(fn, options) {
      const restore = options?.foreignKeysOff === true && client.pragma('foreign_keys', { simple: true }) === 1;
      if (restore) client.exec('PRAGMA foreign_keys=OFF');
      try {
        // IMMEDIATE takes the write lock at once, so a second runner waits instead of reading
        // stale state. The busy timeout is off while trying, so the wait can be reported and
        // bounded by the run's own timeout, and restored as soon as the lock is held.
        const busyTimeout = Number(client.pragma('busy_timeout', { simple: true }));
        client.pragma('busy_timeout = 0');
        try {
          await acquireWithin(
            async () => {
              try {
                client.exec('BEGIN IMMEDIATE');
                return true;
              } catch (e) {
                if (isBusy(e)) return false;
                throw e;
              }
            },
            options?.lock,
            WRITE_LOCK,
          );
        } finally {
          client.pragma(`busy_timeout = ${busyTimeout}`);
        }
        try {
          const result = await fn({ ...base, transaction: nested });
          client.exec('COMMIT');
          return result;
        } catch (e) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw e;
        }
      } finally {
        if (restore) client.exec('PRAGMA foreign_keys=ON');
      }
    },
  };
}

type LibsqlExecutor = Pick<LibsqlClient, 'execute' | 'executeMultiple'> | LibsqlTransaction;

function objects<T>(rs: ResultSet): T[] {
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((c, i) => [c, row[i]])) as T);
}

/**
 * A session over libsql. The client may hand each call a different pooled connection, so a
 * pragma sent through the client could land on another connection than the transaction's. The
 * transaction's own connection is used instead: it ends the transaction libsql began, sets the
 * pragma, and begins again, all on that connection; the pragma is restored the same way before
 * the connection goes back to the client.
 */
export function libsqlSession(client: LibsqlClient): MigrationSession {
  const on = (c: LibsqlExecutor): Omit<MigrationSession, 'transaction'> => ({
    dialect: 'sqlite',
    async execute(sql) {
      await c.executeMultiple(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return objects<T>(await c.execute({ sql, args: libsqlArgs(params) }));
    },
  });
  return {
    ...on(client),
    async transaction(fn, options) {
      const tx = await acquireWithin(
        async () => {
          try {
            return await client.transaction('write');
          } catch (e) {
            if (isBusy(e)) return false;
            throw e;
          }
        },
        options?.lock,
        WRITE_LOCK,
      );
      let restore = false;
      try {
        if (options?.foreignKeysOff) {
          const [row] = objects<{ foreign_keys: unknown }>(await tx.execute('PRAGMA foreign_keys'));
          if (Number(row?.foreign_keys) === 1) {
            await tx.executeMultiple('COMMIT; PRAGMA foreign_keys=OFF; BEGIN IMMEDIATE');
            restore = true;
          }
        }
        const result = await fn({ ...on(tx), transaction: nested });
        if (restore) await tx.executeMultiple('COMMIT; PRAGMA foreign_keys=ON; BEGIN');
        restore = false;
        await tx.commit();
        return result;
      } catch (e) {
        if (restore) await tx.executeMultiple('ROLLBACK; PRAGMA foreign_keys=ON; BEGIN').catch(() => undefined);
        await tx.rollback().catch(() => undefined);
        throw e;
      } finally {
        tx.close();
      }
    },
  };
}
