import type { Column } from '../../core/column.js';
import type { Dialect, TransactionConfig } from '../../core/dialect.js';
import { UnstorableStringError, UnsupportedError } from '../../core/errors.js';
import { onConflictUpsert } from '../../core/upsert.js';
import { toPgArrayLiteral } from './array.js';

/** A string literal; PostgreSQL text holds no NUL, so such a value is refused rather than cut. */
function pgString(text: string): string {
  if (text.includes('\0')) throw new UnstorableStringError('pg: a literal cannot hold the NUL character (\\0): PostgreSQL text cannot store it', undefined, undefined);
  return `'${text.replace(/'/g, "''")}'`;
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

export function pgInline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  // The array literal is itself a string literal: its quotes are doubled like any other's.
  if (Array.isArray(value)) return pgString(toPgArrayLiteral(value));
  if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'`;
  if (typeof value === 'object') return pgString(JSON.stringify(value));
  return pgString(String(value));
}

/** The modes of `begin` / `set transaction` (`isolation level ...`, access mode, `deferrable`); `dialect` names the dialect in errors. */
export function transactionModes(config: TransactionConfig | undefined, dialect: string): string {
  if (!config) return '';
  const parts: string[] = [];
  if (config.isolationLevel) {
    if (config.isolationLevel === 'snapshot') throw new UnsupportedError(`${dialect}: isolation level snapshot is not supported`);
    parts.push(`isolation level ${config.isolationLevel}`);
  }
  if (config.accessMode) parts.push(config.accessMode);
  if (config.deferrable !== undefined) parts.push(config.deferrable ? 'deferrable' : 'not deferrable');
  return parts.join(' ');
}

/**
 * A `JsonHooks.safe` that casts to text the columns whose JSON form would differ from their text
 * form (`columnTypes`), and arrays (`arrayTypes`) of the SQL types whose elements are such values:
 * their array literal's text is what the array columns parse.
 */
export function textInJson(columnTypes: readonly string[], arrayTypes: readonly string[]): (col: Column, expr: string) => string {
  const asText = new Set(columnTypes);
  const arrays = new Set(arrayTypes);
  const arrayAsText = /^(bigint|int8|numeric|decimal|timestamptz|timestamp|date|timetz|time|interval)\b/;
  return (col, expr) => (asText.has(col.columnType) || (arrays.has(col.columnType) && arrayAsText.test(String((col.config.extra as { baseType?: unknown }).baseType))) ? `${expr}::text` : expr);
}

/** pg-core's column types whose JSON form would differ from their text form. */
export const PG_JSON_AS_TEXT = ['PgBigInt', 'PgBigSerial', 'PgNumeric', 'PgTimestamp', 'PgDate', 'PgTime', 'PgInterval'] as const;

/** PostgreSQL's hooks for the shared renderer and builders. */
export const pgDialect: Dialect = {
  name: 'pg',
  quote,
  param: (i) => `$${i}`,
  inline: pgInline,
  // PostgreSQL binds up to 65,535; postgres.js refuses a statement of 65,534 or more.
  maxParams: 65533,
  textRefusesNul: true,
  supportsReturning: true,
  supportsFullJoin: true,
  supportsLateral: true,
  supportsArrays: true,
  supportsMaterializedViews: true,
  supportsDistinctOn: true,
  supportsILike: true,
  supportsWriteLimit: false,
  supportsUpdateFrom: true,
  supportsIntersectExceptAll: true,
  parenthesizeSetOperations: true,
  defaultKeyword: 'default',
  defaultValues: ' default values',
  excluded: (col) => `excluded.${col}`,
  limitOffset: (limit, offset) => (limit !== undefined ? ` limit ${limit}` : '') + (offset !== undefined ? ` offset ${offset}` : ''),
  begin: (config) => {
    const modes = transactionModes(config, 'pg');
    return modes ? `begin ${modes}` : 'begin';
  },
  setTransaction: (config) => {
    const modes = transactionModes(config, 'pg');
    return modes ? `set transaction ${modes}` : undefined;
  },
  commit: () => 'commit',
  rollback: () => 'rollback',
  savepoint: (name) => `savepoint ${name}`,
  releaseSavepoint: (name) => `release savepoint ${name}`,
  rollbackToSavepoint: (name) => `rollback to savepoint ${name}`,
  lockingClause: (strength, config, tables) => {
    let s = `for ${strength}`;
    if (config.of !== undefined) s += ` of ${tables(Array.isArray(config.of) ? config.of : [config.of])}`;
    if (config.noWait) s += ' nowait';
    else if (config.skipLocked) s += ' skip locked';
    return s;
  },
  json: {
    arrayOpen: 'json_build_array(',
    arrayClose: ')',
    emptyArray: `'[]'::json`,
    agg: (row, orderBy) => `coalesce(json_agg(${row}${orderBy ? ` order by ${orderBy}` : ''}), '[]'::json)`,
    safe: textInJson(PG_JSON_AS_TEXT, ['PgArray']),
  },
  upsert: onConflictUpsert('pg'),
  supportsOverridingSystemValue: true,
  supportsWriteCtes: true,
  returningSeesFrom: true,
  supportsWriteWith: true,
};
