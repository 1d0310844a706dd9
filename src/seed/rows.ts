import { SeedError } from '../core/errors.js';
import type { Link, TablePlan } from './plan.js';
import { Permutation } from './random.js';

/** Retries of a row whose composite unique key repeats an earlier row's, before giving up. */
const UNIQUE_RETRIES = 50;

/**
 * The rows of one table: generated columns first, then foreign keys from the parents' key values
 * (`parents[k]` for `plan.links[k]`; undefined for a self reference, which picks an earlier row of
 * its own). Composite unique keys (a junction table's pair) are redrawn until they are new.
 */
export function buildRows(plan: TablePlan, parents: (unknown[][] | undefined)[]): Record<string, unknown>[] {
  const { count, generators, nulls, links, table } = plan;
  const rows: Record<string, unknown>[] = new Array(count);
  const pickers = links.map((link, k) => picker(plan, link, parents[k], rows));
  const sets = table.uniqueSets.map((set) => ({ set, seen: new Set<string>() }));
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    // Nulls first: a column refine() gives a generator keeps the generator's values.
    for (const key of nulls) row[key] = null;
    for (const [key, generator] of generators) row[key] = generator.next(i);
    for (const pick of pickers) pick(row, i);
    rows[i] = row;
    for (const { set, seen } of sets) {
      let id = tupleId(row, set);
      for (let attempt = 0; seen.has(id); attempt++) {
        if (attempt >= UNIQUE_RETRIES) throw new SeedError(`${table.name}: cannot make ${count} rows with distinct (${set.join(', ')}); lower the count or give the parents more rows`);
        for (const [key, generator] of generators) if (set.includes(key)) row[key] = generator.next(i);
        pickers.forEach((pick, k) => {
          if (links[k]!.fk.columns.some((c) => set.includes(c))) pick(row, i, true);
        });
        id = tupleId(row, set);
      }
      seen.add(id);
    }
  }
  return rows;
}

function tupleId(row: Record<string, unknown>, set: string[]): string {
  let id = '';
  for (const key of set) {
    const v = row[key];
    id += `${v instanceof Date ? v.getTime() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\u0000`;
  }
  return id;
}

type Pick = (row: Record<string, unknown>, i: number, again?: boolean) => void;

/** Sets one foreign key's columns of a row from a parent row chosen as the link says. */
function picker(plan: TablePlan, link: Link, parentKeys: unknown[][] | undefined, rows: Record<string, unknown>[]): Pick {
  const { fk, random } = link;
  const columns = fk.columns;
  const where = `${plan.table.name}.${columns.join(', ')}`;
  const assign = (row: Record<string, unknown>, tuple: readonly unknown[] | undefined) => {
    for (let c = 0; c < columns.length; c++) row[columns[c]!] = tuple === undefined ? null : tuple[c];
  };
  if (fk.self) {
    const own = fk.parentColumns;
    const known = own.every((c) => plan.generators.some(([key]) => key === c));
    if (!known) {
      // Set after the insert, once the database has assigned the keys (seed.ts, pointAtEarlierRows).
      if (!fk.nullable) throw new SeedError(`${where} references its own table's ${own.join(', ')}, which the database assigns; make the reference nullable or give the key a generator in refine()`);
      return (row) => assign(row, undefined);
    }
    // An earlier row of the same table, or null now and then (and for the first row) where allowed.
    return (row, i) => {
      if ((i === 0 || random.next() < 0.2) && fk.nullable) return assign(row, undefined);
      const source = i === 0 ? row : rows[random.int(0, i - 1)]!;
      assign(
        row,
        own.map((c) => source[c]),
      );
    };
  }
  const keys = parentKeys ?? [];
  if (keys.length === 0) {
    if (!fk.nullable && plan.count > 0) throw new SeedError(`${where} references ${fk.parent.name}, which has no rows to refer to`);
    return (row) => assign(row, undefined);
  }
  if (link.parentOfRow !== undefined) {
    const parentOfRow = link.parentOfRow;
    return (row, i, again) => {
      if (again) throw new SeedError(`${where}: the "with" children of one ${fk.parent.name} row repeat a unique key; lower the with count`);
      assign(row, keys[parentOfRow[i]!]);
    };
  }
  if (link.distinct) {
    if (plan.count > keys.length) throw new SeedError(`${where} is unique and references ${fk.parent.name}: ${plan.count} rows need as many ${fk.parent.name} rows, there are ${keys.length}`);
    const order = new Permutation(random, 0, keys.length);
    return (row) => assign(row, keys[order.next()!]);
  }
  return (row) => assign(row, keys[random.int(0, keys.length - 1)]);
}
