/**
 * The seeded random source of `sluice/seed`. Every column draws from a stream of its own, seeded
 * from the run's seed and the table and column names, so adding a table or a column (or seeding
 * on another dialect) leaves the other columns' values as they were.
 */

/** 32-bit FNV-1a of a string, to turn names into stream seeds. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A mulberry32 stream: fast, small state, and the same numbers on every platform. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one purpose, seeded from the run's seed and the given names. */
  static for(seed: number, ...names: string[]): Random {
    let h = hashString(String(seed));
    for (const name of names) h = hashString(`\u0000${name}`, h);
    return new Random(h);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included; exact up to 2^53 wide ranges. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= 4294967296) return min + Math.floor(this.next() * span);
    // Two draws for ranges wider than 32 bits (bigint columns).
    const hi = Math.floor(this.next() * 2097152);
    const lo = Math.floor(this.next() * 4294967296);
    return min + ((hi * 4294967296 + lo) % span);
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/**
 * Distinct integers of [min, max] in random order, without holding the range: a Fisher-Yates
 * shuffle whose swapped slots live in a map, so unique values cost one draw each.
 */
export class Permutation {
  private readonly swapped = new Map<number, number>();
  private taken = 0;

  constructor(
    private readonly random: Random,
    private readonly min: number,
    readonly size: number,
  ) {}

  /** The next value, or undefined once all `size` values were given. */
  next(): number | undefined {
    if (this.taken >= this.size) return undefined;
    const i = this.taken++;
    const j = i + this.random.int(0, this.size - 1 - i);
    const atJ = this.swapped.get(j) ?? j;
    this.swapped.set(j, this.swapped.get(i) ?? i);
    this.swapped.delete(i);
    return this.min + atJ;
  }
}
