/**
 * SQLite drivers bind numbers, strings, bigints, buffers and null only: booleans become 0/1 and
 * `undefined` null, converted here once so every SQLite driver accepts the same parameters.
 */
export function sqliteParams(params: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (typeof p === 'boolean' || p === undefined) {
      out ??= params.slice();
      out[i] = p === undefined ? null : p ? 1 : 0;
    }
  }
  return out ?? params;
}
