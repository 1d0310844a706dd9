import { SchemaError } from '../../../core/errors.js';
import type { RenderContext, Statement } from '../../../kit/changes.js';
import type { ColumnModel, TableModel } from '../../../kit/model.js';
import type { TableChange } from './ddl-plan.js';
import { findTable } from './ddl-plan.js';
import { createIndexSql, createTableSql, q, uniqueIndexSql } from './ddl-sql.js';

/** First and last statements of a migration that rebuilds a table (the runner runs them outside its transaction). */
export const foreignKeysOff = 'PRAGMA foreign_keys=OFF';
export const foreignKeysOn = 'PRAGMA foreign_keys=ON';

/**
 * SQLite's recipe for a change ALTER TABLE cannot make (sqlite.org/lang_altertable.html#otheralter):
 * create `__new_<t>` as the table is in `ctx.to`, copy the rows, drop the old table, rename the new
 * one, re-create the indexes. `changes` are every change of the list on this table; they are all
 * made by this one rebuild. The caller brackets the migration with `PRAGMA foreign_keys=OFF/ON`.
 */
export function rebuildTable(name: string, previousName: string, changes: readonly TableChange[], ctx: RenderContext): Statement[] {
  const to = findTable(ctx.to.tables, name, 'the target schema');
  const from = findTable(ctx.from.tables, previousName, 'the previous schema');
  const temp = `__new_${name}`;

  // Renames run first, as ALTER TABLE: SQLite then rewrites the column's name in the foreign keys
  // of tables that reference it and in views, which a copy under the new name would leave stale.
  const renames: Statement[] = [];
  const oldColumns = new Map(from.columns.map((c) => [c.name, c]));
  const added = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'rename_column') {
      renames.push({ sql: `ALTER TABLE ${q(name)} RENAME COLUMN ${q(c.from)} TO ${q(c.to)}` });
      const column = oldColumns.get(c.from);
      oldColumns.delete(c.from);
      if (column !== undefined) oldColumns.set(c.to, { ...column, name: c.to });
    } else if (c.kind === 'add_column') added.add(c.column.name);
  }
  const targets: string[] = [];
  for (const column of to.columns) {
    // A generated column computes its own value; INSERT may not name it.
    if (column.generated !== undefined) continue;
    // A column dropped and added again under the same name is a new column: its old values go.
    if (oldColumns.has(column.name) && !added.has(column.name)) {
      targets.push(q(column.name));
      oldColumns.delete(column.name);
    } else if (column.notNull && column.default === undefined && !isRowidAlias(column, to)) {
      throw new SchemaError(`SQLite DDL: rebuilding table \`${name}\` adds NOT NULL column \`${column.name}\` without a default; its existing rows would fail. Give it a default or make it nullable.`);
    }
  }

  const reasons: string[] = [];
  const lost = [...oldColumns.values()].filter((c) => c.generated === undefined).map((c) => q(c.name));
  if (lost.length > 0) reasons.push(`drops column${lost.length > 1 ? 's' : ''} ${lost.join(', ')}`);
  for (const c of changes) {
    if (c.kind === 'alter_column' && c.aspects.includes('type')) reasons.push(`changes the type of ${q(c.to.name)} from ${c.from.type} to ${c.to.type}`);
  }
  const create: Statement = { sql: createTableSql(unqualifyChecks(to), to.foreignKeys, temp) };
  if (reasons.length > 0) create.destructive = `rebuilding ${q(name)} ${reasons.join('; ')}`;

  const statements: Statement[] = [...renames, create];
  if (targets.length > 0) statements.push({ sql: `INSERT INTO ${q(temp)}(${targets.join(', ')}) SELECT ${targets.join(', ')} FROM ${q(name)}` });
  if (from.columns.some((c) => c.autoincrement) && to.columns.some((c) => c.autoincrement)) {
    // AUTOINCREMENT promises never to reuse an id, even of deleted rows: the new table takes over
    // the old one's counter, not the highest id it copied.
    statements.push({ sql: `DELETE FROM sqlite_sequence WHERE name = ${str(temp)}` });
    statements.push({ sql: `INSERT INTO sqlite_sequence(name, seq) SELECT ${str(temp)}, seq FROM sqlite_sequence WHERE name = ${str(name)}` });
  }
  statements.push({ sql: `DROP TABLE ${q(name)}` });
  // Since SQLite 3.26 a RENAME re-parses every view and trigger, and one that reads the table
  // dropped a statement ago fails it ("error in view v: no such table"). The legacy mode renames
  // without that check; those views and triggers name the table by its final name, so they are
  // right again once the rename is done.
  statements.push({ sql: 'PRAGMA legacy_alter_table=ON' });
  statements.push({ sql: `ALTER TABLE ${q(temp)} RENAME TO ${q(name)}` });
  statements.push({ sql: 'PRAGMA legacy_alter_table=OFF' });
  for (const unique of to.uniques) statements.push({ sql: uniqueIndexSql(name, unique) });
  for (const index of to.indexes) statements.push({ sql: createIndexSql(name, index) });
  return statements;
}

function str(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `integer PRIMARY KEY` is the rowid: SQLite numbers new rows itself, so NOT NULL needs no default. */
function isRowidAlias(column: ColumnModel, table: TableModel): boolean {
  const pk = table.primaryKey?.columns ?? [];
  return pk.length === 1 && pk[0] === column.name && column.type.toLowerCase() === 'integer';
}

/**
 * A check may name its own table (`"t"."c"`), which `__new_<t>` cannot; a check can only read its
 * own row, so the qualifier is dropped. (drizzle-kit rewrites it to `__new_<t>` and relies on the
 * rename rewriting it back, which the legacy rename above does not do.)
 */
function unqualifyChecks(table: TableModel): TableModel {
  const escaped = table.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const qualified = new RegExp(`(^|[^A-Za-z0-9_$"\`'])(?:"${escaped}"|\`${escaped}\`|'${escaped}'|${escaped})\\.`, 'g');
  return { ...table, checks: table.checks.map((c) => ({ ...c, expression: c.expression.replace(qualified, '$1') })) };
}
