import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository's node_modules, for projects that must see an installed package. */
export const repoNodeModules = resolve(import.meta.dirname, '..', '..', '..', 'node_modules');

/** A throwaway project directory outside the repository (so no package resolves from it unless linked). */
export interface TempProject {
  dir: string;
  /** Writes a file (creating folders); returns its absolute path. */
  write(path: string, text: string): string;
  /** Links `node_modules/<name>` to the repository's installed package. */
  link(name: string): void;
  path(...parts: string[]): string;
  remove(): void;
}

export function tempProject(prefix = 'sluice-kit-'): TempProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(path, text) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    link(name) {
      const target = join(dir, 'node_modules', name);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(repoNodeModules, name), target, 'dir');
    },
    path: (...parts) => join(dir, ...parts),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
