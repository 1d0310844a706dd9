import { UnsupportedError } from '../../../core/errors.js';
import type { TableRef } from '../../../kit/changes.js';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, PrimaryKeyModel, ReferentialAction, TableModel, UniqueModel, ViewModel } from '../../../kit/model.js';

/**
 * The text of SQL Server DDL, one piece per model object. Nothing here decides order; `ddl.ts`
 * does. Every name is bracket-quoted and every table qualified by its schema (`[dbo].[users]`),
 * since a user's default schema need not be `dbo`.
 */

/** The schema of objects declared without one. */
export const DEFAULT_SCHEMA = 'dbo';

/** A bracket-quoted identifier, with embedded `]` doubled. */
export function quoteId(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** A Unicode string literal (`N'...'`), the form `sp_rename` and `nvarchar` columns take. */
export function nString(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** A table or view name qualified by its schema. */
export function tableName(ref: { schema: string | undefined; name: string }): string {
  return `${quoteId(ref.schema ?? DEFAULT_SCHEMA)}.${quoteId(ref.name)}`;
}

/**
 * The name of a column's DEFAULT constraint. SQL Server names one randomly when the DDL does not,
 * and a default can only be dropped by its name, so the kit always names it, as drizzle-kit does:
 * `<table>_<column>_default`. Renaming the table or column renames the constraint too.
 */
export function defaultConstraintName(table: string, column: string): string {
  return `${table}_${column}_default`;
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteId).join(', ');
}

/** `IDENTITY(seed, increment)`; SQL Server's identity has no other settings. */
function identityClause(table: TableRef, column: ColumnModel): string {
  const id = column.identity!;
  const extra = (['minValue', 'maxValue', 'cache'] as const).filter((k) => id[k] !== undefined);
  if (extra.length > 0 || id.cycle) {
    throw new UnsupportedError(`mssql: identity column ${table.name}.${column.name} sets ${[...extra, ...(id.cycle ? ['cycle'] : [])].join(', ')}; SQL Server's IDENTITY takes only a seed and an increment`);
  }
  return ` IDENTITY(${id.startWith ?? '1'}, ${id.increment ?? '1'})`;
}

/**
 * A column's definition as `CREATE TABLE` and `ADD` write it: name, type (or a computed
 * column's `AS (...) [PERSISTED]`), `IDENTITY`, `NOT NULL`, and its default as a named
 * constraint.
 */
export function columnDefinition(table: TableRef, column: ColumnModel): string {
  if (column.typeSchema !== undefined) throw new UnsupportedError(`mssql: column ${table.name}.${column.name} uses a type of schema ${column.typeSchema}; user-defined types are not supported`);
  if (column.autoincrement) throw new UnsupportedError(`mssql: column ${table.name}.${column.name} is autoincrement; SQL Server uses .identity()`);
  if (column.onUpdate !== undefined) throw new UnsupportedError(`mssql: column ${table.name}.${column.name} has on update ${column.onUpdate}, which SQL Server does not have`);
  let sql = quoteId(column.name);
  if (column.generated !== undefined) {
    // A computed column has no declared type and no default; only a persisted one may be NOT NULL.
    sql += ` AS (${column.generated.as})${column.generated.type === 'stored' ? ' PERSISTED' : ''}`;
    if (column.notNull && column.generated.type === 'stored') sql += ' NOT NULL';
    return sql;
  }
  sql += ` ${column.type}`;
  if (column.identity !== undefined) sql += identityClause(table, column);
  if (column.notNull) sql += ' NOT NULL';
  if (column.default !== undefined) sql += ` CONSTRAINT ${quoteId(defaultConstraintName(table.name, column.name))} DEFAULT ${column.default}`;
  return sql;
}

/** `ALTER COLUMN`'s definition: the type and the nullability, always stated (left out, it becomes NULL). */
export function alterColumnDefinition(column: ColumnModel): string {
  return `${quoteId(column.name)} ${column.type} ${column.notNull ? 'NOT NULL' : 'NULL'}`;
}

export function primaryKeyClause(pk: PrimaryKeyModel): string {
  return `CONSTRAINT ${quoteId(pk.name)} PRIMARY KEY (${columnList(pk.columns)})`;
}

export function uniqueClause(table: TableRef, unique: UniqueModel): string {
  if (unique.nullsNotDistinct) throw new UnsupportedError(`mssql: unique constraint ${unique.name} of table ${table.name} asks for nulls not distinct; SQL Server's unique constraints already allow one null only`);
  return `CONSTRAINT ${quoteId(unique.name)} UNIQUE (${columnList(unique.columns)})`;
}

export function checkClause(check: CheckModel): string {
  return `CONSTRAINT ${quoteId(check.name)} CHECK (${check.expression})`;
}

/** `CREATE TABLE` with columns, primary key, uniques and checks, one per line. */
export function createTable(table: TableModel): string {
  const ref: TableRef = { schema: table.schema, name: table.name };
  if (table.rlsEnabled || table.policies.length > 0) throw new UnsupportedError(`mssql: table ${table.name} has row-level security policies, which the kit does not manage on SQL Server`);
  const lines = table.columns.map((c) => columnDefinition(ref, c));
  if (table.primaryKey !== undefined) lines.push(primaryKeyClause(table.primaryKey));
  for (const u of table.uniques) lines.push(uniqueClause(ref, u));
  for (const c of table.checks) lines.push(checkClause(c));
  return `CREATE TABLE ${tableName(ref)} (\n\t${lines.join(',\n\t')}\n)`;
}

// SQL Server has no RESTRICT; NO ACTION is its refusing action.
function referentialAction(table: TableRef, fk: ForeignKeyModel, action: ReferentialAction): string {
  if (action === 'restrict') throw new UnsupportedError(`mssql: foreign key ${fk.name} of table ${table.name} uses restrict, which SQL Server does not have; use no action`);
  return action.toUpperCase();
}

export function addForeignKey(table: TableRef, fk: ForeignKeyModel): string {
  const target = tableName({ schema: fk.schemaTo, name: fk.tableTo });
  const onDelete = referentialAction(table, fk, fk.onDelete);
  const onUpdate = referentialAction(table, fk, fk.onUpdate);
  return `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${quoteId(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${target}(${columnList(fk.columnsTo)}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

/** `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] INDEX ... WHERE ...`: SQL Server indexes columns only, never expressions. */
export function createIndex(table: TableRef, index: IndexModel): string {
  const unsupported = (what: string) => new UnsupportedError(`mssql: index ${index.name} of table ${table.name} ${what}, which SQL Server does not have`);
  if (index.concurrently) throw unsupported('is created concurrently');
  if (index.with !== undefined && Object.keys(index.with).length > 0) throw unsupported('has with (...) storage parameters');
  const method = index.method?.toLowerCase();
  if (method !== undefined && method !== 'clustered' && method !== 'nonclustered') throw unsupported(`uses method ${index.method}`);
  const parts = index.columns.map((c) => {
    if (c.isExpression) throw unsupported(`indexes the expression ${c.expression} (index a computed column instead)`);
    if (c.opClass !== undefined) throw unsupported(`gives operator class ${c.opClass}`);
    return c.expression + (c.order === 'desc' ? ' DESC' : '');
  });
  const kind = `${index.unique ? 'UNIQUE ' : ''}${method === undefined ? '' : `${method.toUpperCase()} `}INDEX`;
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return `CREATE ${kind} ${quoteId(index.name)} ON ${tableName(table)} (${parts.join(', ')})${where}`;
}

const viewAttributes: Record<string, string> = { encryption: 'ENCRYPTION', schemaBinding: 'SCHEMABINDING', viewMetadata: 'VIEW_METADATA' };

/** `CREATE VIEW [s].[v] WITH <attributes> AS <query> [WITH CHECK OPTION]`. */
export function createView(view: ViewModel, definition: string): string {
  if (view.materialized) throw new UnsupportedError(`mssql: view ${view.name} is materialized; SQL Server's indexed views are not supported`);
  const attributes: string[] = [];
  for (const [key, value] of Object.entries(view.options)) {
    if (key === 'checkOption') continue;
    const attribute = viewAttributes[key];
    if (attribute === undefined) throw new UnsupportedError(`mssql: view ${view.name} has option ${key}; SQL Server views take checkOption, encryption, schemaBinding and viewMetadata`);
    if (value === true) attributes.push(attribute);
  }
  const withClause = attributes.length > 0 ? ` WITH ${attributes.join(', ')}` : '';
  const check = view.options.checkOption === true ? '\nWITH CHECK OPTION' : '';
  return `CREATE VIEW ${tableName(view)}${withClause} AS ${definition}${check}`;
}

/** `EXEC sp_rename`: `what` is `OBJECT` for constraints, `COLUMN`, `INDEX`, or none for tables and views. */
export function spRename(qualifiedOld: string, newName: string, what?: 'OBJECT' | 'COLUMN' | 'INDEX'): string {
  return `EXEC sp_rename ${nString(qualifiedOld)}, ${nString(newName)}${what === undefined ? '' : `, N'${what}'`}`;
}
