import { SluiceError } from '../../../core/errors.js';
import type { Change, RenderContext } from '../../../kit/changes.js';
import type { ColumnModel, ForeignKeyModel, TableModel } from '../../../kit/model.js';
import { isConstantDefault, isNullDefault, mentions } from './ddl-sql.js';

/** A change that belongs to one table and that a rebuild of that table absorbs. */
export type TableChange = Extract<Change, { table: { name: string } }>;

const tableScoped = new Set<Change['kind']>([
  'add_column',
  'drop_column',
  'rename_column',
  'alter_column',
  'add_primary_key',
  'drop_primary_key',
  'add_foreign_key',
  'drop_foreign_key',
  'add_unique',
  'drop_unique',
  'add_check',
  'drop_check',
  'create_index',
  'drop_index',
  'rename_index',
]);

export function isTableChange(change: Change): change is TableChange {
  return tableScoped.has(change.kind);
}

/**
 * What the renderer decides before writing anything: which tables are new (their foreign keys
 * go inline), which existing tables must be rebuilt (and with which of their changes), and which
 * single-column foreign keys ride on their `ADD COLUMN`.
 */
export interface RenderPlan {
  /** New tables and the foreign keys folded into their CREATE TABLE. */
  created: Map<string, ForeignKeyModel[]>;
  /** Tables to rebuild, each with every change of the list that touches it. */
  rebuilds: Map<string, TableChange[]>;
  /** `table\0column` of added columns that carry their foreign key as `REFERENCES`. */
  inlineReferences: Map<string, ForeignKeyModel>;
  /** The name each table had in `ctx.from`, for tables renamed in this list. */
  previousName: Map<string, string>;
  /**
   * Tables the list drops. The differ drops their foreign keys first (so that drop order never
   * matters); on SQLite `DROP TABLE` takes those with it, and dropping them alone would mean a
   * rebuild of a table that is about to go.
   */
  dropped: Set<string>;
}

const key = (table: string, column: string): string => `${table}\0${column}`;

/** Plans a change list: see `RenderPlan`. */
export function planRender(changes: readonly Change[], ctx: RenderContext): RenderPlan {
  const created = new Map<string, ForeignKeyModel[]>();
  const previousName = new Map<string, string>();
  const byTable = new Map<string, TableChange[]>();
  const dropped = new Set<string>();
  const reused = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'drop_table') dropped.add(change.table.name);
    else if (change.kind === 'create_table') reused.add(change.table.name);
    else if (change.kind === 'rename_table') reused.add(change.to.name);
  }
  for (const name of reused) dropped.delete(name);
  for (const change of changes) {
    if (change.kind === 'create_table') created.set(change.table.name, []);
    else if (change.kind === 'rename_table') previousName.set(change.to.name, previousName.get(change.from.name) ?? change.from.name);
    else if (isTableChange(change) && !isDropOnDroppedTable(change, dropped)) {
      const list = byTable.get(change.table.name) ?? [];
      list.push(change);
      byTable.set(change.table.name, list);
    }
  }

  const rebuilds = new Map<string, TableChange[]>();
  const inlineReferences = new Map<string, ForeignKeyModel>();
  for (const [table, list] of byTable) {
    const fks = created.get(table);
    if (fks !== undefined) {
      for (const c of list) if (c.kind === 'add_foreign_key') fks.push(c.foreignKey);
      continue;
    }
    const to = () => findTable(ctx.to.tables, table, 'the target schema');
    const from = () => findTable(ctx.from.tables, previousName.get(table) ?? table, 'the previous schema');
    const added = new Map(list.flatMap((c) => (c.kind === 'add_column' ? [[c.column.name, c.column] as const] : [])));
    const droppedIndexes = new Set(list.flatMap((c) => (c.kind === 'drop_index' ? [c.index.name] : c.kind === 'drop_unique' ? [c.unique.name] : [])));
    const references = new Map<string, ForeignKeyModel>();
    let rebuild = false;
    for (const c of list) {
      if (isRebuildChange(c)) {
        rebuild = true;
        continue;
      }
      switch (c.kind) {
        case 'add_foreign_key': {
          const column = c.foreignKey.columns.length === 1 ? added.get(c.foreignKey.columns[0]!) : undefined;
          if (column !== undefined && canAddColumn(column, to(), c.foreignKey)) references.set(column.name, c.foreignKey);
          else rebuild = true;
          break;
        }
        case 'add_column':
          if (!canAddColumn(c.column, to(), undefined)) rebuild = true;
          break;
        case 'drop_column':
          if (!canDropColumn(c.column.name, from(), droppedIndexes)) rebuild = true;
          break;
        default:
          break;
      }
    }
    if (rebuild) rebuilds.set(table, list);
    else for (const [column, fk] of references) inlineReferences.set(key(table, column), fk);
  }
  return { created, rebuilds, inlineReferences, previousName, dropped };
}

const rebuildKinds = ['alter_column', 'add_primary_key', 'drop_primary_key', 'drop_foreign_key', 'add_check', 'drop_check'] as const;

/** A change SQLite's `ALTER TABLE` has no statement for: on an existing table it rebuilds the table. */
export function isRebuildChange(change: Change): change is Extract<Change, { kind: (typeof rebuildKinds)[number] }> {
  return (rebuildKinds as readonly string[]).includes(change.kind);
}

/** A key, index or check dropped from a table that the same list drops: `DROP TABLE` covers it. */
export function isDropOnDroppedTable(change: TableChange, dropped: ReadonlySet<string>): boolean {
  return dropped.has(change.table.name) && change.kind.startsWith('drop_');
}

/** The foreign key an added column carries inline, if the plan folded one into it. */
export function inlineReference(plan: RenderPlan, table: string, column: string): ForeignKeyModel | undefined {
  return plan.inlineReferences.get(key(table, column));
}

export function findTable(tables: readonly TableModel[], name: string, where: string): TableModel {
  const table = tables.find((t) => t.name === name);
  if (table === undefined) throw new SluiceError(`SQLite DDL: table \`${name}\` is not in ${where}, but the change list alters it`);
  return table;
}

/**
 * What `ALTER TABLE ... ADD COLUMN` accepts (sqlite.org/lang_altertable.html): no primary key or
 * AUTOINCREMENT, no stored generated column, a constant default (no CURRENT_* or expression),
 * NOT NULL only with a non-null default, and a REFERENCES clause only with a NULL default.
 */
export function canAddColumn(column: ColumnModel, table: TableModel, fk: ForeignKeyModel | undefined): boolean {
  if (table.primaryKey?.columns.includes(column.name)) return false;
  if (column.autoincrement) return false;
  if (column.generated !== undefined) return column.generated.type === 'virtual' && fk === undefined;
  if (column.default !== undefined && !isConstantDefault(column.default)) return false;
  if (column.notNull && isNullDefault(column.default)) return false;
  if (fk !== undefined && !isNullDefault(column.default)) return false;
  return true;
}

/**
 * What `ALTER TABLE ... DROP COLUMN` accepts: the column is in no primary key, foreign key,
 * check or generated expression, and every index or unique on it is dropped by the same list
 * (the renderer drops those first).
 */
export function canDropColumn(column: string, table: TableModel, droppedIndexes: ReadonlySet<string>): boolean {
  if (table.primaryKey?.columns.includes(column)) return false;
  if (table.foreignKeys.some((fk) => fk.columns.includes(column))) return false;
  if (table.checks.some((c) => mentions(c.expression, column))) return false;
  if (table.columns.some((c) => c.name !== column && c.generated !== undefined && mentions(c.generated.as, column))) return false;
  for (const name of indexesOn(table, column)) if (!droppedIndexes.has(name)) return false;
  return true;
}

/** Names of the table's indexes and uniques that use `column`. */
export function indexesOn(table: TableModel, column: string): string[] {
  const names: string[] = [];
  for (const index of table.indexes) {
    const uses = index.columns.some((c) => mentions(c.expression, column)) || (index.where !== undefined && mentions(index.where, column));
    if (uses) names.push(index.name);
  }
  for (const unique of table.uniques) if (unique.columns.includes(column)) names.push(unique.name);
  return names;
}
