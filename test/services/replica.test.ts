/**
 * withReplicas() against a real streaming replica: the main cluster (127.0.0.1:5432) as primary
 * and its hot standby on 127.0.0.1:5433 (test/services/start-replica.sh). The standby is read-only
 * and reports `pg_is_in_recovery()`, so each statement shows which server ran it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import postgres from 'postgres';
import { eq, sql, type Database } from 'sluice';
import { integer, pgTable, text, withReplicas } from 'sluice/pg-core';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as postgresJs } from 'sluice/postgres-js';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

const REPLICA_PORT = '5433';
const people = pgTable('people', { id: integer('id').primaryKey(), name: text('name').notNull() });
type Db = Database<'pg', unknown, { people: typeof people }>;

const where = { inRecovery: sql<boolean>`pg_is_in_recovery()`, port: sql<number>`inet_server_port()`.mapWith(Number) };

/** Polls until `check` returns true: the standby applies the primary's WAL a moment later. */
async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not replicated within ${ms} ms: ${what} (${await receiverStatus()})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the standby's WAL receiver is doing, for a timeout's message: "streaming" unless it lost the primary. */
async function receiverStatus(): Promise<string> {
  const probe = new pg.Client({ connectionString: replicaUrl(pgServerUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres') });
  try {
    await probe.connect();
    const { rows } = await probe.query('select status from pg_stat_wal_receiver');
    return `the standby's WAL receiver: ${rows[0]?.status ?? 'not running'}`;
  } catch (e) {
    return `the standby did not answer: ${(e as Error).message}`;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

function replicaUrl(url: string): string {
  const u = new URL(url);
  u.port = REPLICA_PORT;
  return u.toString();
}

const drivers: { name: string; open(url: string): { db: Db; close(): Promise<void> } }[] = [
  {
    name: 'node-postgres',
    open: (url) => {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      return { db: nodePostgres({ client: pool, schema: { people } }) as unknown as Db, close: () => pool.end() };
    },
  },
  {
    name: 'postgres-js',
    open: (url) => {
      const client = postgres(url, { max: 4, onnotice: () => {} });
      return { db: postgresJs({ client, schema: { people } }) as unknown as Db, close: () => client.end() };
    },
  },
];

describe.each(drivers)('withReplicas on a streaming replica, $name', (driver) => {
  let database: Awaited<ReturnType<typeof createPgDatabase>>;
  let primary: ReturnType<(typeof drivers)[number]['open']>;
  let replica: ReturnType<(typeof drivers)[number]['open']>;
  let db: ReturnType<typeof withReplicas<Db>>;

  beforeAll(async () => {
    database = await createPgDatabase();
    primary = driver.open(database.url);
    await primary.db.execute(sql`create table people (id integer primary key, name text not null)`);
    await primary.db.insert(people).values({ id: 1, name: 'seed' });
    // The new database and its table reach the standby through WAL like anything else.
    await eventually('the table on the standby', async () => {
      // A client connects once: each attempt (the database may not exist there yet) takes a new one.
      const probe = new pg.Client({ connectionString: replicaUrl(database.url) });
      try {
        await probe.connect();
        return (await probe.query('select count(*)::int as n from people')).rows[0].n === 1;
      } catch {
        return false;
      } finally {
        await probe.end().catch(() => undefined);
      }
    });
    replica = driver.open(replicaUrl(database.url));
    db = withReplicas(primary.db, [replica.db]);
  });
  afterAll(async () => {
    await replica?.close();
    await primary?.close();
    await database?.drop();
  });

  test('reads run on the standby, $primary on the primary', async () => {
    expect(await db.select(where).from(people)).toEqual([{ inRecovery: true, port: 5433 }]);
    expect(await db.query.people.findFirst({ extras: { port: where.port.as('port') } })).toEqual({ id: 1, name: 'seed', port: 5433 });
    expect(await db.$primary.select(where).from(people)).toEqual([{ inRecovery: false, port: 5432 }]);
  });

  test('writes run on the primary and reach the standby by replication', async () => {
    await db.insert(people).values({ id: 2, name: 'written' });
    await eventually('row 2', async () => (await db.select().from(people).where(eq(people.id, 2))).length === 1);
    expect(await db.select().from(people).where(eq(people.id, 2))).toEqual([{ id: 2, name: 'written' }]);
    await db.update(people).set({ name: 'updated' }).where(eq(people.id, 2));
    await eventually('row 2 updated', async () => (await db.select({ name: people.name }).from(people).where(eq(people.id, 2)))[0]?.name === 'updated');
    await db.delete(people).where(eq(people.id, 2));
    await eventually('row 2 deleted', async () => (await db.$count(people, eq(people.id, 2))) === 0);
  });

  test('the same write sent to the standby fails: it is read-only', async () => {
    const error = await replica.db
      .insert(people)
      .values({ id: 3, name: 'nope' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as Error).message).toContain('insert into "people" ("id", "name") values ($1, $2)');
    expect(((error as Error).cause as { code?: string }).code).toBe('25006');
    expect(String(((error as Error).cause as Error).message)).toBe('cannot execute INSERT in a read-only transaction');
  });

  test('a transaction runs on the primary and reads its own uncommitted writes', async () => {
    let seen: unknown;
    const rolledBack = await db
      .transaction(async (tx) => {
        await tx.insert(people).values({ id: 4, name: 'uncommitted' });
        seen = {
          inside: await tx
            .select({ ...where, name: people.name })
            .from(people)
            .where(eq(people.id, 4)),
          // Not committed: neither the standby nor another connection to the primary sees it.
          outside: await db.select().from(people).where(eq(people.id, 4)),
          outsideOnPrimary: await db.$primary.select().from(people).where(eq(people.id, 4)),
        };
        tx.rollback();
      })
      .catch((e: unknown) => e);
    expect((rolledBack as Error).name).toBe('TransactionRollbackError');
    expect(seen).toEqual({ inside: [{ inRecovery: false, port: 5432, name: 'uncommitted' }], outside: [], outsideOnPrimary: [] });
    const committed = await db.transaction(async (tx) => {
      await tx.insert(people).values({ id: 5, name: 'committed' });
      return {
        inside: await tx
          .select({ ...where, name: people.name })
          .from(people)
          .where(eq(people.id, 5)),
        outsideBeforeCommit: await db.select().from(people).where(eq(people.id, 5)),
      };
    });
    expect(committed).toEqual({ inside: [{ inRecovery: false, port: 5432, name: 'committed' }], outsideBeforeCommit: [] });
    await eventually('row 5', async () => (await db.$count(people, eq(people.id, 5))) === 1);
    expect(await db.$primary.$count(people, eq(people.id, 4))).toBe(0);
  });
});
