import type { Column } from '../../core/column.js';
import type { Dialect, MergeParts, TransactionConfig, UpsertClause, UpsertRenderer } from '../../core/dialect.js';
import { UnsupportedError } from '../../core/errors.js';

const quote = (id: string) => `[${id.replace(/]/g, ']]')}]`;

/** A value as a T-SQL literal: `N'...'` strings, 1/0 booleans, ISO dates, `0x...` binary. */
function inline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  // ISO 8601 without the zone: every date and time type reads it, as UTC where it has an offset.
  if (value instanceof Date) return `'${value.toISOString().replace('Z', '')}'`;
  if (Buffer.isBuffer(value)) return value.length === 0 ? '0x' : `0x${value.toString('hex')}`;
  if (typeof value === 'object') return `N'${JSON.stringify(value).replace(/'/g, "''")}'`;
  return `N'${String(value).replace(/'/g, "''")}'`;
}

/** T-SQL has no row count without an order: an offset needs `order by`, so `(select null)` orders by nothing. */
function limitOffset(limit: string | undefined, offset: string | undefined, hasOrderBy: boolean): string {
  if (limit === undefined && offset === undefined) return '';
  const order = hasOrderBy ? '' : ' order by (select null)';
  return `${order} offset ${offset ?? '0'} rows${limit !== undefined ? ` fetch next ${limit} rows only` : ''}`;
}

function begin(config: TransactionConfig | undefined): string {
  if (config?.accessMode) throw new UnsupportedError('mssql: SQL Server has no read-only transactions (accessMode); use a read-only login or database');
  if (config?.deferrable !== undefined) throw new UnsupportedError('mssql: SQL Server has no deferrable transactions');
  if (config?.behavior) throw new UnsupportedError('mssql: transactions take { isolationLevel }, not a SQLite behavior');
  if (config?.withConsistentSnapshot) throw new UnsupportedError("mssql: withConsistentSnapshot is MySQL's; use { isolationLevel: 'snapshot' }");
  return 'begin transaction';
}

const savepointName = (name: string) => {
  // Savepoint names are identifiers written as they are (T-SQL takes no quoted name here).
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name)) throw new UnsupportedError(`mssql: savepoint name "${name}" must be a plain identifier of up to 32 characters`);
  return name;
};

/**
 * Column types whose JSON form (`for json`) would differ from what a select reads: bigints and
 * decimals would become JSON numbers (inexact), binary base64, legacy text types are refused.
 */
const jsonAsText = new Set(['MsSqlBigInt', 'MsSqlDecimal', 'MsSqlNumeric']);
function jsonSafe(col: Column, expr: string): string {
  if (jsonAsText.has(col.columnType)) return `cast(${expr} as nvarchar(64))`;
  if (col.columnType === 'MsSqlBinary' || col.columnType === 'MsSqlVarBinary') return `convert(varchar(max), ${expr}, 2)`;
  if (col.columnType === 'MsSqlText' || col.columnType === 'MsSqlNText') return `cast(${expr} as nvarchar(max))`;
  return expr;
}

/**
 * An upsert as `merge`: the rows are the source `[excluded]`, matched on the conflict target (or
 * the primary key); matched rows are updated (unless "do nothing"), the others inserted.
 */
function merge(parts: MergeParts, clause: UpsertClause, r: UpsertRenderer): string {
  if (clause.kind === 'duplicateKey') throw new UnsupportedError("mssql: onDuplicateKeyUpdate() is MySQL's; use onConflictDoUpdate({ target, set })");
  if (clause.targetWhere) throw new UnsupportedError('mssql: a conflict target cannot have a where clause (merge matches on the target columns)');
  const target = clause.target && clause.target.length > 0 ? clause.target.map((c) => r.bare(c)) : r.primaryKey();
  if (target.length === 0) throw new UnsupportedError('mssql: an upsert needs a target or a primary key to match rows on');
  const missing = target.filter((c) => !parts.columns.includes(c));
  if (missing.length > 0) throw new UnsupportedError(`mssql: the upsert's rows give no value for its target ${missing.join(', ')}, so merge cannot match on it`);
  const src = quote('excluded');
  // holdlock keeps the key range locked from the match to the insert, so two concurrent upserts of
  // one key cannot both take the "not matched" branch.
  let s = `merge into ${parts.table} with (holdlock) using (values ${parts.rows.join(', ')}) as ${src} (${parts.columns.join(', ')}) on ${target.map((c) => `${parts.table}.${c} = ${src}.${c}`).join(' and ')}`;
  if (clause.kind === 'update') {
    s += ` when matched${clause.setWhere ? ` and ${r.expr(clause.setWhere)}` : ''} then update set ${clause.set!.map(([col, v]) => `${col} = ${r.expr(v)}`).join(', ')}`;
  }
  s += ` when not matched then insert (${parts.columns.join(', ')}) values (${parts.columns.map((c) => `${src}.${c}`).join(', ')})`;
  return `${s};`;
}

/**
 * SQL Server's hooks for the shared renderer and builders (SQL Server 2017 and later). What
 * T-SQL writes differently, and what it lacks, is listed in docs/DESIGN.md.
 */
export const mssqlDialect: Dialect = {
  name: 'mssql',
  quote,
  param: (i) => `@p${i}`,
  inline,
  // SQL Server takes at most 2,100 parameters per request.
  maxParams: 2100,
  // And at most 1000 rows in one insert's VALUES list.
  maxInsertRows: 1000,
  supportsReturning: true,
  outputClause: true,
  writeTargetByAlias: true,
  supportsFullJoin: true,
  supportsLateral: false,
  supportsDistinctOn: false,
  // `lower(x) like lower(p)`: correct under any collation (the default ones compare case-insensitively anyway).
  supportsILike: false,
  supportsIntersectExceptAll: false,
  supportsWriteLimit: false,
  supportsUpdateFrom: true,
  returningSeesFrom: true,
  supportsWriteWith: true,
  parenthesizeSetOperations: true,
  alwaysTrue: '1 = 1',
  alwaysFalse: '1 = 0',
  limitAsTop: true,
  offsetFirst: true,
  defaultKeyword: 'default',
  defaultValues: ' default values',
  excluded: (col) => `${quote('excluded')}.${col}`,
  limitOffset,
  // `set transaction isolation level` applies to the session from then on, so it runs right before each transaction that asks for a level.
  beforeBegin: (config) => (config?.isolationLevel ? `set transaction isolation level ${config.isolationLevel}` : undefined),
  begin,
  setTransaction: () => undefined,
  commit: () => 'commit transaction',
  rollback: () => 'rollback transaction',
  savepoint: (name) => `save transaction ${savepointName(name)}`,
  // T-SQL has no release: a savepoint ends with its transaction.
  releaseSavepoint: () => undefined,
  rollbackToSavepoint: (name) => `rollback transaction ${savepointName(name)}`,
  lockingClause: (strength) => {
    throw new UnsupportedError(`mssql: SQL Server has no "for ${strength}" clause; it locks through table hints (with (updlock, rowlock)) in raw SQL`);
  },
  mergeUpsert: merge,
  json: {
    // Unused: rows are built by `row` below.
    arrayOpen: '',
    arrayClose: '',
    emptyArray: "N'[]'",
    // One key per position ({"0": ..., "1": ...}): the row decoder reads fields by position, and
    // `for json path` is SQL Server 2016's (json_array needs 2022). Nulls are kept as nulls.
    row: (items) => `(select ${items.map((x, i) => `${x} as ${quote(String(i))}`).join(', ')} for json path, without_array_wrapper, include_null_values)`,
    nested: (expr) => `json_query(${expr})`,
    agg: (row, orderBy) => `concat(N'[', string_agg(cast(${row} as nvarchar(max)), N',')${orderBy ? ` within group (order by ${orderBy})` : ''}, N']')`,
    aggregateFromDerived: true,
    safe: jsonSafe,
  },
};
