import { SluiceError, UnsupportedError } from '../../../core/errors.js';
import type { Change, RenderContext, Statement } from '../../../kit/changes.js';
import type { ViewModel } from '../../../kit/model.js';
import { findTable, indexesOn, inlineReference, isDropOnDroppedTable, isRebuildChange, isTableChange, planRender, type RenderPlan } from './ddl-plan.js';
import { foreignKeysOff, foreignKeysOn, rebuildTable } from './ddl-rebuild.js';
import { columnSql, createIndexSql, createTableSql, q, referencesSql, uniqueIndexSql } from './ddl-sql.js';

export { foreignKeysOff, foreignKeysOn } from './ddl-rebuild.js';

/**
 * The SQLite statements for a change list. New tables get their foreign keys inline; what
 * `ALTER TABLE` cannot do rebuilds the table once with all of its changes, and a migration with a
 * rebuild starts with `PRAGMA foreign_keys=OFF` and ends with `PRAGMA foreign_keys=ON` (the
 * runner runs those two outside the transaction). Uniques are unique indexes, as drizzle-kit
 * writes them, so adding or dropping one needs no rebuild.
 *
 * @example
 * const statements = sqliteRender(diff.changes, { from: previous, to: next });
 */
export function sqliteRender(changes: readonly Change[], ctx: RenderContext): Statement[] {
  const plan = planRender(changes, ctx);
  const out: Statement[] = [];
  const rebuilt = new Set<string>();
  // Indexes already dropped: a DROP COLUMN drops the ones on its column ahead of their place in the list.
  const droppedIndexes = new Set<string>();
  for (const change of changes) {
    if (isTableChange(change)) {
      if (isDropOnDroppedTable(change, plan.dropped)) continue;
      const table = change.table.name;
      const list = plan.rebuilds.get(table);
      if (list !== undefined) {
        if (!rebuilt.has(table)) out.push(...rebuildTable(table, plan.previousName.get(table) ?? table, list, ctx));
        rebuilt.add(table);
        continue;
      }
    }
    out.push(...renderOne(change, ctx, plan, droppedIndexes));
  }
  return rebuilt.size > 0 ? [{ sql: foreignKeysOff }, ...out, { sql: foreignKeysOn }] : out;
}

function renderOne(change: Change, ctx: RenderContext, plan: RenderPlan, droppedIndexes: Set<string>): Statement[] {
  if (isRebuildChange(change)) {
    // On an existing table these rebuild it; here the table is new in this same list, whose
    // CREATE TABLE already has its final shape, so a change on top of it is a differ bug.
    throw new SluiceError(`SQLite DDL: \`${change.kind}\` on table \`${change.table.name}\`, which the same change list creates`);
  }
  switch (change.kind) {
    case 'create_table': {
      const t = change.table;
      return [{ sql: createTableSql(t, plan.created.get(t.name) ?? []) }, ...t.uniques.map((u) => ({ sql: uniqueIndexSql(t.name, u) }))];
    }
    case 'drop_table':
      return [{ sql: `DROP TABLE ${q(change.table.name)}`, destructive: `drops table ${q(change.table.name)} and all of its rows` }];
    case 'rename_table':
      noSchema(change.from.schema, change.to.schema);
      return [{ sql: `ALTER TABLE ${q(change.from.name)} RENAME TO ${q(change.to.name)}` }];
    case 'add_column': {
      const t = change.table.name;
      const fk = inlineReference(plan, t, change.column.name);
      const references = fk === undefined ? '' : ` ${referencesSql(fk)}`;
      return [{ sql: `ALTER TABLE ${q(t)} ADD ${columnSql(change.column, false)}${references}` }];
    }
    case 'add_foreign_key':
      // Planned: folded into its table's CREATE TABLE or its column's ADD; anything else rebuilt the table.
      return [];
    case 'drop_column': {
      const t = change.table.name;
      const from = findTable(ctx.from.tables, plan.previousName.get(t) ?? t, 'the previous schema');
      const early = indexesOn(from, change.column.name).flatMap((name) => dropIndex(name, droppedIndexes));
      return [...early, { sql: `ALTER TABLE ${q(t)} DROP COLUMN ${q(change.column.name)}`, destructive: `drops column ${q(change.column.name)} of ${q(t)} and its data` }];
    }
    case 'rename_column':
      return [{ sql: `ALTER TABLE ${q(change.table.name)} RENAME COLUMN ${q(change.from)} TO ${q(change.to)}` }];
    case 'add_unique':
      if (plan.created.has(change.table.name)) return [];
      return [{ sql: uniqueIndexSql(change.table.name, change.unique) }];
    case 'drop_unique':
      return dropIndex(change.unique.name, droppedIndexes);
    case 'create_index':
      return [{ sql: createIndexSql(change.table.name, change.index) }];
    case 'drop_index':
      return dropIndex(change.index.name, droppedIndexes);
    case 'rename_primary_key':
      // SQLite keeps no name for a primary key.
      return [];
    case 'rename_index': {
      // SQLite has no RENAME INDEX: the index is dropped and made again under its new name.
      const index = findTable(ctx.to.tables, change.table.name, 'the target schema').indexes.find((i) => i.name === change.to);
      if (index === undefined) throw new UnsupportedError(`SQLite DDL: renamed index \`${change.to}\` is not on table \`${change.table.name}\` in the target schema`);
      return [{ sql: `DROP INDEX ${q(change.from)}` }, { sql: createIndexSql(change.table.name, index) }];
    }
    case 'create_view':
      return createView(change.view);
    case 'drop_view':
      return dropView(change.view);
    case 'rename_view':
      // SQLite cannot rename a view; a view holds no data, so it is dropped and created again.
      return [...dropView(change.from), ...createView(change.to)];
    default:
      throw new UnsupportedError(`SQLite does not support ${describe(change)}`);
  }
}

function dropIndex(name: string, dropped: Set<string>): Statement[] {
  if (dropped.has(name)) return [];
  dropped.add(name);
  return [{ sql: `DROP INDEX ${q(name)}` }];
}

function createView(view: ViewModel): Statement[] {
  if (view.materialized) throw new UnsupportedError(`SQLite has no materialized views (view \`${view.name}\`)`);
  noSchema(view.schema);
  // `.existing()` views are the database's own; the migration neither creates nor drops them.
  if (view.definition === undefined) return [];
  return [{ sql: `CREATE VIEW ${q(view.name)} AS ${view.definition}` }];
}

function dropView(view: ViewModel): Statement[] {
  if (view.definition === undefined) return [];
  return [{ sql: `DROP VIEW ${q(view.name)}` }];
}

function noSchema(...schemas: (string | undefined)[]): void {
  const schema = schemas.find((s) => s !== undefined);
  if (schema !== undefined) throw new UnsupportedError(`SQLite has no schemas (\`${schema}\`)`);
}

const names: Partial<Record<Change['kind'], string>> = {
  create_schema: 'schemas',
  drop_schema: 'schemas',
  rename_schema: 'schemas',
  create_role: 'roles',
  drop_role: 'roles',
  rename_role: 'roles',
  alter_role: 'roles',
  create_enum: 'enums',
  drop_enum: 'enums',
  rename_enum: 'enums',
  move_enum: 'enums',
  add_enum_value: 'enums',
  recreate_enum: 'enums',
  create_sequence: 'sequences',
  drop_sequence: 'sequences',
  rename_sequence: 'sequences',
  alter_sequence: 'sequences',
  move_table: 'schemas (moving a table between schemas)',
  enable_rls: 'row-level security',
  disable_rls: 'row-level security',
  create_policy: 'row-level security policies',
  drop_policy: 'row-level security policies',
  rename_policy: 'row-level security policies',
  alter_policy: 'row-level security policies',
};

function describe(change: Change): string {
  return `${names[change.kind] ?? 'this change'} (change \`${change.kind}\`)`;
}
