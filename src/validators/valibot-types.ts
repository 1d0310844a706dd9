import type * as v from 'valibot';
import type { Column } from '../core/column.js';
import type { EnumType, FieldsOf, IsReadOnly, NoUnknownKeys, SchemaKind, WritableFields } from './field-types.js';
import type { SQL } from '../core/sql.js';
import type { Table } from '../core/table.js';
import type { View } from '../core/view.js';

// The static side of `sluice/valibot`: each field is a schema of the column's TypeScript type, so
// `v.InferOutput` of a select schema is the table's `$inferSelect` and of an insert schema its
// `$inferInsert`. valibot composes by function (`v.pipe(schema, v.maxLength(20))`), so a
// refinement needs only the value type, which `v.GenericSchema<T>` states.

/** The valibot type of a column's values, before nullability. */
export type GetValibotType<C extends Column> = C['_']['enumValues'] extends readonly [string, ...string[]]
  ? [C['_']['data']] extends [C['_']['enumValues'][number]]
    ? v.PicklistSchema<C['_']['enumValues'], undefined>
    : v.GenericSchema<C['_']['data']>
  : v.GenericSchema<C['_']['data']>;

type Wrap<TKind extends SchemaKind, S extends v.GenericSchema, C extends Column> = C['_']['notNull'] extends true
  ? TKind extends 'update'
    ? v.OptionalSchema<S, undefined>
    : TKind extends 'insert'
      ? C['_']['hasDefault'] extends true
        ? v.OptionalSchema<S, undefined>
        : S
      : S
  : TKind extends 'select'
    ? v.NullableSchema<S, undefined>
    : v.OptionalSchema<v.NullableSchema<S, undefined>, undefined>;

type Field<TKind extends SchemaKind, F, R> = F extends Column
  ? [R] extends [(schema: never) => infer S]
    ? Wrap<TKind, S extends v.GenericSchema ? S : v.GenericSchema, F>
    : [R] extends [v.GenericSchema]
      ? R
      : Wrap<TKind, GetValibotType<F>, F>
  : F extends SQL | SQL.Aliased
    ? v.AnySchema
    : F extends Record<string, unknown>
      ? v.ObjectSchema<BuildShape<TKind, F, R extends Record<string, unknown> ? R : undefined>, undefined>
      : v.AnySchema;

type BuildShape<TKind extends SchemaKind, TFields, TRefine> = {
  [K in keyof TFields as TKind extends 'select' ? K : IsReadOnly<TFields[K]> extends true ? never : K]: Field<TKind, TFields[K], TRefine extends Record<string, unknown> ? (K extends keyof TRefine ? TRefine[K] : undefined) : undefined>;
};

/** The object schema `create*Schema` returns. */
export type BuildSchema<TKind extends SchemaKind, TFields, TRefine> = v.ObjectSchema<BuildShape<TKind, TFields, TRefine>, undefined>;

/** What `refine` may give per column: a schema (replaces the column's) or a function of the column's schema (extends it). */
export type BuildRefine<TFields> = {
  [K in keyof TFields]?: TFields[K] extends Column
    ? v.GenericSchema | ((schema: GetValibotType<TFields[K]>) => v.GenericSchema)
    : TFields[K] extends SQL | SQL.Aliased
      ? v.GenericSchema | ((schema: v.AnySchema) => v.GenericSchema)
      : TFields[K] extends Record<string, unknown>
        ? BuildRefine<TFields[K]>
        : never;
};

export interface CreateSelectSchema {
  <const TValues extends readonly [string, ...string[]]>(enumType: EnumType<TValues>): v.PicklistSchema<TValues, undefined>;
  <TTable extends Table>(table: TTable): BuildSchema<'select', FieldsOf<TTable>, undefined>;
  <TTable extends Table, TRefine extends BuildRefine<FieldsOf<TTable>>>(table: TTable, refine: NoUnknownKeys<TRefine, FieldsOf<TTable>>): BuildSchema<'select', FieldsOf<TTable>, TRefine>;
  /** A view defined by a query, whose fields may be nested objects and `sql` expressions (those take any value). */
  <TView extends View<Record<string, unknown>>>(view: TView): BuildSchema<'select', FieldsOf<TView>, undefined>;
  <TView extends View<Record<string, unknown>>, TRefine extends BuildRefine<FieldsOf<TView>>>(view: TView, refine: NoUnknownKeys<TRefine, FieldsOf<TView>>): BuildSchema<'select', FieldsOf<TView>, TRefine>;
}

export interface CreateInsertSchema {
  <TTable extends Table>(table: TTable): BuildSchema<'insert', FieldsOf<TTable>, undefined>;
  <TTable extends Table, TRefine extends BuildRefine<WritableFields<TTable>>>(table: TTable, refine: NoUnknownKeys<TRefine, WritableFields<TTable>>): BuildSchema<'insert', FieldsOf<TTable>, TRefine>;
}

export interface CreateUpdateSchema {
  <TTable extends Table>(table: TTable): BuildSchema<'update', FieldsOf<TTable>, undefined>;
  <TTable extends Table, TRefine extends BuildRefine<WritableFields<TTable>>>(table: TTable, refine: NoUnknownKeys<TRefine, WritableFields<TTable>>): BuildSchema<'update', FieldsOf<TTable>, TRefine>;
}
