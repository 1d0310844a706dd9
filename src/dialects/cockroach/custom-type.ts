import type { BuilderConfig } from '../../core/column.js';
import { makeCustomType, type CustomTypeFunction, type CustomTypeParams, type CustomTypeValues } from '../../core/custom-type.js';
import { CockroachColumnBuilder } from './columns.js';

/**
 * A column type of your own: its SQL type and how its values cross to and from the driver.
 *
 * @example
 * const money = customType<{ data: number; driverData: string }>({ dataType: () => 'decimal(12,2)', fromDriver: Number, toDriver: String });
 */
export function customType<T extends CustomTypeValues = CustomTypeValues>(params: CustomTypeParams<T>): CustomTypeFunction<T, CockroachColumnBuilder<BuilderConfig<string, T['data'], 'CockroachCustomColumn', 'custom'>>> {
  return makeCustomType<T, CockroachColumnBuilder<BuilderConfig<string, T['data'], 'CockroachCustomColumn', 'custom'>>>(CockroachColumnBuilder, 'CockroachCustomColumn', params);
}
