import type { Statement, TableRef } from '../../../kit/changes.js';
import type { TableModel } from '../../../kit/model.js';
import { checkClause, createIndex, primaryKeyClause, quoteId, tableName, uniqueClause } from './ddl-sql.js';

/**
 * What must be dropped before `ALTER COLUMN` changes a column's type or nullability and made
 * again after: SQL Server refuses the change while an index, a key or a check uses the column
 * (error 5074). Only objects the migration keeps unchanged count; the differ already drops and
 * re-adds the ones that change, and foreign keys over retyped columns.
 */
export function alterColumnDependents(table: TableRef, column: string, from: TableModel | undefined, to: TableModel | undefined): { drop: Statement[]; add: Statement[] } {
  const drop: Statement[] = [];
  const add: Statement[] = [];
  if (from === undefined || to === undefined) return { drop, add };
  const quoted = quoteId(column);
  const unchanged = <T extends { name: string }>(item: T, before: readonly T[]): boolean => {
    const old = before.find((b) => b.name === item.name);
    return old !== undefined && JSON.stringify(old) === JSON.stringify(item);
  };
  const dropConstraint = (name: string): Statement => ({ sql: `ALTER TABLE ${tableName(table)} DROP CONSTRAINT ${quoteId(name)}` });

  for (const index of to.indexes) {
    const uses = index.columns.some((c) => c.expression === quoted) || (index.where?.includes(quoted) ?? false);
    if (uses && unchanged(index, from.indexes)) {
      drop.push({ sql: `DROP INDEX ${quoteId(index.name)} ON ${tableName(table)}` });
      add.push({ sql: createIndex(table, index) });
    }
  }
  for (const unique of to.uniques) {
    if (unique.columns.includes(column) && unchanged(unique, from.uniques)) {
      drop.push(dropConstraint(unique.name));
      add.push({ sql: `ALTER TABLE ${tableName(table)} ADD ${uniqueClause(table, unique)}` });
    }
  }
  for (const check of to.checks) {
    if (check.expression.includes(quoted) && unchanged(check, from.checks)) {
      drop.push(dropConstraint(check.name));
      add.push({ sql: `ALTER TABLE ${tableName(table)} ADD ${checkClause(check)}` });
    }
  }
  const pk = to.primaryKey;
  if (pk?.columns.includes(column) && from.primaryKey !== undefined && JSON.stringify(from.primaryKey) === JSON.stringify(pk)) {
    drop.push(dropConstraint(pk.name));
    add.unshift({ sql: `ALTER TABLE ${tableName(table)} ADD ${primaryKeyClause(pk)}` });
  }
  return { drop, add };
}
