/**
 * The PostgreSQL targets every behaviour test runs on. PGlite always runs; the server targets
 * run when SLUICE_PG_URL is set (CI sets it, so there they cannot be skipped). Each target gets a
 * database of its own, so runs never collide.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Database } from 'sluice';
import { drizzle as pglite } from 'sluice/pglite';

export interface PgTarget {
  /** e.g. `pglite`, `node-postgres`, `postgres-js` */
  name: string;
  /** A fresh, empty database handle (schema given to drizzle()). */
  open<TSchema extends Record<string, unknown>>(opts?: { schema?: TSchema; casing?: 'snake_case' | 'camelCase' }): Promise<Database<'pg', unknown, TSchema>>;
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
