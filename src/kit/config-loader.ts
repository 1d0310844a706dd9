import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { createPathsMatcher, getTsconfig } from 'get-tsconfig';
import { createJiti } from 'jiti';
import { ConfigError } from './config-errors.js';
import { moduleFormat, packageRoot } from './package-root.js';

/**
 * Loads the project's TypeScript and JavaScript files (config and schema) with jiti: it compiles
 * TypeScript in process, follows ESM `.js` specifiers to `.ts` files, and takes aliases, which is
 * how `drizzle-kit`/`drizzle-orm` imports resolve to sluice in a moved project and how tsconfig
 * `paths` work (jiti does not read tsconfig itself). tsx's `tsImport` honours `paths` natively but
 * has no alias hook, so a `drizzle.config.ts` importing an uninstalled `drizzle-kit` would fail.
 */
export interface ModuleLoader {
  /** The module's exports; a syntax or evaluation error names the file (and line, when known). */
  load(file: string): Promise<Record<string, unknown>>;
}

// Project files a loader evaluated: the next loader evaluates them afresh (a watch loop or a test
// edits them between commands), while within one load a module shared by two schema files stays
// one module, so its tables keep one identity.
const projectModules = new Set<string>();

/** Creates a loader for files of the project in `cwd`; files it loads are read fresh (not from an earlier loader's cache). */
export function createModuleLoader(cwd: string): ModuleLoader {
  const alias = { ...tsconfigAliases(cwd), ...ownAliases(cwd) };
  const jiti = createJiti(join(cwd, '__sluice_loader__.js'), { alias, interopDefault: false });
  for (const key of projectModules) delete jiti.cache[key];
  projectModules.clear();
  return {
    async load(file) {
      const before = new Set(Object.keys(jiti.cache));
      try {
        return (await jiti.import(file)) as Record<string, unknown>;
      } catch (error) {
        throw new ConfigError(`cannot load ${file}: ${loadErrorMessage(error)}`, { cause: error });
      } finally {
        for (const key of Object.keys(jiti.cache)) {
          if (!before.has(key) && !key.includes(`${sep}node_modules${sep}`) && !key.startsWith(packageRoot + sep)) projectModules.add(key);
        }
      }
    },
  };
}

function loadErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // jiti's parse errors read "ParseError: <reason> \n <file>:<line>:<column>"; keep it on one line.
  return error.message.replace(/\s*\n\s*/g, ' at ').trim();
}

/** `sluice`, `sluice/*` and (when the project does not have them) `drizzle-orm`, `drizzle-kit` -> this package. */
function ownAliases(cwd: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { exports?: Record<string, ExportTarget> };
  const alias: Record<string, string> = {};
  const drizzleOrmInstalled = hasPackage(cwd, 'drizzle-orm');
  // The project's schema must get the copy of sluice the kit itself runs in (source, ESM or
  // CommonJS build): two copies would mean two sets of classes.
  const condition = moduleFormat === 'source' ? 'sluice-src' : moduleFormat === 'esm' ? 'import' : 'require';
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (subpath === './package.json') continue;
    const file = exportFile(target, condition);
    if (file === undefined) continue;
    const suffix = subpath === '.' ? '' : subpath.slice(1);
    alias[`sluice${suffix}`] = join(packageRoot, file);
    if (!drizzleOrmInstalled) alias[`drizzle-orm${suffix}`] = join(packageRoot, file);
  }
  const kit = alias['sluice/kit'];
  if (kit !== undefined && !hasPackage(cwd, 'drizzle-kit')) alias['drizzle-kit'] = kit;
  return alias;
}

/** An "exports" target: a path, or conditions mapping to targets (`{ import: { types, default } }`). */
type ExportTarget = string | { [condition: string]: ExportTarget };

/** The file `condition` selects in `target` (its `default` when the condition maps to nested conditions). */
function exportFile(target: ExportTarget | undefined, condition: string): string | undefined {
  if (target === undefined || typeof target === 'string') return undefined;
  const chosen = target[condition];
  if (typeof chosen === 'string' || chosen === undefined) return chosen;
  const nested = chosen.default;
  return typeof nested === 'string' ? nested : undefined;
}

function hasPackage(cwd: string, name: string): boolean {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * tsconfig `compilerOptions.paths` of the nearest tsconfig.json (with its `extends` chain, read by
 * get-tsconfig, the reader tsx uses), as jiti aliases: `@app/*` -> `<dir>/src`.
 */
export function tsconfigAliases(cwd: string): Record<string, string> {
  let found: ReturnType<typeof getTsconfig>;
  try {
    found = getTsconfig(cwd);
  } catch (error) {
    throw new ConfigError(`cannot read the tsconfig.json above ${cwd}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const paths = found?.config.compilerOptions?.paths;
  const match = found ? createPathsMatcher(found) : null;
  if (paths === undefined || match === null) return {};
  const alias: Record<string, string> = {};
  // The matcher resolves a specifier against baseUrl or the declaring file, as TypeScript does;
  // a probe name under each wildcard pattern gives the folder it maps to.
  const probe = '__sluice_probe__';
  for (const pattern of Object.keys(paths)) {
    if (pattern.endsWith('/*')) {
      const target = match(`${pattern.slice(0, -1)}${probe}`)[0];
      if (target?.endsWith(probe)) alias[pattern.slice(0, -2)] = target.slice(0, -probe.length - 1);
    } else if (!pattern.includes('*')) {
      const target = match(pattern)[0];
      if (target !== undefined) alias[pattern] = target;
    }
  }
  return alias;
}
