import type { ColumnModel, PrimaryKeyModel, SchemaModel, TableModel, ViewModel } from '../model.js';
import { baseColumn, check, DrizzleSnapshotError, entries, foreignKey, isObject, type Json, optStr, quoteDouble, str, stringIndex, strings, unique } from './drizzle-snapshot-common.js';

/** drizzle-kit 0.31's SQLite snapshot (version "6") as the kit's schema model. */
export function fromDrizzleSqlite(json: Json): SchemaModel {
  const internal = isObject(json.internal) ? json.internal : {};
  return {
    dialect: 'sqlite',
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
    // drizzle-kit stores a generated column's expression with the parentheses DDL puts around it.
    if (col.generated) col.generated.as = unwrap(col.generated.as);
    // SQLite stores booleans as 1 and 0, which is how the model writes their defaults.
    if (typeof c.default === 'boolean') col.default = c.default ? '1' : '0';
    columns.push(col);
    if (c.primaryKey === true) pkColumns.push(col.name);
  }
  let primaryKey: PrimaryKeyModel | undefined;
  const composite = entries(t, 'compositePrimaryKeys', where);
  if (composite.length > 1) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has ${composite.length} primary keys`);
  // SQLite primary keys have no name in the database; the model calls every one PRIMARY.
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
    checks: entries(t, 'checkConstraints', where).map((c) => check(c, `${where} check`)),
    indexes: entries(t, 'indexes', where).map((i) => stringIndex(i, `${where} index`, expressions, quoteDouble)),
    rlsEnabled: false,
    policies: [],
  };
}

/** `(x)` -> `x` when the outer parentheses enclose the whole text. */
function unwrap(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return text;
  }
  return text.slice(1, -1);
}

function view(v: Json): ViewModel {
  return { schema: undefined, name: str(v, 'name', 'view'), definition: v.isExisting === true ? undefined : optStr(v, 'definition'), materialized: false, options: {} };
}
