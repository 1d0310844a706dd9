import type { Dialect } from '../../core/dialect.js';
import type { Column } from '../../core/column.js';
import { UnsupportedError } from '../../core/errors.js';
import { onConflictUpsert } from '../../core/upsert.js';
import { sqliteRaw } from './raw.js';

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

function inline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  if (typeof value === 'object') return sqliteString(JSON.stringify(value));
  return sqliteString(String(value));
}

/**
 * A string literal. SQLite's tokenizer stops at a NUL inside quotes, so text holding one is
 * written as its UTF-8 bytes cast to text, which keeps every character.
 */
function sqliteString(text: string): string {
  if (text.includes('\0')) return `cast(X'${Buffer.from(text, 'utf8').toString('hex')}' as text)`;
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * `numeric({ mode: 'bigint' })` is read as text: SQLite stores such values as 64-bit integers,
 * which drivers hand over as JavaScript numbers (better-sqlite3 rounds them, libsql refuses them).
 */
function textBigInt(col: Column, expr: string): string {
  return col.columnType === 'SQLiteNumeric' && col.dataType === 'bigint' ? `cast(${expr} as text)` : expr;
}

/** SQLite's hooks for the shared renderer and builders. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  raw: sqliteRaw,
  quote,
  param: () => '?',
  inline,
  // SQLITE_MAX_VARIABLE_NUMBER since 3.32.
  maxParams: 32766,
  supportsReturning: true,
  supportsFullJoin: true,
  supportsDistinctOn: false,
  supportsILike: false,
  supportsWriteLimit: true,
  supportsUpdateFrom: true,
  supportsIntersectExceptAll: false,
  parenthesizeSetOperations: false,
  // SQLite has no DEFAULT keyword inside VALUES; the insert renderer writes the column default.
  defaultKeyword: undefined,
  defaultValues: ' default values',
  excluded: (col) => `excluded.${col}`,
  // SQLite needs a limit before an offset; -1 means none.
  limitOffset: (limit, offset) => (limit !== undefined ? ` limit ${limit}` : offset !== undefined ? ' limit -1' : '') + (offset !== undefined ? ` offset ${offset}` : ''),
  begin: (config) => {
    if (config?.isolationLevel || config?.accessMode || config?.deferrable !== undefined) {
      throw new UnsupportedError('sqlite: transactions take only { behavior: deferred | immediate | exclusive }');
    }
    return config?.behavior ? `begin ${config.behavior}` : 'begin';
  },
  setTransaction: () => undefined,
  commit: () => 'commit',
  rollback: () => 'rollback',
  savepoint: (name) => `savepoint ${name}`,
  releaseSavepoint: (name) => `release savepoint ${name}`,
  rollbackToSavepoint: (name) => `rollback to savepoint ${name}`,
  json: {
    arrayOpen: 'json_array(',
    arrayClose: ')',
    emptyArray: `json('[]')`,
    fromDerived: (expr) => `json(${expr})`,
    agg: (row, orderBy) => `coalesce(json_group_array(${row}${orderBy ? ` order by ${orderBy}` : ''}), json('[]'))`,
    // JSON cannot hold blobs: send them as hex, which the blob codec decodes.
    safe: (col, expr) => (col.config.sqlType === 'blob' ? `case when ${expr} is null then null else hex(${expr}) end` : textBigInt(col, expr)),
  },
  selectColumn: textBigInt,
  upsert: onConflictUpsert('sqlite'),
  multipleUpserts: true,
  supportsWriteWith: true,
};
