/**
 * The seed's "Drizzle Kit Migrations" section with `drizzle-kit` read as `sluice/kit`: its
 * drizzle.config.ts as written, its package.json scripts run through npm (the `sluice` binary
 * built in dist/: generate, migrate, push, pull), and its programmatic migration on node-postgres,
 * against the PostgreSQL server; the same on MariaDB with the MySQL form of the config.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'sluice';
import { defineConfig } from 'sluice/kit';
import { drizzle as pgDrizzle } from 'sluice/node-postgres';
import { migrate as pgMigrate } from 'sluice/node-postgres/migrator';
import { drizzle as mysqlDrizzle } from 'sluice/mysql2';
import { migrate as mysqlMigrate } from 'sluice/mysql2/migrator';
import { integer, pgTable, serial, text, timestamp } from 'sluice/pg-core';
import { int, mysqlTable, serial as mysqlSerial, text as mysqlText } from 'sluice/mysql-core';

const root = resolve(import.meta.dirname, '../..');
const pgUrl = process.env.SLUICE_PG_URL;
const mysqlUrl = process.env.SLUICE_MYSQL_URL;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// The seed's Example 1 schema, as a project's src/db/schema.ts.
const pgSchemaFile = `import { pgTable, serial, text, integer, timestamp } from 'sluice/pg-core';
import { relations } from 'sluice';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  createdAt: timestamp('created_at').defaultNow(),
});

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').references(() => users.id),
  createdAt: timestamp('created_at').defaultNow(),
});

export const usersRelations = relations(users, ({ many }) => ({
  posts: many(posts),
}));

export const postsRelations = relations(posts, ({ one }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
}));
`;

// The seed's MySQL table, as a project's src/db/schema.ts.
const mysqlSchemaFile = `import { mysqlTable, serial, text, int } from 'sluice/mysql-core';

export const users = mysqlTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  age: int('age'),
});
`;

/** The seed's drizzle.config.ts, with the import read as sluice/kit. */
const seedConfig = (dialect: string) => `import { defineConfig } from 'sluice/kit';

export default defineConfig({
  schema: './src/db/schema.ts',
  out: './drizzle',
  dialect: '${dialect}',
  dbCredentials: {
    url: process.env.DATABASE_URL!,
  },
});
`;

/** A project folder with the seed's package.json scripts and the built sluice linked in. */
function seedProject(dialect: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-seed-kit-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src', 'db'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'sluice'), 'dir');
  // What npm writes for a package's bin: a launcher for the built CLI.
  writeFileSync(join(dir, 'node_modules', '.bin', 'sluice'), `#!/bin/sh\nexec node ${JSON.stringify(join(root, 'dist', 'kit', 'cli', 'main.js'))} "$@"\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'seed-app', private: true, type: 'module', scripts: { generate: 'sluice generate', migrate: 'sluice migrate', push: 'sluice push', pull: 'sluice pull' } }, null, 2));
  writeFileSync(join(dir, 'drizzle.config.ts'), seedConfig(dialect));
  writeFileSync(join(dir, 'src', 'db', 'schema.ts'), schema);
  return dir;
}

const npmRun = (dir: string, script: string, env: Record<string, string>) => execFileSync('npm', ['run', '--silent', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } });

describe("the seed's drizzle.config.ts", () => {
  it('is a plain object for sluice/kit, typed per dialect', () => {
    process.env.DATABASE_URL ??= 'postgres://localhost/app';
    const config = defineConfig({
      schema: './src/db/schema.ts',
      out: './drizzle',
      dialect: 'postgresql',
      dbCredentials: {
        url: process.env.DATABASE_URL!,
      },
    });
    expect(config).toEqual({ schema: './src/db/schema.ts', out: './drizzle', dialect: 'postgresql', dbCredentials: { url: process.env.DATABASE_URL } });
  });
});

describe.skipIf(!pgUrl)("the seed's kit scripts and programmatic migration on PostgreSQL (skipped without SLUICE_PG_URL)", () => {
  const admin = async (text: string) => {
    const c = new pg.Client(pgUrl);
    await c.connect();
    await c.query(text).finally(() => c.end());
  };
  const dbUrl = (name: string) => Object.assign(new URL(pgUrl!), { pathname: `/${name}` }).toString();

  it('npm run generate and npm run migrate create the schema, and migrate(db, { migrationsFolder }) applies the same folder', async () => {
    const dir = seedProject('postgresql', pgSchemaFile);
    for (const name of [`seed_kit_${suffix}`, `seed_kit_prog_${suffix}`]) {
      await admin(`create database ${name}`);
      cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
    }
    const env = { DATABASE_URL: dbUrl(`seed_kit_${suffix}`) };
    expect(npmRun(dir, 'generate', env)).toMatch(/Wrote drizzle\/\d{14}_/);
    expect(npmRun(dir, 'migrate', env)).toMatch(/1 migration applied/);
    expect(npmRun(dir, 'generate', env)).toMatch(/No changes/);

    // "Programmatic Migration", as the seed writes it (DATABASE_URL now names a second database).
    process.env.DATABASE_URL = dbUrl(`seed_kit_prog_${suffix}`);
    const db = pgDrizzle(process.env.DATABASE_URL);
    await pgMigrate(db, { migrationsFolder: join(dir, 'drizzle') });
    const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull(), email: text('email').notNull().unique(), createdAt: timestamp('created_at').defaultNow() });
    const posts = pgTable('posts', { id: serial('id').primaryKey(), title: text('title').notNull(), authorId: integer('author_id').references(() => users.id) });
    const [newUser] = await db.insert(users).values({ name: 'John', email: 'john@example.com' }).returning();
    await db.insert(posts).values({ title: 'Hello', authorId: newUser!.id });
    expect(await db.select({ title: posts.title, name: users.name }).from(posts).innerJoin(users, eq(posts.authorId, users.id))).toEqual([{ title: 'Hello', name: 'John' }]);
    await expect(db.insert(posts).values({ title: 'orphan', authorId: 999 })).rejects.toThrow(/posts_author_id_users_id_fk/);
    await db.$client.end();
    expect(readdirSync(join(dir, 'drizzle')).length).toBe(1);
  }, 120_000);

  it('npm run push makes a fresh database match the schema, and npm run pull writes it back', async () => {
    const dir = seedProject('postgresql', pgSchemaFile);
    const name = `seed_kit_push_${suffix}`;
    await admin(`create database ${name}`);
    cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
    const env = { DATABASE_URL: dbUrl(name) };
    expect(npmRun(dir, 'push', env)).toMatch(/Pushed: \d+ statements applied/);
    expect(npmRun(dir, 'push', env)).toMatch(/No changes/);
    expect(npmRun(dir, 'pull', env)).toMatch(/Wrote drizzle\/schema\.ts and drizzle\/relations\.ts \(2 tables\)/);
    const pulled = readFileSync(join(dir, 'drizzle', 'schema.ts'), 'utf8');
    expect(pulled).toContain("pgTable('users'");
    expect(pulled).toContain("pgTable('posts'");
  }, 120_000);
});

describe.skipIf(!mysqlUrl)("the seed's kit scripts and programmatic migration on MariaDB (skipped without SLUICE_MYSQL_URL)", () => {
  const admin = async (text: string) => {
    const c = await mysql.createConnection(mysqlUrl!);
    await c.query(text).finally(() => c.end());
  };
  const dbUrl = (name: string) => Object.assign(new URL(mysqlUrl!), { pathname: `/${name}` }).toString();

  it('npm run generate and npm run migrate create the schema, and migrate(db, { migrationsFolder }) applies the same folder', async () => {
    const dir = seedProject('mysql', mysqlSchemaFile);
    for (const name of [`seed_kit_${suffix}`, `seed_kit_prog_${suffix}`]) {
      await admin(`create database ${name}`);
      cleanups.push(() => admin(`drop database if exists ${name}`));
    }
    const env = { DATABASE_URL: dbUrl(`seed_kit_${suffix}`) };
    expect(npmRun(dir, 'generate', env)).toMatch(/Wrote drizzle\/\d{14}_/);
    expect(npmRun(dir, 'migrate', env)).toMatch(/1 migration applied/);

    const db = mysqlDrizzle(dbUrl(`seed_kit_prog_${suffix}`));
    await mysqlMigrate(db, { migrationsFolder: join(dir, 'drizzle') });
    const users = mysqlTable('users', { id: mysqlSerial('id').primaryKey(), name: mysqlText('name').notNull(), age: int('age') });
    await db.insert(users).values({ name: 'John', age: 30 });
    expect(await db.select().from(users)).toEqual([{ id: 1, name: 'John', age: 30 }]);
    await db.$client.end();
  }, 120_000);

  it('npm run push makes a fresh database match the schema, and npm run pull writes it back', async () => {
    const dir = seedProject('mysql', mysqlSchemaFile);
    const name = `seed_kit_push_${suffix}`;
    await admin(`create database ${name}`);
    cleanups.push(() => admin(`drop database if exists ${name}`));
    const env = { DATABASE_URL: dbUrl(name) };
    expect(npmRun(dir, 'push', env)).toMatch(/Pushed: \d+ statements? applied/);
    expect(npmRun(dir, 'push', env)).toMatch(/No changes/);
    expect(npmRun(dir, 'pull', env)).toMatch(/Wrote drizzle\/schema\.ts and drizzle\/relations\.ts \(1 table\)/);
    expect(readFileSync(join(dir, 'drizzle', 'schema.ts'), 'utf8')).toContain("mysqlTable('users'");
  }, 120_000);
});
