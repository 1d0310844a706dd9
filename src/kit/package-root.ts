import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the installed package lives, for the ES module build and for the TypeScript source (tests).
 * The kit imports this as `#package-root`: package.json "imports" picks this file for `import`
 * and its CommonJS twin, package-root.cts, for `require`, because `import.meta` is a syntax error
 * in CommonJS and `__dirname` does not exist in an ES module.
 */

// src/kit or dist/kit: the package root is two levels up either way.
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Which copy of sluice the kit runs in; project files it loads must see the same copy (`exports` condition to follow). */
export const moduleFormat: 'source' | 'esm' | 'cjs' = import.meta.url.endsWith('.ts') ? 'source' : 'esm';
