import { SeedError } from '../core/errors.js';
import type { ColumnKind } from './kinds.js';
import { hashString, Random } from './random.js';

/** What a generator is told about the column it fills, once, before the first value. */
export interface GeneratorContext {
  /** How many values the table needs. */
  count: number;
  random: Random;
  kind: ColumnKind;
  /** True when the column is a primary key or unique: every value must differ. */
  unique: boolean;
  /** `table.column`, for errors. */
  where: string;
}

/** Options every generator takes. */
export interface CommonParams {
  /** Distinct values only (also implied by a unique or primary key column). */
  isUnique?: boolean;
  /** For array columns: how many elements each array gets (3 unless given). */
  arraySize?: number;
}

/**
 * A value generator, as `refine()`'s `f.int()`, `f.email()`, ... return it. `init()` gives it its
 * column and random stream; `next(i)` then gives the value of row `i`, in the form the column's
 * insert takes. Values are drawn in row order, so the same seed repeats them exactly.
 */
export abstract class Generator<TParams extends object = object> {
  /** The generator's name in errors (`int`, `email`). */
  abstract readonly name: string;
  protected random!: Random;
  protected kind!: ColumnKind;
  protected where = '';
  protected count = 0;
  protected unique = false;
  /** Generators whose values never repeat by construction (sequences, permutations) skip the set of values seen. */
  protected selfUnique = false;
  private seen: Set<unknown> | undefined;
  private adapt: (value: unknown) => unknown = (v) => v;
  private arrayDims = 0;

  constructor(readonly params: TParams) {}

  get isUnique(): boolean {
    return (this.params as CommonParams).isUnique === true;
  }

  /** @internal Called by seed() once per column before the first `next()`. */
  init(ctx: GeneratorContext): void {
    this.random = ctx.random;
    this.where = ctx.where;
    this.count = ctx.count;
    let kind = ctx.kind;
    if (kind.type === 'array') {
      this.arrayDims = kind.dimensions;
      kind = kind.element;
    }
    this.kind = kind;
    // Values of an array column are arrays: uniqueness would apply to the whole array, which the
    // element generator cannot promise, and databases rarely index arrays as unique.
    this.unique = (ctx.unique || this.isUnique) && this.arrayDims === 0;
    this.adapt = adapterFor(kind);
    this.setup(this.arrayDims > 0 ? ctx.count * this.arraySize() ** this.arrayDims : ctx.count);
    if (this.unique && !this.selfUnique) this.seen = new Set();
  }

  /** Prepares for `count` values: checks that enough distinct values exist, builds permutations. */
  protected setup(_count: number): void {}

  /** One value in its natural form (number, Date, string, object). */
  protected abstract draw(i: number): unknown;

  /** A value that repeated after many draws, changed to one not seen yet (strings get a number). */
  protected distinct(value: unknown, i: number): unknown {
    if (typeof value === 'string') return withSuffix(value, `-${i + 1}`, this.kind);
    throw new SeedError(`${this.where}: ${this.name}() cannot give ${this.count} unique values; widen its range or drop isUnique`);
  }

  /** The value of row `i`, in the form the column's insert takes. */
  next(i: number): unknown {
    if (this.arrayDims > 0) return this.array(i, this.arrayDims);
    const value = this.adapt(this.draw(i));
    const seen = this.seen;
    if (seen === undefined) return value;
    let v = value;
    for (let attempt = 0; seen.has(keyOf(v)); attempt++) {
      v = attempt < 20 ? this.adapt(this.draw(i)) : this.adapt(this.distinct(v, i + attempt - 20));
      if (attempt > 60) throw new SeedError(`${this.where}: ${this.name}() cannot give ${this.count} unique values`);
    }
    seen.add(keyOf(v));
    return v;
  }

  private arraySize(): number {
    return (this.params as CommonParams).arraySize ?? 3;
  }

  private array(i: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (let k = 0; k < this.arraySize(); k++) out.push(depth > 1 ? this.array(i, depth - 1) : this.adapt(this.draw(i)));
    return out;
  }

  /** Errors when the column needs more distinct values than `available`. */
  protected needDistinct(available: number): void {
    if (this.unique && this.count > available) {
      throw new SeedError(`${this.where}: ${this.name}() has ${available} distinct values, the table needs ${this.count} unique ones`);
    }
  }

  /** A number in [min, max], to two decimals. */
  protected between(min: number, max: number): number {
    return this.random.int(Math.round(min * 100), Math.round(max * 100)) / 100;
  }

  /** A stream of its own for a part of this generator (a weighted choice's options). */
  protected fork(name: string): Random {
    return new Random(hashString(name, Math.floor(this.random.next() * 4294967296)));
  }
}

function keyOf(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'object' && v !== null) return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x));
  return v;
}

/** Appends a suffix that makes a string distinct, within the column's length. */
function withSuffix(value: string, suffix: string, kind: ColumnKind): string {
  const max = kind.type === 'string' ? kind.maxLength : undefined;
  if (max === undefined) return `${value}${suffix}`;
  if (suffix.length >= max) return suffix.slice(-max);
  return `${value.slice(0, max - suffix.length)}${suffix}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a Date, in UTC. */
export function isoDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:MM:SS` of a Date, in UTC: the text every dialect's timestamp takes. */
export function isoDateTime(d: Date): string {
  return `${isoDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Turns a generator's natural value into what a column of this kind takes on insert. */
function adapterFor(kind: ColumnKind): (value: unknown) => unknown {
  switch (kind.type) {
    case 'int':
      return kind.bigint ? (v) => (typeof v === 'number' ? BigInt(Math.round(v)) : v) : (v) => (typeof v === 'number' ? Math.round(v) : v);
    case 'decimal': {
      const { scale, output } = kind;
      if (output === 'number') return (v) => (typeof v === 'number' ? Number(v.toFixed(scale)) : v);
      if (output === 'bigint') return (v) => (typeof v === 'number' ? BigInt(Math.round(v)) : v);
      return (v) => (typeof v === 'number' ? v.toFixed(scale) : v);
    }
    case 'date':
      if (kind.output === 'date') return (v) => (v instanceof Date && kind.dateOnly ? new Date(`${isoDate(v)}T00:00:00Z`) : v);
      return (v) => (v instanceof Date ? (kind.dateOnly ? isoDate(v) : isoDateTime(v)) : v);
    case 'string': {
      const max = kind.maxLength;
      return (v) => {
        const s = typeof v === 'string' ? v : v instanceof Date ? isoDateTime(v) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
        return max !== undefined && s.length > max ? s.slice(0, max) : s;
      };
    }
    case 'buffer':
      return (v) => (typeof v === 'string' ? Buffer.from(v) : v);
    case 'uuid':
    case 'time':
    case 'interval':
      return (v) => (typeof v === 'string' || v === null ? v : String(v));
    default:
      return (v) => v;
  }
}
