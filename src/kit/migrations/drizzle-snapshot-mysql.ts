import type { ColumnModel, PrimaryKeyModel, SchemaModel, TableModel, ViewModel } from '../model.js';
import { baseColumn, check, DrizzleSnapshotError, entries, foreignKey, isObject, type Json, optStr, quoteBacktick, str, stringIndex, strings, unique } from './drizzle-snapshot-common.js';

/** drizzle-kit 0.31's MySQL snapshot (version "5") as the kit's schema model. */
export function fromDrizzleMysql(json: Json): SchemaModel {
  const internal = isObject(json.internal) ? json.internal : {};
  return {
    dialect: 'mysql',
    schemas: [],
    enums: [],
    sequences: [],
    tables: entries(json, 'tables', 'snapshot').map((t) => table(t, internal)),
    views: entries(json, 'views', 'snapshot').map(view),
    roles: [],
  };
}

function table(t: Json, internal: Json): TableModel {
  const name = str(t, 'name', 'table');
  const where = `table ${name}`;
  const columns: ColumnModel[] = [];
  const pkColumns: string[] = [];
  for (const c of entries(t, 'columns', where)) {
    const col = baseColumn(c, `${where}.columns`);
    if (c.onUpdate === true) {
      // drizzle-kit records only that the column has `on update current_timestamp`; its precision is the column's.
      const fsp = /^(?:timestamp|datetime)\((\d)\)/.exec(col.type)?.[1];
      col.onUpdate = fsp === undefined ? 'current_timestamp' : `current_timestamp(${fsp})`;
    }
    columns.push(col);
    if (c.primaryKey === true) pkColumns.push(col.name);
  }
  let primaryKey: PrimaryKeyModel | undefined;
  const composite = entries(t, 'compositePrimaryKeys', where);
  if (composite.length > 1) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has ${composite.length} primary keys`);
  // MySQL calls every primary key PRIMARY, whatever name drizzle-kit gave it.
  if (composite[0]) primaryKey = { name: 'PRIMARY', columns: strings(composite[0], 'columns', `${where} primary key`) };
  else if (pkColumns.length > 0) primaryKey = { name: 'PRIMARY', columns: pkColumns };
  const expressions = isObject(internal.indexes) ? internal.indexes : {};
  return {
    schema: undefined,
    name,
    columns,
    primaryKey,
    foreignKeys: entries(t, 'foreignKeys', where).map((fk) => foreignKey(fk, `${where} foreign key`, undefined)),
    uniques: entries(t, 'uniqueConstraints', where).map((u) => unique(u, `${where} unique`)),
    // drizzle-kit 0.31 spells this map in the singular for MySQL.
    checks: [...entries(t, 'checkConstraint', where), ...entries(t, 'checkConstraints', where)].map((c) => check(c, `${where} check`)),
    indexes: entries(t, 'indexes', where).map((i) => stringIndex(i, `${where} index`, expressions, quoteBacktick)),
    rlsEnabled: false,
    policies: [],
  };
}

function view(v: Json): ViewModel {
  const options: Record<string, string | boolean> = {};
  const algorithm = optStr(v, 'algorithm');
  const sqlSecurity = optStr(v, 'sqlSecurity');
  const checkOption = optStr(v, 'withCheckOption');
  if (algorithm !== undefined) options.algorithm = algorithm;
  if (sqlSecurity !== undefined) options.sqlSecurity = sqlSecurity;
  if (checkOption !== undefined) options.checkOption = checkOption;
  return { schema: undefined, name: str(v, 'name', 'view'), definition: v.isExisting === true ? undefined : optStr(v, 'definition'), materialized: false, options };
}
