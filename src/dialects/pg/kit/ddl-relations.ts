import type { Statement, TableRef } from '../../../kit/changes.js';
import type { IndexColumnModel, IndexModel, ViewModel } from '../../../kit/model.js';
import { ident, parenthesised, qualified, tableName } from './ddl-names.js';

// The model stores a plain column as its quoted name; accept a bare one too.
function indexColumnName(expression: string): string {
  return expression.length >= 2 && expression.startsWith('"') && expression.endsWith('"') ? expression : ident(expression);
}

/**
 * One index key: the operator class goes before the direction (PostgreSQL's grammar).
 * `NULLS` is written unless it is the ascending default, as drizzle-kit does, or `withNulls` is
 * false (CockroachDB, whose NULLs order follows the direction).
 */
export function indexKey(column: IndexColumnModel, withNulls = true): string {
  const target = column.isExpression ? parenthesised(column.expression) : indexColumnName(column.expression);
  const opClass = column.opClass === undefined ? '' : ` ${column.opClass}`;
  const direction = column.order === 'desc' ? ' DESC' : '';
  const nulls = !withNulls || (column.order === 'asc' && column.nulls === 'last') ? '' : ` NULLS ${column.nulls.toUpperCase()}`;
  return `${target}${opClass}${direction}${nulls}`;
}

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON "t" USING btree (...) WITH (...) WHERE ...`.
 * `CONCURRENTLY` cannot run inside a transaction block, so such a migration must not be wrapped in one.
 */
export function createIndex(table: TableRef, index: IndexModel): Statement {
  const withOptions =
    index.with && Object.keys(index.with).length > 0
      ? ` WITH (${Object.entries(index.with)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`
      : '';
  return {
    sql:
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX${index.concurrently ? ' CONCURRENTLY' : ''} ${ident(index.name)} ON ${tableName(table)} ` +
      `USING ${index.method ?? 'btree'} (${index.columns.map((c) => indexKey(c)).join(', ')})${withOptions}${index.where === undefined ? '' : ` WHERE ${index.where}`}`,
  };
}

/** Indexes live in their table's schema; the name is qualified so the drop does not depend on search_path. */
export function dropIndex(table: TableRef, index: IndexModel): Statement {
  return { sql: `DROP INDEX ${qualified(table.schema, index.name)}` };
}

/** `ALTER INDEX "schema"."a" RENAME TO "b"`. */
export function renameIndex(table: TableRef, from: string, to: string): Statement {
  return { sql: `ALTER INDEX ${qualified(table.schema, from)} RENAME TO ${ident(to)}` };
}

/**
 * `CREATE [MATERIALIZED] VIEW "s"."v" [USING m] [WITH (...)] [TABLESPACE t] AS (...) [WITH NO DATA]`.
 * The model keeps `WITH (...)` parameters as options named `with.<sql name>` (`with.check_option`),
 * next to `using`, `tablespace` and `withNoData`. A view with no definition exists outside the
 * schema's control and is never created.
 */
export function createView(view: ViewModel): Statement[] {
  if (view.definition === undefined) return [];
  const opts = view.options;
  const params = Object.entries(opts).filter(([key]) => key.startsWith('with.'));
  let sql = `CREATE ${view.materialized ? 'MATERIALIZED ' : ''}VIEW ${qualified(view.schema, view.name)}`;
  if (typeof opts.using === 'string') sql += ` USING ${ident(opts.using)}`;
  if (params.length > 0) sql += ` WITH (${params.map(([key, value]) => `${key.slice('with.'.length)} = ${String(value)}`).join(', ')})`;
  if (typeof opts.tablespace === 'string') sql += ` TABLESPACE ${ident(opts.tablespace)}`;
  sql += ` AS (${view.definition})`;
  if (opts.withNoData === true) sql += ' WITH NO DATA';
  return [{ sql }];
}

/** `DROP [MATERIALIZED] VIEW`; a view with no definition is not the schema's to drop. */
export function dropView(view: ViewModel): Statement[] {
  if (view.definition === undefined) return [];
  return [{ sql: `DROP ${view.materialized ? 'MATERIALIZED ' : ''}VIEW ${qualified(view.schema, view.name)}` }];
}

/** Renames a view, and moves it when the new side has another schema; views outside the schema's control are left alone. */
export function renameView(from: ViewModel, to: ViewModel): Statement[] {
  if (to.definition === undefined) return [];
  const kind = to.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
  const out: Statement[] = [];
  if (from.name !== to.name) out.push({ sql: `ALTER ${kind} ${qualified(from.schema, from.name)} RENAME TO ${ident(to.name)}` });
  if ((from.schema ?? 'public') !== (to.schema ?? 'public')) out.push({ sql: `ALTER ${kind} ${qualified(from.schema, to.name)} SET SCHEMA ${ident(to.schema ?? 'public')}` });
  return out;
}
