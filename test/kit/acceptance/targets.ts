/**
 * The databases the kit's acceptance tests run on: PGlite and a SQLite file always, the
 * PostgreSQL server and MariaDB when their URLs are set. Each gives two fresh databases, a config
 * for them, a user's programmatic migrate, its catalog and raw queries.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { join } from 'node:path';
import { mysqlCatalog, pgCatalog, pgliteCatalog, sqliteCatalog } from './catalog.js';
import type { AcceptanceDialect } from './schemas.js';

const pgUrl = process.env.SLUICE_PG_URL;
const mysqlUrl = process.env.SLUICE_MYSQL_URL;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
let prepared = 0;

export interface Target {
  name: string;
  dialect: AcceptanceDialect;
  /** Two databases (the CLI's and the programmatic migrate's), as config credentials. */
  prepare(dir: string): Promise<{ main: string; fresh: string }>;
  config(location: string): string;
  /** The programmatic migrate, as a user's script. */
  migrateScript(location: string): string;
  catalog(location: string): Promise<string[]>;
  exec(location: string, sql: string): Promise<Record<string, unknown>[]>;
  drop?(location: string): Promise<void>;
}

const pgliteTarget: Target = {
  name: 'PGlite',
  dialect: 'postgresql',
  prepare: async (dir) => ({ main: join(dir, 'data'), fresh: join(dir, 'data-fresh') }),
  config: (location) =>
    `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', driver: 'pglite', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(location)} } });\n`,
  migrateScript: (location) =>
    `import { drizzle } from 'sluice/pglite';\nimport { migrate } from 'sluice/pglite/migrator';\nconst db = drizzle(${JSON.stringify(location)});\nawait migrate(db, { migrationsFolder: './drizzle' });\nawait db.$client.close();\n`,
  catalog: (location) => pgliteCatalog(location),
  exec: async (location, sql) => {
    const db = new PGlite(location);
    try {
      return (await db.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await db.close();
    }
  },
};

function pgServerTarget(url: string): Target {
  const dbUrl = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const admin = async (sql: string) => {
    const c = new pg.Client(url);
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  return {
    name: 'PostgreSQL server',
    dialect: 'postgresql',
    prepare: async () => {
      const id = `${suffix}_${++prepared}`;
      await admin(`create database kit_cli_${id}`);
      await admin(`create database kit_cli_fresh_${id}`);
      return { main: dbUrl(`kit_cli_${id}`), fresh: dbUrl(`kit_cli_fresh_${id}`) };
    },
    config: (location) => `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(location)} } });\n`,
    migrateScript: (location) =>
      `import { drizzle } from 'sluice/node-postgres';\nimport { migrate } from 'sluice/node-postgres/migrator';\nconst db = drizzle(${JSON.stringify(location)});\nawait migrate(db, { migrationsFolder: './drizzle' });\nawait db.$client.end();\n`,
    catalog: (location) => pgCatalog(location),
    exec: async (location, sql) => {
      const c = new pg.Client(location);
      await c.connect();
      try {
        return (await c.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await c.end();
      }
    },
    drop: async (location) => admin(`drop database if exists ${new URL(location).pathname.slice(1)} with (force)`),
  };
}

export const sqliteTarget: Target = {
  name: 'SQLite file',
  dialect: 'sqlite',
  prepare: async (dir) => ({ main: join(dir, 'app.db'), fresh: join(dir, 'fresh.db') }),
  config: (location) => `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(location)} } });\n`,
  migrateScript: (location) =>
    `import { drizzle } from 'sluice/better-sqlite3';\nimport { migrate } from 'sluice/better-sqlite3/migrator';\nconst db = drizzle(${JSON.stringify(location)});\nawait migrate(db, { migrationsFolder: './drizzle' });\ndb.$client.close();\n`,
  catalog: async (location) => sqliteCatalog(location),
  exec: async (location, sql) => {
    const db = new Database(location);
    try {
      const stmt = db.prepare(sql);
      if (stmt.reader) return stmt.all() as Record<string, unknown>[];
      stmt.run();
      return [];
    } finally {
      db.close();
    }
  },
};

function mariaTarget(url: string): Target {
  const dbUrl = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const admin = async (sql: string) => {
    const c = await mysql.createConnection(url);
    await c.query(sql).finally(() => c.end());
  };
  return {
    name: 'MariaDB',
    dialect: 'mysql',
    prepare: async () => {
      const id = `${suffix}_${++prepared}`;
      await admin(`create database kit_cli_${id}`);
      await admin(`create database kit_cli_fresh_${id}`);
      return { main: dbUrl(`kit_cli_${id}`), fresh: dbUrl(`kit_cli_fresh_${id}`) };
    },
    config: (location) => `import { defineConfig } from 'sluice/kit';\nexport default defineConfig({ dialect: 'mysql', schema: './src/schema.ts', out: './drizzle', dbCredentials: { url: ${JSON.stringify(location)} } });\n`,
    migrateScript: (location) =>
      `import { drizzle } from 'sluice/mysql2';\nimport { migrate } from 'sluice/mysql2/migrator';\nconst db = drizzle(${JSON.stringify(location)});\nawait migrate(db, { migrationsFolder: './drizzle' });\nawait db.$client.end();\n`,
    catalog: (location) => mysqlCatalog(location),
    exec: async (location, sql) => {
      const c = await mysql.createConnection(location);
      try {
        const [rows] = await c.query(sql);
        return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
      } finally {
        await c.end();
      }
    },
    drop: async (location) => admin(`drop database if exists ${new URL(location).pathname.slice(1)}`),
  };
}

/** PGlite and a SQLite file, plus the servers whose URLs are set. */
export function acceptanceTargets(): Target[] {
  const targets: Target[] = [pgliteTarget, sqliteTarget];
  if (pgUrl) targets.push(pgServerTarget(pgUrl));
  if (mysqlUrl) targets.push(mariaTarget(mysqlUrl));
  return targets;
}
