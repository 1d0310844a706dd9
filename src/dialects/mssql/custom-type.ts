import type { BuilderConfig } from '../../core/column.js';
import { makeCustomType, type CustomTypeFunction, type CustomTypeParams, type CustomTypeValues } from '../../core/custom-type.js';
import { MsSqlColumnBuilder } from './columns.js';

/**
 * A column type of your own: its SQL type and how its values cross to and from the driver.
 *
 * @example
 * const money = customType<{ data: number; driverData: string }>({ dataType: () => 'money', fromDriver: Number, toDriver: String });
 */
export function customType<T extends CustomTypeValues = CustomTypeValues>(params: CustomTypeParams<T>): CustomTypeFunction<T, MsSqlColumnBuilder<BuilderConfig<string, T['data'], 'MsSqlCustomColumn', 'custom'>>> {
  return makeCustomType<T, MsSqlColumnBuilder<BuilderConfig<string, T['data'], 'MsSqlCustomColumn', 'custom'>>>(MsSqlColumnBuilder, 'MsSqlCustomColumn', params);
}
