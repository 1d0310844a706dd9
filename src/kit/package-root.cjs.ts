import { resolve } from 'node:path';

/**
 * CommonJS twin of package-root.ts, where `import.meta` is a syntax error and `__dirname` exists.
 * The CommonJS build (tsconfig.build.cjs.json) resolves `./package-root.js` to this file through
 * `moduleSuffixes`, and scripts/finish-build.mjs renames its output to dist/cjs/kit/package-root.js.
 */

// Only ever runs from dist/cjs/kit: the package root is three levels up.
export const packageRoot = resolve(__dirname, '..', '..', '..');

export const moduleFormat: 'source' | 'esm' | 'cjs' = 'cjs';
