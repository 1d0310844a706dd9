/**
 * Writes a JavaScript array as a PostgreSQL array literal (`{1,"a b",NULL}`). Array columns send
 * this text so every driver passes the same value and the server reads it as the column's type
 * (drivers disagree on arrays of enums and other types they do not know).
 */
export function toPgArrayLiteral(value: unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return toPgArrayLiteral(v);
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    // Bytes go in bytea's hex form; other objects (JSON elements) as their JSON text.
    const s = v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}` : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  };
  return `{${value.map(item).join(',')}}`;
}

/** Parses a PostgreSQL array literal (`{1,"a b",NULL,{2,3}}`) into nested arrays of strings. */
export function parsePgArray(text: string): unknown[] {
  let i = 0;
  const parse = (): unknown[] => {
    const out: unknown[] = [];
    i++; // '{'
    while (i < text.length) {
      const ch = text[i];
      if (ch === '}') {
        i++;
        return out;
      }
      if (ch === ',') {
        i++;
        continue;
      }
      if (ch === '{') {
        out.push(parse());
        continue;
      }
      if (ch === '"') {
        let s = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i++];
        }
        i++;
        out.push(s);
        continue;
      }
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '}') j++;
      const raw = text.slice(i, j);
      out.push(raw === 'NULL' ? null : raw);
      i = j;
    }
    return out;
  };
  // Arrays with explicit bounds start with `[1:2]=`.
  const eq = text.indexOf('=');
  if (text[0] === '[' && eq > 0) i = eq + 1;
  return parse();
}
