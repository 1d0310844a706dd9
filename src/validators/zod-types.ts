import type { z } from 'zod';
import type { Column } from '../core/column.js';
import type { EnumType, FieldsOf, IsReadOnly, NoUnknownKeys, SchemaKind, WritableFields } from './field-types.js';
import type { SQL } from '../core/sql.js';
import type { Table } from '../core/table.js';
import type { View } from '../core/view.js';

// The static side of `sluice/zod`: each field's zod type follows the column's TypeScript type, so
// `z.infer` of a select schema is the table's `$inferSelect` and of an insert schema its
// `$inferInsert`. A column whose type a zod class states exactly (string, number, bigint,
// boolean, Date, an enum, arrays of those) gets that class, so refinements can call its methods
// (`(s) => s.max(20)`); other types (JSON and `$type<T>()` narrowings) are `z.ZodType<T>`.

/** Which kinds of column `createSchemaFactory({ coerce })` coerces: all (`true`) or some. */
export type CoerceOptions = Partial<Record<'bigint' | 'boolean' | 'date' | 'number' | 'string', true>> | true | undefined;

export interface CreateSchemaFactoryOptions<TCoerce extends CoerceOptions> {
  /** The zod (4) instance to build with; defaults to the `zod` package's. */
  // biome-ignore lint/suspicious/noExplicitAny: any zod 4 instance, of any version's exact type
  zodInstance?: any;
  coerce?: TCoerce;
}

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type CanCoerce<TCoerce, K extends string> = TCoerce extends true ? true : TCoerce extends Record<string, unknown> ? (TCoerce[K & keyof TCoerce] extends true ? true : false) : false;

/** The zod type of a value of type `T` (an element of an array column is one too). */
type ZodOf<T, TCoerce, TUuid extends boolean = false> =
  Equal<T, string> extends true
    ? TUuid extends true
      ? z.ZodUUID
      : CanCoerce<TCoerce, 'string'> extends true
        ? z.ZodCoercedString<unknown>
        : z.ZodString
    : Equal<T, number> extends true
      ? CanCoerce<TCoerce, 'number'> extends true
        ? z.ZodCoercedNumber<unknown>
        : z.ZodNumber
      : Equal<T, bigint> extends true
        ? CanCoerce<TCoerce, 'bigint'> extends true
          ? z.ZodCoercedBigInt<unknown>
          : z.ZodBigInt
        : Equal<T, boolean> extends true
          ? CanCoerce<TCoerce, 'boolean'> extends true
            ? z.ZodCoercedBoolean<unknown>
            : z.ZodBoolean
          : Equal<T, Date> extends true
            ? CanCoerce<TCoerce, 'date'> extends true
              ? z.ZodCoercedDate<unknown>
              : z.ZodDate
            : z.ZodType<T, T>;

type IsArrayColumn<C extends Column> = C['_']['columnType'] extends 'PgArray' | 'CockroachArray' ? true : false;
type ArrayOf<T, TCoerce> = T extends readonly (infer E)[] ? ([E] extends [readonly unknown[]] ? z.ZodArray<ArrayOf<E, TCoerce>> : z.ZodArray<ZodOf<E, TCoerce>>) : z.ZodType<T, T>;

/** The zod type of a column's values, before nullability. */
export type GetZodType<C extends Column, TCoerce extends CoerceOptions = undefined> = C['_']['enumValues'] extends readonly [string, ...string[]]
  ? Equal<C['_']['data'], C['_']['enumValues'][number]> extends true
    ? z.ZodEnum<{ [K in C['_']['enumValues'][number]]: K }>
    : z.ZodType<C['_']['data'], C['_']['data']>
  : C['_']['dataType'] extends 'custom'
    ? // A custom type's schema takes anything (sluice cannot know what it admits); it is typed as its data.
      z.ZodType<C['_']['data'], C['_']['data']>
    : IsArrayColumn<C> extends true
      ? ArrayOf<C['_']['data'], TCoerce>
      : ZodOf<C['_']['data'], TCoerce, C['_']['columnType'] extends 'PgUUID' | 'CockroachUUID' ? true : false>;

type Wrap<TKind extends SchemaKind, S extends z.ZodType, C extends Column> = C['_']['notNull'] extends true
  ? TKind extends 'update'
    ? z.ZodOptional<S>
    : TKind extends 'insert'
      ? C['_']['hasDefault'] extends true
        ? z.ZodOptional<S>
        : S
      : S
  : TKind extends 'select'
    ? z.ZodNullable<S>
    : z.ZodOptional<z.ZodNullable<S>>;

type Field<TKind extends SchemaKind, F, R, TCoerce extends CoerceOptions> = F extends Column
  ? [R] extends [(schema: never) => infer S]
    ? Wrap<TKind, S extends z.ZodType ? S : z.ZodType, F>
    : [R] extends [z.ZodType]
      ? R
      : Wrap<TKind, GetZodType<F, TCoerce>, F>
  : F extends SQL | SQL.Aliased
    ? z.ZodAny
    : F extends Record<string, unknown>
      ? z.ZodObject<BuildShape<TKind, F, R extends Record<string, unknown> ? R : undefined, TCoerce>, z.core.$strip>
      : z.ZodAny;

type BuildShape<TKind extends SchemaKind, TFields, TRefine, TCoerce extends CoerceOptions> = {
  [K in keyof TFields as TKind extends 'select' ? K : IsReadOnly<TFields[K]> extends true ? never : K]: Field<
    TKind,
    TFields[K],
    TRefine extends Record<string, unknown> ? (K extends keyof TRefine ? TRefine[K] : undefined) : undefined,
    TCoerce
  >;
};

/** The object schema `create*Schema` returns. */
export type BuildSchema<TKind extends SchemaKind, TFields, TRefine, TCoerce extends CoerceOptions> = z.ZodObject<BuildShape<TKind, TFields, TRefine, TCoerce>, z.core.$strip>;

/** What `refine` may give per column: a schema (replaces the column's) or a function of the column's schema (extends it). */
export type BuildRefine<TFields, TCoerce extends CoerceOptions> = {
  [K in keyof TFields]?: TFields[K] extends Column
    ? z.ZodType | ((schema: GetZodType<TFields[K], TCoerce>) => z.ZodType)
    : TFields[K] extends SQL | SQL.Aliased
      ? z.ZodType | ((schema: z.ZodAny) => z.ZodType)
      : TFields[K] extends Record<string, unknown>
        ? BuildRefine<TFields[K], TCoerce>
        : never;
};

export interface CreateSelectSchema<TCoerce extends CoerceOptions> {
  <const TValues extends readonly [string, ...string[]]>(enumType: EnumType<TValues>): z.ZodEnum<{ [K in TValues[number]]: K }>;
  <TTable extends Table>(table: TTable): BuildSchema<'select', FieldsOf<TTable>, undefined, TCoerce>;
  <TTable extends Table, TRefine extends BuildRefine<FieldsOf<TTable>, TCoerce>>(table: TTable, refine: NoUnknownKeys<TRefine, FieldsOf<TTable>>): BuildSchema<'select', FieldsOf<TTable>, TRefine, TCoerce>;
  /** A view defined by a query, whose fields may be nested objects and `sql` expressions (those take any value). */
  <TView extends View<Record<string, unknown>>>(view: TView): BuildSchema<'select', FieldsOf<TView>, undefined, TCoerce>;
  <TView extends View<Record<string, unknown>>, TRefine extends BuildRefine<FieldsOf<TView>, TCoerce>>(view: TView, refine: NoUnknownKeys<TRefine, FieldsOf<TView>>): BuildSchema<'select', FieldsOf<TView>, TRefine, TCoerce>;
}

export interface CreateInsertSchema<TCoerce extends CoerceOptions> {
  <TTable extends Table>(table: TTable): BuildSchema<'insert', FieldsOf<TTable>, undefined, TCoerce>;
  <TTable extends Table, TRefine extends BuildRefine<WritableFields<TTable>, TCoerce>>(table: TTable, refine: NoUnknownKeys<TRefine, WritableFields<TTable>>): BuildSchema<'insert', FieldsOf<TTable>, TRefine, TCoerce>;
}

export interface CreateUpdateSchema<TCoerce extends CoerceOptions> {
  <TTable extends Table>(table: TTable): BuildSchema<'update', FieldsOf<TTable>, undefined, TCoerce>;
  <TTable extends Table, TRefine extends BuildRefine<WritableFields<TTable>, TCoerce>>(table: TTable, refine: NoUnknownKeys<TRefine, WritableFields<TTable>>): BuildSchema<'update', FieldsOf<TTable>, TRefine, TCoerce>;
}
