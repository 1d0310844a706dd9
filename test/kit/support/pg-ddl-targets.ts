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

/** A PostgreSQL client of each target: PGlite, or a node-postgres client on a database of its own. */
export type PgTestClient = { name: 'pglite'; client: PGlite; close(): Promise<void> } | { name: 'postgresql-server'; client: pg.Client; close(): Promise<void> };

/** PGlite always, the server when SLUICE_PG_URL is set; shared by the DDL and introspection tests. */
export const pgTestClients: { name: string; open: () => Promise<PgTestClient> }[] = [
  {
    name: 'pglite',
    open: async () => {
      const client = new PGlite();
      return { name: 'pglite', client, close: () => client.close() };
    },
  },
  ...(pgServerUrl
    ? [
        {
          name: 'postgresql-server',
          open: async (): Promise<PgTestClient> => {
            const database = await createPgDatabase();
            const client = new pg.Client({ connectionString: database.url });
            await client.connect();
            // Notices (`... does not exist, skipping`) are not errors.
            client.on('notice', () => {});
            return {
              name: 'postgresql-server',
              client,
              close: async () => {
                await client.end();
                await database.drop();
              },
            };
          },
        },
      ]
    : []),
];

/** The targets of this run. */
export const ddlTargets: { name: string; open: () => Promise<DdlDatabase> }[] = pgTestClients.map((t) => ({
  name: t.name,
  open: async (): Promise<DdlDatabase> => {
    const c = await t.open();
    const query = c.name === 'pglite' ? async <T>(sql: string) => (await c.client.query<T>(sql)).rows : async <T>(sql: string) => (await c.client.query(sql)).rows as T[];
    return { name: c.name, query, close: c.close };
  },
}));

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
  const schemas = await db.query<{ nspname: string }>(`select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname not in ('information_schema')`);
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
