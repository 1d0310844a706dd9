/**
 * The PostgreSQL targets every behaviour test runs on. PGlite always runs; the server targets
 * run when SLUICE_PG_URL is set (CI sets it, so there they cannot be skipped). Each target gets a
 * database of its own, so runs never collide.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import postgres from 'postgres';
import type { Database, Logger } from 'sluice';
import { drizzle as nodePostgres } from 'sluice/node-postgres';
import { drizzle as pglite } from 'sluice/pglite';
import { drizzle as postgresJs } from 'sluice/postgres-js';

export interface PgTarget {
  /** e.g. `pglite`, `node-postgres`, `postgres-js` */
  name: string;
  /** A fresh, empty database handle (schema given to drizzle()). */
  open<TSchema extends Record<string, unknown>, TRelations = undefined>(opts?: {
    schema?: TSchema;
    relations?: TRelations;
    casing?: 'snake_case' | 'camelCase';
    logger?: boolean | Logger;
  }): Promise<Database<'pg', unknown, TSchema, TRelations>>;
  /** Runs raw DDL/SQL on the target's database. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

type Factory = () => Promise<PgTarget>;

const factories: Record<string, Factory> = {
  pglite: async () => {
    const client = new PGlite();
    return {
      name: 'pglite',
      open: async (opts) => pglite({ client, ...opts }) as never,
      exec: async (sql) => {
        await client.exec(sql);
      },
      close: () => client.close(),
    };
  },
};

/** The PostgreSQL server the server targets run on (unset: they are not registered). */
export const pgServerUrl: string | undefined = process.env.SLUICE_PG_URL || undefined;

/**
 * Creates an empty database `sluice_t_<random>` on the server at SLUICE_PG_URL; `drop()` removes
 * it, closing whatever connections are still open to it.
 */
export async function createPgDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!pgServerUrl) throw new Error('SLUICE_PG_URL is not set');
  const name = `sluice_t_${randomBytes(6).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = new URL(pgServerUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Timestamps print in the session's time zone; UTC makes the text the same on every machine (as on PGlite).
const utcSession = '-c TimeZone=UTC';

if (pgServerUrl) {
  factories['node-postgres'] = async () => {
    const database = await createPgDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 8, options: utcSession });
    return {
      name: 'node-postgres',
      open: async (opts) => nodePostgres({ client: pool, ...opts }) as never,
      exec: async (sql) => {
        await pool.query(sql);
      },
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  };
  factories['postgres-js'] = async () => {
    const database = await createPgDatabase();
    // postgres.js prints server notices (`... does not exist, skipping`) unless told otherwise.
    const client = postgres(database.url, { max: 8, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
    return {
      name: 'postgres-js',
      open: async (opts) => postgresJs({ client, ...opts }) as never,
      exec: async (sql) => {
        await client.unsafe(sql);
      },
      close: async () => {
        await client.end();
        await database.drop();
      },
    };
  };
}

/** Registers a target factory (server drivers add theirs). */
export function registerTarget(name: string, factory: Factory): void {
  factories[name] = factory;
}

/** The names of the targets available in this run. */
export function targetNames(): string[] {
  return Object.keys(factories);
}

export function openTarget(name: string): Promise<PgTarget> {
  const f = factories[name];
  if (!f) throw new Error(`unknown target ${name}`);
  return f();
}
