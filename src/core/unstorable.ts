import type { Column } from './column.js';
import { UnstorableStringError } from './errors.js';
import type { DriverValueEncoder } from './sql.js';
import { TableMeta } from './table.js';

/**
 * Strings sent to a database travel as UTF-8, which has no form for half of a surrogate pair
 * (`'\ud800'`, a string cut between the halves of an emoji). Every driver would replace it with
 * U+FFFD (better-sqlite3 with three of them) and the value would come back changed; sluice
 * refuses such a string before it is sent instead.
 */
const nativeCheck = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the string is Unicode text: no surrogate half without its partner. */
export const isWellFormed: (value: string) => boolean = nativeCheck ? (value) => nativeCheck.call(value) : (value) => !loneSurrogate.test(value);

/** The error for a parameter holding a lone surrogate, naming the column it is bound to if any. */
export function loneSurrogateError(dialect: string, value: string, encoder: DriverValueEncoder | undefined, position: number): UnstorableStringError {
  const col = encoder as Column | undefined;
  const table = col?.table?.[TableMeta]?.name;
  const column = typeof col?.name === 'string' && table !== undefined ? col.name : undefined;
  const at = value.search(loneSurrogate);
  const code = value.charCodeAt(at).toString(16);
  const where = column !== undefined ? `"${table}"."${column}"` : `parameter ${position}`;
  return new UnstorableStringError(`${dialect}: the string for ${where} holds a lone surrogate (\\u${code} at index ${at}), which UTF-8 cannot encode; the database would store U+FFFD instead`, table, column);
}

/**
 * The error for a parameter holding NUL where the dialect's text cannot (`Dialect.textRefusesNul`).
 * Values bound to a column are checked by the column's codec first, which names the column; this
 * catches the rest (`sql` template values, `db.execute()`).
 */
export function nulParamError(dialect: string, position: number): UnstorableStringError {
  return new UnstorableStringError(`${dialect}: the string for parameter ${position} holds the NUL character (\\0), which text cannot store`, undefined, undefined);
}
