/**
 * MySQL / MariaDB introspection: the current database read through `information_schema` with one
 * query per kind of object (tables, columns, index parts, foreign key columns, foreign key rules,
 * checks, views), then assembled into the serializer's model. The spelling rules live in
 * `introspect-normalize.ts`; this file decides what each catalog row means:
 * - `serial` is MySQL's `bigint unsigned not null auto_increment unique`: such a column with a
 *   one-column unique key named after it is read back as `serial` without that unique.
 * - Unique keys are unique constraints (the catalog cannot tell them from unique indexes), unless
 *   only an index can say what they hold (an expression, a descending part, hash/fulltext).
 * - The index InnoDB adds for a foreign key (named after it) is left out, as are MariaDB's
 *   `json_valid` checks of `json` columns.
 * - Only the current database is read; foreign keys to other databases keep their `schemaTo`.
 */
import { SluiceError } from '../../../core/errors.js';
import type { IntrospectOptions } from '../../../kit/dialect.js';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel, UniqueModel, ViewModel } from '../../../kit/model.js';
import type { MigrationSession } from '../../../kit/runner.js';
import { quoteId } from './ddl-sql.js';
import { generatedKind, normalizeCheck, normalizeColumnType, normalizeDefault, normalizeGenerated, normalizeOnUpdate, normalizeViewDefinition, referentialAction, type MysqlFlavour } from './introspect-normalize.js';

/** The kit's tracking tables, never part of the user's schema. */
const TRACKING_TABLES = new Set(['__sluice_migrations', '__drizzle_migrations']);

type Row = Record<string, unknown>;

/** A catalog row with lower-cased keys: MySQL 8 and MariaDB return information_schema columns in different cases. */
function lowerKeys(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k.toLowerCase()] = v;
  return out;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

/**
 * The model of the session's current database (MySQL 8 or MariaDB), as the serializer would write
 * the schema it was made from.
 *
 * @example
 * const model = await mysqlIntrospect(mysql2Session(pool), {});
 */
export async function mysqlIntrospect(session: MigrationSession, options: IntrospectOptions): Promise<SchemaModel> {
  const progress = options.onProgress ?? (() => {});
  const q = async (step: string, sql: string): Promise<Row[]> => {
    const rows = (await session.query<Row>(sql)).map(lowerKeys);
    progress(step);
    return rows;
  };
  const [server] = await q('server', 'select database() as db, version() as version');
  const database = strOrNull(server?.db);
  if (database === null) throw new SluiceError('mysql introspection: the connection has no current database; put one in the connection URL');
  const flavour: MysqlFlavour = /mariadb/i.test(str(server?.version)) ? 'mariadb' : 'mysql';

  const tablesRows = await q('tables', "select table_name as tbl from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name");
  const columnRows = await q(
    'columns',
    'select table_name as tbl, column_name as col, column_type as col_type, is_nullable as nullable, column_default as dflt, extra as extra, generation_expression as gen from information_schema.columns where table_schema = database() order by table_name, ordinal_position',
  );
  const statRows = await q(
    'indexes',
    `select table_name as tbl, index_name as idx, non_unique as non_unique, seq_in_index as seq, column_name as col, collation as coll, sub_part as sub_part, index_type as idx_type${flavour === 'mysql' ? ', expression as expr' : ''} from information_schema.statistics where table_schema = database() order by table_name, index_name, seq_in_index`,
  );
  const fkColumnRows = await q(
    'foreign key columns',
    'select table_name as tbl, constraint_name as name, column_name as col, referenced_table_schema as ref_schema, referenced_table_name as ref_table, referenced_column_name as ref_col from information_schema.key_column_usage where table_schema = database() and referenced_table_name is not null order by table_name, constraint_name, ordinal_position',
  );
  const fkRuleRows = await q('foreign key rules', 'select table_name as tbl, constraint_name as name, update_rule as on_update, delete_rule as on_delete from information_schema.referential_constraints where constraint_schema = database()');
  const checkRows = await q(
    'checks',
    flavour === 'mariadb'
      ? 'select table_name as tbl, constraint_name as name, check_clause as clause, level as lvl from information_schema.check_constraints where constraint_schema = database() order by table_name, constraint_name'
      : "select tc.table_name as tbl, cc.constraint_name as name, cc.check_clause as clause, 'Table' as lvl from information_schema.table_constraints tc join information_schema.check_constraints cc on cc.constraint_schema = tc.constraint_schema and cc.constraint_name = tc.constraint_name where tc.table_schema = database() and tc.constraint_type = 'CHECK' order by tc.table_name, cc.constraint_name",
  );
  const viewRows = await q(
    'views',
    'select table_name as name, view_definition as def, check_option as check_option, security_type as security, algorithm as algorithm from information_schema.views where table_schema = database() order by table_name',
  );

  const tables = new Map<string, TableModel>();
  for (const r of tablesRows) {
    const name = str(r.tbl);
    if (TRACKING_TABLES.has(name)) continue;
    tables.set(name, { schema: undefined, name, columns: [], primaryKey: undefined, foreignKeys: [], uniques: [], checks: [], indexes: [], rlsEnabled: false, policies: [] });
  }

  const jsonChecks = new Set<string>();
  for (const r of checkRows) {
    if (str(r.lvl).toLowerCase() === 'column' && /^json_valid\(`[^`]+`\)$/i.test(str(r.clause).trim())) jsonChecks.add(`${str(r.tbl)}\0${str(r.name)}`);
  }

  const extras = new Map<string, string>();
  for (const r of columnRows) {
    const table = tables.get(str(r.tbl));
    if (table === undefined) continue;
    const name = str(r.col);
    const extra = str(r.extra).toLowerCase();
    extras.set(`${table.name}\0${name}`, extra);
    let type = normalizeColumnType(str(r.col_type));
    if (type === 'longtext' && jsonChecks.has(`${table.name}\0${name}`)) type = 'json';
    const kind = generatedKind(extra);
    const genText = strOrNull(r.gen);
    const generated = kind !== undefined && genText !== null && genText !== '' ? { as: normalizeGenerated(flavour, genText), type: kind } : undefined;
    const column: ColumnModel = {
      name,
      type,
      typeSchema: undefined,
      notNull: str(r.nullable).toUpperCase() === 'NO',
      default: generated === undefined ? normalizeDefault({ flavour, type, columnDefault: strOrNull(r.dflt), extra }) : undefined,
      generated,
      identity: undefined,
      autoincrement: extra.includes('auto_increment'),
      onUpdate: normalizeOnUpdate(extra),
    };
    table.columns.push(column);
  }

  readKeys(tables, statRows);
  readForeignKeys(tables, fkColumnRows, fkRuleRows, database);
  for (const r of checkRows) {
    const table = tables.get(str(r.tbl));
    if (table === undefined || jsonChecks.has(`${table.name}\0${str(r.name)}`)) continue;
    const check: CheckModel = { name: str(r.name), expression: normalizeCheck(flavour, str(r.clause)) };
    table.checks.push(check);
  }
  // InnoDB needs an index on a foreign key's columns and adds one named after the key when none exists.
  for (const table of tables.values()) {
    const fkNames = new Map(table.foreignKeys.map((fk) => [fk.name, fk.columns.map((c) => quoteId(c)).join(',')]));
    table.indexes = table.indexes.filter((i) => i.unique || fkNames.get(i.name) !== i.columns.map((c) => c.expression).join(','));
  }

  const views: ViewModel[] = viewRows.map((r) => {
    const viewOptions: Record<string, string | boolean> = { algorithm: str(r.algorithm).toLowerCase() || 'undefined', sqlSecurity: str(r.security).toLowerCase() || 'definer' };
    const checkOption = str(r.check_option).toLowerCase();
    if (checkOption !== '' && checkOption !== 'none') viewOptions.checkOption = checkOption;
    return { schema: undefined, name: str(r.name), definition: normalizeViewDefinition(str(r.def), database), materialized: false, options: viewOptions };
  });

  return { dialect: 'mysql', schemas: [], enums: [], sequences: [], tables: [...tables.values()], views, roles: [] };
}

interface KeyPart {
  column: string | null;
  expression: string | null;
  desc: boolean;
  subPart: string | null;
}

/** Primary keys, unique constraints and indexes from `STATISTICS`, with the serial rule applied. */
function readKeys(tables: Map<string, TableModel>, rows: Row[]): void {
  const keys = new Map<string, { table: TableModel; name: string; unique: boolean; type: string; parts: KeyPart[] }>();
  for (const r of rows) {
    const table = tables.get(str(r.tbl));
    if (table === undefined) continue;
    const name = str(r.idx);
    const id = `${table.name}\0${name}`;
    let key = keys.get(id);
    if (key === undefined) {
      key = { table, name, unique: Number(r.non_unique) === 0, type: str(r.idx_type).toLowerCase(), parts: [] };
      keys.set(id, key);
    }
    key.parts.push({ column: strOrNull(r.col), expression: strOrNull(r.expr), desc: str(r.coll).toUpperCase() === 'D', subPart: strOrNull(r.sub_part) });
  }
  for (const { table, name, unique, type, parts } of keys.values()) {
    const columnsOnly = parts.every((p) => p.column !== null && p.subPart === null && !p.desc);
    if (name === 'PRIMARY') {
      table.primaryKey = { name: 'PRIMARY', columns: parts.map((p) => p.column ?? '') };
      continue;
    }
    if (unique && columnsOnly && type === 'btree') {
      const columns = parts.map((p) => p.column!);
      const serial = columns.length === 1 && columns[0] === name ? table.columns.find((c) => c.name === name) : undefined;
      if (serial !== undefined && serial.type === 'bigint unsigned' && serial.autoincrement && serial.notNull && serial.default === undefined) {
        serial.type = 'serial';
        continue;
      }
      const model: UniqueModel = { name, columns, nullsNotDistinct: false };
      table.uniques.push(model);
      continue;
    }
    const index: IndexModel = {
      name,
      columns: parts.map((p) => ({
        expression: p.column !== null ? `${quoteId(p.column)}${p.subPart !== null ? `(${p.subPart})` : ''}` : `(${p.expression ?? ''})`,
        isExpression: p.column === null,
        order: p.desc ? 'desc' : 'asc',
        nulls: 'last',
        opClass: undefined,
      })),
      unique,
      where: undefined,
      method: type === 'btree' ? undefined : type,
      concurrently: false,
      with: undefined,
    };
    table.indexes.push(index);
  }
}

function readForeignKeys(tables: Map<string, TableModel>, columnRows: Row[], ruleRows: Row[], database: string): void {
  const rules = new Map(ruleRows.map((r) => [`${str(r.tbl)}\0${str(r.name)}`, r]));
  const fks = new Map<string, ForeignKeyModel>();
  for (const r of columnRows) {
    const table = tables.get(str(r.tbl));
    if (table === undefined) continue;
    const id = `${table.name}\0${str(r.name)}`;
    let fk = fks.get(id);
    if (fk === undefined) {
      const rule = rules.get(id);
      const schemaTo = str(r.ref_schema);
      fk = {
        name: str(r.name),
        columns: [],
        tableTo: str(r.ref_table),
        schemaTo: schemaTo === '' || schemaTo === database ? undefined : schemaTo,
        columnsTo: [],
        onDelete: referentialAction(str(rule?.on_delete)),
        onUpdate: referentialAction(str(rule?.on_update)),
      };
      fks.set(id, fk);
      table.foreignKeys.push(fk);
    }
    fk.columns.push(str(r.col));
    fk.columnsTo.push(str(r.ref_col));
  }
}
