import type { Statement, TableRef } from '../../../kit/changes.js';
import type { CheckModel, ForeignKeyModel, PrimaryKeyModel, TableModel, UniqueModel } from '../../../kit/model.js';
import { columnDefinition, inlinePrimaryKeyColumn } from './ddl-columns.js';
import { ident, qualified, tableName } from './ddl-names.js';

const columnList = (columns: readonly string[]) => columns.map(ident).join(',');

function uniqueClause(unique: UniqueModel): string {
  return `CONSTRAINT ${ident(unique.name)} UNIQUE${unique.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}(${columnList(unique.columns)})`;
}

/**
 * `CREATE TABLE` with columns, primary key, uniques and checks, then `ENABLE ROW LEVEL SECURITY`
 * when the table has it on (as drizzle-kit does). Foreign keys, indexes and policies come as
 * changes of their own.
 */
export function createTable(table: TableModel): Statement[] {
  const inlinePk = inlinePrimaryKeyColumn(table);
  const lines = table.columns.map((column) => columnDefinition(column, table, column.name === inlinePk, true));
  if (table.primaryKey && inlinePk === undefined) lines.push(`CONSTRAINT ${ident(table.primaryKey.name)} PRIMARY KEY(${columnList(table.primaryKey.columns)})`);
  for (const unique of table.uniques) lines.push(uniqueClause(unique));
  for (const check of table.checks) lines.push(`CONSTRAINT ${ident(check.name)} CHECK (${check.expression})`);
  const out: Statement[] = [{ sql: `CREATE TABLE ${tableName(table)} (\n${lines.map((line) => `\t${line}`).join(',\n')}\n)` }];
  if (table.rlsEnabled) out.push(enableRls(table));
  return out;
}

/** `DROP TABLE ... CASCADE` (drizzle-kit's form: dependent views and foreign keys go with it). */
export function dropTable(table: TableModel): Statement {
  return { sql: `DROP TABLE ${tableName(table)} CASCADE`, destructive: `drops table ${table.name} and all its rows` };
}

/** `ALTER TABLE ... RENAME TO ...`, then `SET SCHEMA` when the new side has another schema. */
export function renameTable(from: TableRef, to: TableRef): Statement[] {
  const out: Statement[] = [];
  if (from.name !== to.name) out.push({ sql: `ALTER TABLE ${tableName(from)} RENAME TO ${ident(to.name)}` });
  if ((from.schema ?? 'public') !== (to.schema ?? 'public')) out.push(moveTable(to, from.schema));
  return out;
}

/** Moves a table to `table.schema` from `fromSchema`. */
export function moveTable(table: TableRef, fromSchema: string | undefined): Statement {
  return { sql: `ALTER TABLE ${tableName({ schema: fromSchema, name: table.name })} SET SCHEMA ${ident(table.schema ?? 'public')}` };
}

/** `ALTER TABLE ... RENAME COLUMN "a" TO "b"`. */
export function renameColumn(table: TableRef, from: string, to: string): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}` };
}

/** `ALTER TABLE ... ADD CONSTRAINT "name" PRIMARY KEY(...)`. */
export function addPrimaryKey(table: TableRef, pk: PrimaryKeyModel): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${ident(pk.name)} PRIMARY KEY(${columnList(pk.columns)})` };
}

/** `ALTER TABLE ... DROP CONSTRAINT "name"`: primary keys, foreign keys, uniques and checks alike. */
export function dropConstraint(table: TableRef, name: string): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} DROP CONSTRAINT ${ident(name)}` };
}

/** `ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES "schema"."table"(...) ON DELETE ... ON UPDATE ...`. */
export function addForeignKey(table: TableRef, fk: ForeignKeyModel): Statement {
  return {
    sql:
      `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${ident(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) ` +
      `REFERENCES ${qualified(fk.schemaTo, fk.tableTo)}(${columnList(fk.columnsTo)}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
  };
}

/** `ALTER TABLE ... ADD CONSTRAINT "name" UNIQUE[ NULLS NOT DISTINCT](...)`. */
export function addUnique(table: TableRef, unique: UniqueModel): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} ADD ${uniqueClause(unique)}` };
}

/** `ALTER TABLE ... ADD CONSTRAINT "name" CHECK (...)`. */
export function addCheck(table: TableRef, check: CheckModel): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${ident(check.name)} CHECK (${check.expression})` };
}

/** `ALTER TABLE ... ENABLE ROW LEVEL SECURITY`. */
export function enableRls(table: TableRef): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} ENABLE ROW LEVEL SECURITY` };
}

/** `ALTER TABLE ... DISABLE ROW LEVEL SECURITY`. */
export function disableRls(table: TableRef): Statement {
  return { sql: `ALTER TABLE ${tableName(table)} DISABLE ROW LEVEL SECURITY` };
}
