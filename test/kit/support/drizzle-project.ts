/**
 * "A project made with drizzle-kit": a temporary directory with a `drizzle.config.ts` and a schema
 * written against drizzle-orm, where the real drizzle-kit 0.31 generates migrations and drizzle-orm
 * 0.45's own migrators apply them, exactly as a drizzle user's project does. Tests that adopt such
 * a project (snapshot conversion, `sluice up`, the runner on drizzle's tracking table) start here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KitDialectName as AnyKitDialectName } from '../../../src/kit/model.js';

/** The dialects this suite covers (drizzle-kit 0.x's three; CockroachDB has its own suites). */
type KitDialectName = Exclude<AnyKitDialectName, 'cockroach'>;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const modules = join(repoRoot, 'node_modules');

/** The drizzle-orm core module a schema for each dialect imports. */
/** The dialects drizzle-orm 0.x projects are tested on (its release has no SQL Server). */
export type DrizzleDialect = Exclude<KitDialectName, 'mssql'>;

export const drizzleCore: Record<DrizzleDialect, string> = { postgresql: 'drizzle-orm/pg-core', mysql: 'drizzle-orm/mysql-core', sqlite: 'drizzle-orm/sqlite-core' };

export interface DrizzleProject {
  readonly dialect: DrizzleDialect;
  /** The project's directory (drizzle.config.ts, schema.ts). */
  readonly dir: string;
  /** The migrations folder drizzle-kit writes (`<dir>/drizzle`). */
  readonly out: string;
  /**
   * Writes `schema.ts` (source importing `drizzle-orm`) and runs `drizzle-kit generate` in the
   * project; returns the tag of the migration it wrote (`0000_init`).
   */
  generate(schemaSource: string, name: string): string;
  /** The journal's entries as drizzle-kit wrote them. */
  journal(): { idx: number; when: number; tag: string }[];
  /** The JSON of `meta/<NNNN>_snapshot.json` for a tag. */
  snapshot(tag: string): unknown;
  /**
   * Imports `source` written with sluice's imports (any `drizzle-orm` in it is rewritten to
   * `sluice`), so one schema text serves both ORMs.
   */
  importWithSluice(source: string, file?: string): Promise<Record<string, unknown>>;
  remove(): void;
}

/** Creates an empty drizzle-kit project for `dialect` in a temporary directory; `config` adds drizzle.config fields (`entities`, ...). */
export function createDrizzleProject(dialect: DrizzleDialect, options: { casing?: 'snake_case' | 'camelCase'; config?: Record<string, unknown> } = {}): DrizzleProject {
  const dir = mkdtempSync(join(tmpdir(), `sluice-drizzle-${dialect}-`));
  // A node_modules of its own so the schema resolves drizzle-orm (and sluice, for the sluice copy)
  // from the temp dir; the packages are the repository's, so drizzle-kit sees one drizzle-orm.
  mkdirSync(join(dir, 'node_modules'));
  for (const pkg of ['drizzle-orm', 'drizzle-kit']) symlinkSync(join(modules, pkg), join(dir, 'node_modules', pkg), 'dir');
  symlinkSync(repoRoot, join(dir, 'node_modules', 'sluice'), 'dir');
  const config = { dialect, schema: './schema.ts', out: './drizzle', ...(options.casing ? { casing: options.casing } : {}), ...options.config };
  writeFileSync(join(dir, 'drizzle.config.ts'), `export default ${JSON.stringify(config, null, 2)};\n`);
  const out = join(dir, 'drizzle');
  let imports = 0;
  return {
    dialect,
    dir,
    out,
    generate(schemaSource, name) {
      writeFileSync(join(dir, 'schema.ts'), schemaSource);
      const before = new Set(this.journal().map((e) => e.tag));
      // drizzle-kit reports some failures (a schema that does not load) on stderr with exit code 0.
      const run = spawnSync(process.execPath, [join(modules, 'drizzle-kit', 'bin.cjs'), 'generate', '--name', name], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      // Quoted, so the test runner does not read drizzle-kit's stack lines as the error's own.
      const output = `${run.stdout?.toString() ?? ''}${run.stderr?.toString() ?? ''}`.replace(/^/gm, '  | ');
      if (run.status !== 0) throw new Error(`drizzle-kit generate failed in ${dir} (exit ${String(run.status)}):\n${output}`, { cause: run.error });
      const added = this.journal().filter((e) => !before.has(e.tag));
      if (added.length !== 1) throw new Error(`drizzle-kit generate wrote ${added.length} migrations in ${dir}, expected 1:\n${output}`);
      return added[0]!.tag;
    },
    journal() {
      try {
        return (JSON.parse(readFileSync(join(out, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; when: number; tag: string }[] }).entries;
      } catch {
        return [];
      }
    },
    snapshot(tag) {
      return JSON.parse(readFileSync(join(out, 'meta', `${tag.split('_')[0]}_snapshot.json`), 'utf8'));
    },
    async importWithSluice(source, file = `sluice-schema-${++imports}.ts`) {
      const path = join(dir, file);
      writeFileSync(
        path,
        source.replace(/(['"])drizzle-orm(\/[^'"]*)?\1/g, (_m, q: string, sub: string | undefined) => `${q}sluice${sub ?? ''}${q}`),
      );
      return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where drizzle's migrator applies a folder: a PGlite data dir, a SQLite file, or a MySQL/MariaDB URL. */
export type DrizzleDatabase = { dialect: 'postgresql'; pgliteDir: string } | { dialect: 'sqlite'; file: string } | { dialect: 'mysql'; url: string };

/** Applies `folder` with drizzle-orm 0.45's own migrator, as `drizzle-kit migrate` / `migrate()` would. */
export async function migrateWithDrizzle(folder: string, db: DrizzleDatabase): Promise<void> {
  if (db.dialect === 'postgresql') {
    const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
    const client = new PGlite(db.pgliteDir);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.close();
    }
  } else if (db.dialect === 'sqlite') {
    const [{ default: Database }, { drizzle }, { migrate }] = await Promise.all([import('better-sqlite3'), import('drizzle-orm/better-sqlite3'), import('drizzle-orm/better-sqlite3/migrator')]);
    const client = new Database(db.file);
    try {
      migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      client.close();
    }
  } else {
    const [{ default: mysql }, { drizzle }, { migrate }] = await Promise.all([import('mysql2/promise'), import('drizzle-orm/mysql2'), import('drizzle-orm/mysql2/migrator')]);
    const client = await mysql.createConnection({ uri: db.url, multipleStatements: true });
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.end();
    }
  }
}

/** The `NNNN_tag.sql` files of a drizzle-kit folder. */
export function drizzleSqlFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}
