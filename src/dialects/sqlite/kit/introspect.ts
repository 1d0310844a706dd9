/**
 * SQLite introspection: five catalog queries for the whole database (sqlite_master, then
 * `pragma_table_xinfo`, `pragma_foreign_key_list` and `pragma_index_list` joined with
 * `pragma_index_xinfo`, each joined to sqlite_master), plus the stored CREATE text for what the
 * pragmas leave out (see introspect-parse.ts). Normal forms, matching the SQLite serializer:
 * - Types are lower-cased; primary key columns are not null; the primary key is named `PRIMARY`.
 * - A parenthesised default keeps its parentheses (the pragma drops them); other defaults are the
 *   pragma's text, but TRUE and FALSE are 1 and 0.
 * - A table's own columns are bare in its checks and index expressions (drizzle-kit qualifies them).
 * - Foreign keys and checks without a CONSTRAINT name get the serializer's default name
 *   (SQLite keeps no name for them otherwise). Foreign keys that name no target columns point at
 *   the target's primary key.
 * - A unique index is a unique constraint when it came from an inline UNIQUE, or when it is a
 *   plain list of ascending columns without WHERE named `<...>_unique` (how the kit writes
 *   uniques: as unique indexes); any other unique index stays an index.
 * - Index columns that are plain columns are `"name"`; expressions and WHERE are the stored text.
 */
import type { IntrospectOptions } from '../../../kit/dialect.js';
import { unqualifyOwnColumns, type ColumnModel, type ForeignKeyModel, type IndexModel, type ReferentialAction, type SchemaModel, type TableModel, type UniqueModel, type ViewModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { lowerType } from '../../../kit/serialize.js';
import { SLUICE_TABLE, DRIZZLE_TABLE } from '../../../kit/runner-tracking.js';
import { sqliteDialect } from '../dialect.js';
import { parseCreateIndex, parseCreateTable, parseCreateView, SqliteSchemaParseError, type ParsedTable } from './introspect-parse.js';

export { SqliteSchemaParseError } from './introspect-parse.js';

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface ColumnRow {
  tbl: string;
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface ForeignKeyRow {
  tbl: string;
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

interface IndexRow {
  tbl: string;
  idx: string;
  origin: string;
  is_unique: number;
  partial: number;
  seqno: number;
  cid: number;
  col: string | null;
  is_desc: number;
}

/**
 * The user's tables: not SQLite's own, Cloudflare D1's, the migration tracking tables, nor
 * virtual tables and their shadow tables, which no CREATE TABLE of the schema makes
 * (`pragma_table_list` needs SQLite 3.37; the subquery runs once).
 */
const userTable = `m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\' and m.name not like '\\_cf\\_%' escape '\\'
  and m.name not in ('${SLUICE_TABLE}', '${DRIZZLE_TABLE}')
  and m.name not in (select tl.name from pragma_table_list tl where tl.schema = 'main' and tl.type in ('virtual', 'shadow'))`;

/** Integers come back as bigint from some clients; the pragmas' numbers are small. */
const num = (v: unknown): number => Number(v);

/**
 * The model of a SQLite database (better-sqlite3 or libsql), in the serializer's normal forms,
 * read with a fixed number of queries whatever the number of tables. Only the `main` database is
 * read; `options.schemas` is PostgreSQL's and is ignored here. Virtual tables are left out.
 *
 * @example
 * const model = await sqliteIntrospect(betterSqliteSession(db), {});
 */
export async function sqliteIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  const progress = options.onProgress ?? (() => undefined);
  const master = await session.query<MasterRow>(`select m.type, m.name, m.tbl_name, m.sql from sqlite_master m where m.type in ('table', 'view', 'index') order by m.rowid`);
  progress('objects');
  const columnRows = await session.query<ColumnRow>(`select m.name as tbl, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden from sqlite_master m join pragma_table_xinfo(m.name) p where ${userTable} order by m.name, p.cid`);
  progress('columns');
  const fkRows = await session.query<ForeignKeyRow>(
    `select m.name as tbl, p.id, p.seq, p."table", p."from", p."to", p.on_update, p.on_delete from sqlite_master m join pragma_foreign_key_list(m.name) p where ${userTable} order by m.name, p.id, p.seq`,
  );
  progress('foreign keys');
  const indexRows = await session.query<IndexRow>(
    `select m.name as tbl, il.name as idx, il.origin, il."unique" as is_unique, il.partial, ix.seqno, ix.cid, ix.name as col, ix."desc" as is_desc
     from sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) ix
     where ${userTable} and ix."key" = 1 order by m.name, il.name, ix.seqno`,
  );
  progress('indexes');

  const sqlOf = new Map<string, string | null>();
  for (const row of master) sqlOf.set(`${row.type}\0${row.name}`, row.sql);
  const columnsBy = groupBy(columnRows, (r) => r.tbl);
  const fksBy = groupBy(fkRows, (r) => r.tbl);
  const indexesBy = groupBy(indexRows, (r) => r.tbl);

  // Creation order (sqlite_master's rowid) stands in for declaration order.
  const position = new Map(master.map((r, i) => [`${r.type}\0${r.name}`, i]));
  const created = (type: string) => (a: string, b: string) => (position.get(`${type}\0${a}`) ?? 0) - (position.get(`${type}\0${b}`) ?? 0);
  const tableNames = [...columnsBy.keys()].sort(created('table'));
  const primaryKeys = new Map<string, string[]>();
  for (const name of tableNames) primaryKeys.set(name, pkColumns(columnsBy.get(name)!));

  const tables = tableNames.map((name) => readTable(name, sqlOf.get(`table\0${name}`) ?? null, columnsBy.get(name)!, fksBy.get(name) ?? [], indexesBy.get(name) ?? [], sqlOf, primaryKeys, created('index')));
  const views: ViewModel[] = master
    .filter((r) => r.type === 'view')
    .map((r) => ({ schema: undefined, name: r.name, definition: r.sql === null ? undefined : wrapParse(`view "${r.name}"`, () => parseCreateView(r.sql!)), materialized: false, options: {} }));
  return { dialect: 'sqlite', schemas: [], enums: [], sequences: [], tables, views, roles: [] };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}

function pkColumns(rows: readonly ColumnRow[]): string[] {
  return rows
    .filter((r) => num(r.pk) > 0)
    .sort((a, b) => num(a.pk) - num(b.pk))
    .map((r) => r.name);
}

function wrapParse<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SqliteSchemaParseError) throw new SqliteSchemaParseError(`Cannot read the SQL of ${what}: ${e.message}`, { cause: e });
    throw e;
  }
}

function readTable(
  name: string,
  sql: string | null,
  columnRows: readonly ColumnRow[],
  fkRows: readonly ForeignKeyRow[],
  indexRows: readonly IndexRow[],
  sqlOf: ReadonlyMap<string, string | null>,
  primaryKeys: ReadonlyMap<string, string[]>,
  indexOrder: (a: string, b: string) => number,
): TableModel {
  const parsed: ParsedTable = sql === null ? { columns: new Map(), checks: [], foreignKeyNames: new Map(), uniqueNames: new Map() } : wrapParse(`table "${name}"`, () => parseCreateTable(sql));
  const pk = primaryKeys.get(name) ?? [];
  // `hidden` 1 marks a virtual table's hidden column, which no CREATE TABLE declares.
  const columns = columnRows.filter((r) => num(r.hidden) !== 1).map((r) => readColumn(r, parsed, pk));
  let checkNumber = 0;
  // drizzle-kit's SQL qualifies a table's own columns in its checks; the model keeps them bare.
  return unqualifyOwnColumns({
    schema: undefined,
    name,
    columns,
    primaryKey: pk.length === 0 ? undefined : { name: 'PRIMARY', columns: pk },
    foreignKeys: readForeignKeys(name, fkRows, parsed, primaryKeys),
    ...readIndexes(name, indexRows, sqlOf, parsed, indexOrder),
    checks: parsed.checks.map((c) => ({ name: c.name ?? `${name}_check_${++checkNumber}`, expression: c.expression })),
    rlsEnabled: false,
    policies: [],
  });
}

/** SQLite's TRUE and FALSE are the integers 1 and 0, which is how the serializer writes a boolean default (drizzle-kit writes the keywords). */
function booleanAsInteger(value: string | undefined): string | undefined {
  if (value === undefined) return value;
  const word = value.toLowerCase();
  return word === 'true' ? '1' : word === 'false' ? '0' : value;
}

function readColumn(row: ColumnRow, parsed: ParsedTable, pk: readonly string[]): ColumnModel {
  const p = parsed.columns.get(row.name);
  const hidden = num(row.hidden);
  const generated = p?.generated ?? (hidden === 2 || hidden === 3 ? { as: '', type: hidden === 3 ? ('stored' as const) : ('virtual' as const) } : undefined);
  return {
    name: row.name,
    type: lowerType(row.type),
    typeSchema: undefined,
    notNull: num(row.notnull) === 1 || pk.includes(row.name),
    default: booleanAsInteger(p?.defaultExpression ?? row.dflt_value ?? undefined),
    generated,
    identity: undefined,
    autoincrement: p?.autoincrement ?? false,
    onUpdate: undefined,
  };
}

const actions: Record<string, ReferentialAction> = { cascade: 'cascade', restrict: 'restrict', 'no action': 'no action', 'set null': 'set null', 'set default': 'set default' };

function action(text: string): ReferentialAction {
  return actions[text.toLowerCase()] ?? 'no action';
}

function readForeignKeys(table: string, rows: readonly ForeignKeyRow[], parsed: ParsedTable, primaryKeys: ReadonlyMap<string, string[]>): ForeignKeyModel[] {
  const byId = groupBy(rows, (r) => String(r.id));
  // The pragma lists foreign keys last-declared first; declaration order is the model's.
  return [...byId.values()].reverse().map((list) => {
    const first = list[0]!;
    const columns = list.map((r) => r.from);
    const targetPk = primaryKeys.get(first.table) ?? [];
    // `REFERENCES t` without columns means t's primary key, or its rowid when it declares none.
    const columnsTo = list.map((r, i) => r.to ?? targetPk[i] ?? 'rowid');
    const key = columns.join('\0');
    return {
      name: parsed.foreignKeyNames.get(key) ?? `${[table, ...columns, first.table, ...columnsTo].join('_')}_fk`,
      columns,
      tableTo: first.table,
      schemaTo: undefined,
      columnsTo,
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
    };
  });
}

function readIndexes(table: string, rows: readonly IndexRow[], sqlOf: ReadonlyMap<string, string | null>, parsed: ParsedTable, order: (a: string, b: string) => number): { uniques: UniqueModel[]; indexes: IndexModel[] } {
  const uniques: UniqueModel[] = [];
  const indexes: IndexModel[] = [];
  const byIndex = groupBy(rows, (r) => r.idx);
  for (const name of [...byIndex.keys()].sort(order)) {
    const list = byIndex.get(name)!;
    const first = list[0]!;
    if (first.origin === 'pk') continue;
    const columnNames = list.map((r) => r.col);
    if (first.origin === 'u') {
      const names = columnNames.map((c) => c ?? '');
      uniques.push({ name: parsed.uniqueNames.get(names.join('\0')) ?? `${table}_${names.join('_')}_unique`, columns: names, nullsNotDistinct: false });
      continue;
    }
    const sql = sqlOf.get(`index\0${first.idx}`) ?? null;
    const text = sql === null ? undefined : wrapParse(`index "${first.idx}"`, () => parseCreateIndex(sql));
    const columns = list.map((r, i): IndexModel['columns'][number] => {
      const written = text?.columns[i];
      const desc = num(r.is_desc) === 1;
      if (r.col !== null && num(r.cid) >= 0) return { expression: sqliteDialect.quote(r.col), isExpression: false, order: desc ? 'desc' : 'asc', nulls: 'last', opClass: undefined };
      return { expression: written?.text ?? '', isExpression: true, order: desc ? 'desc' : 'asc', nulls: 'last', opClass: undefined };
    });
    const unique = num(first.is_unique) === 1;
    const where = text?.where;
    const plain = columns.every((c) => !c.isExpression && c.order === 'asc') && where === undefined;
    if (unique && plain && first.idx.endsWith('_unique')) {
      uniques.push({ name: first.idx, columns: list.map((r) => r.col!), nullsNotDistinct: false });
      continue;
    }
    indexes.push({ name: first.idx, columns, unique, where, method: undefined, concurrently: false, with: undefined });
  }
  return { uniques, indexes };
}
