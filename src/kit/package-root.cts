/**
 * CommonJS twin of package-root.ts, picked for `require` by the "imports" of dist/cjs/package.json
 * (written by scripts/finish-build.mjs from the package's own "imports").
 */
import fs = require('node:fs');
import path = require('node:path');

// A namespace rather than an object literal, so that `import { packageRoot } from '#package-root'`
// type-checks against this file in the CommonJS build as it does against package-root.ts.
namespace packageRootModule {
  /** The first folder above dist/cjs/kit with a named package.json (dist/cjs/package.json only marks the folder CommonJS). */
  export const packageRoot = findPackageRoot(path.resolve(__dirname, '..'));
  export const moduleFormat: 'source' | 'esm' | 'cjs' = 'cjs';
}

function findPackageRoot(dir: string): string {
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && typeof (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'string') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`sluice: no package.json above ${__dirname}`);
    dir = parent;
  }
}

export = packageRootModule;
