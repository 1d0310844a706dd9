import { Column } from '../core/column.js';
import { SchemaError } from '../core/errors.js';
import { SQL } from '../core/sql.js';
import { describeColumn, type FieldShape, fieldsOf, type ValueShape } from './columns.js';

// The walk over a table's fields that `sluice/zod` and `sluice/valibot` share. An emitter says how
// its library writes a value, a nullable, an optional and an object; which fields a select,
// insert or update schema holds, and which of them may be null or left out, is decided here.

export type SchemaKind = 'select' | 'insert' | 'update';

/** How a schema library writes what `columns.ts` describes. */
export interface Emitter<S> {
  value(shape: ValueShape): S;
  /** For fields that are expressions (a view's `sql` fields): anything. */
  any(): S;
  nullable(schema: S): S;
  optional(schema: S): S;
  object(shape: Record<string, S>): S;
  /** Whether a refinement value is a schema of this library (else it must be a function). */
  isSchema(value: unknown): boolean;
}

/** Builds the object schema of a table's or view's fields, refined by `refine` (a schema replaces a field's, a function extends it). */
export function buildObject<S>(emit: Emitter<S>, fields: Record<string, unknown>, refine: Record<string, unknown>, kind: SchemaKind, fn: string): S {
  const shape: Record<string, S> = {};
  for (const key of Object.keys(refine)) {
    if (!(key in fields)) throw new SchemaError(`${fn}(): the refinement names "${key}", which is not a column of the table (${Object.keys(fields).join(', ')})`);
  }
  for (const [key, field] of Object.entries(fields)) {
    const refinement = refine[key];
    if (!(field instanceof Column) && !(field instanceof SQL) && typeof field === 'object' && field !== null && !(field instanceof SQL.Aliased)) {
      // A view's nested selection: an object of its own fields.
      shape[key] = buildObject(emit, field as Record<string, unknown>, (refinement ?? {}) as Record<string, unknown>, kind, fn);
      continue;
    }
    const column = field instanceof Column ? field : undefined;
    const described = column ? describeColumn(column) : undefined;
    if (described?.readOnly && kind !== 'select') continue;
    if (refinement !== undefined && typeof refinement !== 'function') {
      if (!emit.isSchema(refinement)) throw new SchemaError(`${fn}(): the refinement of "${key}" must be a schema or a function of the column's schema`);
      // As in Drizzle, a schema given for a field is the whole field: its nullability is the schema's own.
      shape[key] = refinement as S;
      continue;
    }
    let schema = described ? emit.value(described.value) : emit.any();
    if (typeof refinement === 'function') schema = (refinement as (s: S) => S)(schema);
    shape[key] = described ? wrap(emit, schema, described, kind) : schema;
  }
  return emit.object(shape);
}

function wrap<S>(emit: Emitter<S>, schema: S, field: FieldShape, kind: SchemaKind): S {
  const s = field.nullable ? emit.nullable(schema) : schema;
  if (kind === 'update' || (kind === 'insert' && field.insertOptional)) return emit.optional(s);
  return s;
}

export { fieldsOf };
