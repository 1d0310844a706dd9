/**
 * The kit's one schema model: a snapshot of everything a migration can create, as plain JSON
 * data with the same shape for every dialect. The serializer builds it from schema objects,
 * introspection builds it from a live database, and the differ, `check`, `status`, the lint
 * rules and the code generator read only this.
 *
 * Conventions every producer follows, so that two snapshots of the same schema are equal:
 * - Names are the database's names (casing applied), never TypeScript keys.
 * - `schema` is `'public'` for PostgreSQL and CockroachDB objects without one, `'dbo'` for SQL
 *   Server's, and `undefined` elsewhere.
 * - A column's `type` is the SQL type as DDL writes it, lower case, with its parameters and
 *   without quotes (`varchar(256)`, `numeric(10, 2)`, `timestamp(3) with time zone`,
 *   `integer[]`, `serial`, `int unsigned`). An enum column's `type` is the enum's name and
 *   `typeSchema` its schema.
 * - Defaults and other expressions are SQL text exactly as it goes into DDL (`'x'`, `0`,
 *   `now()`, `'{"a":1}'::jsonb`, `(lower("email"))`).
 * - Arrays keep declaration order; the differ matches by name, not position.
 */

export type KitDialectName = 'postgresql' | 'mysql' | 'sqlite' | 'mssql' | 'cockroach';

/**
 * Whether a dialect has PostgreSQL's schemas, `$1` parameters and catalogs: PostgreSQL itself and
 * CockroachDB, which speaks its wire protocol and keeps `pg_catalog`. Sessions on CockroachDB are
 * PostgreSQL sessions (node-postgres), so the runner treats both alike.
 */
export function isPgFamily(dialect: KitDialectName): dialect is 'postgresql' | 'cockroach' {
  return dialect === 'postgresql' || dialect === 'cockroach';
}

export const SNAPSHOT_VERSION = '1';

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  dialect: KitDialectName;
  /** A random id; `prevIds` are the snapshots this one was generated from (two after a merge). */
  id: string;
  prevIds: string[];
  /** Schemas the user declared (`pgSchema`, `mssqlSchema`), never `public` or `dbo`. */
  schemas: string[];
  enums: EnumModel[];
  sequences: SequenceModel[];
  tables: TableModel[];
  views: ViewModel[];
  roles: RoleModel[];
}

/** A snapshot without its identity: what serializing or introspecting produces. */
export type SchemaModel = Omit<Snapshot, 'id' | 'prevIds' | 'version'>;

export interface EnumModel {
  schema: string | undefined;
  name: string;
  values: string[];
}

/** A sequence's settings, shared by standalone sequences and identity columns' sequences. */
export interface SequenceOptions {
  increment: string | undefined;
  minValue: string | undefined;
  maxValue: string | undefined;
  startWith: string | undefined;
  cache: string | undefined;
  cycle: boolean;
}

export interface SequenceModel extends SequenceOptions {
  schema: string | undefined;
  name: string;
}

export interface TableModel {
  schema: string | undefined;
  name: string;
  columns: ColumnModel[];
  primaryKey: PrimaryKeyModel | undefined;
  foreignKeys: ForeignKeyModel[];
  uniques: UniqueModel[];
  checks: CheckModel[];
  indexes: IndexModel[];
  /** PostgreSQL row-level security. */
  rlsEnabled: boolean;
  policies: PolicyModel[];
}

export interface ColumnModel {
  name: string;
  type: string;
  /** The enum's schema when `type` names an enum (PostgreSQL). */
  typeSchema: string | undefined;
  notNull: boolean;
  default: string | undefined;
  generated: { as: string; type: 'stored' | 'virtual' } | undefined;
  identity: IdentityModel | undefined;
  /** SQLite `integer primary key autoincrement`, MySQL `auto_increment`. */
  autoincrement: boolean;
  /** MySQL `on update current_timestamp[(fsp)]`, as its SQL text. */
  onUpdate: string | undefined;
}

/**
 * An identity column. PostgreSQL's keep their sequence's settings; SQL Server's `IDENTITY(seed,
 * increment)` is `type: 'always'` with `startWith` (the seed) and `increment` always written, the
 * other settings unset.
 */
export interface IdentityModel extends SequenceOptions {
  type: 'always' | 'byDefault';
  /** The identity's sequence name, when the schema gives one. */
  name: string | undefined;
}

export interface PrimaryKeyModel {
  /** The constraint's name (`<table>_pkey` on PostgreSQL when unnamed). */
  name: string;
  columns: string[];
}

export type ReferentialAction = 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default';

export interface ForeignKeyModel {
  name: string;
  columns: string[];
  tableTo: string;
  schemaTo: string | undefined;
  columnsTo: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface UniqueModel {
  name: string;
  columns: string[];
  nullsNotDistinct: boolean;
}

export interface CheckModel {
  name: string;
  expression: string;
}

export interface IndexColumnModel {
  /** A quoted column name, or an expression's SQL text. */
  expression: string;
  isExpression: boolean;
  order: 'asc' | 'desc';
  nulls: 'first' | 'last';
  opClass: string | undefined;
}

export interface IndexModel {
  name: string;
  columns: IndexColumnModel[];
  unique: boolean;
  where: string | undefined;
  /** PostgreSQL access method (`btree` when unset), MySQL `using btree|hash`. */
  method: string | undefined;
  concurrently: boolean;
  with: Record<string, string> | undefined;
}

export interface PolicyModel {
  name: string;
  as: 'permissive' | 'restrictive';
  for: 'all' | 'select' | 'insert' | 'update' | 'delete';
  to: string[];
  using: string | undefined;
  withCheck: string | undefined;
}

export interface ViewModel {
  schema: string | undefined;
  name: string;
  /** The defining query's SQL text; undefined for views the database has already (`.existing()`). */
  definition: string | undefined;
  materialized: boolean;
  /** Dialect options: PostgreSQL `with (...)`, `using`, `tablespace`, `withNoData`; MySQL `algorithm`, `sqlSecurity`, `checkOption`. */
  options: Record<string, string | boolean>;
}

export interface RoleModel {
  name: string;
  createDb: boolean;
  createRole: boolean;
  inherit: boolean;
}

/** An empty model of a dialect: the "previous" state of a project's first migration. */
export function emptySnapshot(dialect: KitDialectName): Snapshot {
  return { version: SNAPSHOT_VERSION, dialect, id: '00000000-0000-0000-0000-000000000000', prevIds: [], schemas: [], enums: [], sequences: [], tables: [], views: [], roles: [] };
}

/** `schema.name`, or `name` where there is no schema: how the kit keys and prints objects. */
export function qualifiedName(obj: { schema: string | undefined; name: string }): string {
  return obj.schema === undefined ? obj.name : `${obj.schema}.${obj.name}`;
}

const byName = <T extends { schema?: string | undefined; name: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => qualifiedName({ schema: a.schema, name: a.name }).localeCompare(qualifiedName({ schema: b.schema, name: b.name })));

/**
 * The model with every collection but a table's columns sorted by name: two models of the same
 * schema read from different places (schema files, a drizzle-kit snapshot, a database) list
 * objects in different orders, and the differ matches by name, so this is how to compare them.
 */
export function canonicalModel<T extends SchemaModel>(model: T): T {
  return {
    ...model,
    schemas: [...model.schemas].sort(),
    enums: byName(model.enums),
    sequences: byName(model.sequences),
    views: byName(model.views),
    roles: byName(model.roles),
    tables: byName(model.tables).map((t) => ({
      ...t,
      foreignKeys: byName(t.foreignKeys),
      uniques: byName(t.uniques),
      checks: byName(t.checks),
      indexes: byName(t.indexes),
      policies: byName(t.policies),
    })),
  };
}

/**
 * The table with its own columns bare in its checks, index expressions and policies, as the model
 * writes them (so a renamed table's expressions stay the same): drizzle-kit's snapshots and the
 * SQL it wrote into a database qualify them (`"users"."age" >= 0`).
 */
export function unqualifyOwnColumns(table: TableModel): TableModel {
  const prefixes = [`"${table.name}".`, `\`${table.name}\`.`];
  const bare = <T extends string | undefined>(text: T): T => (text === undefined ? text : (prefixes.reduce((acc, p) => acc.split(p).join(''), text as string) as T));
  return {
    ...table,
    checks: table.checks.map((c) => ({ ...c, expression: bare(c.expression) })),
    indexes: table.indexes.map((i) => ({ ...i, where: bare(i.where), columns: i.columns.map((c) => (c.isExpression ? { ...c, expression: bare(c.expression) } : c)) })),
    policies: table.policies.map((p) => ({ ...p, using: bare(p.using), withCheck: bare(p.withCheck) })),
  };
}
