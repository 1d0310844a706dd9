/**
 * Databases for the CockroachDB suites: a handle that renders without a server (text
 * assertions), and sluice/cockroach on a fresh database of the PostgreSQL server (rows), since
 * CockroachDB speaks PostgreSQL's protocol and the statements under test are also PostgreSQL's.
 */
import pg from 'pg';
import { drizzle, type NodeCockroachDatabase } from 'sluice/cockroach';
import type { Logger } from 'sluice';
import { createPgDatabase, pgServerUrl } from '../support/targets.js';

export { pgServerUrl };

/** Why the server suites are skipped when they are: their names carry it. */
export const NO_PG = '(not run: SLUICE_PG_URL is not set)';

/** A handle whose pool never connects: for statements that are rendered, not run. */
export function renderOnly<TSchema extends Record<string, unknown>>(schema?: TSchema): NodeCockroachDatabase<TSchema, pg.Pool> {
  return drizzle({ client: new pg.Pool({ connectionString: 'postgresql://nobody@127.0.0.1:9/none' }), schema }) as NodeCockroachDatabase<TSchema, pg.Pool>;
}

export interface ServerDatabase<TSchema extends Record<string, unknown>> {
  db: NodeCockroachDatabase<TSchema, pg.Pool>;
  pool: pg.Pool;
  url: string;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** sluice/cockroach over a pool on a new database of the PostgreSQL server, in UTC. */
export async function openOnPostgres<TSchema extends Record<string, unknown>>(options: { schema?: TSchema; logger?: Logger; max?: number } = {}): Promise<ServerDatabase<TSchema>> {
  const database = await createPgDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: options.max ?? 4, options: '-c TimeZone=UTC' });
  const db = drizzle({ client: pool, schema: options.schema, logger: options.logger }) as NodeCockroachDatabase<TSchema, pg.Pool>;
  return {
    db,
    pool,
    url: database.url,
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
