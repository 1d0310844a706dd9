/**
 * The packed tarball must install into an empty folder and work under plain `node` (no loader,
 * no TypeScript): the exports map, the emitted JavaScript and the .d.ts files are what users get.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sluice-pack-'));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm pack', () => {
  it('installs into an empty folder and runs under plain node', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
    const [{ filename, files }] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
    // Only the build output and docs ship; no sources, tests or benchmarks.
    expect(files.every((f) => /^(dist\/|README\.md$|package\.json$|LICENSE)/.test(f.path))).toBe(true);
    expect(files.some((f) => f.path === 'dist/drivers/pglite/index.d.ts')).toBe(true);

    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, filename), `@electric-sql/pglite@${pkg.devDependencies['@electric-sql/pglite']}`], app);
    writeFileSync(
      join(app, 'main.mjs'),
      `import { eq, sql } from 'sluice';
import { pgTable, serial, text } from 'sluice/pg-core';
import { drizzle } from 'sluice/pglite';
const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
const db = drizzle();
await db.execute(sql\`create table users (id serial primary key, name text not null)\`);
await db.insert(users).values([{ name: 'Ada' }, { name: 'Linus' }]);
const rows = await db.select().from(users).where(eq(users.name, 'Linus'));
console.log(JSON.stringify(rows));
`,
    );
    const result = execFileSync('node', ['main.mjs'], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(result.trim())).toEqual([{ id: 2, name: 'Linus' }]);
  }, 120_000);
});
