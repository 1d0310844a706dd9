/**
 * The PostgreSQL databases the DDL renderer's statements run on: PGlite always, the server at
 * SLUICE_PG_URL when it is set (a database of its own, dropped afterwards).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Statement } from '../../../src/kit/changes.js';
import { createPgDatabase, pgServerUrl } from '../../support/targets.js';

export interface DdlDatabase {
  name: string;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openPglite(): Promise<DdlDatabase> {
  const client = new PGlite();
  return {
    name: 'pglite',
    query: async <T>(sql: string) => (await client.query<T>(sql)).rows,
    close: () => client.close(),
  };
}

async function openServer(): Promise<DdlDatabase> {
  const database = await createPgDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // Notices (`... does not exist, skipping`) are not errors.
  client.on('notice', () => {});
  return {
    name: 'postgresql-server',
    query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}

/** The targets of this run. */
export const ddlTargets: { name: string; open: () => Promise<DdlDatabase> }[] = [
  { name: 'pglite', open: openPglite },
  ...(pgServerUrl ? [{ name: 'postgresql-server', open: openServer }] : []),
];

/** Runs a migration's statements in one transaction, as the runner does; rolls back and rethrows on failure. */
export async function migrate(db: DdlDatabase, statements: readonly Statement[]): Promise<void> {
  await db.query('BEGIN');
  try {
    for (const statement of statements) await db.query(statement.sql);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Drops every schema a test created and gives back an empty `public`, so tests share one database without seeing each other. */
export async function resetSchemas(db: DdlDatabase): Promise<void> {
  const schemas = await db.query<{ nspname: string }>(
    `select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname not in ('information_schema')`,
  );
  for (const { nspname } of schemas) await db.query(`drop schema "${nspname.replaceAll('"', '""')}" cascade`);
  await db.query('create schema public');
}

/**
 * Call at the top of a describe block: opens the target's database before its tests, gives each
 * test an empty `public` and closes the database after them. The returned database forwards to
 * the open one, so tests use it like the database itself.
 */
export function useDdlDatabase(open: () => Promise<DdlDatabase>): DdlDatabase {
  let current: DdlDatabase | undefined;
  const db = (): DdlDatabase => {
    if (current === undefined) throw new Error('the database opens in beforeAll');
    return current;
  };
  beforeAll(async () => {
    current = await open();
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(async () => {
    await resetSchemas(db());
  });
  return {
    get name() {
      return db().name;
    },
    query: <T = Record<string, unknown>>(sql: string) => db().query<T>(sql),
    close: () => db().close(),
  };
}
