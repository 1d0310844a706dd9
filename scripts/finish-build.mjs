/**
 * Last step of `npm run build`, after the two tsc runs (dist: ES modules, dist/cjs: CommonJS):
 * - marks dist/cjs as CommonJS (the package itself is "type": "module") and gives CommonJS twins
 *   (x.cjs.ts, compiled in place of x.ts) the name x.js;
 * - writes dist/node10/<entry>.d.ts for every subpath export, so TypeScript with the old `node10`
 *   resolution (which ignores "exports") finds the types through package.json "typesVersions";
 * - checks that every "exports" entry has the dual shape and that its files were emitted, naming
 *   the entry that does not.
 * Everything is derived from "exports", so a new entry point is one entry there and nothing else.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

writeFileSync(join(root, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// A CommonJS twin x.cjs.ts was compiled in place of x.ts (tsconfig.build.cjs.json moduleSuffixes):
// its output takes the name the other modules require, x.js.
for (const file of readdirSync(join(root, 'dist/cjs'), { recursive: true })) {
  const twin = /^(.*)\.cjs(\.js|\.d\.ts)$/.exec(file);
  if (twin) renameSync(join(root, 'dist/cjs', file), join(root, 'dist/cjs', `${twin[1]}${twin[2]}`));
}

const problems = [];
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (subpath === './package.json') continue;
  const files = [target.import?.types, target.import?.default, target.require?.types, target.require?.default];
  if (typeof target['sluice-src'] !== 'string' || files.some((f) => typeof f !== 'string')) {
    problems.push(`"${subpath}" must read { "sluice-src": "./src/….ts", "import": { "types": "./dist/….d.ts", "default": "./dist/….js" }, "require": { "types": "./dist/cjs/….d.ts", "default": "./dist/cjs/….js" } }`);
    continue;
  }
  for (const file of files) if (!existsSync(join(root, file))) problems.push(`"${subpath}": ${file} was not emitted`);
  if (subpath === '.') continue; // node10 reads "types" for the root
  const stub = join(root, 'dist/node10', `${subpath.slice(2)}.d.ts`);
  mkdirSync(dirname(stub), { recursive: true });
  const to = relative(dirname(stub), join(root, target.require.types))
    .split('\\')
    .join(posix.sep)
    .replace(/\.d\.ts$/, '.js');
  writeFileSync(stub, `export * from '${to.startsWith('.') ? to : `./${to}`}';\n`);
}
if (problems.length > 0) {
  console.error(`package.json "exports":\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
