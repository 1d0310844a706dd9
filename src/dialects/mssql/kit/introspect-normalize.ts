/**
 * SQL Server catalog text -> the serializer's spelling. Each function takes what one `sys.*`
 * column says and returns the model's text, so that `introspect.ts` only assembles rows.
 *
 * - Types: `sys.types.name` with the column's parameters, lengths in characters (`max_length`
 *   is bytes, halved for `nchar`/`nvarchar`; -1 is `max`), `decimal(p,s)` without a space, the
 *   fractional-second scale always written (`datetime2(7)`), as the serializer writes them.
 * - Defaults: SQL Server stores a default's text wrapped in parentheses, and a number twice:
 *   `((1))`, `(N'x')`, `(getdate())`. One pair (two around a number) is taken off.
 * - Checks, computed columns and index filters: SQL Server reprints them in its own form
 *   (`([age]>=(0))`); the outer parentheses are taken off here, and `asDatabaseSpells`
 *   (`as-database.ts`) writes the schema's side in the same form.
 */
import type { ReferentialAction } from '../../../kit/model.js';

/** A column's model type from `sys.types.name`, `max_length`, `precision` and `scale`. */
export function normalizeType(typeName: string, maxLength: number, precision: number, scale: number): string {
  const type = typeName.toLowerCase();
  switch (type) {
    case 'nchar':
    case 'nvarchar':
      return `${type}(${maxLength === -1 ? 'max' : maxLength / 2})`;
    case 'char':
    case 'varchar':
    case 'binary':
    case 'varbinary':
      return `${type}(${maxLength === -1 ? 'max' : maxLength})`;
    case 'decimal':
    case 'numeric':
      return `${type}(${precision},${scale})`;
    case 'datetime2':
    case 'datetimeoffset':
    case 'time':
      return `${type}(${scale})`;
    case 'float':
      // float(1..24) is stored as real; the catalog's float is float(53).
      return precision === 24 ? 'real' : 'float';
    default:
      // int, bit, date, datetime, text, ntext, uniqueidentifier, ...: no parameters.
      return type;
  }
}

/** Text inside one pair of parentheses that enclose all of it, or undefined when `text` is not so wrapped. */
export function unwrap(text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return undefined;
  let depth = 0;
  let quote = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quote) {
      if (ch === "'") quote = false;
      continue;
    }
    if (ch === "'") quote = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < t.length - 1) return undefined;
    }
  }
  return t.slice(1, -1);
}

const number = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** A default constraint's `definition` in the serializer's spelling: `((1))` -> `1`, `(N'x')` -> `N'x'`, `(getdate())` -> `getdate()`. */
export function normalizeDefault(definition: string): string {
  const once = unwrap(definition) ?? definition.trim();
  const twice = unwrap(once);
  return twice !== undefined && number.test(twice.trim()) ? twice.trim() : once;
}

/** A check, computed column or filter definition without SQL Server's outer parentheses. */
export function normalizeExpression(definition: string): string {
  return unwrap(definition) ?? definition.trim();
}

/** `sys.foreign_keys.*_referential_action_desc` as the model's action. */
export function referentialAction(desc: string): ReferentialAction {
  switch (desc.toUpperCase()) {
    case 'CASCADE':
      return 'cascade';
    case 'SET_NULL':
      return 'set null';
    case 'SET_DEFAULT':
      return 'set default';
    default:
      return 'no action';
  }
}

/**
 * A view's defining query from `sys.sql_modules.definition`, which keeps the whole statement it
 * was made with: `CREATE VIEW [s].[v] [WITH ...] AS <query> [WITH CHECK OPTION]` -> `<query>`.
 */
export function normalizeViewDefinition(definition: string): string {
  const name = String.raw`(?:\[(?:[^\]]|\]\])+\]|"(?:[^"]|"")+"|[\w@#$]+)`;
  const head = new RegExp(String.raw`^\s*create\s+(?:or\s+alter\s+)?view\s+${name}(?:\s*\.\s*${name})?(?:\s*\([^)]*\))?(?:\s+with\s+[\w\s,]+?)?\s+as\s+`, 'i');
  const m = head.exec(definition);
  const body = m ? definition.slice(m[0].length) : definition;
  return body.replace(/\s+with\s+check\s+option\s*;?\s*$/i, '').replace(/\s*;\s*$/, '');
}
