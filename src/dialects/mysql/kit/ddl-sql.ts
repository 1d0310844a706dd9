import { UnsupportedError } from '../../../core/errors.js';
import type { TableRef } from '../../../kit/changes.js';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, PrimaryKeyModel, ReferentialAction, TableModel, UniqueModel, ViewModel } from '../../../kit/model.js';

/**
 * The text of MySQL DDL, one piece per model object, in drizzle-kit's forms where both MySQL 8
 * and MariaDB 10.11 accept them. Nothing here decides order; `ddl.ts` does.
 */

/** A backtick-quoted identifier, with embedded backticks doubled. */
export function quoteId(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A table or view name, qualified by its database when the model gives one. */
export function tableName(ref: { schema: string | undefined; name: string }): string {
  return ref.schema === undefined ? quoteId(ref.name) : `${quoteId(ref.schema)}.${quoteId(ref.name)}`;
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteId).join(',');
}

/**
 * `ON UPDATE ...` for a column: the model holds the clause's value (`current_timestamp(3)`); text
 * that already starts with `on update` is taken as the whole clause.
 */
function onUpdateClause(onUpdate: string): string {
  return /^on\s+update\s/i.test(onUpdate) ? ` ${onUpdate}` : ` ON UPDATE ${onUpdate}`;
}

/**
 * A column's definition as `CREATE TABLE`, `ADD` and `MODIFY COLUMN` write it:
 * name, type, `AUTO_INCREMENT`, generation, `NOT NULL`, `DEFAULT`, `ON UPDATE`.
 */
export function columnDefinition(table: TableRef, column: ColumnModel): string {
  if (column.identity !== undefined) {
    throw new UnsupportedError(`mysql: identity columns are not supported (column ${column.name} of table ${table.name}); use autoincrement`);
  }
  if (column.typeSchema !== undefined) {
    throw new UnsupportedError(`mysql: column ${column.name} of table ${table.name} uses a type of schema ${column.typeSchema}; MySQL enums are column types`);
  }
  let sql = `${quoteId(column.name)} ${column.type}`;
  // `serial` already means `bigint unsigned not null auto_increment unique`; MariaDB refuses the keyword twice.
  if (column.autoincrement && column.type !== 'serial') sql += ' AUTO_INCREMENT';
  if (column.generated !== undefined) sql += ` GENERATED ALWAYS AS (${column.generated.as}) ${column.generated.type.toUpperCase()}`;
  if (column.notNull) sql += ' NOT NULL';
  if (column.default !== undefined) sql += ` DEFAULT ${column.default}`;
  if (column.onUpdate !== undefined) sql += onUpdateClause(column.onUpdate);
  return sql;
}

/**
 * MySQL ignores a primary key's name (it is always `PRIMARY`); MariaDB refuses `PRIMARY` as a
 * constraint name in `ALTER TABLE`, so the model's default name is left out, and any other name
 * (a drizzle-kit snapshot's `users_id`) is written as drizzle-kit writes it.
 */
export function primaryKeyClause(pk: PrimaryKeyModel): string {
  const key = `PRIMARY KEY(${columnList(pk.columns)})`;
  return pk.name === 'PRIMARY' ? key : `CONSTRAINT ${quoteId(pk.name)} ${key}`;
}

export function uniqueClause(table: TableRef, unique: UniqueModel): string {
  if (unique.nullsNotDistinct) {
    throw new UnsupportedError(`mysql: unique constraint ${unique.name} of table ${table.name} asks for nulls not distinct, which MySQL does not have`);
  }
  return `CONSTRAINT ${quoteId(unique.name)} UNIQUE(${columnList(unique.columns)})`;
}

export function checkClause(check: CheckModel): string {
  return `CONSTRAINT ${quoteId(check.name)} CHECK(${check.expression})`;
}

/** `CREATE TABLE` with columns, primary key, uniques and checks, one per line as drizzle-kit writes them. */
export function createTable(table: TableModel): string {
  const ref: TableRef = { schema: table.schema, name: table.name };
  const lines = table.columns.map((c) => columnDefinition(ref, c));
  if (table.primaryKey !== undefined) lines.push(primaryKeyClause(table.primaryKey));
  for (const u of table.uniques) lines.push(uniqueClause(ref, u));
  for (const c of table.checks) lines.push(checkClause(c));
  return `CREATE TABLE ${tableName(ref)} (\n\t${lines.join(',\n\t')}\n)`;
}

// InnoDB parses SET DEFAULT but refuses the table, on MySQL and MariaDB alike.
function referentialAction(table: TableRef, fk: ForeignKeyModel, action: ReferentialAction): string {
  if (action === 'set default') {
    throw new UnsupportedError(`mysql: foreign key ${fk.name} of table ${table.name} uses set default, which InnoDB rejects`);
  }
  return action;
}

export function addForeignKey(table: TableRef, fk: ForeignKeyModel): string {
  const target = tableName({ schema: fk.schemaTo, name: fk.tableTo });
  const onDelete = referentialAction(table, fk, fk.onDelete);
  const onUpdate = referentialAction(table, fk, fk.onUpdate);
  return `ALTER TABLE ${tableName(table)} ADD CONSTRAINT ${quoteId(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${target}(${columnList(fk.columnsTo)}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

/** A key part: a quoted column as the model holds it, or an expression in the parentheses MySQL wants. */
function indexPart(expression: string, isExpression: boolean): string {
  if (!isExpression) return expression;
  const trimmed = expression.trim();
  return trimmed.startsWith('(') && balancedOuter(trimmed) ? trimmed : `(${trimmed})`;
}

// `(a) + (b)` starts and ends with parentheses that are not one pair.
function balancedOuter(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0 && text.endsWith(')');
}

export function createIndex(table: TableRef, index: IndexModel): string {
  const unsupported = (what: string) => new UnsupportedError(`mysql: index ${index.name} of table ${table.name} ${what}, which MySQL does not have`);
  if (index.where !== undefined) throw unsupported('has a where clause (partial index)');
  if (index.concurrently) throw unsupported('is created concurrently');
  if (index.with !== undefined && Object.keys(index.with).length > 0) throw unsupported('has with (...) storage parameters');
  const parts = index.columns.map((c) => {
    if (c.opClass !== undefined) throw unsupported(`gives operator class ${c.opClass}`);
    return indexPart(c.expression, c.isExpression) + (c.order === 'desc' ? ' DESC' : '');
  });
  const using = index.method === undefined ? '' : ` USING ${index.method}`;
  return `CREATE ${index.unique ? 'UNIQUE INDEX' : 'INDEX'} ${quoteId(index.name)} ON ${tableName(table)} (${parts.join(',')})${using}`;
}

/** `CREATE VIEW` with MySQL's options: `ALGORITHM`, `SQL SECURITY`, `WITH ... CHECK OPTION`. */
export function createView(view: ViewModel, definition: string): string {
  if (view.materialized) throw new UnsupportedError(`mysql: view ${view.name} is materialized, which MySQL does not have`);
  const known = new Set(['algorithm', 'sqlSecurity', 'checkOption']);
  for (const key of Object.keys(view.options)) {
    if (!known.has(key)) throw new UnsupportedError(`mysql: view ${view.name} has option ${key}; MySQL views take algorithm, sqlSecurity and checkOption`);
  }
  const { algorithm, sqlSecurity, checkOption } = view.options;
  let sql = 'CREATE ';
  if (typeof algorithm === 'string') sql += `ALGORITHM = ${algorithm}\n`;
  if (typeof sqlSecurity === 'string') sql += `SQL SECURITY ${sqlSecurity}\n`;
  sql += `VIEW ${tableName(view)} AS (${definition})`;
  if (typeof checkOption === 'string') sql += `\nWITH ${checkOption} CHECK OPTION`;
  return sql;
}
