import type { AnyColumn } from '../core/column.js';
import { is } from '../core/entity.js';
import { SeedError } from '../core/errors.js';
import { SQL } from '../core/sql.js';
import { TableMeta } from '../core/table.js';
import { defaultGenerator } from './defaults.js';
import { Generator } from './generator.js';
import { pickWeighted } from './generators-basic.js';
import { columnKind } from './kinds.js';
import { Random } from './random.js';
import type { SeedForeignKey, SeedTable } from './schema.js';
import type { TableRefinement, WithCount } from './types.js';

/** What seed() will do for one table: how many rows, which generator per column, how its foreign keys pick parents. */
export interface TablePlan {
  table: SeedTable;
  count: number;
  /** Generated columns, by key. */
  generators: [key: string, generator: Generator][];
  /** Columns set to null: foreign keys broken out of a cycle. */
  nulls: string[];
  /** Foreign keys filled from the parents' keys. */
  links: Link[];
}

/** How one foreign key's values are chosen. */
export interface Link {
  fk: SeedForeignKey;
  random: Random;
  /** From a parent's `with`: the parent row of each child row, in order. */
  parentOfRow: Int32Array | undefined;
  /** The referencing columns are unique: each parent is used once. */
  distinct: boolean;
}

/**
 * A column the database or sluice fills when the insert leaves it out: serial and identity
 * columns, auto-increment and SQLite rowid keys, generated columns, SQL defaults (`now()`,
 * `gen_random_uuid()`) and `$defaultFn`/`$onUpdateFn`. A plain value default is not among them:
 * the column gets generated values, which look more like real data than one repeated default.
 */
export function leftToDatabase(column: AnyColumn): boolean {
  if (column.generated !== undefined || column.identity !== undefined) return true;
  if (!column.hasDefault) return false;
  if (column.defaultFn !== undefined || column.onUpdateFn !== undefined) return true;
  return column.default === undefined || is(column.default, SQL);
}

/** Checks refine()'s answer against the schema: unknown tables, columns and `with` targets are errors naming them. */
export function checkRefinements(tables: SeedTable[], refinements: Record<string, TableRefinement<Record<string, unknown>, never> | undefined>): void {
  const byKey = new Map(tables.map((t) => [t.key, t]));
  for (const [key, refinement] of Object.entries(refinements)) {
    const table = byKey.get(key);
    if (table === undefined) throw new SeedError(`refine(): "${key}" is not a table of the schema (tables: ${[...byKey.keys()].join(', ')})`);
    if (refinement === undefined) continue;
    const r = refinement as { count?: unknown; columns?: Record<string, unknown>; with?: Record<string, unknown> };
    if (r.count !== undefined && !(Number.isInteger(r.count) && (r.count as number) >= 0)) throw new SeedError(`refine(): ${key}.count must be a non-negative integer`);
    for (const [column, generator] of Object.entries(r.columns ?? {})) {
      if (!table.columns.has(column)) throw new SeedError(`refine(): "${column}" is not a column of ${key} (columns: ${[...table.columns.keys()].join(', ')})`);
      if (generator !== false && generator !== undefined && !(generator instanceof Generator)) throw new SeedError(`refine(): ${key}.columns.${column} must be a generator from f (f.int(), f.email(), ...) or false`);
    }
    for (const child of Object.keys(r.with ?? {})) {
      const target = byKey.get(child);
      if (target === undefined) throw new SeedError(`refine(): ${key}.with names "${child}", which is not a table of the schema`);
      if (!target.foreignKeys.some((fk) => fk.parent === table && !fk.self)) throw new SeedError(`refine(): ${key}.with.${child}: ${child} has no foreign key to ${key}`);
    }
  }
}

/** The plans of every table, in insert order, with row counts settled (a parent's `with` sets its child's count). */
export function planTables(tables: SeedTable[], refinements: Record<string, TableRefinement<Record<string, unknown>, never> | undefined>, defaultCount: number, seed: number): TablePlan[] {
  const plans = new Map<SeedTable, TablePlan>();
  /** Per child table: the parent row of each of its rows, from the parent's `with`. */
  const withParents = new Map<SeedTable, { fk: SeedForeignKey; parentOfRow: Int32Array }>();
  for (const table of tables) {
    const refinement = refinements[table.key] as { count?: number; columns?: Record<string, Generator | false>; with?: Record<string, WithCount> } | undefined;
    const fromParent = withParents.get(table);
    const count = fromParent ? fromParent.parentOfRow.length : (refinement?.count ?? defaultCount);
    const plan: TablePlan = { table, count, generators: [], nulls: [], links: [] };
    const linked = new Set<string>();
    for (const fk of table.foreignKeys) {
      if (fk.broken) {
        for (const c of fk.columns) if (!linked.has(c)) plan.nulls.push(c);
        for (const c of fk.columns) linked.add(c);
        continue;
      }
      if (fk.columns.some((c) => linked.has(c))) continue;
      for (const c of fk.columns) linked.add(c);
      const distinct = fk.columns.length === 1 ? table.uniqueColumns.has(fk.columns[0]!) : table.uniqueSets.some((set) => set.length === fk.columns.length && set.every((c) => fk.columns.includes(c)));
      const parentOfRow = fromParent?.fk === fk ? fromParent.parentOfRow : undefined;
      plan.links.push({ fk, random: Random.for(seed, table.name, 'references', ...fk.columns), parentOfRow, distinct });
    }
    for (const [key, column] of table.columns) {
      const refined = refinement?.columns?.[key];
      if (refined === false) continue;
      if (refined === undefined && (linked.has(key) || leftToDatabase(column))) continue;
      const where = `${table.name}.${column.name}`;
      const kind = columnKind(column, column.table[TableMeta].dialect);
      // A nullable column of a type seed() has no values for (a custom type) is left null.
      if (refined === undefined && kind.type === 'unknown' && !column.notNull) continue;
      const soleIntKey = table.primaryKey.length === 1 && table.primaryKey[0] === key;
      const generator = refined ?? defaultGenerator(table.key, key, column, kind, where, soleIntKey);
      generator.init({ count, random: Random.for(seed, table.name, column.name), kind, unique: table.uniqueColumns.has(key), where });
      plan.generators.push([key, generator]);
      if (refined !== undefined) {
        const i = plan.links.findIndex((l) => l.fk.columns.includes(key));
        if (i >= 0) plan.links.splice(i, 1);
      }
    }
    plans.set(table, plan);
    for (const [childKey, spec] of Object.entries(refinement?.with ?? {})) {
      const child = tables.find((t) => t.key === childKey)!;
      const fk = child.foreignKeys.find((k) => k.parent === table && !k.self)!;
      if (withParents.has(child)) throw new SeedError(`refine(): ${child.key} is the "with" child of two tables; give it one parent`);
      withParents.set(child, { fk, parentOfRow: childrenPerParent(count, spec, Random.for(seed, table.name, 'with', child.name), `${table.key}.with.${childKey}`) });
    }
  }
  // Checked before anything is inserted, so a plan that cannot be filled leaves the tables as they were.
  for (const plan of plans.values()) {
    for (const { fk, distinct, parentOfRow } of plan.links) {
      if (fk.self) continue;
      const parents = plans.get(fk.parent)!.count;
      const where = `${plan.table.name}.${fk.columns.join(', ')}`;
      if (distinct && parentOfRow === undefined && plan.count > parents) throw new SeedError(`${where} is unique and references ${fk.parent.name}: ${plan.count} rows need as many ${fk.parent.name} rows, there are ${parents}`);
      if (parents === 0 && plan.count > 0 && !fk.nullable) throw new SeedError(`${where} references ${fk.parent.name}, which gets no rows`);
    }
  }
  return tables.map((t) => plans.get(t)!);
}

/** The parent row of every child row: parent 0's children first, then parent 1's, ... */
function childrenPerParent(parents: number, spec: WithCount, random: Random, where: string): Int32Array {
  const counts: number[] = [];
  if (typeof spec === 'number') {
    if (!(Number.isInteger(spec) && spec >= 0)) throw new SeedError(`refine(): ${where} must be a non-negative integer or weighted counts`);
    for (let p = 0; p < parents; p++) counts.push(spec);
  } else {
    if (!Array.isArray(spec) || spec.length === 0) throw new SeedError(`refine(): ${where} must be a number or [{ weight, count }]`);
    const total = spec.reduce((s, o) => s + o.weight, 0);
    if (Math.abs(total - 1) > 1e-9) throw new SeedError(`refine(): ${where} weights must add up to 1, got ${total}`);
    for (let p = 0; p < parents; p++) {
      const option = pickWeighted(spec, random.next());
      counts.push(Array.isArray(option.count) ? random.pick(option.count) : option.count);
    }
  }
  const out = new Int32Array(counts.reduce((s, n) => s + n, 0));
  let i = 0;
  for (let p = 0; p < counts.length; p++) {
    out.fill(p, i, i + counts[p]!);
    i += counts[p]!;
  }
  return out;
}
