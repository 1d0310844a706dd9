import type { Change, RenderContext, TableRef } from '../../../kit/changes.js';
import type { ColumnModel, ForeignKeyModel } from '../../../kit/model.js';
import { quoteId } from './ddl-sql.js';

/**
 * Where MySQL's rule "an AUTO_INCREMENT column must be part of a key" moves statements within
 * one table. The differ orders by kind across all tables (primary keys dropped before columns
 * change, added after), which works everywhere else but can leave an auto-increment column
 * without a key between two statements, and MySQL refuses that. So, within one table only:
 * - a column that loses AUTO_INCREMENT does so before its table's primary key is dropped;
 * - a primary key whose auto-increment column keeps AUTO_INCREMENT is dropped in the same
 *   statement that adds the new one (or that drops the column);
 * - a column that gains AUTO_INCREMENT (added or altered) gets it in, or right after, the
 *   statement that adds the key it belongs to.
 */
export interface KeyPlan {
  /** Changes rendered elsewhere, in a statement of another change. */
  skip: Set<number>;
  /** Changes rendered right before the change at the key. */
  before: Map<number, number[]>;
  /** Changes rendered right after the change at the key. */
  after: Map<number, number[]>;
  /** Changes whose `ALTER TABLE` starts with `DROP PRIMARY KEY` (a drop moved into them). */
  dropPrimaryKeyFirst: Set<number>;
  /** Key-adding changes whose `ALTER TABLE` also adds these columns (before the key). */
  addColumns: Map<number, ColumnModel[]>;
}

function tableKey(ref: TableRef): string {
  return `${ref.schema ?? ''}.${ref.name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The key columns a change adds: a primary key's, a unique constraint's. */
function addedKeyColumns(change: Change): string[] | undefined {
  if (change.kind === 'add_primary_key') return change.primaryKey.columns;
  if (change.kind === 'add_unique') return change.unique.columns;
  return undefined;
}

/** Decides the moves above for a change list. */
export function planKeys(changes: readonly Change[], ctx: RenderContext): KeyPlan {
  const plan: KeyPlan = { skip: new Set(), before: new Map(), after: new Map(), dropPrimaryKeyFirst: new Set(), addColumns: new Map() };
  const byTable = new Map<string, number[]>();
  changes.forEach((change, i) => {
    if (change.kind !== 'create_table' && change.kind !== 'drop_table' && 'table' in change) push(byTable, tableKey(change.table), i);
  });

  for (const indices of byTable.values()) {
    const firstKeyAfter = (i: number, column: string) => indices.find((j) => j > i && (addedKeyColumns(changes[j]!) ?? []).includes(column));

    // A column gaining AUTO_INCREMENT waits for the key it belongs to.
    for (const i of indices) {
      const change = changes[i]!;
      if (change.kind === 'add_column' && change.column.autoincrement) {
        const key = firstKeyAfter(i, change.column.name);
        if (key !== undefined) {
          plan.skip.add(i);
          push(plan.addColumns, key, change.column);
        }
      } else if (change.kind === 'alter_column' && change.to.autoincrement && !change.from.autoincrement) {
        const key = firstKeyAfter(i, change.to.name);
        if (key !== undefined) {
          plan.skip.add(i);
          push(plan.after, key, i);
        }
      }
    }

    const drop = indices.find((i) => changes[i]!.kind === 'drop_primary_key');
    if (drop === undefined) continue;
    const table = (changes[drop] as Extract<Change, { kind: 'drop_primary_key' }>).table;

    // A column losing AUTO_INCREMENT loses it while the old key still holds it.
    for (const i of indices) {
      const change = changes[i]!;
      if (i > drop && change.kind === 'alter_column' && change.from.autoincrement && !change.to.autoincrement) {
        plan.skip.add(i);
        push(plan.before, drop, i);
      }
    }

    // A column that stays auto-increment must not be left without a key: the drop joins the
    // statement that drops that column or adds the next primary key.
    const touched = new Set<string>();
    for (const i of indices) {
      const change = changes[i]!;
      if (change.kind === 'add_column') touched.add(change.column.name);
      if (change.kind === 'alter_column' && change.aspects.includes('autoincrement')) touched.add(change.to.name);
    }
    const toTable = ctx.to.tables.find((t) => t.schema === table.schema && t.name === table.name);
    const keeps = toTable?.columns.find((c) => c.autoincrement && !touched.has(c.name));
    const droppedAuto = indices.find((i) => {
      const change = changes[i]!;
      return i > drop && change.kind === 'drop_column' && change.column.autoincrement;
    });
    const nextKey = keeps === undefined ? undefined : (firstKeyAfter(drop, keeps.name) ?? indices.find((i) => i > drop && changes[i]!.kind === 'add_primary_key'));
    const target = droppedAuto ?? nextKey;
    if (target === undefined) continue;
    plan.skip.add(drop);
    plan.dropPrimaryKeyFirst.add(target);
    const moved = plan.before.get(drop);
    if (moved) {
      plan.before.delete(drop);
      for (const i of moved) push(plan.before, target, i);
    }
    // While the old key holds a column, MySQL keeps it NOT NULL whatever MODIFY says; a column
    // becoming nullable therefore waits until the key is gone.
    for (const i of indices) {
      const change = changes[i]!;
      if (i > drop && i < target && !plan.skip.has(i) && change.kind === 'alter_column' && change.from.notNull && !change.to.notNull) {
        plan.skip.add(i);
        push(plan.after, target, i);
      }
    }
  }
  return plan;
}

/**
 * Whether InnoDB made an index for the foreign key `fk` (named after it) that dropping the key
 * leaves behind: it adds one when no index of the table starts with the key's columns, and the
 * kit's models never hold it (introspection leaves it out). Found by the key's name in the
 * migration's old side, since MySQL names foreign keys uniquely per database; a key dropped with
 * its table needs nothing.
 */
export function leavesForeignKeyIndex(ctx: RenderContext, table: TableRef, fk: ForeignKeyModel): boolean {
  if (!ctx.to.tables.some((t) => tableKey(t) === tableKey(table))) return false;
  const owner = ctx.from.tables.find((t) => t.foreignKeys.some((k) => k.name === fk.name));
  const old = owner?.foreignKeys.find((k) => k.name === fk.name);
  if (owner === undefined || old === undefined) return false;
  const starts = (columns: string[]): boolean => old.columns.every((c, i) => columns[i] === c);
  if (owner.primaryKey !== undefined && starts(owner.primaryKey.columns)) return false;
  if (owner.uniques.some((u) => starts(u.columns))) return false;
  const quoted = old.columns.map(quoteId);
  return !owner.indexes.some((index) => index.name === fk.name || old.columns.every((_, i) => index.columns[i]?.isExpression === false && index.columns[i]?.expression === quoted[i]));
}
