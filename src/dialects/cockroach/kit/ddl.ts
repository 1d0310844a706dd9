/**
 * CockroachDB's DDL: PostgreSQL's renderer (`pgRender`) with CockroachDB's differences handled
 * here, change by change, and everything else written as PostgreSQL writes it. Decisions:
 * - Types are written in a spelling both databases read as the same type (`string` -> `text`,
 *   see `ddlType`), so a migration's statements that use no CockroachDB-only feature also run on
 *   PostgreSQL.
 * - Index creation is online in CockroachDB: `CONCURRENTLY` is never written.
 * - A hash-sharded index (`method: 'hash'`) is `CREATE INDEX ... (...) USING HASH [WITH
 *   (bucket_count = n)]`; an inverted index (`method: 'gin'`) is `USING gin (...)`, which both
 *   databases read; a forward index names no method and no `NULLS` order (see `createIndex`).
 * - A column type change is preceded, once per migration, by
 *   `SET enable_experimental_alter_column_type_general = true`: CockroachDB before 25.1 refuses
 *   most type changes (anything that rewrites the column) without it, and 25.1 made them generally
 *   available. Such a change cannot run inside an explicit transaction before 25.1, so `generate`
 *   starts a migration that holds one with `-- sluice:no-transaction` (`outsideTransaction`), and
 *   the runner applies it statement by statement, recording its progress.
 * - A primary key swap (the key dropped and another added on the same table) is one
 *   `ALTER TABLE ... DROP CONSTRAINT ..., ADD CONSTRAINT ... PRIMARY KEY (...)`: CockroachDB
 *   refuses a table left without its primary key. Dropping a key without adding one is refused
 *   here with the reason.
 * - A unique constraint is dropped as the index it is (`DROP INDEX ... CASCADE`), since CockroachDB
 *   refuses `DROP CONSTRAINT` for one.
 * - An enum that only lost values drops them (`ALTER TYPE ... DROP VALUE`); one whose values were
 *   reordered is recreated as on PostgreSQL, converting its columns through text.
 */
import { UnsupportedError } from '../../../core/errors.js';
import type { Change, RenderContext, Statement, TableRef } from '../../../kit/changes.js';
import type { ColumnModel, EnumModel, IndexModel, TableModel } from '../../../kit/model.js';
import { ident, literal, qualified, tableName } from '../../pg/kit/ddl-names.js';
import { indexKey } from '../../pg/kit/ddl-relations.js';
import { pgRender, renderChange } from '../../pg/kit/ddl.js';
import { ddlType } from './types.js';

/** The session setting CockroachDB before 25.1 needs for column type changes that rewrite the column. */
export const ALTER_TYPE_SETTING = 'SET enable_experimental_alter_column_type_general = true';

/**
 * CockroachDB DDL for the differ's changes, in their order.
 *
 * @example
 * const statements = cockroachRender(diff.changes, { from: prev, to: next });
 */
export function cockroachRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  const spelled = changes.map(withDdlTypes);
  const swaps = primaryKeySwaps(spelled);
  let settingDone = false;
  const needsSetting = (): Statement[] => {
    if (settingDone) return [];
    settingDone = true;
    return [{ sql: ALTER_TYPE_SETTING }];
  };
  return pgRender(spelled, ctx, (change) => {
    switch (change.kind) {
      case 'create_index':
        return [createIndex(change.table, change.index)];
      case 'alter_column':
        return change.aspects.includes('type') ? [...needsSetting(), ...renderChange(change)] : renderChange(change);
      case 'recreate_enum': {
        const dropped = droppedValuesOnly(change.from, change.to);
        if (dropped !== undefined)
          return dropped.map((value) => ({
            sql: `ALTER TYPE ${qualified(change.to.schema, change.to.name)} DROP VALUE ${literal(value)}`,
            destructive: `drops value ${literal(value)} of enum ${change.to.name}; rows holding it make the drop fail`,
          }));
        return [...needsSetting(), ...renderChange(change)];
      }
      case 'drop_unique':
        // CockroachDB refuses DROP CONSTRAINT on a unique constraint: it is its index, dropped with CASCADE.
        return [{ sql: `DROP INDEX ${qualified(change.table.schema, change.unique.name)} CASCADE` }];
      case 'drop_primary_key':
        if (swaps.has(change)) return [];
        throw new UnsupportedError(`cockroach: cannot drop the primary key "${change.primaryKey.name}" of ${change.table.name} without adding another: CockroachDB tables always have one; declare the new key in the same migration`);
      case 'add_primary_key': {
        const dropped = swaps.get(change);
        if (dropped === undefined) return renderChange(change);
        return [{ sql: `ALTER TABLE ${tableName(change.table)} DROP CONSTRAINT ${ident(dropped)}, ADD CONSTRAINT ${ident(change.primaryKey.name)} PRIMARY KEY(${change.primaryKey.columns.map(ident).join(',')})` }];
      }
      default:
        return renderChange(change);
    }
  });
}

/**
 * `CREATE [UNIQUE] INDEX "i" ON "t" [USING gin] (...) [USING HASH] [WITH (...)] [WHERE ...]`:
 * a forward index leaves its method out (both databases default to btree), an inverted one says
 * `USING gin`, a hash-sharded one names its columns, then `USING HASH` and its bucket count. Keys
 * never say `NULLS` (CockroachDB's order follows the direction) and the index is never built
 * `CONCURRENTLY` (CockroachDB builds every index online).
 */
export function createIndex(table: TableRef, index: IndexModel): Statement {
  const method = index.method ?? 'btree';
  const options = Object.entries(index.with ?? {});
  const withText = options.length === 0 ? '' : ` WITH (${options.map(([k, v]) => `${k} = ${v}`).join(', ')})`;
  const keys = `(${index.columns.map((c) => indexKey(c, false)).join(', ')})`;
  const body = method === 'hash' ? `${keys} USING HASH` : method === 'btree' ? keys : `USING ${method} ${keys}`;
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return { sql: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${ident(index.name)} ON ${tableName(table)} ${body}${withText}${where}` };
}

/** The values `from` lost when `to` is `from` without them, in the same order; undefined otherwise. */
function droppedValuesOnly(from: EnumModel, to: EnumModel): string[] | undefined {
  const kept = from.values.filter((v) => to.values.includes(v));
  if (kept.length !== to.values.length || kept.some((v, i) => v !== to.values[i])) return undefined;
  return from.values.filter((v) => !to.values.includes(v));
}

/** Each `add_primary_key` that follows a `drop_primary_key` of the same table, with the dropped key's name; the drop maps to `true`. */
function primaryKeySwaps(changes: readonly Change[]): Map<Change, string> & { has(change: Change): boolean } {
  const out = new Map<Change, string>();
  const open = new Map<string, Change & { kind: 'drop_primary_key' }>();
  const key = (t: TableRef) => `${t.schema ?? 'public'}.${t.name}`;
  for (const change of changes) {
    if (change.kind === 'drop_primary_key') open.set(key(change.table), change);
    if (change.kind === 'add_primary_key') {
      const dropped = open.get(key(change.table));
      if (dropped !== undefined) {
        out.set(change, dropped.primaryKey.name);
        out.set(dropped, dropped.primaryKey.name);
        open.delete(key(change.table));
      }
    }
  }
  return out;
}

const spellColumn = (column: ColumnModel): ColumnModel => (column.typeSchema === undefined ? { ...column, type: ddlType(column.type) } : column);
const spellTable = (table: TableModel): TableModel => ({ ...table, columns: table.columns.map(spellColumn) });

/** The change with every column type in its DDL spelling. */
function withDdlTypes(change: Change): Change {
  switch (change.kind) {
    case 'create_table':
    case 'drop_table':
      return { ...change, table: spellTable(change.table) };
    case 'add_column':
    case 'drop_column':
      return { ...change, column: spellColumn(change.column) };
    case 'alter_column':
      return { ...change, from: spellColumn(change.from), to: spellColumn(change.to) };
    case 'recreate_enum':
      return { ...change, columns: change.columns.map((c) => ({ ...c, column: spellColumn(c.column) })) };
    default:
      return change;
  }
}
