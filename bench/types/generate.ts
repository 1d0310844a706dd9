/**
 * The generated projects of `npm run bench:types`: a PostgreSQL schema of N tables, each with a
 * parent (a one-relation through `parent_id`) and children (a many-relation back), declared with
 * v1 `relations()` or v2 `defineRelations()`, a database over PGlite, and optionally five typical
 * queries per table. The same sources serve sluice and drizzle-orm: only the package differs.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type RelationsApi = 'v1' | 'v2';

export interface ProjectSpec {
  tables: number;
  api: RelationsApi;
  queries: boolean;
  /** The package the sources import (`sluice` or `drizzle-orm`). */
  orm: 'sluice' | 'drizzle-orm';
}

/** The parent of table i: the tables form a ring, so every table has both relations. */
const parentOf = (i: number, n: number) => (i + n - 1) % n;
const childOf = (i: number, n: number) => (i + 1) % n;

function schemaSource(spec: ProjectSpec): string {
  const { orm, tables: n } = spec;
  const lines = [`import { boolean, integer, numeric, pgTable, serial, text, timestamp, varchar, type AnyPgColumn } from '${orm}/pg-core';`];
  if (spec.api === 'v1') lines.push(`import { relations } from '${orm}';`);
  lines.push('');
  for (let i = 0; i < n; i++) {
    lines.push(
      `export const t${i} = pgTable('table_${i}', {`,
      `  id: serial('id').primaryKey(),`,
      `  parentId: integer('parent_id').references((): AnyPgColumn => t${parentOf(i, n)}.id),`,
      `  name: varchar('name', { length: 120 }).notNull(),`,
      `  email: text('email').notNull().unique(),`,
      `  score: integer('score').default(0),`,
      `  price: numeric('price', { precision: 10, scale: 2 }),`,
      `  active: boolean('active').notNull().default(true),`,
      `  note: text('note'),`,
      `  createdAt: timestamp('created_at').notNull().defaultNow(),`,
      `  updatedAt: timestamp('updated_at'),`,
      `});`,
    );
  }
  if (spec.api === 'v1') {
    lines.push('');
    for (let i = 0; i < n; i++) {
      const p = parentOf(i, n);
      lines.push(`export const t${i}Relations = relations(t${i}, ({ one, many }) => ({`, `  parent: one(t${p}, { fields: [t${i}.parentId], references: [t${p}.id] }),`, `  children: many(t${childOf(i, n)}),`, `}));`);
    }
  }
  return lines.join('\n') + '\n';
}

function relationsSource(spec: ProjectSpec): string {
  const n = spec.tables;
  const lines = [`import { defineRelations } from '${spec.orm}';`, `import * as schema from './schema.js';`, '', 'export const relations = defineRelations(schema, (r) => ({'];
  for (let i = 0; i < n; i++) {
    const p = parentOf(i, n);
    const c = childOf(i, n);
    lines.push(`  t${i}: {`, `    parent: r.one.t${p}({ from: r.t${i}.parentId, to: r.t${p}.id }),`, `    children: r.many.t${c}({ from: r.t${i}.id, to: r.t${c}.parentId }),`, `  },`);
  }
  lines.push('}));');
  return lines.join('\n') + '\n';
}

function dbSource(spec: ProjectSpec): string {
  const lines = [`import { PGlite } from '@electric-sql/pglite';`, `import { drizzle } from '${spec.orm}/pglite';`];
  if (spec.api === 'v1') lines.push(`import * as schema from './schema.js';`, '', 'export const db = drizzle({ client: new PGlite(), schema });');
  else lines.push(`import { relations } from './relations.js';`, '', 'export const db = drizzle({ client: new PGlite(), relations });');
  return lines.join('\n') + '\n';
}

/** Per table: a select with where, an insert, an update, a findMany with `with`, a findFirst with columns/where. */
function queriesSource(spec: ProjectSpec): string {
  const lines = [`import { eq } from '${spec.orm}';`, `import { db } from './db.js';`, `import * as s from './schema.js';`, ''];
  for (let i = 0; i < spec.tables; i++) {
    const where = spec.api === 'v1' ? '(t, { eq }) => eq(t.id, 1)' : '{ id: 1 }';
    lines.push(
      `export async function q${i}() {`,
      `  const rows = await db.select().from(s.t${i}).where(eq(s.t${i}.id, 1));`,
      `  await db.insert(s.t${i}).values({ name: 'n', email: 'e@example.com', parentId: rows[0]?.id });`,
      `  await db.update(s.t${i}).set({ name: 'm', score: 2 }).where(eq(s.t${i}.id, 1));`,
      `  const tree = await db.query.t${i}.findMany({ with: { parent: true, children: true } });`,
      `  const one = await db.query.t${i}.findFirst({ columns: { id: true, name: true }, where: ${where} });`,
      `  return [rows[0]?.email, tree[0]?.parent?.name, tree[0]?.children[0]?.createdAt, one?.name] as const;`,
      '}',
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes the project into `dir`. `packages` maps the names the sources import to the folders
 * they resolve to (a symlink each in the project's node_modules).
 */
export function writeProject(dir: string, spec: ProjectSpec, packages: Record<string, string>): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'typecost', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], strict: true, skipLibCheck: true, noEmit: true },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'src', 'schema.ts'), schemaSource(spec));
  if (spec.api === 'v2') writeFileSync(join(dir, 'src', 'relations.ts'), relationsSource(spec));
  writeFileSync(join(dir, 'src', 'db.ts'), dbSource(spec));
  if (spec.queries) writeFileSync(join(dir, 'src', 'queries.ts'), queriesSource(spec));
  for (const [name, target] of Object.entries(packages)) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}
