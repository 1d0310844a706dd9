import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the installed package lives, for the ES module build and for the TypeScript source (tests).
 * The CommonJS build compiles package-root.cjs.ts in its place: `import.meta` is a syntax error in
 * CommonJS, and `__dirname` does not exist in an ES module.
 */

// src/kit or dist/kit: the package root is two levels up either way.
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Which copy of sluice the kit runs in; project files it loads must see the same copy (`exports` condition to follow). */
export const moduleFormat: 'source' | 'esm' | 'cjs' = import.meta.url.endsWith('.ts') ? 'source' : 'esm';
