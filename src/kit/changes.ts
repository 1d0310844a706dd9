import type { CheckModel, ColumnModel, EnumModel, ForeignKeyModel, IndexModel, PolicyModel, PrimaryKeyModel, RoleModel, SequenceModel, Snapshot, TableModel, UniqueModel, ViewModel } from './model.js';

/**
 * What the shared differ produces: one change per thing that differs, in an order that respects
 * dependencies (schemas and enums before the tables that use them, foreign keys after both of
 * their tables, drops in reverse). Each dialect's DDL renderer turns the list into statements;
 * it may merge changes (SQLite turns a table's unsupported alters into one rebuild) but never
 * reorders across tables.
 *
 * A change that touches a table carries `table`, the table's name as the change sees it: after a
 * rename in the same migration, the new name.
 */
export interface TableRef {
  schema: string | undefined;
  name: string;
}

export type Change =
  | { kind: 'create_schema'; name: string }
  | { kind: 'drop_schema'; name: string }
  | { kind: 'rename_schema'; from: string; to: string }
  | { kind: 'create_role'; role: RoleModel }
  | { kind: 'drop_role'; role: RoleModel }
  | { kind: 'rename_role'; from: string; to: string }
  | { kind: 'alter_role'; from: RoleModel; to: RoleModel }
  | { kind: 'create_enum'; enum: EnumModel }
  | { kind: 'drop_enum'; enum: EnumModel }
  | { kind: 'rename_enum'; from: EnumModel; to: EnumModel }
  | { kind: 'move_enum'; enum: EnumModel; fromSchema: string | undefined }
  /** A value added to an enum; `before` is the existing value it goes before, if not last. */
  | { kind: 'add_enum_value'; enum: EnumModel; value: string; before: string | undefined }
  /**
   * An enum that lost values (or reordered them): recreated, and `columns` (every column that uses
   * it) converted. Destructive: rows holding a dropped value fail the conversion.
   */
  | { kind: 'recreate_enum'; from: EnumModel; to: EnumModel; columns: { table: TableRef; column: ColumnModel }[] }
  | { kind: 'create_sequence'; sequence: SequenceModel }
  | { kind: 'drop_sequence'; sequence: SequenceModel }
  | { kind: 'rename_sequence'; from: SequenceModel; to: SequenceModel }
  | { kind: 'alter_sequence'; from: SequenceModel; to: SequenceModel }
  /** A new table with its columns, primary key, uniques and checks (foreign keys and indexes come as their own changes). */
  | { kind: 'create_table'; table: TableModel }
  | { kind: 'drop_table'; table: TableModel }
  | { kind: 'rename_table'; from: TableRef; to: TableRef }
  | { kind: 'move_table'; table: TableRef; fromSchema: string | undefined }
  | { kind: 'add_column'; table: TableRef; column: ColumnModel }
  | { kind: 'drop_column'; table: TableRef; column: ColumnModel }
  | { kind: 'rename_column'; table: TableRef; from: string; to: string }
  /** One column's changes; only the listed aspects differ. */
  | { kind: 'alter_column'; table: TableRef; from: ColumnModel; to: ColumnModel; aspects: ColumnAspect[] }
  | { kind: 'add_primary_key'; table: TableRef; primaryKey: PrimaryKeyModel }
  | { kind: 'drop_primary_key'; table: TableRef; primaryKey: PrimaryKeyModel }
  /** The same key under a new name (a renamed table's default name): no rebuild of its index or of the foreign keys that use it. */
  | { kind: 'rename_primary_key'; table: TableRef; from: string; to: string }
  | { kind: 'add_foreign_key'; table: TableRef; foreignKey: ForeignKeyModel }
  | { kind: 'drop_foreign_key'; table: TableRef; foreignKey: ForeignKeyModel }
  | { kind: 'add_unique'; table: TableRef; unique: UniqueModel }
  | { kind: 'drop_unique'; table: TableRef; unique: UniqueModel }
  | { kind: 'add_check'; table: TableRef; check: CheckModel }
  | { kind: 'drop_check'; table: TableRef; check: CheckModel }
  | { kind: 'create_index'; table: TableRef; index: IndexModel }
  | { kind: 'drop_index'; table: TableRef; index: IndexModel }
  | { kind: 'rename_index'; table: TableRef; from: string; to: string }
  | { kind: 'enable_rls'; table: TableRef }
  | { kind: 'disable_rls'; table: TableRef }
  | { kind: 'create_policy'; table: TableRef; policy: PolicyModel }
  | { kind: 'drop_policy'; table: TableRef; policy: PolicyModel }
  | { kind: 'rename_policy'; table: TableRef; from: string; to: string }
  | { kind: 'alter_policy'; table: TableRef; from: PolicyModel; to: PolicyModel }
  | { kind: 'create_view'; view: ViewModel }
  | { kind: 'drop_view'; view: ViewModel }
  | { kind: 'rename_view'; from: ViewModel; to: ViewModel };

export type ColumnAspect = 'type' | 'notNull' | 'default' | 'generated' | 'identity' | 'autoincrement' | 'onUpdate';

export type ChangeKind = Change['kind'];

/** One statement of a migration. */
export interface Statement {
  sql: string;
  /** Why the statement can lose data, when it can; written above it as a comment. */
  destructive?: string;
}

/** What a renderer sees besides the changes: both ends of the migration. */
export interface RenderContext {
  from: Snapshot;
  to: Snapshot;
}
