/** Identifier, key and literal helpers shared by the code generator's files. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface ' +
    'package private protected public await arguments eval undefined NaN Infinity Object Array String Number Boolean Date Symbol Map Set Promise Error JSON Math'
  ).split(' '),
);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether text can be written as a bare object key or property access. */
export function isIdentifier(text: string): boolean {
  return IDENT.test(text);
}

/** `user_id` -> `userId`, `Order Items` -> `orderItems`; other names keep their letters. */
export function camelCase(name: string): string {
  const parts = name.split(/[^A-Za-z0-9$]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return name;
  const [first, ...rest] = parts;
  const head = first === first!.toUpperCase() && /[A-Z]/.test(first!) ? first!.toLowerCase() : first!.charAt(0).toLowerCase() + first!.slice(1);
  return head + rest.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** A JavaScript string literal in single quotes. */
export function jsString(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** An object key: bare when it is an identifier, else quoted. */
export function objectKey(key: string): string {
  return isIdentifier(key) ? key : jsString(key);
}

/** `t.key` or `t['my key']`. */
export function member(target: string, key: string): string {
  return isIdentifier(key) ? `${target}.${key}` : `${target}[${jsString(key)}]`;
}

/** SQL text as a `sql` template whose cooked string is exactly the text. */
export function sqlTemplate(text: string): string {
  return `sql\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/** Hands out unique variable names in a module, never a reserved word or an imported name. */
export class NameAllocator {
  private readonly used = new Set<string>();

  /** Marks names (imports) as taken. */
  reserve(...names: string[]): void {
    for (const n of names) this.used.add(n);
  }

  /** A free variable name made from `wanted`. */
  take(wanted: string): string {
    let base = wanted.replace(/[^A-Za-z0-9_$]/g, '_');
    if (base === '' || /^[0-9]/.test(base)) base = `_${base}`;
    if (RESERVED.has(base)) base = `${base}Table`;
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}

/** Unique keys within one object (a table's columns): later duplicates get a number. */
export function uniqueKeys(names: readonly string[], toKey: (name: string) => string): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    const base = toKey(n);
    let key = base;
    for (let i = 2; seen.has(key); i++) key = `${base}${i}`;
    seen.add(key);
    return key;
  });
}
