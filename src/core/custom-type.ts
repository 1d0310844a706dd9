import { asBranded, nameAndConfig, type ColumnBuilder, type ColumnCodec, type HasDefault, type NotNull } from './column.js';
import { SchemaError } from './errors.js';

/** What a custom type declares about itself (all type-level). */
export interface CustomTypeValues {
  /** The TypeScript type of the column's values. */
  data: unknown;
  /** What the driver reads and writes (defaults to `data`). */
  driverData?: unknown;
  /** The options the column function takes, passed to `dataType()`. */
  config?: Record<string, unknown>;
  /** Whether those options must be given. */
  configRequired?: boolean;
  /** Columns of this type are not null. */
  notNull?: boolean;
  /** Columns of this type have a default. */
  default?: boolean;
}

/** How a custom type maps to SQL and to the driver. */
export interface CustomTypeParams<T extends CustomTypeValues> {
  /** The SQL type, as DDL writes it: `dataType: (config) => \`varchar(${config.length})\``. */
  dataType: (config: T['config'] | (Equal<T['configRequired'], true> extends true ? never : undefined)) => string;
  /** Converts a value before it is sent to the driver. */
  toDriver?: (value: T['data']) => T['driverData'] | unknown;
  /** Converts what the driver reads into the column's value. */
  fromDriver?: (value: T['driverData']) => T['data'];
}

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

type Flags<B, T extends CustomTypeValues> = T['notNull'] extends true ? (T['default'] extends true ? NotNull<HasDefault<B>> : NotNull<B>) : T['default'] extends true ? HasDefault<B> : B;

/**
 * The column function a custom type gives: `myType()`, `myType('name')`, `myType('name', config)`
 * or `myType(config)`; `B` is the dialect's builder type for it.
 */
export type CustomTypeFunction<T extends CustomTypeValues, B> = T['configRequired'] extends true
  ? {
      (name: string, config: T['config']): Flags<B, T>;
      (config: T['config']): Flags<B, T>;
    }
  : {
      (name?: string, config?: T['config']): Flags<B, T>;
      (config?: T['config']): Flags<B, T>;
    };

/**
 * @internal Makes a column function for a custom type with a dialect's column builder class; `B`
 * is the builder type the dialect declares for it (`PgColumnBuilder<BuilderConfig<...>>`).
 */
export function makeCustomType<T extends CustomTypeValues, B extends ColumnBuilder>(
  Builder: new (name: string, columnType: string, dataType: string, sqlType: string, codec?: ColumnCodec) => B,
  columnType: string,
  params: CustomTypeParams<T>,
): CustomTypeFunction<T, B> {
  if (!params || typeof params.dataType !== 'function') throw new SchemaError('customType() needs a dataType(config) function that returns the SQL type');
  const codec: ColumnCodec = {};
  if (params.fromDriver) codec.mapFromDriverValue = params.fromDriver as (v: unknown) => unknown;
  if (params.toDriver) codec.mapToDriverValue = params.toDriver as (v: unknown) => unknown;
  return (...a: unknown[]): Flags<B, T> => {
    const [name, config] = nameAndConfig<T['config']>(a);
    // The column function's overloads demand the config when `configRequired` is set, so it is what dataType takes.
    const b = new Builder(name, columnType, 'custom', params.dataType(config as Parameters<CustomTypeParams<T>['dataType']>[0]), codec);
    b.config.extra = { customTypeParams: params, fieldConfig: config };
    // As in Drizzle, `notNull` and `default` of a custom type are type-level promises of its declaration.
    return asBranded(b);
  };
}
