/**
 * PostgreSQL's serializer hooks. Choices the model leaves open:
 * - An array's declared size is dropped (`integer[3]` -> `integer[]`): PostgreSQL ignores it and
 *   never reports it back.
 * - An unnamed primary key is `<table>_pkey`, the name PostgreSQL gives a column's key, or
 *   `<table>_<columns>_pk` for `primaryKey({ columns })`, the name drizzle-kit writes for one.
 * - A view's `with (...)` parameters are options named `with.<parameter>` with the parameter's
 *   SQL name (`with.check_option: 'local'`, `with.security_barrier: true`), next to `using`,
 *   `tablespace` and `withNoData`.
 * - A table with policies has row-level security on, as in Drizzle: policies do nothing without it.
 */
import type { AnyColumn } from '../../../core/column.js';
import { is } from '../../../core/entity.js';
import { SchemaError } from '../../../core/errors.js';
import { TableMeta, type AnyTable } from '../../../core/table.js';
import type { SerializeOptions } from '../../../kit/dialect.js';
import type { EnumModel, IdentityModel, PolicyModel, RoleModel, SchemaModel, SequenceModel } from '../../../kit/model.js';
import { lowerType, quoteString, serializeSchema, type DialectEntities, type SerializeContext, type SerializeHooks, type TableExtras } from '../../../kit/serialize.js';
import { isPgEnum } from '../columns.js';
import { jsonbText, stripOuterParens } from './introspect-normalize.js';
import { pgDialect } from '../dialect.js';
import { PgPolicy, PgRole } from '../policies.js';
import { PgSequence, type PgSequenceOptions } from '../sequence.js';
import { PgSchema } from '../table.js';

/**
 * The model of a PostgreSQL schema module's exports: tables, enums, schemas, sequences, views,
 * materialized views and roles.
 *
 * @example
 * const model = pgSerialize(Object.values(await import('./schema.js')), { casing: 'snake_case' });
 */
export function pgSerialize(entities: readonly unknown[], options: SerializeOptions): SchemaModel {
  return withoutOuterParens(serializeSchema(entities, options, pgSerializeHooks));
}

/**
 * PostgreSQL gives checks, index predicates, policies and generation expressions back without
 * knowing whether the schema wrapped them in parentheses (`and(...)` does), so the model keeps
 * them unwrapped and introspection compares equal.
 */
export function withoutOuterParens(model: SchemaModel): SchemaModel {
  const unwrap = (text: string | undefined) => (text === undefined ? undefined : stripOuterParens(text));
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (c.generated ? { ...c, generated: { ...c.generated, as: stripOuterParens(c.generated.as) } } : c)),
      checks: t.checks.map((c) => ({ ...c, expression: stripOuterParens(c.expression) })),
      indexes: t.indexes.map((i) => ({ ...i, where: unwrap(i.where) })),
      policies: t.policies.map((p) => ({ ...p, using: unwrap(p.using), withCheck: unwrap(p.withCheck) })),
    })),
  };
}

interface EnumExtra {
  enumName?: string;
  enumSchema?: string;
}

/** PostgreSQL's part of the shared serializer. */
export const pgSerializeHooks: SerializeHooks = {
  name: 'postgresql',
  dialect: pgDialect,
  tableDialect: 'pg',
  defaultSchema: 'public',
  indexOptions: true,
  columnType(column) {
    const sqlType = column.getSQLType();
    const { enumName, enumSchema } = column.config.extra as EnumExtra;
    // An enum's type text is its quoted, qualified name, then any array brackets.
    const brackets = (text: string) => text.replace(/\[\d*\]/g, '[]');
    if (enumName !== undefined) {
      const suffix = /(\[\d*\])+$/.exec(sqlType)?.[0] ?? '';
      return { type: `${enumName}${brackets(suffix)}`, typeSchema: enumSchema ?? 'public' };
    }
    return { type: brackets(lowerType(sqlType)), typeSchema: undefined };
  },
  literal: pgLiteral,
  primaryKeyName: (table, declared, columns, extra) => declared ?? (extra ? `${table[TableMeta].name}_${columns.join('_')}_pk` : `${table[TableMeta].name}_pkey`),
  columnExtras: (column) => ({ identity: identityOf(column), autoincrement: false, onUpdate: undefined }),
  indexMethod: (index) => index.method ?? 'btree',
  indexScope: (table) => table.schema ?? 'public',
  constraintsAreIndexes: true,
  viewOptions(config, materialized) {
    const out: Record<string, string | boolean> = {};
    const withOptions = config.with as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(withOptions ?? {})) {
      if (value === undefined) continue;
      out[`with.${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`] = typeof value === 'boolean' ? value : String(value);
    }
    if (materialized) {
      if (typeof config.using === 'string') out.using = config.using;
      if (typeof config.tablespace === 'string') out.tablespace = config.tablespace;
      if (config.withNoData === true) out.withNoData = true;
    }
    return out;
  },
  entities: (entities, ctx, tables) => pgEntities(entities, ctx, tables),
  tableExtras: pgTableExtras,
};

/** A JavaScript default as PostgreSQL's DDL writes it, following drizzle-kit's forms. */
function pgLiteral(column: AnyColumn, value: unknown, type: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteString(value);
  const base = type.replace(/(\[\])+$/, '');
  if (type.endsWith('[]') && Array.isArray(value)) return quoteString(pgArrayText(value, base));
  if (base === 'json') return `${quoteString(JSON.stringify(value))}::json`;
  if (base === 'jsonb') return `${quoteString(jsonbText(value))}::jsonb`;
  if (value instanceof Date) return quoteString(dateText(value, base));
  if (Buffer.isBuffer(value)) return quoteString(`\\x${value.toString('hex')}`);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  // Other values (a point's tuple, a custom type's object) are written as the column sends them.
  if (column.encodes) {
    const stored = column.mapToDriverValue(value);
    if (typeof stored === 'string') return quoteString(stored);
    if (typeof stored === 'number' || typeof stored === 'bigint' || typeof stored === 'boolean') return String(stored);
  }
  if (typeof value === 'object') return quoteString(JSON.stringify(value));
  throw new SchemaError(`Column "${column.name}": cannot write the default ${String(value)} as SQL`);
}

/** A Date as the type's literal: `2024-01-02`, `2024-01-02 03:04:05.678` without a time zone, ISO with one. */
function dateText(value: Date, base: string): string {
  const iso = value.toISOString();
  if (base === 'date') return iso.slice(0, 10);
  if (base.startsWith('timestamp') && !base.includes('with time zone')) return iso.replace('T', ' ').slice(0, 23);
  return iso;
}

/** An array default's literal text (`{1,2}`, `{"a","b"}`), elements written as the element type reads them. */
function pgArrayText(values: unknown[], base: string): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return pgArrayText(v, base);
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    const text = v instanceof Date ? dateText(v, base) : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  };
  return `{${values.map(item).join(',')}}`;
}

const optionText = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

function identityOf(column: AnyColumn): IdentityModel | undefined {
  const identity = column.identity;
  if (identity === undefined) return undefined;
  const seq = (identity.sequence ?? {}) as PgSequenceOptions & { name?: string };
  return {
    type: identity.type,
    name: seq.name,
    increment: optionText(seq.increment),
    minValue: optionText(seq.minValue),
    maxValue: optionText(seq.maxValue),
    startWith: optionText(seq.startWith),
    cache: optionText(seq.cache),
    cycle: seq.cycle === true,
  };
}

interface EnumFn {
  enumName: string;
  enumValues: readonly string[];
  schema: string | undefined;
}

/** How a dialect that shares PostgreSQL's objects (CockroachDB) recognises its enums and schemas. */
export interface PgObjectKinds {
  isEnum(entity: unknown): boolean;
  schemaName(entity: unknown): string | undefined;
}

const pgKinds: PgObjectKinds = { isEnum: isPgEnum, schemaName: (e) => (is(e, PgSchema) ? e.schemaName : undefined) };

/** The `entities` hook for a dialect whose enums and schemas are its own classes but otherwise PostgreSQL's. */
export function pgEntitiesOf(kinds: PgObjectKinds): NonNullable<SerializeHooks['entities']> {
  return (entities, ctx, tables) => pgEntities(entities, ctx, tables, kinds);
}

/** Schemas, enums, sequences and roles; enums and sequences only columns name are added after the exported ones. */
function pgEntities(entities: readonly unknown[], _ctx: SerializeContext, tables: readonly AnyTable[], kinds: PgObjectKinds = pgKinds): DialectEntities {
  const out: DialectEntities = { schemas: [], enums: [], sequences: [], roles: [] };
  const enums = new Map<string, EnumModel>();
  const addEnum = (e: EnumFn, where: string) => {
    const model: EnumModel = { schema: e.schema ?? 'public', name: e.enumName, values: [...e.enumValues] };
    const key = `${model.schema}.${model.name}`;
    const before = enums.get(key);
    if (before === undefined) {
      enums.set(key, model);
      out.enums.push(model);
    } else if (before.values.join('\0') !== model.values.join('\0')) {
      throw new SchemaError(`Enum "${key}" is declared twice with different values (${before.values.join(', ')} / ${model.values.join(', ')})${where}`);
    }
  };
  const sequences = new Set<string>();
  const roles = new Set<string>();
  for (const entity of entities) {
    const schemaName = kinds.schemaName(entity);
    if (kinds.isEnum(entity)) addEnum(entity as unknown as EnumFn, '');
    else if (schemaName !== undefined) {
      if (!out.schemas.includes(schemaName)) out.schemas.push(schemaName);
    } else if (is(entity, PgSequence)) {
      const model = sequenceModel(entity);
      const key = `${model.schema}.${model.name}`;
      if (sequences.has(key)) throw new SchemaError(`Sequence "${key}" is declared twice`);
      sequences.add(key);
      out.sequences.push(model);
    } else if (is(entity, PgRole)) {
      if (entity._existing === true) continue;
      if (roles.has(entity.name)) throw new SchemaError(`Role "${entity.name}" is declared twice`);
      roles.add(entity.name);
      out.roles.push(roleModel(entity));
    }
  }
  // A column of an enum the module does not export still needs the type to exist.
  for (const table of tables) {
    for (const column of Object.values(table[TableMeta].columns)) {
      const { enumName, enumSchema } = column.config.extra as EnumExtra;
      if (enumName !== undefined && column.enumValues !== undefined) {
        addEnum({ enumName, enumValues: column.enumValues, schema: enumSchema }, ` (column "${table[TableMeta].name}.${column.name}")`);
      }
    }
  }
  return out;
}

function sequenceModel(seq: PgSequence): SequenceModel {
  const o = seq.seqOptions ?? {};
  return {
    schema: seq.schema ?? 'public',
    name: seq.seqName,
    increment: optionText(o.increment),
    minValue: optionText(o.minValue),
    maxValue: optionText(o.maxValue),
    startWith: optionText(o.startWith),
    cache: optionText(o.cache),
    cycle: o.cycle === true,
  };
}

function roleModel(role: PgRole): RoleModel {
  // PostgreSQL's defaults: roles inherit, and create neither databases nor roles.
  return { name: role.name, createDb: role.createDb === true, createRole: role.createRole === true, inherit: role.inherit !== false };
}

/** Policies declared in the table and those linked to it with `.link(table)`. */
function pgTableExtras(table: AnyTable, others: unknown[], ctx: SerializeContext, entities: readonly unknown[]): TableExtras {
  const declared = others.filter((o): o is PgPolicy => is(o, PgPolicy));
  const linked = entities.filter((e): e is PgPolicy => is(e, PgPolicy) && e._linkedTable !== undefined && e._linkedTable[TableMeta].base === table);
  const policies = [...declared, ...linked].map((p) => policyModel(p, ctx));
  const names = new Set<string>();
  for (const p of policies) {
    if (names.has(p.name)) throw new SchemaError(`Table "${table[TableMeta].name}" has two policies named "${p.name}"`);
    names.add(p.name);
  }
  return { rlsEnabled: table[TableMeta].enableRLS === true || policies.length > 0, policies };
}

function policyModel(policy: PgPolicy, ctx: SerializeContext): PolicyModel {
  const to = policy.to === undefined ? ['public'] : (Array.isArray(policy.to) ? policy.to : [policy.to]).map((r) => (is(r, PgRole) ? r.name : r));
  return {
    name: policy.name,
    as: policy.as ?? 'permissive',
    for: policy.for ?? 'all',
    // Role order means nothing to PostgreSQL, which lists them sorted.
    to: [...to].sort(),
    using: policy.using === undefined ? undefined : ctx.expression(policy.using),
    withCheck: policy.withCheck === undefined ? undefined : ctx.expression(policy.withCheck),
  };
}
