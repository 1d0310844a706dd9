import type { Pool, PoolConfig, QueryResult } from 'pg';
import { createDatabase, type DatabaseOptions } from '../../core/create-database.js';
import type { Database } from '../../core/database.js';
import { cockroachDialect } from '../../dialects/cockroach/dialect.js';
import { NodePgDriver, nodePgClientAndOptions, type NodePgClient, type NodePgPrepareOption } from '../node-postgres-driver.js';

/** What `drizzle()` accepts as a client: node-postgres's `Pool`, `PoolClient` or `Client`. */
export type NodeCockroachClient = NodePgClient;

/** The result of `db.execute(...)` and of writes without `returning()`: node-postgres's own. */
export type NodeCockroachQueryResult = QueryResult<Record<string, unknown>>;

/** Options of `drizzle()` shared by every call form. */
export type NodeCockroachOptions<TSchema extends Record<string, unknown>, TRelations = undefined> = DatabaseOptions<TSchema, TRelations> & NodePgPrepareOption;

/** `drizzle({ ... })`: a client to use, or connection settings for a pool sluice creates. */
export interface NodeCockroachConfig<TSchema extends Record<string, unknown>, TClient extends NodeCockroachClient = NodeCockroachClient, TRelations = undefined> extends NodeCockroachOptions<TSchema, TRelations> {
  client?: TClient;
  /** A connection string (`postgresql://root@localhost:26257/defaultdb?sslmode=disable`) or `pg.Pool` settings. */
  connection?: string | PoolConfig;
}

/** A CockroachDB database over node-postgres, with the client at `db.$client`. */
export type NodeCockroachDatabase<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodeCockroachClient = NodeCockroachClient, TRelations = undefined> = Database<
  'cockroach',
  NodeCockroachQueryResult,
  TSchema,
  TRelations
> & {
  $client: TClient;
};

/**
 * Opens a CockroachDB database on node-postgres (`pg`), CockroachDB's wire protocol being
 * PostgreSQL's. A connection string or settings create a `pg.Pool`; a given `Pool`, `PoolClient`
 * or connected `Client` is used as is. CockroachDB aborts conflicting transactions with SQLSTATE
 * 40001 and expects the client to retry them: `db.transaction(fn, { retry: true })`.
 *
 * @example
 * const db = drizzle(process.env.COCKROACH_URL!);
 * const db2 = drizzle({ connection: { connectionString: process.env.COCKROACH_URL, max: 4 }, schema });
 * await db.transaction(async (tx) => { ... }, { isolationLevel: 'serializable', retry: { maxAttempts: 8 } });
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodeCockroachClient = Pool, TRelations = undefined>(
  client: TClient,
  options?: NodeCockroachOptions<TSchema, TRelations>,
): NodeCockroachDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TRelations = undefined>(url: string, options?: NodeCockroachOptions<TSchema, TRelations>): NodeCockroachDatabase<TSchema, Pool, TRelations>;
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>, TClient extends NodeCockroachClient = Pool, TRelations = undefined>(
  config: NodeCockroachConfig<TSchema, TClient, TRelations> & ({ client: TClient } | { connection: string | PoolConfig }),
): NodeCockroachDatabase<TSchema, TClient, TRelations>;
export function drizzle<TSchema extends Record<string, unknown>, TRelations>(
  config: string | NodeCockroachClient | NodeCockroachConfig<TSchema, NodeCockroachClient, TRelations>,
  more?: NodeCockroachOptions<TSchema, TRelations>,
): NodeCockroachDatabase<TSchema, NodeCockroachClient, TRelations> {
  const { client, options } = nodePgClientAndOptions<NodeCockroachOptions<TSchema, TRelations>>(config, more, 'sluice/cockroach');
  return createDatabase<'cockroach', NodeCockroachQueryResult, TSchema, TRelations, NodeCockroachClient>(cockroachDialect, new NodePgDriver(client, cockroachDialect, 'cockroach', options.prepare ?? true), client, options);
}
