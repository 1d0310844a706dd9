import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { ConfigError } from './config-errors.js';

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

// src/kit or dist/kit: the package root is two levels up either way.
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = resolve(here, '..', '..');
const fromSource = import.meta.url.endsWith('.ts');

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
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { exports?: Record<string, Record<string, string> | string> };
  const alias: Record<string, string> = {};
  const drizzleOrmInstalled = hasPackage(cwd, 'drizzle-orm');
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (subpath === './package.json' || typeof target === 'string') continue;
    const file = fromSource ? target['sluice-src'] : target.import;
    if (file === undefined) continue;
    const suffix = subpath === '.' ? '' : subpath.slice(1);
    alias[`sluice${suffix}`] = join(packageRoot, file);
    if (!drizzleOrmInstalled) alias[`drizzle-orm${suffix}`] = join(packageRoot, file);
  }
  const kit = alias['sluice/kit'];
  if (kit !== undefined && !hasPackage(cwd, 'drizzle-kit')) alias['drizzle-kit'] = kit;
  return alias;
}

function hasPackage(cwd: string, name: string): boolean {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** tsconfig `compilerOptions.paths` of the nearest tsconfig.json, as jiti aliases (`@app/*` -> `<dir>/src/*`). */
export function tsconfigAliases(cwd: string): Record<string, string> {
  const file = nearest(cwd, 'tsconfig.json');
  if (file === undefined) return {};
  const options = compilerOptions(file, 0);
  if (options.paths === undefined) return {};
  const base = options.baseUrl ?? options.pathsBase ?? dirname(file);
  const alias: Record<string, string> = {};
  for (const [pattern, targets] of Object.entries(options.paths)) {
    const target = targets[0];
    if (target === undefined) continue;
    if (pattern.endsWith('/*') && target.endsWith('/*')) alias[pattern.slice(0, -2)] = resolve(base, target.slice(0, -2));
    else if (!pattern.includes('*')) alias[pattern] = resolve(base, target);
  }
  return alias;
}

interface CompilerPaths {
  paths?: Record<string, string[]>;
  baseUrl?: string;
  /** The directory of the tsconfig that declared `paths` (their base when there is no baseUrl). */
  pathsBase?: string;
}

function compilerOptions(file: string, depth: number): CompilerPaths {
  if (depth > 10) throw new ConfigError(`${file}: tsconfig "extends" chain is too deep`);
  let json: { extends?: string | string[]; compilerOptions?: { paths?: Record<string, string[]>; baseUrl?: string } };
  try {
    json = JSON.parse(stripJsonComments(readFileSync(file, 'utf8'))) as typeof json;
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let inherited: CompilerPaths = {};
  for (const parent of [json.extends ?? []].flat()) {
    // Only relative parents: a package's tsconfig (`@tsconfig/node20`) never declares paths.
    if (!parent.startsWith('.') && !isAbsolute(parent)) continue;
    let path = resolve(dirname(file), parent);
    if (!existsSync(path) && existsSync(`${path}.json`)) path = `${path}.json`;
    if (existsSync(path) && statSync(path).isFile()) inherited = { ...inherited, ...compilerOptions(path, depth + 1) };
  }
  const own = json.compilerOptions ?? {};
  const result: CompilerPaths = { ...inherited };
  if (own.baseUrl !== undefined) result.baseUrl = resolve(dirname(file), own.baseUrl);
  if (own.paths !== undefined) {
    result.paths = own.paths;
    result.pathsBase = dirname(file);
  }
  return result;
}

/** tsconfig files are JSONC: comments and trailing commas, outside strings. */
function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i === -1) break;
      i++;
    } else out += ch;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function nearest(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}
