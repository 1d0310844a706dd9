/**
 * Databases for the PostgreSQL introspection tests: PGlite always, the server at SLUICE_PG_URL
 * when set (a database of its own, dropped afterwards). A schema is created with the kit itself
 * (serialize -> diff from empty -> render -> run), then introspected.
 */
import { pgRender } from '../../../src/dialects/pg/kit/ddl.js';
import { pgIntrospect } from '../../../src/dialects/pg/kit/introspect.js';
import { pgSerialize } from '../../../src/dialects/pg/kit/serialize.js';
import type { IntrospectOptions } from '../../../src/kit/dialect.js';
import { diffSnapshots } from '../../../src/kit/diff.js';
import { canonicalModel, emptySnapshot, type SchemaModel } from '../../../src/kit/model.js';
import { nodePgSession, pgliteSession } from '../../../src/kit/runner-session-pg.js';
import type { MigrationSession } from '../../../src/kit/runner.js';
import { pgTestClients } from './pg-ddl-targets.js';

export interface IntrospectDatabase {
  name: string;
  session: MigrationSession;
  close(): Promise<void>;
}

/** The targets of this run. */
export const introspectTargets: { name: string; open: () => Promise<IntrospectDatabase> }[] = pgTestClients.map((t) => ({
  name: t.name,
  open: async (): Promise<IntrospectDatabase> => {
    const c = await t.open();
    return { name: c.name, session: c.name === 'pglite' ? pgliteSession(c.client) : nodePgSession(c.client), close: c.close };
  },
}));

/** The statements that create `model` in an empty database, as `generate` would write them. */
export function createStatements(model: SchemaModel): string[] {
  const diff = diffSnapshots(emptySnapshot('postgresql'), model, {});
  if (diff.status !== 'ok') throw new Error(`the differ asked about renames creating from empty: ${JSON.stringify(diff.questions)}`);
  return pgRender(diff.changes, { from: emptySnapshot('postgresql'), to: { ...emptySnapshot('postgresql'), ...model } }).map((s) => s.sql);
}

/** Serializes a schema module's exports and creates them in the session's database; returns the serializer's model. */
export async function createFromSchema(session: MigrationSession, entities: readonly unknown[]): Promise<SchemaModel> {
  const model = pgSerialize(entities, { casing: undefined });
  for (const sql of createStatements(model)) await session.execute(sql);
  return model;
}

/**
 * Introspects and keeps only the roles `expected` declares: a database (a server especially) has
 * roles no schema knows, and the commands comparing the two do the same.
 */
export async function introspectLike(session: MigrationSession, expected: SchemaModel, options: IntrospectOptions = {}): Promise<SchemaModel> {
  const model = await pgIntrospect(session, options);
  const declared = new Set(expected.roles.map((r) => r.name));
  return { ...model, roles: model.roles.filter((r) => declared.has(r.name)) };
}

/** Both models in canonical order, for `toEqual`. */
export function canonical(model: SchemaModel): SchemaModel {
  return canonicalModel(model);
}

/** A session that counts the queries sent through it. */
export function countingSession(session: MigrationSession): MigrationSession & { count: number } {
  const counting = {
    dialect: session.dialect,
    count: 0,
    execute: (sql: string) => session.execute(sql),
    query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      counting.count++;
      return session.query<T>(sql, params);
    },
    transaction: session.transaction.bind(session),
  };
  return counting;
}

/** Drops every non-system schema and gives back an empty `public`. */
export async function resetDatabase(session: MigrationSession): Promise<void> {
  const schemas = await session.query<{ nspname: string }>(`select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'`);
  for (const { nspname } of schemas) await session.execute(`drop schema "${nspname.replaceAll('"', '""')}" cascade`);
  await session.execute('create schema public');
}
