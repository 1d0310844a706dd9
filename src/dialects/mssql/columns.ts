import { asBranded, ColumnBuilder, nameAndConfig, type BuilderConfig, type Column, type ColumnBuilderTypeConfig, type ColumnCodec, type HasDefault, type IsGenerated, type IsIdentity } from '../../core/column.js';
import { entityKind } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { sql, type SQL } from '../../core/sql.js';
import { bigintCodecs, binaryCodec, booleanCodec, dateCodecs, decimalCodecs, jsonCodec, realCodec, timeCodecs, type DateKind } from './codecs.js';

type Cfg<TName extends string, TData, TColumnType extends string, TDataType extends string, TEnum extends readonly string[] | undefined = undefined> = BuilderConfig<TName, TData, TColumnType, TDataType, TEnum>;
type Named<TName extends string, C> = [name?: TName, config?: C] | [config?: C];
type NamedRequired<TName extends string, C> = [name: TName, config: C] | [config: C & object];

/** A column of any SQL Server table; annotate self references with it: `(): AnyMsSqlColumn => users.id`. */
export type AnyMsSqlColumn = Column;

/** A SQL Server column builder. */
export class MsSqlColumnBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends ColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MsSqlColumnBuilder';

  /** SQL Server computes a computed column when read unless it is `persisted`. */
  protected override get defaultGeneratedMode(): 'stored' | 'virtual' {
    return 'virtual';
  }

  /** A computed column: `as (expr)`, or `as (expr) persisted` with `{ mode: 'persisted' }` (also `'stored'`). */
  override generatedAlwaysAs(as: SQL | (() => SQL), config?: { mode?: 'virtual' | 'persisted' | 'stored' }): IsGenerated<this> {
    return super.generatedAlwaysAs(as, { mode: config?.mode === 'persisted' || config?.mode === 'stored' ? 'stored' : 'virtual' });
  }
}

/** A numeric builder with `.identity()`. */
export class MsSqlIdentityBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends MsSqlColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MsSqlIdentityBuilder';
  /**
   * `identity(seed, increment)` (both 1 by default): the server numbers the rows, and inserts
   * leave the column out (SQL Server refuses values for it unless `identity_insert` is on).
   */
  identity(config?: { seed: number; increment: number }): IsIdentity<this, 'always'> {
    const seed = config?.seed ?? 1;
    const increment = config?.increment ?? 1;
    if (!Number.isInteger(seed) || !Number.isInteger(increment) || increment === 0) throw new SchemaError(`identity() takes integer seed and a non-zero integer increment, got ${String(seed)}, ${String(increment)}`);
    this.config.identity = { type: 'always', sequence: { seed, increment } };
    this.config.hasDefault = true;
    this.config.notNull = true;
    return asBranded(this);
  }
}

/** Date and time builders with `.defaultGetDate()`. */
export class MsSqlDateBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends MsSqlColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MsSqlDateBuilder';
  /** Defaults to the server's current time: `(getdate())`. */
  defaultGetDate(): HasDefault<this> {
    return this.default(sql`(getdate())`);
  }
}

const args = nameAndConfig;

function identityColumn<T extends ColumnBuilderTypeConfig>(name: string, columnType: string, dataType: string, sqlType: string, codec?: ColumnCodec): MsSqlIdentityBuilder<T> {
  return new MsSqlIdentityBuilder<T>(name, columnType, dataType, sqlType, codec);
}

/** `int` (4 bytes). */
export function int<TName extends string = ''>(...a: [name?: TName]): MsSqlIdentityBuilder<Cfg<TName, number, 'MsSqlInt', 'number'>> {
  return identityColumn(args(a)[0], 'MsSqlInt', 'number', 'int');
}
/** `tinyint` (0 to 255). */
export function tinyint<TName extends string = ''>(...a: [name?: TName]): MsSqlIdentityBuilder<Cfg<TName, number, 'MsSqlTinyInt', 'number'>> {
  return identityColumn(args(a)[0], 'MsSqlTinyInt', 'number', 'tinyint');
}
/** `smallint` (2 bytes). */
export function smallint<TName extends string = ''>(...a: [name?: TName]): MsSqlIdentityBuilder<Cfg<TName, number, 'MsSqlSmallInt', 'number'>> {
  return identityColumn(args(a)[0], 'MsSqlSmallInt', 'number', 'smallint');
}

type IntMode = 'number' | 'bigint' | 'string';
type ModeData<M> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;
/** `bigint` (8 bytes) as a JavaScript `number`, `bigint` or `string` (the mode is required, as in Drizzle). */
export function bigint<TName extends string = '', TMode extends IntMode = 'number'>(...a: NamedRequired<TName, { mode: TMode }>): MsSqlIdentityBuilder<Cfg<TName, ModeData<NoInfer<TMode>>, 'MsSqlBigInt', NoInfer<TMode>>> {
  const [name, config] = args<{ mode?: IntMode }>(a);
  const mode = config?.mode ?? 'number';
  const b = identityColumn<Cfg<TName, ModeData<NoInfer<TMode>>, 'MsSqlBigInt', NoInfer<TMode>>>(name, 'MsSqlBigInt', mode, 'bigint', bigintCodecs[mode]);
  b.config.extra = { mode };
  return b;
}

/** `bit`: 0/1 read and written as `false`/`true`. */
export function bit<TName extends string = ''>(...a: [name?: TName]): MsSqlIdentityBuilder<Cfg<TName, boolean, 'MsSqlBit', 'boolean'>> {
  return identityColumn(args(a)[0], 'MsSqlBit', 'boolean', 'bit', booleanCodec);
}

type DecimalMode = 'string' | 'number' | 'bigint';
type DecimalConfig<TMode> = { precision?: number; scale?: number; mode?: TMode };
function decimalColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: string): MsSqlIdentityBuilder<T> {
  const [name, config] = args<DecimalConfig<DecimalMode>>(a);
  const mode = config?.mode ?? 'string';
  const { precision, scale } = config ?? {};
  if (precision !== undefined && !(Number.isInteger(precision) && precision >= 1 && precision <= 38)) throw new SchemaError(`${type}: precision must be an integer from 1 to 38, got ${String(precision)}`);
  if (scale !== undefined && !(Number.isInteger(scale) && scale >= 0 && scale <= (precision ?? 18))) throw new SchemaError(`${type}: scale must be an integer from 0 to the precision, got ${String(scale)}`);
  const sqlType = precision === undefined ? type : scale === undefined ? `${type}(${precision})` : `${type}(${precision},${scale})`;
  const b = identityColumn<T>(name, columnType, mode, sqlType, decimalCodecs[mode]);
  b.config.extra = { mode, precision, scale };
  return b;
}
/** `decimal(p, s)`: a string by default (exact), or a `number`/`bigint` by mode. */
export function decimal<TName extends string = '', TMode extends DecimalMode = 'string'>(...a: Named<TName, DecimalConfig<TMode>>): MsSqlIdentityBuilder<Cfg<TName, ModeData<NoInfer<TMode>>, 'MsSqlDecimal', NoInfer<TMode>>> {
  return decimalColumn(a, 'MsSqlDecimal', 'decimal');
}
/** `numeric(p, s)`: the same as `decimal` in SQL Server. */
export function numeric<TName extends string = '', TMode extends DecimalMode = 'string'>(...a: Named<TName, DecimalConfig<TMode>>): MsSqlIdentityBuilder<Cfg<TName, ModeData<NoInfer<TMode>>, 'MsSqlNumeric', NoInfer<TMode>>> {
  return decimalColumn(a, 'MsSqlNumeric', 'numeric');
}

/** `float` or `float(n)` (n from 1 to 53: up to 24 is stored as `real`). */
export function float<TName extends string = ''>(...a: Named<TName, { precision?: number }>): MsSqlIdentityBuilder<Cfg<TName, number, 'MsSqlFloat', 'number'>> {
  const [name, config] = args<{ precision?: number }>(a);
  const p = config?.precision;
  if (p !== undefined && !(Number.isInteger(p) && p >= 1 && p <= 53)) throw new SchemaError(`float: precision must be an integer from 1 to 53, got ${String(p)}`);
  const b = identityColumn<Cfg<TName, number, 'MsSqlFloat', 'number'>>(name, 'MsSqlFloat', 'number', p === undefined ? 'float' : `float(${p})`);
  b.config.extra = { precision: p };
  return b;
}
/** `real` (4-byte float), read with its 7 significant digits. */
export function real<TName extends string = ''>(...a: [name?: TName]): MsSqlIdentityBuilder<Cfg<TName, number, 'MsSqlReal', 'number'>> {
  return identityColumn(args(a)[0], 'MsSqlReal', 'number', 'real', realCodec);
}

type StringData<TEnum> = TEnum extends readonly string[] ? TEnum[number] : string;
type EnumTuple = readonly [string, ...string[]] | undefined;
type Length = number | 'max';
type TextModeConfig<TMode, TEnum> = { length?: Length; mode?: TMode; enum?: TEnum };
type TextModeData<TMode, TEnum> = TMode extends 'json' ? unknown : StringData<TEnum>;

function checkLength(type: string, length: unknown, max: number, allowMax: boolean): void {
  if (length === undefined || (allowMax && length === 'max')) return;
  if (!(typeof length === 'number' && Number.isInteger(length) && length >= 1 && length <= max)) {
    throw new SchemaError(`${type}: length must be an integer from 1 to ${max}${allowMax ? " or 'max'" : ''}, got ${JSON.stringify(length)}`);
  }
}

function charColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: 'char' | 'nchar' | 'varchar' | 'nvarchar'): MsSqlColumnBuilder<T> {
  const [name, config] = args<TextModeConfig<'text' | 'json', readonly string[]>>(a);
  const variable = type === 'varchar' || type === 'nvarchar';
  const limit = type.startsWith('n') ? 4000 : 8000;
  checkLength(type, config?.length, limit, variable);
  const mode = config?.mode ?? 'text';
  if (mode !== 'text' && mode !== 'json') throw new SchemaError(`${type}: mode must be 'text' or 'json', got ${JSON.stringify(mode)}`);
  const sqlType = config?.length === undefined ? type : `${type}(${config.length})`;
  const b = new MsSqlColumnBuilder<T>(name, mode === 'json' ? `${columnType}Json` : columnType, mode === 'json' ? 'json' : 'string', sqlType, mode === 'json' ? jsonCodec : undefined);
  b.config.enumValues = mode === 'json' ? undefined : config?.enum;
  b.config.extra = { length: config?.length, mode };
  return b;
}
/** `char(n)` (fixed length, 1 to 8000), optionally narrowed to an enum of strings (TypeScript only). */
export function char<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, { length?: number; enum?: TEnum }>): MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlChar', 'string', TEnum>> {
  return charColumn(a, 'MsSqlChar', 'char');
}
/** `nchar(n)` (fixed-length Unicode, 1 to 4000). */
export function nchar<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, { length?: number; enum?: TEnum }>): MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlNChar', 'string', TEnum>> {
  return charColumn(a, 'MsSqlNChar', 'nchar');
}
/** `varchar(n | max)`; `mode: 'json'` stores JSON text and reads it back parsed (type it with `.$type<T>()`). */
export function varchar<TName extends string = '', const TEnum extends EnumTuple = undefined, TMode extends 'text' | 'json' = 'text'>(
  ...a: Named<TName, TextModeConfig<TMode, TEnum>>
): MsSqlColumnBuilder<
  Cfg<TName, TextModeData<NoInfer<TMode>, TEnum>, NoInfer<TMode> extends 'json' ? 'MsSqlVarCharJson' : 'MsSqlVarChar', NoInfer<TMode> extends 'json' ? 'json' : 'string', NoInfer<TMode> extends 'json' ? undefined : TEnum>
> {
  return charColumn(a, 'MsSqlVarChar', 'varchar');
}
/** `nvarchar(n | max)` (Unicode); `mode: 'json'` stores JSON text and reads it back parsed. */
export function nvarchar<TName extends string = '', const TEnum extends EnumTuple = undefined, TMode extends 'text' | 'json' = 'text'>(
  ...a: Named<TName, TextModeConfig<TMode, TEnum>>
): MsSqlColumnBuilder<
  Cfg<TName, TextModeData<NoInfer<TMode>, TEnum>, NoInfer<TMode> extends 'json' ? 'MsSqlNVarCharJson' : 'MsSqlNVarChar', NoInfer<TMode> extends 'json' ? 'json' : 'string', NoInfer<TMode> extends 'json' ? undefined : TEnum>
> {
  return charColumn(a, 'MsSqlNVarChar', 'nvarchar');
}

/** `text` (deprecated by SQL Server in favour of `varchar(max)`, still accepted). */
export function text<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, { enum?: TEnum }>): MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlText', 'string', TEnum>> {
  const [name, config] = args<{ enum?: readonly string[] }>(a);
  const b = new MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlText', 'string', TEnum>>(name, 'MsSqlText', 'string', 'text');
  b.config.enumValues = config?.enum;
  return b;
}
/** `ntext` (Unicode; deprecated in favour of `nvarchar(max)`). */
export function ntext<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, { enum?: TEnum }>): MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlNText', 'string', TEnum>> {
  const [name, config] = args<{ enum?: readonly string[] }>(a);
  const b = new MsSqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MsSqlNText', 'string', TEnum>>(name, 'MsSqlNText', 'string', 'ntext');
  b.config.enumValues = config?.enum;
  return b;
}

function binaryColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: 'binary' | 'varbinary'): MsSqlColumnBuilder<T> {
  const [name, config] = args<{ length?: Length }>(a);
  checkLength(type, config?.length, 8000, type === 'varbinary');
  const b = new MsSqlColumnBuilder<T>(name, columnType, 'buffer', config?.length === undefined ? type : `${type}(${config.length})`, binaryCodec);
  b.config.extra = { length: config?.length };
  return b;
}
/** `binary(n)` (fixed length, 1 to 8000), as a Buffer. */
export function binary<TName extends string = ''>(...a: Named<TName, { length?: number }>): MsSqlColumnBuilder<Cfg<TName, Buffer, 'MsSqlBinary', 'buffer'>> {
  return binaryColumn(a, 'MsSqlBinary', 'binary');
}
/** `varbinary(n | max)`, as a Buffer. */
export function varbinary<TName extends string = ''>(...a: Named<TName, { length?: Length }>): MsSqlColumnBuilder<Cfg<TName, Buffer, 'MsSqlVarBinary', 'buffer'>> {
  return binaryColumn(a, 'MsSqlVarBinary', 'varbinary');
}

type DateMode = 'date' | 'string';
type DateData<M> = M extends 'string' ? string : Date;
type DateDataType<M> = M extends 'string' ? 'string' : 'date';
/** Fractional-second digits of `time`, `datetime2` and `datetimeoffset`. */
export type MsSqlPrecision = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

function dateColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, kind: DateKind, withPrecision: boolean): MsSqlDateBuilder<T> {
  const [name, config] = args<{ mode?: DateMode; precision?: number }>(a);
  const mode = config?.mode ?? 'date';
  if (mode !== 'date' && mode !== 'string') throw new SchemaError(`${kind}: mode must be 'date' or 'string', got ${JSON.stringify(mode)}`);
  const precision = withPrecision ? config?.precision : undefined;
  if (precision !== undefined && !(Number.isInteger(precision) && precision >= 0 && precision <= 7)) throw new SchemaError(`${kind}: precision must be an integer from 0 to 7, got ${String(precision)}`);
  const codec = kind === 'time' ? timeCodecs[mode] : dateCodecs(kind)[mode];
  const b = new MsSqlDateBuilder<T>(name, columnType, mode, precision === undefined ? kind : `${kind}(${precision})`, codec);
  b.config.extra = { mode, precision };
  return b;
}
/** `date`, as a `Date` at UTC midnight (default) or a `YYYY-MM-DD` string (`mode: 'string'`). */
export function date<TName extends string = '', TMode extends DateMode = 'date'>(...a: Named<TName, { mode?: TMode }>): MsSqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MsSqlDate', DateDataType<NoInfer<TMode>>>> {
  return dateColumn(a, 'MsSqlDate', 'date', false);
}
/** `datetime` (to 1/300 s), as a `Date` (read as UTC) or an ISO string (`mode: 'string'`). */
export function datetime<TName extends string = '', TMode extends DateMode = 'date'>(...a: Named<TName, { mode?: TMode }>): MsSqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MsSqlDateTime', DateDataType<NoInfer<TMode>>>> {
  return dateColumn(a, 'MsSqlDateTime', 'datetime', false);
}
/** `datetime2(p)`, as a `Date` (read as UTC) or an ISO string (`mode: 'string'`). */
export function datetime2<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, { mode?: TMode; precision?: MsSqlPrecision }>
): MsSqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MsSqlDateTime2', DateDataType<NoInfer<TMode>>>> {
  return dateColumn(a, 'MsSqlDateTime2', 'datetime2', true);
}
/** `datetimeoffset(p)`: a point in time with its offset, as a `Date` or an ISO string (`mode: 'string'`). */
export function datetimeoffset<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, { mode?: TMode; precision?: MsSqlPrecision }>
): MsSqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MsSqlDateTimeOffset', DateDataType<NoInfer<TMode>>>> {
  return dateColumn(a, 'MsSqlDateTimeOffset', 'datetimeoffset', true);
}
/** `time(p)`, as a `Date` on 1970-01-01 UTC (default) or an `HH:MM:SS.mmm` string (`mode: 'string'`). */
export function time<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, { mode?: TMode; precision?: MsSqlPrecision }>
): MsSqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MsSqlTime', DateDataType<NoInfer<TMode>>>> {
  return dateColumn(a, 'MsSqlTime', 'time', true);
}

/** Every column function, as the callback form of `mssqlTable` receives them. */
export const mssqlColumnBuilders = {
  int,
  tinyint,
  smallint,
  bigint,
  bit,
  decimal,
  numeric,
  float,
  real,
  char,
  nchar,
  varchar,
  nvarchar,
  text,
  ntext,
  binary,
  varbinary,
  date,
  datetime,
  datetime2,
  datetimeoffset,
  time,
};
export type MsSqlColumnBuilders = typeof mssqlColumnBuilders;
