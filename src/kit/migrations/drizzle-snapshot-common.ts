import { SluiceError } from '../../core/errors.js';
import type { CheckModel, ColumnModel, IndexModel, ForeignKeyModel, PrimaryKeyModel, ReferentialAction, SchemaModel, TableModel, UniqueModel, ViewModel } from '../model.js';

/** A drizzle-kit snapshot that cannot be read: wrong shape, unknown version, missing fields. */
export class DrizzleSnapshotError extends SluiceError {}

/** drizzle-kit's id for "no previous snapshot"; our first snapshot has no `prevIds` instead. */
export const DRIZZLE_ORIGIN_ID = '00000000-0000-0000-0000-000000000000';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values of one of drizzle-kit's name-keyed maps, in file order; a missing map is empty. */
export function entries(owner: Json, key: string, where: string): Json[] {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where}.${key} is not an object`);
  return Object.entries(value).map(([name, item]) => {
    if (!isObject(item)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where}.${key}.${name} is not an object`);
    return item;
  });
}

export function str(owner: Json, key: string, where: string): string {
  const value = owner[key];
  if (typeof value !== 'string') throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where}.${key} is missing or not a string`);
  return value;
}

export function optStr(owner: Json, key: string): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function strings(owner: Json, key: string, where: string): string[] {
  const value = owner[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where}.${key} is not a list of names`);
  return value as string[];
}

/**
 * A default as DDL text. drizzle-kit stores numbers and booleans as JSON values and everything
 * else already as the SQL it writes (`'x'`, `now()`, `'{"a":1}'::jsonb`).
 */
export function defaultText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Lower case, as the model spells types, unless the text quotes something (enum values, custom types). */
export function typeText(type: string): string {
  return /['"`]/.test(type) ? type : type.toLowerCase();
}

const actions: readonly ReferentialAction[] = ['cascade', 'restrict', 'no action', 'set null', 'set default'];

export function action(value: unknown, where: string): ReferentialAction {
  if (value === undefined || value === null || value === '') return 'no action';
  const text = String(value).toLowerCase() as ReferentialAction;
  if (!actions.includes(text)) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has an unknown referential action '${String(value)}'`);
  return text;
}

/** The column fields every dialect reads the same way. */
export function baseColumn(col: Json, where: string): ColumnModel {
  const generated = col.generated;
  let gen: ColumnModel['generated'];
  if (isObject(generated)) {
    const type = generated.type === 'virtual' ? 'virtual' : 'stored';
    gen = { as: str(generated, 'as', `${where}.generated`), type };
  }
  return {
    name: str(col, 'name', where),
    type: typeText(str(col, 'type', where)),
    typeSchema: undefined,
    notNull: col.notNull === true,
    default: defaultText(col.default),
    generated: gen,
    identity: undefined,
    autoincrement: col.autoincrement === true,
    onUpdate: undefined,
  };
}

export function foreignKey(fk: Json, where: string, schemaTo: string | undefined): ForeignKeyModel {
  const name = str(fk, 'name', where);
  return {
    name,
    columns: strings(fk, 'columnsFrom', where),
    tableTo: str(fk, 'tableTo', where),
    schemaTo,
    columnsTo: strings(fk, 'columnsTo', where),
    onDelete: action(fk.onDelete, `${where} (on delete)`),
    onUpdate: action(fk.onUpdate, `${where} (on update)`),
  };
}

export function unique(u: Json, where: string): UniqueModel {
  return { name: str(u, 'name', where), columns: strings(u, 'columns', where), nullsNotDistinct: u.nullsNotDistinct === true };
}

export function check(c: Json, where: string): CheckModel {
  return { name: str(c, 'name', where), expression: str(c, 'value', where) };
}

/** Identifiers in an index's column list, quoted as the dialect's DDL quotes them. */
export const quoteDouble = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteBacktick = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

/** drizzle-kit's `prevId` as our `prevIds`: its all-zero origin id means "first snapshot". */
export function prevIds(json: Json): string[] {
  const prev = json.prevId;
  return typeof prev === 'string' && prev !== DRIZZLE_ORIGIN_ID && prev !== '' ? [prev] : [];
}

/**
 * MySQL's and SQLite's snapshots list index columns as plain strings: a column name, or an
 * expression's SQL, which `internal.indexes.<name>.columns.<text>.isExpression` marks.
 */
export function stringIndex(i: Json, where: string, internalIndexes: Json, quote: (name: string) => string): IndexModel {
  const name = str(i, 'name', where);
  const info = internalIndexes[name];
  const marks = isObject(info) && isObject(info.columns) ? info.columns : {};
  return {
    name,
    columns: strings(i, 'columns', `${where} ${name}`).map((text) => {
      const mark = marks[text];
      const isExpression = isObject(mark) && mark.isExpression === true;
      return { expression: isExpression ? text : quote(text), isExpression, order: 'asc', nulls: 'last', opClass: undefined } as const;
    }),
    unique: i.isUnique === true,
    where: optStr(i, 'where'),
    method: optStr(i, 'using'),
    concurrently: false,
    with: undefined,
  };
}

/** What MySQL's and SQLite's snapshots read differently; everything else about a table is the same. */
export interface FlatDialect {
  dialect: 'mysql' | 'sqlite';
  /** Adjusts a column read by `baseColumn` for what this dialect's snapshot records differently. */
  column(col: ColumnModel, raw: Json): void;
  /** The table maps that hold check constraints, read in this order. */
  checkKeys: readonly string[];
  quote: (name: string) => string;
  view(v: Json): ViewModel;
}

/** A MySQL or SQLite snapshot (no schemas, enums, sequences or roles) as the kit's schema model. */
export function flatSnapshot(json: Json, d: FlatDialect): SchemaModel {
  const internal = isObject(json.internal) ? json.internal : {};
  return {
    dialect: d.dialect,
    schemas: [],
    enums: [],
    sequences: [],
    tables: entries(json, 'tables', 'snapshot').map((t) => flatTable(t, internal, d)),
    views: entries(json, 'views', 'snapshot').map(d.view),
    roles: [],
  };
}

function flatTable(t: Json, internal: Json, d: FlatDialect): TableModel {
  const name = str(t, 'name', 'table');
  const where = `table ${name}`;
  const columns: ColumnModel[] = [];
  const pkColumns: string[] = [];
  for (const c of entries(t, 'columns', where)) {
    const col = baseColumn(c, `${where}.columns`);
    d.column(col, c);
    columns.push(col);
    if (c.primaryKey === true) pkColumns.push(col.name);
  }
  let primaryKey: PrimaryKeyModel | undefined;
  const composite = entries(t, 'compositePrimaryKeys', where);
  if (composite.length > 1) throw new DrizzleSnapshotError(`drizzle-kit snapshot: ${where} has ${composite.length} primary keys`);
  // MySQL calls every primary key PRIMARY, whatever name drizzle-kit gave it; SQLite's have no
  // name in the database, and the model calls those PRIMARY too.
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
    checks: d.checkKeys.flatMap((key) => entries(t, key, where)).map((c) => check(c, `${where} check`)),
    indexes: entries(t, 'indexes', where).map((i) => stringIndex(i, `${where} index`, expressions, d.quote)),
    rlsEnabled: false,
    policies: [],
  };
}
