/**
 * A deterministic corpus of hostile strings: quotes, backslashes, NUL and control characters,
 * every Unicode plane (surrogate pairs, combining marks, right-to-left text), SQL fragments,
 * placeholder look-alikes of every dialect, `like` wildcards, JSON-breaking text and a few very
 * long strings. The same seed gives the same strings on every run, so a failure names a string
 * that can be reproduced.
 */

import { seededRandom } from '../support/seeded-random.js';

/** Pieces the generated strings are made of; each is hostile somewhere. */
export const hostileAtoms: readonly string[] = [
  // Quotes of every dialect, doubled and escaped.
  "'",
  "''",
  '"',
  '""',
  '`',
  '``',
  '[',
  ']',
  ']]',
  "\\'",
  '\\"',
  // Backslashes: MySQL reads them as escapes in literals, PostgreSQL in E'' strings and arrays.
  '\\',
  '\\\\',
  '\\0',
  '\\n',
  '\\x00',
  '\\u0000',
  '\\N',
  // NUL and control characters.
  '\0',
  '\0\0',
  '\n',
  '\r\n',
  '\t',
  '\b',
  '\f',
  '\v',
  '\x1a',
  '\x1b[31m',
  '\x7f',
  '\u0085',
  '\u2028',
  '\u2029',
  // Invisible and direction-changing characters.
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u00a0',
  '\u3000',
  // Other scripts, surrogate pairs, combining marks, the highest code points.
  'שָׁלוֹם',
  'مرحبا',
  '日本語',
  '한국어',
  'ß',
  'İı',
  'ﬃ',
  'Ω',
  'e\u0301',
  'a\u0300\u0301\u0302\u0303\u0304',
  '😀',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇺🇳',
  '𝕊𝕢𝕝',
  '𠜎',
  '\u{10ffff}',
  '\u{e0001}',
  '\u{f0000}',
  '\ufffd',
  '\uffff',
  '\ufffe',
  // SQL fragments.
  "'; drop table canary; --",
  '"; drop table canary; --',
  '`; drop table canary; --',
  "') or ('1'='1",
  "' or 1=1 --",
  "1'); delete from canary; --",
  '*/',
  '/*',
  '/* */',
  '--',
  '#',
  ';',
  '$$',
  '$tag$',
  '$$; drop table canary; $$',
  "E'\\\\'",
  "N'",
  "x'00'",
  'union select null --',
  'select * from canary',
  // Placeholders of every dialect and driver.
  '$1',
  '$2',
  '$0',
  '$65535',
  '?',
  '??',
  '?1',
  ':name',
  ':1',
  '@p1',
  '@P0',
  '@@version',
  '%s',
  '%(name)s',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template look-alike is the point
  '${x}',
  '{0}',
  // `like` wildcards and escapes.
  '%',
  '%%',
  '_',
  '__',
  '\\%',
  '\\_',
  '[a-z]',
  '[^a]',
  '^',
  // JSON-breaking text and look-alike literals.
  '{',
  '}',
  '{"a":1}',
  '"}',
  '[1,',
  ',',
  ':',
  'null',
  'NULL',
  'true',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  '</script><script>',
  ' ',
  '  ',
];

/** Strings every corpus holds as they are. */
export const hostileSeeds: readonly string[] = ['', ' ', 'NULL', 'null', "'", '"', '`', '\\', '\0', '%', '_', '\\%', 'a\'b"c`d\\e\0f%g_h', ...hostileAtoms];

/** Code points drawn from every plane: ASCII, the BMP (no surrogates), the supplementary planes. */
function randomCodePoint(rnd: () => number): string {
  const r = rnd();
  let cp: number;
  if (r < 0.4) cp = Math.floor(rnd() * 0x80);
  else if (r < 0.75) {
    cp = Math.floor(rnd() * 0xfffe);
    // Surrogate halves alone are not characters; see `loneSurrogates`.
    if (cp >= 0xd800 && cp <= 0xdfff) cp -= 0x800;
  } else if (r < 0.9) cp = 0x10000 + Math.floor(rnd() * 0x20000);
  else cp = 0xe0000 + Math.floor(rnd() * 0x2fffe);
  return String.fromCodePoint(cp);
}

function generated(rnd: () => number, maxParts: number): string {
  const parts = 1 + Math.floor(rnd() * maxParts);
  let s = '';
  for (let i = 0; i < parts; i++) {
    const r = rnd();
    if (r < 0.6) s += hostileAtoms[Math.floor(rnd() * hostileAtoms.length)];
    else if (r < 0.85) s += randomCodePoint(rnd);
    else s += String.fromCharCode(97 + Math.floor(rnd() * 26));
  }
  return s;
}

/** A long string of `length` characters made of hostile pieces (`nul: false` leaves NUL out). */
export function longHostileString(length: number, seed: number, nul = true): string {
  const rnd = seededRandom(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    let p = generated(rnd, 6);
    if (!nul) p = p.replaceAll('\0', '');
    parts.push(p);
    n += p.length;
  }
  let s = parts.join('');
  // Cut at a code point boundary, then pad back to the exact length with ASCII.
  s = s.slice(0, length);
  if (/[\ud800-\udbff]$/.test(s)) s = `${s.slice(0, -1)}x`;
  return s;
}

export interface CorpusOptions {
  /** How many strings in all (default 10,000). */
  size?: number;
  seed?: number;
  /** How many very long strings (default 3) and how long (default 1 MiB of characters). */
  long?: number;
  longLength?: number;
}

/**
 * The corpus: the seeds, then generated strings, then `long` very long ones at the end (so a
 * caller can leave those to the paths that need them). Every string is well formed (no lone
 * surrogates); strings repeat at most by chance of the generator, and duplicates are dropped.
 */
export function hostileCorpus(options: CorpusOptions = {}): string[] {
  const size = options.size ?? 10_000;
  const long = options.long ?? 3;
  const rnd = seededRandom(options.seed ?? 0x5eed);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (s: string) => {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  for (const s of hostileSeeds) if (out.length < size - long) add(s);
  while (out.length < size - long) add(generated(rnd, rnd() < 0.9 ? 8 : 60));
  for (let i = 0; i < long; i++) add(longHostileString(options.longLength ?? 1 << 20, 1000 + i));
  return out;
}

/**
 * Strings holding a surrogate half without its partner. They are valid JavaScript strings but
 * not Unicode text: UTF-8 cannot encode them, so they cannot reach a database unchanged.
 */
export const loneSurrogates: readonly string[] = ['\ud800', '\udfff', 'a\ud83dz', '\ude00b', '\ud83d\ud83d'];

/**
 * Short hostile identifiers (table, column and alias names). Every dialect quotes identifiers by
 * doubling its quote character, so the corpus is rich in quotes. Names hold no NUL, which no
 * database allows in a name, stay within 20 characters of the Basic Multilingual Plane (MySQL
 * allows no others in names and cuts at 64), and neither start nor end with a space or control
 * character (MySQL refuses names that end with a space and drops leading ones from aliases);
 * names differ in lower case (MySQL and SQLite compare names without case).
 */
export function hostileIdentifiers(count: number, seed = 0x1d5): string[] {
  const rnd = seededRandom(seed);
  const fixed = ['"', '""', '`', '``', '[', ']', ']]', "'", "'; drop table canary; --", '"; drop table canary; --', '`; drop table canary; --', '$1', '?', '@p1', ':name', '\\', 'select', 'from', 'ИМЯ', 'שם', 'a"b`c]d', '%_'];
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (s: string) => {
    const key = s.toLowerCase();
    if (s.length === 0 || s.length > 20 || s.includes('\0') || /[\ud800-\udfff]/.test(s) || edgeIsBlank(s) || seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const s of fixed) if (out.length < count) add(s);
  while (out.length < count) add(generated(rnd, 4).replaceAll('\0', ''));
  return out;
}

/** Whether a name starts or ends with whitespace or a control character. */
function edgeIsBlank(s: string): boolean {
  const blank = (c: string) => /\s/.test(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
  return blank(s[0]!) || blank(s[s.length - 1]!);
}

/** Escapes `%`, `_` and the escape character itself, so a `like` pattern matches the string exactly. */
export function likeLiteral(value: string, escapeChar = '\\'): string {
  return value.replace(/[%_\\]/g, (c) => `${escapeChar}${c}`);
}
