import type { ColumnModel, EnumModel, IdentityModel, IndexModel, PolicyModel, PrimaryKeyModel, RoleModel, SchemaModel, SequenceModel, SequenceOptions, TableModel, UniqueModel, ViewModel } from '../model.js';
import { baseColumn, check, DrizzleSnapshotError, entries, foreignKey, isObject, type Json, optStr, quoteDouble, str, strings, unique } from './drizzle-snapshot-common.js';

/** drizzle-kit 0.31's PostgreSQL snapshot (version "7") as the kit's schema model. */
export function fromDrizzlePg(json: Json): SchemaModel {
  const tables = entries(json, 'tables', 'snapshot').map((t) => table(t));
  attachLinkedPolicies(json, tables);
  return {
    dialect: 'postgresql',
    schemas: Object.values(isObject(json.schemas) ? json.schemas : {}).filter((s): s is string => typeof s === 'string' && s !== 'public'),
    enums: entries(json, 'enums', 'snapshot').map(enumModel),
    sequences: entries(json, 'sequences', 'snapshot').map(sequence),
    tables,
    views: entries(json, 'views', 'snapshot').map(view),
    roles: entries(json, 'roles', 'snapshot').map(role),
  };
}

// drizzle-kit writes `""` for the public schema on tables and leaves `schemaTo` out for it.
const schemaOf = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : 'public');

function table(t: Json): TableModel {
  const name = str(t, 'name', 'table');
  const where = `table ${name}`;
  const columns: ColumnModel[] = [];
  const pkColumns: string[] = [];
  const uniques: UniqueModel[] = [];
  for (const c of entries(t, 'columns', where)) {
    const col = column(c, name, `${where}.columns`);
    columns.push(col);
    if (c.primaryKey === true) pkColumns.push(col.name);
    // Snapshots from before drizzle-kit moved column uniques into `uniqueConstraints`.
    if (c.isUnique === true) uniques.push({ name: optStr(c, 'uniqueName') ?? `${name}_${col.name}_unique`, columns: [col.name], nullsNotDistinct: c.nullsNotDistinct === true });
  }
  let primaryKey: PrimaryKeyModel | undefined;
  const composite = entries(t, 'compositePrimaryKeys', where);
  if (composite.length > 1) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has ${composite.length} primary keys`);
  if (composite[0]) primaryKey = { name: str(composite[0], 'name', `${where} primary key`), columns: strings(composite[0], 'columns', `${where} primary key`) };
  else if (pkColumns.length > 0) primaryKey = { name: `${name}_pkey`, columns: pkColumns };
  return {
    schema: schemaOf(t.schema),
    name,
    columns,
    primaryKey,
    foreignKeys: entries(t, 'foreignKeys', where).map((fk) => foreignKey(fk, `${where} foreign key`, schemaOf(fk.schemaTo))),
    uniques: [...uniques, ...entries(t, 'uniqueConstraints', where).map((u) => unique(u, `${where} unique`))],
    checks: entries(t, 'checkConstraints', where).map((c) => check(c, `${where} check`)),
    indexes: entries(t, 'indexes', where).map((i) => index(i, `${where} index`)),
    rlsEnabled: t.isRLSEnabled === true,
    policies: entries(t, 'policies', where).map((p) => policy(p, `${where} policy`)),
  };
}

function column(c: Json, table: string, where: string): ColumnModel {
  const col = baseColumn(c, where);
  const typeSchema = optStr(c, 'typeSchema');
  if (typeSchema !== undefined) {
    // An enum: its name is kept as written, casing included.
    col.type = str(c, 'type', where);
    col.typeSchema = typeSchema;
  } else {
    // drizzle-kit writes `timestamp (3)`, `time (3)`, `interval (3)`; DDL and the model write `timestamp(3)`.
    col.type = col.type.replace(/^([a-z][a-z ]*?) \(/, '$1(');
  }
  if (isObject(c.identity)) col.identity = identity(c.identity, table, col, `${where}.${col.name}.identity`);
  return col;
}

const intRanges: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * drizzle-kit fills in every sequence option it was not given (its name, increment 1, the type's
 * range, cache 1); the model keeps only what the schema gave, so the values drizzle-kit would
 * have filled in are dropped again.
 */
function sequenceOptions(o: Json, range: [string, string]): SequenceOptions {
  const increment = optStr(o, 'increment');
  const descending = increment !== undefined && Number(increment) < 0;
  const minDefault = descending ? range[0] : '1';
  const maxDefault = descending ? '-1' : range[1];
  const minValue = optStr(o, 'minValue');
  const maxValue = optStr(o, 'maxValue');
  const startDefault = descending ? (maxValue ?? maxDefault) : (minValue ?? minDefault);
  const startWith = optStr(o, 'startWith');
  const cache = optStr(o, 'cache');
  return {
    increment: increment === '1' ? undefined : increment,
    minValue: minValue === minDefault ? undefined : minValue,
    maxValue: maxValue === maxDefault ? undefined : maxValue,
    startWith: startWith === startDefault ? undefined : startWith,
    cache: cache === '1' ? undefined : cache,
    cycle: o.cycle === true,
  };
}

function identity(o: Json, table: string, col: ColumnModel, where: string): IdentityModel {
  const type = o.type === 'always' ? 'always' : o.type === 'byDefault' ? 'byDefault' : undefined;
  if (type === undefined) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where}.type is '${String(o.type)}', expected 'always' or 'byDefault'`);
  const name = optStr(o, 'name');
  return {
    type,
    name: name === `${table}_${col.name}_seq` ? undefined : name,
    ...sequenceOptions(o, intRanges[col.type] ?? intRanges.bigint!),
  };
}

function sequence(s: Json): SequenceModel {
  return { schema: schemaOf(s.schema), name: str(s, 'name', 'sequence'), ...sequenceOptions(s, intRanges.bigint!) };
}

function enumModel(e: Json): EnumModel {
  return { schema: schemaOf(e.schema), name: str(e, 'name', 'enum'), values: strings(e, 'values', `enum ${String(e.name)}`) };
}

function index(i: Json, where: string): IndexModel {
  const name = str(i, 'name', where);
  const cols = i.columns;
  if (!Array.isArray(cols)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} ${name} has no column list`);
  const withValue = isObject(i.with) ? Object.entries(i.with) : [];
  return {
    name,
    columns: cols.map((c: unknown) => {
      if (!isObject(c)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} ${name} has a column that is not an object`);
      const isExpression = c.isExpression === true;
      const expression = str(c, 'expression', `${where} ${name} column`);
      return {
        expression: isExpression ? expression : quoteDouble(expression),
        isExpression,
        order: c.asc === false ? 'desc' : 'asc',
        // drizzle's `.desc()` keeps `nulls last` unless told otherwise, and so does its snapshot.
        nulls: c.nulls === 'first' ? 'first' : 'last',
        opClass: optStr(c, 'opclass'),
      } as const;
    }),
    unique: i.isUnique === true,
    where: optStr(i, 'where'),
    method: optStr(i, 'method') ?? 'btree',
    concurrently: i.concurrently === true,
    with: withValue.length === 0 ? undefined : Object.fromEntries(withValue.map(([k, v]) => [k, String(v)])),
  };
}

function policy(p: Json, where: string): PolicyModel {
  const as = String(p.as ?? 'PERMISSIVE').toLowerCase();
  const forValue = String(p.for ?? 'ALL').toLowerCase();
  if (as !== 'permissive' && as !== 'restrictive') throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has an unknown 'as' '${String(p.as)}'`);
  if (!['all', 'select', 'insert', 'update', 'delete'].includes(forValue)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has an unknown 'for' '${String(p.for)}'`);
  return {
    name: str(p, 'name', where),
    as,
    for: forValue as PolicyModel['for'],
    to: strings(p, 'to', where),
    using: optStr(p, 'using'),
    withCheck: optStr(p, 'withCheck'),
  };
}

/** Policies drizzle-kit keeps at the top level (`pgPolicy(...).link(table)`) belong to the table their `on` names. */
function attachLinkedPolicies(json: Json, tables: TableModel[]): void {
  for (const p of entries(json, 'policies', 'snapshot')) {
    const on = optStr(p, 'on');
    if (on === undefined) continue;
    const [schema, name] = on.includes('.') ? on.split('.', 2).map(unquote) : ['public', unquote(on)];
    const target = tables.find((t) => t.schema === schema && t.name === name);
    if (target) target.policies.push(policy(p, `policy on ${on}`));
  }
}

const unquote = (s: string | undefined): string => (s ?? '').replace(/^"(.*)"$/, '$1');

// drizzle keeps view options under their TypeScript names; DDL, and so the model, writes them snake_case.
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function view(v: Json): ViewModel {
  const name = str(v, 'name', 'view');
  const options: Record<string, string | boolean> = {};
  if (isObject(v.with)) for (const [k, value] of Object.entries(v.with)) if (value !== undefined && value !== null) options[`with.${snake(k)}`] = typeof value === 'boolean' ? value : String(value);
  const using = optStr(v, 'using');
  const tablespace = optStr(v, 'tablespace');
  if (using !== undefined) options.using = using;
  if (tablespace !== undefined) options.tablespace = tablespace;
  if (v.withNoData === true) options.withNoData = true;
  return { schema: schemaOf(v.schema), name, definition: v.isExisting === true ? undefined : optStr(v, 'definition'), materialized: v.materialized === true, options };
}

function role(r: Json): RoleModel {
  return { name: str(r, 'name', 'role'), createDb: r.createDb === true, createRole: r.createRole === true, inherit: r.inherit !== false };
}
