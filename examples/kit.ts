/**
 * The migration kit part of `npm run demo`: what `sluice generate`, `sluice migrate` and
 * `sluice status` do, called through `sluice/kit` on a project in a temporary folder with a PGlite
 * data directory, so no server is needed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defineConfig, generate, migrate, resolveConfig, status } from 'sluice/kit';

const v1 = `import { integer, pgTable, serial, text } from 'sluice/pg-core';

export const notes = pgTable('notes', {
  id: serial('id').primaryKey(),
  text: text('text').notNull(),
  stars: integer('stars'),
});
`;

// v2 renames a column (the kit asks; here the answer is given up front), adds a column with a
// default, an index and a table with a foreign key.
const v2 = `import { index, integer, pgTable, serial, text, timestamp } from 'sluice/pg-core';

export const notes = pgTable('notes', {
  id: serial('id').primaryKey(),
  body: text('body').notNull(),
  stars: integer('stars').notNull().default(0),
  createdAt: timestamp('created_at').notNull().defaultNow(),
}, (t) => [index('notes_stars_idx').on(t.stars)]);

export const tags = pgTable('tags', {
  id: serial('id').primaryKey(),
  noteId: integer('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
});
`;

type Step = (title: string) => void;
type Show = (label: string, value: unknown) => void;
type Sql = (text: string) => void;

/** Runs the walkthrough, printing through the demo's own step/show helpers. */
export async function kitWalkthrough(step: Step, show: Show, printSql: Sql): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-demo-kit-'));
  try {
    writeFileSync(join(dir, 'schema.ts'), v1);
    // The sluice.config.ts a project would hold, resolved against the project's folder.
    const config = resolveConfig(defineConfig({ dialect: 'postgresql', driver: 'pglite', schema: './schema.ts', out: './drizzle', dbCredentials: { url: './data' } }), { cwd: dir });

    step('Kit: sluice generate (the first migration, from schema.ts)');
    const first = await generate(config, { name: 'init' });
    if (first.status !== 'written') throw new Error(`expected a migration, got ${first.status}`);
    show('wrote', `drizzle/${basename(first.path)}/migration.sql and snapshot.json`);
    printSql(first.sql.trimEnd());

    step('Kit: sluice migrate (PGlite data directory ./data)');
    show('applied', (await migrate(config)).applied);

    step('Kit: change the schema, sluice generate again');
    writeFileSync(join(dir, 'schema.ts'), v2);
    const asked = await generate(config, { name: 'notes_v2' });
    if (asked.status === 'questions') {
      show(
        'questions',
        asked.questions.map((q) => `${q.entity} ${q.added}: renamed from ${q.candidates.join(' or ')}, or new?`),
      );
      show('answer', '--rename notes.text=body (the CLI asks on a terminal)');
    }
    const second = await generate(config, { name: 'notes_v2', answers: { 'column:public.notes.body': 'text' } });
    if (second.status !== 'written') throw new Error(`expected a migration, got ${second.status}`);
    printSql(second.sql.trimEnd());

    step('Kit: sluice migrate, then sluice status');
    show('applied', (await migrate(config)).applied);
    show('status', await status(config));
    show('generate once more', (await generate(config)).status);
    show('snapshot chain', JSON.parse(readFileSync(join(second.path, 'snapshot.json'), 'utf8')).prevIds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
