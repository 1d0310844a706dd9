import type { Column } from '../../core/column.js';
import type { Dialect, TransactionConfig } from '../../core/dialect.js';
import { UnsupportedError } from '../../core/errors.js';
import { returnedIds } from './returning-id.js';

const quote = (id: string) => `\`${id.replace(/`/g, '``')}\``;

function inline(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  if (typeof value === 'object') return `'${JSON.stringify(value).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function startTransaction(config: TransactionConfig | undefined): string {
  if (config?.behavior) throw new UnsupportedError('mysql: transactions take { isolationLevel, accessMode, withConsistentSnapshot }, not a SQLite behavior');
  if (config?.deferrable !== undefined) throw new UnsupportedError('mysql: deferrable transactions are not supported');
  const modes: string[] = [];
  if (config?.withConsistentSnapshot) modes.push('with consistent snapshot');
  if (config?.accessMode) modes.push(config.accessMode);
  return modes.length > 0 ? `start transaction ${modes.join(', ')}` : 'start transaction';
}

/**
 * Column types whose JSON form would lose what their plain form keeps: bigints beyond 2^53 and
 * exact decimals travel as text, binary strings as hex.
 */
const jsonAsText = new Set(['MySqlBigInt', 'MySqlDecimal', 'MySqlSerial']);
function jsonSafe(col: Column, expr: string): string {
  const type = col.config.sqlType;
  if (jsonAsText.has(col.columnType)) return `cast(${expr} as char)`;
  if (/^(binary|varbinary|blob|tinyblob|mediumblob|longblob)/.test(type)) return `hex(${expr})`;
  return expr;
}

/** One index hint: ` use index (\`a\`, \`b\`)`, or nothing for an empty list. */
const hint = (kind: string, names: string[]) => (names.length > 0 ? ` ${kind} index (${names.map(quote).join(', ')})` : '');

/**
 * MySQL's hooks for the shared renderer and builders. The SQL written is what MySQL 8 and
 * MariaDB 10.5+ both accept, except where docs/DESIGN.md notes a MariaDB-only form.
 */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  quote,
  param: () => '?',
  inline,
  // The protocol counts a prepared statement's parameters in 16 bits.
  maxParams: 65535,
  supportsReturning: false,
  supportsFullJoin: false,
  supportsDistinctOn: false,
  supportsILike: false,
  supportsWriteLimit: true,
  supportsUpdateFrom: false,
  supportsIntersectExceptAll: true,
  parenthesizeSetOperations: true,
  defaultKeyword: 'default',
  returnedIds,
  defaultValues: ' () values ()',
  insertIgnore: 'insert ignore into',
  excluded: (col) => `values(${col})`,
  // MySQL has no offset without a limit; the largest row count stands for "all".
  limitOffset: (limit, offset) => (limit !== undefined ? ` limit ${limit}` : offset !== undefined ? ' limit 18446744073709551615' : '') + (offset !== undefined ? ` offset ${offset}` : ''),
  // `set transaction` applies to the next transaction only, so it runs just before it starts.
  beforeBegin: (config) => {
    if (!config?.isolationLevel) return undefined;
    if (config.isolationLevel === 'snapshot') throw new UnsupportedError('mysql: isolation level snapshot is not supported');
    return `set transaction isolation level ${config.isolationLevel}`;
  },
  begin: startTransaction,
  setTransaction: () => undefined,
  commit: () => 'commit',
  rollback: () => 'rollback',
  savepoint: (name) => `savepoint ${name}`,
  releaseSavepoint: (name) => `release savepoint ${name}`,
  rollbackToSavepoint: (name) => `rollback to savepoint ${name}`,
  indexHints: (h) => hint('use', h.use) + hint('force', h.force) + hint('ignore', h.ignore),
  lockingClause: (strength, config) => {
    if (config.of !== undefined) throw new UnsupportedError('mysql: for update of <table> is not supported');
    // `lock in share mode` is what both MySQL and MariaDB accept for a shared lock.
    let s = strength === 'update' ? 'for update' : strength === 'share' ? 'lock in share mode' : '';
    if (!s) throw new UnsupportedError(`mysql: for ${strength} is not supported`);
    if (config.noWait) s += ' nowait';
    else if (config.skipLocked) s += ' skip locked';
    return s;
  },
  upsert: (clause, r) => {
    if (clause.targetWhere) throw new UnsupportedError('mysql: an upsert target cannot have a where clause');
    if (clause.setWhere) throw new UnsupportedError('mysql: on duplicate key update cannot have a where clause');
    // The conflicting key is whichever unique key the row hits; a target only documents intent.
    // Doing nothing is setting a key column to itself, which leaves the row as it was.
    if (clause.kind === 'nothing') {
      const col = clause.target?.[0] !== undefined ? r.bare(clause.target[0]) : r.primaryKey()[0];
      if (!col) throw new UnsupportedError('mysql: onConflictDoNothing() needs a target or a primary key (or use .ignore())');
      return ` on duplicate key update ${col} = ${col}`;
    }
    return ` on duplicate key update ${clause.set!.map(([col, v]) => `${col} = ${r.expr(v)}`).join(', ')}`;
  },
  json: {
    arrayOpen: 'json_array(',
    arrayClose: ')',
    emptyArray: 'json_array()',
    agg: (row, orderBy) => `coalesce(json_arrayagg(${row}${orderBy ? ` order by ${orderBy}` : ''}), json_array())`,
    // MariaDB's derived tables cannot refer to the outer row, so a page is cut inside the aggregate.
    pagedAgg: (row, orderBy, limit, offset) =>
      `coalesce(json_arrayagg(${row}${orderBy ? ` order by ${orderBy}` : ''}${limit !== undefined ? ` limit ${limit}` : offset !== undefined ? ' limit 18446744073709551615' : ''}${offset !== undefined ? ` offset ${offset}` : ''}), json_array())`,
    safe: jsonSafe,
  },
};
