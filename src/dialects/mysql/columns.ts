import { asBranded, ColumnBuilder, nameAndConfig, type BuilderConfig, type Column, type ColumnBuilderTypeConfig, type ColumnCodec, type HasDefault, type NotNull } from '../../core/column.js';
import { entityKind } from '../../core/entity.js';
import { SchemaError } from '../../core/errors.js';
import { sql } from '../../core/sql.js';

type Cfg<TName extends string, TData, TColumnType extends string, TDataType extends string, TEnum extends readonly string[] | undefined = undefined> = BuilderConfig<TName, TData, TColumnType, TDataType, TEnum>;
type Named<TName extends string, C> = [name?: TName, config?: C] | [config?: C];
type NamedRequired<TName extends string, C> = [name: TName, config: C] | [config: C & object];

/** A column of any MySQL table; annotate self references with it: `(): AnyMySqlColumn => users.id`. */
export type AnyMySqlColumn = Column;

/** A MySQL column builder. */
export class MySqlColumnBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends ColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MySqlColumnBuilder';

  /** Drizzle's default for a generated column here: computed when read, not stored. */
  protected override get defaultGeneratedMode(): 'stored' | 'virtual' {
    return 'virtual';
  }
}

/** A numeric builder with `.autoincrement()`. */
export class MySqlNumericBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends MySqlColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MySqlNumericBuilder';
  /** `auto_increment`: the database assigns the next value when an insert leaves it out. */
  autoincrement(): HasDefault<this> {
    this.config.hasDefault = true;
    this.config.extra = { ...this.config.extra, autoIncrement: true };
    return asBranded(this);
  }
}

/** `date`, `datetime` and `timestamp` builders with `.defaultNow()`. */
export class MySqlDateBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends MySqlColumnBuilder<T> {
  static override readonly [entityKind]: string = 'MySqlDateBuilder';
  /** Defaults to the current time: `(now())`, `(now(fsp))` with fractional seconds, `(curdate())` for a date. */
  defaultNow(): HasDefault<this> {
    const fsp = this.config.extra.fsp as number | undefined;
    return this.default(sql.raw(this.config.sqlType === 'date' ? '(curdate())' : `(${now(fsp)})`));
  }
}

/** `datetime` and `timestamp` builders, which add `.onUpdateNow()`. */
export class MySqlDateTimeBuilder<T extends ColumnBuilderTypeConfig = ColumnBuilderTypeConfig> extends MySqlDateBuilder<T> {
  static override readonly [entityKind]: string = 'MySqlDateTimeBuilder';
  /** `on update current_timestamp`: the column takes the current time on every update, `db.update()` included. */
  onUpdateNow(): HasDefault<this> {
    const text = now(this.config.extra.fsp as number | undefined);
    this.config.extra = { ...this.config.extra, onUpdateNow: true };
    return this.$onUpdate(() => sql.raw(text));
  }
}

const args = nameAndConfig;
const now = (fsp: number | undefined): string => (fsp ? `now(${fsp})` : 'now()');

const toNumber: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'number' ? v : Number(v)) };
const stringOut: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'string' ? v : String(v)) };
const bigintFrom = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(typeof v === 'string' ? v.replace(/\.0*$/, '') : (v as number)));
const bigintCodec: ColumnCodec = { mapFromDriverValue: bigintFrom };
// Integer strings go out as BigInt so comparisons with the column stay exact past 2^53.
const bigintStringCodec: ColumnCodec = { ...stringOut, mapToDriverValue: (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v) };
const decimalCodecs: Record<string, ColumnCodec> = {
  string: { ...stringOut, mapToDriverValue: (v) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v) },
  number: { ...toNumber, mapToDriverValue: (v) => (typeof v === 'number' ? String(v) : v) },
  bigint: { mapFromDriverValue: bigintFrom, mapToDriverValue: (v) => (typeof v === 'bigint' ? String(v) : v) },
};
const booleanCodec: ColumnCodec = { mapFromDriverValue: (v) => (typeof v === 'boolean' ? v : v === 'false' ? false : v === 'true' || Number(v) !== 0) };
const jsonCodec: ColumnCodec = {
  mapFromDriverValue: (v) => {
    if (typeof v !== 'string') return Buffer.isBuffer(v) ? JSON.parse(v.toString('utf8')) : v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  },
  mapToDriverValue: (v) => JSON.stringify(v),
};
/** Binary values arrive as bytes from the driver and as hex inside relational JSON (see the dialect's JSON hooks). */
const toBuffer = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(String(v), 'hex'));
const binaryCodec: ColumnCodec = { mapFromDriverValue: (v) => toBuffer(v).toString('utf8') };
const blobCodec: ColumnCodec = { mapFromDriverValue: toBuffer };
const blobStringCodec: ColumnCodec = { mapFromDriverValue: (v) => toBuffer(v).toString('utf8') };

/** A Date in UTC as MySQL writes it: `YYYY-MM-DD HH:MM:SS`, with `digits` fractional digits. */
function formatUtc(d: Date, digits: number): string {
  const iso = d.toISOString();
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return digits > 0 ? `${base}.${iso.slice(20, 23).padEnd(digits, '0').slice(0, digits)}` : base;
}
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?))?$/;
/** Reads a Date, or a `YYYY-MM-DD[ HH:MM:SS[.fff]]` string as UTC. */
function parseUtc(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  const m = DATE_TEXT.exec(String(v));
  return new Date(m ? `${m[1]}T${m[2] ?? '00:00:00'}Z` : String(v));
}
/** The codec of a date column (`digits` undefined) or a datetime/timestamp column with `digits` fractional digits. */
function dateCodec(mode: 'date' | 'string', digits: number | undefined): ColumnCodec {
  const text = (d: Date, n: number): string => (digits === undefined ? d.toISOString().slice(0, 10) : formatUtc(d, n));
  const mapToDriverValue = (v: unknown) => (v instanceof Date ? text(v, 3) : v);
  if (mode === 'date') return { mapFromDriverValue: parseUtc, mapToDriverValue };
  return { mapFromDriverValue: (v) => (v instanceof Date ? text(v, digits ?? 0) : String(v)), mapToDriverValue };
}

function checkFsp(fsp: number | undefined): number | undefined {
  if (fsp !== undefined && !(Number.isInteger(fsp) && fsp >= 0 && fsp <= 6)) throw new SchemaError(`fsp must be an integer from 0 to 6, got ${String(fsp)}`);
  return fsp;
}
const withFsp = (type: string, fsp: number | undefined): string => (fsp === undefined ? type : `${type}(${fsp})`);
const withPrecision = (type: string, precision?: number, scale?: number): string => (precision === undefined ? type : scale === undefined ? `${type}(${precision})` : `${type}(${precision},${scale})`);

type IntConfig = { unsigned?: boolean };
type FloatConfig = { precision?: number; scale?: number; unsigned?: boolean };
function numberColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: string, dataType = 'number', codec?: ColumnCodec): MySqlNumericBuilder<T> {
  const [name, config] = args<FloatConfig>(a);
  const sqlType = withPrecision(type, config?.precision, config?.scale) + (config?.unsigned ? ' unsigned' : '');
  const b = new MySqlNumericBuilder<T>(name, columnType, dataType, sqlType, codec);
  b.config.extra = { unsigned: config?.unsigned === true, precision: config?.precision, scale: config?.scale };
  return b;
}

/** `serial`: `bigint unsigned not null auto_increment unique`, as a number (not null, with a default). */
export function serial<TName extends string = ''>(...a: [name?: TName]): NotNull<HasDefault<MySqlNumericBuilder<Cfg<TName, number, 'MySqlSerial', 'number'>>>> {
  const b = new MySqlNumericBuilder<Cfg<TName, number, 'MySqlSerial', 'number'>>(args(a)[0], 'MySqlSerial', 'number', 'serial', toNumber);
  b.config.notNull = true;
  b.config.hasDefault = true;
  b.config.extra = { autoIncrement: true, unsigned: true };
  return asBranded(b);
}
/** `int` (4 bytes), optionally `unsigned`. */
export function int<TName extends string = ''>(...a: Named<TName, IntConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlInt', 'number'>> {
  return numberColumn(a, 'MySqlInt', 'int');
}
/** `tinyint` (1 byte), optionally `unsigned`. */
export function tinyint<TName extends string = ''>(...a: Named<TName, IntConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlTinyInt', 'number'>> {
  return numberColumn(a, 'MySqlTinyInt', 'tinyint');
}
/** `smallint` (2 bytes), optionally `unsigned`. */
export function smallint<TName extends string = ''>(...a: Named<TName, IntConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlSmallInt', 'number'>> {
  return numberColumn(a, 'MySqlSmallInt', 'smallint');
}
/** `mediumint` (3 bytes), optionally `unsigned`. */
export function mediumint<TName extends string = ''>(...a: Named<TName, IntConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlMediumInt', 'number'>> {
  return numberColumn(a, 'MySqlMediumInt', 'mediumint');
}

type BigIntMode = 'number' | 'bigint' | 'string';
type ModeData<M> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;
/** `bigint` (8 bytes) as a JavaScript `number`, `bigint` or `string` (the mode is required). */
export function bigint<TName extends string = '', TMode extends BigIntMode = 'number'>(
  ...a: NamedRequired<TName, { mode: TMode; unsigned?: boolean }>
): MySqlNumericBuilder<Cfg<TName, ModeData<NoInfer<TMode>>, 'MySqlBigInt', NoInfer<TMode>>> {
  const mode = args<{ mode: BigIntMode }>(a)[1]?.mode ?? 'number';
  const b = numberColumn<Cfg<TName, ModeData<NoInfer<TMode>>, 'MySqlBigInt', NoInfer<TMode>>>(a, 'MySqlBigInt', 'bigint', mode, mode === 'bigint' ? bigintCodec : mode === 'string' ? bigintStringCodec : toNumber);
  b.config.extra.mode = mode;
  return b;
}

/** `float`, optionally `float(p[,s])` and `unsigned`. */
export function float<TName extends string = ''>(...a: Named<TName, FloatConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlFloat', 'number'>> {
  return numberColumn(a, 'MySqlFloat', 'float', 'number', toNumber);
}
/** `double`, optionally `double(p,s)` and `unsigned`. */
export function double<TName extends string = ''>(...a: Named<TName, FloatConfig>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlDouble', 'number'>> {
  return numberColumn(a, 'MySqlDouble', 'double', 'number', toNumber);
}
/** `real` (a `double` unless the server runs with `REAL_AS_FLOAT`). */
export function real<TName extends string = ''>(...a: Named<TName, { precision?: number; scale?: number }>): MySqlNumericBuilder<Cfg<TName, number, 'MySqlReal', 'number'>> {
  return numberColumn(a, 'MySqlReal', 'real', 'number', toNumber);
}

type DecimalMode = 'string' | 'number' | 'bigint';
type DecimalConfig<TMode> = { precision?: number; scale?: number; unsigned?: boolean; mode?: TMode };
/** `decimal(p, s)`: a string by default (exact; the driver returns decimals as strings), or a `number`/`bigint` by mode. */
export function decimal<TName extends string = '', TMode extends DecimalMode = 'string'>(...a: Named<TName, DecimalConfig<TMode>>): MySqlNumericBuilder<Cfg<TName, ModeData<NoInfer<TMode>>, 'MySqlDecimal', NoInfer<TMode>>> {
  const mode = args<DecimalConfig<DecimalMode>>(a)[1]?.mode ?? 'string';
  const b = numberColumn<Cfg<TName, ModeData<NoInfer<TMode>>, 'MySqlDecimal', NoInfer<TMode>>>(a, 'MySqlDecimal', 'decimal', mode, decimalCodecs[mode]);
  b.config.extra.mode = mode;
  return b;
}

/** `boolean` (`tinyint(1)`): the server's 0/1 read as `false`/`true`. */
export function boolean<TName extends string = ''>(...a: [name?: TName]): MySqlColumnBuilder<Cfg<TName, boolean, 'MySqlBoolean', 'boolean'>> {
  return new MySqlColumnBuilder(args(a)[0], 'MySqlBoolean', 'boolean', 'boolean', booleanCodec);
}

type StringData<TEnum> = TEnum extends readonly string[] ? TEnum[number] : string;
type EnumTuple = readonly [string, ...string[]] | undefined;
type CharConfig<TEnum> = { length?: number; enum?: TEnum };
function stringColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: string, length: 'length' | 'none' = 'length'): MySqlColumnBuilder<T> {
  const [name, config] = args<CharConfig<readonly string[]>>(a);
  const len = length === 'length' ? config?.length : undefined;
  const b = new MySqlColumnBuilder<T>(name, columnType, 'string', len !== undefined ? `${type}(${len})` : type);
  b.config.enumValues = config?.enum;
  if (len !== undefined) b.config.extra = { length: len };
  return b;
}
/** `char(n)`, optionally narrowed to an enum of strings (TypeScript only). */
export function char<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, CharConfig<TEnum>>): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlChar', 'string', TEnum>> {
  return stringColumn(a, 'MySqlChar', 'char');
}
/** `varchar(n)` (the length is required), optionally narrowed to an enum of strings (TypeScript only). */
export function varchar<TName extends string = '', const TEnum extends EnumTuple = undefined>(
  ...a: NamedRequired<TName, { length: number; enum?: TEnum }>
): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlVarChar', 'string', TEnum>> {
  return stringColumn(a, 'MySqlVarChar', 'varchar');
}

type TextConfig<TEnum> = { enum?: TEnum };
/** `text` (up to 64 KiB), optionally narrowed to an enum of strings (TypeScript only). */
export function text<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, TextConfig<TEnum>>): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlText', 'string', TEnum>> {
  return stringColumn(a, 'MySqlText', 'text', 'none');
}
/** `tinytext` (up to 255 bytes). */
export function tinytext<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, TextConfig<TEnum>>): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlText', 'string', TEnum>> {
  return stringColumn(a, 'MySqlText', 'tinytext', 'none');
}
/** `mediumtext` (up to 16 MiB). */
export function mediumtext<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, TextConfig<TEnum>>): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlText', 'string', TEnum>> {
  return stringColumn(a, 'MySqlText', 'mediumtext', 'none');
}
/** `longtext` (up to 4 GiB). */
export function longtext<TName extends string = '', const TEnum extends EnumTuple = undefined>(...a: Named<TName, TextConfig<TEnum>>): MySqlColumnBuilder<Cfg<TName, StringData<TEnum>, 'MySqlText', 'string', TEnum>> {
  return stringColumn(a, 'MySqlText', 'longtext', 'none');
}

/** `binary(n)`, read as a string. */
export function binary<TName extends string = ''>(...a: Named<TName, { length?: number }>): MySqlColumnBuilder<Cfg<TName, string, 'MySqlBinary', 'string'>> {
  const b = stringColumn<Cfg<TName, string, 'MySqlBinary', 'string'>>(a, 'MySqlBinary', 'binary');
  b.config.codec = binaryCodec;
  return b;
}
/** `varbinary(n)` (the length is required), read as a string. */
export function varbinary<TName extends string = ''>(...a: NamedRequired<TName, { length: number }>): MySqlColumnBuilder<Cfg<TName, string, 'MySqlVarBinary', 'string'>> {
  const b = stringColumn<Cfg<TName, string, 'MySqlVarBinary', 'string'>>(a, 'MySqlVarBinary', 'varbinary');
  b.config.codec = binaryCodec;
  return b;
}

type BlobMode = 'buffer' | 'string';
type BlobData<M> = M extends 'string' ? string : Buffer;
function blobColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], sqlType: string): MySqlColumnBuilder<T> {
  const [name, config] = args<{ mode?: BlobMode }>(a);
  const mode = config?.mode ?? 'buffer';
  return new MySqlColumnBuilder<T>(name, mode === 'string' ? 'MySqlBlobString' : 'MySqlBlob', mode === 'string' ? 'string' : 'buffer', sqlType, mode === 'string' ? blobStringCodec : blobCodec);
}
/** `blob` (up to 64 KiB), as a Buffer or (`mode: 'string'`) UTF-8 text. */
export function blob<TName extends string = '', TMode extends BlobMode = 'buffer'>(...a: Named<TName, { mode?: TMode }>): MySqlColumnBuilder<Cfg<TName, BlobData<TMode>, 'MySqlBlob', NoInfer<TMode> extends 'string' ? 'string' : 'buffer'>> {
  return blobColumn(a, 'blob');
}
/** `tinyblob` (up to 255 bytes). */
export function tinyblob<TName extends string = '', TMode extends BlobMode = 'buffer'>(
  ...a: Named<TName, { mode?: TMode }>
): MySqlColumnBuilder<Cfg<TName, BlobData<TMode>, 'MySqlBlob', NoInfer<TMode> extends 'string' ? 'string' : 'buffer'>> {
  return blobColumn(a, 'tinyblob');
}
/** `mediumblob` (up to 16 MiB). */
export function mediumblob<TName extends string = '', TMode extends BlobMode = 'buffer'>(
  ...a: Named<TName, { mode?: TMode }>
): MySqlColumnBuilder<Cfg<TName, BlobData<TMode>, 'MySqlBlob', NoInfer<TMode> extends 'string' ? 'string' : 'buffer'>> {
  return blobColumn(a, 'mediumblob');
}
/** `longblob` (up to 4 GiB). */
export function longblob<TName extends string = '', TMode extends BlobMode = 'buffer'>(
  ...a: Named<TName, { mode?: TMode }>
): MySqlColumnBuilder<Cfg<TName, BlobData<TMode>, 'MySqlBlob', NoInfer<TMode> extends 'string' ? 'string' : 'buffer'>> {
  return blobColumn(a, 'longblob');
}

type DateMode = 'date' | 'string';
type DateData<M> = M extends 'string' ? string : Date;
/** `date`, as a `Date` at UTC midnight (default) or a `YYYY-MM-DD` string (`mode: 'string'`). */
export function date<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, { mode?: TMode }>
): MySqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MySqlDate', NoInfer<TMode> extends 'string' ? 'string' : 'date'>> {
  const mode = args<{ mode?: DateMode }>(a)[1]?.mode ?? 'date';
  const b = new MySqlDateBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MySqlDate', NoInfer<TMode> extends 'string' ? 'string' : 'date'>>(args(a)[0], 'MySqlDate', mode, 'date', dateCodec(mode, undefined));
  b.config.extra = { mode };
  return b;
}

/** Fractional seconds digits of `datetime`, `timestamp` and `time`. */
export type MySqlFsp = 0 | 1 | 2 | 3 | 4 | 5 | 6;
type DateTimeConfig<TMode> = { mode?: TMode; fsp?: MySqlFsp };
function dateTimeColumn<T extends ColumnBuilderTypeConfig>(a: readonly unknown[], columnType: string, type: string): MySqlDateTimeBuilder<T> {
  const [name, config] = args<DateTimeConfig<DateMode>>(a);
  const mode = config?.mode ?? 'date';
  const fsp = checkFsp(config?.fsp);
  const b = new MySqlDateTimeBuilder<T>(name, columnType, mode, withFsp(type, fsp), dateCodec(mode, fsp ?? 0));
  b.config.extra = { mode, fsp };
  return b;
}
/** `datetime[(fsp)]`, as a `Date` (default; the stored value is read and written as UTC) or a string (`mode: 'string'`). */
export function datetime<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, DateTimeConfig<TMode>>
): MySqlDateTimeBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MySqlDateTime', NoInfer<TMode> extends 'string' ? 'string' : 'date'>> {
  return dateTimeColumn(a, 'MySqlDateTime', 'datetime');
}
/** `timestamp[(fsp)]`, as a `Date` (default) or a string (`mode: 'string'`). */
export function timestamp<TName extends string = '', TMode extends DateMode = 'date'>(
  ...a: Named<TName, DateTimeConfig<TMode>>
): MySqlDateTimeBuilder<Cfg<TName, DateData<NoInfer<TMode>>, 'MySqlTimestamp', NoInfer<TMode> extends 'string' ? 'string' : 'date'>> {
  return dateTimeColumn(a, 'MySqlTimestamp', 'timestamp');
}
/** `time[(fsp)]`, as a string. */
export function time<TName extends string = ''>(...a: Named<TName, { fsp?: MySqlFsp }>): MySqlColumnBuilder<Cfg<TName, string, 'MySqlTime', 'string'>> {
  const [name, config] = args<{ fsp?: number }>(a);
  const fsp = checkFsp(config?.fsp);
  const b = new MySqlColumnBuilder<Cfg<TName, string, 'MySqlTime', 'string'>>(name, 'MySqlTime', 'string', withFsp('time', fsp));
  b.config.extra = { fsp };
  return b;
}
/** `year`, as a number. */
export function year<TName extends string = ''>(...a: [name?: TName]): MySqlColumnBuilder<Cfg<TName, number, 'MySqlYear', 'number'>> {
  return new MySqlColumnBuilder(args(a)[0], 'MySqlYear', 'number', 'year', toNumber);
}

/** `json`, typed with `.$type<T>()`; also read from MariaDB, which stores JSON as text. */
export function json<TName extends string = ''>(...a: [name?: TName]): MySqlColumnBuilder<Cfg<TName, unknown, 'MySqlJson', 'json'>> {
  return new MySqlColumnBuilder(args(a)[0], 'MySqlJson', 'json', 'json', jsonCodec);
}

type EnumBuilder<TName extends string, TValues extends readonly [string, ...string[]]> = MySqlColumnBuilder<Cfg<TName, TValues[number], 'MySqlEnumColumn', 'string', TValues>>;
type EnumObjectBuilder<TName extends string, E extends Record<string, string>> = MySqlColumnBuilder<Cfg<TName, E[keyof E], 'MySqlEnumObjectColumn', 'string', [E[keyof E], ...E[keyof E][]]>>;
/**
 * An `enum('a','b')` column of the given values, or of a TypeScript enum object's values (the
 * column is then typed as the enum).
 *
 * @example
 * export const users = mysqlTable('users', { role: mysqlEnum('role', ['guest', 'user', 'admin']).default('user') });
 */
export function mysqlEnum<TName extends string, const TValues extends readonly [string, ...string[]]>(name: TName, values: TValues): EnumBuilder<TName, TValues>;
export function mysqlEnum<const TValues extends readonly [string, ...string[]]>(values: TValues): EnumBuilder<'', TValues>;
export function mysqlEnum<TName extends string, E extends Record<string, string>>(name: TName, values: E): EnumObjectBuilder<TName, E>;
export function mysqlEnum<E extends Record<string, string>>(values: E): EnumObjectBuilder<'', E>;
export function mysqlEnum(a: string | readonly string[] | Record<string, string>, b?: readonly string[] | Record<string, string>): MySqlColumnBuilder {
  const [name, input] = typeof a === 'string' ? [a, b] : ['', a];
  const label = name ? `mysqlEnum "${name}"` : 'mysqlEnum';
  const fromObject = input !== null && typeof input === 'object' && !Array.isArray(input);
  const values = fromObject ? Object.values(input as Record<string, string>) : (input as readonly string[] | undefined);
  if (!Array.isArray(values) || values.length === 0) throw new SchemaError(`${label} needs at least one value`);
  if (values.some((v) => typeof v !== 'string')) throw new SchemaError(`${label}: every value must be a string (numeric TypeScript enums cannot be MySQL enums)`);
  if (new Set(values).size !== values.length) throw new SchemaError(`${label} has a value twice`);
  const type = `enum(${values.map((v: string) => `'${v.replace(/'/g, "''")}'`).join(',')})`;
  const builder = new MySqlColumnBuilder(name, fromObject ? 'MySqlEnumObjectColumn' : 'MySqlEnumColumn', 'string', type, {
    checksEnum: true,
    mapToDriverValue: (v: unknown) => {
      if (!values.includes(v as string)) throw new SchemaError(`"${String(v)}" is not a value of ${label} (${values.join(', ')})`);
      return v;
    },
  });
  builder.config.enumValues = values;
  return builder;
}

/** Every column function, as the callback form of `mysqlTable` receives them. */
export const mysqlColumnBuilders = {
  serial,
  int,
  tinyint,
  smallint,
  mediumint,
  bigint,
  float,
  double,
  real,
  decimal,
  boolean,
  char,
  varchar,
  text,
  tinytext,
  mediumtext,
  longtext,
  binary,
  varbinary,
  blob,
  tinyblob,
  mediumblob,
  longblob,
  date,
  datetime,
  timestamp,
  time,
  year,
  json,
  mysqlEnum,
};
export type MySqlColumnBuilders = typeof mysqlColumnBuilders;
