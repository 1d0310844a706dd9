/**
 * `checkDatabase` on a drizzle-kit project as a user adopts it: a folder the real drizzle-kit 0.31
 * generated and a database drizzle-orm 0.45's migrator applied it to. The head snapshot is
 * drizzle-kit's, converted, and the database holds drizzle-kit's SQL (qualified columns in checks,
 * `DEFAULT true`, uniques as `CREATE UNIQUE INDEX`); it must still compare clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase, resolveConfig } from 'sluice/kit';
import { schemas } from './acceptance/schemas.js';
import { createDrizzleProject, migrateWithDrizzle, type DrizzleDatabase, type DrizzleProject } from './support/drizzle-project.js';
import { driftExtras } from './support/drift-schemas.js';

let project: DrizzleProject | undefined;
afterEach(() => project?.remove());

const asDrizzle = (source: string) => source.replace(/(['"])sluice(\/[^'"]*)?\1/g, (_m, q: string, sub: string | undefined) => `${q}drizzle-orm${sub ?? ''}${q}`);

interface Opened {
  db: DrizzleDatabase;
  credentials: { url: string };
  driver: string | undefined;
  drop(): Promise<void>;
}

/** MariaDB is left out: drizzle-kit 0.31's CREATE TABLE for this schema is refused by MariaDB 10.11 (`serial AUTO_INCREMENT`). */
const targets: { name: string; dialect: 'postgresql' | 'sqlite'; open(): Promise<Opened> }[] = [
  {
    name: 'PGlite',
    dialect: 'postgresql',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-drift-adopt-'));
      return { db: { dialect: 'postgresql', pgliteDir: join(dir, 'data') }, credentials: { url: join(dir, 'data') }, driver: 'pglite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'SQLite file',
    dialect: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-drift-adopt-'));
      return { db: { dialect: 'sqlite', file: join(dir, 'app.db') }, credentials: { url: join(dir, 'app.db') }, driver: undefined, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

describe.each(targets)('check --db on an adopted drizzle-kit project: $name', ({ dialect, open }) => {
  it('finds no difference between the converted head snapshot and what drizzle applied', async () => {
    project = createDrizzleProject(dialect);
    project.generate(asDrizzle(schemas[dialect].v2 + driftExtras[dialect]), 'init');
    const opened = await open();
    try {
      await migrateWithDrizzle(project.out, opened.db);
      const config = resolveConfig({ dialect, driver: opened.driver, schema: './schema.ts', out: './drizzle', dbCredentials: opened.credentials }, { cwd: project.dir });
      expect(await checkDatabase(config)).toEqual({ ok: true, pending: [], differences: [], statements: [], statementsProblem: undefined });
    } finally {
      await opened.drop();
    }
  });
});
