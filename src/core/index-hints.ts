import { Index } from './constraints.js';
import { SchemaError } from './errors.js';
import { Table, TableMeta } from './table.js';

/** An index named in a hint: the `index('name').on(...)` object of the table's config, or its name. */
export type IndexForHint = Index | string;

/**
 * MySQL index hints for a table in FROM or a join: `use index (...)`, `force index (...)`,
 * `ignore index (...)`. Each takes one index or a list.
 */
export interface IndexConfig {
  useIndex?: IndexForHint | IndexForHint[];
  forceIndex?: IndexForHint | IndexForHint[];
  ignoreIndex?: IndexForHint | IndexForHint[];
}

/** The hints of one table, as index names; lists are empty when not given. */
export interface IndexHints {
  use: string[];
  force: string[];
  ignore: string[];
}

/**
 * The hint argument of `from()` and the joins: index hints on a MySQL base table, nothing
 * anywhere else (other dialects, subqueries, views and SQL have no index hints).
 */
export type IndexHintArg<TDialect extends string, TSource> = TDialect extends 'mysql' ? (TSource extends { _: { dialect: 'mysql' } } ? IndexConfig : never) : never;

function names(value: IndexForHint | IndexForHint[] | undefined, option: string, table: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((idx) => {
    if (typeof idx === 'string' && idx.length > 0) return idx;
    if (idx instanceof Index) {
      if (idx.name) return idx.name;
      throw new SchemaError(`${option} on "${table}": the index has no name; hints need index('name')`);
    }
    throw new SchemaError(`${option} on "${table}": expected index('name') objects or index names, got ${JSON.stringify(idx)}`);
  });
}

/**
 * Checks and normalises the hint argument of `from()` or a join. Returns undefined when no hint
 * is given, so a query without hints carries nothing extra.
 */
export function indexHints(source: unknown, config: IndexConfig | undefined): IndexHints | undefined {
  if (config === undefined || config === null) return undefined;
  const meta = source instanceof Table ? source[TableMeta] : undefined;
  const label = meta ? (meta.alias ?? meta.name) : 'sql';
  if (!meta || meta.isSubquery || meta.isView) throw new SchemaError(`index hints apply to tables only, not to the subquery, view or SQL "${label}"`);
  if (typeof config !== 'object') throw new SchemaError(`index hints on "${label}" take { useIndex, forceIndex, ignoreIndex }`);
  for (const key of Object.keys(config)) {
    if (key !== 'useIndex' && key !== 'forceIndex' && key !== 'ignoreIndex') throw new SchemaError(`index hints on "${label}": unknown option "${key}" (useIndex, forceIndex, ignoreIndex)`);
  }
  const hints = { use: names(config.useIndex, 'useIndex', label), force: names(config.forceIndex, 'forceIndex', label), ignore: names(config.ignoreIndex, 'ignoreIndex', label) };
  return hints.use.length + hints.force.length + hints.ignore.length > 0 ? hints : undefined;
}
