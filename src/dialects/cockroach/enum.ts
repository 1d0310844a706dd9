import type { BuilderConfig } from '../../core/column.js';
import { defineEnum } from '../pg/columns.js';
import { CockroachColumnBuilder } from './columns.js';

/** A CockroachDB enum type; call it to make a column: `rolesEnum()` or `rolesEnum('role')`. */
export interface CockroachEnum<TValues extends readonly [string, ...string[]]> {
  <TName extends string = ''>(name?: TName): CockroachColumnBuilder<BuilderConfig<TName, TValues[number], 'CockroachEnumColumn', 'string', TValues>>;
  readonly enumName: string;
  readonly enumValues: TValues;
  readonly schema: string | undefined;
}

/** An enum type declared from a TypeScript enum object; its columns hold the enum's values. */
export interface CockroachEnumObject<E extends Record<string, string>> {
  <TName extends string = ''>(name?: TName): CockroachColumnBuilder<BuilderConfig<TName, E[keyof E], 'CockroachEnumObjectColumn', 'string', [E[keyof E], ...E[keyof E][]]>>;
  readonly enumName: string;
  readonly enumValues: string[];
  readonly schema: string | undefined;
}

const isCockroachEnumSym = Symbol.for('sluice:isCockroachEnum');

/**
 * Declares an enum type (CockroachDB 20.2+), from a list of values or a TypeScript enum object.
 *
 * @example
 * export const rolesEnum = cockroachEnum('roles', ['guest', 'user', 'admin']);
 * export const users = cockroachTable('users', { role: rolesEnum().default('user') });
 */
export function cockroachEnum<const TValues extends readonly [string, ...string[]]>(enumName: string, values: TValues, schema?: string): CockroachEnum<TValues>;
export function cockroachEnum<const E extends Record<string, string>>(enumName: string, values: E, schema?: string): CockroachEnumObject<E>;
export function cockroachEnum(enumName: string, input: readonly string[] | Record<string, string>, schema?: string): unknown {
  return defineEnum({ fn: 'cockroachEnum', columnType: 'CockroachEnum', marker: isCockroachEnumSym, Builder: CockroachColumnBuilder }, enumName, input, schema);
}

/** Whether a value is an enum made by `cockroachEnum`. */
export function isCockroachEnum(value: unknown): value is CockroachEnum<[string, ...string[]]> {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[isCockroachEnumSym] === true;
}
