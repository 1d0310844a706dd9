import type { Change, RenderContext, Statement } from '../../../kit/changes.js';
import { UnsupportedError } from '../../../core/errors.js';
import { alterPolicy, alterRole, createPolicy, createRole, dropPolicy, dropRole, renamePolicy, renameRole } from './ddl-access.js';
import { addColumn, alterColumn, dropColumn } from './ddl-columns.js';
import { ident, tableName } from './ddl-names.js';
import { createIndex, createView, dropIndex, dropView, renameIndex, renameView } from './ddl-relations.js';
import { addCheck, addForeignKey, addPrimaryKey, addUnique, createTable, disableRls, dropConstraint, dropTable, enableRls, moveTable, renameColumn, renameTable } from './ddl-tables.js';
import { addEnumValue, alterSequence, createEnum, createSequence, dropEnum, dropSequence, moveEnum, recreateEnum, renameEnum, renameSequence } from './ddl-types.js';

/**
 * PostgreSQL DDL for the differ's changes, in their order, in drizzle-kit's forms: tables in
 * `public` unqualified, enums, sequences, views and referenced tables schema-qualified.
 *
 * @example
 * ```ts
 * const statements = pgRender([{ kind: 'create_schema', name: 'app' }], { from, to });
 * // [{ sql: 'CREATE SCHEMA "app"' }]
 * ```
 *
 * `render` turns one change into statements (default `renderChange`): a dialect that shares
 * PostgreSQL's DDL (CockroachDB) passes its own, which handles what differs and hands the rest
 * back to `renderChange`.
 */
export function pgRender(changes: readonly Change[], ctx: RenderContext, render: (change: Change) => Statement[] = renderChange): Statement[] {
  void ctx;
  // Statements another change has already covered: `CREATE TABLE` enables RLS for a table that
  // has it, and a rename across schemas moves the table or enum too, whether or not the list also
  // carries the move.
  const covered = new Set<string>();
  const out: Statement[] = [];
  for (const change of changes) {
    const key = coveredKey(change);
    if (key !== undefined && covered.has(key)) continue;
    if (change.kind === 'create_table') covered.add(`enable_rls:${keyOf(change.table)}`);
    if (change.kind === 'rename_table' && schemaOf(change.from) !== schemaOf(change.to)) covered.add(`move_table:${keyOf(change.to)}:${schemaOf(change.from)}`);
    if (change.kind === 'rename_enum' && schemaOf(change.from) !== schemaOf(change.to)) covered.add(`move_enum:${keyOf(change.to)}:${schemaOf(change.from)}`);
    out.push(...render(change));
  }
  return out;
}

const schemaOf = (obj: { schema: string | undefined }) => obj.schema ?? 'public';
const keyOf = (obj: { schema: string | undefined; name: string }) => `${schemaOf(obj)}.${obj.name}`;

function coveredKey(change: Change): string | undefined {
  if (change.kind === 'enable_rls') return `enable_rls:${keyOf(change.table)}`;
  if (change.kind === 'move_table') return `move_table:${keyOf(change.table)}:${change.fromSchema ?? 'public'}`;
  if (change.kind === 'move_enum') return `move_enum:${keyOf(change.enum)}:${change.fromSchema ?? 'public'}`;
  return undefined;
}

/** The statements of one change, on their own. */
export function renderChange(change: Change): Statement[] {
  switch (change.kind) {
    case 'create_schema':
      return [{ sql: `CREATE SCHEMA ${ident(change.name)}` }];
    case 'drop_schema':
      return [{ sql: `DROP SCHEMA ${ident(change.name)}`, destructive: `drops schema ${change.name}` }];
    case 'rename_schema':
      return [{ sql: `ALTER SCHEMA ${ident(change.from)} RENAME TO ${ident(change.to)}` }];
    case 'create_role':
      return [createRole(change.role)];
    case 'drop_role':
      return [dropRole(change.role)];
    case 'rename_role':
      return [renameRole(change.from, change.to)];
    case 'alter_role':
      return [alterRole(change.to)];
    case 'create_enum':
      return [createEnum(change.enum)];
    case 'drop_enum':
      return [dropEnum(change.enum)];
    case 'rename_enum':
      return renameEnum(change.from, change.to);
    case 'move_enum':
      return [moveEnum(change.enum, change.fromSchema)];
    case 'add_enum_value':
      return [addEnumValue(change.enum, change.value, change.before)];
    case 'recreate_enum':
      return recreateEnum(change.from, change.to, change.columns);
    case 'create_sequence':
      return [createSequence(change.sequence)];
    case 'drop_sequence':
      return [dropSequence(change.sequence)];
    case 'rename_sequence':
      return renameSequence(change.from, change.to);
    case 'alter_sequence':
      return alterSequence(change.from, change.to);
    case 'create_table':
      return createTable(change.table);
    case 'drop_table':
      return [dropTable(change.table)];
    case 'rename_table':
      return renameTable(change.from, change.to);
    case 'move_table':
      return [moveTable(change.table, change.fromSchema)];
    case 'add_column':
      return [addColumn(change.table, change.column)];
    case 'drop_column':
      return [dropColumn(change.table, change.column)];
    case 'rename_column':
      return [renameColumn(change.table, change.from, change.to)];
    case 'alter_column':
      return alterColumn(change.table, change.from, change.to, change.aspects);
    case 'add_primary_key':
      return [addPrimaryKey(change.table, change.primaryKey)];
    case 'drop_primary_key':
      return [dropConstraint(change.table, change.primaryKey.name)];
    case 'add_foreign_key':
      return [addForeignKey(change.table, change.foreignKey)];
    case 'drop_foreign_key':
      return [dropConstraint(change.table, change.foreignKey.name)];
    case 'add_unique':
      return [addUnique(change.table, change.unique)];
    case 'drop_unique':
      return [dropConstraint(change.table, change.unique.name)];
    case 'add_check':
      return [addCheck(change.table, change.check)];
    case 'drop_check':
      return [dropConstraint(change.table, change.check.name)];
    case 'create_index':
      return [createIndex(change.table, change.index)];
    case 'drop_index':
      return [dropIndex(change.table, change.index)];
    case 'rename_index':
      return [renameIndex(change.table, change.from, change.to)];
    case 'rename_primary_key':
      return [{ sql: `ALTER TABLE ${tableName(change.table)} RENAME CONSTRAINT ${ident(change.from)} TO ${ident(change.to)}` }];
    case 'enable_rls':
      return [enableRls(change.table)];
    case 'disable_rls':
      return [disableRls(change.table)];
    case 'create_policy':
      return [createPolicy(change.table, change.policy)];
    case 'drop_policy':
      return [dropPolicy(change.table, change.policy)];
    case 'rename_policy':
      return [renamePolicy(change.table, change.from, change.to)];
    case 'alter_policy':
      return alterPolicy(change.table, change.from, change.to);
    case 'create_view':
      return createView(change.view);
    case 'drop_view':
      return dropView(change.view);
    case 'rename_view':
      return renameView(change.from, change.to);
    default:
      throw new UnsupportedError(`postgresql: cannot render change "${(change as { kind: string }).kind}"`);
  }
}
