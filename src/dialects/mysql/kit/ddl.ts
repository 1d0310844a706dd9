import { UnsupportedError } from '../../../core/errors.js';
import type { Change, RenderContext, Statement, TableRef } from '../../../kit/changes.js';
import type { ColumnModel } from '../../../kit/model.js';
import { type KeyPlan, leavesForeignKeyIndex, planKeys } from './ddl-keys.js';
import { addForeignKey, checkClause, columnDefinition, createIndex, createTable, createView, primaryKeyClause, quoteId, tableName, uniqueClause } from './ddl-sql.js';

/**
 * The MySQL statements for the shared differ's changes, in their order, written so that MySQL 8
 * and MariaDB 10.11 both run them. Within one table a statement may move next to a key change
 * (see `planKeys`); nothing moves across tables. Schemas, sequences, roles, policies, row-level
 * security and PostgreSQL enums throw `UnsupportedError`.
 *
 * @example
 * const statements = mysqlRender(changes, { from, to });
 * // [{ sql: 'ALTER TABLE `users` ADD `age` int NOT NULL DEFAULT 0' }]
 */
export function mysqlRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  const plan = planKeys(changes, ctx);
  const out: Statement[] = [];
  const emit = (i: number): void => {
    for (const j of plan.before.get(i) ?? []) out.push(...renderChange(changes[j]!, j, plan, ctx));
    out.push(...renderChange(changes[i]!, i, plan, ctx));
    for (const j of plan.after.get(i) ?? []) out.push(...renderChange(changes[j]!, j, plan, ctx));
  };
  changes.forEach((_, i) => {
    if (!plan.skip.has(i)) emit(i);
  });
  return out;
}

function unsupported(change: Change, what: string): UnsupportedError {
  return new UnsupportedError(`mysql: ${what} (change ${change.kind}); MySQL has none`);
}

function alterTable(table: TableRef, clauses: string[]): string {
  return `ALTER TABLE ${tableName(table)} ${clauses.join(', ')}`;
}

/** `ADD` clauses for auto-increment columns that join the statement adding their key. */
function keyPrefix(table: TableRef, i: number, plan: KeyPlan): string[] {
  const clauses: string[] = [];
  if (plan.dropPrimaryKeyFirst.has(i)) clauses.push('DROP PRIMARY KEY');
  for (const column of plan.addColumns.get(i) ?? []) clauses.push(`ADD ${columnDefinition(table, column)}`);
  return clauses;
}

function renderChange(change: Change, i: number, plan: KeyPlan, ctx: RenderContext): Statement[] {
  switch (change.kind) {
    case 'create_schema':
    case 'drop_schema':
    case 'rename_schema':
      throw unsupported(change, 'schemas are databases and the kit does not manage them');
    case 'create_role':
    case 'drop_role':
    case 'rename_role':
    case 'alter_role':
      throw unsupported(change, 'roles are not managed by the kit');
    case 'create_enum':
    case 'drop_enum':
    case 'rename_enum':
    case 'move_enum':
    case 'add_enum_value':
    case 'recreate_enum':
      throw unsupported(change, 'enums are column types (`enum(...)`), not objects of their own');
    case 'create_sequence':
    case 'drop_sequence':
    case 'rename_sequence':
    case 'alter_sequence':
      throw unsupported(change, 'sequences are not supported');
    case 'enable_rls':
    case 'disable_rls':
    case 'create_policy':
    case 'drop_policy':
    case 'rename_policy':
    case 'alter_policy':
      throw unsupported(change, 'row-level security and policies are not supported');
    case 'move_table':
      throw unsupported(change, `table ${change.table.name} moves between schemas, which are databases the kit does not manage`);

    case 'create_table':
      return [{ sql: createTable(change.table) }];
    case 'drop_table':
      return [{ sql: `DROP TABLE ${tableName(change.table)}`, destructive: `drops table ${change.table.name} and its rows` }];
    case 'rename_table':
      return [{ sql: `RENAME TABLE ${tableName(change.from)} TO ${tableName(change.to)}` }];

    case 'add_column':
      return [{ sql: alterTable(change.table, [`ADD ${columnDefinition(change.table, change.column)}`]) }];
    case 'drop_column': {
      const clauses = plan.dropPrimaryKeyFirst.has(i) ? ['DROP PRIMARY KEY'] : [];
      clauses.push(`DROP COLUMN ${quoteId(change.column.name)}`);
      return [{ sql: alterTable(change.table, clauses), destructive: `drops column ${change.column.name} of ${change.table.name} and its values` }];
    }
    case 'rename_column':
      return [{ sql: alterTable(change.table, [`RENAME COLUMN ${quoteId(change.from)} TO ${quoteId(change.to)}`]) }];
    case 'alter_column':
      return alterColumn(change.table, change.from, change.to, change.aspects);

    case 'add_primary_key': {
      const clauses = keyPrefix(change.table, i, plan);
      clauses.push(`ADD ${primaryKeyClause(change.primaryKey)}`);
      return [{ sql: alterTable(change.table, clauses) }];
    }
    case 'drop_primary_key':
      return [{ sql: alterTable(change.table, ['DROP PRIMARY KEY']) }];
    case 'add_unique': {
      const clauses = keyPrefix(change.table, i, plan);
      clauses.push(`ADD ${uniqueClause(change.table, change.unique)}`);
      return [{ sql: alterTable(change.table, clauses) }];
    }
    case 'drop_unique':
      return [{ sql: alterTable(change.table, [`DROP INDEX ${quoteId(change.unique.name)}`]) }];
    case 'add_foreign_key':
      return [{ sql: addForeignKey(change.table, change.foreignKey) }];
    case 'drop_foreign_key': {
      const drop: Statement[] = [{ sql: alterTable(change.table, [`DROP FOREIGN KEY ${quoteId(change.foreignKey.name)}`]) }];
      // Otherwise the index InnoDB made for the key stays, in no model, and blocks an index of that name.
      if (leavesForeignKeyIndex(ctx, change.table, change.foreignKey)) drop.push({ sql: `DROP INDEX ${quoteId(change.foreignKey.name)} ON ${tableName(change.table)}` });
      return drop;
    }
    case 'add_check':
      return [{ sql: alterTable(change.table, [`ADD ${checkClause(change.check)}`]) }];
    case 'drop_check':
      return [{ sql: alterTable(change.table, [`DROP CONSTRAINT ${quoteId(change.check.name)}`]) }];
    case 'create_index':
      return [{ sql: createIndex(change.table, change.index) }];
    case 'drop_index':
      return [{ sql: `DROP INDEX ${quoteId(change.index.name)} ON ${tableName(change.table)}` }];
    case 'rename_index':
      return [{ sql: alterTable(change.table, [`RENAME INDEX ${quoteId(change.from)} TO ${quoteId(change.to)}`]) }];
    case 'rename_primary_key':
      // MySQL calls every primary key PRIMARY; there is no other name to change.
      return [];

    // A view the database already has (`.existing()`) is not the migration's to create or drop.
    case 'create_view':
      return change.view.definition === undefined ? [] : [{ sql: createView(change.view, change.view.definition) }];
    case 'drop_view':
      if (change.view.materialized) throw unsupported(change, `view ${change.view.name} is materialized, and materialized views are not supported`);
      return change.view.definition === undefined ? [] : [{ sql: `DROP VIEW ${tableName(change.view)}` }];
    case 'rename_view':
      if (change.from.definition === undefined) return [];
      return [{ sql: `RENAME TABLE ${tableName(change.from)} TO ${tableName(change.to)}` }];
  }
}

/**
 * `MODIFY COLUMN` with the column's whole new definition. MariaDB cannot turn a virtual
 * generated column into a plain one or back, so those are dropped and added again.
 */
function alterColumn(table: TableRef, from: ColumnModel, to: ColumnModel, aspects: readonly string[]): Statement[] {
  const modify = alterTable(table, [`MODIFY COLUMN ${columnDefinition(table, to)}`]);
  const reasons: string[] = [];
  if (aspects.includes('type')) reasons.push(`changes the type of ${table.name}.${to.name} from ${from.type} to ${to.type}`);
  if (aspects.includes('generated')) {
    const wasVirtual = from.generated?.type === 'virtual';
    const isVirtual = to.generated?.type === 'virtual';
    if (wasVirtual !== isVirtual) {
      const keepsNothing = from.generated === undefined || to.generated === undefined;
      const drop: Statement = { sql: alterTable(table, [`DROP COLUMN ${quoteId(to.name)}`]) };
      if (keepsNothing) drop.destructive = `drops and adds ${table.name}.${to.name} to change how it is generated; its values are not kept`;
      return [drop, { sql: alterTable(table, [`ADD ${columnDefinition(table, to)}`]) }];
    }
    if (from.generated === undefined) reasons.push(`replaces the values of ${table.name}.${to.name} with its generated expression`);
  }
  return [reasons.length > 0 ? { sql: modify, destructive: reasons.join('; ') } : { sql: modify }];
}
