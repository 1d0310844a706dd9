import type { Change } from './changes.js';
import { qualifiedName, type TableModel, type ViewModel } from './model.js';

/**
 * The change groups, in the order a migration runs them; within a group, changes keep the
 * snapshots' declaration order (dependency order where one is needed). Creations run before
 * what uses them, drops after what used them goes, and every table exists before any foreign
 * key is added.
 */
export const GROUPS = [
  'schemas',
  'roles',
  // Enums and sequences are renamed before values are added to them under their new names.
  'typeRenames',
  'types',
  'renames',
  'dropViews',
  'dropPolicies',
  'dropForeignKeys',
  'dropIndexes',
  'dropUniques',
  'dropChecks',
  'dropPrimaryKeys',
  'createTables',
  'addColumns',
  'alterColumns',
  'dropColumns',
  'addPrimaryKeys',
  'addUniques',
  'addChecks',
  // A foreign key may reference a unique index, so indexes come first.
  'createIndexes',
  'addForeignKeys',
  'rls',
  'policies',
  'dropTables',
  // Converting a column needs the old type free of dropped tables and of views over the column.
  'recreateEnums',
  'createViews',
  'dropEnums',
  'dropSequences',
  'dropRoles',
  'dropSchemas',
] as const;

export type Group = (typeof GROUPS)[number];
export type Emit = (group: Group, change: Change) => void;

/**
 * Structural equality for model data. Producers build objects with different key orders and
 * may leave optional keys out or set them to undefined; both mean the same.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => same(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!same(ra[k], rb[k])) return false;
  return true;
}

/**
 * Orders items so each comes after the ones it depends on, otherwise keeping declaration order.
 * A cycle is broken at its first-declared member, so the result is always complete.
 */
export function dependencyOrder<T>(items: readonly T[], dependsOn: (item: T, other: T) => boolean): T[] {
  return orderBy(items, (item) => items.flatMap((other, j) => (other !== item && dependsOn(item, other) ? [j] : [])));
}

/** The same for tables, following foreign keys without testing every pair. */
export function tableOrder(tables: readonly TableModel[]): TableModel[] {
  const index = new Map(tables.map((t, i) => [qualifiedName(t), i] as const));
  return orderBy(tables, (t, i) =>
    t.foreignKeys.flatMap((fk) => {
      const j = index.get(qualifiedName({ schema: fk.schemaTo, name: fk.tableTo }));
      return j === undefined || j === i ? [] : [j];
    }),
  );
}

/** Drop order for tables: a table referencing another is dropped first. */
export function tableDropOrder(tables: readonly TableModel[]): TableModel[] {
  const waitsFor = tables.map(() => [] as number[]);
  const index = new Map(tables.map((t, i) => [qualifiedName(t), i] as const));
  tables.forEach((t, i) => {
    for (const fk of t.foreignKeys) {
      const j = index.get(qualifiedName({ schema: fk.schemaTo, name: fk.tableTo }));
      if (j !== undefined && j !== i) waitsFor[j]!.push(i);
    }
  });
  return orderBy(tables, (_t, i) => waitsFor[i]!);
}

function orderBy<T>(items: readonly T[], depsOf: (item: T, index: number) => number[]): T[] {
  const waitsFor = items.map(depsOf);
  const done = new Array<boolean>(items.length).fill(false);
  const out: T[] = [];
  while (out.length < items.length) {
    let next = waitsFor.findIndex((deps, i) => !done[i] && deps.every((j) => done[j]));
    if (next < 0) next = done.indexOf(false);
    done[next] = true;
    out.push(items[next]!);
  }
  return out;
}

/**
 * Whether a view's query text names something: the name as a whole word, quoted or not. A
 * heuristic (the definition is SQL text), good enough to order views and to find the views a
 * column change would break; a false match only costs an extra drop and create.
 */
export function mentions(view: ViewModel, name: string): boolean {
  if (view.definition === undefined) return false;
  if (/^[\w$]+$/.test(name)) return wordsOf(view, view.definition).has(name.toLowerCase());
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])${escaped}($|[^\\w$])`, 'i').test(view.definition);
}

// Each definition is split into words once: a diff asks about every view and table pair.
const words = new WeakMap<ViewModel, { definition: string; words: Set<string> }>();
function wordsOf(view: ViewModel, definition: string): Set<string> {
  let cached = words.get(view);
  if (cached?.definition !== definition) {
    cached = { definition, words: new Set(definition.toLowerCase().split(/[^\w$]+/)) };
    words.set(view, cached);
  }
  return cached.words;
}

/** Whether view `a` reads view `b`. */
export function viewUses(a: ViewModel, b: ViewModel): boolean {
  return a !== b && mentions(a, b.name);
}
