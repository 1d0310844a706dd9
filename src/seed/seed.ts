import type { AnyColumn } from '../core/column.js';
import { asc, inArray } from '../core/operators.js';
import { sql, type SQL } from '../core/sql.js';
import { SeedError } from '../core/errors.js';
import type { AnyTable } from '../core/table.js';
import { generatorFunctions, type GeneratorFunctions } from './functions.js';
import { checkRefinements, planTables, type Link, type TablePlan } from './plan.js';
import { Permutation, Random } from './random.js';
import { buildRows } from './rows.js';
import { readSchema, type SeedForeignKey, type SeedTable } from './schema.js';
import type { Exact, RefineConfig, SeedOptions } from './types.js';

/** The part of a sluice database seed() and reset() use; every driver's `drizzle()` returns one. */
export interface SeedDatabase {
  insert(table: never): { values(rows: never): PromiseLike<unknown> };
  update(table: never): unknown;
  select(fields: never): { from(table: never): { orderBy(...columns: never[]): PromiseLike<unknown> } };
}

type AnyDb = {
  update(table: AnyTable): { set(values: Record<string, unknown>): { where(condition: SQL): PromiseLike<unknown> } };
  insert(table: AnyTable): { values(rows: Record<string, unknown>[]): PromiseLike<unknown> };
  select(fields: Record<string, AnyColumn>): { from(table: AnyTable): { orderBy(...columns: unknown[]): PromiseLike<Record<string, unknown>[]> } };
};

/**
 * Rows per `insert().values()` call (sluice splits each call under the dialect's parameter limit).
 * Larger statements cost PGlite more per row: 10,000 five-column rows a statement took about twice
 * as long per row as 2,500.
 */
const BATCH_ROWS = 2500;

/**
 * What `seed()` returns: awaiting it fills the tables; `.refine(f => ...)` first sets counts,
 * generators and `with` children per table (Drizzle's `SeedPromise`). Nothing runs until awaited.
 */
export class SeedPromise<TSchema extends Record<string, unknown>> implements PromiseLike<undefined> {
  constructor(
    private readonly db: SeedDatabase,
    private readonly schema: TSchema,
    private readonly options: SeedOptions,
    private readonly refinement?: (f: GeneratorFunctions) => RefineConfig<TSchema>,
  ) {}

  /** Per-table counts, column generators and `with` children; table and column keys are checked against the schema. */
  refine<R extends RefineConfig<TSchema>>(callback: (f: GeneratorFunctions) => R & Exact<R, RefineConfig<TSchema>>): SeedPromise<TSchema> {
    return new SeedPromise(this.db, this.schema, this.options, callback as (f: GeneratorFunctions) => RefineConfig<TSchema>);
  }

  // biome-ignore lint/suspicious/noThenProperty: seed() is awaited like Drizzle's, which is a thenable too.
  then<A = undefined, B = never>(onfulfilled?: ((value: undefined) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return runSeed(this.db as unknown as AnyDb, this.schema, this.options, this.refinement).then(onfulfilled, onrejected);
  }
}

async function runSeed(db: AnyDb, schema: Record<string, unknown>, options: SeedOptions, refinement: ((f: GeneratorFunctions) => unknown) | undefined): Promise<undefined> {
  const count = options.count ?? 10;
  if (!(Number.isInteger(count) && count >= 0)) throw new SeedError(`seed(): count must be a non-negative integer, got ${count}`);
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new SeedError(`seed(): seed must be a number, got ${seed}`);
  const tables = readSchema(schema);
  const refinements = (refinement?.(generatorFunctions) ?? {}) as Parameters<typeof planTables>[1];
  if (refinements === null || typeof refinements !== 'object') throw new SeedError('refine(): the callback must return an object keyed by table');
  checkRefinements(tables, refinements);
  const plans = planTables(tables, refinements, count, seed);
  const keys = new ParentKeys(db);
  for (const plan of plans) {
    const parents = await Promise.all(plan.links.map((link) => (link.fk.self ? undefined : keys.of(link.fk.parent, link.fk.parentColumns))));
    const rows = buildRows(plan, parents);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) await db.insert(plan.table.table).values(rows.length <= BATCH_ROWS ? rows : rows.slice(i, i + BATCH_ROWS));
    keys.inserted(plan, rows);
    for (const link of plan.links) if (link.fk.self && !ParentKeys.generated(plan, link.fk.parentColumns)) await pointAtEarlierRows(db, plan, link, keys);
  }
  for (const plan of plans) for (const fk of plan.table.foreignKeys) if (fk.broken && !fk.self) await fillBrokenKey(db, plan, fk, keys, seed);
  return undefined;
}

/** Rows per update statement of `setAfterInsert` (three parameters each, under SQL Server's 2,098). */
const UPDATE_ROWS = 500;

/**
 * A self reference to keys the database assigned (a serial `id` that `invited_by` refers to) is
 * inserted null and set afterwards: each row but the first points at an earlier row (four in
 * five do).
 */
async function pointAtEarlierRows(db: AnyDb, plan: TablePlan, link: Link, keys: ParentKeys): Promise<void> {
  const { fk, random } = link;
  if (fk.columns.length !== 1 || fk.parentColumns.length !== 1 || plan.count < 2) return;
  const ids = (await keys.of(plan.table, fk.parentColumns)).map((t) => t[0]);
  const pairs: [unknown, unknown][] = [];
  for (let i = 1; i < ids.length; i++) if (random.next() < 0.8) pairs.push([ids[i], ids[random.int(0, i - 1)]]);
  await setAfterInsert(db, plan, fk.parentColumns[0]!, fk.columns[0]!, pairs);
}

/**
 * A nullable foreign key that closed a cycle is inserted null and set once every table is filled:
 * each row takes a random parent (a distinct one where the column is unique). Needs a one-column
 * primary key to address the rows.
 */
async function fillBrokenKey(db: AnyDb, plan: TablePlan, fk: SeedForeignKey, keys: ParentKeys, seed: number): Promise<void> {
  const [pk] = plan.table.primaryKey;
  const column = fk.columns[0]!;
  if (plan.table.primaryKey.length !== 1 || fk.columns.length !== 1 || fk.parentColumns.length !== 1 || !plan.nulls.includes(column) || plan.count === 0) return;
  const ids = (await keys.of(plan.table, [pk!])).map((t) => t[0]);
  const parents = (await keys.of(fk.parent, fk.parentColumns)).map((t) => t[0]);
  if (parents.length === 0) return;
  const random = Random.for(seed, plan.table.name, 'references', column);
  const order = plan.table.uniqueColumns.has(column) ? new Permutation(random, 0, parents.length) : undefined;
  const pairs: [unknown, unknown][] = [];
  for (const id of ids) {
    const k = order ? order.next() : random.int(0, parents.length - 1);
    if (k === undefined) break;
    pairs.push([id, parents[k]]);
  }
  await setAfterInsert(db, plan, pk!, column, pairs);
}

/**
 * Sets `column` of the rows whose `key` is each pair's first value to its second, in updates of
 * `case key when ... then ... else column end`: the `else` gives PostgreSQL the column's type for
 * the untyped parameters.
 */
async function setAfterInsert(db: AnyDb, plan: TablePlan, key: string, column: string, pairs: [unknown, unknown][]): Promise<void> {
  const target = plan.table.columns.get(key)!;
  const ref = plan.table.columns.get(column)!;
  for (let i = 0; i < pairs.length; i += UPDATE_ROWS) {
    const chunk = pairs.slice(i, i + UPDATE_ROWS);
    const cases = sql.join(
      chunk.map(([id, value]) => sql`when ${id} then ${value}`),
      sql` `,
    );
    await db
      .update(plan.table.table)
      .set({ [column]: sql`case ${target} ${cases} else ${ref} end` })
      .where(
        inArray(
          target,
          chunk.map(([id]) => id),
        ),
      );
  }
}

/**
 * The key values of the rows seed() inserted, per table and referenced column set: taken from the
 * generated rows, or read back (in key order) where the database made them (serial keys).
 */
class ParentKeys {
  private readonly rowsOf = new Map<SeedTable, { plan: TablePlan; rows: Record<string, unknown>[] }>();
  private readonly cache = new Map<string, unknown[][]>();

  constructor(private readonly db: AnyDb) {}

  inserted(plan: TablePlan, rows: Record<string, unknown>[]): void {
    this.rowsOf.set(plan.table, { plan, rows });
  }

  /** Whether the columns are generated by seed() (so a row's own values are known before insert). */
  static generated(plan: TablePlan, columns: string[]): boolean {
    return columns.every((c) => plan.generators.some(([key]) => key === c));
  }

  async of(table: SeedTable, columns: string[]): Promise<unknown[][]> {
    const id = `${table.key}\u0000${columns.join('\u0000')}`;
    const cached = this.cache.get(id);
    if (cached) return cached;
    const entry = this.rowsOf.get(table);
    if (entry === undefined) return [];
    let tuples: unknown[][];
    if (ParentKeys.generated(entry.plan, columns)) tuples = entry.rows.map((r) => columns.map((c) => r[c]));
    else {
      const fields: Record<string, AnyColumn> = {};
      for (const [k, c] of columns.entries()) fields[`k${k}`] = table.columns.get(c)!;
      const order = (table.primaryKey.length > 0 ? table.primaryKey : columns).map((c) => asc(table.columns.get(c)!));
      const read = await this.db
        .select(fields)
        .from(table.table)
        .orderBy(...order);
      // Rows the table held before seeding come first in key order; the seeded ones are the last.
      tuples = read.slice(Math.max(0, read.length - entry.rows.length)).map((r) => columns.map((_c, k) => r[`k${k}`]));
    }
    this.cache.set(id, tuples);
    return tuples;
  }
}
