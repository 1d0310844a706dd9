import { UnsupportedError } from '../../../core/errors.js';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, TableModel, UniqueModel } from '../../../kit/model.js';

/** A SQLite identifier in backticks (drizzle-kit's quoting), embedded backticks doubled. */
export function q(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** True when `sql` is one parenthesised group from its first character to its last. */
export function isParenthesised(sql: string): boolean {
  const s = sql.trim();
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      // The group closed before the end: `(a) + (b)` is two groups, not one.
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return depth === 0;
}

/** `(expr)`, unless it already is one group. */
export function parenthesise(sql: string): string {
  return isParenthesised(sql) ? sql.trim() : `(${sql.trim()})`;
}

const literal = /^(?:[-+]?(?:0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false)$/i;
const timeKeyword = /^current_(?:time|date|timestamp)$/i;

/** A default as SQLite accepts it: literals and CURRENT_* bare, anything else in parentheses. */
export function defaultSql(value: string): string {
  const s = value.trim();
  return literal.test(s) || timeKeyword.test(s) ? s : parenthesise(s);
}

/** A constant default that `ALTER TABLE ... ADD COLUMN` accepts (no expression, no CURRENT_*). */
export function isConstantDefault(value: string): boolean {
  return literal.test(value.trim());
}

export function isNullDefault(value: string | undefined): boolean {
  return value === undefined || value.trim().toLowerCase() === 'null';
}

/**
 * A column's definition inside CREATE TABLE or ADD COLUMN, in drizzle-kit's clause order.
 * `inlinePk` puts `PRIMARY KEY` on the column (single-column keys only).
 */
export function columnSql(column: ColumnModel, inlinePk: boolean): string {
  if (column.identity !== undefined) throw new UnsupportedError(`SQLite has no identity columns (column \`${column.name}\`)`);
  if (column.onUpdate !== undefined) throw new UnsupportedError(`SQLite has no ON UPDATE column clause (column \`${column.name}\`)`);
  if (column.autoincrement && !inlinePk) throw new UnsupportedError(`SQLite allows AUTOINCREMENT only on a single-column integer primary key (column \`${column.name}\`)`);
  let sql = `${q(column.name)} ${column.type}`;
  if (inlinePk) sql += ' PRIMARY KEY';
  if (column.autoincrement) sql += ' AUTOINCREMENT';
  if (column.default !== undefined) sql += ` DEFAULT ${defaultSql(column.default)}`;
  if (column.generated !== undefined) sql += ` GENERATED ALWAYS AS ${parenthesise(column.generated.as)} ${column.generated.type.toUpperCase()}`;
  if (column.notNull) sql += ' NOT NULL';
  return sql;
}

/** `REFERENCES \`p\`(\`id\`) ON UPDATE ... ON DELETE ...`: the tail of a foreign key. */
export function referencesSql(fk: ForeignKeyModel): string {
  if (fk.schemaTo !== undefined) throw new UnsupportedError(`SQLite has no schemas: foreign key ${fk.name} references ${fk.schemaTo}.${fk.tableTo}`);
  return `REFERENCES ${q(fk.tableTo)}(${fk.columnsTo.map(q).join(',')}) ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}`;
}

export function foreignKeySql(fk: ForeignKeyModel): string {
  return `FOREIGN KEY (${fk.columns.map(q).join(',')}) ${referencesSql(fk)}`;
}

export function checkSql(check: CheckModel): string {
  return `CONSTRAINT ${q(check.name)} CHECK(${check.expression})`;
}

/**
 * `CREATE TABLE` for `table` under `name` (the rebuild's `__new_t`), with its foreign keys
 * inline: SQLite cannot add one to an existing table. Uniques are not here: they are unique
 * indexes (see `uniqueIndexSql`).
 */
export function createTableSql(table: TableModel, foreignKeys: readonly ForeignKeyModel[], name = table.name): string {
  if (table.schema !== undefined) throw new UnsupportedError(`SQLite has no schemas: table ${table.schema}.${table.name}`);
  const pk = table.primaryKey?.columns ?? [];
  const inlinePk = pk.length === 1 ? pk[0] : undefined;
  const lines = table.columns.map((c) => columnSql(c, c.name === inlinePk));
  if (pk.length > 1) lines.push(`PRIMARY KEY(${pk.map(q).join(', ')})`);
  for (const fk of foreignKeys) lines.push(foreignKeySql(fk));
  for (const check of table.checks) lines.push(checkSql(check));
  return `CREATE TABLE ${q(name)} (\n\t${lines.join(',\n\t')}\n)`;
}

function indexColumnSql(column: IndexModel['columns'][number]): string {
  if (column.opClass !== undefined) throw new UnsupportedError(`SQLite indexes have no operator classes (${column.opClass})`);
  const e = column.expression.trim();
  // The model keeps column names quoted; a bare name (or another quoting) is normalised to ours.
  const expr = column.isExpression ? e : /^[`"[]/.test(e) ? e : q(e);
  return column.order === 'desc' ? `${expr} DESC` : expr;
}

/** `CREATE [UNIQUE] INDEX`; PostgreSQL/MySQL-only options (method, concurrently, with) do not exist on SQLite and are not written. */
export function createIndexSql(table: string, index: IndexModel): string {
  const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
  return `CREATE ${index.unique ? 'UNIQUE INDEX' : 'INDEX'} ${q(index.name)} ON ${q(table)} (${index.columns.map(indexColumnSql).join(',')})${where}`;
}

/** A unique constraint as drizzle-kit writes it on SQLite: a unique index of the same name. */
export function uniqueIndexSql(table: string, unique: UniqueModel): string {
  if (unique.nullsNotDistinct) throw new UnsupportedError(`SQLite has no NULLS NOT DISTINCT (unique ${unique.name} on ${table})`);
  return `CREATE UNIQUE INDEX ${q(unique.name)} ON ${q(table)} (${unique.columns.map(q).join(',')})`;
}

/** Whether `sql` mentions `name` as an identifier (bare or quoted); used to keep ALTER from breaking a dependent expression. */
export function mentions(sql: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$])[\`"\\[]?${escaped}[\`"\\]]?($|[^A-Za-z0-9_$])`, 'i').test(sql);
}
