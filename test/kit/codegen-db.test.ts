/**
 * Generated schema and relations files used against real databases: the tables are created from
 * the model's DDL, rows go in, and relational queries through the generated `relations()` (v1)
 * and `defineRelations()` (v2) files return the linked rows, including two keys between the
 * same tables (told apart by relationName / alias).
 */
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as pg from 'sluice/pg-core';
import * as lite from 'sluice/sqlite-core';
import { pgRender } from '../../src/dialects/pg/kit/ddl.js';
import { pgSerialize } from '../../src/dialects/pg/kit/serialize.js';
import { sqliteRender } from '../../src/dialects/sqlite/kit/ddl.js';
import { sqliteSerialize } from '../../src/dialects/sqlite/kit/serialize.js';
import type { Statement } from '../../src/kit/changes.js';
import { generateSchemaSource } from '../../src/kit/codegen.js';
import { createModuleLoader } from '../../src/kit/config-loader.js';
import { diffSnapshots } from '../../src/kit/diff.js';
import { emptySnapshot, type KitDialectName, type SchemaModel } from '../../src/kit/model.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-codegen-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pgPeople = pg.pgTable('people', { id: pg.integer().primaryKey(), full_name: pg.text().notNull() });
const pgPosts = pg.pgTable('posts', {
  id: pg.integer().primaryKey(),
  author_id: pg
    .integer()
    .notNull()
    .references(() => pgPeople.id),
  reviewer_id: pg.integer().references(() => pgPeople.id),
  title: pg.text().notNull(),
});
const litePeople = lite.sqliteTable('people', { id: lite.integer().primaryKey(), full_name: lite.text().notNull() });
const litePosts = lite.sqliteTable('posts', {
  id: lite.integer().primaryKey(),
  author_id: lite
    .integer()
    .notNull()
    .references(() => litePeople.id),
  reviewer_id: lite.integer().references(() => litePeople.id),
  title: lite.text().notNull(),
});

const rows = ["insert into people (id, full_name) values (1, 'Ann'), (2, 'Bob')", "insert into posts (id, author_id, reviewer_id, title) values (10, 1, 2, 'first'), (11, 1, null, 'second'), (12, 2, 1, 'third')"];

let folders = 0;
type Drizzle = (config: { client: unknown; schema?: Record<string, unknown>; relations?: unknown }) => { query: unknown };

/**
 * Generates, writes and loads the schema and relations files for a model, and the driver through
 * the same loader: the ORM tells relations and tables apart by class, so the driver must be the
 * module instance the generated files import.
 */
async function generated(model: SchemaModel, dialect: KitDialectName, relations: 'v1' | 'v2'): Promise<{ schema: Record<string, unknown>; relations: Record<string, unknown>; drizzle: Drizzle }> {
  const files = generateSchemaSource(model, { dialect, casing: 'camel', relations });
  const dir = join(root, `out${++folders}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'schema.ts'), files.schema);
  writeFileSync(join(dir, 'relations.ts'), files.relations);
  writeFileSync(join(dir, 'driver.ts'), `export { drizzle } from 'sluice/${dialect === 'sqlite' ? 'libsql' : 'pglite'}';\n`);
  const loader = createModuleLoader(dir);
  const schema = await loader.load(join(dir, 'schema.ts'));
  const rels = await loader.load(join(dir, 'relations.ts'));
  const driver = await loader.load(join(dir, 'driver.ts'));
  return { schema, relations: rels, drizzle: driver.drizzle as Drizzle };
}

function createStatements(model: SchemaModel, render: typeof pgRender): Statement[] {
  const from = emptySnapshot(model.dialect);
  const to = { ...from, ...model };
  const diff = diffSnapshots(from, to, {});
  if (diff.status !== 'ok') throw new Error('unexpected rename questions');
  return render(diff.changes, { from, to });
}

type Query = Record<string, { findMany(config: object): Promise<unknown[]> }>;

const expectedPosts = [
  { title: 'first', author: { fullName: 'Ann' }, reviewer: { fullName: 'Bob' } },
  { title: 'second', author: { fullName: 'Ann' }, reviewer: null },
  { title: 'third', author: { fullName: 'Bob' }, reviewer: { fullName: 'Ann' } },
];
const expectedPeople = [
  { fullName: 'Ann', postsByAuthor: [{ title: 'first' }, { title: 'second' }], postsByReviewer: [{ title: 'third' }] },
  { fullName: 'Bob', postsByAuthor: [{ title: 'third' }], postsByReviewer: [{ title: 'first' }] },
];

async function checkQueries(query: Query, v2: boolean): Promise<void> {
  const order = v2 ? { id: 'asc' } : (t: Record<string, unknown>, { asc }: { asc: (c: unknown) => unknown }) => asc(t.id);
  const posts = await query.posts!.findMany({ columns: { title: true }, with: { author: { columns: { fullName: true } }, reviewer: { columns: { fullName: true } } }, orderBy: order });
  expect(posts).toEqual(expectedPosts);
  const people = await query.people!.findMany({
    columns: { fullName: true },
    with: { postsByAuthor: { columns: { title: true }, orderBy: order }, postsByReviewer: { columns: { title: true }, orderBy: order } },
    orderBy: order,
  });
  expect(people).toEqual(expectedPeople);
}

describe('generated relations against SQLite (libsql)', () => {
  const model = sqliteSerialize([litePeople, litePosts], { casing: undefined });
  for (const version of ['v1', 'v2'] as const) {
    it(`${version}: queries follow both foreign keys between posts and people`, async () => {
      const files = await generated(model, 'sqlite', version);
      const client = createClient({ url: ':memory:' });
      const statements = createStatements(model, sqliteRender);
      expect(statements.map((s) => s.sql).join('\n')).toContain('FOREIGN KEY (`reviewer_id`) REFERENCES `people`(`id`)');
      for (const s of statements) await client.execute(s.sql);
      for (const r of rows) await client.execute(r);
      const db = version === 'v1' ? files.drizzle({ client, schema: { ...files.schema, ...files.relations } }) : files.drizzle({ client, relations: files.relations.relations });
      await checkQueries(db.query as unknown as Query, version === 'v2');
      client.close();
    });
  }
});

describe('generated relations against PostgreSQL (PGlite)', () => {
  const model = pgSerialize([pgPeople, pgPosts], { casing: undefined });
  for (const version of ['v1', 'v2'] as const) {
    it(`${version}: queries follow both foreign keys between posts and people`, async () => {
      const files = await generated(model, 'postgresql', version);
      const client = new PGlite();
      const statements = createStatements(model, pgRender);
      expect(statements.map((s) => s.sql).join('\n')).toContain('FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id")');
      for (const s of statements) await client.exec(s.sql);
      for (const r of rows) await client.exec(r);
      const db = version === 'v1' ? files.drizzle({ client, schema: { ...files.schema, ...files.relations } }) : files.drizzle({ client, relations: files.relations.relations });
      await checkQueries(db.query as unknown as Query, version === 'v2');
      await client.close();
    });
  }
});
