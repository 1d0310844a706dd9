import type { Change } from '../../src/kit/changes.js';
import type { DiffResult } from '../../src/kit/diff.js';
import { qualifiedName, type ColumnModel, type ForeignKeyModel, type IndexModel, type PolicyModel, type SchemaModel } from '../../src/kit/model.js';
import { column, foreignKey, index, indexColumn, policy as policyModel, schemaModel } from './support/model-builders.js';

/** The differ tests' short names for the shared model builders, with PostgreSQL's defaults. */
export const col = (name: string, type = 'integer', extra: Partial<ColumnModel> = {}): ColumnModel => column(name, type, extra);
export { table, enumModel as enumOf, sequence as seq, view, role } from './support/model-builders.js';
export const fk = (name: string, columns: string[], tableTo: string, columnsTo: string[], extra: Partial<ForeignKeyModel> = {}): ForeignKeyModel => foreignKey(name, columns, tableTo, columnsTo, extra);
export const idx = (name: string, columns: string[], extra: Partial<IndexModel> = {}): IndexModel =>
  index(
    name,
    columns.map((c) => indexColumn(c)),
    extra,
  );
/** A policy for `public`, the role the differ tests grant to unless they say otherwise. */
export const policy = (name: string, extra: Partial<PolicyModel> = {}): PolicyModel => policyModel(name, { to: ['public'], ...extra });
export const model = (parts: Partial<SchemaModel> = {}): SchemaModel => schemaModel('postgresql', parts);

/** One line per change, naming what it touches, so a test reads the whole migration at a glance. */
export function line(c: Change): string {
  const t = (ref: { schema: string | undefined; name: string }): string => qualifiedName(ref);
  switch (c.kind) {
    case 'create_schema':
    case 'drop_schema':
      return `${c.kind} ${c.name}`;
    case 'rename_schema':
    case 'rename_role':
      return `${c.kind} ${c.from} -> ${c.to}`;
    case 'create_role':
    case 'drop_role':
      return `${c.kind} ${c.role.name}`;
    case 'alter_role':
      return `${c.kind} ${c.to.name}`;
    case 'create_enum':
    case 'drop_enum':
      return `${c.kind} ${t(c.enum)}`;
    case 'rename_enum':
    case 'rename_sequence':
    case 'rename_view':
      return `${c.kind} ${t(c.from)} -> ${t(c.to)}`;
    case 'move_enum':
      return `${c.kind} ${c.fromSchema}.${c.enum.name} -> ${t(c.enum)}`;
    case 'add_enum_value':
      return `${c.kind} ${t(c.enum)} ${c.value}${c.before === undefined ? '' : ` before ${c.before}`}`;
    case 'recreate_enum':
      return `${c.kind} ${t(c.to)} (${c.columns.map((u) => `${t(u.table)}.${u.column.name}`).join(', ')})`;
    case 'create_sequence':
    case 'drop_sequence':
      return `${c.kind} ${t(c.sequence)}`;
    case 'alter_sequence':
      return `${c.kind} ${t(c.to)}`;
    case 'create_table':
    case 'drop_table':
      return `${c.kind} ${t(c.table)}`;
    case 'rename_table':
      return `${c.kind} ${t(c.from)} -> ${t(c.to)}`;
    case 'move_table':
      return `${c.kind} ${c.fromSchema}.${c.table.name} -> ${t(c.table)}`;
    case 'add_column':
    case 'drop_column':
      return `${c.kind} ${t(c.table)}.${c.column.name}`;
    case 'rename_column':
    case 'rename_index':
    case 'rename_primary_key':
    case 'rename_policy':
      return `${c.kind} ${t(c.table)}.${c.from} -> ${c.to}`;
    case 'alter_column':
      return `${c.kind} ${t(c.table)}.${c.to.name} [${c.aspects.join(', ')}]`;
    case 'add_primary_key':
    case 'drop_primary_key':
      return `${c.kind} ${t(c.table)}.${c.primaryKey.name}`;
    case 'add_foreign_key':
    case 'drop_foreign_key':
      return `${c.kind} ${t(c.table)}.${c.foreignKey.name}`;
    case 'add_unique':
    case 'drop_unique':
      return `${c.kind} ${t(c.table)}.${c.unique.name}`;
    case 'add_check':
    case 'drop_check':
      return `${c.kind} ${t(c.table)}.${c.check.name}`;
    case 'create_index':
    case 'drop_index':
      return `${c.kind} ${t(c.table)}.${c.index.name}`;
    case 'enable_rls':
    case 'disable_rls':
      return `${c.kind} ${t(c.table)}`;
    case 'create_policy':
    case 'drop_policy':
      return `${c.kind} ${t(c.table)}.${c.policy.name}`;
    case 'alter_policy':
      return `${c.kind} ${t(c.table)}.${c.to.name}`;
    case 'create_view':
    case 'drop_view':
      return `${c.kind} ${t(c.view)}`;
  }
}

/** The change lines of a result that must be `ok`. */
export function lines(result: DiffResult): string[] {
  if (result.status !== 'ok') throw new Error(`expected changes, got questions: ${JSON.stringify(result.questions)}`);
  return result.changes.map(line);
}

/** The questions of a result that must ask. */
export function questionsOf(result: DiffResult): Extract<DiffResult, { status: 'questions' }>['questions'] {
  if (result.status !== 'questions') throw new Error(`expected questions, got changes: ${result.changes.map(line).join('; ')}`);
  return result.questions;
}
