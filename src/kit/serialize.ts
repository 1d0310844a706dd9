/**
 * The shared serializer: schema objects (tables, views and a dialect's own objects) to the kit's
 * `SchemaModel`. Everything dialect-specific comes from a `SerializeHooks` object; this file only
 * walks tables and views and applies the model's conventions.
 *
 * Choices every dialect shares (the model leaves them open):
 * - Expressions (checks, index expressions and `where`, generated columns, policies, `sql`
 *   defaults) render with parameters inlined and columns unqualified (`"age" > 0`): that is how
 *   the databases print them back, and a qualified name is not valid in every one of those places.
 *   A generated column's `as` is the bare expression; the parentheses `generated always as (...)`
 *   needs belong to the DDL. An index expression is the text the user wrote, unwrapped.
 * - Default names (indexes `<table>_<columns>_index`, uniques `<table>_<columns>_unique`, foreign
 *   keys `<table>_<columns>_<target>_<columns>_fk`) are built from the column names with casing
 *   applied, so they are the names the database ends up with.
 * - A column's `type` is lower-cased outside quoted literals (an enum's values keep their case).
 */
import { Column, type AnyColumn } from '../core/column.js';
import { uniqueKeyName, type Index } from '../core/constraints.js';
import type { Dialect } from '../core/dialect.js';
import { is } from '../core/entity.js';
import { SchemaError } from '../core/errors.js';
import { checkForeignKeyTargets } from '../core/schema-check.js';
import { RenderContext, Renderer } from '../core/render.js';
import { SQL } from '../core/sql.js';
import { isTable, isView, readTableConfig, readViewConfig, type TableDefinition, type ViewDefinition } from '../core/table-config.js';
import { TableMeta, type AnyTable } from '../core/table.js';
import type { View } from '../core/view.js';
import type { SerializeOptions } from './dialect.js';
import type { CheckModel, ColumnModel, EnumModel, ForeignKeyModel, IndexColumnModel, IndexModel, KitDialectName, PolicyModel, PrimaryKeyModel, RoleModel, SchemaModel, SequenceModel, TableModel, UniqueModel, ViewModel } from './model.js';

/** What a dialect's serializer hooks receive: renders SQL the way the ORM does under the config's casing. */
export interface SerializeContext {
  readonly renderer: Renderer;
  /** A column's name in the database (casing applied to key-named columns). */
  columnName(column: AnyColumn): string;
  /** An expression's SQL text, parameters inlined, columns unqualified. */
  expression(sql: SQL): string;
}

/** The model parts a dialect reads from exports the shared serializer does not know (PostgreSQL's enums, schemas, ...). */
export interface DialectEntities {
  schemas: string[];
  enums: EnumModel[];
  sequences: SequenceModel[];
  roles: RoleModel[];
}

/** The table parts only some dialects have (PostgreSQL's row-level security). */
export interface TableExtras {
  rlsEnabled: boolean;
  policies: PolicyModel[];
}

/** What differs between dialects when serializing; everything else is shared. */
export interface SerializeHooks {
  readonly name: KitDialectName;
  /** The ORM dialect whose quoting and literals expressions use. */
  readonly dialect: Dialect;
  /** `TableMeta.dialect` of the tables and views this dialect accepts. */
  readonly tableDialect: string;
  /** The schema of objects declared without one (`'public'` on PostgreSQL). */
  readonly defaultSchema: string | undefined;
  /** A column's model type and, for an enum, the enum's schema. */
  columnType(column: AnyColumn): { type: string; typeSchema: string | undefined };
  /** A JavaScript default (or generated value) as the SQL literal DDL writes. `type` is the model type. */
  literal(column: AnyColumn, value: unknown, type: string): string;
  /** The primary key's name: `declared` is the name the schema gave, if any. */
  /** `extra` is true for a key declared with `primaryKey({ columns })` rather than a column's `.primaryKey()`. */
  primaryKeyName(table: AnyTable, declared: string | undefined, columns: string[], extra: boolean): string;
  /** Dialect-only column fields: identity, autoincrement, on update. */
  columnExtras(column: AnyColumn): Pick<ColumnModel, 'identity' | 'autoincrement' | 'onUpdate'>;
  /** The index method, with the dialect's default filled in. */
  indexMethod(index: Index): string | undefined;
  /** Whether `create index concurrently` and `with (...)` apply. */
  readonly indexOptions: boolean;
  /** The view's options as the model keeps them. */
  viewOptions(config: ViewDefinition & Record<string, unknown>, materialized: boolean): Record<string, string | boolean>;
  /**
   * Where index names must be unique, for a table: its schema (PostgreSQL), the table (MySQL),
   * the database (SQLite, `''`).
   */
  indexScope(table: TableModel): string;
  /** Whether unique constraints and the primary key are indexes of the same names (so share the index namespace). */
  readonly constraintsAreIndexes: boolean;
  /** Reads the dialect's own exports (the shared walk keeps only tables and views). */
  entities?(entities: readonly unknown[], ctx: SerializeContext, tables: readonly AnyTable[]): DialectEntities;
  /** Row-level security and policies of a table. */
  tableExtras?(table: AnyTable, others: unknown[], ctx: SerializeContext, allEntities: readonly unknown[]): TableExtras;
}

/**
 * Builds the model of a schema module's exports for one dialect; the dialects' `serialize`
 * functions are this with their hooks.
 *
 * @example
 * const model = serializeSchema(Object.values(await import('./schema.js')), { casing: 'snake_case' }, pgSerializeHooks);
 */
export function serializeSchema(entities: readonly unknown[], options: SerializeOptions, hooks: SerializeHooks): SchemaModel {
  const renderer = new Renderer(hooks.dialect, options.casing);
  const ctx: SerializeContext = {
    renderer,
    columnName: (column) => renderer.columnName(column),
    expression: (sql) => renderExpression(renderer, sql),
  };
  const seen = new Set<unknown>();
  const tables: AnyTable[] = [];
  const views: View[] = [];
  for (const entity of entities) {
    if (seen.has(entity)) continue;
    seen.add(entity);
    if (isView(entity)) {
      checkDialect(entity, 'view', hooks);
      views.push(entity);
    } else if (isTable(entity)) {
      checkDialect(entity, 'table', hooks);
      tables.push(entity);
    }
  }
  checkUniqueRelationNames(tables, views, hooks);
  checkForeignKeyTargets(tables, 'The schema');
  const own = hooks.entities?.([...seen], ctx, tables) ?? { schemas: [], enums: [], sequences: [], roles: [] };
  const tableModels = tables.map((t) => serializeTable(t, ctx, hooks, [...seen]));
  checkNames(tableModels, hooks);
  return {
    dialect: hooks.name,
    schemas: own.schemas,
    enums: own.enums,
    sequences: own.sequences,
    tables: tableModels,
    views: views.map((v) => serializeView(v, ctx, hooks)),
    roles: own.roles,
  };
}

/** Renders an expression as DDL carries it: values inlined, columns by their bare names. */
function renderExpression(renderer: Renderer, sql: SQL): string {
  const rc = new RenderContext();
  rc.qualify = false;
  rc.inline = true;
  renderer.chunk(rc, sql);
  return rc.s;
}

function checkDialect(entity: AnyTable, kind: string, hooks: SerializeHooks): void {
  const meta = entity[TableMeta];
  if (meta.dialect !== hooks.tableDialect) {
    throw new SchemaError(`${kind} "${meta.name}" is a ${meta.dialect} ${kind}; the ${hooks.name} schema takes only ${hooks.tableDialect} tables and views`);
  }
}

function checkUniqueRelationNames(tables: readonly AnyTable[], views: readonly View[], hooks: SerializeHooks): void {
  const names = new Map<string, string>();
  for (const [kind, list] of [
    ['table', tables],
    ['view', views],
  ] as const) {
    for (const t of list) {
      const meta = t[TableMeta];
      const key = qualified(meta.schema ?? hooks.defaultSchema, meta.name);
      const before = names.get(key);
      if (before !== undefined) throw new SchemaError(`The schema declares ${before} "${key}" and a ${kind} of the same name; every table and view needs its own name`);
      names.set(key, `a ${kind}`);
    }
  }
}

/** Names the database keeps in one namespace: constraints per table, indexes per the dialect's scope. */
function checkNames(tables: readonly TableModel[], hooks: SerializeHooks): void {
  const indexes = new Map<string, string>();
  for (const t of tables) {
    const label = qualified(t.schema, t.name);
    const constraints = new Set<string>();
    const named = [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques, ...t.foreignKeys, ...t.checks];
    for (const c of named) {
      if (constraints.has(c.name)) throw new SchemaError(`Table "${label}" has two constraints named "${c.name}"`);
      constraints.add(c.name);
    }
    const scope = hooks.indexScope(t);
    const indexLike = [...t.indexes.map((i) => i.name), ...(hooks.constraintsAreIndexes ? [...(t.primaryKey ? [t.primaryKey.name] : []), ...t.uniques.map((u) => u.name)] : [])];
    for (const name of indexLike) {
      const key = `${scope}\0${name}`;
      const before = indexes.get(key);
      if (before !== undefined) throw new SchemaError(`Index name "${name}" is used twice (${before === label ? `table "${label}"` : `tables "${before}" and "${label}"`}); index names must be unique${scope ? ` in "${scope}"` : ''}`);
      indexes.set(key, label);
    }
  }
}

const qualified = (schema: string | undefined, name: string): string => (schema === undefined ? name : `${schema}.${name}`);

function serializeTable(table: AnyTable, ctx: SerializeContext, hooks: SerializeHooks, entities: readonly unknown[]): TableModel {
  const { others, ...config } = readTableConfig(table, 'serialize');
  const tableName = config.name;
  const label = qualified(config.schema ?? hooks.defaultSchema, tableName);
  const columns = config.columns as AnyColumn[];
  const primaryKey = serializePrimaryKey(table, config, ctx, hooks, label);
  const pkColumns = new Set(primaryKey?.columns ?? []);
  const columnModels: ColumnModel[] = [];
  const byName = new Set<string>();
  for (const column of columns) {
    const model = serializeColumn(column, ctx, hooks, pkColumns);
    if (byName.has(model.name)) throw new SchemaError(`Table "${label}" has two columns named "${model.name}" (after casing); rename one`);
    byName.add(model.name);
    columnModels.push(model);
  }
  const ownColumn = (column: AnyColumn, what: string): string => {
    if (column.table[TableMeta].base !== table) {
      throw new SchemaError(`${what} on table "${label}" names column "${column.table[TableMeta].name}.${column.name}" of another table`);
    }
    return ctx.columnName(column);
  };
  const extras = hooks.tableExtras?.(table, others, ctx, entities) ?? { rlsEnabled: false, policies: [] };
  return {
    schema: config.schema ?? hooks.defaultSchema,
    name: tableName,
    columns: columnModels,
    primaryKey,
    foreignKeys: config.foreignKeys.map((fk) => serializeForeignKey(fk, tableName, ctx, hooks, ownColumn)),
    uniques: serializeUniques(table, config, ctx, ownColumn),
    checks: serializeChecks(columns, config, ctx),
    indexes: config.indexes.map((index) => serializeIndex(index, tableName, ctx, hooks, ownColumn)),
    rlsEnabled: extras.rlsEnabled,
    policies: extras.policies,
  };
}

function serializeColumn(column: AnyColumn, ctx: SerializeContext, hooks: SerializeHooks, pkColumns: ReadonlySet<string>): ColumnModel {
  const name = ctx.columnName(column);
  const { type, typeSchema } = hooks.columnType(column);
  const generated = column.generated;
  const extras = hooks.columnExtras(column);
  return {
    name,
    type,
    typeSchema,
    // A primary key column is not null whether or not the schema says so, as in the database.
    notNull: column.notNull || pkColumns.has(name) || extras.identity !== undefined,
    // `$defaultFn` and `$onUpdate` run in JavaScript: only `.default()` reaches the database.
    default: column.default === undefined ? undefined : is(column.default, SQL) ? ctx.expression(column.default) : hooks.literal(column, column.default, type),
    generated: generated === undefined ? undefined : { as: generatedText(column, generated.as, type, ctx, hooks), type: generated.type },
    identity: extras.identity,
    autoincrement: extras.autoincrement,
    onUpdate: extras.onUpdate,
  };
}

function generatedText(column: AnyColumn, as: unknown, type: string, ctx: SerializeContext, hooks: SerializeHooks): string {
  const value = typeof as === 'function' ? (as as () => unknown)() : as;
  return is(value, SQL) ? ctx.expression(value) : hooks.literal(column, value, type);
}

function serializePrimaryKey(table: AnyTable, config: TableDefinition, ctx: SerializeContext, hooks: SerializeHooks, label: string): PrimaryKeyModel | undefined {
  const columns = config.columns as AnyColumn[];
  const inline = columns.filter((c) => c.primary);
  if (inline.length > 1) {
    throw new SchemaError(`Table "${label}" marks ${inline.map((c) => `"${ctx.columnName(c)}"`).join(' and ')} with .primaryKey(); declare a composite key with primaryKey({ columns: [...] }) instead`);
  }
  const candidates: { name: string | undefined; columns: string[] }[] = inline.map((c) => ({ name: undefined, columns: [ctx.columnName(c)] }));
  for (const pk of config.primaryKeys) {
    for (const c of pk.columns) {
      if (c.table[TableMeta].base !== table) throw new SchemaError(`The primary key of table "${label}" names column "${c.table[TableMeta].name}.${c.name}" of another table`);
    }
    candidates.push({ name: pk.name, columns: pk.columns.map((c) => ctx.columnName(c)) });
  }
  if (candidates.length === 0) return undefined;
  const first = candidates[0]!;
  // The same key said twice (a column's .primaryKey() and primaryKey({ columns: [it] })) is one key.
  const distinct = candidates.filter((c) => c.columns.join('\0') !== first.columns.join('\0'));
  if (distinct.length > 0) {
    throw new SchemaError(`Table "${label}" declares more than one primary key: (${first.columns.join(', ')}) and (${distinct[0]!.columns.join(', ')})`);
  }
  const declared = candidates.find((c) => c.name !== undefined)?.name;
  return { name: hooks.primaryKeyName(table, declared, first.columns, config.primaryKeys.length > 0), columns: first.columns };
}

type OwnColumn = (column: AnyColumn, what: string) => string;

function serializeForeignKey(fk: TableDefinition['foreignKeys'][number], tableName: string, ctx: SerializeContext, hooks: SerializeHooks, ownColumn: OwnColumn): ForeignKeyModel {
  const ref = fk.reference();
  const target = ref.foreignTable;
  if (target === undefined) throw new SchemaError(`A foreign key on table "${tableName}" references no columns`);
  const targetMeta = target[TableMeta];
  const columns = ref.columns.map((c) => ownColumn(c, 'A foreign key'));
  const columnsTo = ref.foreignColumns.map((c) => {
    if (c.table[TableMeta].base !== target[TableMeta].base) throw new SchemaError(`A foreign key on table "${tableName}" references columns of two tables ("${targetMeta.name}" and "${c.table[TableMeta].name}")`);
    return ctx.columnName(c);
  });
  return {
    name: ref.name ?? `${[tableName, ...columns, targetMeta.name, ...columnsTo].join('_')}_fk`,
    columns,
    tableTo: targetMeta.name,
    schemaTo: targetMeta.schema ?? hooks.defaultSchema,
    columnsTo,
    onDelete: fk.onDelete ?? 'no action',
    onUpdate: fk.onUpdate ?? 'no action',
  };
}

function serializeUniques(table: AnyTable, config: TableDefinition, ctx: SerializeContext, ownColumn: OwnColumn): UniqueModel[] {
  const tableName = config.name;
  const out: UniqueModel[] = [];
  for (const column of config.columns as AnyColumn[]) {
    if (!column.isUnique) continue;
    const name = ctx.columnName(column);
    // The table names an unnamed one from the column's key; the database name uses its cased name.
    const isDefault = column.uniqueName === undefined || column.uniqueName === `${tableName}_${column.name}_unique`;
    out.push({ name: isDefault ? `${tableName}_${name}_unique` : column.uniqueName!, columns: [name], nullsNotDistinct: column.uniqueType === 'not distinct' });
  }
  for (const u of config.uniqueConstraints) {
    const columns = u.columns.map((c) => ownColumn(c, `Unique constraint "${u.name}"`));
    // Likewise getTableConfig's default name for a table-level constraint.
    const isDefault =
      u.name ===
      uniqueKeyName(
        table,
        u.columns.map((c) => c.name),
      );
    out.push({ name: isDefault ? `${tableName}_${columns.join('_')}_unique` : u.name, columns, nullsNotDistinct: u.nullsNotDistinct });
  }
  return out;
}

function serializeChecks(columns: AnyColumn[], config: TableDefinition, ctx: SerializeContext): CheckModel[] {
  const out: CheckModel[] = [];
  for (const column of columns) for (const c of column.config.checks) out.push({ name: c.name, expression: ctx.expression(c.sql) });
  for (const c of config.checks) out.push({ name: c.name, expression: ctx.expression(c.value) });
  return out;
}

function serializeIndex(index: Index, tableName: string, ctx: SerializeContext, hooks: SerializeHooks, ownColumn: OwnColumn): IndexModel {
  const label = index.name === undefined ? 'An index' : `Index "${index.name}"`;
  const columns: IndexColumnModel[] = index.columns.map((item) => {
    if (is(item, Column)) {
      const config = (item as { indexConfig?: { order: 'asc' | 'desc'; nulls: 'first' | 'last'; opClass: string | undefined } }).indexConfig;
      return {
        expression: hooks.dialect.quote(ownColumn(item, label)),
        isExpression: false,
        order: config?.order ?? 'asc',
        nulls: config?.nulls ?? 'last',
        opClass: config?.opClass,
      };
    }
    return { expression: ctx.expression(item), isExpression: true, order: 'asc', nulls: 'last', opClass: undefined };
  });
  let name = index.name;
  if (name === undefined) {
    if (columns.some((c) => c.isExpression)) throw new SchemaError(`An index on table "${tableName}" indexes an expression and has no name; give it one: index('name').on(...)`);
    const names = index.columns.map((c) => ctx.columnName(c as AnyColumn));
    name = `${tableName}_${names.join('_')}_index`;
  }
  return {
    name,
    columns,
    unique: index.unique,
    where: index.whereClause === undefined ? undefined : ctx.expression(index.whereClause),
    method: hooks.indexMethod(index),
    concurrently: hooks.indexOptions && index.isConcurrently,
    with: hooks.indexOptions && index.withOptions !== undefined ? stringValues(index.withOptions) : undefined,
  };
}

/** Option values as the model keeps them: text, booleans as `true`/`false`. */
export function stringValues(options: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = String(value);
  return out;
}

function serializeView(view: View, ctx: SerializeContext, hooks: SerializeHooks): ViewModel {
  const config = readViewConfig(view, 'serialize');
  return {
    schema: config.schema ?? hooks.defaultSchema,
    name: config.name,
    definition: config.query === undefined ? undefined : ctx.renderer.sqlToQuery(config.query).sql,
    materialized: view.materialized,
    options: hooks.viewOptions(config, view.materialized),
  };
}

/** Lower-cases a type's text outside quoted parts: `VARCHAR(10)` -> `varchar(10)`, `enum('A')` keeps `'A'`. */
export function lowerType(type: string): string {
  let out = '';
  let quote: string | undefined;
  for (const ch of type.trim()) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else {
      out += ch.toLowerCase();
    }
  }
  return out;
}

/** A string as an SQL literal with `'` doubled. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
