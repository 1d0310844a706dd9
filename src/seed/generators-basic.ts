import { SeedError } from '../core/errors.js';
import { LOREM_WORDS } from './data/lorem.js';
import { Generator, type CommonParams } from './generator.js';
import { Permutation } from './random.js';

// The type-shaped generators of refine()'s `f`: numbers, dates, strings, uuids, JSON, geometry.

/** `f.default({ defaultValue })`: the same value in every row. */
export class DefaultGenerator extends Generator<{ defaultValue: unknown; arraySize?: number }> {
  readonly name = 'default';
  protected draw(): unknown {
    return this.params.defaultValue;
  }
}

type WeightedValues<T> = { weight: number; values: T[] }[];

/** `f.valuesFromArray({ values, isUnique })`: values from a list, or from weighted lists. */
export class ValuesFromArrayGenerator<T = unknown> extends Generator<{ values: T[] | WeightedValues<T> } & CommonParams> {
  readonly name = 'valuesFromArray';
  private flat: T[] = [];
  private weighted: WeightedValues<T> | undefined;
  private order: Permutation | undefined;

  protected override setup(count: number): void {
    const values = this.params.values;
    if (!Array.isArray(values) || values.length === 0) throw new SeedError(`${this.where}: valuesFromArray() needs a non-empty values array`);
    const isWeighted = typeof values[0] === 'object' && values[0] !== null && 'weight' in (values[0] as object) && 'values' in (values[0] as object);
    if (isWeighted) {
      this.weighted = values as WeightedValues<T>;
      checkWeights(this.weighted, this.where, 'valuesFromArray');
      this.flat = this.weighted.flatMap((w) => w.values);
    } else this.flat = values as T[];
    if (this.unique) {
      this.needDistinct(new Set(this.flat).size);
      this.flat = [...new Set(this.flat)];
      this.order = new Permutation(this.random, 0, this.flat.length);
      this.selfUnique = true;
    }
    void count;
  }

  protected draw(): unknown {
    if (this.order) return this.flat[this.order.next()!];
    if (this.weighted) return this.random.pick(pickWeighted(this.weighted, this.random.next()).values);
    return this.random.pick(this.flat);
  }
}

/** Checks that weights are positive and add up to 1 (as Drizzle requires). */
export function checkWeights(options: { weight: number }[], where: string, name: string): void {
  const total = options.reduce((sum, o) => sum + o.weight, 0);
  if (options.some((o) => !(o.weight > 0)) || Math.abs(total - 1) > 1e-9) {
    throw new SeedError(`${where}: ${name}() weights must be positive and add up to 1, got ${options.map((o) => o.weight).join(' + ')}`);
  }
}

/** The option a uniform draw `u` in [0, 1) falls on. */
export function pickWeighted<T extends { weight: number }>(options: T[], u: number): T {
  let acc = 0;
  for (const o of options) {
    acc += o.weight;
    if (u < acc) return o;
  }
  return options[options.length - 1]!;
}

/** `f.intPrimaryKey()`: 1, 2, 3, ... */
export class IntPrimaryKeyGenerator extends Generator<object> {
  readonly name = 'intPrimaryKey';
  protected override selfUnique = true;
  protected draw(i: number): number {
    return i + 1;
  }
}

type IntParams = { minValue?: number | bigint; maxValue?: number | bigint } & CommonParams;

/** `f.int({ minValue, maxValue, isUnique })`: integers in a range (the column's own by default). */
export class IntGenerator extends Generator<IntParams> {
  readonly name = 'int';
  private min = 0;
  private max = 0;
  private order: Permutation | undefined;

  protected override setup(): void {
    const kind = this.kind;
    const [kmin, kmax] = kind.type === 'int' ? [kind.min, kind.max] : kind.type === 'year' ? [1901, 2155] : [-1000, 1000];
    this.min = Math.max(Number(this.params.minValue ?? kmin), Number.MIN_SAFE_INTEGER);
    this.max = Math.min(Number(this.params.maxValue ?? kmax), Number.MAX_SAFE_INTEGER);
    if (this.min > this.max) throw new SeedError(`${this.where}: int() minValue ${this.min} is above maxValue ${this.max}`);
    if (this.unique) {
      const size = this.max - this.min + 1;
      this.needDistinct(size);
      this.order = new Permutation(this.random, this.min, Math.min(size, Number.MAX_SAFE_INTEGER));
      this.selfUnique = true;
    }
  }

  protected draw(): number {
    return this.order ? this.order.next()! : this.random.int(this.min, this.max);
  }
}

type NumberParams = { minValue?: number; maxValue?: number; precision?: number } & CommonParams;

/** `f.number({ minValue, maxValue, precision })`: numbers rounded to `1 / precision` (100: two decimals). */
export class NumberGenerator extends Generator<NumberParams> {
  readonly name = 'number';
  private min = 0;
  private steps = 0;
  private precision = 100;
  private order: Permutation | undefined;

  protected override setup(): void {
    const kind = this.kind;
    let [min, max, precision] = [-1000, 1000, 100];
    if (kind.type === 'decimal') {
      // numeric(p, s) holds p - s digits before the point; a cap keeps values realistic and exact as doubles.
      max = Math.min(10 ** (kind.precision - kind.scale) - 10 ** -kind.scale, 1_000_000);
      min = -max;
      precision = 10 ** Math.min(kind.scale, 6);
    } else if (kind.type === 'float') [min, max] = [kind.min, kind.max];
    else if (kind.type === 'int') [min, max, precision] = [Math.max(kind.min, -1_000_000), Math.min(kind.max, 1_000_000), 1];
    this.precision = this.params.precision ?? precision;
    min = this.params.minValue ?? min;
    max = this.params.maxValue ?? max;
    if (min > max) throw new SeedError(`${this.where}: number() minValue ${min} is above maxValue ${max}`);
    this.min = min;
    this.steps = Math.floor((max - min) * this.precision);
    if (this.unique) {
      this.needDistinct(this.steps + 1);
      this.order = new Permutation(this.random, 0, this.steps + 1);
      this.selfUnique = true;
    }
  }

  protected draw(): number {
    const step = this.order ? this.order.next()! : this.random.int(0, this.steps);
    return Math.round((this.min + step / this.precision) * this.precision) / this.precision;
  }
}

/** `f.boolean()` */
export class BooleanGenerator extends Generator<CommonParams> {
  readonly name = 'boolean';
  protected override setup(): void {
    this.needDistinct(2);
  }
  protected draw(): boolean {
    return this.random.next() < 0.5;
  }
}

type DateParams = { minDate?: string | Date; maxDate?: string | Date } & CommonParams;
const DAY = 86_400_000;

/** Dates and timestamps between `minDate` and `maxDate` (2020 to 2025 by default), to the second. */
export class DateGenerator extends Generator<DateParams> {
  name = 'date';
  private from = 0;
  private span = 0;
  private unit = 1000;

  constructor(
    params: DateParams,
    private readonly resolution: 'day' | 'second',
    name?: string,
  ) {
    super(params);
    if (name) this.name = name;
  }

  protected override setup(): void {
    const from = new Date(this.params.minDate ?? '2020-01-01T00:00:00Z').getTime();
    const to = new Date(this.params.maxDate ?? '2025-12-31T23:59:59Z').getTime();
    if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) throw new SeedError(`${this.where}: ${this.name}() needs minDate before maxDate`);
    const unit = this.resolution === 'day' || (this.kind.type === 'date' && this.kind.dateOnly) ? DAY : 1000;
    this.from = Math.ceil(from / unit) * unit;
    this.span = Math.floor((to - this.from) / unit);
    this.unit = unit;
    this.needDistinct(this.span + 1);
  }

  protected draw(): Date {
    return new Date(this.from + this.random.int(0, this.span) * this.unit);
  }
}

/** `f.time()`: `HH:MM:SS`. */
export class TimeGenerator extends Generator<CommonParams> {
  readonly name = 'time';
  protected override setup(): void {
    this.needDistinct(86_400);
  }
  protected draw(): string {
    const s = this.random.int(0, 86_399);
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  }
}

/** `f.year()`: a year from 1950 to 2030. */
export class YearGenerator extends Generator<CommonParams> {
  readonly name = 'year';
  protected override setup(): void {
    this.needDistinct(81);
  }
  protected draw(): number {
    return this.random.int(1950, 2030);
  }
}

/** `f.interval()`: PostgreSQL interval text such as `1 year 2 mons 3 days 04:05:06`. */
export class IntervalGenerator extends Generator<CommonParams> {
  readonly name = 'interval';
  protected draw(): string {
    const r = this.random;
    const [y, m, d, s] = [r.int(0, 5), r.int(0, 11), r.int(0, 29), r.int(0, 86_399)];
    return `${y} years ${m} mons ${d} days ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  }
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `f.string()`: random letters and digits, 7 to 20 of them (fewer where the column is shorter). */
export class StringGenerator extends Generator<CommonParams> {
  readonly name = 'string';
  protected draw(): string {
    const max = this.kind.type === 'string' && this.kind.maxLength !== undefined ? this.kind.maxLength : 20;
    const length = this.random.int(Math.min(7, max), Math.min(20, max));
    let s = '';
    for (let k = 0; k < length; k++) s += ALNUM[Math.floor(this.random.next() * ALNUM.length)];
    return s;
  }
}

/** `f.uuid()`: a version 4 UUID from the seeded stream. */
export class UuidGenerator extends Generator<CommonParams> {
  readonly name = 'uuid';
  protected draw(): string {
    let hex = '';
    for (let k = 0; k < 4; k++)
      hex += Math.floor(this.random.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** `f.json()`: small objects of a few shapes (a profile, an order line, settings). */
export class JsonGenerator extends Generator<CommonParams> {
  readonly name = 'json';
  protected draw(i: number): unknown {
    const r = this.random;
    switch (r.int(0, 2)) {
      case 0:
        return { id: i + 1, nickname: r.pick(LOREM_WORDS), verified: r.next() < 0.5, score: r.int(0, 100) };
      case 1:
        return { sku: `SKU-${r.int(10000, 99999)}`, quantity: r.int(1, 20), price: r.int(100, 99999) / 100, tags: [r.pick(LOREM_WORDS), r.pick(LOREM_WORDS)] };
      default:
        return { theme: r.pick(['light', 'dark', 'system']), notifications: { email: r.next() < 0.5, sms: r.next() < 0.5 }, language: r.pick(['en', 'de', 'fr', 'es', 'ja']) };
    }
  }
}

type PointParams = { minXValue?: number; maxXValue?: number; minYValue?: number; maxYValue?: number } & CommonParams;

/** `f.point()`: `[x, y]`, or `{ x, y }` for `point({ mode: 'xy' })`. */
export class PointGenerator extends Generator<PointParams> {
  readonly name = 'point';
  protected draw(): unknown {
    const p = this.params;
    const x = this.between(p.minXValue ?? -180, p.maxXValue ?? 180);
    const y = this.between(p.minYValue ?? -90, p.maxYValue ?? 90);
    return this.kind.type === 'point' && this.kind.xy ? { x, y } : [x, y];
  }
}

type LineParams = { minAValue?: number; maxAValue?: number; minBValue?: number; maxBValue?: number; minCValue?: number; maxCValue?: number } & CommonParams;

/** `f.line()`: `[a, b, c]` of `ax + by + c = 0` (a and b never both 0), or `{ a, b, c }` for `line({ mode: 'abc' })`. */
export class LineGenerator extends Generator<LineParams> {
  readonly name = 'line';
  protected draw(): unknown {
    const p = this.params;
    const a = this.between(p.minAValue ?? -100, p.maxAValue ?? 100);
    let b = this.between(p.minBValue ?? -100, p.maxBValue ?? 100);
    if (a === 0 && b === 0) b = 1;
    const c = this.between(p.minCValue ?? -100, p.maxCValue ?? 100);
    return this.kind.type === 'line' && this.kind.abc ? { a, b, c } : [a, b, c];
  }
}

/** Network addresses for PostgreSQL's `inet`, `cidr`, `macaddr` and `macaddr8` columns. */
export class NetworkGenerator extends Generator<CommonParams> {
  readonly name = 'network';
  protected draw(): string {
    const r = this.random;
    const kind = this.kind.type;
    const hex = (n: number) => Array.from({ length: n }, () => r.int(0, 255).toString(16).padStart(2, '0')).join(':');
    if (kind === 'macaddr') return hex(6);
    if (kind === 'macaddr8') return hex(8);
    if (kind === 'cidr') return `10.${r.int(0, 255)}.${r.int(0, 255)}.0/24`;
    return `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
  }
}

/** Vectors for `vector(n)` columns: n numbers in [-1, 1]. */
export class VectorGenerator extends Generator<CommonParams> {
  readonly name = 'vector';
  protected draw(): number[] {
    const dims = this.kind.type === 'vector' ? this.kind.dimensions : 3;
    return Array.from({ length: dims }, () => this.random.int(-1000, 1000) / 1000);
  }
}

/** Random bytes for binary columns. */
export class BytesGenerator extends Generator<CommonParams> {
  readonly name = 'bytes';
  protected draw(): Buffer {
    const max = this.kind.type === 'buffer' && this.kind.maxLength !== undefined ? this.kind.maxLength : 16;
    return Buffer.from(Array.from({ length: Math.min(16, max) }, () => this.random.int(0, 255)));
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
