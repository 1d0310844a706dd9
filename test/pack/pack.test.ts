/**
 * The packed tarball must install into an empty folder and work under plain `node` (no loader,
 * no TypeScript) for both module systems: an ES module app (`import`) and a CommonJS app
 * (`require`) load every entry point in package.json "exports" and run a query, and a TypeScript
 * consumer (module nodenext, an .mts and a .cts file) type-checks against the installed .d.ts files.
 * The exports map, the emitted JavaScript and the .d.ts files are what users get.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sluice-pack-'));
const app = join(dir, 'app');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const node = (file: string) => execFileSync('node', [file], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; exports: Record<string, unknown>; peerDependencies: Record<string, string> };
/** `sluice`, `sluice/pg-core`, ...: every entry point, so one added later is covered without editing this file. */
const entryPoints = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => (subpath === '.' ? 'sluice' : `sluice${subpath.slice(1)}`));
/** Drivers and integrations the entry points use, all optional peers: the app gets them from this repo's node_modules. */
const optionalPeers = Object.keys(pkg.peerDependencies);
const typePackages = ['@types/node', '@types/pg', '@types/better-sqlite3', '@types/mssql'];

/** A query through PGlite, the same text for both module systems (they differ only in how they load sluice). */
const query = `const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
  const db = drizzle();
  await db.execute(sql\`create table users (id serial primary key, name text not null)\`);
  await db.insert(users).values([{ name: 'Ada' }, { name: 'Linus' }]);
  const rows = await db.select().from(users).where(eq(users.name, 'Linus'));`;

let files: { path: string }[] = [];
let installed: string[] = [];

beforeAll(() => {
  const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  const [packed] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  files = packed.files;
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  writeFileSync(join(app, 'schema.ts'), "import { pgTable, serial } from 'sluice/pg-core';\nexport const users = pgTable('users', { id: serial('id').primaryKey() });\n");
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)], app);
  // What `npm install sluice` alone brought in, before the peers below are linked in by hand.
  installed = [...optionalPeers, ...typePackages].filter((name) => existsSync(join(app, 'node_modules', name)));
  for (const name of [...optionalPeers, ...typePackages]) {
    const link = join(app, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(realpathSync(join(root, 'node_modules', name)), link, 'dir');
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack', () => {
  it('ships only the build output and docs: ESM in dist, CommonJS in dist/cjs, node10 type stubs in dist/node10', () => {
    expect(files.every((f) => /^(dist\/|README\.md$|package\.json$|LICENSE)/.test(f.path))).toBe(true);
    for (const path of ['dist/drivers/pglite/index.js', 'dist/drivers/pglite/index.d.ts', 'dist/cjs/drivers/pglite/index.js', 'dist/cjs/drivers/pglite/index.d.ts', 'dist/cjs/package.json', 'dist/node10/pglite.d.ts']) {
      expect(files.map((f) => f.path)).toContain(path);
    }
  });

  it('installs no driver or integration the app did not ask for (they are optional peers)', () => {
    expect(optionalPeers).toContain('pg');
    expect(installed).toEqual([]);
    // The packed package.json says so too: every peer is optional.
    const packed = JSON.parse(readFileSync(join(app, 'node_modules/sluice/package.json'), 'utf8')) as { peerDependenciesMeta: Record<string, { optional?: boolean }> };
    expect(optionalPeers.filter((name) => packed.peerDependenciesMeta[name]?.optional !== true)).toEqual([]);
  });

  it('an ES module app imports every entry point, runs a query through PGlite and loads a schema with the kit', () => {
    writeFileSync(
      join(app, 'main.mjs'),
      `const entryPoints = ${JSON.stringify(entryPoints)};
const loaded = {};
for (const name of entryPoints) loaded[name] = Object.keys(await import(name)).length;
import { eq, sql } from 'sluice';
import { pgTable, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
import { Table } from 'sluice';
import { loadSchemaExports } from 'sluice/kit';
${query}
const schema = (await loadSchemaExports({ schema: ['./schema.ts'], cwd: import.meta.dirname })).map((t) => t instanceof Table);
console.log(JSON.stringify({ loaded, rows, schema, file: import.meta.resolve('sluice/pglite') }));
`,
    );
    const result = JSON.parse(node('main.mjs').trim()) as { loaded: Record<string, number>; rows: unknown[]; schema: boolean[]; file: string };
    expect(Object.keys(result.loaded)).toEqual(entryPoints);
    expect(Object.entries(result.loaded).filter(([, count]) => count === 0)).toEqual([]);
    expect(result.rows).toEqual([{ id: 2, name: 'Linus' }]);
    // The kit loads the project's schema with the copy of sluice it runs in, so its tables are this copy's.
    expect(result.schema).toEqual([true]);
    expect(result.file).toMatch(/\/node_modules\/sluice\/dist\/drivers\/pglite\/index\.js$/);
  }, 120_000);

  it('the sluice binary (an ES module) runs from the install and reads the version of the installed package', () => {
    const version = execFileSync(join(app, 'node_modules/.bin/sluice'), ['--version'], { cwd: app, encoding: 'utf8' });
    expect(version.trim()).toContain(pkg.version);
  }, 60_000);

  it('a CommonJS app requires every entry point, runs a query through PGlite and loads a schema with the kit', () => {
    writeFileSync(
      join(app, 'main.cjs'),
      `const entryPoints = ${JSON.stringify(entryPoints)};
const loaded = {};
for (const name of entryPoints) loaded[name] = Object.keys(require(name)).length;
const { eq, sql } = require('sluice');
const { pgTable, serial, text } = require('sluice/pg-core');
const { drizzle } = require('sluice/pglite');
const { Table } = require('sluice');
const { loadSchemaExports } = require('sluice/kit');
(async () => {
  ${query}
  const schema = (await loadSchemaExports({ schema: ['./schema.ts'], cwd: __dirname })).map((t) => t instanceof Table);
  console.log(JSON.stringify({ loaded, rows, schema, file: require.resolve('sluice/pglite') }));
})();
`,
    );
    const result = JSON.parse(node('main.cjs').trim()) as { loaded: Record<string, number>; rows: unknown[]; schema: boolean[]; file: string };
    expect(Object.keys(result.loaded)).toEqual(entryPoints);
    expect(Object.entries(result.loaded).filter(([, count]) => count === 0)).toEqual([]);
    expect(result.rows).toEqual([{ id: 2, name: 'Linus' }]);
    // The kit loads the project's schema with the copy of sluice it runs in, so its tables are this copy's.
    expect(result.schema).toEqual([true]);
    expect(result.file).toMatch(/\/node_modules\/sluice\/dist\/cjs\/drivers\/pglite\/index\.js$/);
  }, 120_000);

  // The dual package hazard: `import` and `require` load two copies with two sets of classes.
  // is() sees through it; a database of one copy refuses a table of the other with an error that says so.
  it('is() recognises a column of the CommonJS copy as the ES module Column; a database refuses a table of the other copy, saying why', () => {
    writeFileSync(
      join(app, 'mixed.mjs'),
      `import { createRequire } from 'node:module';
import { Column, is } from 'sluice';
import { drizzle } from 'sluice/pglite';
const require = createRequire(import.meta.url);
const { pgTable, serial } = require('sluice/pg-core');
const users = pgTable('users', { id: serial('id').primaryKey() });
let insert;
try {
  drizzle().insert(users);
} catch (error) {
  insert = error.message;
}
console.log(JSON.stringify({ is: is(users.id, Column), instanceOf: users.id instanceof Column, insert }));
`,
    );
    expect(JSON.parse(node('mixed.mjs').trim())).toEqual({
      is: true,
      instanceOf: false,
      insert: 'db.insert() takes a table of the same copy of sluice as the database; this one comes from another copy (sluice loaded both with require() and with import, or installed twice): load sluice one way',
    });
  }, 60_000);

  it('a TypeScript consumer (module nodenext) type-checks against the installed types from an .mts and a .cts file', () => {
    const imports = entryPoints.map((name, i) => `import * as entry${i} from '${name}';`).join('\n');
    const used = `export const entryPoints = [${entryPoints.map((_, i) => `entry${i}`).join(', ')}];`;
    const typed = `const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
export async function linus(db: PgliteDatabase) {
  const rows: { id: number; name: string }[] = await db.select().from(users).where(eq(users.name, 'Linus'));
  // @ts-expect-error name is text: a number is refused
  db.select().from(users).where(eq(users.name, 1));
  return rows;
}`;
    const body = `${imports}
import { eq } from 'sluice';
import { pgTable, serial, text } from 'sluice/pg-core';
import type { PgliteDatabase } from 'sluice/pglite';
${used}
${typed}
`;
    writeFileSync(join(app, 'check.mts'), body);
    writeFileSync(join(app, 'check.cts'), body);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['check.mts', 'check.cts'] }),
    );
    // --traceResolution shows which .d.ts each file got: the .mts the import types, the .cts the require types.
    let trace: string;
    try {
      trace = execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--traceResolution'], { cwd: app, encoding: 'utf8', maxBuffer: 256 << 20 });
    } catch (error) {
      trace = String((error as { stdout?: string }).stdout);
    }
    // skipLibCheck is off so sluice's own .d.ts files are checked in full; PGlite's declarations
    // need @types/emscripten, which neither PGlite nor this repository installs, so its errors are not ours.
    const errors = trace.split('\n').filter((line) => /error TS/.test(line) && !line.includes('/@electric-sql/pglite/'));
    expect(errors).toEqual([]);
    expect(trace).toMatch(/Module name 'sluice\/pglite' was successfully resolved to '[^']*\/node_modules\/sluice\/dist\/drivers\/pglite\/index\.d\.ts'/);
    expect(trace).toMatch(/Module name 'sluice\/pglite' was successfully resolved to '[^']*\/node_modules\/sluice\/dist\/cjs\/drivers\/pglite\/index\.d\.ts'/);
  }, 180_000);
});
