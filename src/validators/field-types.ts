/**
 * The type-level pieces both schema libraries' types share: which fields a table has, which of
 * them an insert or update may not write, and what a refinement may name. Only the schema types
 * themselves (zod-types.ts, valibot-types.ts) differ per library.
 */
import type { Column } from '../core/column.js';

/** The three schemas a table gives. */
export type SchemaKind = 'select' | 'insert' | 'update';

/** A column no insert or update writes: generated, or an always-identity column. */
export type IsReadOnly<C> = C extends Column ? (C['_']['generated'] extends true ? true : C['_']['identity'] extends 'always' ? true : false) : false;

/** A refinement may name only the table's columns. */
export type NoUnknownKeys<TRefine, TFields> = { [K in keyof TRefine]: K extends keyof TFields ? TRefine[K] : `unknown column in refinement: ${K & string}` };

export type FieldsOf<T> = T extends { readonly _: { columns: infer C } } ? C : never;
export type WritableFields<T> = { [K in keyof FieldsOf<T> as IsReadOnly<FieldsOf<T>[K]> extends true ? never : K]: FieldsOf<T>[K] };

/** An enum type (`pgEnum`, `cockroachEnum`). */
export interface EnumType<TValues extends readonly [string, ...string[]]> {
  (...args: never[]): unknown;
  readonly enumName: string;
  readonly enumValues: TValues;
}
