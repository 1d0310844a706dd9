/**
 * `sluice/valibot`: valibot schemas from sluice tables, views and enums, as Drizzle's
 * `drizzle-valibot` (`drizzle-orm/valibot`) makes them. Needs valibot 1 (`npm install valibot`).
 *
 * @example
 * const insertUser = createInsertSchema(users, { email: (s) => v.pipe(s, v.email()) });
 * const user = v.parse(insertUser, body);
 */
import * as v from 'valibot';
import { buildObject, type Emitter, fieldsOf } from './build.js';
import { isEnumType, type ValueShape } from './columns.js';
import type { CreateInsertSchema, CreateSelectSchema, CreateUpdateSchema } from './valibot-types.js';

export type * from './valibot-types.js';

type Any = v.GenericSchema;
// biome-ignore lint/suspicious/noExplicitAny: pipe actions of any schema
type AnyAction = v.PipeItem<any, any, v.BaseIssue<unknown>>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** Any JSON value. */
const jsonSchema: v.GenericSchema<Json> = v.lazy(() => v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean(), v.null(), v.array(jsonSchema), v.record(v.string(), jsonSchema)]));
/** What a JSON column holds without `$type<T>()`: null inside it, but a null value is SQL NULL, which only a nullable column takes. */
const jsonColumnSchema: v.GenericSchema<Json> = v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean(), v.array(jsonSchema), v.record(v.string(), jsonSchema)]);

const pipe = (schema: Any, actions: AnyAction[]): Any => (actions.length === 0 ? schema : (v.pipe as unknown as (s: Any, ...a: AnyAction[]) => Any)(schema, ...actions));

function value(shape: ValueShape): Any {
  switch (shape.kind) {
    case 'string': {
      if (shape.format === 'uuid') return v.pipe(v.string(), v.uuid());
      const actions: AnyAction[] = [];
      if (shape.pattern) actions.push(v.regex(shape.pattern));
      if (shape.length !== undefined) actions.push(v.length(shape.length));
      if (shape.max !== undefined) actions.push(v.maxLength(shape.max));
      return pipe(v.string(), actions);
    }
    case 'enum':
      return v.picklist(shape.values);
    case 'number': {
      // valibot's number() takes NaN as a number; columns that check values refuse it, and so does this.
      const actions: AnyAction[] = [shape.integer ? v.integer() : v.finite()];
      if (shape.min !== undefined) actions.push(v.minValue(shape.min));
      if (shape.max !== undefined) actions.push(v.maxValue(shape.max));
      return pipe(v.number(), actions);
    }
    case 'bigint': {
      const actions: AnyAction[] = [];
      if (shape.min !== undefined) actions.push(v.minValue(shape.min));
      if (shape.max !== undefined) actions.push(v.maxValue(shape.max));
      return pipe(v.bigint(), actions);
    }
    case 'boolean':
      return v.boolean();
    case 'date':
      return v.date();
    case 'buffer':
      return v.custom<Buffer>((x) => Buffer.isBuffer(x), 'Expected a Buffer');
    case 'json':
      return jsonColumnSchema;
    case 'tuple':
      return v.strictTuple(Array.from({ length: shape.size }, () => v.number()));
    case 'record':
      return v.object(Object.fromEntries(shape.keys.map((k) => [k, v.number()])));
    case 'array': {
      const a = v.array(value(shape.element));
      return shape.length !== undefined ? v.pipe(a, v.length(shape.length)) : a;
    }
    case 'any':
      return v.any();
  }
}

const emit: Emitter<Any> = {
  value,
  any: () => v.any(),
  nullable: (s) => v.nullable(s),
  optional: (s) => v.optional(s),
  object: (shape) => v.object(shape),
  isSchema: (x) => typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'schema',
};

/** The schema of a table's or view's rows (nullable columns `v.nullable`), or of an enum's values (`v.picklist`). */
export const createSelectSchema = ((entity: unknown, refine?: Record<string, unknown>) => {
  if (isEnumType(entity)) return v.picklist(entity.enumValues);
  return buildObject(emit, fieldsOf(entity, 'createSelectSchema'), refine ?? {}, 'select', 'createSelectSchema');
}) as CreateSelectSchema;

/** The schema of an insert: required where the column is not null without a default; columns the database always computes are absent. */
export const createInsertSchema = ((table: unknown, refine?: Record<string, unknown>) => buildObject(emit, fieldsOf(table, 'createInsertSchema'), refine ?? {}, 'insert', 'createInsertSchema')) as CreateInsertSchema;

/** The schema of an update's `set`: every writable column optional. */
export const createUpdateSchema = ((table: unknown, refine?: Record<string, unknown>) => buildObject(emit, fieldsOf(table, 'createUpdateSchema'), refine ?? {}, 'update', 'createUpdateSchema')) as CreateUpdateSchema;
