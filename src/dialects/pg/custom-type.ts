import type { BuilderConfig } from '../../core/column.js';
import { makeCustomType, type CustomTypeFunction, type CustomTypeParams, type CustomTypeValues } from '../../core/custom-type.js';
import { PgColumnBuilder } from './columns.js';

/**
 * A column type of your own: its SQL type and how its values cross to and from the driver.
 *
 * @example
 * const citext = customType<{ data: string }>({ dataType: () => 'citext' });
 * const money = customType<{ data: number; driverData: string }>({ dataType: () => 'numeric(12, 2)', fromDriver: Number, toDriver: String });
 */
export function customType<T extends CustomTypeValues = CustomTypeValues>(params: CustomTypeParams<T>): CustomTypeFunction<T, PgColumnBuilder<BuilderConfig<string, T['data'], 'PgCustomColumn', 'custom'>>> {
  return makeCustomType<T, PgColumnBuilder<BuilderConfig<string, T['data'], 'PgCustomColumn', 'custom'>>>(PgColumnBuilder, 'PgCustomColumn', params);
}
