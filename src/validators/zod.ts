/**
 * `sluice/zod`: zod schemas from sluice tables, views and enums, as Drizzle's `drizzle-zod`
 * (`drizzle-orm/zod`) makes them. Needs zod 4 (`npm install zod`).
 *
 * @example
 * const insertUser = createInsertSchema(users, { email: (s) => s.email() });
 * const user = insertUser.parse(body);
 */
import { z } from 'zod';
import { SchemaError } from '../core/errors.js';
import { buildObject, type Emitter, fieldsOf } from './build.js';
import { isEnumType, type ValueShape } from './columns.js';
import type { CoerceOptions, CreateInsertSchema, CreateSchemaFactoryOptions, CreateSelectSchema, CreateUpdateSchema } from './zod-types.js';

export type * from './zod-types.js';

type Zod = typeof z;
type Coerce = Exclude<CoerceOptions, undefined>;
type Any = z.ZodType;

const canCoerce = (coerce: Coerce | undefined, kind: 'bigint' | 'boolean' | 'date' | 'number' | 'string'): boolean => coerce === true || (typeof coerce === 'object' && coerce[kind] === true);

/** The zod emitter of one zod instance and coercion setting. */
function zodEmitter(zi: Zod, coerce: Coerce | undefined): Emitter<Any> {
  // A JSON column's value: null inside it, but a null value is SQL NULL, which only a nullable column takes.
  const jsonValue: Any = zi.union([zi.string(), zi.number(), zi.boolean(), zi.array(zi.json()), zi.record(zi.string(), zi.json())]);
  const value = (shape: ValueShape): Any => {
    switch (shape.kind) {
      case 'string': {
        if (shape.format === 'uuid') return zi.uuid();
        let s = canCoerce(coerce, 'string') ? zi.coerce.string() : zi.string();
        if (shape.pattern) s = s.regex(shape.pattern);
        if (shape.length !== undefined) s = s.length(shape.length);
        if (shape.max !== undefined) s = s.max(shape.max);
        return s;
      }
      case 'enum':
        return zi.enum(shape.values as [string, ...string[]]);
      case 'number': {
        let s = canCoerce(coerce, 'number') ? zi.coerce.number() : zi.number();
        if (shape.integer) s = s.int();
        if (shape.min !== undefined) s = s.gte(shape.min);
        if (shape.max !== undefined) s = s.lte(shape.max);
        return s;
      }
      case 'bigint': {
        let s = canCoerce(coerce, 'bigint') ? zi.coerce.bigint() : zi.bigint();
        if (shape.min !== undefined) s = s.gte(shape.min);
        if (shape.max !== undefined) s = s.lte(shape.max);
        return s;
      }
      case 'boolean':
        return canCoerce(coerce, 'boolean') ? zi.coerce.boolean() : zi.boolean();
      case 'date':
        return canCoerce(coerce, 'date') ? zi.coerce.date() : zi.date();
      case 'buffer':
        return zi.custom<Buffer>((v) => Buffer.isBuffer(v), { message: 'Expected a Buffer' });
      case 'json':
        return jsonValue;
      case 'tuple':
        return zi.tuple(Array.from({ length: shape.size }, () => zi.number()) as unknown as [Any, ...Any[]]);
      case 'record':
        return zi.object(Object.fromEntries(shape.keys.map((k) => [k, zi.number()])));
      case 'array': {
        const a = zi.array(value(shape.element));
        return shape.length !== undefined ? a.length(shape.length) : a;
      }
      case 'any':
        return zi.any();
    }
  };
  return {
    value,
    any: () => zi.any(),
    nullable: (s) => s.nullable(),
    optional: (s) => s.optional(),
    object: (shape) => zi.object(shape),
    isSchema: (v) => v instanceof zi.ZodType,
  };
}

function factory(options: CreateSchemaFactoryOptions<CoerceOptions> | undefined) {
  const zi: Zod = options?.zodInstance ?? z;
  if (typeof zi?.object !== 'function' || typeof zi.ZodType !== 'function') throw new SchemaError('createSchemaFactory(): zodInstance must be zod 4 (import { z } from "zod")');
  const emit = zodEmitter(zi, options?.coerce);
  const createSelectSchema = (entity: unknown, refine?: Record<string, unknown>) => {
    if (isEnumType(entity)) return zi.enum(entity.enumValues as [string, ...string[]]);
    return buildObject(emit, fieldsOf(entity, 'createSelectSchema'), refine ?? {}, 'select', 'createSelectSchema');
  };
  const createInsertSchema = (table: unknown, refine?: Record<string, unknown>) => buildObject(emit, fieldsOf(table, 'createInsertSchema'), refine ?? {}, 'insert', 'createInsertSchema');
  const createUpdateSchema = (table: unknown, refine?: Record<string, unknown>) => buildObject(emit, fieldsOf(table, 'createUpdateSchema'), refine ?? {}, 'update', 'createUpdateSchema');
  return { createSelectSchema, createInsertSchema, createUpdateSchema };
}

const defaults = factory(undefined);

/** The schema of a table's or view's rows (nullable columns `.nullable()`), or of an enum's values (`z.enum`). */
export const createSelectSchema = defaults.createSelectSchema as CreateSelectSchema<undefined>;
/** The schema of an insert: required where the column is not null without a default; columns the database always computes are absent. */
export const createInsertSchema = defaults.createInsertSchema as CreateInsertSchema<undefined>;
/** The schema of an update's `set`: every writable column optional. */
export const createUpdateSchema = defaults.createUpdateSchema as CreateUpdateSchema<undefined>;

/**
 * The three functions bound to a zod instance of your own (`zodInstance`, e.g. one with a custom
 * error map) and coercion (`coerce: true` or `{ number: true, date: true, ... }`, for form data).
 */
export function createSchemaFactory<TCoerce extends CoerceOptions = undefined>(
  options?: CreateSchemaFactoryOptions<TCoerce>,
): { createSelectSchema: CreateSelectSchema<TCoerce>; createInsertSchema: CreateInsertSchema<TCoerce>; createUpdateSchema: CreateUpdateSchema<TCoerce> } {
  return factory(options) as never;
}
