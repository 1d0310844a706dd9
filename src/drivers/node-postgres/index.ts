import type { Pool, PoolConfig, QueryResult } from 'pg';
import type { Database } from '../../core/database.js';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import { pgDialect } from '../../dialects/pg/dialect.js';
import { NodePgDriver, nodePgClientAndOptions, type NodePgClient, type NodePgPrepareOption } from '../node-postgres-driver.js';

export type { NodePgClient };
/** The result of `db.execute(...)` and of writes without `returning()`: node-postgres's own. */
export type NodePgQueryResult = QueryResult<Record<string, unknown>>;

/** Options of `drizzle()` shared by every call form. */
export type NodePgOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations> & NodePgPrepareOption;

/** `drizzle({ ... })`: a client to use, or connection settings for a pool sluice creates. */
export interface NodePgConfig<TSchema extends Record<string, unknown>, TClient extends NodePgClient = NodePgClient, TRelations = undefined> extends NodePgOptions<TSchema, TRelations> {
  client?: TClient;
  /** A connection string or `pg.Pool` settings. */
  connection?: string | PoolConfig;
}

/** A database over node-postgres, with the client at `db.$client`. */
export type NodePgDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = NodePgClient, TRelations = undefined> = Database<'pg', NodePgQueryResult, TSchema, TRelations> & {
  $client: TClient;
};

/**
 * Opens a database on node-postgres (`pg`). A connection string or settings create a `pg.Pool`;
 * a given `Pool`, `PoolClient` or connected `Client` is used as is.
 *
 * @example
 * const db = drizzle(process.env.DATABASE_URL!);
 * const db2 = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }), { logger: true });
 * const db3 = drizzle({ connection: { connectionString: process.env.DATABASE_URL, max: 4 }, schema });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = Pool, TRelations = undefined>(
  client: TClient,
  options?: NodePgOptions<TSchema, TRelations>,
): NodePgDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: NodePgOptions<TSchema, TRelations>): NodePgDatabase<TSchema, Pool, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodePgClient = Pool, TRelations = undefined>(
  config: NodePgConfig<TSchema, TClient, TRelations> & ({ client: TClient } | { connection: string | PoolConfig }),
): NodePgDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(
  config: string | NodePgClient | NodePgConfig<TSchema, NodePgClient, TRelations>,
  more?: NodePgOptions<TSchema, TRelations>,
): NodePgDatabase<TSchema, NodePgClient, TRelations> {
  const { client, options } = nodePgClientAndOptions<NodePgOptions<TSchema, TRelations>>(config, more, 'sluice/node-postgres');
  return createDatabase<'pg', NodePgQueryResult, TSchema, TRelations, NodePgClient>(pgDialect, new NodePgDriver(client, pgDialect, 'node-postgres', options.prepare ?? true), client, options);
}
