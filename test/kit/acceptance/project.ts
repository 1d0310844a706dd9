/**
 * A throwaway project with sluice installed from its packed tarball, as a user installs it: the
 * acceptance tests run the real `sluice` binary in it, in a child process without a terminal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

export interface Installed {
  /** The folder whose node_modules holds the packed sluice. */
  dir: string;
  remove(): void;
}

/**
 * Packs the repository (its `dist` must be built: `npm test` builds first) and installs the
 * tarball. Peer drivers are linked from the repository's node_modules rather than installed, so
 * better-sqlite3 is not compiled a second time.
 */
export function installPacked(): Installed {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kit-'));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root)) as [{ filename: string }];
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kit-app', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, filename)], dir);
  for (const peer of ['pg', 'postgres', '@electric-sql/pglite', 'better-sqlite3', '@libsql/client', 'mysql2']) {
    const target = join(dir, 'node_modules', peer);
    if (existsSync(target)) continue;
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', peer), target, 'dir');
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Project {
  dir: string;
  /** Runs `sluice <args>` in the project; never throws. */
  sluice(...args: string[]): { code: number | null; stdout: string; stderr: string };
  /** Runs a script file of the project with plain node. */
  node(file: string): string;
  write(file: string, text: string): void;
  /** Migration folders under `drizzle/`, in name order. */
  migrations(): string[];
  read(file: string): string;
}

/** A project folder inside the installed folder, so `sluice` and the drivers resolve. */
export function createProject(installed: Installed, name: string, config: string): Project {
  const dir = join(installed.dir, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const bin = join(installed.dir, 'node_modules', '.bin', 'sluice');
  const project: Project = {
    dir,
    sluice: (...args) => {
      const r = spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    node: (file) => execFileSync('node', [file], { cwd: dir, encoding: 'utf8' }),
    write: (file, text) => writeFileSync(join(dir, file), text),
    migrations: () =>
      existsSync(join(dir, 'drizzle'))
        ? readdirSync(join(dir, 'drizzle'))
            .filter((f) => /^\d{14}_/.test(f))
            .sort()
        : [],
    read: (file) => readFileSync(join(dir, file), 'utf8'),
  };
  project.write('sluice.config.ts', config);
  return project;
}
