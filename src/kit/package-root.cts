/**
 * CommonJS twin of package-root.ts, picked for `require` by package.json "imports" (`#package-root`).
 * Both builds compile it; the one in dist/kit (two levels below the package root, like
 * package-root.ts) is the one that runs.
 */
import path = require('node:path');

// A namespace rather than an object literal, so that `import { packageRoot } from '#package-root'`
// type-checks against this file in the CommonJS build as it does against package-root.ts.
namespace packageRootModule {
  export const packageRoot = path.resolve(__dirname, '..', '..');
  export const moduleFormat: 'source' | 'esm' | 'cjs' = 'cjs';
}

export = packageRootModule;
