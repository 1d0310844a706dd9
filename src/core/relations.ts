import { Column, type AnyColumn } from './column.js';
import { entityKind } from './entity.js';
import { SchemaError } from './errors.js';
import type { SQL } from './sql.js';
import { Table, TableMeta, type AnyTable, type TableMetadata } from './table.js';

// ---------------------------------------------------------------------------------------------
// v1: relations(table, ({ one, many }) => ({ ... }))
// ---------------------------------------------------------------------------------------------

/** A `one(...)` relation of the v1 API. */
export class One<TTargetName extends string = string, TNullable extends boolean = boolean> {
  static readonly [entityKind] = 'One';
  declare readonly _: { target: TTargetName; nullable: TNullable; kind: 'one' };
  constructor(
    readonly source: AnyTable,
    readonly target: AnyTable,
    readonly config: { fields: AnyColumn[]; references: AnyColumn[]; relationName?: string } | undefined,
  ) {}
}

/** A `many(...)` relation of the v1 API. */
export class Many<TTargetName extends string = string> {
  static readonly [entityKind] = 'Many';
  declare readonly _: { target: TTargetName; kind: 'many' };
  constructor(
    readonly source: AnyTable,
    readonly target: AnyTable,
    readonly config: { relationName?: string } | undefined,
  ) {}
}

type AllNotNull<TColumns extends readonly AnyColumn[]> = TColumns[number]['_']['notNull'] extends true ? true : false;

export interface RelationHelpers<TSource extends AnyTable> {
  one<TTarget extends AnyTable, const TFields extends readonly AnyColumn[] = []>(
    table: TTarget,
    config?: { fields: TFields; references: AnyColumn[]; relationName?: string },
  ): One<TTarget['_']['name'], TFields extends [] ? true : AllNotNull<TFields> extends true ? false : true>;
  many<TTarget extends AnyTable>(table: TTarget, config?: { relationName?: string }): Many<TTarget['_']['name']>;
  readonly _source?: TSource;
}

/** The relations of one table, as `relations()` returns them. */
export class Relations<TTableName extends string = string, TConfig extends Record<string, One | Many> = Record<string, One | Many>> {
  static readonly [entityKind] = 'Relations';
  declare readonly _: { tableName: TTableName; config: TConfig };
  constructor(
    readonly table: AnyTable,
    readonly config: (helpers: RelationHelpers<AnyTable>) => TConfig,
  ) {}
}

/**
 * Declares the relations of a table (v1 API).
 *
 * @example
 * export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
 * export const postsRelations = relations(posts, ({ one }) => ({
 *   author: one(users, { fields: [posts.authorId], references: [users.id] }),
 * }));
 */
export function relations<TTable extends AnyTable, TConfig extends Record<string, One | Many>>(table: TTable, config: (helpers: RelationHelpers<TTable>) => TConfig): Relations<TTable['_']['name'], TConfig> {
  if (!(table instanceof Table)) throw new SchemaError('relations() takes a table as its first argument');
  // The helpers are the same for every table; only the callback's type names its source table.
  return new Relations<TTable['_']['name'], TConfig>(table, ({ one, many }) => config({ one, many }));
}

// ---------------------------------------------------------------------------------------------
// v2: defineRelations({ ...tables }, (r) => ({ table: { name: r.one.x({...}) } }))
// ---------------------------------------------------------------------------------------------

/**
 * What `defineRelations` relates and `db.query` reads: a table, or a view. A view's fields are
 * columns and, for a view defined by a select, the expressions it names with `.as()`.
 */
export interface RelationsEntry {
  readonly _: { readonly name: string; readonly columns: object };
  readonly $inferSelect: object;
  readonly [TableMeta]: TableMetadata;
}

/** `r.users.id` in `defineRelations`: a column (or a view's field), optionally routed through a junction column. */
export class RelationColumn<TColumn = AnyColumn> {
  static readonly [entityKind] = 'RelationColumn';
  constructor(
    readonly column: TColumn,
    readonly throughColumn: AnyColumn | undefined = undefined,
  ) {}
  /** Routes a many-to-many relation through a junction table column. */
  through(column: RelationColumn | AnyColumn): RelationColumn<TColumn> {
    return new RelationColumn(this.column, column instanceof RelationColumn ? column.column : column);
  }
}

type ColumnRef = RelationColumn | RelationColumn[];

export interface RelationV2Config {
  from?: ColumnRef;
  to?: ColumnRef;
  optional?: boolean;
  alias?: string;
  where?: Record<string, unknown>;
}

/** A relation declared with `r.one.x(...)` or `r.many.x(...)`. */
export class RelationV2<TKind extends 'one' | 'many' = 'one' | 'many', TTarget extends string = string, TOptional extends boolean = boolean> {
  static readonly [entityKind] = 'RelationV2';
  declare readonly _: { kind: TKind; target: TTarget; optional: TOptional };
  constructor(
    readonly kind: TKind,
    readonly targetKey: TTarget,
    readonly config: RelationV2Config,
  ) {}
}

type RelationBuilderTables<TTables extends Record<string, unknown>> = {
  [K in keyof TTables]: TTables[K] extends RelationsEntry ? { [C in keyof TTables[K]['_']['columns']]: RelationColumn<TTables[K]['_']['columns'][C]> } : never;
};

export type RelationsBuilder<TTables extends Record<string, unknown>> = RelationBuilderTables<TTables> & {
  one: { [K in keyof TTables & string]: <const C extends RelationV2Config = {}>(config?: C) => RelationV2<'one', K, C extends { optional: false } ? false : true> };
  many: { [K in keyof TTables & string]: (config?: RelationV2Config) => RelationV2<'many', K, false> };
};

/** The result of `defineRelations`: the tables and their relations, for `drizzle({ relations })`. */
export class DefinedRelations<TTables extends Record<string, unknown> = Record<string, unknown>, TConfig = unknown> {
  static readonly [entityKind] = 'DefinedRelations';
  declare readonly _: { tables: TTables; config: TConfig };
  constructor(
    readonly tables: TTables,
    readonly config: Record<string, Record<string, RelationV2>>,
  ) {}
}

/**
 * Declares relations for a set of tables (v2 API), including many-to-many through a junction.
 *
 * @example
 * export const rels = defineRelations({ users, groups, usersToGroups }, (r) => ({
 *   users: { groups: r.many.groups({ from: r.users.id.through(r.usersToGroups.userId), to: r.groups.id.through(r.usersToGroups.groupId) }) },
 *   groups: { participants: r.many.users() },
 * }));
 */
export function defineRelations<TTables extends Record<string, unknown>, TConfig extends { [K in keyof TTables]?: Record<string, RelationV2> } = {}>(
  tables: TTables,
  config?: (r: RelationsBuilder<TTables>) => TConfig,
): DefinedRelations<TTables, TConfig> {
  const r: Record<string, unknown> = {};
  const tableKeys = Object.keys(tables).filter((k) => tables[k] instanceof Table);
  for (const key of tableKeys) {
    const cols: Record<string, RelationColumn> = {};
    for (const [ck, col] of Object.entries((tables[key] as AnyTable)[TableMeta].columns)) cols[ck] = new RelationColumn(col);
    r[key] = cols;
  }
  const make = (kind: 'one' | 'many') => Object.fromEntries(tableKeys.map((k) => [k, (c: RelationV2Config = {}) => new RelationV2(kind, k, c)]));
  r.one = make('one');
  r.many = make('many');
  const built = (config ? config(r as RelationsBuilder<TTables>) : {}) as Record<string, Record<string, RelationV2>>;
  for (const key of Object.keys(built)) {
    if (!tableKeys.includes(key)) throw new SchemaError(`defineRelations: "${key}" is not one of the tables given (${tableKeys.join(', ')})`);
  }
  return new DefinedRelations(tables, built);
}

// ---------------------------------------------------------------------------------------------
// The normalised model both APIs compile to, used by the relational query planner.
// ---------------------------------------------------------------------------------------------

/** One relation, resolved to join columns. */
export interface NormalizedRelation {
  name: string;
  kind: 'one' | 'many';
  /** Schema key of the target table. */
  target: string;
  /** `source.sourceColumns[i] = target.targetColumns[i]`, or through a junction. */
  sourceColumns: AnyColumn[];
  targetColumns: AnyColumn[];
  through: { table: AnyTable; sourceColumns: AnyColumn[]; targetColumns: AnyColumn[] } | undefined;
  /** A one-relation that may find no row. */
  nullable: boolean;
  /** v2: a filter always applied, on the target's rows (or, with `whereOnParent`, the parent's). */
  where: Record<string, unknown> | undefined;
  /**
   * The filter was inherited from the relation this one mirrors, where it was written against
   * that relation's target: the parent side here. A parent row failing it has no related rows.
   */
  whereOnParent: boolean;
}

export interface NormalizedTable {
  key: string;
  table: AnyTable;
  relations: Record<string, NormalizedRelation>;
}

export type NormalizedSchema = Record<string, NormalizedTable>;

function keyOf(tables: Record<string, AnyTable>, table: AnyTable, what: string): string {
  const base = table[TableMeta].base;
  for (const [k, t] of Object.entries(tables)) if (t[TableMeta].base === base) return k;
  throw new SchemaError(`${what}: table "${table[TableMeta].name}" is not in the schema given to drizzle()`);
}

/** Resolves v1 `relations()` objects found in a schema module. */
export function normalizeV1(schema: Record<string, unknown>): NormalizedSchema {
  const tables: Record<string, AnyTable> = {};
  const rels: Relations[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (v instanceof Relations) rels.push(v);
    else if (v instanceof Table) tables[k] = v;
  }
  const out: NormalizedSchema = {};
  for (const [k, t] of Object.entries(tables)) out[k] = { key: k, table: t, relations: {} };
  const helpers = (source: AnyTable): RelationHelpers<AnyTable> => ({
    // The relation's target name and nullability live in type parameters only: the objects are plain.
    one: <TTarget extends AnyTable, const TFields extends readonly AnyColumn[] = []>(target: TTarget, config?: { fields: TFields; references: AnyColumn[]; relationName?: string }) =>
      new One<TTarget['_']['name'], TFields extends [] ? true : AllNotNull<TFields> extends true ? false : true>(source, target, config && { ...config, fields: [...config.fields] }),
    many: <TTarget extends AnyTable>(target: TTarget, config?: { relationName?: string }) => new Many<TTarget['_']['name']>(source, target, config),
  });
  const raw: { sourceKey: string; name: string; rel: One | Many }[] = [];
  for (const r of rels) {
    const sourceKey = keyOf(tables, r.table, 'relations()');
    for (const [name, rel] of Object.entries(r.config(helpers(r.table)))) raw.push({ sourceKey, name, rel });
  }
  for (const { sourceKey, name, rel } of raw) {
    const targetKey = keyOf(tables, rel.target, `relation "${sourceKey}.${name}"`);
    const relationName = rel.config?.relationName;
    if (rel instanceof One && rel.config?.fields) {
      const { fields, references } = rel.config;
      if (fields.length === 0 || fields.length !== references.length) throw new SchemaError(`relation "${sourceKey}.${name}": fields and references must be non-empty lists of the same length`);
      out[sourceKey]!.relations[name] = {
        name,
        kind: 'one',
        target: targetKey,
        sourceColumns: fields,
        targetColumns: references,
        through: undefined,
        nullable: fields.some((f) => !f.notNull),
        where: undefined,
        whereOnParent: false,
      };
      continue;
    }
    // The other side of a relation declared with fields on the target table.
    const inverse = raw.filter((x) => x.sourceKey === targetKey && x.rel instanceof One && x.rel.config?.fields && keyOf(tables, x.rel.target, '') === sourceKey && (relationName === undefined || x.rel.config.relationName === relationName));
    if (inverse.length !== 1) {
      throw new SchemaError(
        inverse.length === 0
          ? `relation "${sourceKey}.${name}": no one() relation on "${targetKey}" points back at "${sourceKey}"; add one with fields/references${relationName ? ` and relationName "${relationName}"` : ''}`
          : `relation "${sourceKey}.${name}": several relations on "${targetKey}" point back at "${sourceKey}"; disambiguate with relationName`,
      );
    }
    const inv = (inverse[0]!.rel as One).config!;
    out[sourceKey]!.relations[name] = {
      name,
      kind: rel instanceof One ? 'one' : 'many',
      target: targetKey,
      sourceColumns: inv.references,
      targetColumns: inv.fields,
      through: undefined,
      nullable: true,
      where: undefined,
      whereOnParent: false,
    };
  }
  return out;
}

const list = (ref: ColumnRef | undefined): RelationColumn[] => (ref === undefined ? [] : Array.isArray(ref) ? ref : [ref]);

type V2Entry = { sourceKey: string; name: string; rel: RelationV2 };

/**
 * The relation a `one`/`many` without from/to mirrors: the one on its target that points back at
 * its source under the same alias (an unaliased relation pairs only with unaliased ones), so
 * several relations between two tables can each be mirrored once they carry aliases.
 */
function partnerOf(entries: V2Entry[], { sourceKey, name, rel }: V2Entry): RelationV2 {
  const alias = rel.config.alias;
  const found = entries.filter((x) => x.rel !== rel && x.sourceKey === rel.targetKey && x.rel.targetKey === sourceKey && x.rel.config.alias === alias);
  const aliasNote = alias === undefined ? 'without an alias' : `with alias "${alias}"`;
  if (found.length === 0) {
    throw new SchemaError(`relation "${sourceKey}.${name}": give from/to, or declare a relation on "${rel.targetKey}" back to "${sourceKey}" ${aliasNote} that gives them`);
  }
  if (found.length > 1) {
    throw new SchemaError(`relation "${sourceKey}.${name}": several relations on "${rel.targetKey}" point at "${sourceKey}" ${aliasNote} (${found.map((x) => x.name).join(', ')}); disambiguate with alias`);
  }
  const partner = found[0]!;
  if (partner.rel.config.from === undefined || partner.rel.config.to === undefined) {
    throw new SchemaError(`relation "${sourceKey}.${name}": neither it nor "${rel.targetKey}.${partner.name}", the relation it mirrors, gives from/to`);
  }
  return partner.rel;
}

/** Resolves a `defineRelations()` result. */
export function normalizeV2(defined: DefinedRelations): NormalizedSchema {
  const tables: Record<string, AnyTable> = {};
  for (const [k, v] of Object.entries(defined.tables)) if (v instanceof Table) tables[k] = v;
  const out: NormalizedSchema = {};
  for (const [k, t] of Object.entries(tables)) out[k] = { key: k, table: t, relations: {} };
  const entries: V2Entry[] = [];
  for (const [sourceKey, rels] of Object.entries(defined.config)) {
    if (rels === null || typeof rels !== 'object') continue;
    for (const [name, rel] of Object.entries(rels)) entries.push({ sourceKey, name, rel });
  }
  for (const entry of entries) {
    const { sourceKey, name, rel } = entry;
    const what = `relation "${sourceKey}.${name}"`;
    if ((rel.config.from === undefined) !== (rel.config.to === undefined)) throw new SchemaError(`${what}: give both from and to, or neither`);
    let from = list(rel.config.from);
    let to = list(rel.config.to);
    let where = rel.config.where;
    let whereOnParent = false;
    if (rel.config.from === undefined) {
      const partner = partnerOf(entries, entry);
      from = list(partner.config.to);
      to = list(partner.config.from);
      // The mirrored relation's filter reads rows of this relation's source, as written there.
      if (where === undefined && partner.config.where !== undefined) {
        where = partner.config.where;
        whereOnParent = true;
      }
    }
    if (from.length === 0 || to.length === 0) throw new SchemaError(`${what}: from and to must each name at least one column`);
    for (const c of [...from, ...to]) {
      if (!(c.column instanceof Column)) throw new SchemaError(`${what}: from and to must name columns, not SQL fields of a view`);
    }
    const throughFrom = from.map((c) => c.throughColumn);
    const throughTo = to.map((c) => c.throughColumn);
    const hasThrough = throughFrom.every((c) => c !== undefined) && throughTo.every((c) => c !== undefined);
    if (!hasThrough && (throughFrom.some((c) => c) || throughTo.some((c) => c))) throw new SchemaError(`${what}: both from and to must use through()`);
    // Through a junction each side is matched on its own columns, so the sides may differ in count
    // (one student id against a course id and a semester); a direct relation pairs them.
    if (!hasThrough && from.length !== to.length) throw new SchemaError(`${what}: from and to must list the same number of columns`);
    const junction = hasThrough ? (throughFrom[0] as Column).table[TableMeta].base : undefined;
    if (junction && [...throughFrom, ...throughTo].some((c) => (c as Column).table[TableMeta].base !== junction)) {
      throw new SchemaError(`${what}: every through() column must be on the same table`);
    }
    out[sourceKey]!.relations[name] = {
      name,
      kind: rel.kind,
      target: rel.targetKey,
      sourceColumns: from.map((c) => c.column),
      targetColumns: to.map((c) => c.column),
      through: junction ? { table: junction, sourceColumns: throughFrom as AnyColumn[], targetColumns: throughTo as AnyColumn[] } : undefined,
      nullable: rel.kind === 'one' ? rel.config.optional !== false : false,
      where,
      whereOnParent,
    };
  }
  return out;
}

export type { SQL };
