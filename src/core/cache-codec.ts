/**
 * Cached rows as text and back, keeping the JavaScript types JSON would lose: `Date`, `bigint`,
 * `Buffer` and other `Uint8Array`s, and non-finite numbers. Such a value is written as an object
 * with one key starting with NUL (`{"\u0000d": "2024-01-01T00:00:00.000Z"}`), which no row of a
 * database names; `undefined` inside an array is kept too (JSON would make it null).
 */

const TAG = '\u0000';

/** The JSON text of a value, with the types JSON lacks tagged. Also keys cached queries by their parameters. */
export function encodeCached(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `v` has been through toJSON() already (a Date is a string by now): read the value itself.
    const raw = this[key];
    if (raw instanceof Date) return { [`${TAG}d`]: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
    if (typeof raw === 'bigint') return { [`${TAG}n`]: raw.toString() };
    if (raw instanceof Uint8Array) return { [Buffer.isBuffer(raw) ? `${TAG}b` : `${TAG}u`]: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { [`${TAG}f`]: String(raw) };
    if (raw === undefined && Array.isArray(this)) return { [`${TAG}x`]: 0 };
    return v;
  });
}

/** The value `encodeCached` wrote. */
export function decodeCached(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0]!.charCodeAt(0) !== 0) return v;
    const k = keys[0]!;
    const inner = (v as Record<string, unknown>)[k];
    switch (k) {
      case `${TAG}d`:
        return new Date(inner === null ? Number.NaN : (inner as string));
      case `${TAG}n`:
        return BigInt(inner as string);
      case `${TAG}b`:
        return Buffer.from(inner as string, 'base64');
      case `${TAG}u`:
        return new Uint8Array(Buffer.from(inner as string, 'base64'));
      case `${TAG}f`:
        return Number(inner);
      case `${TAG}x`:
        return undefined;
      default:
        return v;
    }
  });
}

/**
 * A deep copy of cached rows, so a caller changing the rows it got cannot change the cache: plain
 * objects and arrays are copied, `Date`s and byte arrays cloned, everything else shared.
 */
export function cloneCached<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneCached) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (value instanceof Uint8Array) return value.slice() as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneCached((value as Record<string, unknown>)[key]);
  return out as T;
}
