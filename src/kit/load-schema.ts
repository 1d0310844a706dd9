import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { createModuleLoader } from './config-loader.js';
import { SchemaLoadError } from './config-errors.js';
import type { ResolvedConfig } from './config-validate.js';
import type { SchemaModel } from './model.js';
import { kitDialect } from './registry.js';

const sourceFiles = '**/*.{ts,mts,cts,js,mjs,cjs}';
const drizzleKind = Symbol.for('drizzle:entityKind');

/**
 * The schema files a config names, absolute and sorted: files as given, folders searched
 * recursively for .ts/.js files (declaration files and node_modules skipped), globs expanded;
 * `!pattern` entries exclude.
 */
export async function resolveSchemaFiles(schema: readonly string[], cwd: string): Promise<string[]> {
  const patterns: string[] = [];
  const ignore: string[] = [];
  const files = new Set<string>();
  for (const entry of schema) {
    if (entry.startsWith('!')) ignore.push(entry.slice(1));
    else if (isDynamicPattern(entry)) patterns.push(entry);
    else if (!existsSync(entry)) throw new SchemaLoadError(`schema path not found: ${relative(cwd, entry) || entry}`);
    else if (statSync(entry).isDirectory()) patterns.push(`${entry}/${sourceFiles}`);
    else files.add(entry);
  }
  if (patterns.length > 0) {
    const found = await glob(patterns, { absolute: true, ignore });
    for (const file of found) if (!/\.d\.[cm]?ts$/.test(file) && !file.includes('/node_modules/')) files.add(file);
  }
  const result = [...files].sort();
  if (result.length === 0) throw new SchemaLoadError(`no schema files match ${schema.map((s) => relative(cwd, s) || s).join(', ')}`);
  return result;
}

/**
 * Every value the schema files export, each once (a table re-exported from an index file counts
 * once). Tables built with drizzle-orm (when the project still has it installed) are refused with
 * the fix, since the kit reads sluice's objects.
 */
export async function loadSchemaExports(config: Pick<ResolvedConfig, 'schema' | 'cwd'>): Promise<unknown[]> {
  const files = await resolveSchemaFiles(config.schema, config.cwd);
  const loader = createModuleLoader(config.cwd);
  const seen = new Set<unknown>();
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = await loader.load(file);
    } catch (error) {
      throw new SchemaLoadError(`schema ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    for (const [name, value] of Object.entries(mod)) {
      const kind = drizzleEntityKind(value);
      if (kind !== undefined) {
        throw new SchemaLoadError(
          `${relative(config.cwd, file)}: export \`${name}\` is a drizzle-orm ${kind}, built by the installed drizzle-orm package. ` +
            "sluice reads schemas written with sluice: change the file's imports from 'drizzle-orm/...' to 'sluice/...' (for example 'drizzle-orm/pg-core' -> 'sluice/pg-core'), or uninstall drizzle-orm so they resolve to sluice.",
        );
      }
      seen.add(value);
    }
  }
  return [...seen];
}

function drizzleEntityKind(value: unknown): string | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    const ctor = (proto as { constructor?: unknown }).constructor as Record<symbol, unknown> | undefined;
    if (ctor !== undefined && Object.hasOwn(ctor, drizzleKind)) return String(ctor[drizzleKind]);
  }
  return undefined;
}

/**
 * The model of the config's schema: its files loaded, serialized by the dialect, and narrowed by
 * `tablesFilter`/`schemaFilter`.
 *
 * @example
 * const model = await loadSchemaModel(await loadConfig());
 */
export async function loadSchemaModel(config: Pick<ResolvedConfig, 'schema' | 'cwd' | 'dialect' | 'casing' | 'tablesFilter' | 'schemaFilter'>): Promise<SchemaModel> {
  const exports = await loadSchemaExports(config);
  const model = kitDialect(config.dialect).serialize(exports, { casing: config.casing });
  return filterModel(model, config);
}

/** Keeps the tables and views whose names pass `tablesFilter` and the objects whose schema passes `schemaFilter`. */
export function filterModel(model: SchemaModel, filters: { tablesFilter?: readonly string[] | undefined; schemaFilter?: readonly string[] | undefined }): SchemaModel {
  const tableOk = globFilter(filters.tablesFilter);
  const schemaOk = globFilter(filters.schemaFilter);
  const inSchema = (o: { schema: string | undefined }) => schemaOk(o.schema ?? 'public');
  return {
    ...model,
    schemas: model.schemas.filter((s) => schemaOk(s)),
    enums: model.enums.filter(inSchema),
    sequences: model.sequences.filter(inSchema),
    tables: model.tables.filter((t) => inSchema(t) && tableOk(t.name)),
    views: model.views.filter((v) => inSchema(v) && tableOk(v.name)),
  };
}

/** A name test from globs (`*`, `?`); names matching a `!glob` are out; with only negations, everything else is in. */
export function globFilter(globs: readonly string[] | undefined): (name: string) => boolean {
  if (globs === undefined || globs.length === 0) return () => true;
  const include = globs.filter((g) => !g.startsWith('!')).map(globToRegExp);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(g.slice(1)));
  return (name) => (include.length === 0 || include.some((r) => r.test(name))) && !exclude.some((r) => r.test(name));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) source += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${source}$`);
}
